// Plaintext passwords where nats-server itself warns at start ("Plaintext passwords detected,
// use nkeys or bcrypt"): the single authorization user, and the users of authorization and of
// accounts, once per list. Never for route, gateway or leaf node credentials: nats-server says
// nothing there, and a bcrypt cluster password would break the routes a node dials to peers it
// learns of (it sends its own password as written).

import { Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { isBcryptHash } from '../shared/bcrypt';
import { ValueNode } from '../tree';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['plaintext-password'] as const satisfies readonly FindingCode[];

const ADVICE =
  'nats-server logs "Plaintext passwords detected, use nkeys or bcrypt" at start. ' +
  'Store bcrypt hashes instead (`nats server passwd` makes one), or use nkeys.';

export function checkPlaintextPasswords(ctx: RuleContext): void {
  const auth = ctx.top.block('authorization');
  const single = auth?.get('password', 'pass');
  if (single && isPlaintext(single.value)) {
    ctx.report(single, 'information', 'plaintext-password', `A plaintext password: ${ADVICE}`, 'lint', true);
  }
  const authUsers = auth?.get('users');
  if (authUsers) checkList(ctx, authUsers);
  ctx.eachAccount('plaintext-password', (account) => {
    const users = ctx.accountUsers(account);
    if (users) checkList(ctx, users);
  });
}

/** One finding per users list, at the list: how many of its users have plaintext passwords. */
function checkList(ctx: RuleContext, list: Setting): void {
  if (list.value?.kind !== 'array') return;
  const plaintext = ctx
    .userPasswords(list)
    .filter((password): password is Setting => !!password && isPlaintext(password.value));
  if (plaintext.length === 0) return;
  const total = list.value.items.length;
  const which =
    total === 1
      ? 'The user here has a plaintext password'
      : plaintext.length === total
        ? `All ${total} users here have plaintext passwords`
        : `${plaintext.length} of the ${total} users here have plaintext passwords`;
  const finding = ctx.report(list, 'information', 'plaintext-password', `${which}: ${ADVICE}`, 'lint');
  const first = plaintext[0];
  if (first.entry.value) {
    finding.related = [{ file: first.file.path, span: first.entry.value, message: 'the first plaintext password' }];
  }
}

/** A password nats-server would compare as written (not a bcrypt hash). */
function isPlaintext(value: ValueNode | undefined): boolean {
  return value?.kind === 'string' && value.value !== '' && !isBcryptHash(value.value);
}
