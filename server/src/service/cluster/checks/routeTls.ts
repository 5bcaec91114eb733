// Route TLS is all or none across a cluster, and always verifies the peer (nats-server forces
// it, whatever `verify` says): a node with a tls block but no certificate is refused by its peers.

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member, label, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['route-tls', 'route-tls-no-certificate'] as const satisfies readonly FindingCode[];

export function checkRouteTls(ctx: ClusterContext, group: Member[]): void {
  const withTls = group.filter((m) => m.node.cluster!.tls);
  if (withTls.length > 0 && withTls.length < group.length) {
    const first = withTls[0];
    for (const m of unique(group.filter((x) => !x.node.cluster!.tls))) {
      ctx.report(
        m,
        keySpan(m.node.cluster!.setting.entry),
        'error',
        'route-tls',
        `Routes of this cluster use TLS on ${withTls.map(label).join(', ')} but not here: ` +
          'the TLS side fails the handshake and both retry forever. ' +
          'Add a tls block to this cluster, or remove it everywhere.',
        { member: first, span: keySpan(first.node.cluster!.tls!.entry), message: `TLS on ${label(first)}` },
      );
    }
  }
  if (withTls.length < 2) return;
  const presenting = withTls.filter((m) => m.node.cluster!.presentsCertificate);
  for (const m of unique(withTls.filter((x) => !x.node.cluster!.presentsCertificate))) {
    const peer = presenting.find((x) => x !== m);
    ctx.report(
      m,
      keySpan(m.node.cluster!.tls!.entry),
      'error',
      'route-tls-no-certificate',
      "This node's route TLS has no cert_file: it presents no certificate, and route TLS always verifies the peer's " +
        '("tls: client didn\'t provide a certificate"), so its routes are refused. Add cert_file and key_file.',
      peer && {
        member: peer,
        span: keySpan(peer.node.cluster!.tls!.entry),
        message: `${label(peer)} verifies route certificates`,
      },
    );
  }
}
