// What a node's config says about its place in a cluster: its name, the addresses it
// listens on, its cluster block (name, routes, authorization, TLS, pool size) and
// JetStream. One config that names itself through an unset `$VARIABLE` (a Kubernetes
// ConfigMap serving every replica) is a template: it stands for one node per route.

import { ConfigFile, ConfigModel, resolveValue } from '../document';
import { EffectiveMap, Setting, effectiveTop, valueUnknown } from '../effective';
import { listenAddress } from '../listeners';
import { detached } from '../shared/detached';
import { jetstreamEnabled } from '../shared/jetstream';
import { parseUrl } from '../shared/urls';
import { Span } from '../tree';
import { GatewayConfig, gatewayOf } from './gateways';
import { LeafnodesConfig, leafnodesOf } from './leafnodes';

export interface Route {
  /** The URL as written. */
  url: string;
  span: Span;
  user: string | undefined;
  password: string | undefined;
  host: string;
  port: number | undefined;
}

export interface NodeConfig {
  model: ConfigModel;
  file: ConfigFile;
  /** server_name, when the file fixes it. */
  name: string | undefined;
  nameSetting: Setting | undefined;
  /** server_name comes from an environment variable the checker does not know: one file, several nodes. */
  template: boolean;
  host: string;
  clientPort: number;
  clientPortSetting: Setting | undefined;
  /** The monitoring port: `http_port`, else the port of `http: host:port`. */
  httpPort: number | undefined;
  /** Where monitoring listens: the host of `http: host:port`, else `host`. */
  httpHost: string;
  httpSetting: Setting | undefined;
  cluster: ClusterConfig | undefined;
  jetstream: Setting | undefined;
  domain: string | undefined;
  domainSetting: Setting | undefined;
  /** The `gateway` block, when it names a gateway or a port. */
  gateway: GatewayConfig | undefined;
  /** The `leafnodes` block: its listener (if any) and its remotes. */
  leafnodes: LeafnodesConfig | undefined;
}

/** What the cluster, gateway and leafnodes blocks share: a listener other servers dial. */
export interface ServerListener {
  setting: Setting;
  /** Where it listens: `host`, else the host of `listen`, else every interface. */
  host: string;
  port: number | undefined;
  portSetting: Setting | undefined;
  /** `advertise` (host:port): the address peers are told to dial, e.g. behind NAT or a port mapping. */
  advertise: string | undefined;
  user: string | undefined;
  password: string | undefined;
  authSetting: Setting | undefined;
  tls: Setting | undefined;
}

export interface ClusterConfig extends ServerListener {
  name: string | undefined;
  nameSetting: Setting | undefined;
  routes: Route[];
  /**
   * Its name or a route is a `$reference` whose value is not known here (a Secret, the shell), or its
   * block includes a file not read here: which nodes it joins cannot be told.
   */
  unknown: boolean;
  /** The route TLS block names a certificate this node presents (cert_file, or cert_store on Windows). */
  presentsCertificate: boolean;
  poolSize: number | undefined;
  poolSetting: Setting | undefined;
}

type ParsedRoute = Omit<Route, 'url' | 'span'>;

/**
 * URLs already parsed, by text: in a full mesh each node's URL is written in every other node's
 * config (n × (n − 1) URLs, n distinct). Bounded, as a language server runs for hours.
 */
const parsedRoutes = new Map<string, ParsedRoute | null>();
const PARSED_ROUTES_MAX = 10_000;

/** A route URL as nats-server reads it (Go's url.Parse, after trimming); undefined where it cannot. */
export function parseRoute(url: string, span: Span): Route | undefined {
  let parsed = parsedRoutes.get(url);
  if (parsed === undefined) {
    if (parsedRoutes.size >= PARSED_ROUTES_MAX) parsedRoutes.clear();
    parsedRoutes.set(detached(url), (parsed = parseRouteText(url)));
  }
  return parsed ? { url, span, ...parsed } : undefined;
}

function parseRouteText(url: string): ParsedRoute | null {
  const parsed = parseUrl(url.trim());
  if (!parsed?.hostname) return null;
  const { user, password, hostname, port } = parsed;
  return { user, password, host: hostname.toLowerCase(), port: port ? Number(port) : undefined };
}

/** The URLs of a `url`/`urls` setting (one string or a list), those nats-server can parse. */
export function urlsOf(setting: Setting | undefined): Route[] {
  const v = setting?.value;
  const items = v?.kind === 'array' ? v.items : v ? [v] : [];
  return items.flatMap((item) => (item.kind === 'string' ? (parseRoute(item.value, item) ?? []) : []));
}

/** The maps of a list setting (`gateways`, `remotes`), as views, each with where it is written. */
export function mapsOf(model: ConfigModel, list: Setting | undefined): { view: EffectiveMap; span: Span }[] {
  if (list?.value?.kind !== 'array') return [];
  return list.value.items.flatMap((item) => {
    const map = resolveValue(model, item);
    return map?.kind === 'map' ? [{ view: new EffectiveMap(model, map, list.file), span: item }] : [];
  });
}

/** host:port of a `listen`-like setting (`0.0.0.0:6222`, `6222`, `[::1]:6222`); an empty host is none. */
export function listenOf(setting: Setting | undefined): { host?: string; port?: number } {
  const address = setting ? listenAddress(setting) : undefined;
  return { host: address?.host || undefined, port: address?.port };
}

export function nodeOf(model: ConfigModel): NodeConfig {
  const top = effectiveTop(model);
  const nameSetting = top.get('server_name');
  const nameEntry = nameSetting?.entry.value;
  const template = nameEntry?.kind === 'variable' && nameSetting?.value === undefined;
  const listen = listenOf(top.get('listen'));
  const jsValue = top.get('jetstream');
  const domainSetting = top.block('jetstream')?.get('domain');
  const httpPortSetting = top.get('http_port', 'monitor_port');
  const httpListenSetting = top.get('http');
  const http = listenOf(httpListenSetting);
  const host = top.string('host', 'net') ?? listen.host ?? '0.0.0.0';
  return {
    model,
    file: model.root,
    name: nameSetting?.value?.kind === 'string' ? nameSetting.value.value : undefined,
    nameSetting,
    template,
    host,
    clientPort: top.number('port') ?? listen.port ?? 4222,
    clientPortSetting: top.get('port') ?? top.get('listen'),
    httpPort: httpPortSetting
      ? httpPortSetting.value?.kind === 'integer'
        ? httpPortSetting.value.value
        : undefined
      : http.port,
    httpHost: (!httpPortSetting && http.host) || host,
    httpSetting: httpPortSetting ?? httpListenSetting,
    cluster: clusterOf(model, top),
    jetstream: jetstreamEnabled(top) ? jsValue : undefined,
    domain: domainSetting?.value?.kind === 'string' ? domainSetting.value.value : undefined,
    domainSetting,
    gateway: gatewayOf(model, top),
    leafnodes: leafnodesOf(model, top),
  };
}

function clusterOf(model: ConfigModel, top: EffectiveMap): ClusterConfig | undefined {
  const setting = top.get('cluster');
  const cluster = top.block('cluster');
  if (!setting || !cluster) return undefined;
  const listen = listenOf(cluster.get('listen'));
  const routes: Route[] = [];
  const routesSetting = cluster.get('routes');
  // Routes or a name from a variable, or from an include not read here, are not known.
  let unknown = valueUnknown(routesSetting) || valueUnknown(cluster.get('name')) || cluster.unread();
  if (routesSetting?.value?.kind === 'array') {
    for (const item of routesSetting.value.items) {
      const value = item.kind === 'variable' ? resolveValue(model, item) : item;
      if (item.kind === 'variable' && !value) unknown = true;
      if (value?.kind !== 'string') continue;
      const route = parseRoute(value.value, item);
      if (route) routes.push(route);
    }
  }
  const auth = cluster.block('authorization');
  const tls = cluster.get('tls');
  const tlsView = cluster.block('tls');
  return {
    setting,
    name: cluster.string('name'),
    nameSetting: cluster.get('name'),
    host: cluster.string('host', 'net') ?? listen.host ?? '0.0.0.0',
    port: cluster.number('port') ?? listen.port,
    portSetting: cluster.get('port') ?? cluster.get('listen'),
    routes,
    unknown,
    advertise: cluster.string('advertise', 'cluster_advertise'),
    user: auth?.string('user', 'username'),
    password: auth?.string('password', 'pass'),
    authSetting: cluster.get('authorization'),
    tls,
    presentsCertificate:
      !!tlsView && (tlsView.get('cert_file') !== undefined || tlsView.get('cert_store') !== undefined),
    poolSize: cluster.number('pool_size'),
    poolSetting: cluster.get('pool_size'),
  };
}
