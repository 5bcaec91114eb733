// Subject mappings (of accounts, then the top level), as nats-server adds them while reading the
// config: each destination (a plain one, or each of a weighted list) and the list's weights
// (0 to 100 each; in all at most 100, per cluster from 2.10).

import { resolveValue } from '../document';
import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { WeightedDestination, destinationError, weightedListError } from '../mappings';
import { ValueNode } from '../tree';
import { formatVersion } from '../versions';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['mapping-destination', 'mapping-weight'] as const satisfies readonly FindingCode[];

export function checkSubjectMappings(ctx: RuleContext): void {
  ctx.eachAccount('mapping', (account) => {
    for (const mappings of ctx.settingsOf(account, 'mappings')) checkMappings(ctx, mappings);
  });
  checkMappings(ctx, ctx.top.get('mappings', 'maps'));
}

function checkMappings(ctx: RuleContext, mappings: Setting | undefined): void {
  if (mappings?.value?.kind !== 'map') return;
  const file = mappings.file;
  for (const m of mappings.value.entries) {
    if (m.kind !== 'keyValue' || !m.value) continue;
    const value = resolveValue(ctx.model, m.value);
    if (value?.kind !== 'array' && value?.kind !== 'map') {
      checkDestination(ctx, m.key, value, m.value, mappings, false);
      continue;
    }
    const weighted = value.kind === 'array';
    const dests = value.kind === 'array' ? value.items : [value];
    const list: (WeightedDestination & { node: ValueNode })[] = [];
    let readable = true;
    for (const d of dests) {
      if (d.kind !== 'map') {
        readable = false;
        continue;
      }
      const dest = new EffectiveMap(ctx.model, d, file);
      const weight = dest.get('weight');
      const destination = dest.get('dest', 'destination');
      const subject = destination?.value?.kind === 'string' ? destination.value.value : '';
      if (destination?.entry.value) {
        checkDestination(ctx, m.key, destination.value, destination.entry.value, mappings, weighted);
      }
      if (!weight) {
        ctx.report(
          { file, span: d },
          'error',
          'mapping-weight',
          `Missing weight for mapping destination "${subject}"`,
          'server',
        );
        readable = false;
        continue;
      }
      const percent = percentOf(weight);
      if (!(percent >= 0 && percent <= 100)) {
        if (weight.value?.kind === 'string') {
          ctx.report(
            weight,
            'error',
            'mapping-weight',
            `Invalid weight "${weight.value.value}" for mapping destination: a number from 0 to 100, or "NN%".`,
            'server',
            true,
          );
        }
        readable = false;
        continue;
      }
      list.push({ subject, weight: percent, cluster: dest.string('cluster'), node: d });
    }
    if (!readable || !weighted) continue;
    const problem = weightedListError(list, ctx.model.version);
    if (!problem) continue;
    const scope = ctx.since(2, 10)
      ? ' for one cluster'
      : ' (before 2.10 all destinations count together, cluster-scoped ones too)';
    const detail =
      problem.error === 'total weight needs to be <= 100'
        ? `the weights add up to more than 100${scope}`
        : problem.error;
    ctx.report(
      { file, span: list[problem.index].node },
      'error',
      'mapping-weight',
      weightedMessage(ctx, m.key, problem.error, detail),
      'server',
    );
  }
}

/** A weight: an integer, or a string of digits with an optional `%`; NaN otherwise. */
function percentOf(weight: Setting): number {
  const v = weight.value;
  if (v?.kind === 'integer') return v.value;
  if (v?.kind === 'string') return Number(/^(\d+)%?$/.exec(v.value)?.[1] ?? NaN);
  return NaN;
}

/** nats-server's words for a refused weighted list: before 2.10 a bug hides the cause behind a type error. */
function weightedMessage(ctx: RuleContext, source: string, error: string, detail: string): string {
  if (ctx.since(2, 10)) {
    return `Error adding mapping for "${source}" : ${error}${detail !== error ? ` (${detail})` : ''}`;
  }
  return (
    `nats-server ${formatVersion(ctx.model.version)} refuses this mapping but says only ` +
    '"interface conversion: interface {} is []interface {}, not string" ' +
    `(a bug in reporting it, fixed in 2.10.0): ${detail}.`
  );
}

/**
 * One destination. Written unquoted with a `{{function()}}`, nats-server's lexer ends it
 * at the first `}`: it reads `orders.{{wildcard(1)` and the rest of the line closes
 * blocks. Then it either refuses what it read, or maps to that literal subject without
 * a word; both are said, with a fix that quotes the destination.
 */
function checkDestination(
  ctx: RuleContext,
  source: string,
  value: ValueNode | undefined,
  written: ValueNode,
  mappings: Setting,
  weighted: boolean,
): void {
  if (value?.kind !== 'string') return;
  const file = mappings.file;
  const text = file.tree.text;
  const cut = written === value && value.quote === 'none' && value.value.includes('{{') && text[value.end] === '}';
  const meant = cut ? text.slice(value.start, destinationEnd(text, value.start)) : value.value;
  const fixes = cut
    ? [
        {
          title: `Quote the destination: "${meant}"`,
          edits: [{ span: { start: value.start, end: value.start + meant.length }, newText: JSON.stringify(meant) }],
        },
      ]
    : undefined;
  const why = cut
    ? ` An unquoted destination ends at the first '}', so nats-server reads "${value.value}": quote it, "${meant}".`
    : '';
  const error = destinationError(source, value.value, ctx.model.version);
  if (!error && !cut) return;
  let message = `nats-server maps "${source}" to the literal subject "${value.value}" without a word.`;
  if (error) {
    message =
      weighted && !ctx.since(2, 10)
        ? weightedMessage(ctx, source, error, error)
        : `Error adding mapping for "${source}" to "${value.value}" : ${error}`;
    if (why && !message.endsWith('.')) message += '.';
  }
  // A refused destination comes from nats-server; a silently cut one is ours to say.
  const origin = error ? 'server' : 'lint';
  ctx.report({ file, span: written }, 'error', 'mapping-destination', `${message}${why}`, origin).fixes = fixes;
}

/**
 * Where a destination written unquoted was meant to end: past its `{{…}}` functions, at a
 * blank, separator or comment.
 */
function destinationEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length && !/[\s,;#]/.test(text[i])) {
    if (text.startsWith('{{', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('}}', i) && depth > 0) {
      depth--;
      i += 2;
    } else if (text[i] === '}' && depth === 0) break;
    else i++;
  }
  return i;
}
