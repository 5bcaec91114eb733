// A route to a node with cluster authorization must carry its user and password: otherwise
// the node refuses it ("Authorization Violation"). A bcrypt password cannot be compared.

import type { FindingCode } from '../../findingCodes';
import { isBcryptHash } from '../../shared/bcrypt';
import { Resolution, label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['route-credentials'] as const satisfies readonly FindingCode[];

export function checkRouteCredentials(ctx: ClusterContext, r: Resolution): void {
  const { route } = r;
  const to = r.to!;
  const target = to.node.cluster!;
  if (target.user === undefined && target.password === undefined) return;
  if (route.user === undefined) {
    refuse(
      ctx,
      r,
      `${label(to)} requires route credentials (cluster.authorization), and this route has none: ` +
        `write nats-route://user:password@${route.host}:${route.port ?? ''}.`,
    );
    return;
  }
  const comparable = target.password !== undefined && !isBcryptHash(target.password);
  if (route.user !== target.user || (comparable && route.password !== target.password)) {
    refuse(
      ctx,
      r,
      `The credentials in this route do not match ${label(to)}'s cluster authorization: ` +
        'nats-server refuses the route ("Authorization Violation").',
    );
  }
}

/** The finding, with the target's name and authorization as related place: built only when reported. */
function refuse(ctx: ClusterContext, r: Resolution, message: string): void {
  const to = r.to!;
  const related = ctx.relatedAt(to, to.node.cluster!.authSetting, `${label(to)}'s cluster authorization`);
  ctx.reportRoute(r, 'error', 'route-credentials', message, related);
}
