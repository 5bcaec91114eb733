// What the deployment checks share: the context the orchestrator (deployment.ts) hands to each kind
// of manifest (Kubernetes in kubernetes.ts, Compose in compose.ts, the Helm chart's values in
// helm/helmValues.ts), and what each gives back. Kept apart from deployment.ts so that those files
// import the types without importing the orchestrator that imports them.

import type { Diagnostic } from '../diagnostics';
import type { ConfigHost, ConfigModel } from '../document';
import type { CheckResult } from '../languageService';
import type { Environment } from '../variables';
import type { ServerVersion } from '../versions';
import type { VirtualFiles } from './virtualFiles';

/** How one config is read: by default with the context's host and release, in an unknown environment. */
export interface ConfigCheckOptions {
  /** The container's environment (`env` of a pod, `environment` of a service); undefined: not known. */
  env?: Environment;
  /** The release the image runs (`nats:2.10.7`); the context's when omitted. */
  version?: ServerVersion;
  /** Files as the container sees them; the context's host (virtual files served) when omitted. */
  host?: ConfigHost;
}

export interface DeployContext {
  /** The release to judge by when a manifest names none (the user's setting or `--server-version`). */
  readonly version: ServerVersion;
  /** The real files (plain `.conf` files given alongside, files a Compose service mounts from disk). */
  readonly host: ConfigHost;
  /** The configs embedded in ConfigMaps and Secrets of every YAML file of the deployment. */
  readonly files: VirtualFiles;
  /**
   * A config read and checked exactly like a `.conf` file (suppressions and rule settings applied).
   * `path` may be a virtual path (`files.pathOf(config)`): its diagnostics stay at that path, the
   * orchestrator moves them into the YAML file. Results are cached by path, text and options.
   */
  check(doc: { path: string; text: string }, options?: ConfigCheckOptions): CheckResult;
}

/** A nats-server the deployment runs: a replica of a StatefulSet, a Compose service, a plain config. */
export interface DeploymentNode {
  /** As the deployment names it: `nats-0` (replica 0 of StatefulSet `nats`), `nats-1` (a Compose service). */
  name: string;
  /** Its config, read with its own environment and flags (paths may be virtual). */
  model: ConfigModel;
  /** The file that defines it (the workload's or the service's YAML, or the `.conf`). */
  file: string;
}

/** What one kind of manifest adds to the deployment's findings. */
export interface DeployPart {
  /** Findings at YAML places, or at virtual paths (moved into the YAML by the orchestrator). */
  diagnostics: Diagnostic[];
  /** Nodes for the cross-node checks. */
  nodes: DeploymentNode[];
  /**
   * Configs this part checked itself, with the environment and release of the workload or service
   * that loads them (virtual paths of embedded configs, host paths of mounted files), or that a
   * service it cannot model runs: the orchestrator does not report their environment-less reading.
   */
  configsChecked?: string[];
  /**
   * Moves a finding at one of this part's own paths (a Compose service's synthesized config) to its
   * place in the YAML or in a mounted file; undefined for paths that are not its own.
   */
  remap?(d: Diagnostic): Diagnostic | undefined;
}

export const emptyPart = (): DeployPart => ({ diagnostics: [], nodes: [] });
