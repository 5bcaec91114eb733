// validateLeafNode at start, without an operator: the accounts leaf node connections are bound
// to must exist; a remote's URLs are all websocket or none; a leaf node listener beside a
// gateway needs a system account.

import { resolveValue } from '../document';
import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-leafnodes'] as const satisfies readonly FindingCode[];

export function checkLeafnodes(ctx: RuleContext): void {
  const leafSetting = ctx.top.get('leafnodes', 'leaf');
  const leaf = ctx.top.block('leafnodes', 'leaf');
  if (!leaf || !leafSetting) return;
  const refuse = (at: Setting, message: string, valueSpan = false) =>
    ctx.report(at, 'error', 'startup-leafnodes', `${message}: ${REFUSED_AT_START}`, 'server', valueSpan);
  const remotes = remotesOf(ctx, leaf);
  // An include not read may define the accounts, or an operator (then accounts come from its resolver).
  if (!ctx.operator() && !ctx.top.unread()) {
    // Accounts a leaf connection may be bound to: those defined, the global account, and $SYS
    // unless another is the system account.
    const known = ctx.accountNames();
    known.add('$G');
    if (!ctx.top.string('system_account', 'system') && ctx.top.bool('no_system_account') !== true) known.add('$SYS');
    const check = (setting: Setting | undefined, where: string) => {
      const name = setting?.value?.kind === 'string' ? setting.value.value : undefined;
      if (setting && name && !known.has(name)) {
        refuse(setting, `cannot find local account "${name}" specified in leafnode ${where}`, true);
      }
    };
    const auth = leaf.block('authorization');
    check(auth?.get('account'), 'authorization');
    const users = auth?.get('users');
    if (users?.value?.kind === 'array') {
      for (const u of users.value.items) {
        const user = resolveValue(ctx.model, u);
        if (user?.kind === 'map') check(new EffectiveMap(ctx.model, user, users.file).get('account'), 'authorization');
      }
    }
    for (const remote of remotes) check(remote.get('account', 'local'), 'remote');
  }
  for (const remote of remotes) {
    const urls = remote.get('url', 'urls');
    const list =
      urls?.value?.kind === 'array' ? urls.value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
    const ws = list.map((u) => /^wss?:\/\//i.test(u));
    if (urls && ws.some((w) => w) && ws.some((w) => !w)) {
      refuse(
        urls,
        'remote leaf node configuration cannot have a mix of websocket and non-websocket urls: ' +
          `[${list.map((u) => JSON.stringify(u)).join(' ')}]`,
      );
    }
  }
  const gw = ctx.top.block('gateway');
  if (
    ctx.listens(leaf) &&
    gw &&
    (gw.string('name') || gw.number('port')) &&
    !ctx.top.string('system_account', 'system')
  ) {
    refuse(
      leafSetting,
      'leaf nodes and gateways (both being defined) require a system account to also be configured ' +
        '(set system_account; an account named $SYS alone does not count here)',
    );
  }
}

/** The leaf node remotes that are maps, as views. */
function remotesOf(ctx: RuleContext, leaf: EffectiveMap): EffectiveMap[] {
  const remotes = leaf.get('remotes');
  if (remotes?.value?.kind !== 'array') return [];
  return remotes.value.items.flatMap((item) => {
    const r = resolveValue(ctx.model, item);
    return r?.kind === 'map' ? [new EffectiveMap(ctx.model, r, remotes.file)] : [];
  });
}
