// Checks across the node configs of a cluster (origin "cluster"): routes resolved to the
// nodes they reach, then what breaks a cluster at deploy time even though each file is fine
// on its own. Each finding sits at the place to fix, with the other end as related place.

import { Diagnostic } from '../diagnostics';
import { ConfigModel } from '../document';
import * as certificateNames from './checks/certificateNames';
import * as certificateTrust from './checks/certificateTrust';
import * as clusterNames from './checks/clusterNames';
import * as connectivity from './checks/connectivity';
import { ClusterContext } from './checks/context';
import * as gatewayNames from './checks/gatewayNames';
import * as jetstream from './checks/jetstream';
import * as leafCertificateUsers from './checks/leafCertificateUsers';
import * as leafCredentials from './checks/leafCredentials';
import * as linkPorts from './checks/linkPorts';
import * as linkTls from './checks/linkTls';
import * as poolSize from './checks/poolSize';
import * as portClash from './checks/portClash';
import * as routeCredentials from './checks/routeCredentials';
import * as routePorts from './checks/routePorts';
import * as routeResolution from './checks/routeResolution';
import * as routeTls from './checks/routeTls';
import * as serverNames from './checks/serverNames';
import * as variants from './checks/variants';
import { LeafRemote } from './leafnodes';
import { LeafDial, LinkModel, linkModel, linksFrom } from './links';
import { ClusterModel, Resolution, clusterModel } from './members';
import { PresentedCache } from './presented';
import { NodeConfig, nodeOf } from './nodes';

/** Findings across `models` (the node configs given together), as diagnostics. */
export function clusterDiagnostics(models: readonly ConfigModel[]): Diagnostic[] {
  const nodes = models.map(nodeOf);
  const cluster = clusterModel(models, nodes);
  const ctx = new ClusterContext(cluster, models);
  // Gateways and leaf nodes join nodes with or without a cluster block.
  if (models.length >= 2) {
    const presented = new PresentedCache();
    const dials = linkModel(nodes);
    checkLinks(ctx, dials, presented);
    checkCertificates(ctx, nodes, cluster, dials, presented);
  }
  if (cluster.members.length < 2) return ctx.diagnostics();
  // Each route, where it leads.
  for (const r of routesOnce(cluster.resolutions)) {
    if (!routeResolution.checkRouteResolution(ctx, r)) continue;
    routePorts.checkRoutePort(ctx, r);
    clusterNames.checkClusterName(ctx, r);
    routeCredentials.checkRouteCredentials(ctx, r);
  }
  // Each group of nodes that routes join, unless it holds alternatives of one node.
  for (const group of cluster.groups) {
    if (group.length < 2 || variants.checkVariants(ctx, group)) continue;
    routeTls.checkRouteTls(ctx, group);
    jetstream.checkJetStream(ctx, group);
    poolSize.checkPoolSize(ctx, group);
  }
  // Across the groups.
  connectivity.checkConnectivity(ctx);
  serverNames.checkServerNames(ctx);
  portClash.checkPortClash(ctx);
  return ctx.diagnostics();
}

/** Each gateway URL and leaf node remote URL, where it leads. */
function checkLinks(ctx: ClusterContext, links: LinkModel, presented: PresentedCache): void {
  for (const d of links.gateways) {
    if (!linkPorts.checkLinkPort(ctx, 'gateway', d)) continue;
    gatewayNames.checkGatewayName(ctx, d);
    linkTls.checkGatewayTls(ctx, d);
  }
  const tlsChecked = new Set<LeafRemote>();
  const reached: LeafDial[] = [];
  for (const d of links.leafnodes) {
    if (!linkPorts.checkLinkPort(ctx, 'leafnode', d)) continue;
    reached.push(d);
    leafCredentials.checkLeafCredentials(ctx, d);
    // The tls block is the remote's: one finding for all its URLs.
    if (!tlsChecked.has(d.remote)) linkTls.checkLeafTls(ctx, d);
    tlsChecked.add(d.remote);
  }
  leafCertificateUsers.checkLeafCertificateUsers(ctx, reached, presented);
}

/**
 * The certificates each end of a route, gateway or leaf node connection presents, against what
 * the other end verifies (names, CAs, pinned keys, key usage).
 */
function checkCertificates(
  ctx: ClusterContext,
  nodes: readonly NodeConfig[],
  cluster: ClusterModel,
  dials: LinkModel,
  presented: PresentedCache,
): void {
  if (!nodes.some(usesTls)) return;
  const links = linksFrom(cluster.resolutions, dials);
  // Groups of alternatives of one node are no deployment: their routes are not checked.
  const groups = cluster.groups.filter((g) => g.length >= 2 && !cluster.variants.get(g)?.length);
  const refused = certificateNames.checkCertificateNames(ctx, links, presented);
  for (const group of groups) certificateNames.checkGossipNames(ctx, group, links, presented, refused);
  certificateTrust.checkCertificateTrust(ctx, links, groups, presented);
}

/** A node with a TLS block on a route, gateway or leaf node connection. */
function usesTls(n: NodeConfig): boolean {
  return (
    !!n.cluster?.tls ||
    !!n.gateway?.tls ||
    !!n.gateway?.remotes.some((r) => r.tls) ||
    !!n.leafnodes?.tls ||
    !!n.leafnodes?.remotes.some((r) => r.tls)
  );
}

/** A template config's routes are checked once, not once per replica. */
function routesOnce(resolutions: Resolution[]): Resolution[] {
  // By file, then offset: no key string built for each of a full mesh's n × (n − 1) routes.
  const seen = new Map<string, Set<number>>();
  return resolutions.filter((r) => {
    const path = r.from.node.file.path;
    let offsets = seen.get(path);
    if (!offsets) seen.set(path, (offsets = new Set()));
    const start = r.route.span.start;
    return offsets.has(start) ? false : (offsets.add(start), true);
  });
}

/** Every check file, by name: each lists the finding codes it reports (`codes`). */
export const CHECK_FILES = {
  certificateNames,
  certificateTrust,
  clusterNames,
  connectivity,
  gatewayNames,
  jetstream,
  leafCertificateUsers,
  leafCredentials,
  linkPorts,
  linkTls,
  poolSize,
  portClash,
  routeCredentials,
  routePorts,
  routeResolution,
  routeTls,
  serverNames,
  variants,
};
