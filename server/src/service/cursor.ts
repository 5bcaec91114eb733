// Where a position stands in a configuration: in which block (as the catalogue names it),
// and whether a key or a value is being written there. Completion and hover start here;
// it works in broken files too, on the tree the parser recovered.

import { block, findOption, type BlockId, type OptionSpec, type ValueSpec } from './catalogue/catalogue';
import { ArrayNode, KeyValueNode, MapNode, ValueNode } from './tree';
import type { TextLike } from './textChanges';

export interface CursorContext {
  /** The catalogue block of the innermost map around the position (undefined: not known to the catalogue). */
  blockId: BlockId | undefined;
  /** The map around the position. */
  map: MapNode;
  /** The chain of entries from the top level down to that map. */
  path: KeyValueNode[];
  /** A value is being written for this entry (after its key); otherwise a key is. */
  valueOf: KeyValueNode | undefined;
  /** A value is being written (for `valueOf`, or for a key typed since the tree was read). */
  writingValue: boolean;
  /** Keys of the map written since the tree was read (not among its entries). */
  typedKeys?: string[];
  /** The option of `valueOf`, when the catalogue knows it. */
  option: OptionSpec | undefined;
  /** The word already typed before the position (what completion replaces). */
  prefix: string;
  prefixStart: number;
}

/** The map form of an option, if it has one: the block its map value follows. */
function mapBlockOf(option: OptionSpec | undefined): BlockId | undefined {
  return option ? firstMapBlock(option.values) : undefined;
}

function firstMapBlock(forms: readonly ValueSpec[]): BlockId | undefined {
  for (const f of forms) {
    if (f.type === 'map') return f.block;
    if (f.type === 'array') {
      const inner = firstMapBlock(f.items);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The block a map under `key` follows in `blockId` (a name of the block's own choosing: its additional keys' form). */
function childBlock(blockId: BlockId | undefined, key: string): BlockId | undefined {
  if (!blockId) return undefined;
  const option = findOption(blockId, key);
  if (option) return mapBlockOf(option);
  const additional = block(blockId)?.additionalKeys;
  return additional ? firstMapBlock(additional.values) : undefined;
}

/** The word typed before the offset (what completion replaces): back to a space, bracket or separator. */
function wordBefore(text: TextLike, offset: number): { prefix: string; prefixStart: number } {
  let prefixStart = offset;
  while (prefixStart > 0 && !/[\s{}[\],;:=]/.test(text.charAt(prefixStart - 1))) prefixStart--;
  return { prefix: text.slice(prefixStart, offset), prefixStart };
}

/** Strictly inside a container: after its opener, before its closer (an unclosed one runs to the end). */
function contains(node: { start: number; end: number; closed: boolean }, offset: number, textLength: number): boolean {
  return node.start < offset && (node.closed ? offset < node.end : offset <= textLength);
}

/** The context at `offset` in a file whose top-level block is `topBlock` ('top' for a config file). */
export function cursorContext(root: MapNode, text: string, offset: number, topBlock: BlockId = 'top'): CursorContext {
  let map = root;
  let blockId: BlockId | undefined = topBlock;
  const path: KeyValueNode[] = [];
  // Descend into the innermost container holding the offset.
  for (let guard = 0; guard < 10_000; guard++) {
    let next: { map: MapNode; blockId: BlockId | undefined; entry: KeyValueNode } | undefined;
    for (const e of map.entries) {
      if (e.kind !== 'keyValue' || !e.value) continue;
      const v = e.value;
      if ((v.kind === 'map' || v.kind === 'array') && contains(v, offset, text.length)) {
        const inBlock = childBlock(blockId, e.key);
        if (v.kind === 'map') next = { map: v, blockId: inBlock, entry: e };
        else {
          const inner = innermostMapInArray(v, offset, text.length);
          if (inner) next = { map: inner, blockId: inBlock, entry: e };
        }
        break;
      }
    }
    if (!next) break;
    map = next.map;
    blockId = next.blockId;
    path.push(next.entry);
  }
  const { prefix, prefixStart } = wordBefore(text, offset);
  // A value is being written when, on this line, a key of this map ends before the word.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let valueOf: KeyValueNode | undefined;
  for (const e of map.entries) {
    if (e.kind !== 'keyValue') continue;
    if (e.start >= lineStart && e.keyEnd < prefixStart && e.start < offset) {
      const valueEnd = e.value ? e.value.end : e.keyEnd;
      const between = text.slice(e.keyEnd, prefixStart);
      if (/^\s*[:=]?\s*$/.test(between) || (e.value && e.value.start <= offset && offset <= valueEnd)) valueOf = e;
    }
  }
  const option = valueOf && blockId ? findOption(blockId, valueOf.key) : undefined;
  return { blockId, map, path, valueOf, writingValue: valueOf !== undefined, option, prefix, prefixStart };
}

/** A block or list opened on the changed lines, or the one they start in. */
interface Frame {
  kind: 'map' | 'array';
  /** The catalogue block of the map, or of the map the list is a value in. */
  blockId: BlockId | undefined;
  map: MapNode;
  /** For a list: the key it is the value of, and where that key is. */
  key?: string;
  keyAt?: number;
  /** For a map: the keys written in it on the changed lines. */
  keys: string[];
}

const KEY = /^\s*("[^"]*"|'[^']*'|[^\s:="'{}[\],;]+)\s*(?:[:=]\s*|\s+)/;

/** `key:`, `key =`, `key ` or `"key":` leading an entry (and nothing after): the key. */
function leadingKey(lead: string): string | undefined {
  const m = KEY.exec(lead);
  return m && m[0].length === lead.length ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

/** The key of a whole entry (`key: value`). */
function entryKey(entry: string): string | undefined {
  return KEY.exec(entry)?.[1].replace(/^["']|["']$/g, '');
}

/**
 * The context at `offset` of `text`, on lines changed since `root` was read from `oldText`: the
 * blocks around the start of the changed lines come from the tree (the text before them is the
 * same), those opened and closed on the changed lines up to the offset from the text itself.
 * Undefined where the changed lines close a block they did not open, or hold a block string.
 */
export function cursorContextAfterChange(
  root: MapNode,
  oldText: string,
  changeStart: number,
  text: TextLike,
  offset: number,
  topBlock: BlockId = 'top',
): CursorContext | undefined {
  const around = cursorContext(root, oldText, changeStart, topBlock);
  const frames: Frame[] = [{ kind: 'map', blockId: around.blockId, map: around.map, keys: [] }];
  const list = arrayOwnerAt(around.map, changeStart, oldText.length);
  if (list)
    frames.push({
      kind: 'array',
      blockId: around.blockId,
      map: around.map,
      key: list.key,
      keyAt: list.start,
      keys: [],
    });
  const floor = frames.length;
  const fresh = (at: number): MapNode => ({ kind: 'map', entries: [], closed: false, start: at, end: at });
  let itemStart = changeStart;
  for (let i = changeStart; i < offset; i++) {
    const c = text.charAt(i);
    const top = frames[frames.length - 1];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < offset && text.charAt(j) !== c) j += c === '"' && text.charAt(j) === '\\' ? 2 : 1;
      i = j;
    } else if (c === '#' || (c === '/' && text.charAt(i + 1) === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= offset) break;
      i = nl;
      itemStart = nl + 1;
    } else if (c === '{' || c === '[') {
      const key = top.kind === 'array' ? top.key : leadingKey(text.slice(itemStart, i));
      if (top.kind === 'map' && key !== undefined) top.keys.push(key);
      const keyAt = top.kind === 'array' ? top.keyAt : itemStart;
      if (c === '[') frames.push({ kind: 'array', blockId: top.blockId, map: top.map, key, keyAt, keys: [] });
      else {
        const inBlock = key === undefined ? undefined : childBlock(top.blockId, key);
        frames.push({ kind: 'map', blockId: inBlock, map: fresh(i), keys: [] });
      }
      itemStart = i + 1;
    } else if (c === '}' || c === ']') {
      if (frames.length <= floor) return undefined;
      frames.pop();
      itemStart = i + 1;
    } else if (c === '(') {
      return undefined;
    } else if (c === ',' || c === ';' || c === '\n') {
      const key = top.kind === 'map' ? entryKey(text.slice(itemStart, i)) : undefined;
      if (key !== undefined) top.keys.push(key);
      itemStart = i + 1;
    }
  }
  const top = frames[frames.length - 1];
  const { prefix, prefixStart } = wordBefore(text, offset);
  // As on a reading: in a list, a value of its key when that key is on the cursor's line, else the
  // keys of the block around; in a block, a value when a key and its separator lead the word.
  const lineStart = text.lastIndexOf('\n', prefixStart - 1) + 1;
  const lead = text.slice(Math.min(itemStart, prefixStart), prefixStart);
  let key: string | undefined;
  if (top.kind === 'array') key = top.keyAt !== undefined && top.keyAt >= lineStart ? top.key : undefined;
  else {
    key = leadingKey(lead);
    const done = key === undefined ? entryKey(lead) : undefined;
    if (done !== undefined) top.keys.push(done);
  }
  const option = key !== undefined && top.blockId ? findOption(top.blockId, key) : undefined;
  const inMap = top.kind === 'map' ? top : frames[frames.length - 2];
  return {
    blockId: top.blockId,
    map: top.map,
    path: around.path,
    valueOf: undefined,
    writingValue: key !== undefined,
    typedKeys: inMap?.kind === 'map' ? inMap.keys : [],
    option,
    prefix,
    prefixStart,
  };
}

/** The entry whose list (not a block in it) holds the offset, among a map's entries. */
function arrayOwnerAt(map: MapNode, offset: number, textLength: number): KeyValueNode | undefined {
  for (const e of map.entries)
    if (e.kind === 'keyValue' && e.value?.kind === 'array' && contains(e.value, offset, textLength)) return e;
  return undefined;
}

function innermostMapInArray(array: ArrayNode, offset: number, textLength: number): MapNode | undefined {
  let current: ValueNode = array;
  for (let guard = 0; guard < 10_000 && current.kind === 'array'; guard++) {
    const hit: ValueNode | undefined = current.items.find(
      (i: ValueNode) => (i.kind === 'map' || i.kind === 'array') && contains(i, offset, textLength),
    );
    if (!hit) return undefined;
    current = hit;
  }
  return current.kind === 'map' ? current : undefined;
}
