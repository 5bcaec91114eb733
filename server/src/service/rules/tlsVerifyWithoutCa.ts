// `verify: true` without `ca_file`: peer certificates are checked against the system roots
// only, which is rarely what a private PKI wants.

import { EffectiveMap } from '../effective';
import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['tls-verify-without-ca'] as const satisfies readonly FindingCode[];

export function checkTlsVerifyWithoutCa(ctx: RuleContext): void {
  for (const { tls: setting } of ctx.tlsBlocks()) {
    if (setting.value?.kind !== 'map') continue;
    const tls = new EffectiveMap(ctx.model, setting.value, setting.file);
    const verify = tls.get('verify');
    if (verify?.value?.kind !== 'bool' || !verify.value.value || tls.get('ca_file')) continue;
    ctx.report(
      verify,
      'warning',
      'tls-verify-without-ca',
      'verify: true without ca_file: client certificates are checked against the system roots only, ' +
        'which is rarely what a private PKI wants. Set ca_file.',
      'lint',
    );
  }
}
