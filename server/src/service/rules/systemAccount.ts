// The system account at start: without an operator it must name an account nats-server can
// find (a resolver is asked only for public keys), and JetStream may not be enabled in it.
// (With an operator the system account is bootstrapped: nothing to judge from the file.)

import { EffectiveMap } from '../effective';
import type { FindingCode } from '../findingCodes';
import { jetstreamOn } from '../shared/jetstream';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-system-account', 'startup-jetstream-system'] as const satisfies readonly FindingCode[];

export function checkSystemAccount(ctx: RuleContext): void {
  if (ctx.operator()) return;
  const system = ctx.top.get('system_account', 'system');
  const name = system?.value?.kind === 'string' ? system.value.value : undefined;
  if (!system || !name || ctx.accountNames().has(name)) return;
  const refuse = (why: string) =>
    ctx.report(
      system,
      'error',
      'startup-system-account',
      `error resolving system account: ${why} ${REFUSED_AT_START}`,
      'server',
      true,
    );
  if (ctx.top.get('resolver', 'account_resolver', 'accounts_resolver')) {
    // A resolver is asked for an account's public key; a name is never found.
    if (/^A[A-Z2-7]{55}$/.test(name)) return;
    return void refuse(
      `will only fetch valid account keys: "${name}" is not an account defined here, ` +
        'and a resolver is asked only for public account keys (A…).',
    );
  }
  refuse(`account missing: no account "${name}" is defined in accounts.`);
}

export function checkSystemAccountJetStream(ctx: RuleContext): void {
  if (!ctx.jetstreamEnabled()) return;
  const system = ctx.top.string('system_account', 'system') ?? '$SYS';
  for (const account of ctx.accountBlocks()) {
    if (account.name !== system) continue;
    const js = new EffectiveMap(ctx.model, account.map, account.file).get('jetstream');
    // An account's jetstream block turns it on, whatever it holds.
    if (js && jetstreamOn(js.value)) {
      ctx.report(
        js,
        'error',
        'startup-jetstream-system',
        'Not allowed to enable JetStream on the system account: nats-server refuses to start ' +
          '(nats-server -t does not check this). Enable JetStream in the other accounts.',
        'server',
      );
    }
  }
}
