// Cipher suite and curve names as each release knows them: they changed in 2.12 (Go's own
// names, insecure suites opt-in), and post-quantum curves arrived then.

import {
  CIPHER_SUITES_INSECURE_FROM_2_12,
  CIPHER_SUITES_SECURE_FROM_2_12,
  CIPHER_SUITES_UNTIL_2_11,
} from '../catalogue/blocks/tls';
import { EffectiveMap } from '../effective';
import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['tls-cipher'] as const satisfies readonly FindingCode[];

export function checkCipherSuites(ctx: RuleContext): void {
  for (const { tls } of ctx.tlsBlocks()) {
    if (tls.value?.kind === 'map') checkBlock(ctx, new EffectiveMap(ctx.model, tls.value, tls.file));
  }
}

function checkBlock(ctx: RuleContext, tls: EffectiveMap): void {
  const suites = tls.get('cipher_suites');
  if (suites?.value?.kind === 'array') {
    const modern = ctx.since(2, 12);
    const insecure: string[] = [];
    for (const item of suites.value.items) {
      if (item.kind !== 'string') continue;
      const name = item.value;
      const known = modern
        ? CIPHER_SUITES_SECURE_FROM_2_12.includes(name) || CIPHER_SUITES_INSECURE_FROM_2_12.includes(name)
        : CIPHER_SUITES_UNTIL_2_11.includes(name);
      if (!known) {
        ctx.report(
          { file: suites.file, span: item },
          'error',
          'tls-cipher',
          `unrecognized cipher ${name}${modern ? ' (from 2.12 nats-server takes the names Go uses)' : ''}`,
          'server',
        );
      } else if (modern && CIPHER_SUITES_INSECURE_FROM_2_12.includes(name)) insecure.push(name);
    }
    if (insecure.length > 0 && tls.bool('allow_insecure_cipher_suites') !== true) {
      ctx.report(
        suites,
        'error',
        'tls-cipher',
        `insecure cipher suites configured without 'allow_insecure_cipher_suites' option set: ${insecure.join(', ')}`,
        'server',
      );
    }
  }
  const curves = tls.get('curve_preferences');
  if (curves?.value?.kind !== 'array' || ctx.since(2, 12)) return;
  for (const item of curves.value.items) {
    if (item.kind === 'string' && item.value.includes('MLKEM')) {
      ctx.report(
        { file: curves.file, span: item },
        'error',
        'tls-cipher',
        `unrecognized curve preference ${item.value} (post-quantum curves arrived in nats-server 2.12)`,
        'server',
      );
    }
  }
}
