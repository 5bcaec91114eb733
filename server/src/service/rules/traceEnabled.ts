// Trace logging left on: it logs every protocol message, which slows the server and fills
// the disk; rarely meant for production.

import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['trace-enabled'] as const satisfies readonly FindingCode[];

export function checkTraceEnabled(ctx: RuleContext): void {
  const trace = ctx.top.get('trace');
  if (trace?.value?.kind !== 'bool' || !trace.value.value) return;
  ctx.report(
    trace,
    'information',
    'trace-enabled',
    'Trace logging is on: it logs every protocol message, slows the server and fills the disk. ' +
      'Turn it off in production.',
    'lint',
    true,
  );
}
