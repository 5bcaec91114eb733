// The chart's keys as a tree per layout, and what a path of keys is in it: a key of the chart, a
// key under a map whose keys are the user's own (`merge`, `env`, labels) or inside a list, or
// unknown from some step on. Names for unknown keys come from the other layout or from the
// nearest sibling (the project's bounded edit distance).

import { boundedEditDistance } from '../../catalogue/suggestions';
import { CHART_0X, CHART_1X, type ChartValue } from './chartValues';

/** `1.x` stands for every release from 1.0.0 on (the chart's versions follow nats-server's from 2.12). */
export type ChartLayout = '0.x' | '1.x';

interface KeyNode {
  entry?: ChartValue;
  children: Map<string, KeyNode>;
}

const trees = new Map<ChartLayout, KeyNode>();

function tree(layout: ChartLayout): KeyNode {
  let root = trees.get(layout);
  if (root) return root;
  root = { children: new Map() };
  for (const entry of layout === '1.x' ? CHART_1X : CHART_0X) {
    let node = root;
    for (const step of entry.path.split('.')) {
      let next = node.children.get(step);
      if (!next) node.children.set(step, (next = { children: new Map() }));
      node = next;
    }
    node.entry = entry;
  }
  trees.set(layout, root);
  return root;
}

export type KeyStep = string | number;

type Resolved =
  /** A key of the chart. */
  | { kind: 'key'; entry: ChartValue }
  /** Below a map whose keys are the user's own, or inside a list: nothing to check. */
  | { kind: 'free'; owner: ChartValue }
  /** Steps from `at` on are not the chart's; `parent` is the last known key (none at the top). */
  | { kind: 'unknown'; at: number; parent?: ChartValue }
  /** A step below a key that holds no map (`config.cluster.enabled.x`). */
  | { kind: 'not-a-map'; at: number; entry: ChartValue };

/** What `steps` (map keys, list indexes) names in a layout. */
export function resolve(layout: ChartLayout, steps: readonly KeyStep[]): Resolved {
  let node = tree(layout);
  let entry: ChartValue | undefined;
  for (let i = 0; i < steps.length; i++) {
    if (entry?.open || entry?.type === 'list') return { kind: 'free', owner: entry };
    const step = steps[i];
    const next = typeof step === 'string' ? (node.children.get(step) ?? node.children.get('*')) : undefined;
    if (!next) {
      if (entry && entry.type !== 'map') return { kind: 'not-a-map', at: i, entry };
      return { kind: 'unknown', at: i, parent: entry };
    }
    node = next;
    entry = next.entry;
  }
  return entry ? { kind: 'key', entry } : { kind: 'unknown', at: 0 };
}

/** The chart's keys directly below `steps` (the top level for none); none below open maps or lists. */
export function childrenOf(layout: ChartLayout, steps: readonly KeyStep[]): ChartValue[] {
  let node = tree(layout);
  for (const step of steps) {
    const next = typeof step === 'string' ? (node.children.get(step) ?? node.children.get('*')) : undefined;
    if (!next) return [];
    node = next;
  }
  return [...node.children.values()].flatMap((n) => (n.entry ? [n.entry] : []));
}

const isFound = (r: Resolved) => r.kind === 'key' || r.kind === 'free';
const join = (steps: readonly KeyStep[]) =>
  steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');

/** A path written as Helm writes it (`a.b[0].c`). */
export const pathText = join;

/** No key of the chart is near this long: a longer step is not a typo of one. */
const LONGEST_TYPO = 48;

/** The sibling names closest to `step`, best first (case differences count for little). */
function closest(names: readonly string[], step: string): string[] {
  if (step.length > LONGEST_TYPO) return [];
  const needle = step.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const limit = Math.max(1, Math.floor(lower.length / 3));
    const distance = boundedEditDistance(needle, lower, limit);
    if (distance <= limit) scored.push({ name, score: distance * 2 + (name === step ? 0 : 1) });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).map((s) => s.name);
}

/**
 * A path of the layout the user plausibly meant by an unknown one: each unknown step replaced by
 * its nearest sibling, as long as one is near enough; the whole path must then be the chart's.
 */
export function didYouMean(layout: ChartLayout, steps: readonly KeyStep[]): string | undefined {
  const fixed = [...steps];
  for (let guard = 0; guard < steps.length; guard++) {
    const r = resolve(layout, fixed);
    if (isFound(r)) return guard === 0 ? undefined : join(fixed);
    if (r.kind !== 'unknown') return undefined;
    const names = childrenOf(layout, fixed.slice(0, r.at))
      .map((e) => e.path.split('.').pop()!)
      .filter((n) => n !== '*');
    const step = fixed[r.at];
    const best = typeof step === 'string' ? closest(names, step)[0] : undefined;
    if (!best) return undefined;
    fixed[r.at] = best;
  }
  return isFound(resolve(layout, fixed)) ? join(fixed) : undefined;
}

/**
 * Where the 1.x chart takes a 0.x path: the 0.x key's own 1.x name, or for a path neither layout
 * has, its longest 0.x prefix whose 1.x name is one of the chart's maps, with the rest appended
 * (`nats.jetstream.fileStore.pvc.size` → `config.jetstream.fileStore.pvc.size`). `exact` is false
 * when only the map it belongs under is known (`cluster.tls.secret.name` → under `config.cluster.tls`).
 */
export function newName(steps: readonly KeyStep[]): { name: string; exact: boolean } | undefined {
  const strings = steps.filter((s): s is string => typeof s === 'string');
  if (strings.length !== steps.length) return undefined;
  // A key the 0.x chart has (but no 1.x name for) is not guessed at from its prefix's name.
  const known = isFound(resolve('0.x', strings));
  for (let n = strings.length; n > 0; n--) {
    const r = resolve('0.x', strings.slice(0, n));
    const renamed = r.kind === 'key' ? r.entry.renamed : undefined;
    if (!renamed) continue;
    if (n === strings.length) return { name: renamed, exact: true };
    const target = resolve('1.x', renamed.split('.'));
    const structural = target.kind === 'key' && target.entry.type === 'map' && !target.entry.open;
    const full = [...renamed.split('.'), ...strings.slice(n)];
    if (structural && !known && isFound(resolve('1.x', full))) return { name: full.join('.'), exact: true };
    return { name: renamed, exact: false };
  }
  return undefined;
}

/** A key's entry in a layout, by its dotted path (`*` steps match any name). */
export function entryAt(layout: ChartLayout, steps: readonly KeyStep[]): ChartValue | undefined {
  const r = resolve(layout, steps);
  return r.kind === 'key' ? r.entry : undefined;
}

/** The top-level keys of both layouts, for telling the chart's values files from others. */
export function topLevelKeys(layout: ChartLayout): Set<string> {
  return new Set(childrenOf(layout, []).map((e) => e.path));
}
