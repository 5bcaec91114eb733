// A websocket listener needs TLS, or `no_tls: true` said outright: nats-server refuses to
// start otherwise (which `nats-server -t` does not check).

import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-websocket-tls'] as const satisfies readonly FindingCode[];

export function checkWebsocket(ctx: RuleContext): void {
  const ws = ctx.top.block('websocket', 'ws');
  if (!ws || !ctx.listens(ws) || ws.get('tls') || ws.bool('no_tls') === true) return;
  ctx.report(
    ctx.top.get('websocket', 'ws')!,
    'error',
    'startup-websocket-tls',
    `websocket requires TLS configuration (or no_tls: true): ${REFUSED_AT_START}`,
    'server',
  );
}
