// Authentication, authorization and accounts: the `authorization { }` block, user entries,
// permissions, auth callout, the `accounts { }` map and everything an account holds
// (imports, exports, subject mappings, limits, message tracing).
//
// Sources: nats-server server/opts.go (parseAuthorization, parseUsers, parseUserPermissions,
// parseSubjectPermission, parseAllowResponses, parseAuthCallout, parseAccounts,
// parseAccount, parseAccountLimits, parseAccountMsgTrace, parseExportStreamOrService,
// parseServiceLatency, parseImportStreamOrService, parseAccountMappings,
// parseAccountMapDest), checked at v2.9.0, v2.9.10, v2.10.0, v2.11.0, v2.12.0, v2.14.0
// and HEAD; /work/shared/reference/nats-conf.md §2.5, §2.6, §5.3.

import {
  ACCOUNT,
  ACCOUNT_LIST,
  AUTH_CALLOUT_MAP,
  AUTH_TIMEOUT,
  BOOLEAN,
  COUNT,
  IMPORT_SOURCE_MAP,
  JETSTREAM_SWITCH,
  MAPPINGS_MAP,
  MAPPING_DESTINATION_MAP,
  NAME,
  NKEY,
  NON_NEGATIVE_COUNT,
  PERMISSIONS_MAP,
  SAMPLING,
  SECRET,
  SIZE,
  STRICT_DURATION,
  STRING,
  SUBJECT,
  SUBJECTS,
  SUBJECT_PERMISSION,
  USER_LIST,
} from '../forms';
import { BlockSpec, StringValue } from '../schema';

const CONF = 'https://docs.nats.io/running-a-nats-service/configuration';
const AUTH_INTRO = `${CONF}/securing_nats/auth_intro`;
const AUTHZ = `${CONF}/securing_nats/authorization`;
const ACCOUNTS = `${CONF}/securing_nats/accounts`;
const CALLOUT = `${CONF}/securing_nats/auth_callout`;
const MAPPING = `${CONF}/configuring_subject_mapping`;
const TOKENS = `${AUTH_INTRO}/tokens`;
const USER_PASS = `${AUTH_INTRO}/username_password`;
const NKEYS = `${AUTH_INTRO}/nkey_auth`;
const LIMITS = 'https://docs.nats.io/reference/config/accounts/limits';
const MSG_TRACE = 'https://docs.nats.io/reference/config/accounts/msg_trace';

/** Words accepted by allowed_connection_types (upper-cased before matching). IN_PROCESS: 2.11.0+. */
const CONNECTION_TYPE: StringValue = {
  type: 'string',
  enum: ['STANDARD', 'WEBSOCKET', 'LEAFNODE', 'LEAFNODE_WS', 'MQTT', 'MQTT_WS', 'IN_PROCESS'],
  caseSensitive: false,
};

export const authBlocks: BlockSpec[] = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'authorization',
    title: 'authorization',
    docs: AUTH_INTRO,
    options: [
      {
        name: 'user',
        aliases: ['username'],
        values: [NAME],
        description:
          'Single-user mode: the one user name clients must present. ' +
          'Cannot be combined with `token` or a `users` list.',
        docs: USER_PASS,
      },
      {
        name: 'password',
        aliases: ['pass'],
        values: [SECRET],
        description: 'Password for the single user; plain text or a bcrypt hash (`$2a$…`).',
        docs: USER_PASS,
      },
      {
        name: 'token',
        values: [SECRET],
        description:
          'A shared secret clients present instead of a user name; plain or ' +
          'bcrypt. Cannot be combined with user/password or a `users` list.',
        docs: TOKENS,
      },
      {
        name: 'timeout',
        values: AUTH_TIMEOUT,
        default: '2 (seconds; TLS timeout + 1 when TLS is configured)',
        description:
          'Seconds a client has to authenticate after connecting. A quoted duration ("5s") ' +
          'is read only from 2.11.2; earlier releases silently use 1 second for a string. ' +
          'Unquoted `2m` is 2,000,000 seconds; over 60 s gives a warning (2.11.2+).',
      },
      {
        name: 'users',
        values: [USER_LIST],
        description:
          'Multi-user mode: a list of user entries (user/password or nkey), each ' +
          'with optional permissions. Users here belong to the global account.',
      },
      {
        name: 'default_permissions',
        aliases: ['default_permission', 'permissions'],
        values: [PERMISSIONS_MAP],
        description: 'Permissions given to every user in `users` that has none of its own.',
        docs: AUTHZ,
      },
      {
        name: 'auth_callout',
        aliases: ['auth_hook'],
        values: [AUTH_CALLOUT_MAP],
        since: '2.10.0',
        description:
          'Delegate authentication to an external service that answers on ' +
          '$SYS.REQ.USER.AUTH with a signed user JWT. Rejected in FIPS-140 mode.',
        docs: CALLOUT,
      },
      {
        name: 'proxy_required',
        values: [BOOLEAN],
        default: 'false',
        since: '2.12.0',
        description:
          'Clients authenticating with the single user or token must arrive through a trusted proxy (see `proxies`).',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'user',
    title: "a user in authorization.users or an account's users",
    docs: AUTH_INTRO,
    options: [
      {
        name: 'user',
        aliases: ['username'],
        values: [NAME],
        description:
          'Name the client logs in with. Each entry needs either ' +
          '`user` or `nkey`; names must be unique across all accounts.',
        docs: USER_PASS,
      },
      {
        name: 'password',
        aliases: ['pass'],
        values: [SECRET],
        description: 'Password for this user; plain text or a bcrypt hash (`$2a$…`). Not allowed together with `nkey`.',
        docs: USER_PASS,
      },
      {
        name: 'nkey',
        values: [NKEY],
        description:
          'Public user nkey (starts with `U`) the client proves ownership ' +
          'of; replaces user/password, which must then be absent.',
        docs: NKEYS,
      },
      {
        name: 'permissions',
        aliases: ['permission', 'authorization'],
        values: [PERMISSIONS_MAP],
        description: 'Subjects this user may publish and subscribe to; overrides default_permissions.',
        docs: AUTHZ,
      },
      {
        name: 'allowed_connection_types',
        aliases: ['connection_types', 'clients'],
        values: [{ type: 'array', items: [CONNECTION_TYPE] }, CONNECTION_TYPE],
        default: 'all types',
        description:
          'Kinds of connection this user may make: STANDARD, WEBSOCKET, ' +
          'LEAFNODE, LEAFNODE_WS, MQTT, MQTT_WS, or IN_PROCESS (2.11.0+).',
      },
      {
        name: 'proxy_required',
        values: [BOOLEAN],
        default: 'false',
        since: '2.12.0',
        description: 'This user may only connect through a trusted proxy (see `proxies`).',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'permissions',
    title: 'permissions',
    docs: AUTHZ,
    unknownField: 'Unknown field "%s" parsing permissions',
    options: [
      {
        name: 'publish',
        aliases: ['pub', 'import'],
        values: SUBJECT_PERMISSION,
        default: 'everything allowed',
        description:
          'Subjects the client may publish to: a subject, a list ' +
          '(allow list), or an {allow, deny} map. Deny wins over allow.',
      },
      {
        name: 'subscribe',
        aliases: ['sub', 'export'],
        values: SUBJECT_PERMISSION,
        default: 'everything allowed',
        description:
          'Subjects the client may subscribe to: a subject, a list, or an {allow, ' +
          'deny} map; an entry may be "subject queue" to name a queue group.',
      },
      {
        name: 'allow_responses',
        aliases: ['publish_allow_responses'],
        values: [BOOLEAN, { type: 'map', block: 'allow_responses' }],
        default: 'false',
        description:
          'Let the client publish replies to the reply subjects of requests it received (default ' +
          '1 reply within 2m). Enabling it turns a missing publish allow list into an empty one.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'subject_permission',
    title: 'a publish/subscribe permission map',
    docs: AUTHZ,
    unknownField: "Unknown field name \"%s\" parsing subject permissions, only 'allow' or 'deny' are permitted",
    options: [
      {
        name: 'allow',
        values: SUBJECTS,
        description: 'Subjects (wildcards allowed) that are permitted; when given, everything else is refused.',
      },
      {
        name: 'deny',
        values: SUBJECTS,
        description: 'Subjects (wildcards allowed) that are refused, even when an allow entry matches.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'allow_responses',
    title: 'allow_responses',
    docs: AUTHZ,
    unknownField: 'Unknown field "%s" parsing permissions',
    options: [
      {
        name: 'max',
        aliases: ['max_msgs', 'max_messages', 'max_responses'],
        values: [COUNT],
        default: '1',
        description:
          'How many replies may be sent to one reply subject; 0 keeps the default, a negative value means unlimited.',
      },
      {
        name: 'expires',
        aliases: ['expiration', 'ttl'],
        values: [STRICT_DURATION],
        default: '"2m"',
        description:
          'How long the right to reply lasts (a quoted duration); ' +
          '0 keeps the default, a negative value means no expiry.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'auth_callout',
    title: 'auth_callout',
    docs: CALLOUT,
    unknownField: 'Unknown field "%s" parsing authorization callout',
    options: [
      {
        name: 'issuer',
        values: [NKEY],
        since: '2.10.0',
        description: 'Required. Public account nkey (`A…`) whose key signs the authorization responses.',
      },
      {
        name: 'account',
        aliases: ['acc'],
        values: [ACCOUNT],
        default: '"$G"',
        since: '2.10.0',
        description: 'Account the callout service and its auth_users live in.',
      },
      {
        name: 'auth_users',
        aliases: ['users'],
        values: [{ type: 'array', items: [NAME], minItems: 1 }],
        since: '2.10.0',
        description:
          'Required. Users (names or nkeys) that bypass the callout; ' +
          'the callout service itself connects as one of them.',
      },
      {
        name: 'xkey',
        aliases: ['key'],
        values: [NKEY],
        since: '2.10.0',
        description: 'Public curve key (`X…`) used to encrypt the authorization requests sent to the service.',
      },
      {
        name: 'allowed_accounts',
        values: [ACCOUNT_LIST],
        default: 'all accounts',
        since: '2.11.0',
        description: 'Accounts the callout may place users into; each must be defined in `accounts`.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'accounts',
    title: 'accounts',
    docs: ACCOUNTS,
    caseSensitive: true,
    options: [],
    additionalKeys: {
      description:
        'An account, named by its key: its users, imports, exports, ' +
        'JetStream, mappings and limits. The name "$G" is reserved.',
      values: [{ type: 'map', block: 'account' }],
    },
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'account',
    title: 'an account',
    docs: ACCOUNTS,
    options: [
      {
        name: 'nkey',
        values: [NKEY],
        description: 'Public account nkey (`A…`) that identifies this account.',
      },
      {
        name: 'users',
        values: [USER_LIST],
        description: 'Users (user/password or nkey) who log in to this account.',
      },
      {
        name: 'imports',
        values: [{ type: 'array', items: [{ type: 'map', block: 'import' }] }],
        description: 'Streams and services this account takes from other accounts.',
      },
      {
        name: 'exports',
        values: [{ type: 'array', items: [{ type: 'map', block: 'export' }] }],
        description: 'Streams and services this account offers to other accounts.',
      },
      {
        name: 'jetstream',
        values: [JETSTREAM_SWITCH, BOOLEAN, { type: 'map', block: 'account.jetstream' }],
        default: 'disabled',
        description: 'Turn JetStream on for this account, or give its JetStream limits as a map.',
      },
      {
        name: 'default_permissions',
        values: [PERMISSIONS_MAP],
        description: "Permissions for this account's users that have none of their own.",
        docs: AUTHZ,
      },
      {
        name: 'mappings',
        aliases: ['maps'],
        values: [MAPPINGS_MAP],
        description:
          'Subject mappings (rewrites, weighted or cluster-scoped ' +
          'splits) applied to messages published in this account.',
        docs: MAPPING,
      },
      {
        name: 'limits',
        values: [{ type: 'map', block: 'account.limits' }],
        description: 'Connection, subscription, payload and leafnode limits for this account.',
        docs: LIMITS,
      },
      {
        name: 'msg_trace',
        aliases: ['trace_dest'],
        values: [SUBJECT, { type: 'map', block: 'msg_trace' }],
        since: '2.11.0',
        description: 'Where message traces for this account go: a subject, or {dest, sampling}.',
        docs: MSG_TRACE,
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'account.limits',
    title: 'account limits',
    docs: LIMITS,
    unknownField: 'Unknown field "%s" parsing account limits',
    options: [
      {
        name: 'max_connections',
        aliases: ['max_conn'],
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Most client connections the account may have at once (across the cluster).',
      },
      {
        name: 'max_subscriptions',
        aliases: ['max_subs'],
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Most subscriptions the account may hold; the server-wide limit still applies.',
      },
      {
        name: 'max_payload',
        aliases: ['max_pay'],
        values: [SIZE],
        default: '-1 (server max_payload)',
        description:
          "Largest message payload, in bytes, the account's clients may publish; never above the server's max_payload.",
      },
      {
        name: 'max_leafnodes',
        aliases: ['max_leafs'],
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Most leafnode connections that may bind to this account.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'msg_trace',
    title: 'msg_trace',
    docs: MSG_TRACE,
    unknownField: 'Unknown field "%s" parsing account message trace map/struct "msg_trace"',
    options: [
      {
        name: 'dest',
        values: [SUBJECT],
        since: '2.11.0',
        description: 'Subject (no wildcards) the trace events of this account are published to.',
      },
      {
        name: 'sampling',
        values: SAMPLING,
        default: '100',
        since: '2.11.0',
        description:
          'Percentage (1-100, or a string like "25%") of trace-flagged ' +
          'messages that are traced; ignored without `dest`.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'export',
    title: 'an export',
    docs: ACCOUNTS,
    options: [
      {
        name: 'stream',
        values: [SUBJECT],
        description:
          'Export a stream: messages on these subjects can be ' +
          'imported by other accounts. Use either stream or service.',
      },
      {
        name: 'service',
        values: [SUBJECT],
        description: 'Export a request/reply service on these subjects. Use either stream or service.',
      },
      {
        name: 'response',
        aliases: ['response_type'],
        values: [{ type: 'string', enum: ['single', 'singleton', 'stream', 'chunk', 'chunked'], caseSensitive: false }],
        default: 'singleton',
        description: 'Services only: how many replies a request may get: a single one, a stream of them, or chunked.',
      },
      {
        name: 'response_threshold',
        aliases: ['threshold', 'response_max_time', 'response_time'],
        values: [STRICT_DURATION],
        default: '"2m"',
        description:
          'Services only: how long the server keeps a pending response mapping before dropping it (a quoted duration).',
      },
      {
        name: 'accounts',
        values: [ACCOUNT_LIST],
        default: 'public (any account)',
        description: 'Accounts allowed to import this export; an empty list means an activation token is required.',
      },
      {
        name: 'latency',
        values: [SUBJECT, { type: 'map', block: 'service_latency' }],
        description: 'Services only: publish service latency measurements to a subject, or {sampling, subject}.',
      },
      {
        name: 'account_token_position',
        values: [NON_NEGATIVE_COUNT],
        description:
          "Position (1-based) of a `*` token in the exported subject that must equal the importing account's name.",
      },
      {
        name: 'allow_trace',
        values: [BOOLEAN],
        default: 'false',
        since: '2.11.0',
        description: "Services only: let message traces continue into this service's account.",
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'service_latency',
    title: 'service latency',
    docs: ACCOUNTS,
    caseSensitive: true,
    options: [
      {
        name: 'sampling',
        values: SAMPLING,
        default: '100',
        description:
          'Percentage of requests measured: 1-100, a string like "50%", ' +
          'or "headers" to measure only requests carrying tracing headers.',
      },
      {
        name: 'subject',
        values: [SUBJECT],
        description: 'Required. Subject the latency measurements are published to.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'import',
    title: 'an import',
    docs: ACCOUNTS,
    options: [
      {
        name: 'stream',
        values: [IMPORT_SOURCE_MAP],
        description:
          "Import a stream: {account, subject} of another account's stream export. Use either stream or service.",
      },
      {
        name: 'service',
        values: [IMPORT_SOURCE_MAP],
        description:
          "Import a service: {account, subject} of another account's service export. Use either stream or service.",
      },
      {
        name: 'prefix',
        values: [SUBJECT],
        description: 'Streams only: prepend this subject prefix to imported messages. Not together with `to`.',
      },
      {
        name: 'to',
        values: [SUBJECT],
        description: 'Local subject the import appears under (for services, the subject clients send requests to).',
      },
      {
        name: 'share',
        values: [BOOLEAN],
        default: 'false',
        description: "Services only: share the requester's connection details with the exporter for latency tracking.",
      },
      {
        name: 'allow_trace',
        values: [BOOLEAN],
        default: 'false',
        since: '2.11.0',
        description: 'Streams only: let message traces follow messages across this import.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'import.source',
    title: 'the source of an import',
    docs: ACCOUNTS,
    options: [
      {
        name: 'account',
        values: [ACCOUNT],
        description: 'Required. Name of the exporting account (must be defined in `accounts`).',
      },
      {
        name: 'subject',
        values: [SUBJECT],
        description: 'Required. Subject of the export being imported.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'mappings',
    title: 'mappings',
    docs: MAPPING,
    caseSensitive: true,
    options: [],
    additionalKeys: {
      description:
        'A source subject mapped to a destination: a destination string (may use {{wildcard(n)}} ' +
        'and other functions), a list of {dest, weight, cluster} maps, or one such map.',
      values: [STRING, { type: 'array', items: [MAPPING_DESTINATION_MAP] }, MAPPING_DESTINATION_MAP],
    },
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'mapping_destination',
    title: 'a mapping destination',
    docs: MAPPING,
    unknownField: 'Unknown field "%s" for mapping destination',
    variablesExempt: false,
    options: [
      {
        name: 'dest',
        aliases: ['destination'],
        values: [STRING],
        description: 'Destination subject (transform functions such as {{wildcard(1)}} allowed).',
      },
      {
        name: 'weight',
        values: [{ type: 'integer', min: 0, max: 100, unit: 'percent' }, STRING],
        description:
          'Required. Share of messages (0-100, or a string like "20%") ' +
          'sent here; weights per cluster must total at most 100.',
      },
      {
        name: 'cluster',
        values: [NAME],
        description: 'Apply this destination only in the named cluster.',
      },
    ],
  },
];
