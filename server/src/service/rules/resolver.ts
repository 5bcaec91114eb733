// A full or cache account resolver holds account JWTs signed by an operator: without an
// operator nats-server has no key to check them with and refuses to start.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-resolver'] as const satisfies readonly FindingCode[];

export function checkResolver(ctx: RuleContext): void {
  if (ctx.operator()) return;
  const resolverSetting = ctx.top.get('resolver', 'account_resolver', 'accounts_resolver');
  const type = ctx.top.block('resolver', 'account_resolver', 'accounts_resolver')?.string('type')?.toLowerCase();
  if (!resolverSetting || (type !== 'full' && type !== 'cache')) return;
  ctx.report(
    resolverSetting,
    'error',
    'startup-resolver',
    `Could not start resolver: no operator key found: a ${type} resolver holds account JWTs signed by an operator; ` +
      'set operator to its JWT (nats-server refuses to start; nats-server -t does not check this).',
    'server',
  );
}
