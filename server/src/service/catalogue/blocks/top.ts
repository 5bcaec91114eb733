// The top level of a nats-server config (processConfigFileLine in server/opts.go) and the
// small blocks only it opens: ocsp, ocsp_cache, resolver (map form), resolver_preload,
// proxies, feature_flags, server_metadata and default_js_domain.
//
// Facts were read from server/opts.go at every release tag from v2.9.0 to v2.14.5 and at
// HEAD (2.15.0-dev), and from the team reference (shared/reference/nats-conf.md §2.1, §2.11,
// §5.3, Appendix A). Descriptions are our own words.

import {
  ACCOUNT,
  ACCOUNT_LIST,
  AUTHORIZATION_MAP,
  BOOLEAN,
  COUNT,
  DURATION,
  DURATION_OR_SECONDS,
  FLOAT,
  HOST,
  HOSTPORT,
  INT32_SIZE,
  INTEGER,
  JETSTREAM_SWITCH,
  JWT,
  LISTEN,
  MAPPINGS_MAP,
  NAME,
  NKEY,
  OPENED_FILE,
  PATH,
  PORT,
  SIZE,
  STRICT_DURATION,
  STRING,
  TLS_MAP,
  URL,
  URL_LIST,
  WRITE_TIMEOUT_POLICY,
  oneOrList,
} from '../forms';
import { BlockSpec, OptionSpec } from '../schema';

const CONF = 'https://docs.nats.io/running-a-nats-service/configuration';
const LOGGING = `${CONF}/logging`;
const MONITORING = `${CONF}/monitoring`;
const TLS = `${CONF}/securing_nats/tls`;
const OCSP = `${CONF}/securing_nats/ocsp`;
const AUTH = `${CONF}/securing_nats/auth_intro`;
const ACCOUNTS = `${CONF}/securing_nats/accounts`;
const JWT_AUTH = `${CONF}/securing_nats/auth_intro/jwt`;
const RESOLVER = `${CONF}/securing_nats/auth_intro/jwt/resolver`;
const MEM_RESOLVER = `${CONF}/securing_nats/auth_intro/jwt/mem_resolver`;
const AUTH_CALLOUT = `${CONF}/securing_nats/auth_callout`;
const JETSTREAM = `${CONF}/resource_management`;
const CLUSTERING = `${CONF}/clustering`;
const GATEWAYS = `${CONF}/gateways`;
const LEAFNODES = `${CONF}/leafnodes`;
const JS_LEAFNODES = `${CONF}/leafnodes/jetstream_leafnodes`;
const WEBSOCKET = `${CONF}/websocket`;
const MQTT = `${CONF}/mqtt`;
const SUBJECT_MAPPING = `${CONF}/configuring_subject_mapping`;
const SYS_ACCOUNTS = `${CONF}/sys_accounts`;
const LAME_DUCK = 'https://docs.nats.io/running-a-nats-service/nats_admin/lame_duck_mode';
const PROFILING = 'https://docs.nats.io/running-a-nats-service/nats_admin/profiling';
const SLOW_CONSUMERS = 'https://docs.nats.io/running-a-nats-service/nats_admin/slow_consumers';
/** The per-key configuration reference (used for keys the guide pages do not cover). */
const REF = (key: string) => `https://docs.nats.io/reference/config/${key}/`;

const topOptions: OptionSpec[] = [
  // ---- client listener -------------------------------------------------------------------
  {
    name: 'listen',
    values: LISTEN,
    default: '"0.0.0.0:4222"',
    description: 'Host and port for client connections in one value ("host:port", or just a port number).',
  },
  {
    name: 'host',
    aliases: ['net'],
    values: [HOST],
    default: '"0.0.0.0"',
    description: 'Interface address the client listener binds to.',
  },
  {
    name: 'port',
    values: [PORT],
    default: '4222',
    description: 'Port for client connections; -1 picks a random free port.',
  },
  {
    name: 'client_advertise',
    values: [HOSTPORT],
    default: 'the host and port the server listens on',
    description:
      'Host or host:port announced to clients and other servers instead of the listen address (useful behind NAT).',
  },
  {
    name: 'server_name',
    values: [NAME],
    default: "the server's generated public ID",
    description:
      'Name of this server, shown in logs and monitoring; must be unique in a cluster and may not contain spaces.',
  },
  {
    name: 'server_tags',
    values: oneOrList(STRING),
    default: '[]',
    description: 'Tags describing this server (key:value style recommended), used e.g. for JetStream placement.',
  },
  {
    name: 'server_metadata',
    values: [{ type: 'map', block: 'server_metadata' }],
    since: '2.12.0',
    description: 'Free-form string key/value pairs reported with this server in monitoring.',
    docs: REF('server_metadata'),
  },
  {
    name: 'tls',
    values: [TLS_MAP],
    description: 'TLS settings for client connections (and the HTTPS monitoring port).',
    docs: TLS,
  },
  {
    name: 'allow_non_tls',
    values: [BOOLEAN],
    default: 'false',
    description: 'With tls configured, also accept clients that do not use TLS.',
    docs: TLS,
  },
  {
    name: 'ocsp',
    values: [BOOLEAN, { type: 'map', block: 'ocsp' }],
    default: 'auto mode (staple only for Must-Staple certificates)',
    description: 'OCSP stapling for the server certificate: true/false, or a map with mode and override URL.',
    docs: OCSP,
  },
  {
    name: 'ocsp_cache',
    values: [BOOLEAN, { type: 'map', block: 'ocsp_cache' }],
    since: '2.9.21',
    description: 'Cache for OCSP responses used when verifying peer certificates (tls ocsp_peer): true/false or a map.',
    docs: OCSP,
  },
  {
    name: 'proxy_protocol',
    values: [BOOLEAN],
    default: 'false',
    since: '2.12.2',
    description: 'Expect a PROXY protocol header on client connections to learn the original client address.',
    docs: REF('proxy_protocol'),
  },
  {
    name: 'proxies',
    values: [{ type: 'map', block: 'proxies' }],
    since: '2.12.0',
    description: 'Trusted proxies (by public nkey) that clients may connect through.',
    docs: REF('proxies'),
  },

  // ---- monitoring ------------------------------------------------------------------------
  {
    name: 'http',
    values: LISTEN,
    description: 'Host and port ("host:port" or a port) of the HTTP monitoring endpoint.',
    docs: MONITORING,
  },
  {
    name: 'https',
    values: LISTEN,
    description: 'Host and port ("host:port" or a port) of the HTTPS monitoring endpoint; needs tls.',
    docs: MONITORING,
  },
  {
    name: 'http_port',
    aliases: ['monitor_port'],
    values: [PORT],
    default: 'off (8222 by convention)',
    description: 'Port of the HTTP monitoring endpoint.',
    docs: MONITORING,
  },
  {
    name: 'https_port',
    values: [PORT],
    default: 'off',
    description: 'Port of the HTTPS monitoring endpoint; uses the tls settings.',
    docs: MONITORING,
  },
  {
    name: 'http_base_path',
    values: [STRING],
    default: '"/"',
    description: 'URL path prefix under which the monitoring endpoints are served.',
    docs: MONITORING,
  },
  {
    name: 'system_account',
    aliases: ['system'],
    values: [ACCOUNT],
    default: '"$SYS"',
    description: 'Account used for system events and server requests; only matched when written in lower case.',
    docs: SYS_ACCOUNTS,
  },
  {
    name: 'no_system_account',
    aliases: ['no_system', 'no_sys_acc'],
    values: [BOOLEAN],
    default: 'false',
    description: 'Do not create the default system account.',
    docs: SYS_ACCOUNTS,
  },

  // ---- logging ---------------------------------------------------------------------------
  {
    name: 'debug',
    values: [BOOLEAN],
    default: 'false',
    description: 'Log debug messages.',
    docs: LOGGING,
  },
  {
    name: 'trace',
    values: [BOOLEAN],
    default: 'false',
    description: 'Log protocol trace messages (excluding the system account).',
    docs: LOGGING,
  },
  {
    name: 'trace_verbose',
    values: [BOOLEAN],
    default: 'false',
    description: 'Log protocol trace messages including system account traffic; also turns on trace.',
    docs: LOGGING,
  },
  {
    name: 'trace_headers',
    values: [BOOLEAN],
    default: 'false',
    since: '2.11.2',
    description: 'Trace only message headers rather than payloads; also turns on trace.',
    docs: LOGGING,
  },
  {
    name: 'max_traced_msg_len',
    values: [SIZE],
    default: '0 (unlimited)',
    description: 'Truncate traced message payloads to this many bytes.',
    docs: LOGGING,
  },
  {
    name: 'logtime',
    values: [BOOLEAN],
    default: 'true',
    description: 'Prefix log lines with a timestamp.',
    docs: LOGGING,
  },
  {
    name: 'logtime_utc',
    values: [BOOLEAN],
    default: 'false',
    since: '2.9.21',
    description: 'Write log timestamps in UTC instead of local time.',
    docs: LOGGING,
  },
  {
    name: 'log_file',
    aliases: ['logfile'],
    values: [PATH],
    default: 'stderr',
    description: 'File to write the log to instead of standard error.',
    docs: LOGGING,
  },
  {
    name: 'log_size_limit',
    aliases: ['logfile_size_limit'],
    values: [SIZE],
    default: '0 (no rotation)',
    description: 'Rotate the log file once it reaches this many bytes.',
    docs: LOGGING,
  },
  {
    name: 'log_max_num',
    aliases: ['logfile_max_num'],
    values: [COUNT],
    default: '0 (keep all)',
    since: '2.10.0',
    description: 'How many rotated log files to keep; older ones are deleted.',
    docs: LOGGING,
  },
  {
    name: 'syslog',
    values: [BOOLEAN],
    default: 'false',
    description: 'Send the log to the local syslog.',
    docs: LOGGING,
  },
  {
    name: 'remote_syslog',
    values: [URL],
    description: 'Address of a remote syslog server, e.g. "udp://host:514".',
    docs: LOGGING,
  },
  {
    name: 'pid_file',
    aliases: ['pidfile'],
    values: [PATH],
    description: 'File the server writes its process ID to (used by nats-server --signal).',
  },
  {
    name: 'ports_file_dir',
    values: [PATH],
    description: 'Directory in which the server writes a file listing the ports it listens on.',
  },
  {
    name: 'connect_error_reports',
    values: [COUNT],
    default: '3600',
    description:
      'Log every Nth failed connect attempt of a route, gateway or leaf node (attempts are about one per second).',
  },
  {
    name: 'reconnect_error_reports',
    values: [COUNT],
    default: '1',
    description: 'Log every Nth failed reconnect attempt of a route, gateway or leaf node.',
  },

  // ---- profiling -------------------------------------------------------------------------
  {
    name: 'prof_port',
    values: [PORT],
    default: 'off',
    description: 'Port of the Go pprof profiling HTTP endpoint.',
    docs: PROFILING,
  },
  {
    name: 'prof_block_rate',
    values: [INTEGER],
    default: '0 (off)',
    since: '2.10.2',
    description: 'Sampling rate of the Go block profile exposed on prof_port.',
    docs: PROFILING,
  },

  // ---- limits ----------------------------------------------------------------------------
  {
    name: 'max_connections',
    aliases: ['max_conn'],
    values: [COUNT],
    default: '65536',
    description:
      'Maximum number of client connections (from 2.12.5, 0 refuses every client; before, 0 meant the default).',
  },
  {
    name: 'max_subscriptions',
    aliases: ['max_subs'],
    values: [COUNT],
    default: '0 (unlimited)',
    description: 'Maximum number of subscriptions per client connection.',
  },
  {
    name: 'max_sub_tokens',
    aliases: ['max_subscription_tokens'],
    values: [{ type: 'integer', unit: 'count', min: 1, max: 255 }],
    default: 'unlimited',
    description: 'Maximum number of tokens in a subscription subject.',
  },
  {
    name: 'max_control_line',
    values: [INT32_SIZE],
    default: '4096',
    description: 'Maximum length in bytes of a protocol line (subject plus queue group and arguments).',
  },
  {
    name: 'max_payload',
    values: [INT32_SIZE],
    default: '1048576 (1MB)',
    description: 'Maximum message payload in bytes; must not exceed max_pending, values above 8MB are discouraged.',
  },
  {
    name: 'max_pending',
    values: [SIZE],
    default: '67108864 (64MB)',
    description: 'Maximum bytes buffered for a client connection before it is treated as a slow consumer.',
  },
  {
    name: 'max_closed_clients',
    values: [COUNT],
    default: '10000',
    since: '2.10.26',
    description: 'How many closed connections are remembered for the /connz monitoring endpoint.',
    docs: REF('max_closed_clients'),
  },
  {
    name: 'ping_interval',
    values: [DURATION],
    default: '"2m"',
    description:
      'Interval between server pings to idle connections; quote minutes ("2m"), as unquoted 2m means 2,000,000.',
  },
  {
    name: 'ping_max',
    values: [COUNT],
    default: '2',
    description: 'Unanswered pings allowed before a connection is closed.',
  },
  {
    name: 'write_deadline',
    values: [DURATION],
    default: '"10s"',
    description: 'How long a write to a connection may block before the connection is considered a slow consumer.',
    docs: SLOW_CONSUMERS,
  },
  {
    name: 'write_timeout',
    values: [WRITE_TIMEOUT_POLICY],
    default: '"default"',
    since: ['2.11.11', '2.12.2'],
    description: 'What to do with a client whose write hits write_deadline: default, close the connection, or retry.',
    docs: REF('write_timeout'),
  },
  {
    name: 'no_fast_producer_stall',
    values: [BOOLEAN],
    default: 'false',
    since: '2.10.26',
    description:
      'Do not stall fast publishers when a receiving connection falls behind; drop for the slow consumer instead.',
    docs: REF('no_fast_producer_stall'),
  },
  {
    name: 'no_header_support',
    values: [BOOLEAN],
    default: 'false',
    description: 'Disable message header support for clients.',
  },
  {
    name: 'disable_sublist_cache',
    aliases: ['no_sublist_cache'],
    values: [BOOLEAN],
    default: 'false',
    description: 'Turn off the subject-match cache of every account (saves memory when subjects rarely repeat).',
  },
  {
    name: 'lame_duck_duration',
    values: [{ type: 'duration', integer: 'error', min: '30s' }],
    default: '"2m"',
    description:
      'Time over which lame duck mode closes client connections before the server shuts down (at least 30s).',
    docs: LAME_DUCK,
  },
  {
    name: 'lame_duck_grace_period',
    values: [{ type: 'duration', integer: 'error', min: '0s' }],
    default: '"10s"',
    description: 'Wait after entering lame duck mode before closing clients; must be shorter than lame_duck_duration.',
    docs: LAME_DUCK,
  },
  {
    name: 'feature_flags',
    values: [{ type: 'map', block: 'feature_flags' }],
    since: '2.14.0',
    description: 'Opt in to (or out of) features that are not yet on by default, by flag name.',
    docs: REF('feature_flags'),
  },

  // ---- sub-systems -----------------------------------------------------------------------
  {
    name: 'cluster',
    values: [{ type: 'map', block: 'cluster' }],
    description: 'Routes to the other servers of this cluster.',
    docs: CLUSTERING,
  },
  {
    name: 'gateway',
    values: [{ type: 'map', block: 'gateway' }],
    description: 'Gateway connections joining this cluster to others in a super-cluster.',
    docs: GATEWAYS,
  },
  {
    name: 'leafnodes',
    aliases: ['leaf'],
    values: [{ type: 'map', block: 'leafnodes' }],
    description: 'Leaf node listener and remote leaf node connections.',
    docs: LEAFNODES,
  },
  {
    name: 'websocket',
    aliases: ['ws'],
    values: [{ type: 'map', block: 'websocket' }],
    description: 'WebSocket listener for clients.',
    docs: WEBSOCKET,
  },
  {
    name: 'mqtt',
    values: [{ type: 'map', block: 'mqtt' }],
    description: 'MQTT listener and its settings.',
    docs: MQTT,
  },
  {
    name: 'jetstream',
    values: [{ type: 'map', block: 'jetstream' }, BOOLEAN, JETSTREAM_SWITCH],
    default: 'disabled',
    description:
      'Enable JetStream: true/false, "enabled"/"disabled", or a map of JetStream settings (a map enables it).',
    docs: JETSTREAM,
  },
  {
    name: 'store_dir',
    aliases: ['storedir'],
    values: [PATH],
    default: 'a temporary directory',
    description: 'JetStream storage directory; an alternative to jetstream.store_dir (setting both is an error).',
    docs: JETSTREAM,
  },
  {
    name: 'default_js_domain',
    values: [{ type: 'map', block: 'default_js_domain' }],
    description:
      'Per account, the JetStream domain used when a request names none (a temporary compatibility setting).',
    docs: JS_LEAFNODES,
  },

  // ---- authentication and accounts -------------------------------------------------------
  {
    name: 'authorization',
    values: [AUTHORIZATION_MAP],
    description: 'Client authentication: single user, token, users list, default permissions, auth callout.',
    docs: AUTH,
  },
  {
    name: 'accounts',
    values: [{ type: 'map', block: 'accounts' }, ACCOUNT_LIST],
    description: 'Accounts of this server: a map of account name to settings, or an array of bare account names.',
    docs: ACCOUNTS,
  },
  {
    name: 'no_auth_user',
    values: [NAME],
    description:
      'User (name or nkey, from authorization or accounts) that clients connecting without credentials act as.',
    docs: ACCOUNTS,
  },
  {
    name: 'mappings',
    aliases: ['maps'],
    values: [MAPPINGS_MAP],
    description: 'Subject mappings for the default global account.',
    docs: SUBJECT_MAPPING,
  },
  {
    name: 'default_sentinel',
    values: [JWT],
    since: '2.11.2',
    description:
      'Bearer user JWT that clients without credentials are given in operator mode (used with auth callout).',
    docs: AUTH_CALLOUT,
  },

  // ---- operator (JWT) mode ---------------------------------------------------------------
  {
    name: 'operator',
    aliases: ['operators', 'root', 'roots', 'root_operator', 'root_operators'],
    values: [OPENED_FILE, JWT, { type: 'array', items: [OPENED_FILE, JWT] }],
    description: 'Trusted operator JWT(s): a file path or an inline JWT, or an array of them; turns on operator mode.',
    docs: JWT_AUTH,
  },
  {
    name: 'trusted',
    aliases: ['trusted_keys'],
    values: oneOrList(NKEY),
    description: 'Operator public nkey(s) whose signed account JWTs are trusted (cannot be combined with operator).',
    docs: JWT_AUTH,
  },
  {
    name: 'resolver',
    aliases: ['account_resolver', 'accounts_resolver'],
    values: [{ type: 'map', block: 'resolver' }, STRING],
    default: 'the URL resolver from the operator JWT, if any',
    description:
      'Where account JWTs come from: MEMORY, URL("https://..."), or a map for the built-in full/cache resolver.',
    docs: RESOLVER,
  },
  {
    name: 'resolver_tls',
    values: [TLS_MAP],
    description: 'TLS settings for the outgoing connection of a URL account resolver.',
    docs: RESOLVER,
  },
  {
    name: 'resolver_preload',
    values: [{ type: 'map', block: 'resolver_preload' }],
    description: 'Account JWTs loaded at startup, keyed by account public key.',
    docs: MEM_RESOLVER,
  },
  {
    name: 'resolver_pinned_accounts',
    values: oneOrList(NKEY),
    description:
      'Operator mode: only users of these accounts (public keys; the system account is always added) may connect.',
    docs: RESOLVER,
  },
];

export const topBlocks: BlockSpec[] = [
  {
    id: 'top',
    title: 'the top level of the config',
    options: topOptions,
    docs: CONF,
  },
  {
    id: 'ocsp',
    title: 'ocsp',
    caseSensitive: true,
    variablesExempt: false,
    unknownField: 'error parsing ocsp config: unsupported field string',
    docs: OCSP,
    options: [
      {
        name: 'mode',
        values: [{ type: 'string', enum: ['auto', 'always', 'must', 'never'], caseSensitive: false }],
        default: '"auto"',
        description:
          'auto: staple only Must-Staple certificates; always/must: ' +
          'always staple (shut down on revocation); never: off.',
      },
      {
        name: 'url',
        values: [URL],
        default: 'the responder named in the certificate',
        description: 'OCSP responder URL to use instead of the one in the certificate.',
      },
      {
        name: 'urls',
        values: [URL_LIST],
        description: 'List of OCSP responder URLs to use instead of the one in the certificate.',
        deprecated:
          'nats-server cannot read this key from a config file (any ' +
          'value fails with an interface conversion error); use url.',
      },
    ],
  },
  {
    id: 'ocsp_cache',
    title: 'ocsp_cache',
    variablesExempt: false,
    unknownField: 'error parsing OCSP peer cache config, unknown field ["%s"]',
    docs: OCSP,
    options: [
      {
        name: 'type',
        values: [{ type: 'string', enum: ['local', 'none'], caseSensitive: false }],
        default: '"local"',
        description: 'local: keep OCSP responses in memory and save them to disk; none: no cache.',
      },
      {
        name: 'local_store',
        values: [PATH],
        default: '"_rc_"',
        description: 'Directory where the local cache is saved.',
      },
      {
        name: 'preserve_revoked',
        values: [BOOLEAN],
        default: 'false',
        description: 'Keep cached "revoked" responses even after they expire.',
      },
      {
        name: 'save_interval',
        values: [DURATION_OR_SECONDS, FLOAT],
        default: '"5m"',
        description: 'How often the local cache is written to disk (a duration, or seconds; below 1s counts as 1s).',
      },
    ],
  },
  {
    id: 'resolver',
    title: 'resolver (built-in account resolver)',
    caseSensitive: true,
    docs: RESOLVER,
    options: [
      {
        name: 'type',
        values: [{ type: 'string', enum: ['full', 'cache', 'mem', 'memory'], caseSensitive: false }],
        description:
          'full: keep every account JWT on disk; cache: keep the most ' +
          'recent ones and look up the rest; mem/memory: in memory.',
      },
      {
        name: 'dir',
        values: [PATH],
        description: 'Directory holding the account JWTs (required for full and cache; created if missing).',
      },
      {
        name: 'allow_delete',
        values: [BOOLEAN],
        default: 'false',
        description:
          'full only: allow account JWTs to be deleted through the ' +
          'system account (they are renamed unless hard_delete).',
      },
      {
        name: 'hard_delete',
        values: [BOOLEAN],
        default: 'false',
        since: '2.9.16',
        description: 'full only, with allow_delete: remove deleted JWT files instead of renaming them.',
      },
      {
        name: 'limit',
        values: [COUNT],
        default: 'full: unlimited; cache: 1000',
        description: 'Maximum number of account JWTs kept.',
      },
      {
        name: 'ttl',
        values: [STRICT_DURATION],
        default: 'no expiry',
        description: 'cache only: how long a cached account JWT is kept.',
      },
      {
        name: 'interval',
        values: [STRICT_DURATION],
        default: '"1m"',
        description: 'full only: how often servers compare and synchronise their JWT stores.',
      },
      {
        name: 'timeout',
        values: [STRICT_DURATION],
        default: '"1.9s"',
        description: 'How long to wait for an account JWT lookup from other servers (must be positive).',
      },
    ],
  },
  {
    id: 'resolver_preload',
    title: 'resolver_preload',
    caseSensitive: true,
    options: [],
    additionalKeys: {
      description: "An account public key, mapped to that account's JWT.",
      values: [JWT],
    },
    docs: MEM_RESOLVER,
  },
  {
    id: 'proxies',
    title: 'proxies',
    docs: REF('proxies'),
    options: [
      {
        name: 'trusted',
        since: '2.12.0',
        values: [{ type: 'array', items: [{ type: 'map', block: 'proxies.trusted' }] }],
        description: 'The proxies trusted to forward client connections, each identified by its public nkey.',
      },
    ],
  },
  {
    id: 'proxies.trusted',
    title: 'a trusted proxy in proxies.trusted',
    docs: REF('proxies'),
    options: [
      {
        name: 'key',
        since: '2.12.0',
        aliases: ['public_key'],
        values: [NKEY],
        description: 'Public nkey the proxy signs its connections with.',
      },
    ],
  },
  {
    id: 'feature_flags',
    title: 'feature_flags',
    caseSensitive: true,
    docs: REF('feature_flags'),
    options: [
      {
        name: 'js_ack_fc_v2',
        values: [BOOLEAN],
        default: 'false',
        since: '2.14.0',
        description:
          'Use the v2 subject layout (with domain and account hash) for JetStream ack and flow-control subjects.',
      },
      {
        name: 'js_raft_delete_range',
        values: [BOOLEAN],
        default: 'false',
        since: '2.14.0',
        description: 'Replicate ranges of deleted messages as one entry; enable only when every peer supports it.',
      },
      {
        name: 'js_snapshot_sources',
        values: [BOOLEAN],
        default: 'false',
        since: '2.15.0',
        description: 'Include stream sourcing state in replicated snapshots; enable only when every peer supports it.',
      },
    ],
    additionalKeys: {
      description:
        'A feature flag name (names unknown to this server are listed as unsupported at startup and ignored).',
      values: [BOOLEAN],
    },
  },
  {
    id: 'server_metadata',
    title: 'server_metadata',
    caseSensitive: true,
    options: [],
    additionalKeys: {
      description: 'A metadata key, mapped to its string value.',
      values: [STRING],
    },
    docs: REF('server_metadata'),
  },
  {
    id: 'default_js_domain',
    title: 'default_js_domain',
    caseSensitive: true,
    options: [],
    additionalKeys: {
      description: 'An account, mapped to the JetStream domain its requests default to.',
      values: [STRING],
    },
    docs: JS_LEAFNODES,
  },
];
