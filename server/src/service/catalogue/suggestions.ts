// "Did you mean …?" for an unknown key: the known names of its block closest to it.
// Unknown keys can be anything a file holds (a 1 MB word, 20,000 generated keys), so the
// work per key is bounded: names whose length alone rules them out are skipped, the edit
// distance stops once it exceeds what would count as a typo, keys too long to be a typo
// of any option get no suggestion, and answers are cached per block, release and key.

import { availableIn, indexedBlock } from './catalogue';
import { detached } from '../shared/detached';
import { formatVersion, ServerVersion } from '../versions';
import { BlockId } from './schema';

/** No option name is near this long: a longer key is not a typo of one. */
const LONGEST_TYPO = 64;
const CACHE_LIMIT = 10_000;
const cache = new Map<string, string[]>();

/** The known names in a block closest to `key` (typos, other spellings), best first. */
export function suggestions(blockId: BlockId, key: string, version: ServerVersion, max = 1): string[] {
  if (key.length > LONGEST_TYPO) return [];
  const cacheKey = `${blockId}\0${formatVersion(version)}\0${max}\0${key}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const found = rank(blockId, key.toLowerCase(), version, max);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(detached(cacheKey), found);
  return found;
}

/** Each block's names available in a release, lower-cased once. */
const candidatesCache = new Map<string, { name: string; lower: string; limit: number }[]>();

function candidates(blockId: BlockId, version: ServerVersion): { name: string; lower: string; limit: number }[] {
  const key = `${blockId}\0${formatVersion(version)}`;
  let list = candidatesCache.get(key);
  if (list) return list;
  list = [];
  for (const option of indexedBlock(blockId)?.spec.options ?? []) {
    if (!availableIn(option, version)) continue;
    for (const alias of [option.name, ...(option.aliases ?? [])]) {
      const lower = alias.toLowerCase();
      list.push({ name: option.name, lower, limit: Math.max(1, Math.floor(lower.length / 3)) });
    }
  }
  candidatesCache.set(key, list);
  return list;
}

function rank(blockId: BlockId, needle: string, version: ServerVersion, max: number): string[] {
  const scored: { name: string; score: number }[] = [];
  for (const { name, lower, limit } of candidates(blockId, version)) {
    // A key inside a name or a name inside a key (`max_mem` for `max_memory_store`) counts when both are words.
    const related = Math.min(lower.length, needle.length) >= 4 && (lower.includes(needle) || needle.includes(lower));
    if (!related && Math.abs(lower.length - needle.length) > limit) continue;
    const distance = boundedEditDistance(needle, lower, related ? Math.max(lower.length, needle.length) : limit);
    if (distance <= limit || related) scored.push({ name, score: distance });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return [...new Set(scored.map((s) => s.name))].slice(0, max);
}

/**
 * Levenshtein distance, with adjacent transpositions counting as one edit, when it is at most
 * `bound`, else `bound + 1`: only the diagonal band of width `bound` is computed, in three rows,
 * so a hopeless pair costs little.
 */
const ROW_BUFFER = 128;
const sharedRows = [new Int32Array(ROW_BUFFER), new Int32Array(ROW_BUFFER), new Int32Array(ROW_BUFFER)];

export function boundedEditDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const cols = b.length + 1;
  const over = bound + 1;
  // Three rows, reused between calls (names are short); a longer pair gets its own.
  const rows = cols <= ROW_BUFFER ? sharedRows : [new Int32Array(cols), new Int32Array(cols), new Int32Array(cols)];
  let [before, previous, current] = rows;
  before.fill(over, 0, cols);
  for (let j = 0; j < cols; j++) previous[j] = j <= bound ? j : over;
  for (let i = 1; i <= a.length; i++) {
    current.fill(over, 0, cols);
    if (i <= bound) current[0] = i;
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    let best = current[0];
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, before[j - 2] + 1);
      current[j] = Math.min(d, over);
      if (current[j] < best) best = current[j];
    }
    if (best > bound) return over;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], over);
}
