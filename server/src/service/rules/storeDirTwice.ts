// JetStream's store directory set both at the top level and in the jetstream block: nats-server
// refuses the config, naming whichever of the two it happens to read second.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['store-dir-twice'] as const satisfies readonly FindingCode[];

export function checkStoreDirTwice(ctx: RuleContext): void {
  const topStore = ctx.top.get('store_dir', 'storedir');
  const jsStore = ctx.top.block('jetstream')?.get('store_dir', 'storedir', 'store');
  if (!topStore || !jsStore) return;
  for (const at of [topStore, jsStore]) {
    ctx.report(
      at,
      'error',
      'store-dir-twice',
      "Duplicate 'store_dir' configuration: set it either at the top level or in jetstream, not both.",
      'server',
    );
  }
}
