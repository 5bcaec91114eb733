// The option catalogue, assembled: every block by id, option lookup as nats-server
// matches keys, availability by release, and "did you mean" suggestions.

import { compareVersions, parseServerVersion, ServerVersion } from '../versions';
import { authBlocks } from './blocks/auth';
import { jetstreamBlocks } from './blocks/jetstream';
import { networkBlocks } from './blocks/network';
import { tlsBlocks } from './blocks/tls';
import { topBlocks } from './blocks/top';
import { BlockId, BlockSpec, OptionSpec, Since } from './schema';

export * from './schema';

const ALL_BLOCKS: readonly BlockSpec[] = [...topBlocks, ...networkBlocks, ...tlsBlocks, ...jetstreamBlocks, ...authBlocks];

interface IndexedBlock {
  spec: BlockSpec;
  /** Every name and alias, folded as the block compares keys, to its option. */
  byName: Map<string, OptionSpec>;
}

const index = new Map<BlockId, IndexedBlock>();
for (const spec of ALL_BLOCKS) {
  const byName = new Map<string, OptionSpec>();
  for (const option of spec.options) {
    for (const name of [option.name, ...(option.aliases ?? [])]) byName.set(fold(spec, name), option);
  }
  index.set(spec.id, { spec, byName });
}

function fold(block: BlockSpec, key: string): string {
  return block.caseSensitive ? key : key.toLowerCase();
}

export function blocks(): readonly BlockSpec[] {
  return ALL_BLOCKS;
}

export function block(id: BlockId): BlockSpec | undefined {
  return index.get(id)?.spec;
}

/** The option a key names in a block, as nats-server matches it (case-insensitively in most blocks). */
export function findOption(blockId: BlockId, key: string): OptionSpec | undefined {
  const entry = index.get(blockId);
  return entry?.byName.get(fold(entry.spec, key));
}

/** Whether `since` (and `until`) admit this release. */
export function availableIn(option: Pick<OptionSpec, 'since' | 'until'>, version: ServerVersion): boolean {
  if (option.until) {
    const until = parseServerVersion(option.until);
    if (until && compareVersions(version, until) >= 0) return false;
  }
  return sinceAdmits(option.since, version);
}

function sinceAdmits(since: Since | undefined, version: ServerVersion): boolean {
  if (since === undefined) return true;
  const firsts = (typeof since === 'string' ? [since] : since).map((s) => parseServerVersion(s)).filter((v): v is ServerVersion => !!v);
  if (firsts.length === 0) return true;
  // In a line that got the option as a backport: from that patch on.
  const sameLine = firsts.find((f) => f.major === version.major && f.minor === version.minor);
  if (sameLine) return compareVersions(version, sameLine) >= 0;
  // Otherwise: in every line after the earliest one that has it.
  const earliest = firsts.reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
  return compareVersions(version, earliest) >= 0 && !(version.major === earliest.major && version.minor === earliest.minor);
}

/** The first release of `since`, for messages ("available since 2.10.0"). */
export function sinceText(since: Since | undefined): string | undefined {
  if (since === undefined) return undefined;
  return typeof since === 'string' ? since : since.join(' / ');
}

/** The known names in a block closest to `key` (typos, other spellings), best first. */
export function suggestions(blockId: BlockId, key: string, version: ServerVersion, max = 1): string[] {
  const entry = index.get(blockId);
  if (!entry) return [];
  const needle = key.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const option of entry.spec.options) {
    if (!availableIn(option, version)) continue;
    for (const name of [option.name, ...(option.aliases ?? [])]) {
      const distance = editDistance(needle, name.toLowerCase());
      const limit = Math.max(1, Math.floor(name.length / 3));
      const related = name.includes(needle) || needle.includes(name);
      if (distance <= limit || (related && Math.min(name.length, needle.length) >= 4)) scored.push({ name: option.name, score: distance });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return [...new Set(scored.map((s) => s.name))].slice(0, max);
}

/** Levenshtein distance, with adjacent transpositions counting as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}
