// The option catalogue, assembled: every block by id, option lookup as nats-server
// matches keys, availability by release, and "did you mean" suggestions.

import { detached } from '../shared/detached';
import { compareVersions, parseServerVersion, ServerVersion } from '../versions';
import { authBlocks } from './blocks/auth';
import { jetstreamBlocks } from './blocks/jetstream';
import { networkBlocks } from './blocks/network';
import { tlsBlocks } from './blocks/tls';
import { topBlocks } from './blocks/top';
import { BlockId, BlockSpec, OptionSpec, Since } from './schema';

export * from './schema';
export { suggestions } from './suggestions';

const ALL_BLOCKS: readonly BlockSpec[] = [
  ...topBlocks,
  ...networkBlocks,
  ...tlsBlocks,
  ...jetstreamBlocks,
  ...authBlocks,
];

interface IndexedBlock {
  spec: BlockSpec;
  /** Every name and alias, folded as the block compares keys, to its option. */
  byName: Map<string, OptionSpec>;
  /** Keys as written (not folded) already looked up, and what they found (null: nothing). */
  written: Map<string, OptionSpec | null>;
}

/** Keys as written remembered per block: enough for every spelling in use, bounded for generated keys. */
const WRITTEN_KEYS_KEPT = 4096;

const index = new Map<BlockId, IndexedBlock>();
/** The block each option belongs to (an option object is in one block only; the catalogue test holds it). */
const owners = new Map<OptionSpec, BlockSpec>();
for (const spec of ALL_BLOCKS) {
  const byName = new Map<string, OptionSpec>();
  for (const option of spec.options) {
    for (const name of [option.name, ...(option.aliases ?? [])]) byName.set(fold(spec, name), option);
    if (!owners.has(option)) owners.set(option, spec);
  }
  index.set(spec.id, { spec, byName, written: new Map() });
}

function fold(block: BlockSpec, key: string): string {
  return block.caseSensitive ? key : key.toLowerCase();
}

/** Every block and the index of its names (for the suggestions). */
export function indexedBlock(id: BlockId): IndexedBlock | undefined {
  return index.get(id);
}

export function blocks(): readonly BlockSpec[] {
  return ALL_BLOCKS;
}

export function block(id: BlockId): BlockSpec | undefined {
  return index.get(id)?.spec;
}

/** The block an option of the catalogue belongs to. */
export function blockOf(option: OptionSpec): BlockSpec | undefined {
  return owners.get(option);
}

/** The docs.nats.io page of an option: its own, or else its block's. */
export function optionDocs(option: OptionSpec): string | undefined {
  return option.docs ?? owners.get(option)?.docs;
}

/** The option a key names in a block, as nats-server matches it (case-insensitively in most blocks). */
export function findOption(blockId: BlockId, key: string): OptionSpec | undefined {
  const entry = index.get(blockId);
  if (!entry) return undefined;
  // Large files repeat a few keys thousands of times: skip folding them each time.
  const known = entry.written.get(key);
  if (known !== undefined) return known ?? undefined;
  const option = entry.byName.get(fold(entry.spec, key));
  if (entry.written.size < WRITTEN_KEYS_KEPT) entry.written.set(detached(key), option ?? null);
  return option;
}

/** Whether `since` (and `until`) admit this release. */
export function availableIn(option: Pick<OptionSpec, 'since' | 'until'>, version: ServerVersion): boolean {
  // Most options and forms name no release: nothing to parse.
  if (option.until === undefined && option.since === undefined) return true;
  // Otherwise the answer is remembered for the release last asked about (one per check).
  const known = availability.get(option);
  if (known && compareVersions(known.version, version) === 0) return known.available;
  const available = admits(option, version);
  availability.set(option, { version: { ...version }, available });
  return available;
}

const availability = new WeakMap<object, { version: ServerVersion; available: boolean }>();

function admits(option: Pick<OptionSpec, 'since' | 'until'>, version: ServerVersion): boolean {
  if (option.until) {
    const until = parseServerVersion(option.until);
    if (until && compareVersions(version, until) >= 0) return false;
  }
  return sinceAdmits(option.since, version);
}

function sinceAdmits(since: Since | undefined, version: ServerVersion): boolean {
  if (since === undefined) return true;
  const firsts = (typeof since === 'string' ? [since] : since)
    .map((s) => parseServerVersion(s))
    .filter((v): v is ServerVersion => !!v);
  if (firsts.length === 0) return true;
  // In a line that got the option as a backport: from that patch on.
  const sameLine = firsts.find((f) => f.major === version.major && f.minor === version.minor);
  if (sameLine) return compareVersions(version, sameLine) >= 0;
  // Otherwise: in every line after the earliest one that has it.
  const earliest = firsts.reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
  return (
    compareVersions(version, earliest) >= 0 && !(version.major === earliest.major && version.minor === earliest.minor)
  );
}

/** The first release of `since`, for messages ("available since 2.10.0"). */
export function sinceText(since: Since | undefined): string | undefined {
  if (since === undefined) return undefined;
  return typeof since === 'string' ? since : since.join(' / ');
}
