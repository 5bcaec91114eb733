// Both ends of a route must carry one cluster name: nats-server closes a route between
// clusters of different names ("Cluster Name Conflict") and dials it again every second.

import type { FindingCode } from '../../findingCodes';
import { Resolution, label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['cluster-name'] as const satisfies readonly FindingCode[];

export function checkClusterName(ctx: ClusterContext, r: Resolution): void {
  const to = r.to!;
  const target = to.node.cluster!;
  const here = r.from.node.cluster!;
  if (!here.name || !target.name || here.name === target.name) return;
  const name = label(to);
  const related = ctx.relatedAt(to, target.nameSetting, `${name}'s cluster name`);
  ctx.report(
    r.from,
    ctx.at(here.nameSetting, here.setting),
    'error',
    'cluster-name',
    `This node's cluster is '${here.name}', but its route reaches ${name} in cluster '${target.name}': ` +
      'nats-server closes such routes ("Cluster Name Conflict") and retries every second.',
    related,
  );
}
