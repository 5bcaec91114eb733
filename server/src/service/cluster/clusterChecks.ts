// Checks across the node configs of a cluster (origin "cluster"): routes resolved to the
// nodes they reach, then what breaks a cluster at deploy time even though each file is fine
// on its own. Each finding sits at the place to fix, with the other end as related place.

import * as path from 'node:path';
import { Diagnostic, Finding, toDiagnostic } from '../diagnostics';
import { ConfigModel } from '../document';
import { Setting } from '../effective';
import { LineIndex } from '../positions';
import { keySpan } from '../tree';
import { compareVersions, ServerVersion } from '../versions';
import { NodeConfig, Route, nodeOf } from './nodes';

/** A node of the cluster: one config, or one replica of a template config. */
export interface Member {
  node: NodeConfig;
  name: string | undefined;
}

export interface Resolution {
  route: Route;
  from: Member;
  to: Member | undefined;
  /** How the target was found. */
  by: 'address' | 'advertise' | 'name' | 'file' | 'replica' | undefined;
  /** Several configs answer to the route's name and nothing tells them apart: not guessed. */
  ambiguous?: Member[];
  /** Which of the target's ports the route names. */
  port: 'cluster' | 'client' | 'monitoring' | 'none';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
const ANY = /^(0\.0\.0\.0|::|)$/;

/** Findings across `models` (the node configs given together), as diagnostics. */
/** The members of the clusters among `models`, and every route resolved to the member it reaches. */
export function resolveClusters(models: readonly ConfigModel[]): { members: Member[]; resolutions: Resolution[] } {
  const nodes = models.map(nodeOf).filter((n) => n.cluster !== undefined);
  const members = membersOf(nodes);
  const resolutions: Resolution[] = [];
  for (const from of members) {
    for (const route of from.node.cluster!.routes) resolutions.push(resolve(route, from, members));
  }
  return { members, resolutions };
}

export function clusterDiagnostics(models: readonly ConfigModel[]): Diagnostic[] {
  const { members, resolutions } = resolveClusters(models);
  if (members.length < 2) return [];
  const findings: { file: NodeConfig['file']; finding: Finding }[] = [];
  const report = (member: Member, span: Finding['span'], severity: Finding['severity'], code: string, message: string, related?: { member: Member; span: Finding['span']; message: string }) => {
    findings.push({
      file: member.node.file,
      finding: { span, severity, code, message, origin: 'cluster', related: related ? [{ file: related.member.node.file.path, span: related.span, message: related.message }] : undefined },
    });
  };
  const at = (s: Setting | undefined, fallback: Setting) => keySpan((s ?? fallback).entry);

  const seenRoute = new Set<string>();
  for (const r of resolutions) {
    // A template config's routes are checked once, not once per replica.
    const key = `${r.from.node.file.path}\0${r.route.span.start}`;
    if (seenRoute.has(key)) continue;
    seenRoute.add(key);
    const { route, to } = r;
    if (!to && r.ambiguous) {
      const files = unique(r.ambiguous).map((m) => path.basename(m.node.file.path));
      report(r.from, route.span, 'information', 'route-ambiguous', `${files.length} configs answer to ${route.host} (${files.join(', ')}): this route is not checked. Point nats.cluster.nodes (or --nodes) at one deployment's files.`);
      continue;
    }
    if (!to) {
      report(r.from, route.span, 'information', 'route-unresolved', `No node among the configs checked together answers to ${route.host}${route.port ? `:${route.port}` : ''}: this route is not checked.`);
      continue;
    }
    const target = to.node.cluster!;
    const name = to.name ?? path.basename(to.node.file.path);
    if (route.port === undefined) {
      report(r.from, route.span, 'error', 'route-port', `The route to ${name} has no port: nats-server has no default and retries forever ("missing port in address"). Its cluster port is ${target.port ?? 'not set'}.`);
    } else if (r.port !== 'cluster') {
      const what = r.port === 'client' ? 'its client port' : r.port === 'monitoring' ? 'its monitoring port' : 'a port nothing listens on for routes';
      report(r.from, route.span, 'error', 'route-port', `This route reaches ${name} on ${route.port}, ${what}; ${name} listens for routes on ${target.port ?? '(no cluster port)'}.`, target.portSetting ? { member: to, span: keySpan(target.portSetting.entry), message: `${name}'s cluster port` } : undefined);
    }
    const fromCluster = r.from.node.cluster!;
    if (fromCluster.name && target.name && fromCluster.name !== target.name) {
      report(r.from, at(fromCluster.nameSetting, fromCluster.setting), 'error', 'cluster-name', `This node's cluster is '${fromCluster.name}', but its route reaches ${name} in cluster '${target.name}': nats-server closes such routes ("Cluster Name Conflict") and retries every second.`, target.nameSetting ? { member: to, span: keySpan(target.nameSetting.entry), message: `${name}'s cluster name` } : undefined);
    }
    if (target.user !== undefined || target.password !== undefined) {
      const relatedAuth = target.authSetting ? { member: to, span: keySpan(target.authSetting.entry), message: `${name}'s cluster authorization` } : undefined;
      if (route.user === undefined) {
        report(r.from, route.span, 'error', 'route-credentials', `${name} requires route credentials (cluster.authorization), and this route has none: write nats-route://user:password@${route.host}:${route.port ?? ''}.`, relatedAuth);
      } else if (route.user !== target.user || (target.password !== undefined && !/^\$2[abxy]\$/.test(target.password) && route.password !== target.password)) {
        report(r.from, route.span, 'error', 'route-credentials', `The credentials in this route do not match ${name}'s cluster authorization: nats-server refuses the route ("Authorization Violation").`, relatedAuth);
      }
    }
  }

  // Nodes joined by routes form groups.
  const groups = groupsOf(members, resolutions);
  const variantsIn = new Map<Member[], Member[]>();
  for (const group of groups) {
    if (group.length < 2) continue;
    // Alternatives of one node (a guide's nats-1 plain, with auth, with TLS…) are not a
    // deployment: checks over the whole cluster would mix them, so they wait for real node files.
    const variants = variantsOf(group, resolutions);
    variantsIn.set(group, variants);
    if (variants.length) {
      for (const m of unique(variants)) {
        const same = variants.filter((x) => x.name === m.name && x.node !== m.node).map((x) => path.basename(x.node.file.path));
        report(m, keySpan(m.node.nameSetting!.entry), 'information', 'cluster-variants', `${same.join(', ')} also ${same.length === 1 ? 'is' : 'are'} '${m.name}', with the same routes: read as alternatives of one node, so TLS, JetStream and pool size are not compared across this cluster. Point nats.cluster.nodes (or --nodes) at one deployment's files.`);
      }
      continue;
    }
    // Route TLS: all or none.
    const withTls = group.filter((m) => m.node.cluster!.tls);
    if (withTls.length > 0 && withTls.length < group.length) {
      for (const m of unique(group.filter((x) => !x.node.cluster!.tls))) {
        report(m, keySpan(m.node.cluster!.setting.entry), 'error', 'route-tls', `Routes of this cluster use TLS on ${withTls.map(label).join(', ')} but not here: the TLS side fails the handshake and both retry forever. Add a tls block to this cluster, or remove it everywhere.`, { member: withTls[0], span: keySpan(withTls[0].node.cluster!.tls!.entry), message: `TLS on ${label(withTls[0])}` });
      }
    }
    // Route TLS always verifies the peer (nats-server forces it, whatever `verify` says):
    // a node with a tls block but no certificate is refused by every TLS peer.
    if (withTls.length > 1) {
      const presenting = withTls.filter((m) => m.node.cluster!.presentsCertificate);
      for (const m of unique(withTls.filter((x) => !x.node.cluster!.presentsCertificate))) {
        const peer = presenting.find((x) => x !== m);
        report(m, keySpan(m.node.cluster!.tls!.entry), 'error', 'route-tls-no-certificate', `This node's route TLS has no cert_file: it presents no certificate, and route TLS always verifies the peer's ("tls: client didn't provide a certificate"), so its routes are refused. Add cert_file and key_file.`, peer && { member: peer, span: keySpan(peer.node.cluster!.tls!.entry), message: `${label(peer)} verifies route certificates` });
      }
    }
    // JetStream on some nodes, quorum, domains.
    const js = group.filter((m) => m.node.jetstream);
    if (js.length > 0 && js.length < group.length) {
      for (const m of unique(group.filter((x) => !x.node.jetstream))) {
        report(m, keySpan(m.node.cluster!.setting.entry), 'warning', 'jetstream-partial', `JetStream runs on ${js.map(label).join(', ')} but not on this node of the same cluster: streams cannot place replicas here.`, { member: js[0], span: keySpan(js[0].node.jetstream!.entry), message: `JetStream on ${label(js[0])}` });
      }
    }
    if (js.length > 0 && (js.length < 3 || js.length % 2 === 0)) {
      const tolerated = Math.floor((js.length - 1) / 2);
      const why =
        js.length < 3
          ? `only ${js.length} JetStream node${js.length === 1 ? '' : 's'}: a replicated stream needs a quorum of 2 out of 3`
          : `${js.length} JetStream nodes, an even number: they survive ${tolerated} failure${tolerated === 1 ? '' : 's'}, no more than ${js.length - 1} would`;
      for (const m of unique(js)) report(m, keySpan(m.node.jetstream!.entry), 'warning', 'jetstream-quorum', `This cluster has ${why}; run an odd number, at least three.`);
    }
    const domains = new Map<string, Member>();
    for (const m of js) domains.set(m.node.domain ?? '', domains.get(m.node.domain ?? '') ?? m);
    if (domains.size > 1) {
      for (const m of unique(js)) {
        const other = [...domains.values()].find((x) => (x.node.domain ?? '') !== (m.node.domain ?? ''))!;
        report(m, at(m.node.domainSetting, m.node.jetstream!), 'error', 'jetstream-domain', `JetStream domains differ in this cluster ('${m.node.domain ?? ''}' here, '${other.node.domain ?? ''}' on ${label(other)}): they never form one meta group.`, { member: other, span: at(other.node.domainSetting, other.node.jetstream!), message: `the domain on ${label(other)}` });
      }
    }
    // pool_size must agree from 2.10.0 to 2.11.1.
    const version = group[0].node.model.version;
    if (poolMustAgree(version)) {
      const sizes = new Set(group.map((m) => m.node.cluster!.poolSize ?? 3));
      if (sizes.size > 1) {
        for (const m of unique(group.filter((x) => x.node.cluster!.poolSetting))) {
          report(m, keySpan(m.node.cluster!.poolSetting!.entry), 'error', 'pool-size', `Route pool sizes differ in this cluster (${[...sizes].join(', ')}): nats-server ${version.major}.${version.minor} closes such routes ("Mismatch route pool size"). Use one value on every node.`);
        }
      }
    }
  }
  // The same cluster split in parts; isolated nodes.
  const byName = new Map<string, Member[][]>();
  for (const group of groups) {
    const name = group[0].node.cluster!.name ?? '';
    byName.set(name, [...(byName.get(name) ?? []), group]);
  }
  for (const [name, parts] of byName) {
    if (parts.length < 2) continue;
    for (const part of parts) {
      const m = part[0];
      const others = parts.filter((p) => p !== part).flat();
      const message =
        part.length === 1
          ? `${label(m)} is isolated: no route leads from it to the other nodes of cluster '${name}' (${others.map(label).join(', ')}), nor from them to it.`
          : `Cluster '${name}' is split: ${part.map(label).join(', ')} never reach ${others.map(label).join(', ')} through routes.`;
      report(m, keySpan(m.node.cluster!.setting.entry), 'warning', part.length === 1 ? 'cluster-isolated' : 'cluster-split', message);
    }
  }
  // Duplicate server names: two nodes of one cluster (variants aside).
  const names = new Map<string, Member>();
  const groupOf = new Map<Member, Member[]>(groups.flatMap((g) => g.map((m) => [m, g] as const)));
  for (const m of members) {
    if (!m.name || m.node.template || variantsIn.get(groupOf.get(m)!)?.includes(m)) continue;
    const first = names.get(m.name);
    if (first && first.node !== m.node && groupOf.get(first) === groupOf.get(m)) {
      for (const [here, there] of [
        [m, first],
        [first, m],
      ]) {
        report(here, keySpan(here.node.nameSetting!.entry), 'error', 'server-name-duplicate', `server_name '${m.name}' is also the name of ${path.basename(there.node.file.path)}: nats-server closes routes between servers with the same name ("Duplicate Server Name").`, { member: there, span: keySpan(there.node.nameSetting!.entry), message: 'the other one' });
      }
    } else names.set(m.name, m);
  }
  // Port clashes between nodes known to share a host: one dials the other over loopback, or
  // both bind the same specific address. Distinct IPs (bare metal) or mapped ports prove nothing.
  const shared = new Set<string>();
  const oneHost = (r: Resolution) => {
    const [a, b] = [r.from.node.cluster!.host, r.to!.node.cluster!.host];
    return LOOPBACK.test(r.route.host) || (a === b && !ANY.test(a));
  };
  for (const r of resolutions) if (r.to && r.by === 'address' && r.to.node !== r.from.node && oneHost(r)) shared.add([r.from.node.file.path, r.to.node.file.path].sort().join('\0'));
  for (const pair of shared) {
    const [a, b] = pair.split('\0').map((p) => members.find((m) => m.node.file.path === p)!);
    const ports = (n: NodeConfig) =>
      [
        ['client', n.clientPort, n.clientPortSetting],
        ['cluster', n.cluster?.port, n.cluster?.portSetting],
        ['monitoring', n.httpPort, n.httpSetting],
      ] as const;
    for (const [kindA, portA, settingA] of ports(a.node)) {
      for (const [kindB, portB, settingB] of ports(b.node)) {
        if (portA === undefined || portB === undefined || portA !== portB || portA <= 0) continue;
        for (const [here, there, hereSetting, thereSetting, hereKind, thereKind] of [
          [b, a, settingB, settingA, kindB, kindA],
          [a, b, settingA, settingB, kindA, kindB],
        ] as const) {
          const where = hereSetting ?? here.node.cluster!.setting;
          report(here, keySpan(where.entry), 'error', 'port-clash', `${label(here)} and ${label(there)} run on one host and both use port ${portA} (${hereKind} here, ${thereKind} on ${label(there)}): the second to start cannot.${hereSetting ? '' : ' (the default port)'}`, thereSetting ? { member: there, span: keySpan(thereSetting.entry), message: `the same port on ${label(there)}` } : undefined);
        }
      }
    }
  }

  const linesOf = new Map<string, LineIndex>(models.flatMap((m) => m.files.map((f) => [f.path, f.lines] as const)));
  return findings.map(({ file, finding }) => toDiagnostic(file.path, file.lines, finding, (p) => linesOf.get(p)));
}

function label(m: Member): string {
  return m.name ?? path.basename(m.node.file.path);
}

/** One finding per file: replicas of a template share their file. */
function unique(members: Member[]): Member[] {
  const seen = new Set<NodeConfig>();
  return members.filter((m) => (seen.has(m.node) ? false : (seen.add(m.node), true)));
}

function poolMustAgree(v: ServerVersion): boolean {
  return compareVersions(v, { major: 2, minor: 10, patch: 0 }) >= 0 && compareVersions(v, { major: 2, minor: 11, patch: 2 }) < 0;
}

/** Members: one per config, and one per replica for a template (named by its routes' hosts). */
function membersOf(nodes: NodeConfig[]): Member[] {
  const members: Member[] = [];
  for (const node of nodes) {
    if (!node.template) {
      members.push({ node, name: node.name });
      continue;
    }
    const replicas = [...new Set(node.cluster!.routes.map((r) => r.host.split('.')[0]))];
    for (const name of replicas.length ? replicas : [undefined]) members.push({ node, name });
  }
  return members;
}

/**
 * Configs of one group that share a server_name, have the same routes, and no route between
 * them: alternatives of one node rather than two servers.
 */
function variantsOf(group: Member[], resolutions: Resolution[]): Member[] {
  const routesOf = (m: Member) => m.node.cluster!.routes.map((r) => `${r.host.toLowerCase()}:${r.port ?? ''}`).sort().join(' ');
  const joined = (a: Member, b: Member) => resolutions.some((r) => r.to && ((r.from.node === a.node && r.to.node === b.node) || (r.from.node === b.node && r.to.node === a.node)));
  const out = new Set<Member>();
  for (const a of group) {
    for (const b of group) {
      if (a.node === b.node || a.node.template || b.node.template || !a.name || a.name !== b.name) continue;
      if (routesOf(a) === routesOf(b) && !joined(a, b)) out.add(a).add(b);
    }
  }
  return [...out];
}

function stem(file: string): string {
  return path.basename(file).replace(/\.conf$/i, '').replace(/^nats-server-/i, 'nats-').toLowerCase();
}

/** The member a route reaches, and on which of its ports. */
function resolve(route: Route, from: Member, members: Member[]): Resolution {
  const portKind = (m: Member): Resolution['port'] => {
    if (route.port === undefined) return 'none';
    if (m.node.cluster?.port === route.port) return 'cluster';
    if (m.node.clientPort === route.port) return 'client';
    if (m.node.httpPort === route.port) return 'monitoring';
    return 'none';
  };
  // A route to a node's advertised address reaches its cluster port (through NAT or a port mapping).
  const dialed = `${route.host}:${route.port ?? ''}`.toLowerCase();
  const advertised = members.find((m) => m.node.cluster!.advertise?.trim().toLowerCase() === dialed);
  if (advertised) return { route, from, to: advertised, by: 'advertise', port: 'cluster' };
  const isAddress = /^[\d.]+$/.test(route.host) || route.host.includes(':') || route.host === 'localhost';
  if (isAddress) {
    const onHost = members.filter((m) => {
      const c = m.node.cluster!;
      if (c.host === route.host) return true;
      if (ANY.test(c.host) || LOOPBACK.test(c.host)) return LOOPBACK.test(route.host) || m.node.host === route.host;
      return false;
    });
    const hit = onHost.find((m) => portKind(m) === 'cluster') ?? onHost.find((m) => portKind(m) !== 'none');
    if (hit) return { route, from, to: hit, by: 'address', port: portKind(hit) };
    return { route, from, to: undefined, by: undefined, port: 'none' };
  }
  const label = route.host.split('.')[0];
  const claimants = members.filter((m) => m.name !== undefined && (m.name.toLowerCase() === label || m.name.toLowerCase() === route.host));
  // Several configs with this name: a replica of this very template, else the one whose file
  // name says so, else the one in this cluster; otherwise none (never a guess).
  const narrowed =
    claimants.length < 2
      ? claimants
      : [
          claimants.filter((m) => m.node === from.node && m.node.template),
          claimants.filter((m) => !m.node.template && stem(m.node.file.path) === label),
          claimants.filter((m) => m.node.cluster!.name === from.node.cluster!.name),
        ].find((c) => c.length === 1) ?? [];
  if (claimants.length > 1 && narrowed.length !== 1) return { route, from, to: undefined, by: undefined, port: 'none', ambiguous: claimants };
  const byName = narrowed[0];
  if (byName) return { route, from, to: byName, by: byName.node.template ? 'replica' : 'name', port: portKind(byName) };
  const byFile = members.find((m) => !m.node.template && stem(m.node.file.path) === label);
  if (byFile) return { route, from, to: byFile, by: 'file', port: portKind(byFile) };
  return { route, from, to: undefined, by: undefined, port: 'none' };
}

/** Connected parts of the route graph (routes count both ways: either side may dial). */
function groupsOf(members: Member[], resolutions: Resolution[]): Member[][] {
  const parent = new Map<Member, Member>(members.map((m) => [m, m]));
  const find = (m: Member): Member => {
    let root = m;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(m, root);
    return root;
  };
  for (const r of resolutions) if (r.to && r.port === 'cluster') parent.set(find(r.from), find(r.to));
  // Replicas of one template always belong together.
  for (const m of members) for (const n of members) if (m.node === n.node && m.node.template) parent.set(find(m), find(n));
  const groups = new Map<Member, Member[]>();
  for (const m of members) groups.set(find(m), [...(groups.get(find(m)) ?? []), m]);
  return [...groups.values()];
}
