// Reading a file again after an edit, without reading all of it. Only the innermost map or array
// around the changed lines is read anew; everything before it is the last reading's, everything
// after it is the last reading's moved by the change's length (lazily: see `lazilyMoved`). Inside
// a map or an array, nats-server reads a value the same whatever holds it, so this gives the tree
// a reading of the whole new text gives, on one condition checked here: the value read anew ends
// at its old closing bracket (moved) and reading it found nothing to report. The caller makes sure
// the last reading found nothing either and had no `$references` or includes; otherwise, and where
// no container holds the change, the answer is undefined and the whole text is read.

import { parseValue } from './parser';
import { changedLines, type Untouched } from './textChanges';
import type { ArrayNode, CommentNode, ConfigTree, Entry, KeyValueNode, MapNode, ValueNode } from './tree';
import type { SyntaxRules } from './versions';
import { carryRecords } from './subtreeMemo';
import { detached } from './shared/detached';

type Container = MapNode | ArrayNode;

/**
 * The tree of `text`, an edit of the text of `old`, from `old` where the edit allows (see above).
 * `untouched`: what no edit touched at the ends of the old text, when the caller knows (not compared).
 */
export function rereadTree(
  old: ConfigTree,
  text: string,
  rules: SyntaxRules,
  untouched?: Untouched,
): ConfigTree | undefined {
  const change = changedLines(old.text, text, untouched);
  if (!change) return undefined;
  const delta = change.newEnd - change.oldEnd;

  // The containers around the changed lines, outermost first, and the index of the next one in each.
  const holders: Container[] = [];
  const indexes: number[] = [];
  let inner: Container = old.root;
  for (;;) {
    const children: readonly (Entry | ValueNode)[] = inner.kind === 'map' ? inner.entries : inner.items;
    const i = lastStartingBefore(children, change.start);
    if (i < 0) break;
    const child = children[i];
    const value = child.kind === 'keyValue' ? child.value : child.kind === 'include' ? undefined : child;
    if (value?.kind !== 'map' && value?.kind !== 'array') break;
    // Its brackets are outside the changed lines, and it was closed.
    if (!value.closed || value.start >= change.start || value.end - 1 < change.oldEnd) break;
    holders.push(inner);
    indexes.push(i);
    inner = value;
  }
  if (holders.length === 0) return undefined;

  const end = inner.end + delta;
  const read = parseValue(text, rules, inner.start, end);
  const fresh = read.value;
  if (
    fresh?.kind !== inner.kind ||
    fresh.end !== end ||
    !fresh.closed ||
    read.findings.length > 0 ||
    read.hasReferences
  )
    return undefined;
  detachStrings(fresh, read.comments);

  // The holders copied with their new child, from the innermost out; what follows the child moves
  // (the maps and arrays beside the path lazily, see `lazilyMoved`).
  let child: Container = fresh;
  for (let depth = holders.length - 1; depth >= 0; depth--) {
    const holder = holders[depth];
    const i = indexes[depth];
    if (holder.kind === 'map') {
      const entries = holder.entries.slice();
      const entry = entries[i] as KeyValueNode;
      entries[i] = { ...entry, end: entry.end + delta, value: child }; // (a spread keeps the property order)
      for (let j = i + 1; j < entries.length; j++) {
        const e = entries[j] as KeyValueNode;
        entries[j] = movedEntryWith(e, delta, e.value && movedBeside(e.value, delta));
      }
      child = { kind: 'map', start: holder.start, end: holder.end + delta, entries, closed: holder.closed };
    } else {
      const items = holder.items.slice();
      items[i] = child;
      for (let j = i + 1; j < items.length; j++) items[j] = movedBeside(items[j], delta);
      child = { kind: 'array', start: holder.start, end: holder.end + delta, items, closed: holder.closed };
    }
  }
  return { text, root: child as MapNode, comments: mergedComments(old.comments, read.comments, inner, delta) };
}

/**
 * What the check found in a moved map (subtreeMemo.ts) is what it found in the original: the maps
 * beside the edit, those they hold, and those in an array they hold (the users of a list).
 */
function carryValueRecords(copy: ValueNode | undefined, original: ValueNode | undefined): void {
  if (copy?.kind === 'map' && original?.kind === 'map') carryRecords(copy, original);
  else if (copy?.kind === 'array' && original?.kind === 'array')
    for (let k = 0; k < copy.items.length; k++) {
      const item = copy.items[k];
      const was = original.items[k];
      if (item.kind === 'map' && was.kind === 'map') carryRecords(item, was);
    }
}

/** A value beside the path to the edit, moved: a map or an array lazily, with the records of its original. */
function movedBeside(v: ValueNode, delta: number): ValueNode {
  if (v.kind !== 'map' && v.kind !== 'array') return movedScalarOrShell(v, delta, []);
  const copy = lazilyMoved(v, delta);
  if (v.kind === 'map') carryRecords(copy as MapNode, v);
  return copy;
}

/** Children to be (a placeholder replaced by the getter at once). */
const NONE: never[] = [];

/** A map or array moved lazily and not read yet: the node it copies (not itself lazy) and by how much. */
const unmoved = new WeakMap<Container, { source: Container; delta: number }>();

/**
 * `v` moved by `delta`, lazily: its entries or items are moved when first asked for, and all that they
 * hold with them. The check takes over what it found before in what follows an edit (subtreeMemo.ts)
 * without reading it, so the thousands of accounts after an edited one cost nothing until a request
 * reads them. A copy of a lazy copy not read yet copies its source: versions never chain.
 */
function lazilyMoved(v: Container, delta: number): Container {
  const pending = unmoved.get(v);
  const start = v.start + delta;
  const end = v.end + delta;
  // The parser's property order, the children behind a getter (and a setter, as a plain property has).
  const copy: Container =
    v.kind === 'map'
      ? { kind: 'map', start, end, entries: NONE, closed: v.closed }
      : { kind: 'array', start, end, items: NONE, closed: v.closed };
  Object.defineProperty(copy, v.kind === 'map' ? 'entries' : 'items', LAZY_CHILDREN);
  unmoved.set(copy, pending ? { source: pending.source, delta: pending.delta + delta } : { source: v, delta });
  return copy;
}

/**
 * The children of a lazy copy, as a property of it: one getter and one setter for all copies (a pair
 * of its own each would give every copy a shape of its own), replaced by a plain property once read.
 */
const LAZY_CHILDREN: PropertyDescriptor = {
  get(this: Container) {
    const moved = movedChildren(this);
    settle(this, moved);
    return moved;
  },
  set(this: Container, value: (Entry | ValueNode)[]) {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** A lazy copy's children from now on: the last reading's nodes are no longer needed. */
function settle(copy: Container, children: (Entry | ValueNode)[]): void {
  unmoved.delete(copy);
  const name = copy.kind === 'map' ? 'entries' : 'items';
  Object.defineProperty(copy, name, { value: children, writable: true, enumerable: true, configurable: true });
}

/** Moves a lazy copy's children, and what they hold, as the copies of every other node are moved. */
function movedChildren(copy: Container): (Entry | ValueNode)[] {
  const { source, delta } = unmoved.get(copy)!;
  const from: readonly (Entry | ValueNode)[] = source.kind === 'map' ? source.entries : source.items;
  const copies: Container[] = [];
  const moved = from.map((c) =>
    c.kind === 'keyValue' ? movedEntry(c, delta, copies) : movedScalarOrShell(c as ValueNode, delta, copies),
  );
  moveChildren(copies, delta);
  for (let k = 0; k < moved.length; k++) {
    const c = moved[k];
    const was = from[k];
    carryValueRecords(c.kind === 'keyValue' ? c.value : c, was.kind === 'keyValue' ? was.value : (was as ValueNode));
  }
  return moved;
}

/** The index of the last child that starts before `offset` (-1: none); children are in text order. */
function lastStartingBefore(children: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (children[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The keys, strings and comments read anew, as copies: cut from the new text, each of 13 characters or
 * more would be a view into all of it (V8's sliced strings, see shared/detached.ts), and the block may
 * outlive this version by many; every version's text would stay alive with it. (Those of the first
 * whole reading keep that one text, which the nodes read then share.) The nodes are this reading's own.
 */
function detachStrings(value: Container, comments: CommentNode[]): void {
  const values: ValueNode[] = [value];
  while (values.length > 0) {
    const v = values.pop()!;
    if (v.kind === 'string') v.value = detachedIfLong(v.value);
    else if (v.kind === 'array') for (const item of v.items) values.push(item);
    else if (v.kind === 'map')
      for (const e of v.entries) {
        if (e.kind !== 'keyValue') continue;
        e.key = detachedIfLong(e.key);
        if (e.value) values.push(e.value);
      }
  }
  for (const c of comments) c.text = detachedIfLong(c.text);
}

/** V8 copies substrings shorter than 13 characters: only longer ones need a copy. */
function detachedIfLong(text: string): string {
  return text.length < 13 ? text : detached(text);
}

/** The comments before the container, those read anew in it, and those after it, moved. */
function mergedComments(
  old: readonly CommentNode[],
  anew: readonly CommentNode[],
  container: Container,
  delta: number,
): CommentNode[] {
  const before = lastStartingBefore(old, container.start) + 1;
  const after = lastStartingBefore(old, container.end) + 1;
  const merged = old.slice(0, before);
  for (const c of anew) merged.push(c);
  for (let i = after; i < old.length; i++) {
    const c = old[i];
    merged.push({ start: c.start + delta, end: c.end + delta, text: c.text });
  }
  return merged;
}

// The copies below keep the parser's property order: one object shape per kind, as the parser makes.

/** An entry after the change, its value's children put on `copies` to move (the last reading had no includes). */
function movedEntry(e: KeyValueNode, delta: number, copies: Container[]): KeyValueNode {
  return movedEntryWith(e, delta, e.value && movedScalarOrShell(e.value, delta, copies));
}

/** An entry's key and separator moved, holding `value`. */
function movedEntryWith(e: KeyValueNode, delta: number, value: ValueNode | undefined): KeyValueNode {
  return {
    kind: 'keyValue',
    start: e.start + delta,
    end: e.end + delta,
    key: e.key,
    keyEnd: e.keyEnd + delta,
    keyQuoted: e.keyQuoted,
    separator: e.separator === undefined ? undefined : e.separator + delta,
    value,
  };
}

/**
 * Moves the children of the containers on `copies`, and theirs in turn. Without recursion: nesting
 * depth is unbounded.
 */
function moveChildren(copies: Container[], delta: number): void {
  while (copies.length > 0) {
    const c = copies.pop()!;
    if (c.kind === 'map') {
      const entries = c.entries;
      for (let i = 0; i < entries.length; i++) entries[i] = movedEntry(entries[i] as KeyValueNode, delta, copies);
    } else {
      const items = c.items;
      for (let i = 0; i < items.length; i++) items[i] = movedScalarOrShell(items[i], delta, copies);
    }
  }
}

/** A scalar moved, or a container moved with a copy of its children's array still to move (put on `copies`). */
function movedScalarOrShell(v: ValueNode, delta: number, copies: Container[]): ValueNode {
  const start = v.start + delta;
  const end = v.end + delta;
  switch (v.kind) {
    case 'string':
      return { kind: 'string', start, end, value: v.value, quote: v.quote };
    case 'bool':
      return { kind: 'bool', start, end, value: v.value };
    case 'integer':
      return { kind: 'integer', start, end, value: v.value, exact: v.exact, suffix: v.suffix };
    case 'float':
      return { kind: 'float', start, end, value: v.value };
    case 'datetime':
      return { kind: 'datetime', start, end, value: v.value };
    case 'variable':
      return { kind: 'variable', start, end, name: v.name };
    case 'map': {
      const copy: MapNode = { kind: 'map', start, end, entries: v.entries.slice(), closed: v.closed };
      copies.push(copy);
      return copy;
    }
    case 'array': {
      const copy: ArrayNode = { kind: 'array', start, end, items: v.items.slice(), closed: v.closed };
      copies.push(copy);
      return copy;
    }
  }
}
