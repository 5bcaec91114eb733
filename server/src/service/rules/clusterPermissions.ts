// Route permissions take publish and subscribe only: dynamic response permissions
// (allow_responses) are refused in a cluster block while the config is read.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['cluster-permissions'] as const satisfies readonly FindingCode[];

export function checkClusterPermissions(ctx: RuleContext): void {
  const cluster = ctx.top.block('cluster');
  if (!cluster?.block('permissions')?.get('allow_responses', 'publish_allow_responses')) return;
  ctx.report(
    cluster.get('permissions')!,
    'error',
    'cluster-permissions',
    'Cluster permissions do not support dynamic responses (allow_responses)',
    'server',
  );
}
