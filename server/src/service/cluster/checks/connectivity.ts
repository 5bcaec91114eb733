// One cluster name, several parts that no route joins: a node cut off from the rest, or the
// cluster split in two. Each part forms its own cluster, and none of them knows it.

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member, label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['cluster-isolated', 'cluster-split'] as const satisfies readonly FindingCode[];

export function checkConnectivity(ctx: ClusterContext): void {
  // A name or route not known here (from a Secret, the shell) may join any of the parts.
  if (ctx.cluster.groups.some((group) => group.some((m) => m.node.cluster!.unknown))) return;
  const byName = new Map<string, Member[][]>();
  for (const group of ctx.cluster.groups) {
    const name = group[0].node.cluster!.name ?? '';
    byName.set(name, [...(byName.get(name) ?? []), group]);
  }
  // A route to a node not given (route-unresolved) may join the parts through that node.
  const dialsUnknown = new Set<string>();
  for (const r of ctx.cluster.resolutions) if (!r.to) dialsUnknown.add(r.from.node.cluster!.name ?? '');
  for (const [name, parts] of byName) {
    if (parts.length < 2 || dialsUnknown.has(name)) continue;
    for (const part of parts) {
      const m = part[0];
      const others = parts.filter((p) => p !== part).flat();
      const message =
        part.length === 1
          ? `${label(m)} is isolated: no route leads from it to the other nodes of cluster '${name}' ` +
            `(${others.map(label).join(', ')}), nor from them to it.`
          : `Cluster '${name}' is split: ${part.map(label).join(', ')} ` +
            `never reach ${others.map(label).join(', ')} through routes.`;
      ctx.report(
        m,
        keySpan(m.node.cluster!.setting.entry),
        'warning',
        part.length === 1 ? 'cluster-isolated' : 'cluster-split',
        message,
      );
    }
  }
}
