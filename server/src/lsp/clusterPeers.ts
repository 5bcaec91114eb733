// The workspace's node configs, for the cross-node checks in the editor: open documents as
// they are being edited, and NATS configs on disk (found lazily by name, never under
// node_modules or .git; or the globs the user gives), each read again only when it changes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigModel, Diagnostic } from '../service';
import { findFiles, globToRegExp } from '../node/files';
import { includedByOthers } from '../service/deploy/deployment';
import { effectiveTop } from '../service/effective';
import { URI } from './uri';
import { driftDiagnostics } from '../live/drift';
import type { ClusterHealth } from '../live/health';
import type { Workspace } from './workspace';
import { NATS_CONFIG_NAME, isNatsConfigDocument } from './natsDocuments';
import { YamlDeployments, isYamlDocument } from './yamlDocuments';

/** The blocks that connect a server to others: a config with none of them is no node of a deployment. */
const LINKED = ['cluster', 'gateway', 'leafnodes'];

/** Whether a config sets one of them, itself or in a file it includes at its top level. */
function linked(model: ConfigModel): boolean {
  const top = effectiveTop(model);
  return LINKED.some((block) => top.get(block) !== undefined);
}

export class ClusterPeers {
  /** Explicit node config globs (relative to the folder); empty: find them by name. */
  globs: string[] = [];
  folder: string | undefined;
  /** The open YAML documents' deployments (manifests, Compose files, chart values), checked with their folders. */
  readonly yaml: YamlDeployments;
  private crossNode = true;
  private readonly disk = new Map<string, { mtime: number; model: ConfigModel }>();
  private found: string[] | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.yaml = new YamlDeployments(workspace, documents);
  }

  /** Cross-node checks on (the `nats.cluster.enabled` setting): for node configs and deployments alike. */
  get enabled(): boolean {
    return this.crossNode;
  }

  set enabled(on: boolean) {
    this.crossNode = on;
    this.yaml.cluster = on;
  }

  /** Every node the workspace shows: its node configs, and the replicas and services of the open manifests. */
  allNodes(): ConfigModel[] {
    return [...this.models(), ...this.yaml.nodes()];
  }

  /** A file on disk changed, appeared or went away. */
  changed(file?: string): void {
    this.yaml.changed(file);
    if (file) for (const reader of [file, ...this.workspace.service.fileChanged(file)]) this.disk.delete(reader);
    this.found = undefined;
    this.last = undefined;
  }

  /** The last result (cross-node findings, drift), for the open documents' versions it was computed at. */
  private last: { key: string; cross: Diagnostic[]; live: Diagnostic[] } | undefined;
  /** The running cluster, as last compared with the configs ("Compare with configs"). */
  private live: { health: ClusterHealth; version: number } | undefined;

  /** Compares the configs with a running cluster from now on (undefined: stop comparing). */
  setLive(health: ClusterHealth | undefined): void {
    this.live = health ? { health, version: (this.live?.version ?? 0) + 1 } : undefined;
    this.last = undefined;
  }

  /**
   * Cross-node findings for one file, over every node config of the workspace, and its drift from the
   * running cluster.
   */
  diagnosticsFor(file: string): Diagnostic[] {
    if (!this.enabled && !this.live) return [];
    const { cross, live } = this.current();
    return [...cross, ...live].filter((d) => d.file === file);
  }

  /** The drift findings in every node config (open or not). */
  liveDiagnostics(): Diagnostic[] {
    return this.live ? this.current().live : [];
  }

  /** One computation serves every file until a document changes (publishing N files is not N runs). */
  private current(): { cross: Diagnostic[]; live: Diagnostic[] } {
    const key = `${this.found?.length ?? -1}|${this.disk.size}|${this.live?.version ?? 0}|${this.documents
      .all()
      .map((d) => `${d.uri}@${d.version}`)
      .join(',')}`;
    if (this.last?.key !== key) {
      const all = this.models();
      // A config another one includes (a shared `nats-common.conf`) is read inside it: no node of its own.
      const fragments = includedByOthers(all.map((model) => ({ file: model.root.path, model })));
      const models = this.enabled ? all.filter((m) => !fragments.has(path.resolve(m.root.path)) && linked(m)) : [];
      const cross =
        models.length > 1 || models.some((m) => m.bindings.size > 0) ? this.workspace.service.cluster(models) : [];
      this.last = {
        key,
        cross,
        live: this.live ? this.workspace.service.applyRules(driftDiagnostics(all, this.live.health)) : [],
      };
    }
    return this.last;
  }

  /** Every node config of the workspace, open or on disk. */
  models(): ConfigModel[] {
    const byPath = new Map<string, ConfigModel>();
    for (const doc of this.documents.all()) {
      if (!isYamlDocument(doc) && isNatsConfigDocument(doc))
        byPath.set(URI.toPath(doc.uri), this.workspace.check(doc).model);
    }
    for (const file of this.discover()) {
      if (byPath.has(file)) continue;
      const model = this.fromDisk(file);
      if (model) byPath.set(file, model);
    }
    return [...byPath.values()];
  }

  private fromDisk(file: string): ConfigModel | undefined {
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const hit = this.disk.get(file);
    if (hit && hit.mtime === mtime) return hit.model;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const model = this.workspace.service.check({ path: file, text, version: `disk@${mtime}` }).model;
    this.disk.set(file, { mtime, model });
    return model;
  }

  private discover(): string[] {
    if (this.found) return this.found;
    const patterns = this.globs.map(globToRegExp);
    this.found = this.folder
      ? findFiles(
          this.folder,
          (rel, name) =>
            name.endsWith('.conf') &&
            (patterns.length
              ? patterns.some((p) => p.test(rel))
              : NATS_CONFIG_NAME.test(name) || /(^|\/)nats\//.test(rel)),
        )
      : [];
    return this.found;
  }
}
