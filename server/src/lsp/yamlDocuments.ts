// YAML documents in the editor: Kubernetes manifests, Compose files and nats chart values. They stay
// the editor's `yaml` (Red Hat's YAML extension keeps its own diagnostics, ours carry our source).
// A manifest is checked with the YAML files beside it (a StatefulSet's ConfigMap is often in another
// file of the same folder): open documents as edited, the others as on disk; YAML files that never
// mention NATS are not read. Documents with nothing of NATS in them get no findings.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigModel, Diagnostic, DocumentRef } from '../service';
import type { DeploymentResult } from '../service/deploy/deployment';
import { URI } from './uri';
import type { Workspace } from './workspace';

/** The language ids editors give YAML (VS Code's Compose files are `dockercompose`). */
const YAML_LANGUAGES = new Set(['yaml', 'dockercompose', 'yml', 'helm', 'yaml.docker-compose']);

export function isYamlDocument(doc: TextDocument): boolean {
  return YAML_LANGUAGES.has(doc.languageId) || /\.ya?ml$/i.test(URI.toPath(doc.uri));
}

/** Beside a manifest, at most this many YAML files are read (a folder of generated manifests is not a deployment). */
const MAX_NEIGHBOURS = 64;
const MAX_NEIGHBOUR_BYTES = 1024 * 1024;

export class YamlDeployments {
  /** Check the nodes of a folder's deployment across (the `nats.cluster.enabled` setting). */
  cluster = true;
  private readonly disk = new Map<string, { mtime: number; text: string | undefined }>();
  private last: { key: string; result: DeploymentResult } | undefined;
  private lastFolder: string | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** A file changed on disk, or the settings did. */
  changed(file?: string): void {
    if (file) this.disk.delete(file);
    else this.disk.clear();
    this.last = undefined;
  }

  /** The findings of an open YAML document (none when it holds nothing of NATS). */
  diagnosticsFor(doc: TextDocument): Diagnostic[] {
    const file = URI.toPath(doc.uri);
    const own = this.workspace.service.checkYaml(this.workspace.ref(doc));
    // Nothing of NATS in it: no need to read its neighbours.
    if ((own.roles.get(file) ?? []).length === 0) return [];
    return this.folderResult(path.dirname(file)).diagnostics.filter((d) => d.file === file);
  }

  /** The nodes of the deployments of the open YAML documents' folders (for the topology and the live views). */
  nodes(): ConfigModel[] {
    const folders = new Set<string>();
    for (const doc of this.documents.all()) if (isYamlDocument(doc)) folders.add(path.dirname(URI.toPath(doc.uri)));
    return [...folders].flatMap((folder) => this.folderResult(folder).nodes.map((n) => n.model));
  }

  /** The deployment of one folder: its YAML files that mention NATS, open ones as edited. */
  private folderResult(folder: string): DeploymentResult {
    const refs = new Map<string, DocumentRef>();
    for (const doc of this.documents.all()) {
      const file = URI.toPath(doc.uri);
      if (isYamlDocument(doc) && path.dirname(file) === folder) refs.set(file, this.workspace.ref(doc));
    }
    for (const file of this.neighbours(folder)) {
      if (refs.has(file)) continue;
      const read = this.read(file);
      if (read?.text !== undefined) refs.set(file, { path: file, text: read.text, version: `disk@${read.mtime}` });
    }
    const files = [...refs.values()].filter((r) => /nats/i.test(r.text));
    const key = `${this.cluster}|${files.map((r) => `${r.path}@${r.version}`).join(',')}`;
    if (this.last?.key !== key || this.lastFolder !== folder) {
      this.last = { key, result: this.workspace.service.deployment(files, { cluster: this.cluster }) };
      this.lastFolder = folder;
    }
    return this.last.result;
  }

  private neighbours(folder: string): string[] {
    try {
      return fs
        .readdirSync(folder)
        .filter((name) => /\.ya?ml$/i.test(name))
        .slice(0, MAX_NEIGHBOURS)
        .map((name) => path.join(folder, name));
    } catch {
      return [];
    }
  }

  private read(file: string): { mtime: number; text: string | undefined } | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile() || stat.size > MAX_NEIGHBOUR_BYTES) return undefined;
    const hit = this.disk.get(file);
    if (hit && hit.mtime === stat.mtimeMs) return hit;
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    const entry = { mtime: stat.mtimeMs, text };
    this.disk.set(file, entry);
    return entry;
  }
}
