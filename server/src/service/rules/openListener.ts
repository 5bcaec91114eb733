// A client listener open beyond this machine with no authentication of any kind (no
// authorization, operator, trusted keys, account users or verified client certificates).

import type { FindingCode } from '../findingCodes';
import { isBindableHost, isLoopbackHost, isWildcardHost, parseListenString } from '../listeners';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['no-authorization'] as const satisfies readonly FindingCode[];

export function checkOpenListener(ctx: RuleContext): void {
  const top = ctx.top;
  const client = ctx.listenersOpened().find((l) => l.kind === 'client')!;
  const host = client.host;
  const listen = top.get('listen')?.value;
  if (listen?.kind === 'string' && 'error' in parseListenString(listen.value)) return; // unreadable: reported as such
  // Loopback only, or a host that cannot be bound (reported as such): no open door.
  if (isLoopbackHost(host) || !isBindableHost(host)) return;
  if (top.get('authorization') || ctx.operator() || top.get('trusted', 'trusted_keys') || ctx.anyAccountUser()) return;
  // Authorization may come from an include not read here (a Secret mounted beside the config).
  if (top.unread()) return;
  // Client certificates checked against a CA are authentication too (mutual TLS).
  const tls = top.block('tls');
  if (tls?.bool('verify') === true || tls?.bool('verify_and_map') === true) return;
  const at = top.get('host', 'net', 'listen', 'port');
  if (!at) return;
  const where = isWildcardHost(host) ? 'from any address' : `on ${host}:${client.port}`;
  ctx.report(
    at,
    'warning',
    'no-authorization',
    `Clients can connect ${where} without credentials: ` +
      'add an authorization block, accounts with users, or listen on 127.0.0.1.',
    'lint',
  );
}
