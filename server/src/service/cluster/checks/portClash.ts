// Nodes known to share a host (one dials the other over loopback, or both bind one specific
// address) that use one port: the second to start cannot. Distinct IPs or mapped ports prove nothing.

import type { FindingCode } from '../../findingCodes';
import { isLoopbackHost, isWildcardHost, sameBind } from '../../listeners';
import { keySpan } from '../../tree';
import { Member, Resolution, label } from '../members';
import { NodeConfig } from '../nodes';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['port-clash'] as const satisfies readonly FindingCode[];

/** The two ends of a route are on one host: dialled over loopback, or both bind one specific address. */
function oneHost(r: Resolution): boolean {
  if (isLoopbackHost(r.route.host)) return true;
  const a = r.from.node.cluster!.host;
  return a === r.to!.node.cluster!.host && !isWildcardHost(a);
}

export function checkPortClash(ctx: ClusterContext): void {
  const { members, resolutions } = ctx.cluster;
  // Pairs of files, each once, in the order first dialled (the lesser path first): a full mesh
  // over loopback has n × (n − 1) such routes, so no key string per route and no member scan per pair.
  const shared: [string, string][] = [];
  const pairedWith = new Map<string, Set<string>>();
  // Plain loops without destructuring: this one runs once per check, mostly before the JIT warms up.
  for (const r of resolutions) {
    if (!r.to || r.by !== 'address' || r.to.node === r.from.node || !oneHost(r)) continue;
    const from = r.from.node.file.path;
    const to = r.to.node.file.path;
    const a = from <= to ? from : to;
    const b = from <= to ? to : from;
    let paired = pairedWith.get(a);
    if (!paired) pairedWith.set(a, (paired = new Set()));
    if (paired.has(b)) continue;
    paired.add(b);
    shared.push([a, b]);
  }
  if (!shared.length) return;
  const byPath = new Map<string, Member>();
  for (const m of members) if (!byPath.has(m.node.file.path)) byPath.set(m.node.file.path, m);
  const ports = new Map<NodeConfig, ReturnType<typeof portsOf>>();
  const portsAt = (n: NodeConfig) => ports.get(n) ?? ports.set(n, portsOf(n)).get(n)!;
  for (const pair of shared) {
    const a = byPath.get(pair[0])!;
    const b = byPath.get(pair[1])!;
    const portsA = portsAt(a.node);
    const portsB = portsAt(b.node);
    for (let i = 0; i < portsA.length; i++) {
      for (let j = 0; j < portsB.length; j++) {
        const portA = portsA[i][1];
        if (portA === undefined || portA !== portsB[j][1] || portA <= 0) continue;
        // One port on two addresses of one host (127.0.0.2 and 127.0.0.3) is two sockets.
        if (!sameBind(portsA[i][3], portsB[j][3])) continue;
        const [kindA, , settingA] = portsA[i];
        const [kindB, , settingB] = portsB[j];
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

/** The ports a node listens on that another node on its host could also take, with the address each binds. */
function portsOf(n: NodeConfig) {
  return [
    ['client', n.clientPort, n.clientPortSetting, n.host],
    ['cluster', n.cluster?.port, n.cluster?.portSetting, n.cluster?.host ?? ''],
    ['monitoring', n.httpPort, n.httpSetting, n.httpHost],
  ] as const;
}
