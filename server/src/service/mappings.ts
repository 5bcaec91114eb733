// Subject mappings as nats-server checks them while reading the config (so `nats-server
// -t` refuses what is found here): the destination's tokens and functions against the
// source's wildcards, and the weights of a weighted list. What each release accepts
// differs; the release is passed in.

import { ServerVersion, compareVersions } from './versions';

const at = (v: ServerVersion, major: number, minor: number, patch = 0) =>
  compareVersions(v, { major, minor, patch }) >= 0;

/**
 * The functions a destination token may call (lower-cased), how many arguments each takes, and the release it
 * came in.
 */
const FUNCTIONS: { name: string; args: [number, number]; since?: [number, number] }[] = [
  { name: 'wildcard', args: [1, 1] },
  { name: 'partition', args: [2, Infinity] },
  { name: 'splitfromleft', args: [2, 2] },
  { name: 'splitfromright', args: [2, 2] },
  { name: 'slicefromleft', args: [2, 2] },
  { name: 'slicefromright', args: [2, 2] },
  { name: 'split', args: [2, 2] },
  { name: 'random', args: [1, 1], since: [2, 12] },
  // left() and right() transform subjects from 2.10.16, but the mapping check never learnt them.
];

/** A destination token that takes source tokens: the wildcard indexes it names, or why it cannot be read. */
function placeholder(token: string, version: ServerVersion): { indexes: number[] } | { error: string } | undefined {
  const legacy = /^\$([+-]?\d+)$/.exec(token);
  if (legacy) return { indexes: [Number(legacy[1])] };
  const call = /^\{\{\s*([A-Za-z]+)\s*\((.*)\)\s*\}\}$/.exec(token);
  if (!call) return undefined;
  const fn = FUNCTIONS.find((f) => f.name === call[1].toLowerCase())!;
  const args = call[2].trim() === '' ? [] : call[2].split(',').map((a) => a.trim());
  // One-argument partition (and random) take no source token; from 2.12 a partition may be so.
  const least = fn.name === 'partition' && at(version, 2, 12) ? 1 : fn.args[0];
  if (args.length < least)
    return { error: `invalid mapping destination: not enough arguments passed to the function in ${token}` };
  if (args.length > fn.args[1])
    return { error: `invalid mapping destination: too many arguments passed to the function in ${token}` };
  const numeric = fn.name === 'split' ? args.slice(0, 1) : args;
  if (numeric.some((a) => !/^[+-]?\d+$/.test(a)))
    return { error: `invalid mapping destination: function argument is invalid or in the wrong format in ${token}` };
  const indexes = fn.name === 'partition' ? args.slice(1) : fn.name === 'random' ? [] : args.slice(0, 1);
  return { indexes: indexes.map(Number) };
}

/**
 * Why nats-server refuses `destination` for `source` (its own words, without the
 * "Error adding mapping" prefix), or undefined when it accepts it. The checks run in
 * nats-server's order: the destination's tokens, both subjects, then the placeholders
 * against the source's wildcards.
 */
export function destinationError(source: string, destination: string, version: ServerVersion): string | undefined {
  const invalid = at(version, 2, 11) ? 'invalid transform' : 'invalid subject';
  if (destination === '') return at(version, 2, 10) ? undefined : `invalid mapping destination: ${invalid} in `;
  const tokens = destination.split('.');
  let afterFull = false;
  for (const token of tokens) {
    if (token === '' || afterFull) return `invalid mapping destination: ${invalid} in ${token}`;
    if (token.length > 4 && token.startsWith('{{') && token.endsWith('}}')) {
      const call = /^\{\{\s*([A-Za-z]+)\s*\((.*)\)\s*\}\}$/.exec(token);
      // nats-server's patterns take either case only for each word's first letter (Wildcard, splitFromLeft).
      const known =
        call &&
        FUNCTIONS.some(
          (f) =>
            f.name === call[1].toLowerCase() &&
            (!f.since || at(version, ...f.since)) &&
            firstLettersOnly(call[1], f.name),
        );
      if (!known) return `invalid mapping destination: unknown function in ${token}`;
      continue;
    }
    if (token === '>') afterFull = true;
    else if (/[\t\n\f\r ]/.test(token)) return `invalid mapping destination: ${invalid}`;
  }
  const sourceTokens = source.split('.');
  const wildcards = sourceTokens.filter((t) => t === '*').length;
  const sourceFull = sourceTokens.includes('>');
  if (tokens.includes('*') || sourceFull !== tokens.includes('>')) return 'invalid subject';
  // 2.9 reads the placeholders only when the source has wildcards.
  if (!at(version, 2, 10) && wildcards === 0 && !sourceFull) return undefined;
  let used = 0;
  for (const token of tokens) {
    const p = placeholder(token, version);
    if (!p) continue;
    if ('error' in p) return p.error;
    for (const n of p.indexes)
      if (n > wildcards) return `invalid mapping destination: wildcard index out of range in ${token}: [${n}]`;
    // Before 2.9.15 a function counted once, whatever indexes it names.
    used += at(version, 2, 9, 15) ? p.indexes.length : 1;
  }
  // 2.9 wants as many placeholders as the source has wildcards (later releases only for imports).
  if (!at(version, 2, 10) && used < wildcards)
    return `invalid mapping destination: not using all of the token wildcard(s) in ${destination}`;
  return undefined;
}

/** `splitFromLeft` as nats-server matches it: any case for the first letter of each word, the rest as written. */
function firstLettersOnly(written: string, lower: string): boolean {
  const canonical: Record<string, string> = {
    splitfromleft: 'splitFromLeft',
    splitfromright: 'splitFromRight',
    slicefromleft: 'sliceFromLeft',
    slicefromright: 'sliceFromRight',
  };
  const want = canonical[lower] ?? lower;
  for (let i = 0; i < want.length; i++) {
    const wordStart = i === 0 || (want[i] >= 'A' && want[i] <= 'Z');
    if (wordStart ? written[i].toLowerCase() !== want[i].toLowerCase() : written[i] !== want[i]) return false;
  }
  return written.length === want.length;
}

/** A destination of a weighted list, as the checks below need it. */
export interface WeightedDestination {
  subject: string;
  /** Percent, 0–100 (already checked one by one). */
  weight: number;
  cluster: string | undefined;
}

/**
 * The weighted list's own refusals: a destination twice (whatever its cluster), and weights
 * over 100 in all (2.9: all destinations together; from 2.10, per cluster).
 */
export function weightedListError(
  list: readonly WeightedDestination[],
  version: ServerVersion,
): { index: number; error: string } | undefined {
  const seen = new Set<string>();
  const totals = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (seen.has(d.subject)) return { index: i, error: `duplicate entry for "${d.subject}"` };
    seen.add(d.subject);
    const group = at(version, 2, 10) ? (d.cluster ?? '') : '';
    const total = (totals.get(group) ?? 0) + d.weight;
    totals.set(group, total);
    if (total > 100) return { index: i, error: 'total weight needs to be <= 100' };
  }
  return undefined;
}
