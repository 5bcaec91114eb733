// The official NATS Helm chart's values, checked where users write them: values files, and the
// `--set` flags of `helm install|upgrade … nats/nats` in shell scripts and Markdown. The chart
// refuses nothing: a key it does not have, or a key of its 0.x layout given to the 1.x chart, is
// silently ignored (the guide's `--set cluster.enabled=true` installs one node), so each is an
// error of origin `lint`. Values of the wrong type reach the templates as they are (a string
// `false` is true to them; `replicas: three` gives a StatefulSet Kubernetes refuses).

import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { LineIndex } from '../../positions';
import { toDiagnostic, type Diagnostic, type Finding, type Fix } from '../../diagnostics';
import type { Span } from '../../tree';
import type { CompletionItem } from '../../completion';
import type { Hover } from '../../hover';
import { keyText, type YamlFile } from '../../yaml/yamlFile';
import { CHART_0X, CHART_RELEASES, type ChartValue } from './chartValues';
import {
  childrenOf,
  didYouMean,
  entryAt,
  newName,
  pathText,
  resolve,
  topLevelKeys,
  type ChartLayout,
  type KeyStep,
} from './chartKeys';
import { chartBeside } from './chartFile';
import { helmCommands } from './helmCommands';
import { emptyPart, type DeployContext, type DeployPart } from '../context';
import { parseSetArgument, typedValue, type ValueShape } from './setValues';

export type { ChartLayout } from './chartKeys';
export { helmCommands, type HelmCommand } from './helmCommands';

const NEW = 'the chart since 1.0';
const code = (s: string) => `\`${s}\``;

/** A key to check: its path, its value's shape, where the key (and the value) is written. */
interface Setting {
  steps: KeyStep[];
  value?: ValueShape;
  keySpan: Span;
  valueSpan?: Span;
  /** A fix may rename the key in place (a `--set` key, or a one-step key in a values file). */
  renameable: 'whole' | 'last' | false;
}

const finding = (span: Span, c: Finding['code'], message: string, fixes?: Fix[]): Finding => ({
  span,
  code: c,
  message,
  severity: 'error',
  origin: 'lint',
  ...(fixes?.length ? { fixes } : {}),
});

/** A rename of the key, when the new name can be written where the old one is. */
function renameFix(s: Setting, to: string): Fix[] | undefined {
  if (s.renameable === 'whole') return [{ title: `Change to ${to}`, edits: [{ span: s.keySpan, newText: to }] }];
  if (s.renameable === 'last') {
    const [fromSteps, toSteps] = [s.steps.map(String), to.split('.')];
    const same = fromSteps.length === toSteps.length && fromSteps.slice(0, -1).every((x, i) => x === toSteps[i]);
    const last = toSteps[toSteps.length - 1];
    if (same) return [{ title: `Change to ${last}`, edits: [{ span: s.keySpan, newText: last }] }];
  }
  return undefined;
}

/** What a value of `entry` must be, and whether `value` is one. */
function typeProblem(entry: ChartValue, value: ValueShape): string | undefined {
  if (entry.before) {
    const earlier = typeProblem({ ...entry, type: entry.before, before: undefined }, value);
    if (!earlier) return undefined;
  }
  const shown = value.kind === 'string' ? code(value.text) : value.kind === 'boolean' ? code(String(value.value)) : '';
  const is = {
    null: 'null',
    boolean: `the boolean ${shown}`,
    integer: `the number ${code((value as { text: string }).text ?? '')}`,
    number: `the number ${code((value as { text: string }).text ?? '')}`,
    string: `the string ${shown}`,
    list: 'a list',
    map: 'a map',
  }[value.kind];
  if (value.kind === 'null') return undefined;
  const say = (wanted: string, why: string) => `${code(entry.path)} takes ${wanted}, not ${is}: ${why}`;
  if (entry.values && value.kind === 'string') {
    if (value.text === '' || entry.values.includes(value.text)) return undefined;
    return say(`one of ${entry.values.map(code).join(', ')}`, 'Kubernetes refuses any other');
  }
  switch (entry.type) {
    case 'boolean':
      if (value.kind === 'boolean') return undefined;
      return say(
        'true or false',
        value.kind === 'string'
          ? 'the templates take any non-empty string as true, even "false"'
          : 'the templates test it as one',
      );
    case 'integer':
    case 'number':
      if (value.kind === 'integer' || value.kind === 'number') return undefined;
      if (value.kind === 'string' && /^\d+$/.test(value.text)) return undefined;
      return say('a number', 'the manifest it is written into is refused');
    case 'quantity':
      if (value.kind === 'integer') return undefined;
      if (value.kind === 'string' && /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/.test(value.text))
        return undefined;
      return say('a Kubernetes quantity such as `10Gi`', 'Kubernetes refuses the volume claim');
    case 'string':
      return value.kind === 'list' || value.kind === 'map' ? say('text', 'the templates write it as text') : undefined;
    case 'list':
      return value.kind === 'list' ? undefined : say('a list', 'the templates iterate over it');
    case 'map':
      return value.kind === 'map' ? undefined : say('a map', 'the templates read keys of it');
  }
}

/** The findings of one key (and value) against the layout the chart is installed in. */
function checkSetting(layout: ChartLayout, s: Setting): Finding[] {
  const r = resolve(layout, s.steps);
  const written = pathText(s.steps);
  if (r.kind === 'key') {
    const problem = s.value && typeProblem(r.entry, s.value);
    return problem ? [finding(s.valueSpan ?? s.keySpan, 'helm-value-type', problem)] : [];
  }
  if (r.kind === 'free') return [];
  if (r.kind === 'not-a-map') {
    const message = `${code(r.entry.path)} is a ${r.entry.type}, it has no keys: ${code(written)} is ignored`;
    return [finding(s.keySpan, 'helm-unknown-key', message)];
  }
  const other: ChartLayout = layout === '1.x' ? '0.x' : '1.x';
  const inOther = resolve(other, s.steps);
  if (layout === '1.x' && (inOther.kind === 'key' || inOther.kind === 'free')) {
    const to = newName(s.steps);
    const pin = `pin ${code('--version ' + CHART_RELEASES['0.x'].newest)} to keep the 0.x chart`;
    const message = !to
      ? `${code(written)} is a key of the 0.x chart: ${NEW} has no counterpart and ignores it silently (${pin})`
      : `${code(written)} is a key of the 0.x chart: ${NEW} ignores it silently; ` +
        (to.exact ? `it is ${code(to.name)}` : `its place is under ${code(to.name)}`) +
        ` (or ${pin})`;
    return [finding(s.keySpan, 'helm-old-key', message, to?.exact ? renameFix(s, to.name) : undefined)];
  }
  if (layout === '0.x' && (inOther.kind === 'key' || inOther.kind === 'free')) {
    const message = `${code(written)} is a key of ${NEW}: the 0.x chart (pinned by --version) ignores it silently`;
    return [finding(s.keySpan, 'helm-unknown-key', message)];
  }
  const to = layout === '1.x' ? newName(s.steps) : undefined;
  if (to?.exact) {
    const message =
      `neither the 0.x chart nor ${NEW} has ${code(written)}, it is ignored silently: ` + `the key is ${code(to.name)}`;
    return [finding(s.keySpan, 'helm-unknown-key', message, renameFix(s, to.name))];
  }
  const near = didYouMean(layout, s.steps);
  const chart = layout === '1.x' ? NEW : 'the 0.x chart';
  const message =
    `${chart} has no ${code(written)}: it is ignored silently` + (near ? `; did you mean ${code(near)}?` : '');
  return [finding(s.keySpan, 'helm-unknown-key', message, near ? renameFix(s, near) : undefined)];
}

// ---- --set lines -------------------------------------------------------------------------------

/** The findings of the `--set` flags of every nats chart install in a shell script or Markdown file. */
export function helmSetDiagnostics(path: string, text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const command of helmCommands(path, text)) {
    for (const { flag, word } of command.sets) {
      for (const a of parseSetArgument(flag, word)) {
        findings.push(...checkSetting(command.layout, { ...a, renameable: 'whole' }));
      }
    }
  }
  return findings.map((f) => toDiagnostic(path, lines, f));
}

// ---- values files ------------------------------------------------------------------------------

function shapeOf(node: unknown): ValueShape {
  if (isMap(node)) return { kind: 'map' };
  if (isSeq(node)) return { kind: 'list' };
  if (!isScalar(node)) return { kind: 'null' };
  const v = node.value;
  if (v === null || v === undefined) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'integer' : 'number', text: String(v) };
  if (typeof v === 'bigint') return { kind: 'integer', text: String(v) };
  return typedValue(String(v), true);
}

const rangeOf = (n: Node | null | undefined): Span | undefined =>
  n && n.range ? { start: n.range[0], end: n.range[1] } : undefined;

/** Maps only the nats chart has: any one of them marks a values file as the chart's. */
const SIGNATURES: string[][] = [
  ['config', 'jetstream'],
  ['config', 'leafnodes'],
  ['config', 'gateway'],
  ['config', 'resolver'],
  ['config', 'serverNamePrefix'],
  ['natsBox'],
  ['promExporter'],
  ['tlsCA'],
  ['nats', 'jetstream'],
  ['nats', 'image'],
  ['nats', 'limits'],
  ['nats', 'healthcheck'],
  ['nats', 'serverNamePrefix'],
  ['natsbox'],
];

/** A leading comment that names the chart: `# values for the nats chart`, `# helm … nats/nats`. */
const MARKER = /^\s*#.*(\bnats\/nats\b|\bnats (helm )?chart\b)/im;

/**
 * Whether a YAML file holds values of the official NATS chart. It must be one map that is no
 * Kubernetes manifest (`apiVersion` + `kind`) and no Compose file (`services`), most of whose
 * top-level keys are the chart's (either layout), and either hold a map only the nats chart has
 * (`config.jetstream`, `natsBox`, `nats.jetstream`, …, see SIGNATURES), or be named for it (a file
 * name with `nats` in it, or a `values*.yaml` in a folder `nats`), or say so in a comment before
 * its first key (`# values for the nats chart`, `# helm install … nats/nats`). A values file of
 * another chart (`replicaCount`, `image`, `service`, …) holds no signature and draws nothing.
 */
export function isHelmValuesFile(file: YamlFile): boolean {
  const root = file.documents[0]?.doc.contents;
  if (!isMap(root) || root.items.length === 0) return false;
  const keys = root.items.map((p) => keyText(p as Pair)).filter((k): k is string => k !== undefined);
  if (keys.includes('services') || (keys.includes('apiVersion') && keys.includes('kind'))) return false;
  const known = new Set([...topLevelKeys('1.x'), ...topLevelKeys('0.x')]);
  const mine = keys.filter((k) => known.has(k)).length;
  if (mine === 0 || mine < keys.length - mine) return false;
  const data = file.documents[0].data as Record<string, unknown> | undefined;
  const has = (steps: string[]) => {
    let v: unknown = data;
    for (const s of steps) {
      if (!v || typeof v !== 'object' || Array.isArray(v) || !(s in v)) return false;
      v = (v as Record<string, unknown>)[s];
    }
    return true;
  };
  if (SIGNATURES.some(has)) return true;
  const parts = file.path.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  const named = /nats/i.test(base) || (/^values/i.test(base) && parts[parts.length - 2] === 'nats');
  const firstKey = root.items[0]?.key as Node | undefined;
  const head = file.text.slice(0, firstKey?.range?.[0] ?? 0);
  return named || MARKER.test(head);
}

export interface HelmValuesOptions {
  /** The layout to check against (default 1.x; 0.x when an install pins `--version 0.x`). */
  layout?: ChartLayout;
  /** Check even a file `isHelmValuesFile` would not take (one named by `-f` in a nats chart install). */
  known?: boolean;
  /** The nats chart's values are under this top-level key (a chart that depends on it), the rest is not its. */
  under?: string;
}

/** The findings of a values file of the nats chart (none for a file that is not one). */
export function helmValuesDiagnostics(file: YamlFile, options: HelmValuesOptions = {}): Diagnostic[] {
  if (!options.known && !isHelmValuesFile(file)) return [];
  const layout = options.layout ?? '1.x';
  const findings: Finding[] = [];
  const walk = (map: unknown, prefix: KeyStep[]) => {
    if (!isMap(map)) return;
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = keyText(pair);
      const keySpan = rangeOf(pair.key);
      if (key === undefined || !keySpan) continue;
      const steps = [...prefix, key];
      const r = resolve(layout, steps);
      if (r.kind === 'unknown' && isMap(pair.value) && layout === '1.x') {
        // A 0.x map (`nats:`, `cluster:`): the keys below it are reported, each with its 1.x name.
        const old = resolve('0.x', steps);
        if (old.kind === 'key' && old.entry.type === 'map' && !old.entry.open) {
          walk(pair.value, steps);
          continue;
        }
      }
      const s: Setting = {
        steps,
        value: shapeOf(pair.value),
        keySpan,
        valueSpan: rangeOf(pair.value),
        renameable: 'last',
      };
      findings.push(...checkSetting(layout, s));
      if (r.kind === 'key' && r.entry.type === 'map' && !r.entry.open) walk(pair.value, steps);
    }
  };
  const root = file.documents[0]?.doc.contents;
  walk(options.under === undefined ? root : isMap(root) ? root.get(options.under, true) : undefined, []);
  return findings.map((f) => toDiagnostic(file.path, file.lines, f));
}

/**
 * Whether `nats:` holds the values of a chart that depends on the nats chart (its 1.x keys one level
 * down: `nats.config.cluster`, `nats.natsBox`) rather than the 0.x chart's `nats:` block: its keys, to
 * three levels, name more 1.x keys read from `nats:` than 0.x keys read from the top.
 */
function dependencyValues(file: YamlFile): boolean {
  const root = file.documents[0]?.doc.contents;
  const nats = isMap(root) ? root.get('nats', true) : undefined;
  let asDependency = 0;
  let as0x = 0;
  const walk = (map: unknown, steps: KeyStep[]) => {
    if (!isMap(map) || steps.length >= 3) return;
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = keyText(pair);
      if (key === undefined) continue;
      const next = [...steps, key];
      if (resolve('1.x', next).kind === 'key') asDependency++;
      if (resolve('0.x', ['nats', ...next]).kind === 'key') as0x++;
      walk(pair.value, next);
    }
  };
  walk(nats, []);
  return asDependency > as0x;
}

// ---- hover and completion ----------------------------------------------------------------------

/** 1.x keys' 0.x names. */
const OLD_NAMES = new Map<string, string[]>();
for (const e of CHART_0X) if (e.renamed) OLD_NAMES.set(e.renamed, [...(OLD_NAMES.get(e.renamed) ?? []), e.path]);

function documentation(entry: ChartValue, layout: ChartLayout): string {
  const lines = [entry.description, ''];
  const type = entry.values ? entry.values.map(code).join(' | ') : entry.type;
  lines.push(`**Type:** ${type}` + (entry.default !== undefined ? ` · **Default:** ${code(entry.default)}` : ''));
  if (entry.open) lines.push('', 'Its keys are yours: each is passed on as written.');
  if (entry.since) lines.push('', `Since chart ${entry.since}.`);
  if (entry.until) lines.push('', `Until chart ${entry.until}.`);
  if (layout === '0.x') {
    lines.push(
      '',
      entry.renamed
        ? `A key of the 0.x chart; ${NEW} names it ${code(entry.renamed)}.`
        : `A key of the 0.x chart; ${NEW} has no such key.`,
    );
  } else {
    const old = OLD_NAMES.get(entry.path)?.filter((p) => p !== entry.path);
    if (old?.length) lines.push('', `In the 0.x chart: ${old.map(code).join(', ')}.`);
  }
  return lines.join('\n');
}

/** The key (and its path) whose name is at `offset`. */
function keyAt(file: YamlFile, offset: number): { steps: KeyStep[]; span: Span } | undefined {
  const find = (node: unknown, prefix: KeyStep[]): { steps: KeyStep[]; span: Span } | undefined => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node>[]) {
        const k = rangeOf(pair.key);
        const key = keyText(pair);
        if (!k || key === undefined) continue;
        if (offset >= k.start && offset <= k.end) return { steps: [...prefix, key], span: k };
        const v = rangeOf(pair.value);
        if (v && offset >= v.start && offset <= v.end) return find(pair.value, [...prefix, key]);
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const v = rangeOf(node.items[i] as Node);
        if (v && offset >= v.start && offset <= v.end) return find(node.items[i], [...prefix, i]);
      }
    }
    return undefined;
  };
  return find(file.documents.find((d) => offset >= d.span.start && offset <= d.span.end)?.doc.contents, []);
}

/** The key's description, type, default and its other layout's name. */
export function helmValuesHover(file: YamlFile, offset: number, layout: ChartLayout = '1.x'): Hover | undefined {
  const at = keyAt(file, offset);
  if (!at) return undefined;
  const own = entryAt(layout, at.steps);
  const other: ChartLayout = layout === '1.x' ? '0.x' : '1.x';
  const entry = own ?? entryAt(other, at.steps);
  if (!entry) return undefined;
  return { contents: `**${code(entry.path)}**\n\n${documentation(entry, own ? layout : other)}`, span: at.span };
}

/**
 * Keys valid at the cursor's map (its path found by indentation, so a half-written file
 * completes too), or values of a boolean or a key with fixed values after `key: `.
 */
export function helmValuesCompletion(file: YamlFile, offset: number, layout: ChartLayout = '1.x'): CompletionItem[] {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const valueMatch = /^(\s*(?:-\s+)*)([^\s:#][^:#]*?):\s+(\S*)$/.exec(before);
  const keyMatch = /^(\s*(?:-\s+)*)([\w$-]*)$/.exec(before);
  if (!valueMatch && !keyMatch) return [];
  const lead = (valueMatch ?? keyMatch)![1];
  const column = lead.length;
  const steps = parentPath(text, lineStart, column, lead.includes('-'));
  if (!steps) return [];
  if (valueMatch) {
    const entry = entryAt(layout, [...steps, valueMatch[2].trim()]);
    if (!entry) return [];
    const values = entry.values ?? (entry.type === 'boolean' ? ['true', 'false'] : []);
    const replace = { start: offset - valueMatch[3].length, end: offset };
    return values.map((v, i) => ({
      label: v,
      kind: 'value',
      detail: entry.path,
      insertText: v,
      snippet: false,
      replace,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  const replace = { start: offset - keyMatch![2].length, end: offset };
  const r = steps.length ? resolve(layout, steps) : undefined;
  if (r && r.kind !== 'key') return [];
  return childrenOf(layout, steps)
    .filter((e) => !e.path.endsWith('*'))
    .map((e) => {
      const name = e.path.split('.').pop()!;
      return {
        label: name,
        kind: e.type === 'map' ? ('block' as const) : ('key' as const),
        detail: e.type + (e.default !== undefined ? ` = ${e.default}` : ''),
        documentation: documentation(e, layout),
        insertText: `${name}:` + (e.type === 'map' ? '' : ' '),
        snippet: false,
        replace,
      };
    });
}

/** The keys of the maps enclosing a line's key at `column`, from the lines above it. */
function parentPath(text: string, lineStart: number, column: number, listItem: boolean): KeyStep[] | undefined {
  const steps: KeyStep[] = [];
  let want = column;
  if (listItem) steps.unshift(0);
  let end = lineStart - 1;
  while (end > 0 && want > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    const m = /^(\s*)((?:-\s+)*)([^\s:#'"][^:#]*?|'[^']*'|"[^"]*"):(\s|$)/.exec(line);
    if (!m) {
      const dash = /^(\s*)-(\s|$)/.exec(line);
      if (dash && dash[1].length < want) {
        steps.unshift(0);
        want = dash[1].length;
      }
      continue;
    }
    const indent = m[1].length + m[2].length;
    if (indent >= want) continue;
    steps.unshift(m[3].replace(/^['"]|['"]$/g, ''));
    if (m[2]) steps.unshift(0);
    want = m[1].length;
  }
  return steps;
}

// ---- the deployment's parts (deployment.ts) ----------------------------------------------------

/** A script's or Markdown file's `--set` findings, as a deployment part (no nodes: the pods are not modelled). */
export function helmSetDeployment(input: { path: string; text: string }, _ctx: DeployContext): DeployPart {
  return { ...emptyPart(), diagnostics: helmSetDiagnostics(input.path, input.text) };
}

/** A values file's findings, as a part of the deployment (nothing for a file `isHelmValuesFile` refuses). */
export function helmValuesDeployment(file: YamlFile, ctx: DeployContext): DeployPart {
  // The Chart.yaml beside it says whose values these are; without one, the shape of `nats:` may.
  const chart = chartBeside(file.path, ctx.host);
  const options: HelmValuesOptions =
    chart?.kind === 'depends'
      ? { known: true, under: chart.key, layout: chart.layout }
      : chart?.kind === 'nats'
        ? { layout: chart.layout }
        : dependencyValues(file)
          ? { under: 'nats' }
          : {};
  return { ...emptyPart(), diagnostics: chart?.kind === 'other' ? [] : helmValuesDiagnostics(file, options) };
}
