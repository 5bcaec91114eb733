// `listen` sets host and port together: with `host`/`net` or `port` beside it (or `http_port`
// beside `http`), which one wins depends on the order nats-server reads them in (a Go map: random).

import { EffectiveMap } from '../effective';
import type { FindingCode } from '../findingCodes';
import { LISTENER_BLOCKS, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['listen-conflict'] as const satisfies readonly FindingCode[];

const RANDOM = 'makes the result depend on the order nats-server reads them in, which is random. Keep one.';

export function checkListenConflicts(ctx: RuleContext): void {
  const check = (block: EffectiveMap | undefined, where: string) => {
    const listen = block?.get('listen');
    const other = block?.get('port') ?? block?.get('host', 'net');
    if (!listen || !other) return;
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
  if (!http || !httpPort) return;
  ctx.report(
    httpPort,
    'warning',
    'listen-conflict',
    `'http' already sets the monitoring host and port; '${httpPort.entry.key}' beside it ${RANDOM}`,
    'lint',
  );
}
