// Checks across the node configs of a cluster (origin "cluster"): routes resolved to the
// nodes they reach, then what breaks a cluster at deploy time even though each file is fine
// on its own. Each finding sits at the place to fix, with the other end as related place.

import { Diagnostic } from '../diagnostics';
import { ConfigModel } from '../document';
import * as clusterNames from './checks/clusterNames';
import * as connectivity from './checks/connectivity';
import { ClusterContext } from './checks/context';
import * as jetstream from './checks/jetstream';
import * as poolSize from './checks/poolSize';
import * as portClash from './checks/portClash';
import * as routeCredentials from './checks/routeCredentials';
import * as routePorts from './checks/routePorts';
import * as routeResolution from './checks/routeResolution';
import * as routeTls from './checks/routeTls';
import * as serverNames from './checks/serverNames';
import * as variants from './checks/variants';
import { Resolution, clusterModel } from './members';

/** Findings across `models` (the node configs given together), as diagnostics. */
export function clusterDiagnostics(models: readonly ConfigModel[]): Diagnostic[] {
  const cluster = clusterModel(models);
  if (cluster.members.length < 2) return [];
  const ctx = new ClusterContext(cluster, models);
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

/** A template config's routes are checked once, not once per replica. */
function routesOnce(resolutions: Resolution[]): Resolution[] {
  const seen = new Set<string>();
  return resolutions.filter((r) => {
    const key = `${r.from.node.file.path}\0${r.route.span.start}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Every check file, by name: each lists the finding codes it reports (`codes`). */
export const CHECK_FILES = {
  clusterNames,
  connectivity,
  jetstream,
  poolSize,
  portClash,
  routeCredentials,
  routePorts,
  routeResolution,
  routeTls,
  serverNames,
  variants,
};
