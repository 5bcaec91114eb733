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

export interface ClusterModel {
  members: Member[];
  resolutions: Resolution[];
  /** Connected parts of the route graph. */
  groups: Member[][];
  /** For each group of two or more: its members that are alternatives of one node (none: a deployment). */
  variants: Map<Member[], Member[]>;
}

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

/** The whole model: members, resolved routes, groups and their variants. */
export function clusterModel(models: readonly ConfigModel[]): ClusterModel {
  const { members, resolutions } = resolveClusters(models);
  const groups = groupsOf(members, resolutions);
  const variants = new Map<Member[], Member[]>();
  for (const group of groups) if (group.length >= 2) variants.set(group, variantsOf(group, resolutions));
  return { members, resolutions, groups, variants };
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
      if (isWildcardHost(c.host) || isLoopbackHost(c.host)) {
        return isLoopbackHost(route.host) || m.node.host === route.host;
      }
      return false;
    });
    const hit = onHost.find((m) => portKind(m) === 'cluster') ?? onHost.find((m) => portKind(m) !== 'none');
    if (hit) return { route, from, to: hit, by: 'address', port: portKind(hit) };
    return { route, from, to: undefined, by: undefined, port: 'none' };
  }
  const hostLabel = route.host.split('.')[0];
  const claimants = members.filter(
    (m) => m.name !== undefined && (m.name.toLowerCase() === hostLabel || m.name.toLowerCase() === route.host),
  );
  // Several configs with this name: a replica of this very template, else the one whose file
  // name says so, else the one in this cluster; otherwise none (never a guess).
  const narrowed =
    claimants.length < 2
      ? claimants
      : ([
          claimants.filter((m) => m.node === from.node && m.node.template),
          claimants.filter((m) => !m.node.template && stem(m.node.file.path) === hostLabel),
          claimants.filter((m) => m.node.cluster!.name === from.node.cluster!.name),
        ].find((c) => c.length === 1) ?? []);
  if (claimants.length > 1 && narrowed.length !== 1) {
    return { route, from, to: undefined, by: undefined, port: 'none', ambiguous: claimants };
  }
  const byName = narrowed[0];
  if (byName) return { route, from, to: byName, by: byName.node.template ? 'replica' : 'name', port: portKind(byName) };
  const byFile = members.find((m) => !m.node.template && stem(m.node.file.path) === hostLabel);
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
  for (const m of members)
    for (const n of members) if (m.node === n.node && m.node.template) parent.set(find(m), find(n));
  const groups = new Map<Member, Member[]>();
  for (const m of members) groups.set(find(m), [...(groups.get(find(m)) ?? []), m]);
  return [...groups.values()];
}
