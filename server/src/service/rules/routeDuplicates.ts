// A route listed twice: nats-server warns while reading the config, and under
// `nats-server -t` a warning fails the test.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['route-duplicate'] as const satisfies readonly FindingCode[];

export function checkRouteDuplicates(ctx: RuleContext): void {
  const routes = ctx.top.block('cluster')?.get('routes');
  if (routes?.value?.kind !== 'array') return;
  const seen = new Set<string>();
  for (const r of routes.value.items) {
    if (r.kind !== 'string') continue;
    if (seen.has(r.value)) {
      ctx.report(
        { file: routes.file, span: r },
        'warning',
        'route-duplicate',
        `invalid use of field "${r.value}": Duplicate route entry detected (a warning that makes nats-server -t fail).`,
        'server',
      );
    }
    seen.add(r.value);
  }
}
