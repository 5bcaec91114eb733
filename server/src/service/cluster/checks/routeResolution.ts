// Routes no config checked together answers to (or several do): nothing else can be said of
// them, so they are marked as not checked rather than guessed at.

import * as path from 'node:path';
import type { FindingCode } from '../../findingCodes';
import { Resolution, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['route-ambiguous', 'route-unresolved'] as const satisfies readonly FindingCode[];

/** Whether the route reaches a member; when not, says so. */
export function checkRouteResolution(ctx: ClusterContext, r: Resolution): boolean {
  if (r.to) return true;
  const { route } = r;
  if (r.ambiguous) {
    const files = unique(r.ambiguous).map((m) => path.basename(m.node.file.path));
    ctx.reportRoute(
      r,
      'information',
      'route-ambiguous',
      `${files.length} configs answer to ${route.host} (${files.join(', ')}): this route is not checked. ` +
        "Point nats.cluster.nodes (or --nodes) at one deployment's files.",
    );
    return false;
  }
  const address = `${route.host}${route.port ? `:${route.port}` : ''}`;
  ctx.reportRoute(
    r,
    'information',
    'route-unresolved',
    `No node among the configs checked together answers to ${address}: this route is not checked.`,
  );
  return false;
}
