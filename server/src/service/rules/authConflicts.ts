// Credentials nats-server refuses to combine while reading the config: a single user beside a
// token or a users array (users of accounts count too), in authorization and in leaf node authorization.

import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['auth-conflict'] as const satisfies readonly FindingCode[];

type AuthorizationConflict = 'user-and-token' | 'user-and-users' | 'token-and-users';

/** Which combination nats-server refuses in the authorization block, if any. */
export function authorizationConflict(ctx: RuleContext, auth: EffectiveMap): AuthorizationConflict | undefined {
  const user = auth.get('user', 'username');
  const pass = auth.get('password', 'pass');
  const token = auth.get('token');
  // Users defined in accounts count as a users array too (nats-server checks them together).
  const manyUsers = auth.get('users') !== undefined || ctx.anyAccountUser();
  if ((user || pass) && token) return 'user-and-token';
  if (user && manyUsers) return 'user-and-users';
  if (token && manyUsers) return 'token-and-users';
  return undefined;
}

export function checkAuthorizationConflicts(ctx: RuleContext): void {
  // nats-server reports these at the authorization key: they concern the block as a whole.
  const authSetting = ctx.top.get('authorization');
  const auth = ctx.top.block('authorization');
  if (!auth || !authSetting) return;
  switch (authorizationConflict(ctx, auth)) {
    case 'user-and-token':
      refuse(ctx, authSetting, 'Cannot have a user/pass and token: use one or the other.');
      break;
    case 'user-and-users': {
      refuse(
        ctx,
        authSetting,
        'Can not have a single user/pass and a users array (users in accounts count too): ' +
          'move the single user into users.',
      );
      // Read the other way round (accounts after authorization), nats-server names the account's users.
      const accountUsers = ctx.firstAccountUsers();
      if (!auth.get('users') && accountUsers) {
        refuse(
          ctx,
          accountUsers,
          'Can not have a single user/pass and accounts: ' +
            'the authorization block has a single user while accounts define users.',
        );
      }
      break;
    }
    case 'token-and-users':
      refuse(ctx, authSetting, 'Can not have a token and a users array (users in accounts count too)');
      break;
  }
}

export function checkLeafnodeAuthorizationConflicts(ctx: RuleContext): void {
  const leaf = ctx.top.block('leafnodes', 'leaf');
  const auth = leaf?.block('authorization');
  const authSetting = leaf?.get('authorization');
  if (!auth || !authSetting || !auth.get('users')) return;
  if (auth.get('user', 'username')) {
    refuse(ctx, authSetting, 'can not have a single user/pass and a users array (leafnode authorization)');
  } else if (auth.get('nkey')) {
    refuse(ctx, authSetting, 'can not have a single nkey and a users array (leafnode authorization)');
  }
}

function refuse(ctx: RuleContext, at: Setting, message: string): void {
  ctx.report(at, 'error', 'auth-conflict', message, 'server');
}
