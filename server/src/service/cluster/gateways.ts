// What a node's config says about its gateway (the link between the clusters of a
// supercluster): its name, where it listens, its authorization and TLS, and the gateways it
// dials (`gateways: [{name, url|urls}]`).

import type { ConfigModel } from '../document';
import { EffectiveMap, Setting } from '../effective';
import { Span } from '../tree';
import { listenOf, mapsOf, urlsOf, type Route, type ServerListener } from './nodes';

/** One entry of `gateway.gateways`: a cluster this gateway dials, by name. */
export interface GatewayRemote {
  name: string | undefined;
  nameSetting: Setting | undefined;
  /** The entry as written (the map). */
  span: Span;
  urls: Route[];
  /** The entry's own tls block; the gateway's applies when it has none. */
  tls: Setting | undefined;
}

export interface GatewayConfig extends ServerListener {
  name: string | undefined;
  nameSetting: Setting | undefined;
  remotes: GatewayRemote[];
}

/** The gateway of a config, when its block names a gateway or a port (otherwise there is none). */
export function gatewayOf(model: ConfigModel, top: EffectiveMap): GatewayConfig | undefined {
  const setting = top.get('gateway');
  const gw = top.block('gateway');
  if (!setting || !gw) return undefined;
  const listen = listenOf(gw.get('listen'));
  const port = gw.number('port') ?? listen.port;
  const name = gw.string('name');
  if (name === undefined && !port) return undefined;
  const auth = gw.block('authorization');
  const remotes = mapsOf(model, gw.get('gateways')).map(({ view: r, span }): GatewayRemote => ({
    name: r.string('name'),
    nameSetting: r.get('name'),
    span,
    // nats-server adds both: `url` and every one of `urls`.
    urls: [...urlsOf(r.get('url')), ...urlsOf(r.get('urls'))],
    tls: r.get('tls'),
  }));
  return {
    setting,
    name,
    nameSetting: gw.get('name'),
    host: gw.string('host', 'net') ?? listen.host ?? '0.0.0.0',
    port,
    portSetting: gw.get('port') ?? gw.get('listen'),
    advertise: gw.string('advertise', 'gateway_advertise'),
    user: auth?.string('user', 'username'),
    password: auth?.string('password', 'pass'),
    authSetting: gw.get('authorization'),
    tls: gw.get('tls'),
    remotes,
  };
}
