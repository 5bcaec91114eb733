// The outline: every key as a symbol, blocks with their children (hierarchical).

import { ConfigTree, KeyValueNode, MapNode, Span, ValueNode, keySpan } from './tree';

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

/** Symbols of a file, built without recursion (nesting depth is unbounded). */
export function documentSymbols(tree: ConfigTree): ConfigSymbol[] {
  const top: ConfigSymbol[] = [];
  const work: { map: MapNode; into: ConfigSymbol[] }[] = [{ map: tree.root, into: top }];
  while (work.length > 0) {
    const { map, into } = work.pop()!;
    for (const e of map.entries) {
      if (e.kind === 'include') {
        into.push({ name: `include ${e.path}`, detail: '', kind: 'include', span: e, selection: e.pathSpan, children: [] });
        continue;
      }
      const symbol = entrySymbol(tree.text, e);
      into.push(symbol);
      const v = e.value;
      if (v?.kind === 'map') work.push({ map: v, into: symbol.children });
      if (v?.kind === 'array') {
        v.items.forEach((item, i) => {
          if (item.kind !== 'map') return;
          const child: ConfigSymbol = { name: `[${i}]`, detail: itemName(item), kind: 'block', span: item, selection: { start: item.start, end: item.start + 1 }, children: [] };
          symbol.children.push(child);
          work.push({ map: item, into: child.children });
        });
      }
    }
  }
  return top;
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
    if (e.kind === 'keyValue' && /^(user|username|name|url|stream|service|nkey)$/i.test(e.key) && e.value?.kind === 'string') return e.value.value;
  }
  return '';
}
