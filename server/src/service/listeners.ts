// The sockets one config makes nats-server open: clients, routes, leaf nodes, gateways,
// websocket, MQTT, monitoring and profiling, each with the host and port it binds after
// nats-server's defaults are applied. Also how nats-server reads a `listen` value (Go's
// net.SplitHostPort, then an integer port) and which hosts it could ever bind.

import { ConfigModel } from './document';
import { EffectiveMap, Setting, effectiveTop } from './effective';

/** What a `listen` value holds, or why nats-server cannot read it (its own wording). */
type ListenAddress = { host: string | undefined; port: number } | { error: string };

/**
 * A "host:port" string read as nats-server's parseListen reads it: split at the last colon
 * (an IPv6 host in brackets), then the port read as a decimal integer.
 */
export function parseListenString(written: string): ListenAddress {
  const split = splitHostPort(written.trim());
  if (!split) return { error: `could not parse address string "${written}"` };
  if (!/^[+-]?\d+$/.test(split.port) || !Number.isSafeInteger(Number(split.port)))
    return { error: `could not parse port "${split.port}"` };
  return { host: split.host, port: Number(split.port) };
}

/** Go's net.SplitHostPort: undefined where it reports an error. */
function splitHostPort(text: string): { host: string; port: string } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined; // missing port
  let host: string;
  let from = 0;
  let to = 0;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || close + 1 !== colon) return undefined; // missing ']', or ']' not right before the last colon
    host = text.slice(1, close);
    from = 1;
    to = close + 1;
  } else {
    host = text.slice(0, colon);
    if (host.includes(':')) return undefined; // too many colons: an IPv6 host needs brackets
  }
  if (text.indexOf('[', from) >= 0 || text.indexOf(']', to) >= 0) return undefined;
  return { host, port: text.slice(colon + 1) };
}

/**
 * Whether a host could be bound at all: empty (every interface), an IP literal, or a name
 * a resolver may look up. A path, a URL or a name with spaces fails at start with
 * "lookup …: no such host", whatever the network.
 */
export function isBindableHost(host: string): boolean {
  if (host === '' || isIpLiteral(host)) return true;
  return isDomainName(host);
}

/** A loopback host as written: 127.x.x.x, localhost or ::1 (bracketed or not); names are not resolved. */
export function isLoopbackHost(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
}

/** A host that stands for every interface: '', 0.0.0.0 or :: (bracketed or not). */
export function isWildcardHost(host: string): boolean {
  return /^(0\.0\.0\.0|::|\[::\]|)$/.test(host);
}

/** An IPv4 or IPv6 address as written in `host` (no brackets: nats-server adds them itself). */
export function isIpLiteral(host: string): boolean {
  return isIPv4(host) || isIPv6(host.replace(/%[^%]+$/, '')); // an IPv6 zone (%eth0) is allowed
}

function isIPv4(h: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) && h.split('.').every((n) => Number(n) <= 255);
}

function isIPv6(h: string): boolean {
  const halves = h.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(halves[0]), ...(halves.length === 2 ? groups(halves[1]) : [])];
  // The last group may be an IPv4 address (::ffff:10.0.0.1), counting as two.
  const last = all.at(-1);
  const v4 = last !== undefined && last.includes('.');
  if (v4 && !isIPv4(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** A name as DNS presentation format allows it (labels of letters, digits, '-', '_'; at most 253 characters). */
function isDomainName(name: string): boolean {
  if (name.length === 0 || name.length > 254 || (name.length === 254 && !name.endsWith('.'))) return false;
  const labels = name.endsWith('.') ? name.slice(0, -1).split('.') : name.split('.');
  return (
    labels.every(
      (l) => l.length >= 1 && l.length <= 63 && /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(l) && !l.endsWith('-'),
    ) && /[A-Za-z_-]/.test(name) // all digits is no name (and no IP either)
  );
}

export type ListenerKind =
  | 'client'
  | 'cluster'
  | 'leafnodes'
  | 'gateway'
  | 'websocket'
  | 'mqtt'
  | 'monitoring'
  | 'monitoring (https)'
  | 'profiling';

export interface Listener {
  kind: ListenerKind;
  /** The host it binds, defaults applied ('0.0.0.0' for every interface). */
  host: string;
  /** The port it binds (-1: a random free one). */
  port: number;
  /** Where the port is written (undefined: the default port). */
  portSetting: Setting | undefined;
  /** Where the host is written (undefined: the default host). */
  hostSetting: Setting | undefined;
  /** `listen` beside `host`/`port`: nats-server applies them in a random order, so host and port are not certain. */
  ambiguous: boolean;
}

const DEFAULT_HOST = '0.0.0.0';

/**
 * Every socket the config opens at start. A listener block without a port opens nothing
 * (port 0), except the client listener, which then takes 4222.
 */
export function listenersOf(model: ConfigModel): Listener[] {
  const top = effectiveTop(model);
  const out: Listener[] = [];
  const client = listenerOf(top);
  const clientHost = client.host || DEFAULT_HOST; // '' binds every interface too
  const clientAmbiguous = ambiguous(top);
  out.push({
    kind: 'client',
    host: clientHost,
    port: client.port === undefined || client.port === 0 ? 4222 : client.port,
    portSetting: client.portSetting,
    hostSetting: client.hostSetting,
    ambiguous: clientAmbiguous,
  });
  for (const kind of ['cluster', 'leafnodes', 'gateway', 'websocket', 'mqtt'] as const) {
    const block = top.block(kind, ...(kind === 'leafnodes' ? ['leaf'] : kind === 'websocket' ? ['ws'] : []));
    if (!block) continue;
    const l = listenerOf(block);
    if (l.port === undefined || l.port === 0) continue;
    out.push({
      kind,
      host: l.host || DEFAULT_HOST,
      port: l.port,
      portSetting: l.portSetting,
      hostSetting: l.hostSetting,
      ambiguous: ambiguous(block),
    });
  }
  // Monitoring: http_port binds the client host; `http: host:port` its own.
  for (const [kind, portNames, listenName] of [
    ['monitoring', ['http_port', 'monitor_port'], 'http'],
    ['monitoring (https)', ['https_port'], 'https'],
  ] as const) {
    const portSetting = top.get(...portNames);
    const listenSetting = top.get(listenName);
    const address = portSetting
      ? { port: integerOf(portSetting) }
      : listenSetting
        ? listenAddress(listenSetting)
        : undefined;
    if (!address || address.port === undefined || address.port === 0) continue;
    const ownHost = 'host' in address && address.host !== undefined && address.host !== '';
    // Both forms written: which one nats-server applies is random.
    const twice = portSetting !== undefined && listenSetting !== undefined;
    out.push({
      kind,
      host: ownHost ? address.host! : clientHost,
      port: address.port,
      portSetting: portSetting ?? listenSetting,
      hostSetting: ownHost ? listenSetting : client.hostSetting,
      ambiguous: twice || (!ownHost && clientAmbiguous),
    });
  }
  const prof = top.get('prof_port');
  const profPort = prof ? integerOf(prof) : undefined;
  if (prof && profPort !== undefined && profPort !== 0)
    out.push({
      kind: 'profiling',
      host: clientHost,
      port: profPort,
      portSetting: prof,
      hostSetting: client.hostSetting,
      ambiguous: clientAmbiguous,
    });
  return out;
}

interface WrittenListener {
  host: string | undefined;
  port: number | undefined;
  hostSetting: Setting | undefined;
  portSetting: Setting | undefined;
}

/** `listen` and `host`/`port` of one block. */
function listenerOf(block: EffectiveMap): WrittenListener {
  const listen = block.get('listen');
  const address = listen ? listenAddress(listen) : undefined;
  const portSetting = block.get('port');
  const hostSetting = block.get('host', 'net');
  const port = portSetting ? integerOf(portSetting) : address?.port;
  const host = hostSetting?.value?.kind === 'string' ? hostSetting.value.value : address?.host || undefined;
  return {
    host,
    port,
    portSetting: portSetting ?? (address?.port !== undefined ? listen : undefined),
    hostSetting: hostSetting ?? (address?.host ? listen : undefined),
  };
}

/** `listen` beside `host` or `port`: nats-server applies them in a random order, so the address is not known. */
function ambiguous(block: EffectiveMap): boolean {
  return (
    block.get('listen') !== undefined && (block.get('port') !== undefined || block.get('host', 'net') !== undefined)
  );
}

/** What a `listen`-like setting (`listen`, `http`) says: a port alone, or host:port; undefined when unreadable. */
export function listenAddress(setting: Setting): { host?: string; port?: number } | undefined {
  const v = setting.value;
  if (v?.kind === 'integer') return { port: v.value };
  if (v?.kind !== 'string') return undefined;
  const parsed = parseListenString(v.value);
  return 'error' in parsed ? undefined : { host: parsed.host, port: parsed.port };
}

function integerOf(setting: Setting): number | undefined {
  return setting.value?.kind === 'integer' ? setting.value.value : undefined;
}

/**
 * Whether two binds of one port collide on one machine: the same host, or every
 * interface against one address of the same family (or against every interface). Names other than localhost are not
 * resolved here, so they collide only with themselves.
 */
export function sameBind(a: string, b: string): boolean {
  const norm = (h: string) => {
    const x = h.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return x === '' ? DEFAULT_HOST : x === 'localhost' ? '127.0.0.1' : x;
  };
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  // 0.0.0.0 and :: cover every address of their family, and each other (Go listens dual-stack).
  const any = (h: string) => h === DEFAULT_HOST || h === '::';
  if (any(x) && any(y)) return true;
  const covers = (wild: string, other: string) =>
    (wild === DEFAULT_HOST && isIPv4(other)) || (wild === '::' && isIPv6(other));
  return covers(x, y) || covers(y, x);
}
