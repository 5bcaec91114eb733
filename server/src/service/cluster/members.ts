// The cluster model the cross-node checks read: the members (one per node config, or one per
// replica of a template config), every route resolved to the member it reaches, the groups
// that routes join, and the groups that are alternatives of one node rather than a deployment.

import * as path from 'node:path';
import { ConfigModel } from '../document';
import { isLoopbackHost, isWildcardHost, sameBind } from '../listeners';
import { NodeConfig, Route, nodeOf } from './nodes';

/** A node of the cluster: one config, or one replica of a template config. */
export interface Member {
  node: NodeConfig;
  name: string | undefined;
}

/** The listeners a URL may be meant for: routes, gateways, leaf nodes. */
export type Listening = 'cluster' | 'gateway' | 'leafnode';

/** Where a URL (a route, a gateway's, a leaf node remote's) leads. */
export interface Reach {
  to: Member | undefined;
  /** How the target was found. */
  by: 'address' | 'advertise' | 'name' | 'file' | 'replica' | undefined;
  /** Several configs answer to the URL's name and nothing tells them apart: not guessed. */
  ambiguous?: Member[];
  /** Which of the target's ports the URL names. */
  port: Listening | 'client' | 'monitoring' | 'none';
}

export interface Resolution extends Reach {
  route: Route;
  from: Member;
}

export interface ClusterModel {
  members: Member[];
  resolutions: Resolution[];
  /** Connected parts of the route graph. */
  groups: Member[][];
  /** For each group of two or more: its members that are alternatives of one node (none: a deployment). */
  variants: Map<Member[], Member[]>;
}

/** The members of the clusters among `models`, and every route resolved to the member it reaches. */
export function resolveClusters(
  models: readonly ConfigModel[],
  all: readonly NodeConfig[] = models.map(nodeOf),
): { members: Member[]; resolutions: Resolution[] } {
  const nodes = all.filter((n) => n.cluster !== undefined);
  const members = membersOf(nodes);
  const resolutions: Resolution[] = [];
  const index = new MemberIndex(members);
  for (const from of members) {
    const name = from.node.cluster!.name;
    // Several configs of one name: the one in this route's cluster.
    const sameCluster = (m: Member) => m.node.cluster!.name === name;
    for (const route of from.node.cluster!.routes) {
      resolutions.push({ route, from, ...reach(route, from, index, 'cluster', sameCluster) });
    }
  }
  return { members, resolutions };
}

/** The whole model: members, resolved routes, groups and their variants. */
export function clusterModel(models: readonly ConfigModel[], nodes?: readonly NodeConfig[]): ClusterModel {
  const { members, resolutions } = resolveClusters(models, nodes);
  const groups = groupsOf(members, resolutions);
  const variants = new Map<Member[], Member[]>();
  for (const group of groups) if (group.length >= 2) variants.set(group, variantsOf(group, resolutions));
  return { members, resolutions, groups, variants };
}

/**
 * Names a node answers to on its network beyond server_name and file name: a Compose service's
 * name, container_name, hostname and aliases (Docker's DNS resolves exactly these). Set by whoever
 * builds the node's model; kept apart from the model so that configs read alone carry none.
 */
const hostNames = new WeakMap<ConfigModel, readonly string[]>();

/**
 * Declares the DNS names a node's model answers to (compared case-insensitively, as DNS does),
 * none for a pod that has no name of its own: either way the model is one server.
 */
export function setHostNames(model: ConfigModel, names: readonly string[]): void {
  hostNames.set(
    model,
    names.map((n) => n.toLowerCase()),
  );
}

/** The first name a deployment gives a node (a pod's name, a Compose service's), if any. */
export function hostLabel(m: Member): string | undefined {
  return hostNames.get(m.node.model)?.[0];
}

/** A member as people name it: its server name, else its file's name. */
export function label(m: Member): string {
  return m.name ?? path.basename(m.node.file.path);
}

/** One member per file: replicas of a template share their file, and get one finding. */
export function unique(members: Member[]): Member[] {
  const seen = new Set<NodeConfig>();
  return members.filter((m) => (seen.has(m.node) ? false : (seen.add(m.node), true)));
}

/** Members: one per config, and one per replica for a template config (named by its routes' hosts). */
export function membersOf(nodes: NodeConfig[]): Member[] {
  const members: Member[] = [];
  for (const node of nodes) {
    // A deployment's node (a Compose service, a Kubernetes pod) is one server, whatever its name.
    if (!node.template || hostNames.has(node.model)) {
      members.push({ node, name: node.name });
      continue;
    }
    const replicas = [...new Set((node.cluster?.routes ?? []).map((r) => r.host.split('.')[0]))];
    for (const name of replicas.length ? replicas : [undefined]) members.push({ node, name });
  }
  return members;
}

/**
 * Configs of one group that share a server_name, have the same routes, and no route between
 * them: alternatives of one node rather than two servers.
 */
function variantsOf(group: Member[], resolutions: Resolution[]): Member[] {
  // Only members of one name are compared: their routes and the joins between them are derived
  // on demand, once, rather than for each of the group's n² pairs.
  const routeKeys = new Map<NodeConfig, string>();
  const routesOf = (m: Member) => {
    let key = routeKeys.get(m.node);
    if (key === undefined) {
      key = m.node
        .cluster!.routes.map((r) => `${r.host.toLowerCase()}:${r.port ?? ''}`)
        .sort()
        .join(' ');
      routeKeys.set(m.node, key);
    }
    return key;
  };
  let routed: Map<NodeConfig, Set<NodeConfig>> | undefined;
  const joined = (a: Member, b: Member) => {
    if (!routed) {
      routed = new Map();
      for (const r of resolutions) {
        if (!r.to) continue;
        appendSet(routed, r.from.node, r.to.node);
        appendSet(routed, r.to.node, r.from.node);
      }
    }
    return !!routed.get(a.node)?.has(b.node);
  };
  const byName = new Map<string, Member[]>();
  for (const m of group) if (m.name && !m.node.template) append(byName, m.name, m);
  const out = new Set<Member>();
  for (const a of group) {
    if (a.node.template || !a.name) continue;
    for (const b of byName.get(a.name)!) {
      if (a.node === b.node) continue;
      if (routesOf(a) === routesOf(b) && !joined(a, b)) out.add(a).add(b);
    }
  }
  return [...out];
}

function appendSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** A config file's name as a node name: nats-server-1.conf → nats-1. */
function stem(file: string): string {
  return path
    .basename(file)
    .replace(/\.conf$/i, '')
    .replace(/^nats-server-/i, 'nats-')
    .toLowerCase();
}

/** Where a node listens for connections of a kind (undefined: it does not). */
export function listenerOf(
  node: NodeConfig,
  kind: Listening,
): { host: string; port: number | undefined; advertise: string | undefined } | undefined {
  if (kind === 'cluster') return node.cluster;
  if (kind === 'gateway') return node.gateway;
  return node.leafnodes?.listening ? node.leafnodes : undefined;
}

/** The listeners in the order a port is matched against them (after the one wanted). */
const LISTENINGS: readonly Listening[] = ['cluster', 'gateway', 'leafnode'];

/** Which of `m`'s ports a URL's port names: the listener wanted first, then the others, client, monitoring. */
function portKind(m: Member, port: number | undefined, want: Listening): Reach['port'] {
  if (port === undefined) return 'none';
  if (listenerOf(m.node, want)?.port === port) return want;
  for (const k of LISTENINGS) if (k !== want && listenerOf(m.node, k)?.port === port) return k;
  if (m.node.clientPort === port) return 'client';
  if (m.node.httpPort === port) return 'monitoring';
  return 'none';
}

/**
 * The members of one run, indexed by what a URL may name (advertised address, DNS name,
 * server_name, file name). Built once: each of the n × (n − 1) URLs of a full mesh then resolves
 * by lookups instead of scanning every member.
 */
export class MemberIndex {
  private readonly position = new Map<Member, number>();
  private readonly advertised = new Map<Listening, Map<string, Member>>();
  private readonly hostNamed = new Map<string, Member[]>();
  private readonly named = new Map<string, Member[]>();
  private readonly filed = new Map<string, Member>();
  private readonly stems = new Map<NodeConfig, string>();
  /** Where an IP address (or localhost) leads depends only on it, its port and the listener wanted. */
  private readonly addresses = new Map<string, Reach>();
  /** Reach by listener wanted, host and port (n distinct URLs in a full mesh of n × (n − 1)). */
  private readonly byUrl: Record<Listening, Map<string, Map<number | undefined, Reach>>> = {
    cluster: new Map(),
    gateway: new Map(),
    leafnode: new Map(),
  };

  constructor(readonly members: readonly Member[]) {
    members.forEach((m, i) => {
      this.position.set(m, i);
      for (const name of new Set(hostNames.get(m.node.model))) append(this.hostNamed, name, m);
      if (m.name !== undefined) append(this.named, m.name.toLowerCase(), m);
      const s = this.stemOf(m.node);
      if (!m.node.template && !this.filed.has(s)) this.filed.set(s, m);
    });
  }

  stemOf(node: NodeConfig): string {
    let s = this.stems.get(node);
    if (s === undefined) this.stems.set(node, (s = stem(node.file.path)));
    return s;
  }

  /** The first member whose `want` listener advertises `dialed` (host:port, lower-case). */
  advertising(want: Listening, dialed: string): Member | undefined {
    let byAddress = this.advertised.get(want);
    if (!byAddress) {
      this.advertised.set(want, (byAddress = new Map()));
      for (const m of this.members) {
        const a = listenerOf(m.node, want)?.advertise?.trim().toLowerCase();
        if (a !== undefined && !byAddress.has(a)) byAddress.set(a, m);
      }
    }
    return byAddress.get(dialed);
  }

  /** The members a deployment gives the DNS name `host` (lower-case). */
  withHostName(host: string): readonly Member[] {
    return this.hostNamed.get(host) ?? [];
  }

  /** The members whose server_name is `label` or `host`, in member order. */
  claimants(host: string, label: string): readonly Member[] {
    const byLabel = this.named.get(label) ?? [];
    const byHost = label === host ? [] : (this.named.get(host) ?? []);
    if (!byHost.length) return byLabel;
    if (!byLabel.length) return byHost;
    return [...byLabel, ...byHost].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  /** The first config (not a template) whose file name is `label`. */
  withFileName(label: string): Member | undefined {
    return this.filed.get(label);
  }

  /** A URL's reach already found, when it does not depend on the dialler. */
  reached(want: Listening, host: string, port: number | undefined): Reach | undefined {
    return this.byUrl[want].get(host)?.get(port);
  }

  remember(want: Listening, host: string, port: number | undefined, reach: Reach): void {
    let byPort = this.byUrl[want].get(host);
    if (!byPort) this.byUrl[want].set(host, (byPort = new Map()));
    byPort.set(port, reach);
  }

  /** Where an IP address or localhost leads: the members on that host, the wanted listener first. */
  atAddress(host: string, port: number | undefined, want: Listening): Reach {
    const key = `${want}\0${host}\0${port ?? ''}`;
    let hit = this.addresses.get(key);
    if (!hit) this.addresses.set(key, (hit = this.onHost(host, port, want)));
    return { ...hit };
  }

  private onHost(urlHost: string, port: number | undefined, want: Listening): Reach {
    const onHost = this.members.filter((m) => {
      const host = listenerOf(m.node, want)?.host ?? m.node.host;
      if (host === urlHost) return true;
      if (isWildcardHost(host)) return isLoopbackHost(urlHost) || m.node.host === urlHost;
      // One loopback address is not another (127.0.0.2 is not 127.0.0.1); localhost is 127.0.0.1.
      if (isLoopbackHost(host)) return (isLoopbackHost(urlHost) && sameBind(host, urlHost)) || m.node.host === urlHost;
      return false;
    });
    const hit =
      onHost.find((m) => portKind(m, port, want) === want) ?? onHost.find((m) => portKind(m, port, want) !== 'none');
    if (hit) return { to: hit, by: 'address', port: portKind(hit, port, want) };
    return { to: undefined, by: undefined, port: 'none' };
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The member a URL meant for `want` listeners reaches, and on which of its ports: by advertised
 * address, by IP address (or localhost), else by name (server_name, or the file's name);
 * `prefer` tells apart several configs of one name. The result may be shared: spread it.
 */
export function reach(
  url: Route,
  from: Member,
  index: MemberIndex,
  want: Listening,
  prefer?: (m: Member) => boolean,
): Reach {
  const known = index.reached(want, url.host, url.port);
  if (known) return known;
  const found = reachOnce(url, from, index, want, prefer);
  // Only where several configs claim a name does the answer depend on the dialler.
  if (!found.narrowed) index.remember(want, url.host, url.port, found.reach);
  return found.reach;
}

function reachOnce(
  url: Route,
  from: Member,
  index: MemberIndex,
  want: Listening,
  prefer: ((m: Member) => boolean) | undefined,
): { reach: Reach; narrowed?: boolean } {
  const { host, port } = url;
  // A URL to a node's advertised address reaches that listener (through NAT or a port mapping).
  const advertised = index.advertising(want, `${host}:${port ?? ''}`.toLowerCase());
  if (advertised) return { reach: { to: advertised, by: 'advertise', port: want } };
  const isAddress = /^[\d.]+$/.test(host) || host.includes(':') || host === 'localhost';
  if (isAddress) return { reach: index.atAddress(host, port, want) };
  // A DNS name the deployment gives a node is what the URL reaches, whatever the node's server_name.
  const named = index.withHostName(host.toLowerCase());
  if (named.length === 1) return { reach: { to: named[0], by: 'name', port: portKind(named[0], port, want) } };
  const hostLabel = host.split('.')[0];
  const claimants = index.claimants(host, hostLabel);
  if (claimants.length < 2) return { reach: byNameOrFile(claimants[0], hostLabel, port, index, want) };
  // Several configs with this name: a replica of this very template, else the one whose file
  // name says so, else the one `prefer` picks (in this cluster); otherwise none (never a guess).
  const narrowed =
    [
      claimants.filter((m) => m.node === from.node && m.node.template),
      claimants.filter((m) => !m.node.template && index.stemOf(m.node) === hostLabel),
      prefer ? claimants.filter(prefer) : [],
    ].find((c) => c.length === 1) ?? [];
  if (narrowed.length !== 1) {
    return { reach: { to: undefined, by: undefined, port: 'none', ambiguous: [...claimants] }, narrowed: true };
  }
  return { reach: byNameOrFile(narrowed[0], hostLabel, port, index, want), narrowed: true };
}

/** The member a URL's name picked, else the config whose file name is the URL's first label. */
function byNameOrFile(
  byName: Member | undefined,
  hostLabel: string,
  port: number | undefined,
  index: MemberIndex,
  want: Listening,
): Reach {
  if (byName) return { to: byName, by: byName.node.template ? 'replica' : 'name', port: portKind(byName, port, want) };
  const byFile = index.withFileName(hostLabel);
  if (byFile) return { to: byFile, by: 'file', port: portKind(byFile, port, want) };
  return { to: undefined, by: undefined, port: 'none' };
}

/** Connected parts of the route graph (routes count both ways: either side may dial). */
function groupsOf(members: Member[], resolutions: Resolution[]): Member[][] {
  const parent = new Map<Member, Member>(members.map((m) => [m, m]));
  const find = (m: Member): Member => {
    let root = m;
    while (parent.get(root) !== root) root = parent.get(root)!;
    if (root !== m) parent.set(m, root);
    return root;
  };
  for (const r of resolutions) {
    if (!r.to || r.port !== 'cluster') continue;
    const a = find(r.from);
    const b = find(r.to);
    if (a !== b) parent.set(a, b);
  }
  // Replicas of one template always belong together.
  const firstReplica = new Map<NodeConfig, Member>();
  for (const m of members) {
    if (!m.node.template) continue;
    const first = firstReplica.get(m.node);
    if (first) parent.set(find(m), find(first));
    else firstReplica.set(m.node, m);
  }
  const groups = new Map<Member, Member[]>();
  for (const m of members) append(groups, find(m), m);
  return [...groups.values()];
}
