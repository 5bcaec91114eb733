// Two nodes of one cluster with one server_name: nats-server closes routes between servers
// with the same name ("Duplicate Server Name"). Templates and alternatives of a node aside.

import * as path from 'node:path';
import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['server-name-duplicate'] as const satisfies readonly FindingCode[];

export function checkServerNames(ctx: ClusterContext): void {
  const { members, groups, variants } = ctx.cluster;
  const names = new Map<string, Member>();
  const groupOf = new Map<Member, Member[]>(groups.flatMap((g) => g.map((m) => [m, g] as const)));
  for (const m of members) {
    if (!m.name || m.node.template || variants.get(groupOf.get(m)!)?.includes(m)) continue;
    const first = names.get(m.name);
    if (!first || first.node === m.node || groupOf.get(first) !== groupOf.get(m)) {
      names.set(m.name, m);
      continue;
    }
    for (const [here, there] of [
      [m, first],
      [first, m],
    ]) {
      ctx.report(
        here,
        keySpan(here.node.nameSetting!.entry),
        'error',
        'server-name-duplicate',
        `server_name '${m.name}' is also the name of ${path.basename(there.node.file.path)}: ` +
          'nats-server closes routes between servers with the same name ("Duplicate Server Name").',
        { member: there, span: keySpan(there.node.nameSetting!.entry), message: 'the other one' },
      );
    }
  }
}
