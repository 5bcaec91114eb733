// What the checks between Kubernetes manifests share: each container running nats-server with what
// its config and command line say (ports, routes, JetStream), and places in the config as YAML places.

import type { ConfigModel } from '../../document';
import { effectiveTop, valueUnknown, type Setting } from '../../effective';
import { listenersOf, type ListenerKind } from '../../listeners';
import { nodeOf, type NodeConfig } from '../../cluster/nodes';
import type { Span } from '../../tree';
import { goInt } from '../flags';
import type { VirtualFiles } from '../virtualFiles';
import {
  K8sFindings,
  containerEnvironment,
  podNames,
  serverCommand,
  type KubernetesModel,
  type NatsContainer,
  type Place,
  type ReplicaNode,
  type ServerCommand,
  type Workload,
} from '../kubernetes';

/** A replica read as a node: its config model, at a virtual path. */
export type ReadReplica = ReplicaNode & { model: ConfigModel; path: string };

export interface Listening {
  kind: ListenerKind;
  port: number;
  host: string;
}

/** A container running nats-server, with what its first pod's config and flags say. */
export interface Target {
  workload: Workload;
  container: NatsContainer;
  command: ServerCommand | undefined;
  /** The first replica read (undefined: its config is not among the files). */
  replica: ReadReplica | undefined;
  node: NodeConfig | undefined;
  /** Every socket it opens (flags applied); undefined when the config is not known. */
  listeners: Listening[] | undefined;
}

export class K8sContext {
  readonly findings: K8sFindings;
  readonly targets: Target[];

  constructor(
    readonly model: KubernetesModel,
    readonly nodes: readonly ReadReplica[],
    readonly files: VirtualFiles | undefined,
  ) {
    this.findings = new K8sFindings(model);
    this.targets = [];
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        const pod = podNames(workload)[0];
        const env = containerEnvironment(model, workload, container, 0, pod);
        const command = serverCommand(workload, container, env.values);
        const replica = nodes.find((n) => n.workload === workload && n.container === container);
        const node = replica ? nodeOf(replica.model) : undefined;
        const listeners = replica && command ? listening(replica.model, command) : undefined;
        this.targets.push({ workload, container, command, replica, node, listeners });
      }
    }
  }

  /** Where a config setting (or a span of a config file) is written in the YAML. */
  configPlace(model: ConfigModel, file: string, span: Span): Place | undefined {
    const virtual = this.files?.get(file);
    if (virtual) return { file: virtual.yaml.path, span: this.files!.span(virtual, span) };
    // A replica's root config read without virtual files (tests): its entry's text.
    const replica = this.nodes.find((n) => n.model === model && n.path === file);
    const entry = replica?.object.entries.get(replica.key);
    if (!replica || !entry || entry.encoded)
      return entry ? { file: replica!.object.yamlPath, span: entry.keySpan } : undefined;
    return {
      file: replica.object.yamlPath,
      span: { start: entry.embedded.toSource(span.start), end: entry.embedded.toSource(span.end) },
    };
  }

  settingPlace(model: ConfigModel, setting: Setting | undefined): Place | undefined {
    return setting ? this.configPlace(model, setting.file.path, setting.entry) : undefined;
  }
}

/** The sockets a config opens, with the flags that override it (`-p`, `-m`, `-ms`, `--cluster`, `-a`). */
function listening(model: ConfigModel, command: ServerCommand): Listening[] {
  const out: Listening[] = listenersOf(model)
    .filter((l) => !l.ambiguous && l.port > 0)
    .map((l) => ({ kind: l.kind, port: l.port, host: l.host }));
  const flag = (name: string) => command.flags.flags.filter((f) => f.flag.names[0] === name).at(-1)?.value;
  const int = (v: string | undefined) => {
    const n = v === undefined ? undefined : goInt(v);
    return n && 'value' in n ? Number(n.value) : undefined;
  };
  const replace = (kind: ListenerKind, port: number | undefined, host?: string) => {
    if (port === undefined) return;
    const i = out.findIndex((l) => l.kind === kind);
    const clientHost = out.find((l) => l.kind === 'client')?.host ?? '0.0.0.0';
    const entry = { kind, port, host: host ?? (i >= 0 ? out[i].host : clientHost) };
    if (i >= 0) out.splice(i, 1);
    if (port > 0) out.push(entry);
  };
  const addr = flag('addr');
  if (addr !== undefined)
    for (const l of out) if (l.kind === 'client' || l.kind.startsWith('monitoring')) l.host = addr;
  replace('client', int(flag('port')));
  replace('monitoring', int(flag('http_port')));
  replace('monitoring (https)', int(flag('https_port')));
  const cluster = flag('cluster');
  const clusterPort = cluster && /:(\d+)\/?$/.exec(cluster)?.[1];
  if (clusterPort) replace('cluster', Number(clusterPort), /\/\/(?:[^@/]*@)?([^:/]*)/.exec(cluster)?.[1] || '0.0.0.0');
  return out;
}

/** The JetStream store directory a config and flags give (nats-server's default: $TMPDIR/nats/jetstream). */
/** Where JetStream stores streams: undefined when store_dir is a `$reference` not known here. */
export function storeDirOf(
  model: ConfigModel,
  command: ServerCommand | undefined,
): { dir: string | undefined; setting?: Setting } {
  const top = effectiveTop(model);
  const flag = command?.flags.flags.filter((f) => f.flag.names[0] === 'store_dir').at(-1)?.value;
  if (flag) return { dir: flag };
  const setting = top.block('jetstream')?.get('store_dir', 'storedir', 'store') ?? top.get('store_dir', 'storedir');
  const v = setting?.value;
  if (v?.kind === 'string' && v.value !== '') return { dir: v.value, setting };
  if (valueUnknown(setting)) return { dir: undefined, setting };
  return { dir: '/tmp/nats/jetstream' };
}
