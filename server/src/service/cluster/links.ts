// Every connection one node config dials to another: routes, gateway URLs and leaf node
// remotes, each resolved to the node whose listener it reaches, with the TLS block either
// end uses. Cross-node checks of gateways and leaf nodes read the dials; `linksOf` is the
// uniform list (for certificate checks).

import { ConfigModel } from '../document';
import { Setting } from '../effective';
import { isIpLiteral } from '../listeners';
import { Span } from '../tree';
import { GatewayRemote } from './gateways';
import { LeafRemote } from './leafnodes';
import {
  Member,
  MemberIndex,
  Reach,
  Resolution,
  listenerOf,
  membersOf,
  reach,
  resolveClusters,
  unique,
} from './members';
import { NodeConfig, Route, nodeOf } from './nodes';

/** The port a leaf node remote URL without one dials. */
const LEAF_PORT = 7422;

export interface Link {
  kind: 'route' | 'gateway' | 'leafnode';
  /** The dialling node. */
  from: NodeConfig;
  /** The node reached (undefined: none of the configs). */
  to: NodeConfig | undefined;
  /** The URL as written, in from's file. */
  url: string;
  span: Span;
  /** The host the dialler puts in TLS SNI and verifies the certificate against. */
  host: string;
  port: number | undefined;
  /** The TLS block the dialler uses (cluster.tls; the gateway entry's tls, else gateway.tls; the remote's tls). */
  fromTls: Setting | undefined;
  /** The TLS block the accepting listener uses (cluster.tls, gateway.tls, leafnodes.tls). */
  toTls: Setting | undefined;
}

/** A gateway URL, and where it leads. */
export interface GatewayDial extends Reach {
  from: Member;
  remote: GatewayRemote;
  url: Route;
}

/** A leaf node remote's URL, and where it leads. */
export interface LeafDial extends Reach {
  from: Member;
  remote: LeafRemote;
  url: Route;
}

/** Every node given (with a cluster block or not), its gateway URLs and leaf node remote URLs resolved. */
export interface LinkModel {
  members: Member[];
  gateways: GatewayDial[];
  leafnodes: LeafDial[];
}

export function linkModel(nodes: readonly NodeConfig[]): LinkModel {
  const members = membersOf([...nodes]);
  const gateways: GatewayDial[] = [];
  const leafnodes: LeafDial[] = [];
  const index = new MemberIndex(members);
  const hub = (m: Member) => listenerOf(m.node, 'leafnode') !== undefined;
  // Replicas of a template share their config: its URLs are dialled alike, resolved once.
  for (const from of unique(members)) {
    const gw = from.node.gateway;
    for (const remote of gw?.remotes ?? []) {
      // nats-server skips the entry that names its own gateway (a list shared by every cluster).
      if (remote.name === undefined || remote.name === gw!.name) continue;
      const sameName = (m: Member) => m.node.gateway?.name === remote.name;
      for (const url of remote.urls)
        gateways.push({ from, remote, url, ...reach(url, from, index, 'gateway', sameName) });
    }
    for (const remote of from.node.leafnodes?.remotes ?? []) {
      for (const written of remote.urls) {
        // Websocket URLs reach a websocket listener, not the leaf node port: not followed here.
        if (/^\s*wss?:/i.test(written.url)) continue;
        // Without a port a remote dials 7422 (a gateway URL without one fails: "missing port in address").
        const url = { ...written, port: written.port ?? LEAF_PORT };
        leafnodes.push({ from, remote, url, ...reach(url, from, index, 'leafnode', hub) });
      }
    }
  }
  return { members, gateways, leafnodes };
}

/**
 * The host a dialler verifies: the URL's, unless it is an IP address and another URL of the same
 * gateway or remote names a host (nats-server then uses the first such name).
 */
function tlsHost(url: Route, siblings: Route[]): string {
  if (!isIpLiteral(url.host)) return url.host;
  return siblings.find((u) => !isIpLiteral(u.host))?.host ?? url.host;
}

/** Every route, gateway URL and leaf node remote URL of `models`, resolved. */
export function linksOf(models: readonly ConfigModel[], nodes: readonly NodeConfig[] = models.map(nodeOf)): Link[] {
  return linksFrom(resolveClusters(models, nodes).resolutions, linkModel(nodes));
}

/** The same list, from routes and dials already resolved (the cross-node checks have them). */
export function linksFrom(resolutions: readonly Resolution[], dials: LinkModel): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const r of resolutions) {
    if (r.to === r.from) continue; // a route to itself is skipped by nats-server
    // A template's replicas dial alike: one link per URL and target.
    const key = `${r.from.node.file.path}\0${r.route.span.start}\0${r.to?.node.file.path ?? ''}\0${r.to?.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({
      kind: 'route',
      from: r.from.node,
      to: r.to?.node,
      url: r.route.url,
      span: r.route.span,
      host: r.route.host,
      port: r.route.port,
      fromTls: r.from.node.cluster!.tls,
      toTls: r.to?.node.cluster?.tls,
    });
  }
  const { gateways, leafnodes } = dials;
  const dialled = (kind: Link['kind'], d: GatewayDial | LeafDial, fromTls: Setting | undefined): Link => ({
    kind,
    from: d.from.node,
    to: d.to?.node,
    url: d.url.url,
    span: d.url.span,
    host: tlsHost(d.url, d.remote.urls),
    port: d.url.port,
    fromTls,
    toTls: kind === 'gateway' ? d.to?.node.gateway?.tls : d.to?.node.leafnodes?.tls,
  });
  for (const d of gateways) links.push(dialled('gateway', d, d.remote.tls ?? d.from.node.gateway!.tls));
  for (const d of leafnodes) links.push(dialled('leafnode', d, d.remote.tls));
  return links;
}
