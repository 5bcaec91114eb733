// The name a gateway URL is listed under must be the gateway name of the cluster it reaches:
// nats-server fails the connection ("Failing connection to gateway "X", remote gateway name
// is "Y"") and retries it forever.

import type { FindingCode } from '../../findingCodes';
import { GatewayDial } from '../links';
import { label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['gateway-name'] as const satisfies readonly FindingCode[];

/** For a URL that reaches a gateway port. */
export function checkGatewayName(ctx: ClusterContext, d: GatewayDial): void {
  const to = d.to!;
  const actual = to.node.gateway?.name;
  if (actual === undefined || d.remote.name === actual) return;
  const name = label(to);
  ctx.report(
    d.from,
    d.url.span,
    'error',
    'gateway-name',
    `This URL is listed under gateway "${d.remote.name}" but reaches ${name}, whose gateway is "${actual}": ` +
      `nats-server fails it ("Failing connection to gateway "${d.remote.name}", remote gateway name is ` +
      `"${actual}"). Name the entry "${actual}", or point it at a node of "${d.remote.name}".`,
    ctx.relatedAt(to, to.node.gateway!.nameSetting, `${name}'s gateway name`),
  );
}
