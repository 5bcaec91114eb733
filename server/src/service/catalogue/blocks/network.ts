// Server-to-server and alternative-protocol listeners: cluster (routes), gateway,
// leafnodes (accept side and remotes), websocket and mqtt, with their authorization and
// compression maps. Checked against nats-server's opts.go (parseCluster, parseCompression,
// parseGateway, parseGateways, parseLeafNodes, parseLeafAuthorization, parseLeafUsers,
// parseRemoteLeafNodes, parseWebsocket, parseMQTT, parseSimpleAuth) from v2.9.0 to 2.15.0-dev.

import {
  ACCOUNT,
  AUTHORIZATION_MAP,
  AUTH_CALLOUT_MAP,
  AUTH_TIMEOUT,
  BOOLEAN,
  COMPRESSION,
  COMPRESSION_MODE,
  COUNT,
  DURATION,
  DURATION_OR_SECONDS,
  FLOAT,
  HOST,
  HOSTPORT,
  INTEGER,
  LISTEN,
  NAME,
  NKEY,
  PERMISSIONS_MAP,
  PORT,
  SECONDS,
  SECRET,
  SIMPLE_AUTHORIZATION_MAP,
  STRICT_DURATION,
  STRING,
  SUBJECT,
  TLS_MAP,
  URL,
  URL_LIST,
  USER_LIST,
  WRITE_TIMEOUT_POLICY,
  oneOrList,
} from '../forms';
import { BlockSpec, OptionSpec } from '../schema';

const DOCS = {
  cluster: 'https://docs.nats.io/running-a-nats-service/configuration/clustering/cluster_config',
  v2routes: 'https://docs.nats.io/running-a-nats-service/configuration/clustering/v2_routes',
  gateway: 'https://docs.nats.io/running-a-nats-service/configuration/gateways/gateway',
  leafnodes: 'https://docs.nats.io/running-a-nats-service/configuration/leafnodes/leafnode_conf',
  websocket: 'https://docs.nats.io/running-a-nats-service/configuration/websocket/websocket_conf',
  mqtt: 'https://docs.nats.io/running-a-nats-service/configuration/mqtt/mqtt_config',
} as const;

// The listen/port/host trio every listener block has.
function listenerOptions(what: string, defaultPort?: string): OptionSpec[] {
  return [
    {
      name: 'listen',
      values: LISTEN,
      description:
        `Host and port for incoming ${what} connections in one value ` +
        `("host:port", or just a port); sets host and port together.`,
    },
    {
      name: 'port',
      values: [PORT],
      ...(defaultPort ? { default: defaultPort } : {}),
      description: `Port on which to accept ${what} connections; -1 picks a random port.`,
    },
    {
      name: 'host',
      aliases: ['net'],
      values: [HOST],
      default: '"0.0.0.0"',
      description: `Interface on which to accept ${what} connections.`,
    },
  ];
}

function writeDeadline(what: string): OptionSpec {
  return {
    name: 'write_deadline',
    values: [DURATION],
    default: 'the top-level write_deadline (10s)',
    since: ['2.11.11', '2.12.1'],
    description: `How long a write to a ${what} connection may block before it counts as a slow consumer.`,
  };
}

function writeTimeout(what: string): OptionSpec {
  return {
    name: 'write_timeout',
    values: [WRITE_TIMEOUT_POLICY],
    default: '"default" (retry for this kind of connection)',
    since: ['2.11.11', '2.12.2'],
    description:
      `What to do when a write to a ${what} connection hits the write ` +
      `deadline: close it, or retry ("default" means retry here).`,
  };
}

// ---------------------------------------------------------------------------------------
// cluster { }

const cluster: BlockSpec = {
  id: 'cluster',
  title: 'cluster',
  docs: DOCS.cluster,
  options: [
    {
      name: 'name',
      values: [NAME],
      default: 'a generated name (or gateway.name when that is set)',
      description:
        'Name of the cluster; every server of one cluster must use the same one, and it may not contain spaces.',
    },
    ...listenerOptions('route'),
    {
      name: 'authorization',
      values: [{ type: 'map', block: 'cluster.authorization' }],
      description: 'The single user and password that other servers must present on their route connections.',
    },
    {
      name: 'routes',
      values: [URL_LIST],
      description:
        'URLs of other cluster members to connect to (e.g. nats-route://user:pass@host:6222); self-routes are ignored.',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS for route connections; routes always verify the peer certificate (mutual TLS).',
    },
    {
      name: 'advertise',
      aliases: ['cluster_advertise'],
      values: [HOSTPORT],
      description: 'The host:port other cluster members are told to use to reach this server (useful behind NAT).',
    },
    {
      name: 'no_advertise',
      values: [BOOLEAN],
      default: 'false',
      description: 'Do not tell clients about the URLs of the other cluster members.',
    },
    {
      name: 'connect_retries',
      values: [COUNT],
      default: '0',
      description: 'How many times to retry connecting to an implicit (gossiped) route before giving up.',
    },
    {
      name: 'connect_backoff',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Back off exponentially (up to 30s) between attempts to connect to a route.',
    },
    {
      name: 'permissions',
      values: [PERMISSIONS_MAP],
      description:
        'Which subjects this server imports (publish/import) from and ' +
        'exports (subscribe/export) to its routes; no allow_responses.',
    },
    {
      name: 'pool_size',
      values: [COUNT],
      default: '3',
      since: '2.10.0',
      description:
        'Number of route connections to each other server (must match across the cluster); -1 turns pooling off.',
      docs: DOCS.v2routes,
    },
    {
      name: 'accounts',
      values: oneOrList(ACCOUNT),
      since: '2.10.0',
      description:
        'Accounts that get a dedicated (pinned) route connection ' +
        'of their own; the system account is added automatically.',
      docs: DOCS.v2routes,
    },
    {
      name: 'compression',
      values: COMPRESSION,
      default: '"accept"',
      since: '2.10.0',
      description:
        'S2 compression of route traffic: a mode word, true/false ' +
        '(true means s2_fast), or a map with mode and rtt_thresholds.',
      docs: DOCS.v2routes,
    },
    {
      name: 'ping_interval',
      values: [DURATION],
      default: 'the top-level ping_interval, capped at 30s',
      since: '2.10.10',
      description: 'How often to ping route connections; values above 30s are reset to 30s with a warning.',
    },
    {
      name: 'ping_max',
      values: [COUNT],
      default: 'the top-level ping_max (2)',
      since: '2.10.10',
      description: 'Unanswered pings after which a route connection is closed.',
    },
    writeDeadline('route'),
    writeTimeout('route'),
  ],
};

// cluster { authorization { } }: parsed by the general authorization parser; parseCluster
// then keeps only user, password and timeout.
const clusterAuthorization: BlockSpec = {
  id: 'cluster.authorization',
  title: 'cluster authorization',
  docs: DOCS.cluster,
  options: [
    {
      name: 'user',
      aliases: ['username'],
      values: [STRING],
      description: 'User name that connecting routes must present (put it in each route URL as user:pass@).',
    },
    {
      name: 'password',
      aliases: ['pass'],
      values: [SECRET],
      description: 'Password for the route user, plain or bcrypt (a bcrypt hash breaks gossiped implicit routes).',
    },
    {
      name: 'timeout',
      values: AUTH_TIMEOUT,
      default: '2 (seconds), or the TLS timeout + 1 with TLS',
      description: 'Seconds a route connection has to authenticate; a duration string is read from 2.11.2 on.',
    },
    {
      name: 'permissions',
      aliases: ['default_permissions', 'default_permission'],
      values: [PERMISSIONS_MAP],
      deprecated:
        'Set cluster.permissions instead; nats-server warns that ' +
        'permissions inside cluster authorization are deprecated.',
      description: 'Route import/export permissions (old place; used only when cluster.permissions is not set).',
    },
    {
      name: 'users',
      values: [USER_LIST],
      description:
        'Not allowed here: nats-server rejects a users list in cluster authorization (only one user is supported).',
    },
    {
      name: 'token',
      values: [STRING],
      description: 'Not allowed here: nats-server rejects tokens in cluster authorization.',
    },
    {
      name: 'auth_callout',
      aliases: ['auth_hook'],
      values: [AUTH_CALLOUT_MAP],
      since: '2.10.0',
      description: 'Not allowed here: nats-server rejects auth callouts in cluster authorization.',
    },
    {
      name: 'proxy_required',
      values: [BOOLEAN],
      since: '2.12.0',
      description: 'Read by the authorization parser but has no effect on routes.',
    },
  ],
};

// compression { mode, rtt_thresholds } — the map form used by cluster, leafnodes and remotes.
const compression: BlockSpec = {
  id: 'compression',
  title: 'compression',
  docs: DOCS.v2routes,
  options: [
    {
      name: 'mode',
      values: [COMPRESSION_MODE],
      default: 'accept for routes, s2_auto for leafnodes',
      since: '2.10.0',
      description:
        'Compression mode: off, accept, on, s2_fast, s2_better, ' +
        's2_best or s2_auto (s2_auto picks the level from the RTT).',
    },
    {
      name: 'rtt_thresholds',
      aliases: ['thresholds', 'rtts', 'rtt'],
      values: [{ type: 'array', items: [STRICT_DURATION] }],
      default: '[10ms, 50ms, 100ms]',
      since: '2.10.0',
      description: 'For s2_auto: ascending RTTs (at most 4) at which to switch to s2_fast, s2_better, then s2_best.',
    },
  ],
};

// ---------------------------------------------------------------------------------------
// gateway { }

const gateway: BlockSpec = {
  id: 'gateway',
  title: 'gateway',
  docs: DOCS.gateway,
  options: [
    {
      name: 'name',
      values: [NAME],
      description:
        'Name of this gateway (its cluster); required, without spaces, and equal to cluster.name when both are set.',
    },
    ...listenerOptions('gateway'),
    {
      name: 'authorization',
      values: [AUTHORIZATION_MAP],
      description: 'The single user and password other gateways must present (no users list, token or callout).',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS for gateway connections; the peer certificate is always verified.',
    },
    {
      name: 'advertise',
      values: [HOSTPORT],
      description: 'The host:port other gateways are told to use to reach this server (useful behind NAT).',
    },
    {
      name: 'connect_retries',
      values: [COUNT],
      default: '0',
      description: 'How many times to retry connecting to a discovered (implicit) gateway before giving up.',
    },
    {
      name: 'connect_backoff',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Back off exponentially between attempts to connect to a gateway.',
    },
    {
      name: 'gateways',
      values: [{ type: 'array', items: [{ type: 'map', block: 'gateway.remote' }] }],
      description: 'The other clusters (gateways) to connect to, each with a name and URLs.',
    },
    {
      name: 'reject_unknown',
      aliases: ['reject_unknown_cluster'],
      values: [BOOLEAN],
      default: 'false',
      description: 'Refuse gateway connections from clusters not listed in gateways.',
    },
    writeDeadline('gateway'),
    writeTimeout('gateway'),
  ],
};

const gatewayRemote: BlockSpec = {
  id: 'gateway.remote',
  title: 'a gateway in gateway.gateways',
  docs: DOCS.gateway,
  options: [
    {
      name: 'name',
      values: [NAME],
      description: 'Name of the remote gateway (its cluster name); required.',
    },
    {
      name: 'url',
      values: [URL],
      description: 'One URL of the remote gateway (added to any from urls).',
    },
    {
      name: 'urls',
      values: [URL_LIST],
      description: 'URLs of the remote gateway (an array; a single string is not accepted here).',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS settings used when connecting to this gateway.',
    },
  ],
};

// ---------------------------------------------------------------------------------------
// leafnodes { }

const leafnodes: BlockSpec = {
  id: 'leafnodes',
  title: 'leafnodes',
  docs: DOCS.leafnodes,
  options: [
    ...listenerOptions('leaf node'),
    {
      name: 'authorization',
      values: [{ type: 'map', block: 'leafnodes.authorization' }],
      description: 'Credentials incoming leaf node connections must present, and the account they bind to.',
    },
    {
      name: 'remotes',
      values: [{ type: 'array', items: [{ type: 'map', block: 'leafnodes.remote' }] }],
      description: 'Servers this server connects to as a leaf node.',
    },
    {
      name: 'reconnect',
      aliases: ['reconnect_delay', 'reconnect_interval'],
      values: [
        { ...SECONDS, until: '2.10.12' },
        { ...DURATION, since: '2.10.12' },
      ],
      default: '"1s"',
      description: 'Delay between attempts to reconnect to a remote (integer seconds only before 2.10.12).',
    },
    {
      name: 'dial_timeout',
      values: [DURATION],
      default: '"1s"',
      since: '2.14.5',
      description: 'How long to wait for the TCP connection to a remote to be established (remotes may override it).',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS for incoming leaf node connections.',
    },
    {
      name: 'advertise',
      aliases: ['leafnode_advertise'],
      values: [HOSTPORT],
      description: 'The host:port leaf nodes are told to use to reach this server (useful behind NAT).',
    },
    {
      name: 'no_advertise',
      values: [BOOLEAN],
      default: 'false',
      description: 'Do not tell connecting leaf nodes about the other servers of this cluster.',
    },
    {
      name: 'min_version',
      aliases: ['minimum_version'],
      values: [STRING],
      description: 'Lowest nats-server version (e.g. "2.8.0", at least 2.8.0) allowed to connect as a leaf node.',
    },
    {
      name: 'compression',
      values: COMPRESSION,
      default: '"s2_auto"',
      since: '2.10.0',
      description:
        'S2 compression of incoming leaf node connections: a mode word, true/false (true means s2_auto), or a map.',
    },
    {
      name: 'isolate_leafnode_interest',
      aliases: ['isolate'],
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description:
        'Do not pass subscription interest between the leaf nodes connected here (no east-west propagation).',
    },
    writeDeadline('leaf node'),
    writeTimeout('leaf node'),
  ],
};

const leafAuthorization: BlockSpec = {
  id: 'leafnodes.authorization',
  title: 'leafnodes authorization',
  docs: DOCS.leafnodes,
  options: [
    {
      name: 'user',
      aliases: ['username'],
      values: [STRING],
      description: 'The single user name incoming leaf nodes must present (not together with users).',
    },
    {
      name: 'password',
      aliases: ['pass'],
      values: [SECRET],
      description: 'Password of the single leaf node user, plain or bcrypt.',
    },
    {
      name: 'nkey',
      values: [NKEY],
      since: '2.10.8',
      description: 'Public user nkey (U…) incoming leaf nodes must sign with (not together with users).',
    },
    {
      name: 'timeout',
      values: AUTH_TIMEOUT,
      default: '2 (seconds), or the TLS timeout + 1 with TLS',
      description: 'Seconds a leaf node connection has to authenticate; a duration string is read from 2.11.2 on.',
    },
    {
      name: 'users',
      values: [{ type: 'array', items: [{ type: 'map', block: 'leafnodes.user' }] }],
      description: 'Several leaf node users, each with a password and the account it binds to.',
    },
    {
      name: 'account',
      values: [ACCOUNT],
      default: 'the global account $G',
      description: 'Account that connections authenticated by the single user (or nkey) are bound to.',
    },
    {
      name: 'proxy_required',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Accept the single leaf node user only through a trusted proxy (see top-level proxies).',
    },
  ],
};

const leafUser: BlockSpec = {
  id: 'leafnodes.user',
  title: 'a user in leafnodes.authorization.users',
  docs: DOCS.leafnodes,
  options: [
    {
      name: 'user',
      aliases: ['username'],
      values: [STRING],
      description: 'User name a leaf node connection presents (unique within the list).',
    },
    {
      name: 'password',
      aliases: ['pass'],
      values: [SECRET],
      description: 'Password of this leaf node user, plain or bcrypt.',
    },
    {
      name: 'account',
      values: [ACCOUNT],
      default: 'the global account $G',
      description: "Account this user's leaf node connection is bound to.",
    },
    {
      name: 'proxy_required',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Accept this user only through a trusted proxy (see top-level proxies).',
    },
  ],
};

const leafRemote: BlockSpec = {
  id: 'leafnodes.remote',
  title: 'a remote in leafnodes.remotes',
  docs: DOCS.leafnodes,
  options: [
    {
      name: 'url',
      aliases: ['urls'],
      values: [URL, URL_LIST],
      description:
        'URL, or list of URLs, of the server(s) to connect to ' +
        '(nats-leaf://, tls://, ws://, wss://; port 7422 if omitted).',
    },
    {
      name: 'no_randomize',
      aliases: ['dont_randomize'],
      values: [BOOLEAN],
      default: 'false',
      description: 'Try the URLs in the order given instead of shuffling them.',
    },
    {
      name: 'account',
      aliases: ['local'],
      values: [ACCOUNT],
      default: 'the global account $G',
      description: 'Local account this leaf connection binds to (an account public key in operator mode).',
    },
    {
      name: 'credentials',
      aliases: ['creds'],
      values: [{ type: 'string', format: 'path', mustExist: 'later' }],
      description: 'Credentials file (user JWT and seed) to authenticate with the remote; not together with nkey.',
    },
    {
      name: 'nkey',
      aliases: ['seed'],
      values: [NKEY],
      since: '2.10.8',
      description: 'User nkey seed (SU…) to authenticate with the remote; not together with credentials.',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS settings for the connection to the remote.',
    },
    {
      name: 'hub',
      values: [BOOLEAN],
      default: 'false',
      description: 'Make the remote side the leaf node of this server (reverse the roles).',
    },
    {
      name: 'deny_imports',
      aliases: ['deny_import'],
      values: oneOrList(SUBJECT),
      description: 'Subjects not to receive from the remote (subscribe side).',
    },
    {
      name: 'deny_exports',
      aliases: ['deny_export'],
      values: oneOrList(SUBJECT),
      description: 'Subjects not to send to the remote (publish side).',
    },
    {
      name: 'ws_compression',
      aliases: ['ws_compress', 'websocket_compress', 'websocket_compression'],
      values: [BOOLEAN],
      default: 'false',
      description: 'Ask for websocket compression when the URL is ws:// or wss://.',
    },
    {
      name: 'ws_no_masking',
      aliases: ['websocket_no_masking'],
      values: [BOOLEAN],
      default: 'false',
      description: 'Ask the remote to accept unmasked websocket frames (ws:// or wss:// URLs only).',
    },
    {
      name: 'jetstream_cluster_migrate',
      aliases: ['js_cluster_migrate'],
      values: [BOOLEAN, { type: 'map', block: 'leafnodes.remote.jetstream_cluster_migrate' }],
      default: 'false',
      description:
        'Move JetStream asset leaders away from this server while this leaf connection is down (map form from 2.11.0).',
    },
    {
      name: 'isolate_leafnode_interest',
      aliases: ['isolate'],
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Do not propagate to this remote the subscription interest of other local leaf connections.',
    },
    {
      name: 'request_isolation',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: "Ask the remote side to isolate this connection from its other leaf nodes' interest.",
    },
    {
      name: 'compression',
      values: COMPRESSION,
      default: '"s2_auto"',
      since: '2.10.0',
      description: 'S2 compression for this remote: a mode word, true/false (true means s2_auto), or a map.',
    },
    {
      name: 'first_info_timeout',
      values: [DURATION],
      default: '"1s"',
      since: '2.10.26',
      description: "How long to wait for the remote's first INFO message before dropping the connection.",
    },
    {
      name: 'dial_timeout',
      values: [DURATION],
      default: 'leafnodes.dial_timeout (1s)',
      since: '2.14.5',
      description: 'How long to wait for the TCP connection to this remote to be established.',
    },
    {
      name: 'disabled',
      values: [BOOLEAN],
      default: 'false',
      since: '2.12.0',
      description: 'Keep this remote in the file but do not connect to it.',
    },
    {
      name: 'proxy',
      values: [{ type: 'map', block: 'leafnodes.remote.proxy' }],
      since: '2.12.1',
      description: 'HTTP proxy to tunnel through; used only for ws:// and wss:// URLs.',
    },
    {
      name: 'ignore_discovered_servers',
      values: [BOOLEAN],
      default: 'false',
      since: '2.14.0',
      description: 'Connect only to the URLs listed here, not to servers the remote advertises.',
    },
  ],
};

const leafRemoteProxy: BlockSpec = {
  id: 'leafnodes.remote.proxy',
  title: 'proxy of a leafnode remote',
  docs: DOCS.leafnodes,
  options: [
    {
      name: 'url',
      values: [URL],
      since: '2.12.1',
      description: 'URL of the HTTP proxy (http:// or https://, with a host).',
    },
    {
      name: 'username',
      values: [STRING],
      since: '2.12.1',
      description: 'User name for proxy authentication (set together with password).',
    },
    {
      name: 'password',
      values: [STRING],
      since: '2.12.1',
      description: 'Password for proxy authentication (set together with username).',
    },
    {
      name: 'timeout',
      values: [DURATION],
      default: "the remote's dial timeout (1s)",
      since: '2.12.1',
      description: 'How long to wait for the proxy to open the tunnel.',
    },
  ],
};

// jetstream_cluster_migrate { leader_migrate_delay } — read by an exact map lookup, so the
// key is case-sensitive and any other key is silently ignored.
const leafRemoteJsMigrate: BlockSpec = {
  id: 'leafnodes.remote.jetstream_cluster_migrate',
  title: 'jetstream_cluster_migrate of a leafnode remote',
  caseSensitive: true,
  docs: DOCS.leafnodes,
  additionalKeys: {
    description: 'Ignored: nats-server reads only leader_migrate_delay (spelled exactly so) from this map.',
    values: [STRING, INTEGER, FLOAT, BOOLEAN],
  },
  options: [
    {
      name: 'leader_migrate_delay',
      values: [DURATION],
      default: '0 (migrate at once)',
      since: '2.11.0',
      description: 'How long the leaf connection must stay down before JetStream leaders are moved away.',
    },
  ],
};

// ---------------------------------------------------------------------------------------
// websocket { }

const websocket: BlockSpec = {
  id: 'websocket',
  title: 'websocket',
  docs: DOCS.websocket,
  options: [
    ...listenerOptions('websocket'),
    {
      name: 'advertise',
      values: [HOSTPORT],
      description: "The host:port given to clients as this server's websocket address.",
    },
    {
      name: 'no_tls',
      values: [BOOLEAN],
      default: 'false',
      description: 'Accept plain ws:// connections; without tls the server refuses to start unless this is true.',
    },
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS for websocket (wss://) connections; required unless no_tls is true.',
    },
    {
      name: 'same_origin',
      values: [BOOLEAN],
      default: 'false',
      description: "Accept only upgrade requests whose Origin header matches the request's host.",
    },
    {
      name: 'allowed_origins',
      aliases: ['allowed_origin', 'allow_origins', 'allow_origin', 'origins', 'origin'],
      values: oneOrList(URL),
      description: 'Origins (absolute http:// or https:// URLs) allowed to open websocket connections.',
    },
    {
      name: 'handshake_timeout',
      values: [DURATION_OR_SECONDS],
      description: 'Time allowed for the websocket handshake (a duration, or a number of seconds).',
    },
    {
      name: 'compression',
      aliases: ['compress'],
      values: [BOOLEAN],
      default: 'false',
      description: 'Offer per-message deflate compression to websocket clients.',
    },
    {
      name: 'authorization',
      aliases: ['authentication'],
      values: [SIMPLE_AUTHORIZATION_MAP],
      description:
        'A user/password or token required of websocket clients only (overrides the top-level one for them).',
    },
    {
      name: 'jwt_cookie',
      values: [STRING],
      description: 'Name of an HTTP cookie holding the user JWT (needs operator mode or trusted keys).',
    },
    {
      name: 'user_cookie',
      values: [STRING],
      since: '2.11.0',
      description: 'Name of an HTTP cookie holding the user name.',
    },
    {
      name: 'pass_cookie',
      values: [STRING],
      since: '2.11.0',
      description: 'Name of an HTTP cookie holding the password.',
    },
    {
      name: 'token_cookie',
      values: [STRING],
      since: '2.11.0',
      description: 'Name of an HTTP cookie holding the auth token.',
    },
    {
      name: 'no_auth_user',
      values: [STRING],
      description: 'Configured user that websocket clients without credentials are treated as.',
    },
    {
      name: 'headers',
      values: [{ type: 'map', block: 'websocket.headers' }],
      since: '2.11.0',
      description: 'Extra HTTP headers (name: value) sent in the websocket upgrade response.',
    },
    {
      name: 'ping_interval',
      values: [DURATION],
      default: 'the top-level ping_interval',
      since: ['2.11.12', '2.12.3'],
      description: 'How often to ping websocket clients, instead of the top-level ping_interval.',
    },
  ],
};

const websocketHeaders: BlockSpec = {
  id: 'websocket.headers',
  title: 'websocket headers',
  caseSensitive: true,
  docs: DOCS.websocket,
  options: [],
  additionalKeys: {
    description: 'An HTTP header to add to the upgrade response; its value must be a string.',
    values: [STRING],
  },
};

// ---------------------------------------------------------------------------------------
// mqtt { }

const mqtt: BlockSpec = {
  id: 'mqtt',
  title: 'mqtt',
  docs: DOCS.mqtt,
  options: [
    ...listenerOptions('MQTT'),
    {
      name: 'tls',
      values: [TLS_MAP],
      description: 'TLS for MQTT connections.',
    },
    {
      name: 'authorization',
      aliases: ['authentication'],
      values: [SIMPLE_AUTHORIZATION_MAP],
      description: 'A user/password or token required of MQTT clients only (overrides the top-level one for them).',
    },
    {
      name: 'no_auth_user',
      values: [STRING],
      description: 'Configured user that MQTT clients without credentials are treated as.',
    },
    {
      name: 'ack_wait',
      aliases: ['ackwait'],
      values: [DURATION],
      default: '"30s"',
      description: 'How long to wait for a QoS 1/2 acknowledgement before redelivering.',
    },
    {
      name: 'js_api_timeout',
      aliases: ['api_timeout'],
      values: [DURATION],
      default: '"5s"',
      since: '2.11.3',
      description: 'Timeout of the JetStream API requests the MQTT layer makes.',
    },
    {
      name: 'max_ack_pending',
      aliases: ['max_pending', 'max_inflight'],
      values: [{ type: 'integer', unit: 'count', min: 0, max: 65535 }],
      default: '1024',
      description: 'Most unacknowledged QoS 1/2 messages per subscription (0 means the default).',
    },
    {
      name: 'js_domain',
      values: [STRING],
      description: "JetStream domain the MQTT streams and consumers live in (e.g. the hub's, from a leaf node).",
    },
    {
      name: 'stream_replicas',
      values: [COUNT],
      default: 'the cluster size, at most 3',
      description: 'Replicas of the streams MQTT creates for sessions and retained messages.',
    },
    {
      name: 'consumer_replicas',
      values: [COUNT],
      deprecated:
        'Ignored since 2.9.12 (nats-server warns "consumer replicas setting ignored ' +
        'in this server version", which fails -t); consumers follow the stream.',
      description: 'Replicas of the consumers MQTT creates (read only before 2.9.12).',
    },
    {
      name: 'consumer_memory_storage',
      values: [BOOLEAN],
      default: 'false',
      description: "Keep MQTT consumers' state in memory instead of on disk.",
    },
    {
      name: 'consumer_inactive_threshold',
      aliases: ['consumer_auto_cleanup'],
      values: [DURATION],
      description: 'Delete MQTT consumers that have been inactive this long.',
    },
    {
      name: 'reject_qos2_publish',
      values: [BOOLEAN],
      default: 'false',
      since: '2.10.4',
      description: 'Disconnect clients that publish with QoS 2.',
    },
    {
      name: 'downgrade_qos2_subscribe',
      values: [BOOLEAN],
      default: 'false',
      since: '2.10.4',
      description: 'Grant QoS 1 to subscriptions that ask for QoS 2.',
    },
  ],
};

// authorization { } of websocket and mqtt (parseSimpleAuth).
const simpleAuthorization: BlockSpec = {
  id: 'simple_authorization',
  title: 'websocket or mqtt authorization',
  docs: DOCS.websocket,
  options: [
    {
      name: 'user',
      aliases: ['username'],
      values: [STRING],
      description: 'The single user name these clients must present (not with top-level users or nkeys).',
    },
    {
      name: 'password',
      aliases: ['pass'],
      values: [SECRET],
      description: 'Password for that user, plain or bcrypt.',
    },
    {
      name: 'token',
      values: [STRING],
      description: 'Token these clients must present instead of a user and password.',
    },
    {
      name: 'timeout',
      values: [SECONDS, FLOAT, { type: 'string', unread: 'uses a timeout of 1 second instead' }],
      default: "the server's auth timeout",
      description: 'Seconds a client has to authenticate (a number only; a string is silently taken as 1).',
    },
  ],
};

export const networkBlocks: BlockSpec[] = [
  cluster,
  clusterAuthorization,
  compression,
  gateway,
  gatewayRemote,
  leafnodes,
  leafAuthorization,
  leafUser,
  leafRemote,
  leafRemoteProxy,
  leafRemoteJsMigrate,
  websocket,
  websocketHeaders,
  mqtt,
  simpleAuthorization,
];
