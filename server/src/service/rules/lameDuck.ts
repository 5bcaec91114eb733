// The lame duck grace period must be shorter than the lame duck duration, or nats-server
// refuses to start (which `nats-server -t` does not check).

import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-lame-duck'] as const satisfies readonly FindingCode[];

/** nats-server's defaults: 2 minutes of lame duck mode, the first 10 seconds of grace. */
const DEFAULT_LAME_DUCK_DURATION = 120e9;
const DEFAULT_LAME_DUCK_GRACE_PERIOD = 10e9;

export function checkLameDuck(ctx: RuleContext): void {
  const duration = ctx.duration(ctx.top.get('lame_duck_duration')) ?? DEFAULT_LAME_DUCK_DURATION;
  const grace = ctx.top.get('lame_duck_grace_period');
  const gracePeriod = ctx.duration(grace) ?? DEFAULT_LAME_DUCK_GRACE_PERIOD;
  if (!grace || duration <= 0 || gracePeriod < duration) return;
  ctx.report(
    grace,
    'error',
    'startup-lame-duck',
    `lame duck grace period (${formatDuration(gracePeriod)}) should be strictly lower than lame duck duration ` +
      `(${formatDuration(duration)}): ${REFUSED_AT_START}`,
    'server',
  );
}

/** A whole number of seconds as Go prints a duration (2m0s, 1h0m0s). */
function formatDuration(ns: number): string {
  const s = ns / 1e9;
  if (s % 3600 === 0) return `${s / 3600}h0m0s`;
  if (s % 60 === 0) return `${s / 60}m0s`;
  return `${s}s`;
}
