// The cluster model the cross-node checks read: the members (one per node config, or one per
// replica of a template config), every route resolved to the member it reaches, the groups
// that routes join, and the groups that are alternatives of one node rather than a deployment.

import * as path from 'node:path';
import { ConfigModel } from '../document';
import { isLoopbackHost, isWildcardHost } from '../listeners';
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
  for (const from of members) {
    for (const route of from.node.cluster!.routes) resolutions.push(resolve(route, from, members));
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

/** Declares the DNS names a node's model answers to (compared case-insensitively, as DNS does). */
export function setHostNames(model: ConfigModel, names: readonly string[]): void {
  hostNames.set(
    model,
    names.map((n) => n.toLowerCase()),
  );
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

/** Members: one per config, and one per replica for a template (named by its routes' hosts). */
export function membersOf(nodes: NodeConfig[]): Member[] {
  const members: Member[] = [];
  for (const node of nodes) {
    if (!node.template) {
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
  const routesOf = (m: Member) =>
    m.node
      .cluster!.routes.map((r) => `${r.host.toLowerCase()}:${r.port ?? ''}`)
      .sort()
      .join(' ');
  const joined = (a: Member, b: Member) =>
    resolutions.some(
      (r) =>
        r.to && ((r.from.node === a.node && r.to.node === b.node) || (r.from.node === b.node && r.to.node === a.node)),
    );
  const out = new Set<Member>();
  for (const a of group) {
    for (const b of group) {
      if (a.node === b.node || a.node.template || b.node.template || !a.name || a.name !== b.name) continue;
      if (routesOf(a) === routesOf(b) && !joined(a, b)) out.add(a).add(b);
    }
  }
  return [...out];
}

/** A config file's name as a node name: nats-server-1.conf → nats-1. */
function stem(file: string): string {
  return path
    .basename(file)
    .replace(/\.conf$/i, '')
    .replace(/^nats-server-/i, 'nats-')
    .toLowerCase();
}

/** The member a route reaches, and on which of its ports. */
function resolve(route: Route, from: Member, members: Member[]): Resolution {
  const sameCluster = (m: Member) => m.node.cluster!.name === from.node.cluster!.name;
  return { route, from, ...reach(route, from, members, 'cluster', sameCluster) };
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

/**
 * The member a URL meant for `want` listeners reaches, and on which of its ports: by advertised
 * address, by IP address (or localhost), else by name (server_name, or the file's name);
 * `prefer` tells apart several configs of one name.
 */
export function reach(
  url: Route,
  from: Member,
  members: Member[],
  want: Listening,
  prefer: (m: Member) => boolean = () => false,
): Reach {
  const portKind = (m: Member): Reach['port'] => {
    if (url.port === undefined) return 'none';
    const kinds = [want, ...(['cluster', 'gateway', 'leafnode'] as const).filter((k) => k !== want)];
    const listening = kinds.find((k) => listenerOf(m.node, k)?.port === url.port);
    if (listening) return listening;
    if (m.node.clientPort === url.port) return 'client';
    if (m.node.httpPort === url.port) return 'monitoring';
    return 'none';
  };
  // A URL to a node's advertised address reaches that listener (through NAT or a port mapping).
  const dialed = `${url.host}:${url.port ?? ''}`.toLowerCase();
  const advertised = members.find((m) => listenerOf(m.node, want)?.advertise?.trim().toLowerCase() === dialed);
  if (advertised) return { to: advertised, by: 'advertise', port: want };
  const isAddress = /^[\d.]+$/.test(url.host) || url.host.includes(':') || url.host === 'localhost';
  if (isAddress) {
    const onHost = members.filter((m) => {
      const host = listenerOf(m.node, want)?.host ?? m.node.host;
      if (host === url.host) return true;
      if (isWildcardHost(host) || isLoopbackHost(host)) {
        return isLoopbackHost(url.host) || m.node.host === url.host;
      }
      return false;
    });
    const hit = onHost.find((m) => portKind(m) === want) ?? onHost.find((m) => portKind(m) !== 'none');
    if (hit) return { to: hit, by: 'address', port: portKind(hit) };
    return { to: undefined, by: undefined, port: 'none' };
  }
  // A DNS name the deployment gives a node is what the URL reaches, whatever the node's server_name.
  const named = members.filter((m) => hostNames.get(m.node.model)?.includes(url.host.toLowerCase()));
  if (named.length === 1) return { to: named[0], by: 'name', port: portKind(named[0]) };
  const hostLabel = url.host.split('.')[0];
  const claimants = members.filter(
    (m) => m.name !== undefined && (m.name.toLowerCase() === hostLabel || m.name.toLowerCase() === url.host),
  );
  // Several configs with this name: a replica of this very template, else the one whose file
  // name says so, else the one `prefer` picks (in this cluster); otherwise none (never a guess).
  const narrowed =
    claimants.length < 2
      ? claimants
      : ([
          claimants.filter((m) => m.node === from.node && m.node.template),
          claimants.filter((m) => !m.node.template && stem(m.node.file.path) === hostLabel),
          claimants.filter(prefer),
        ].find((c) => c.length === 1) ?? []);
  if (claimants.length > 1 && narrowed.length !== 1) {
    return { to: undefined, by: undefined, port: 'none', ambiguous: claimants };
  }
  const byName = narrowed[0];
  if (byName) return { to: byName, by: byName.node.template ? 'replica' : 'name', port: portKind(byName) };
  const byFile = members.find((m) => !m.node.template && stem(m.node.file.path) === hostLabel);
  if (byFile) return { to: byFile, by: 'file', port: portKind(byFile) };
  return { to: undefined, by: undefined, port: 'none' };
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
  for (const m of members)
    for (const n of members) if (m.node === n.node && m.node.template) parent.set(find(m), find(n));
  const groups = new Map<Member, Member[]>();
  for (const m of members) groups.set(find(m), [...(groups.get(find(m)) ?? []), m]);
  return [...groups.values()];
}
