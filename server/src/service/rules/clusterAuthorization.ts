// Routes authenticate with one user and password: cluster authorization refuses a users
// array and tokens while the config is read.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['cluster-auth'] as const satisfies readonly FindingCode[];

export function checkClusterAuthorization(ctx: RuleContext): void {
  const cluster = ctx.top.block('cluster');
  const authSetting = cluster?.get('authorization');
  const auth = cluster?.block('authorization');
  if (!auth || !authSetting) return;
  if (auth.get('users')) {
    ctx.report(
      authSetting,
      'error',
      'cluster-auth',
      'Cluster authorization does not allow multiple users: routes authenticate with one user and password.',
      'server',
    );
  }
  if (auth.get('token')) {
    ctx.report(authSetting, 'error', 'cluster-auth', 'Cluster authorization does not support tokens', 'server');
  }
}
