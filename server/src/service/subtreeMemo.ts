// What a check found in a map and everything under it, kept by the map's node, so that the check
// of a later reading takes it over where that map is unchanged: the same node (before the edit),
// or a copy the edit moved (reread.ts carries its original's records over to it). Validation keeps
// such records for blocks, the rules for accounts. Spans are kept from the map's start, so a moved
// copy's findings are its original's moved with it.

import type { Finding } from './diagnostics';
import type { MapNode, Span } from './tree';
import { detached } from './shared/detached';

/**
 * The records kept for a map, by who keeps them (validation, or a rule): one object per map, in
 * one table (a table per keeper would each grow to the tens of thousands of maps of large files).
 */
type Records = Record<string, unknown>;

const records = new WeakMap<MapNode, Records>();

/** What `keeper` kept for `map` (undefined: nothing, or it is not known to hold). */
export function subtreeRecord<T>(map: MapNode, keeper: string): T | undefined {
  return records.get(map)?.[keeper] as T | undefined;
}

export function keepSubtreeRecord(map: MapNode, keeper: string, record: unknown): void {
  let kept = records.get(map);
  if (!kept) records.set(map, (kept = {}));
  kept[keeper] = record;
}

/**
 * A copy of `original`, moved by an edit, holds what it holds: what was found in the one was found
 * in the other. They share their records (a record is true of both, spans being from the map's start).
 */
export function carryRecords(copy: MapNode, original: MapNode): void {
  const kept = records.get(original);
  if (kept) records.set(copy, kept);
}

/** The findings from `from` on, as a record of `map` keeps them (see `recordedFinding`). */
export function keptFindings(findings: readonly Finding[], from: number, map: MapNode): Finding[] {
  return findings.slice(from).map((f) => recordedFinding(f, map.start));
}

/** Adds the findings a record of `map` kept to `findings`, at the map's place now. */
export function takeOverFindings(findings: Finding[], kept: readonly Finding[], map: MapNode): void {
  for (const f of kept) findings.push(findingFrom(f, -map.start));
}

/**
 * A finding as a record keeps it: spans from `origin`, and its texts as copies. A message naming a key
 * is built from a key cut from the text: kept for many versions, it would keep that version's whole
 * text alive (see shared/detached.ts).
 */
function recordedFinding(f: Finding, origin: number): Finding {
  const kept = findingFrom(f, origin);
  kept.message = detached(kept.message);
  if (kept.related) for (const r of kept.related) r.message = detached(r.message);
  if (kept.fixes)
    for (const fix of kept.fixes) {
      fix.title = detached(fix.title);
      for (const e of fix.edits) e.newText = detached(e.newText);
    }
  return kept;
}

/** A span counted from `origin` (negative `origin`: back to the file's offsets). */
function spanFrom(span: Span, origin: number): Span {
  return { start: span.start - origin, end: span.end - origin };
}

/** A finding with every span (its own, related places', fixes' edits) counted from `origin`. */
function findingFrom(f: Finding, origin: number): Finding {
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
