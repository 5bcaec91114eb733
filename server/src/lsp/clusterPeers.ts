// The workspace's node configs, for the cross-node checks in the editor: open documents as
// they are being edited, and NATS configs on disk (found lazily by name, never under
// node_modules or .git; or the globs the user gives), each read again only when it changes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkConfig, clusterDiagnostics, type ConfigModel, type Diagnostic } from '../service';
import { nodeHost } from '../node/nodeHost';
import { URI } from './uri';
import type { Workspace } from './workspace';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.bench', '.vscode-test']);
const NATS_NAME = /^(nats.*\.conf|.*\.nats\.conf)$/i;
const MAX_FILES = 500;
const MAX_DEPTH = 8;

/** A glob (`**`, `*`, `?`) to a regular expression over `/`-separated relative paths. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class ClusterPeers {
  /** Explicit node config globs (relative to the folder); empty: find them by name. */
  globs: string[] = [];
  enabled = true;
  folder: string | undefined;
  private readonly disk = new Map<string, { mtime: number; model: ConfigModel }>();
  private found: string[] | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** A file on disk changed, appeared or went away. */
  changed(file?: string): void {
    if (file) this.disk.delete(file);
    this.found = undefined;
  }

  /** Cross-node findings for one file, over every node config of the workspace. */
  diagnosticsFor(file: string): Diagnostic[] {
    if (!this.enabled) return [];
    const models = this.models();
    if (!models.some((m) => m.root.path === file)) return [];
    return this.workspace.adjust(clusterDiagnostics(models).filter((d) => d.file === file));
  }

  /** Every node config of the workspace, open or on disk. */
  models(): ConfigModel[] {
    const byPath = new Map<string, ConfigModel>();
    for (const doc of this.documents.all()) {
      if (doc.languageId === 'nats-conf') byPath.set(URI.toPath(doc.uri), this.workspace.check(doc).model);
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
    const model = checkConfig(file, text, { host: nodeHost(process.env, this.workspace.settings.baseFolder), version: this.workspace.settings.version }).model;
    this.disk.set(file, { mtime, model });
    return model;
  }

  private discover(): string[] {
    if (this.found) return this.found;
    const found: string[] = [];
    const root = this.folder;
    if (root) {
      const patterns = this.globs.map(globToRegExp);
      const walk = (dir: string, depth: number) => {
        if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
        let entries: fs.Dirent[];
        try {
          entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) {
            if (!SKIP.has(e.name) && !e.name.startsWith('.')) walk(full, depth + 1);
          } else if (e.isFile() && e.name.endsWith('.conf')) {
            const rel = path.relative(root, full).split(path.sep).join('/');
            const wanted = patterns.length ? patterns.some((p) => p.test(rel)) : NATS_NAME.test(e.name) || /(^|\/)nats\//.test(rel);
            if (wanted && found.length < MAX_FILES) found.push(full);
          }
        }
      };
      walk(root, 0);
    }
    this.found = found;
    return found;
  }
}
