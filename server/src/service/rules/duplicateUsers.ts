// A user name listed twice (in authorization's users, or there and in an account): nats-server
// refuses the config. Checked only where the block has no conflict of its own.

import type { FindingCode } from '../findingCodes';
import { userName } from '../shared/accountUsers';
import { authorizationConflict } from './authConflicts';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['user-duplicate'] as const satisfies readonly FindingCode[];

export function checkDuplicateUsers(ctx: RuleContext): void {
  const block = ctx.top.get('authorization');
  const auth = ctx.top.block('authorization');
  const users = auth?.get('users');
  if (!block || !auth || users?.value?.kind !== 'array' || authorizationConflict(ctx, auth)) return;
  // Users of accounts are known first; authorization's users must not repeat them or each other.
  const seen = new Set<string>();
  for (const list of ctx.accountUserLists()) {
    for (const user of ctx.usersOf(list)) {
      const name = userName(user);
      if (name !== undefined) seen.add(name);
    }
  }
  for (const u of users.value.items) {
    if (u.kind !== 'map') continue;
    for (const e of u.entries) {
      if (e.kind !== 'keyValue' || !['user', 'username'].includes(e.key.toLowerCase()) || e.value?.kind !== 'string') {
        continue;
      }
      if (seen.has(e.value.value)) {
        const line = users.file.lines.lineNumber(e.value.start);
        ctx.report(
          block,
          'error',
          'user-duplicate',
          `Duplicate user "${e.value.value}" detected (again on line ${line})`,
          'server',
        );
      }
      seen.add(e.value.value);
    }
  }
}
