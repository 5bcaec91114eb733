// Alternatives of one node (a guide's nats-1 plain, with auth, with TLS…) are no deployment:
// checks over the whole cluster would mix them, so they wait for the real node files.

import * as path from 'node:path';
import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['cluster-variants'] as const satisfies readonly FindingCode[];

/** Whether the group holds alternatives of one node (then said, and not checked as a cluster). */
export function checkVariants(ctx: ClusterContext, group: Member[]): boolean {
  const variants = ctx.cluster.variants.get(group) ?? [];
  if (variants.length === 0) return false;
  for (const m of unique(variants)) {
    const same = variants
      .filter((x) => x.name === m.name && x.node !== m.node)
      .map((x) => path.basename(x.node.file.path));
    ctx.report(
      m,
      keySpan(m.node.nameSetting!.entry),
      'information',
      'cluster-variants',
      `${same.join(', ')} also ${same.length === 1 ? 'is' : 'are'} '${m.name}', with the same routes: ` +
        'read as alternatives of one node, so TLS, JetStream and pool size are not compared across this cluster. ' +
        "Point nats.cluster.nodes (or --nodes) at one deployment's files.",
    );
  }
  return true;
}
