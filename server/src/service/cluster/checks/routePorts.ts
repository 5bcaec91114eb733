// A route must name its target's cluster port: without a port nats-server retries forever, and
// a client or monitoring port never answers as a route.

import type { FindingCode } from '../../findingCodes';
import { Resolution, label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['route-port'] as const satisfies readonly FindingCode[];

export function checkRoutePort(ctx: ClusterContext, r: Resolution): void {
  const { route } = r;
  const to = r.to!;
  const target = to.node.cluster!;
  if (route.port === undefined) {
    const name = label(to);
    ctx.reportRoute(
      r,
      'error',
      'route-port',
      `The route to ${name} has no port: nats-server has no default and retries forever ("missing port in address"). ` +
        `Its cluster port is ${target.port ?? 'not set'}.`,
    );
  } else if (r.port !== 'cluster') {
    const name = label(to);
    const what =
      r.port === 'client'
        ? 'its client port'
        : r.port === 'monitoring'
          ? 'its monitoring port'
          : 'a port nothing listens on for routes';
    const related = ctx.relatedAt(to, target.portSetting, `${name}'s cluster port`);
    ctx.reportRoute(
      r,
      'error',
      'route-port',
      `This route reaches ${name} on ${route.port}, ${what}; ` +
        `${name} listens for routes on ${target.port ?? '(no cluster port)'}.`,
      related,
    );
  }
}
