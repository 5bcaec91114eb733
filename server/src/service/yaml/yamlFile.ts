// A YAML file as the deployment checks read it (Kubernetes manifests, Compose files, Helm values):
// every document of it, parsed by the `yaml` library with source ranges kept, never throwing
// whatever bytes it holds. Values are found by path and reported at their place in the file.

import { Document, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair } from 'yaml';
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
  }
  return file;
}

/** One step of a path: a map key, or a sequence index. */
export type YamlPathStep = string | number;

/** The node at `path` below `node` (map keys compared as strings). */
export function nodeAt(node: unknown, path: readonly YamlPathStep[]): Node | undefined {
  let current: unknown = node;
  for (const step of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => keyText(p) === String(step));
      current = pair?.value ?? undefined;
    } else if (isSeq(current) && typeof step === 'number') {
      current = current.items[step];
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
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}
