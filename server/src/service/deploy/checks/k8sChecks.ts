// The checks between Kubernetes manifests (origin "cluster"), in order: what a pod mounts, its
// routes as cluster DNS names and the Services behind them, then ports and probes. Each finding
// sits at the YAML line to fix, with the other end as related information. Then what nats-server
// refuses on each container's command line (origin "server").

import type { Diagnostic } from '../../diagnostics';
import type { VirtualFiles } from '../virtualFiles';
import type { KubernetesModel } from '../kubernetes';
import { K8sContext, type ReadReplica } from './k8sContext';
import * as k8sMounts from './k8sMounts';
import * as k8sPorts from './k8sPorts';
import * as k8sRoutes from './k8sRoutes';
import { flagFindings } from './flagChecks';

/** Findings between the manifests of `model`, given its replicas read as nodes (see replicaNodes). */
export function kubernetesDiagnostics(
  model: KubernetesModel,
  nodes: readonly ReadReplica[],
  files?: VirtualFiles,
): Diagnostic[] {
  const ctx = new K8sContext(model, nodes, files);
  k8sMounts.checkConfigMissing(ctx);
  k8sMounts.checkConfigPath(ctx);
  k8sMounts.checkStore(ctx);
  k8sRoutes.checkRoutes(ctx);
  k8sPorts.checkContainerPorts(ctx);
  k8sPorts.checkServicePorts(ctx);
  k8sPorts.checkProbes(ctx);
  return [...ctx.findings.diagnostics(), ...commandLines(ctx)];
}

/**
 * What nats-server refuses on each container's command line. Not judged where a word comes from a
 * value not known here: it could be any flag or value.
 */
function commandLines(ctx: K8sContext): Diagnostic[] {
  return ctx.targets.flatMap(({ workload, container, command }) =>
    command && !command.argv.some((w) => w.unknown)
      ? flagFindings(workload.file, command.flags, `container ${container.name} of ${workload.kind} ${workload.name}`)
      : [],
  );
}

/** Every check file, by name: each lists the finding codes it reports (`codes`). */
export const K8S_CHECK_FILES = { k8sMounts, k8sPorts, k8sRoutes };
