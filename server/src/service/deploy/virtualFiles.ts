// Embedded configs as files: each data entry of a ConfigMap or Secret gets a virtual path below its
// YAML file (`/dir/nats-configmap.yaml#configmap/nats-config/nats.conf`), so that it is read and
// checked exactly like a `.conf` file, its `include`s joined onto that folder finding the object's
// other entries (a volume mounts them side by side). Findings at those paths are then moved to
// where their text is written in the YAML file: line and column, related places and fix edits.

import type { Diagnostic } from '../diagnostics';
import type { ConfigHost } from '../document';
import { fileIdentity } from '../includes';
import { LineIndex, type Position, type Range } from '../positions';
import type { Span } from '../tree';
import type { Environment } from '../variables';
import type { YamlFile } from '../yaml/yamlFile';
import { configObjects, isNatsEntry, type ConfigObject, type DataEntry, type EmbeddedConfig } from './embeddedConfigs';

/** What stands between a YAML file's path and the object's folder in a virtual path. */
export const VIRTUAL_MARK = '#';

/** An entry of a ConfigMap or Secret, as a file. */
export interface VirtualFile {
  path: string;
  yaml: YamlFile;
  object: ConfigObject;
  entry: DataEntry;
  /** Lines of the entry's text (the embedded file's own positions). */
  lines: LineIndex;
  /** Whether the entry holds a NATS config. */
  nats: boolean;
}

/** Where a YAML offset falls inside an embedded config. */
export interface EmbeddedPosition {
  file: VirtualFile;
  /** The offset in the entry's text. */
  offset: number;
}

/**
 * A ConfigMap's keys (and a Compose service's mounted folder) are files side by side: an include
 * into a folder (`accounts/resolver.conf`, `/etc/nats/auth.conf`) comes from another volume mounted
 * there, which the manifests need not show.
 */
export function fromAnotherVolume(includer: string, written: string): boolean {
  return isVirtualPath(includer) && /[\\/]/.test(written);
}

/** Whether a path names a file inside a YAML file. */
export function isVirtualPath(path: string): boolean {
  return /\.ya?ml#/i.test(path);
}

export class VirtualFiles {
  private readonly byPath = new Map<string, VirtualFile>();
  private readonly yamls = new Map<string, YamlFile>();
  private readonly folders = new Set<string>();

  /** Registers every entry of the file's ConfigMaps and Secrets; returns those holding NATS configs. */
  add(yaml: YamlFile): VirtualFile[] {
    this.remove(yaml.path);
    this.yamls.set(yaml.path, yaml);
    const configs: VirtualFile[] = [];
    for (const object of configObjects(yaml)) {
      // Two objects of one kind and name in a file (other namespaces): the later one's folder says which document.
      let folder = `${yaml.path}${VIRTUAL_MARK}${object.kind.toLowerCase()}/${object.name || 'unnamed'}`;
      if (this.folders.has(folder)) folder += `~${object.documentIndex}`;
      this.folders.add(folder);
      for (const entry of object.entries.values()) {
        const file: VirtualFile = {
          path: `${folder}/${entry.key}`,
          yaml,
          object,
          entry,
          lines: new LineIndex(entry.embedded.text),
          nats: isNatsEntry(object, entry),
        };
        this.byPath.set(fileIdentity(file.path), file);
        if (file.nats) configs.push(file);
      }
    }
    return configs;
  }

  /** Forgets a YAML file's entries. */
  remove(yamlPath: string): void {
    if (!this.yamls.delete(yamlPath)) return;
    for (const [key, file] of this.byPath) if (file.yaml.path === yamlPath) this.byPath.delete(key);
    for (const folder of this.folders) if (folder.startsWith(yamlPath + VIRTUAL_MARK)) this.folders.delete(folder);
  }

  get(path: string): VirtualFile | undefined {
    return this.byPath.get(fileIdentity(path));
  }

  /** The NATS configs of every registered file. */
  configs(): VirtualFile[] {
    return [...this.byPath.values()].filter((f) => f.nats);
  }

  /** The virtual path of an embedded config. */
  pathOf(config: EmbeddedConfig | ConfigObject, key?: string): string | undefined {
    const object = 'object' in config ? config.object : config;
    const wanted = key ?? ('key' in config ? config.key : undefined);
    for (const file of this.byPath.values()) if (file.object === object && file.entry.key === wanted) return file.path;
    return undefined;
  }

  /**
   * A host for configs inside the container: virtual paths are served from the objects' entries; any
   * other file is the container's, not this machine's, so it is not looked at (no `fileStatus`).
   */
  host(base: ConfigHost, env: Environment = {}): ConfigHost {
    return {
      env,
      cwd: '/',
      readFile: (path) => {
        const file = this.get(path);
        if (file) return { text: file.entry.embedded.text };
        if (isVirtualPath(path)) return { error: 'no such file or directory' };
        return base.readFile(path);
      },
      mountedElsewhere: fromAnotherVolume,
    };
  }

  /** Where a YAML offset stands in an embedded config of that file (undefined outside them, or in base64). */
  at(yamlPath: string, offset: number): EmbeddedPosition | undefined {
    for (const file of this.byPath.values()) {
      if (file.yaml.path !== yamlPath || file.entry.encoded) continue;
      const { span } = file.entry.embedded;
      if (offset < span.start || offset > span.end) continue;
      const inner = file.entry.embedded.fromSource(offset);
      if (inner !== undefined) return { file, offset: inner };
    }
    return undefined;
  }

  /** A range of an embedded file, in its YAML file. */
  range(file: VirtualFile, range: Range): Range {
    if (file.entry.encoded) return file.yaml.lines.range(file.entry.keySpan);
    return { start: this.position(file, range.start), end: this.position(file, range.end) };
  }

  /** An offset of an embedded file, in its YAML file. */
  position(file: VirtualFile, position: Position): Position {
    const offset = file.lines.offset(position);
    return file.yaml.lines.position(file.entry.embedded.toSource(offset));
  }

  /** A span of an embedded file's text, as a YAML span. */
  span(file: VirtualFile, span: Span): Span {
    if (file.entry.encoded) return file.entry.keySpan;
    return { start: file.entry.embedded.toSource(span.start), end: file.entry.embedded.toSource(span.end) };
  }

  /**
   * Text to insert into an embedded file, as it is written in the YAML: in a block scalar each new
   * line takes the block's indentation; in a quoted scalar line breaks and quotes are escaped.
   */
  newText(file: VirtualFile, text: string): string {
    const style = scalarStyle(file);
    if (style === 'block') {
      const indent = blockIndent(file);
      return text.replace(/\r?\n/g, (nl) => nl + indent);
    }
    if (style === 'double') return text.replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\n');
    if (style === 'single') return text.replace(/'/g, "''").replace(/\n/g, '\n\n');
    return text;
  }

  /** A diagnostic at a virtual path, moved into its YAML file (others unchanged). */
  remap(d: Diagnostic): Diagnostic {
    const file = this.get(d.file);
    const out: Diagnostic = file ? { ...d, file: file.yaml.path, range: this.range(file, d.range) } : { ...d };
    if (file && file.entry.encoded) {
      out.message = `${d.message} (in ${file.entry.key}, base64: line ${d.range.start.line + 1})`;
    }
    if (d.related) {
      out.related = d.related.map((r) => {
        const other = this.get(r.file);
        return other ? { ...r, file: other.yaml.path, range: this.range(other, r.range) } : r;
      });
    }
    if (d.fixes) {
      if (file?.entry.encoded)
        delete out.fixes; // no edit can be written into base64
      else if (file)
        out.fixes = d.fixes.map((fix) => ({
          title: fix.title,
          edits: fix.edits.map((e) => ({ range: this.range(file, e.range), newText: this.newText(file, e.newText) })),
        }));
    }
    return out;
  }
}

function scalarStyle(file: VirtualFile): 'block' | 'double' | 'single' | 'plain' {
  const first = file.yaml.text[file.entry.valueSpan.start];
  if (first === '|' || first === '>') return 'block';
  if (first === '"') return 'double';
  if (first === "'") return 'single';
  return 'plain';
}

/** The indentation of a block scalar's content: its least indented line that is not blank. */
function blockIndent(file: VirtualFile): string {
  const { text } = file.yaml;
  const { start, end } = file.entry.valueSpan;
  const body = text.slice(start, end);
  const firstBreak = body.indexOf('\n');
  if (firstBreak < 0) return '';
  let indent: string | undefined;
  for (const line of body.slice(firstBreak + 1).split('\n')) {
    if (line.trim() === '') continue;
    const lead = /^[ ]*/.exec(line)![0];
    if (indent === undefined || lead.length < indent.length) indent = lead;
  }
  return indent ?? '';
}
