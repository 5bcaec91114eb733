// The outline: every key as a symbol, blocks with their children (hierarchical).

import { ArrayNode, ConfigTree, KeyValueNode, MapNode, Span, ValueNode, keySpan } from './tree';

export type SymbolKind = 'block' | 'list' | 'setting' | 'include';

export interface ConfigSymbol {
  name: string;
  /** The value in a few characters, for the outline's detail column. */
  detail: string;
  kind: SymbolKind;
  /** The whole entry. */
  span: Span;
  /** The key (what the outline selects). */
  selection: Span;
  children: ConfigSymbol[];
}

/**
 * Symbols of a file, built without recursion (nesting depth is unbounded). Below `maxDepth`
 * levels a symbol's children are left out and one symbol says how many levels are not shown:
 * editors receive the outline as nested JSON, which has a depth limit of its own.
 */
export function documentSymbols(tree: ConfigTree, maxDepth = Infinity): ConfigSymbol[] {
  const top: ConfigSymbol[] = [];
  // `depth`: the level of the map's entries (top-level keys: 1).
  const work: { map: MapNode; into: ConfigSymbol[]; depth: number }[] = [{ map: tree.root, into: top, depth: 1 }];
  while (work.length > 0) {
    const { map, into, depth } = work.pop()!;
    if (depth > maxDepth) {
      const hidden = symbolLevels(map);
      if (hidden > 0) into.push(notShown(hidden, map));
      continue;
    }
    for (const e of map.entries) {
      if (e.kind === 'include') {
        into.push({
          name: `include ${e.path}`,
          detail: '',
          kind: 'include',
          span: e,
          selection: e.pathSpan,
          children: [],
        });
        continue;
      }
      const symbol = entrySymbol(tree.text, e);
      into.push(symbol);
      const v = e.value;
      if (v?.kind === 'map') work.push({ map: v, into: symbol.children, depth: depth + 1 });
      if (v?.kind === 'array') {
        if (depth + 1 > maxDepth) {
          const hidden = symbolLevels(v);
          if (hidden > 0) symbol.children.push(notShown(hidden, v));
          continue;
        }
        v.items.forEach((item, i) => {
          if (item.kind !== 'map') return;
          const child: ConfigSymbol = {
            name: `[${i}]`,
            detail: itemName(item),
            kind: 'block',
            span: item,
            selection: { start: item.start, end: item.start + 1 },
            children: [],
          };
          symbol.children.push(child);
          work.push({ map: item, into: child.children, depth: depth + 2 });
        });
      }
    }
  }
  return top;
}

/** The symbol that stands for levels left out. */
function notShown(levels: number, within: MapNode | ArrayNode): ConfigSymbol {
  return {
    name: `… ${levels.toLocaleString('en-US')} deeper level${levels === 1 ? '' : 's'} not shown`,
    detail: '',
    kind: 'block',
    span: within,
    selection: { start: within.start, end: within.start + 1 },
    children: [],
  };
}

/** How many levels of symbols a map's entries or a list's maps make (0: none), counted without recursion. */
function symbolLevels(value: MapNode | ArrayNode): number {
  let deepest = 0;
  // `depth`: the level the container's symbols are at.
  const work: { value: ValueNode; depth: number }[] = [{ value, depth: 1 }];
  while (work.length > 0) {
    const { value, depth } = work.pop()!;
    if (value.kind === 'map') {
      for (const e of value.entries) {
        deepest = Math.max(deepest, depth);
        if (e.kind === 'keyValue' && e.value && (e.value.kind === 'map' || e.value.kind === 'array'))
          work.push({ value: e.value, depth: depth + 1 });
      }
    } else if (value.kind === 'array') {
      for (const item of value.items) {
        if (item.kind !== 'map') continue;
        deepest = Math.max(deepest, depth);
        work.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return deepest;
}

function entrySymbol(text: string, e: KeyValueNode): ConfigSymbol {
  const v = e.value;
  const kind: SymbolKind = v?.kind === 'map' ? 'block' : v?.kind === 'array' ? 'list' : 'setting';
  return { name: e.key, detail: v ? short(text, v) : '', kind, span: e, selection: keySpan(e), children: [] };
}

function short(text: string, v: ValueNode): string {
  if (v.kind === 'map') return '{…}';
  if (v.kind === 'array') return `[${v.items.length}]`;
  const raw = text.slice(v.start, v.end).replace(/\s+/g, ' ');
  return raw.length > 40 ? raw.slice(0, 39) + '…' : raw;
}

/** A name for a map in a list: its `user`, `name` or `url`, if it has one. */
function itemName(map: MapNode): string {
  for (const e of map.entries) {
    if (
      e.kind === 'keyValue' &&
      /^(user|username|name|url|stream|service|nkey)$/i.test(e.key) &&
      e.value?.kind === 'string'
    )
      return e.value.value;
  }
  return '';
}
