// Websocket and MQTT listeners: their own single user or token cannot stand beside the users
// (of authorization or of accounts) or nkeys nats-server already has; it refuses to start.

import type { FindingCode } from '../findingCodes';
import { hasUsers } from '../shared/accountUsers';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-auth-conflict'] as const satisfies readonly FindingCode[];

export function checkListenerAuthorization(ctx: RuleContext): void {
  const auth = ctx.top.block('authorization');
  if (!hasUsers(auth?.get('users')) && !hasUsers(auth?.get('nkeys')) && !ctx.anyAccountUser()) return;
  for (const what of ['websocket', 'mqtt'] as const) {
    const block = ctx.top.block(what, ...(what === 'websocket' ? ['ws'] : []));
    if (!block || !ctx.listens(block)) continue;
    const own = block.block('authorization');
    for (const [keys, word] of [
      [['user', 'username'], 'username'],
      [['token'], 'token'],
    ] as const) {
      const setting = own?.get(...keys);
      if (!setting) continue;
      ctx.report(
        setting,
        'error',
        'startup-auth-conflict',
        `${what} authentication ${word} not compatible with presence of users/nkeys: nats-server refuses to start ` +
          '(nats-server -t does not check this). Give these clients users of their own, or use no_auth_user.',
        'server',
      );
    }
  }
}
