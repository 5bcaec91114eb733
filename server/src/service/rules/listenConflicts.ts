// `listen` sets host and port together: with `host`/`net` or `port` beside it (or `http_port`
// beside `http`), which one wins depends on the order nats-server reads them in (a Go map: random).
// Where they agree (`port: 6222` beside `listen: 0.0.0.0:6222`) every order gives the same address.

import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { listenAddress } from '../listeners';
import { LISTENER_BLOCKS, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['listen-conflict'] as const satisfies readonly FindingCode[];

const RANDOM = 'makes the result depend on the order nats-server reads them in, which is random. Keep one.';

export function checkListenConflicts(ctx: RuleContext): void {
  const check = (block: EffectiveMap | undefined, where: string) => {
    const listen = block?.get('listen');
    if (!listen) return;
    const port = block!.get('port');
    const host = block!.get('host', 'net');
    const other = [port, host].find((s) => s && !agrees(listen, s, s === port ? 'port' : 'host'));
    if (!other) return;
    ctx.report(
      other,
      'warning',
      'listen-conflict',
      `${where}: 'listen' already sets the host and port; '${other.entry.key}' beside it ${RANDOM}`,
      'lint',
    );
  };
  check(ctx.top, 'top level');
  for (const name of LISTENER_BLOCKS) check(ctx.top.block(name), name);
  const http = ctx.top.get('http');
  const httpPort = ctx.top.get('http_port', 'monitor_port');
  if (!http || !httpPort || agrees(http, httpPort, 'port')) return;
  ctx.report(
    httpPort,
    'warning',
    'listen-conflict',
    `'http' already sets the monitoring host and port; '${httpPort.entry.key}' beside it ${RANDOM}`,
    'lint',
  );
}

/** Whether `setting` sets the same port (or host) as the `listen`-like setting beside it. */
function agrees(listen: Setting, setting: Setting, what: 'port' | 'host'): boolean {
  const address = listenAddress(listen);
  const v = setting.value;
  if (!address) return false;
  if (what === 'port') return v?.kind === 'integer' && address.port === v.value;
  return v?.kind === 'string' && address.host !== undefined && v.value === address.host;
}
