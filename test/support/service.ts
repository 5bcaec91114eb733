// Helpers to call the language service directly, with files held in memory.

import * as path from 'node:path';
import {
  FINDING_CODES,
  createLanguageService,
  parseServerVersion,
  syntaxRules,
  parseConfig,
  type ConfigHost,
  type Diagnostic,
  type CheckResult,
  type KeyValueNode,
  type MapNode,
  type ValueNode,
} from '../../server/src/service';

export function memoryHost(files: Record<string, string>, env: Record<string, string> = {}): ConfigHost {
  return {
    env,
    cwd: '.',
    listDirectory(dir: string) {
      const base = path.normalize(dir).replace(/\/$/, '');
      const names = new Set<string>();
      for (const name of Object.keys(files)) {
        const rel = path.relative(base, path.normalize(name));
        if (rel.startsWith('..') || path.isAbsolute(rel) || rel === '') continue;
        const [first, ...rest] = rel.split(path.sep);
        names.add(rest.length ? `${first}/` : first);
      }
      return [...names].sort();
    },
    fileStatus(p: string) {
      const key = path.normalize(p);
      if (Object.keys(files).some((name) => path.normalize(name) === key)) return 'file';
      return Object.keys(files).some((name) => path.normalize(name).startsWith(key + path.sep))
        ? 'directory'
        : 'missing';
    },
    readFile(p: string) {
      const key = path.normalize(p);
      for (const [name, text] of Object.entries(files)) if (path.normalize(name) === key) return { text };
      const isDir = Object.keys(files).some((name) => path.normalize(name).startsWith(key + path.sep)) || key === '.';
      return { error: isDir ? 'is a directory' : 'no such file or directory' };
    },
  };
}

/** Checks `main.conf` (and whatever it includes) from memory. */
export function check(
  text: string,
  options: { files?: Record<string, string>; env?: Record<string, string>; version?: string } = {},
): CheckResult {
  const host = memoryHost({ 'main.conf': text, ...options.files }, options.env);
  const version = options.version ? parseServerVersion(options.version) : undefined;
  return createLanguageService({ host, version }).check({ path: 'main.conf', text: text });
}

/** Codes of the reading layer (lexer, parser, variables, includes), as opposed to the catalogue and rules. */
export const READING_CODES: ReadonlySet<string> = new Set(
  Object.entries(FINDING_CODES)
    .filter(([, info]) => info.section === 'reading')
    .map(([code]) => code),
);

/** The reading layer's findings. */
export function reading(result: CheckResult): Diagnostic[] {
  return result.diagnostics.filter((d) => READING_CODES.has(d.code));
}

/** The reading layer's errors. */
export function errors(result: CheckResult): Diagnostic[] {
  return reading(result).filter((d) => d.severity === 'error');
}

/** Short form of a diagnostic for assertions: `line:col code` (1-based). */
export function where(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`;
}

export function parse(text: string, version = '2.14') {
  return parseConfig(text, syntaxRules(parseServerVersion(version)!));
}

/** The entry of `key` in a map (last one wins, as in nats-server). */
export function entry(map: MapNode, key: string): KeyValueNode | undefined {
  const found = map.entries.filter((e): e is KeyValueNode => e.kind === 'keyValue' && e.key === key);
  return found[found.length - 1];
}

/** Follows `a.b.c` through nested maps. */
export function valueAt(map: MapNode, dotted: string): ValueNode | undefined {
  let current: ValueNode | undefined = map;
  for (const part of dotted.split('.')) {
    if (current?.kind !== 'map') return undefined;
    current = entry(current, part)?.value;
  }
  return current;
}

/** A plain JS view of a value, for compact assertions. */
export function plain(v: ValueNode | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'map':
      return Object.fromEntries(
        v.entries.filter((e): e is KeyValueNode => e.kind === 'keyValue').map((e) => [e.key, plain(e.value)]),
      );
    case 'array':
      return v.items.map(plain);
    case 'variable':
      return `$${v.name}`;
    case 'datetime':
      return v.value?.toISOString();
    default:
      return v.value;
  }
}
