// Writes server/src/service/deploy/helm/chartValues.ts: the keys of the official NATS Helm chart
// (nats-io/k8s, helm/charts/nats) in its 0.x and 1.x layouts, read from values.yaml at every
// release tag (x.y.z) of a clone, with what helm-chart-values.curated.mjs adds.
//
//   git clone https://github.com/nats-io/k8s && node scripts/helm-chart-values.mjs k8s/.git
//
// Only key paths, types, short defaults and the first release of each key are taken from the
// files; descriptions are ours (the curated list, or rules by a key's shape).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import * as curated from './helm-chart-values.curated.mjs';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: helm-chart-values.mjs path/to/nats-io-k8s/.git');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const semver = (t) =>
  t
    .replace(/^nats-/, '')
    .split('.')
    .map(Number);
const cmp = (a, b) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};
const tags = git('tag', '--list', 'nats-*')
  .split('\n')
  .filter((t) => /^nats-\d+\.\d+\.\d+$/.test(t))
  .sort(cmp);
const layouts = {
  '0.x': tags.filter((t) => semver(t)[0] === 0),
  '1.x': tags.filter((t) => semver(t)[0] >= 1),
};

/** A scalar default as short text; empty maps and lists as `{}`/`[]`. */
function defaultOf(node) {
  if (isScalar(node)) return node.value === null ? undefined : JSON.stringify(node.value);
  if (isMap(node)) return node.items.length ? undefined : '{}';
  if (isSeq(node)) {
    const text = JSON.stringify(node.toJSON());
    return text.length <= 40 ? text : undefined;
  }
  return undefined;
}

function typeOf(node, path) {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'list';
  const v = isScalar(node) ? node.value : null;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string') return 'string';
  return curated.NULL_TYPES.byPath[path] ?? curated.NULL_TYPES.fallback;
}

const normalise = (layout, path) =>
  curated.PATTERNS[layout].reduce((p, [pattern, replacement]) => p.replace(pattern, replacement), path);
const isOpen = (layout, path) => curated.OPEN[layout].some((re) => re.test(path));

function keysOf(layout, tag) {
  const doc = parseDocument(git('show', `${tag}:helm/charts/nats/values.yaml`));
  const keys = new Map();
  const walk = (map, prefix) => {
    for (const pair of map.items) {
      const raw = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (raw === undefined) continue;
      const path = normalise(layout, prefix ? `${prefix}.${raw}` : raw);
      const written = isMap(pair.value) || isSeq(pair.value) || (isScalar(pair.value) && pair.value.value !== null);
      keys.set(path, { type: typeOf(pair.value, path), default: defaultOf(pair.value), written });
      if (isMap(pair.value) && !isOpen(layout, path)) walk(pair.value, path);
    }
  };
  if (isMap(doc.contents)) walk(doc.contents, '');
  return keys;
}

function catalogue(layout) {
  const list = layouts[layout];
  const seen = new Map();
  for (const tag of list) {
    for (const [path, info] of keysOf(layout, tag)) {
      const entry = seen.get(path);
      // The newest release's type and default win; `since` stays the first release with the key.
      if (!entry) seen.set(path, { ...info, types: new Set(), since: tag, last: tag });
      else Object.assign(entry, info.type === 'string' && entry.type !== 'string' ? {} : info, { last: tag });
      if (info.written) seen.get(path).types.add(info.type);
    }
  }
  for (const [path, type, description] of curated.EXTRA[layout]) {
    if (!seen.has(path)) seen.set(path, { type, description, extra: true });
    else seen.get(path).description ??= description;
  }
  const newest = list[list.length - 1];
  const out = [];
  for (const [path, info] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    const last = path.split('.').pop();
    const entry = { path, type: info.type };
    if (curated.QUANTITIES.some((re) => re.test(path))) entry.type = 'quantity';
    const values = curated.ENUMS[path] ?? curated.ENUMS[last];
    if (values) entry.values = values;
    entry.description = info.description ?? curated.DESCRIPTIONS[path] ?? curated.describeByShape(path);
    if (!entry.description) missing.push(`${layout} ${path}`);
    if (info.default !== undefined) entry.default = info.default;
    // A key whose type changed between releases (0.x images were `repo:tag` strings before maps).
    const older = [...(info.types ?? [])].filter((t) => t !== info.type);
    if (older.length) entry.before = older[0];
    if (isOpen(layout, path)) entry.open = true;
    if (info.since && info.since !== list[0]) entry.since = info.since.replace(/^nats-/, '');
    if (info.last && info.last !== newest) entry.until = info.last.replace(/^nats-/, '');
    if (info.extra) entry.commentedOnly = true;
    out.push(entry);
  }
  return out;
}

const missing = [];
const v1 = catalogue('1.x');
const v0 = catalogue('0.x');
if (missing.length) throw new Error(`no description:\n${missing.join('\n')}`);

// Each 0.x key's 1.x name: its own entry, or its longest renamed prefix when that names one of the
// chart's own maps (not a `merge`); kept only when the 1.x catalogue has the result.
const v1Paths = new Set(v1.map((e) => e.path));
const v1Open = v1.filter((e) => e.open).map((e) => e.path);
const inV1 = (p) => v1Paths.has(p) || v1Open.some((o) => p.startsWith(`${o}.`));
for (const entry of v0) {
  const steps = entry.path.split('.');
  for (let n = steps.length; n > 0; n--) {
    const prefix = steps.slice(0, n).join('.');
    const target = curated.RENAMED[prefix];
    if (target === undefined) continue;
    if (n < steps.length && (!v1Paths.has(target) || v1Open.includes(target))) break;
    const name = [target, ...steps.slice(n)].join('.');
    if (inV1(name)) entry.renamed = name;
    else if (n === steps.length) throw new Error(`0.x ${entry.path}: renamed to ${name}, which 1.x lacks`);
    break;
  }
  if (v1Paths.has(entry.path) && !entry.renamed) entry.renamed = entry.path;
}

const range = (list) => `${list[0].replace(/^nats-/, '')}–${list[list.length - 1].replace(/^nats-/, '')}`;
const bare = (tag) => tag.replace(/^nats-/, '');
const releases = (layout) => `{ first: '${bare(layouts[layout][0])}', newest: '${bare(layouts[layout].at(-1))}' }`;
const head = git('rev-parse', '--short', 'HEAD').trim();
const render = (list) => list.map((e) => `  ${JSON.stringify(e).replace(/"(\w+)":/g, '$1:')},`).join('\n');
const text = `// GENERATED by scripts/helm-chart-values.mjs from helm/charts/nats/values.yaml of github.com/nats-io/k8s
// at its release tags (1.x layout: ${range(layouts['1.x'])}; 0.x layout: ${range(layouts['0.x'])}; at ${head}), with
// scripts/helm-chart-values.curated.mjs (descriptions in our words, 0.x → 1.x names). Do not edit by hand.

export type ChartValueType = 'boolean' | 'integer' | 'number' | 'string' | 'quantity' | 'list' | 'map';

export interface ChartValue {
  /** Dotted path; \`*\` stands for any key (a nats-box context's name). */
  readonly path: string;
  readonly type: ChartValueType;
  readonly description: string;
  /** The allowed values, when the chart or Kubernetes takes only these. */
  readonly values?: readonly string[];
  /** The default in the newest release of the layout (JSON), when short. */
  readonly default?: string;
  /** Its keys are the user's own (merged into a resource, env vars, labels): none is unknown. */
  readonly open?: true;
  /** The first chart release of the layout with the key, when not the layout's first. */
  readonly since?: string;
  /** The last chart release of the layout with the key, when not the newest. */
  readonly until?: string;
  /** The type earlier releases of the layout took instead. */
  readonly before?: ChartValueType;
  /** Read by the templates, shown in values.yaml only in a comment. */
  readonly commentedOnly?: true;
  /** 0.x only: the key in the 1.x layout (possibly under a \`merge\` map). */
  readonly renamed?: string;
}

/** The chart releases each layout was read from. */
export const CHART_RELEASES = {
  '1.x': ${releases('1.x')},
  '0.x': ${releases('0.x')},
} as const;

export const CHART_1X: readonly ChartValue[] = [
${render(v1)}
];

export const CHART_0X: readonly ChartValue[] = [
${render(v0)}
];
`;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'server/src/service/deploy/helm/chartValues.ts');
writeFileSync(out, text);
console.log(`${out}: ${v1.length} keys (1.x), ${v0.length} keys (0.x)`);
