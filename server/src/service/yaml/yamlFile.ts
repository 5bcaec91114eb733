// A YAML file as the deployment checks read it (Kubernetes manifests, Compose files, Helm values):
// every document of it, parsed by the `yaml` library with source ranges kept, never throwing
// whatever bytes it holds. Values are found by path and reported at their place in the file.

import { Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Node, type Pair } from 'yaml';
import { LineIndex } from '../positions';
import type { Span } from '../tree';

export interface YamlDocument {
  /** The parsed document (`yaml`'s own tree, with ranges). */
  doc: Document.Parsed;
  /** Its contents as plain data (maps as objects); undefined for an empty document or one that fails. */
  data: unknown;
  span: Span;
}

export interface YamlFile {
  path: string;
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
  /** What the YAML reader could not read, where. */
  errors: { span: Span; message: string }[];
}

/** Beyond this, a YAML file is not read (a generated file this large holds no hand-written manifest). */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;

export function readYamlFile(path: string, text: string): YamlFile {
  const file: YamlFile = { path, text, lines: new LineIndex(text), documents: [], errors: [] };
  if (text.length > MAX_YAML_BYTES) {
    file.errors.push({ span: { start: 0, end: 0 }, message: `not read: larger than ${MAX_YAML_BYTES} bytes` });
    return file;
  }
  let docs: Document.Parsed[];
  try {
    // Aliases are expanded only this far: a billion-laughs file stays small.
    docs = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    file.errors.push({ span: { start: 0, end: 0 }, message: String((err as Error)?.message ?? err) });
    return file;
  }
  if (!Array.isArray(docs)) return file; // an empty stream
  for (const doc of docs) {
    for (const e of doc.errors) file.errors.push({ span: { start: e.pos[0], end: e.pos[1] }, message: e.message });
    let data: unknown;
    try {
      data = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
    } catch {
      data = undefined;
    }
    const [start, , end] = doc.range;
    file.documents.push({ doc, data, span: { start, end } });
    visit(doc, {
      Alias(_key, alias) {
        const target = alias.resolve(doc);
        if (target) aliasTargets.set(alias, target as Node);
      },
    });
  }
  return file;
}

/** One step of a path: a map key, or a sequence index. */
export type YamlPathStep = string | number;

/** What each alias (`*name`) of the files read stands for: its anchored node. */
const aliasTargets = new WeakMap<object, Node>();

/** The node an alias stands for (any other node as it is). */
export function unaliased(node: unknown): unknown {
  return isAlias(node) ? aliasTargets.get(node) : node;
}

/**
 * The value of `key` in a map, or in the maps it merges (`<<: *base`, `<<: [*a, *b]`, YAML 1.1
 * merge keys as Compose reads them; the map's own keys win).
 */
function mapValue(map: unknown, key: string, depth = 0): unknown {
  if (!isMap(map) || depth > 8) return undefined;
  const pair = map.items.find((p) => keyText(p) === key);
  if (pair) return unaliased(pair.value);
  const merge = unaliased(map.items.find((p) => keyText(p) === '<<')?.value);
  for (const source of isSeq(merge) ? merge.items : [merge]) {
    const found = mapValue(unaliased(source), key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A sequence's items (none for anything else). */
export function seqItems(node: unknown): unknown[] {
  const seq = unaliased(node);
  return isSeq(seq) ? seq.items : [];
}

/** The node at `path` below `node` (map keys compared as strings; aliases and merge keys followed). */
export function nodeAt(node: unknown, path: readonly YamlPathStep[]): Node | undefined {
  let current: unknown = unaliased(node);
  for (const step of path) {
    if (isMap(current)) {
      current = mapValue(current, String(step));
    } else if (isSeq(current) && typeof step === 'number') {
      current = unaliased(current.items[step]);
    } else return undefined;
  }
  return (current ?? undefined) as Node | undefined;
}

/** The pair at `path` (its key and value), for reporting at a key. */
export function pairAt(node: unknown, path: readonly YamlPathStep[]): Pair<Node, Node> | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(node, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  return parent.items.find((p) => keyText(p) === last) as Pair<Node, Node> | undefined;
}

/** A pair's key as text (scalar keys only). */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return typeof key === 'string' ? key : undefined;
}

/** Where a node is written (its value, without trailing comments). */
export function spanOf(node: Node | Pair | null | undefined): Span | undefined {
  if (!node) return undefined;
  if ('range' in node && node.range) return { start: node.range[0], end: node.range[1] };
  if ('key' in node) {
    const key = spanOf(node.key as Node);
    const value = spanOf(node.value as Node);
    if (key && value) return { start: key.start, end: value.end };
    return key ?? value;
  }
  return undefined;
}

/** A scalar's value as text (numbers and booleans as written), or undefined for other nodes. */
export function scalarString(aliasOrNode: unknown): string | undefined {
  const node = unaliased(aliasOrNode);
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}
