// Two nodes of one cluster with one server_name: nats-server closes routes between servers
// with the same name ("Duplicate Server Name"). Templates and alternatives of a node aside.

import * as path from 'node:path';
import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member, hostLabel } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['server-name-duplicate'] as const satisfies readonly FindingCode[];

export function checkServerNames(ctx: ClusterContext): void {
  const { members, groups, variants } = ctx.cluster;
  const names = new Map<string, Member>();
  const sameFile = new Set<Member>();
  const groupOf = new Map<Member, Member[]>(groups.flatMap((g) => g.map((m) => [m, g] as const)));
  for (const m of members) {
    if (!m.name || m.node.template || variants.get(groupOf.get(m)!)?.includes(m)) continue;
    const first = names.get(m.name);
    if (!first || first.node === m.node || groupOf.get(first) !== groupOf.get(m)) {
      names.set(m.name, m);
      continue;
    }
    const why = 'nats-server closes routes between servers with the same name ("Duplicate Server Name").';
    // Servers run from one config (a StatefulSet's pods): one finding at the name, naming them.
    if (first.node.file.path === m.node.file.path) {
      if (sameFile.has(first)) continue;
      sameFile.add(first);
      const replicas = members.filter((r) => r.name === m.name && r.node.file.path === m.node.file.path);
      const hosts = replicas.map(hostLabel);
      const which = hosts.every((h) => h !== undefined) ? ` (${hosts.join(', ')})` : '';
      ctx.report(
        m,
        keySpan(m.node.nameSetting!.entry),
        'error',
        'server-name-duplicate',
        `server_name '${m.name}' is the name of ${replicas.length} servers run from this config${which}: ` +
          `${why} Each needs its own, from a variable each one sets (such as the pod's name).`,
      );
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
        `server_name '${m.name}' is also the name of ${whose(there)}: ${why}`,
        { member: there, span: keySpan(there.node.nameSetting!.entry), message: 'the other one' },
      );
    }
  }
}

/** The other server as its deployment names it (`nats-b-0's server`), else by its file. */
function whose(m: Member): string {
  const host = hostLabel(m);
  return host ? `${host}'s server` : path.basename(m.node.file.path);
}
