// What a listener's certificate must carry for the connections it serves, whoever the peers are:
// a subjectAltName (Go has ignored the Common Name since Go 1.15, so servers refuse a certificate
// with none whatever name they dial), and extended key usages that allow the role. Routes and
// gateways use one certificate as client and server, so they need both usages when the
// extension is there.

import type { Severity } from '../diagnostics';
import type { FindingCode } from '../findingCodes';
import { tlsMaterialOnce } from './tlsFiles';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['tls-no-san', 'tls-usage'] as const satisfies readonly FindingCode[];

/** Who dials the listener of each block, and whether Go does it (Go always verifies names and usages). */
const DIALLERS: Record<string, { who: string; severity: Severity }> = {
  // A route forms whichever side dials: only this node's peers' dials fail (if theirs are right).
  cluster: { who: 'every peer that dials its routes (nats-server, in Go)', severity: 'warning' },
  gateway: { who: 'every gateway that dials it (nats-server, in Go)', severity: 'error' },
  leafnodes: { who: 'every leaf node remote that dials it (nats-server, in Go)', severity: 'error' },
  client: { who: 'clients written in Go (the nats CLI, nats.go) and browsers', severity: 'warning' },
  websocket: { who: 'browsers and clients written in Go', severity: 'warning' },
  mqtt: { who: 'clients written in Go', severity: 'warning' },
};

/** What a route certificate refused one way means: the other way may still join the two nodes. */
const ONE_SIDE =
  'A route forms from whichever side can dial, so nodes whose own certificates are right still route with this ' +
  'one (logging a TLS error every second); nodes that all use such a certificate never route. ';

export function checkCertificateUse(ctx: RuleContext): void {
  for (const { tls, where } of ctx.tlsBlocks()) {
    const dialler = DIALLERS[where];
    const shown = dialler && tlsMaterialOnce(ctx, tls);
    const cert = shown?.certificate;
    // A pair nats-server refuses has its own finding; this one is about certificates that load.
    if (!cert || !shown.certFile || shown.refusal) continue;
    if (cert.dnsNames.length === 0 && cert.ipAddresses.length === 0) {
      const cn = cert.commonName === undefined ? 'no Common Name either' : `CN=${cert.commonName}`;
      ctx.report(
        shown.certFile.setting,
        dialler.severity,
        'tls-no-san',
        `${shown.certFile.path} has no subjectAltName (${cn}): Go has ignored the Common Name since Go 1.15, so ` +
          `${dialler.who} refuses it ("x509: certificate is not valid for any names, but wanted to match …"). ` +
          (where === 'cluster' ? ONE_SIDE : '') +
          'Issue it with the names (DNS:…) and addresses (IP:…) that are dialled in its subjectAltName.',
        'lint',
      );
    }
    const eku = cert.extKeyUsage;
    if (!eku || eku.includes('any')) continue;
    const needed = where === 'cluster' || where === 'gateway' ? ['serverAuth', 'clientAuth'] : ['serverAuth'];
    const missing = needed.filter((u) => !eku.includes(u));
    if (!missing.length) continue;
    ctx.report(
      shown.certFile.setting,
      dialler.severity,
      'tls-usage',
      `${shown.certFile.path} allows ${eku.join(', ') || 'no usage'} (extended key usage) ` +
        `but not ${missing.join(' or ')}` +
        (needed.length === 2
          ? `: ${where === 'cluster' ? 'a route' : 'a gateway'} certificate serves as server and as client, `
          : ': ') +
        `so ${where === 'cluster' ? 'every peer at the other end' : dialler.who} refuses it ` +
        '("x509: certificate specifies an incompatible key usage"). ' +
        (where === 'cluster' ? ONE_SIDE : '') +
        `Issue it with extendedKeyUsage ${needed.join(',')}, or without the extension.`,
      'lint',
    );
  }
}
