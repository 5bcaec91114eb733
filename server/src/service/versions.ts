// nats-server versions and the reading differences between them that the parser
// must reproduce (reference §1.12).

export interface ServerVersion {
  major: number;
  minor: number;
  patch: number;
}

/** The newest release line the catalogue knows; the default target. */
export const NEWEST_VERSION: ServerVersion = { major: 2, minor: 14, patch: 5 };
export const OLDEST_VERSION: ServerVersion = { major: 2, minor: 9, patch: 0 };

/** Parses `2.9`, `2.10.7` or `v2.11.0`; a missing patch means the line's first release. */
export function parseServerVersion(text: string): ServerVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
}

export function compareVersions(a: ServerVersion, b: ServerVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatVersion(v: ServerVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function isSupportedVersion(v: ServerVersion): boolean {
  return compareVersions(v, OLDEST_VERSION) >= 0 && v.major === 2;
}

/** True when `v` is at least one of the given releases within its own minor line, or a later line. */
function atLeastInLine(v: ServerVersion, firstByLine: Record<string, number>, laterLinesFrom: ServerVersion): boolean {
  if (compareVersions(v, laterLinesFrom) >= 0) return true;
  const first = firstByLine[`${v.major}.${v.minor}`];
  return first !== undefined && v.patch >= first;
}

/** The syntax rules that differ between releases. */
export interface SyntaxRules {
  /** v2.10.16 / v2.11.0: a top-level `{` opens a block with its own terminator rules; before, it was skipped. */
  topLevelBlocks: boolean;
  /** v2.9.22 / v2.10.0: a key with no value at the end of the file is an error; before, it vanished silently. */
  danglingKeyIsError: boolean;
  /** v2.9.22 / v2.10.0: an empty file is a warning (`config has no values or is empty`). */
  emptyConfigWarning: boolean;
  /** v2.11.12 / v2.12.4: environment reference cycles are reported; earlier servers overflow their stack. */
  envCycleDetected: boolean;
}

export function syntaxRules(v: ServerVersion): SyntaxRules {
  return {
    topLevelBlocks: atLeastInLine(v, { '2.10': 16 }, { major: 2, minor: 11, patch: 0 }),
    danglingKeyIsError: atLeastInLine(v, { '2.9': 22 }, { major: 2, minor: 10, patch: 0 }),
    emptyConfigWarning: atLeastInLine(v, { '2.9': 22 }, { major: 2, minor: 10, patch: 0 }),
    envCycleDetected: atLeastInLine(v, { '2.11': 12, '2.12': 4 }, { major: 2, minor: 13, patch: 0 }),
  };
}
