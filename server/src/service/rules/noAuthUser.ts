// validateNoAuthUser at start: the user must be defined (nkeys count from 2.10.8), and there
// is no such user in operator mode.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-no-auth-user'] as const satisfies readonly FindingCode[];

export function checkNoAuthUser(ctx: RuleContext): void {
  const setting = ctx.top.get('no_auth_user');
  if (!setting || setting.value?.kind !== 'string' || setting.value.value === '') return;
  const name = setting.value.value;
  const refuse = (message: string) =>
    ctx.report(setting, 'error', 'startup-no-auth-user', `${message}: nats-server refuses to start.`, 'server', true);
  if (ctx.operator()) return void refuse('no_auth_user not compatible with Trusted Operator');
  const { users, nkeys } = ctx.allUsers();
  if (!ctx.since(2, 10, 8)) {
    const nkeyNote = nkeys.has(name) ? ' (an nkey counts from 2.10.8)' : '';
    if (users.size === 0) refuse(`no_auth_user: "${name}" present, but users are not defined${nkeyNote}`);
    else if (!users.has(name)) {
      refuse(`no_auth_user: "${name}" not present as user in authorization block or account configuration${nkeyNote}`);
    }
  } else if (users.size === 0 && nkeys.size === 0) {
    refuse(`no_auth_user: "${name}" present, but users/nkeys are not defined`);
  } else if (!users.has(name) && !nkeys.has(name)) {
    refuse(`no_auth_user: "${name}" not present as user or nkey in authorization block or account configuration`);
  }
}
