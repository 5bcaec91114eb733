// TLS on one end of a gateway or leaf node connection only. A gateway dials with TLS when its
// entry or its gateway block has a tls block, and accepts with TLS when its gateway block has
// one: either way round the handshake fails ("first record does not look like a TLS
// handshake", "TLS handshake timeout"). A leaf node remote with a tls block towards a hub
// without leaf node TLS is refused too; the other way round the remote follows the hub's
// INFO and tries TLS with default settings, which may work: not reported.

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { GatewayDial, LeafDial } from '../links';
import { label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['gateway-tls', 'leafnode-tls'] as const satisfies readonly FindingCode[];

/** For a URL that reaches a gateway port. */
export function checkGatewayTls(ctx: ClusterContext, d: GatewayDial): void {
  const to = d.to!;
  const target = to.node.gateway!;
  const dialTls = d.remote.tls ?? d.from.node.gateway!.tls;
  if (!dialTls === !target.tls) return;
  const name = label(to);
  const message = dialTls
    ? `This gateway dials ${name} with TLS, and ${name}'s gateway has no TLS: the handshake fails ` +
      '("first record does not look like a TLS handshake") and is retried forever. ' +
      `Add a tls block to ${name}'s gateway, or remove it here.`
    : `${name}'s gateway requires TLS, and this gateway dials it without: the handshake fails ` +
      '("TLS handshake timeout") and is retried forever. Add a tls block to this gateway (or this entry).';
  const related = dialTls
    ? ctx.relatedAt(to, target.setting, `${name}'s gateway, without TLS`)
    : ctx.relatedAt(to, target.tls, `${name}'s gateway TLS`);
  ctx.report(d.from, d.url.span, 'error', 'gateway-tls', message, related);
}

/** For a URL that reaches a leaf node port. */
export function checkLeafTls(ctx: ClusterContext, d: LeafDial): void {
  const hub = d.to!.node.leafnodes!;
  if (!d.remote.tls || hub.tls) return;
  const name = label(d.to!);
  ctx.report(
    d.from,
    keySpan(d.remote.tls.entry),
    'error',
    'leafnode-tls',
    `This remote dials ${name} with TLS, and ${name}'s leaf node listener has no TLS: the hub refuses it ` +
      '("authentication error") and the remote retries forever. ' +
      `Add a tls block to ${name}'s leafnodes, or remove this one.`,
    ctx.relatedAt(d.to!, hub.setting, `${name}'s leaf node listener, without TLS`),
  );
}
