// From 2.10.0 to 2.11.1 every node of a cluster must use one route pool size: nats-server
// closes routes between nodes whose pool sizes differ ("Mismatch route pool size").

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { compareVersions, ServerVersion } from '../../versions';
import { Member, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['pool-size'] as const satisfies readonly FindingCode[];

/** nats-server's default route pool size. */
const DEFAULT_POOL_SIZE = 3;

export function checkPoolSize(ctx: ClusterContext, group: Member[]): void {
  const version = group[0].node.model.version;
  if (!poolMustAgree(version)) return;
  const sizes = new Set(group.map((m) => m.node.cluster!.poolSize ?? DEFAULT_POOL_SIZE));
  if (sizes.size < 2) return;
  for (const m of unique(group.filter((x) => x.node.cluster!.poolSetting))) {
    ctx.report(
      m,
      keySpan(m.node.cluster!.poolSetting!.entry),
      'error',
      'pool-size',
      `Route pool sizes differ in this cluster (${[...sizes].join(', ')}): ` +
        `nats-server ${version.major}.${version.minor} closes such routes ("Mismatch route pool size"). ` +
        'Use one value on every node.',
    );
  }
}

function poolMustAgree(v: ServerVersion): boolean {
  return (
    compareVersions(v, { major: 2, minor: 10, patch: 0 }) >= 0 &&
    compareVersions(v, { major: 2, minor: 11, patch: 2 }) < 0
  );
}
