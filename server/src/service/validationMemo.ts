// What validation found in a map and everything under it, kept by the map's node, so that the
// check of a later reading takes it over where that map is unchanged: the same node (before the
// edit), or a copy the edit moved (reread.ts carries its original's record over to it). Spans are
// kept from the map's start, so a moved copy's findings are its original's moved with it.

import type { Finding } from './diagnostics';
import type { BlockId } from './catalogue/catalogue';
import type { MapNode, Span } from './tree';
import type { ServerVersion } from './versions';

interface SubtreeRecord {
  /** What the map was checked as, and for which release. */
  blockId: BlockId;
  version: ServerVersion;
  /** Every finding of the map and what it holds, spans counted from the map's start. */
  findings: Finding[];
  /** Unknown keys looked up for a "did you mean" (each check has a budget of them). */
  suggestions: number;
  /** A message names a line: taken over only while the map starts on the same line. */
  line: number | undefined;
}

const records = new WeakMap<MapNode, SubtreeRecord>();

export function recordOf(map: MapNode): SubtreeRecord | undefined {
  return records.get(map);
}

export function keepRecord(map: MapNode, record: SubtreeRecord | undefined): void {
  if (record) records.set(map, record);
  else records.delete(map);
}

/** A copy of `original`, moved by an edit, holds what it holds: it is what its original was found to be. */
export function carryRecord(copy: MapNode, original: MapNode): void {
  const record = records.get(original);
  if (record) records.set(copy, record);
}

/** A span counted from `origin` (negative `origin`: back to the file's offsets). */
function spanFrom(span: Span, origin: number): Span {
  return { start: span.start - origin, end: span.end - origin };
}

/** A finding with every span (its own, related places', fixes' edits) counted from `origin`. */
export function findingFrom(f: Finding, origin: number): Finding {
  // The same keys as the finding's (a key set to undefined included).
  const moved: Finding = { ...f, span: spanFrom(f.span, origin) };
  if (f.related) moved.related = f.related.map((r) => ({ ...r, span: spanFrom(r.span, origin) }));
  if (f.fixes)
    moved.fixes = f.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => ({ ...e, span: spanFrom(e.span, origin) })),
    }));
  return moved;
}
