// A password or token that nats-server takes for a bcrypt hash (`$2a$`, `$2b$`, `$2x$`, `$2y$`,
// two digits, `$`) but that is no well-formed one, such as the setup guide's `"$2a$11$..."`
// placeholder: nats-server compares every login against it with bcrypt, which fails whatever the
// client sends (the placeholder itself included). Checked wherever nats-server compares passwords:
// the users of authorization and of accounts, the single user and token of authorization, and
// the authorization of cluster, gateway, leaf nodes, websocket and MQTT.

import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { isBcryptHash } from '../shared/bcrypt';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['bcrypt-malformed'] as const satisfies readonly FindingCode[];

export function checkBcryptHashes(ctx: RuleContext): void {
  const secrets: Setting[] = [];
  const add = (block: EffectiveMap | undefined, ...names: string[]) => {
    if (!block) return;
    for (const name of names) {
      const s = name === 'password' ? block.get('password', 'pass') : block.get(name);
      if (s) secrets.push(s);
    }
  };
  const addPasswords = (list: Setting | undefined) => {
    for (const password of ctx.userPasswords(list)) if (password) secrets.push(password);
  };
  const auth = ctx.top.block('authorization');
  add(auth, 'password', 'token');
  addPasswords(auth?.get('users'));
  reportMalformed(ctx, secrets.splice(0));
  ctx.eachAccount('bcrypt-malformed', (account) => {
    addPasswords(ctx.accountUsers(account));
    reportMalformed(ctx, secrets.splice(0));
  });
  // Routes and gateways take a user and password only (a token there is refused on its own).
  add(ctx.top.block('cluster')?.block('authorization'), 'password');
  add(ctx.top.block('gateway')?.block('authorization'), 'password');
  const leafAuth = ctx.top.block('leafnodes', 'leaf')?.block('authorization');
  add(leafAuth, 'password');
  addPasswords(leafAuth?.get('users'));
  for (const block of [ctx.top.block('websocket', 'ws'), ctx.top.block('mqtt')])
    add(block?.block('authorization', 'authentication'), 'password', 'token');
  reportMalformed(ctx, secrets);
}

/** Each secret that starts like a bcrypt hash but is none: every login against it fails. */
function reportMalformed(ctx: RuleContext, secrets: readonly Setting[]): void {
  for (const secret of secrets) {
    const value = secret.value;
    if (value?.kind !== 'string' || !isBcryptHash(value.value)) continue;
    const flaw = bcryptFlaw(value.value);
    if (!flaw) continue;
    ctx.report(
      secret,
      'error',
      'bcrypt-malformed',
      `'${secret.entry.key}' starts like a bcrypt hash, so nats-server checks logins against it with bcrypt, ` +
        `but it is no well-formed hash (${flaw}): every login fails. A bcrypt hash is 60 characters: ` +
        '`$2a$`, a cost of 04–31, `$`, then 53 characters of `./A-Za-z0-9`; make one with `nats server passwd`.',
      'lint',
      true,
    );
  }
}

/** What keeps a `$2?$NN$…` text from being a hash Go's bcrypt can compare; undefined for a well-formed one. */
function bcryptFlaw(hash: string): string | undefined {
  const cost = Number(hash.slice(4, 6));
  if (cost < 4 || cost > 31) return `a cost of ${hash.slice(4, 6)}`;
  if (hash.length !== 60) return `${hash.length} characters`;
  // A scan by character code: this runs once per hashed password, thousands in large configs.
  for (let i = 7; i < hash.length; i++) {
    if (!isBcryptChar(hash.charCodeAt(i)))
      return `'${String.fromCodePoint(hash.codePointAt(i)!)}' is no bcrypt character`;
  }
  return undefined;
}

/** `.`, `/`, `0-9`, `A-Z`, `a-z`: the alphabet of bcrypt's base64. */
function isBcryptChar(c: number): boolean {
  return (c >= 0x2e && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
