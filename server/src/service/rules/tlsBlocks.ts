// What nats-server refuses in a TLS block while reading it (a certificate without its key, or
// beside `certs`; known-URL checks outside cluster and gateway), and a route `verify: false` it ignores.

import { Setting } from '../effective';
import { EffectiveMap } from '../effective';
import type { FindingCode } from '../findingCodes';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'tls-pair',
  'tls-conflict',
  'tls-context',
  'route-tls-verify-ignored',
] as const satisfies readonly FindingCode[];

export function checkTlsBlocks(ctx: RuleContext): void {
  for (const { tls, where } of ctx.tlsBlocks()) checkTlsBlock(ctx, tls, where);
}

function checkTlsBlock(ctx: RuleContext, setting: Setting, where: string): void {
  if (setting.value?.kind !== 'map') return;
  const tls = new EffectiveMap(ctx.model, setting.value, setting.file);
  const certFile = tls.get('cert_file');
  const keyFile = tls.get('key_file');
  const certs = tls.get('certs', 'certificates');
  const indentOf = (s: Setting) => ' '.repeat(Math.max(0, setting.file.lines.position(s.entry.start).character));
  if (certFile && !keyFile && !certs) {
    const at = certFile.entry.end;
    const newText = `\n${indentOf(certFile)}key_file: "${guessPair(certFile, 'key')}"`;
    ctx.report(
      certFile,
      'error',
      'tls-pair',
      "missing 'key_file' in TLS configuration: a certificate needs its private key.",
      'server',
    ).fixes = [{ title: 'Add key_file', edits: [{ span: { start: at, end: at }, newText }] }];
  }
  if (keyFile && !certFile && !certs) {
    const at = keyFile.entry.start;
    const newText = `cert_file: "${guessPair(keyFile, 'cert')}"\n${indentOf(keyFile)}`;
    ctx.report(
      keyFile,
      'error',
      'tls-pair',
      "missing 'cert_file' in TLS configuration: a private key needs its certificate.",
      'server',
    ).fixes = [{ title: 'Add cert_file', edits: [{ span: { start: at, end: at }, newText }] }];
  }
  if (certFile && certs) {
    ctx.report(
      certFile,
      'error',
      'tls-conflict',
      "error parsing tls config, cannot combine 'cert_file' option with 'certs' option",
      'server',
    );
  }
  const known = tls.get('verify_cert_and_check_known_urls');
  if (known?.value?.kind === 'bool' && known.value.value && !['cluster', 'gateway'].includes(where)) {
    ctx.report(
      known,
      'error',
      'tls-context',
      'verify_cert_and_check_known_urls not supported in this context (only in cluster and gateway TLS)',
      'server',
    );
  }
  // nats-server forces peer verification on routes, whatever the block says.
  const verify = tls.get('verify');
  if (where === 'cluster' && verify?.value?.kind === 'bool' && !verify.value.value) {
    ctx.report(
      verify,
      'warning',
      'route-tls-verify-ignored',
      'verify: false has no effect on routes: ' +
        'nats-server always requires and verifies the peer certificate of a route. ' +
        'Every node needs cert_file and key_file signed by a CA in ca_file.',
      'lint',
    );
  }
}

/** A likely name for the other file of a certificate/key pair: server.pem ↔ server-key.pem. */
function guessPair(setting: Setting, want: 'key' | 'cert'): string {
  const path = setting.value?.kind === 'string' ? setting.value.value : '';
  if (want === 'key') return path.replace(/(\.[a-z]+)$/i, '-key$1') || 'server-key.pem';
  return path.replace(/-key(\.[a-z]+)$/i, '$1') || 'server.pem';
}
