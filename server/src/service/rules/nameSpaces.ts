// Server, cluster and gateway names with spaces: a config error from 2.11.0, accepted
// silently before (so said as a warning for the releases that will refuse it).

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['name-spaces'] as const satisfies readonly FindingCode[];

export function checkNameSpaces(ctx: RuleContext): void {
  for (const [setting, what] of [
    [ctx.top.get('server_name'), 'server name'],
    [ctx.top.block('cluster')?.get('name'), 'cluster name'],
    [ctx.top.block('gateway')?.get('name'), 'gateway name'],
  ] as const) {
    if (!setting || setting.value?.kind !== 'string' || !/\s/.test(setting.value.value)) continue;
    if (ctx.since(2, 11)) ctx.report(setting, 'error', 'name-spaces', `${what} cannot contain spaces`, 'server', true);
    else {
      ctx.report(
        setting,
        'warning',
        'name-spaces',
        `The ${what} contains spaces: this release accepts it, nats-server 2.11 and later refuse to start.`,
        'lint',
        true,
      );
    }
  }
}
