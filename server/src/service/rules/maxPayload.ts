// max_payload: never above max_pending (nats-server refuses to start), and over 8 MB
// discouraged (nats-server says so in its log at start).

import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-max-payload', 'max-payload-large'] as const satisfies readonly FindingCode[];

const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
const DEFAULT_MAX_PENDING = 64 * 1024 * 1024;
const LARGE_PAYLOAD = 8 * 1024 * 1024;
/** Above this, max_payload is refused while the config is read (value-range): not judged again here. */
const MAX_INT32 = 2147483647;

export function checkMaxPayload(ctx: RuleContext): void {
  const payload = ctx.top.get('max_payload');
  const pending = ctx.top.get('max_pending');
  const maxPayload = ctx.top.number('max_payload') ?? DEFAULT_MAX_PAYLOAD;
  const maxPending = ctx.top.number('max_pending') ?? DEFAULT_MAX_PENDING;
  if ((payload || pending) && maxPayload > maxPending && maxPayload <= MAX_INT32) {
    ctx.report(
      (payload ?? pending)!,
      'error',
      'startup-max-payload',
      `max_payload (${maxPayload}) cannot be higher than max_pending (${maxPending}): ` + REFUSED_AT_START,
      'server',
    );
  }
  if (payload && maxPayload > LARGE_PAYLOAD && maxPayload <= maxPending) {
    ctx.report(
      payload,
      'information',
      'max-payload-large',
      'Maximum payloads over 8.00 MB are generally discouraged and could lead to poor performance ' +
        '(nats-server logs this at start).',
      'server',
    );
  }
}
