// Nodes known to share a host (one dials the other over loopback, or both bind one specific
// address) that use one port: the second to start cannot. Distinct IPs or mapped ports prove nothing.

import type { FindingCode } from '../../findingCodes';
import { isLoopbackHost, isWildcardHost } from '../../listeners';
import { keySpan } from '../../tree';
import { Resolution, label } from '../members';
import { NodeConfig } from '../nodes';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['port-clash'] as const satisfies readonly FindingCode[];

export function checkPortClash(ctx: ClusterContext): void {
  const { members, resolutions } = ctx.cluster;
  const shared = new Set<string>();
  const oneHost = (r: Resolution) => {
    const [a, b] = [r.from.node.cluster!.host, r.to!.node.cluster!.host];
    return isLoopbackHost(r.route.host) || (a === b && !isWildcardHost(a));
  };
  for (const r of resolutions) {
    if (r.to && r.by === 'address' && r.to.node !== r.from.node && oneHost(r)) {
      shared.add([r.from.node.file.path, r.to.node.file.path].sort().join('\0'));
    }
  }
  for (const pair of shared) {
    const [a, b] = pair.split('\0').map((p) => members.find((m) => m.node.file.path === p)!);
    for (const [kindA, portA, settingA] of portsOf(a.node)) {
      for (const [kindB, portB, settingB] of portsOf(b.node)) {
        if (portA === undefined || portB === undefined || portA !== portB || portA <= 0) continue;
        for (const [here, there, hereSetting, thereSetting, hereKind, thereKind] of [
          [b, a, settingB, settingA, kindB, kindA],
          [a, b, settingA, settingB, kindA, kindB],
        ] as const) {
          const where = hereSetting ?? here.node.cluster!.setting;
          const related = ctx.relatedAt(there, thereSetting, `the same port on ${label(there)}`);
          ctx.report(
            here,
            keySpan(where.entry),
            'error',
            'port-clash',
            `${label(here)} and ${label(there)} run on one host and both use port ${portA} ` +
              `(${hereKind} here, ${thereKind} on ${label(there)}): the second to start cannot.` +
              `${hereSetting ? '' : ' (the default port)'}`,
            related,
          );
        }
      }
    }
  }
}

/** The ports a node listens on that another node on its host could also take. */
function portsOf(n: NodeConfig) {
  return [
    ['client', n.clientPort, n.clientPortSetting],
    ['cluster', n.cluster?.port, n.cluster?.portSetting],
    ['monitoring', n.httpPort, n.httpSetting],
  ] as const;
}
