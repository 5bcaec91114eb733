// Where a position stands in a configuration: in which block (as the catalogue names it),
// and whether a key or a value is being written there. Completion and hover start here;
// it works in broken files too, on the tree the parser recovered.

import { block, findOption, type BlockId, type OptionSpec, type ValueSpec } from './catalogue/catalogue';
import { ArrayNode, KeyValueNode, MapNode, ValueNode } from './tree';

export interface CursorContext {
  /** The catalogue block of the innermost map around the position (undefined: not known to the catalogue). */
  blockId: BlockId | undefined;
  /** The map around the position. */
  map: MapNode;
  /** The chain of entries from the top level down to that map. */
  path: KeyValueNode[];
  /** A value is being written for this entry (after its key); otherwise a key is. */
  valueOf: KeyValueNode | undefined;
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
        const option = blockId ? findOption(blockId, e.key) : undefined;
        const childBlock = option
          ? mapBlockOf(option)
          : blockId && block(blockId)?.additionalKeys
            ? firstMapBlock(block(blockId)!.additionalKeys!.values)
            : undefined;
        if (v.kind === 'map') next = { map: v, blockId: childBlock, entry: e };
        else {
          const inner = innermostMapInArray(v, offset, text.length);
          if (inner) next = { map: inner, blockId: childBlock, entry: e };
        }
        break;
      }
    }
    if (!next) break;
    map = next.map;
    blockId = next.blockId;
    path.push(next.entry);
  }
  // The word before the offset.
  let prefixStart = offset;
  while (prefixStart > 0 && !/[\s{}[\],;:=]/.test(text[prefixStart - 1])) prefixStart--;
  const prefix = text.slice(prefixStart, offset);
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
  return { blockId, map, path, valueOf, option, prefix, prefixStart };
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
