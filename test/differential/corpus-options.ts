// Differential corpus, second part: options. Keys, types, units, ranges, versions,
// the rules nats-server checks when it starts, files it opens, and valid setups.
// Every config listens on 127.0.0.1 with random ports, so that a real start is safe.

import type { CorpusCase } from './corpus';
import { corrupt, credsFile, keyPair, operatorSetup } from '../support/nkeys';

const c = (name: string, text: string, env?: Record<string, string>, extra?: Record<string, string>): CorpusCase => ({
  name: `opt-${name}`,
  files: { 'main.conf': `host: 127.0.0.1\nport: -1\n${text}`, ...extra },
  env,
});

/** A config exactly as written: for the listener cases, whose hosts and ports are the point. */
const raw = (name: string, text: string): CorpusCase => ({ name: `opt-${name}`, files: { 'main.conf': text } });

/** Replaced by a real certificate and key when the test writes the files (see differential.test.ts). */
export const CERT = '@CERTIFICATE@';
export const KEY = '@PRIVATE-KEY@';

/** Keys and JWTs for the credentials cases, made when the corpus is loaded (never stored). */
const K = operatorSetup();
const OP = 'resolver: MEMORY\noperator: op.jwt\n';

export const optionCorpus: CorpusCase[] = [
  // ---- unknown keys ----------------------------------------------------------------
  c('unknown-top', 'foo_bar: 1\n'),
  c('unknown-typo', 'max_paylod: 1024\n'),
  c('unknown-british', 'authorisation { user: a, password: b }\n'),
  c('unknown-monitoring', 'monitoring { port: 8222 }\n'),
  c('unknown-in-cluster', 'cluster {\n  port: -1\n  foo: 1\n}\n'),
  c('unknown-in-jetstream', 'jetstream {\n  store_dir: "./js"\n  max_mem: 1G\n  bogus: true\n}\n'),
  c('unknown-in-authorization', 'authorization {\n  user: a\n  password: b\n  permission: {}\n}\n'),
  c('unknown-in-user', 'authorization {\n  users: [ { user: a, password: b, role: admin } ]\n}\n'),
  c('unknown-in-tls', 'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  bogus: 1\n}\n'),
  c('unknown-in-websocket', 'websocket {\n  port: -1\n  no_tls: true\n  compression: true\n}\n'),
  c('unknown-in-leafnodes', 'leafnodes {\n  port: -1\n  remote: []\n}\n'),
  c('unknown-in-mqtt', 'mqtt {\n  port: -1\n  qos: 1\n}\n'),
  c('unknown-in-gateway', 'gateway {\n  name: g\n  port: -1\n  gateway: []\n}\n'),
  c('unknown-in-account', 'accounts {\n  A { users: [ {user: a, password: b} ], limit: {} }\n}\n'),
  c(
    'unknown-in-permissions',
    'authorization {\n  users: [ { user: a, password: b, permissions: { publish: ">", reply: ">" } } ]\n}\n',
  ),
  c('unknown-client-port', 'client_port: 4222\n'),
  c('unknown-pool-size-top', 'pool_size: 3\n'),
  c('unknown-domain-top', 'domain: hub\n'),
  c('variable-key-used', 'P: 8222\nhttp_port: $P\n'),
  c('variable-key-unused', 'P: 8222\n'),
  c('variable-key-used-in-cluster', 'cluster {\n  P: -1\n  port: $P\n}\n'),
  c('variable-key-in-tls-is-unknown', 'tls {\n  F: "a.pem"\n  cert_file: $F\n  key_file: "a.key"\n}\n', undefined, {
    'a.pem': CERT,
    'a.key': KEY,
  }),
  c('case-insensitive-keys', 'Debug: true\nMAX_PAYLOAD: 1024\nCluster { Port: -1, Name: c }\n'),
  // ---- types -------------------------------------------------------------------------
  c('type-port-string', 'http_port: "8222"\n'),
  c('type-server-name-int', 'server_name: 5\n'),
  c('type-debug-string', 'debug: "true"\n'),
  c('type-debug-int', 'debug: 1\n'),
  c('type-max-payload-string', 'max_payload: "1MB"\n'),
  c('type-routes-string', 'cluster {\n  port: -1\n  routes: "nats://127.0.0.1:4248"\n}\n'),
  c('type-cluster-array', 'cluster: [1, 2 ]\n'),
  c('type-authorization-string', 'authorization: "secret"\n'),
  c('type-server-name-array', 'server_name: [a, b]\n'),
  c('type-log-file-bool', 'log_file: true\n'),
  c('type-ping-max-float', 'ping_max: 2.5\n'),
  c('type-max-connections-string', 'max_connections: "100"\n'),
  c('type-user-password-int', 'authorization {\n  user: a\n  password: 1234\n}\n'),
  c('type-jetstream-word', 'jetstream: maybe\n'),
  c('type-jetstream-enabled', 'jetstream: enabled\n'),
  c('type-jetstream-true', 'jetstream: true\n'),
  c('type-jetstream-disabled', 'jetstream: disabled\n'),
  c('type-server-tags-array', 'server_tags: ["az:1", "region:eu"]\n'),
  c('type-server-tags-string', 'server_tags: "az:1"\n'),
  // ---- durations -----------------------------------------------------------------------
  c('duration-2m-unquoted', 'ping_interval: 2m\n'),
  c('duration-2m-quoted', 'ping_interval: "2m"\n'),
  c('duration-seconds-unquoted', 'ping_interval: 90s\n'),
  c('duration-integer', 'ping_interval: 30\n'),
  c('duration-bad-string', 'write_deadline: "abc"\n'),
  c('duration-write-deadline-10s', 'write_deadline: 10s\n'),
  c('duration-write-deadline-1h-unquoted', 'write_deadline: 1h\n'),
  c('duration-lame-duck-short', 'lame_duck_duration: "10s"\n'),
  c('duration-lame-duck-ok', 'lame_duck_duration: "2m"\n'),
  c('duration-lame-duck-int', 'lame_duck_duration: 60\n'),
  c('duration-compound', 'ping_interval: "1m30s"\n'),
  c('duration-ms', 'write_deadline: "500ms"\n'),
  c('duration-cluster-ping', 'cluster {\n  port: -1\n  ping_interval: "2m"\n}\n'),
  c('duration-auth-timeout', 'authorization {\n  user: a\n  password: b\n  timeout: 2\n}\n'),
  c('duration-auth-timeout-float', 'authorization {\n  user: a\n  password: b\n  timeout: 0.5\n}\n'),
  // ---- sizes ------------------------------------------------------------------------------
  c('size-max-payload-suffix', 'max_payload: 2MB\n'),
  c('size-js-quoted-G', 'jetstream {\n  store_dir: "./js"\n  max_memory_store: "1G"\n}\n'),
  c('size-js-quoted-Gi', 'jetstream {\n  store_dir: "./js"\n  max_memory_store: "1Gi"\n}\n'),
  c('size-js-quoted-lower', 'jetstream {\n  store_dir: "./js"\n  max_file_store: "10g"\n}\n'),
  c('size-js-unquoted', 'jetstream {\n  store_dir: "./js"\n  max_memory_store: 1Gi\n  max_file_store: 10Gi\n}\n'),
  c('size-js-float', 'jetstream {\n  store_dir: "./js"\n  max_memory_store: 1.5\n}\n'),
  c('size-log-limit', 'log_size_limit: 10MB\n'),
  c('size-max-pending', 'max_pending: 128MB\n'),
  // ---- ranges ------------------------------------------------------------------------------
  c('range-max-payload-huge', 'max_payload: 3000000000\n'),
  c('range-max-control-line-huge', 'max_control_line: 3000000000\n'),
  c('range-max-sub-tokens-big', 'max_sub_tokens: 300\n'),
  c('range-max-sub-tokens-zero', 'max_sub_tokens: 0\n'),
  c('range-max-sub-tokens-ok', 'max_sub_tokens: 16\n'),
  c(
    'range-mqtt-max-ack-pending',
    'jetstream { store_dir: "./js" }\nserver_name: m\nmqtt {\n  port: -1\n  max_ack_pending: 70000\n}\n',
  ),
  // ---- options newer than 2.9 ---------------------------------------------------------
  c('version-pool-size', 'cluster {\n  name: c\n  port: -1\n  pool_size: 3\n}\n'),
  c('version-compression', 'cluster {\n  name: c\n  port: -1\n  compression: s2_fast\n}\n'),
  c('version-cluster-accounts', 'cluster {\n  name: c\n  port: -1\n  accounts: [A]\n}\n'),
  c('version-log-max-num', 'log_max_num: 3\n'),
  c('version-server-metadata', 'server_metadata { team: a }\n'),
  c('version-feature-flags', 'feature_flags { js_ack_fc_v2: true }\n'),
  c('version-write-timeout', 'write_timeout: close\n'),
  c('version-proxies', 'proxies { trusted: [] }\n'),
  c('version-cluster-ping-interval', 'cluster {\n  port: -1\n  ping_max: 3\n}\n'),
  c('version-js-max-buffered', 'jetstream {\n  store_dir: "./js"\n  max_buffered_msgs: 100\n}\n'),
  c('version-leaf-compression', 'leafnodes {\n  port: -1\n  compression: off\n}\n'),
  c('version-logtime-utc', 'logtime_utc: true\n'),
  // ---- rules checked at start ---------------------------------------------------------
  c('start-max-payload-over-pending', 'max_payload: 100MB\n'),
  c('start-max-payload-under-pending', 'max_payload: 100MB\nmax_pending: 200MB\n'),
  c('start-js-cluster-no-server-name', 'jetstream { store_dir: "./js" }\ncluster {\n  name: c\n  port: -1\n}\n'),
  c('start-js-cluster-no-cluster-name', 'server_name: s\njetstream { store_dir: "./js" }\ncluster {\n  port: -1\n}\n'),
  c('start-js-cluster-ok', 'server_name: s\njetstream { store_dir: "./js" }\ncluster {\n  name: c\n  port: -1\n}\n'),
  c('start-js-domain-dot', 'jetstream {\n  store_dir: "./js"\n  domain: "a.b"\n}\n'),
  c('start-js-domain-ok', 'jetstream {\n  store_dir: "./js"\n  domain: hub\n}\n'),
  c('start-lame-duck-grace', 'lame_duck_duration: "30s"\nlame_duck_grace_period: "40s"\n'),
  c('start-websocket-no-tls', 'websocket {\n  port: -1\n}\n'),
  c('start-websocket-no-tls-ok', 'websocket {\n  port: -1\n  no_tls: true\n}\n'),
  c('start-gateway-no-name', 'gateway {\n  port: -1\n}\n'),
  c('start-gateway-cluster-name', 'cluster {\n  name: c\n  port: -1\n}\ngateway {\n  name: g\n  port: -1\n}\n'),
  c('start-no-auth-user-missing', 'no_auth_user: bob\nauthorization {\n  users: [ { user: alice, password: b } ]\n}\n'),
  c('start-no-auth-user-no-users', 'no_auth_user: bob\n'),
  c('start-no-auth-user-ok', 'no_auth_user: alice\nauthorization {\n  users: [ { user: alice, password: b } ]\n}\n'),
  c(
    'start-http-and-https',
    'http_port: -1\nhttps_port: -1\ntls { cert_file: "a.pem", key_file: "a.key" }\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c('start-server-name-spaces', 'server_name: "my server"\n'),
  c('start-cluster-name-spaces', 'cluster {\n  name: "my cluster"\n  port: -1\n}\n'),
  // ---- cross-key checks of option processing --------------------------------------------
  c('auth-user-and-token', 'authorization {\n  user: a\n  password: b\n  token: t\n}\n'),
  c('auth-user-and-users', 'authorization {\n  user: a\n  password: b\n  users: [ { user: c, password: d } ]\n}\n'),
  c('auth-token-and-users', 'authorization {\n  token: t\n  users: [ { user: c, password: d } ]\n}\n'),
  c(
    'auth-duplicate-user',
    'authorization {\n  users: [\n    { user: a, password: b }\n    { user: a, password: c }\n  ]\n}\n',
  ),
  c('auth-password-and-users', 'authorization {\n  password: b\n  users: [ { user: c, password: d } ]\n}\n'),
  c(
    'auth-user-and-account-users',
    'accounts {\n  A { users: [ { user: a, password: b } ] }\n}\nauthorization {\n  user: x\n  password: y\n}\n',
  ),
  c(
    'auth-duplicate-user-across-account',
    'accounts {\n' +
      '  A { users: [ { user: a, password: b } ] }\n' +
      '}\n' +
      'authorization {\n' +
      '  users: [ { user: a, password: c } ]\n' +
      '}\n',
  ),
  c(
    'cluster-auth-users',
    'cluster {\n  port: -1\n  authorization {\n    users: [ { user: a, password: b } ]\n  }\n}\n',
  ),
  c('cluster-auth-token', 'cluster {\n  port: -1\n  authorization {\n    token: t\n  }\n}\n'),
  c(
    'cluster-auth-ok',
    'cluster {\n  name: c\n  port: -1\n  authorization {\n    user: route\n    password: pwd\n    timeout: 2\n  }\n}\n',
  ),
  c('store-dir-twice', 'store_dir: "./a"\njetstream {\n  store_dir: "./b"\n}\n'),
  c(
    'routes-duplicate',
    'cluster {\n  name: c\n  port: -1\n  routes: [\n    nats://127.0.0.1:4248\n    nats://127.0.0.1:4248\n  ]\n}\n',
  ),
  // ---- rules inside blocks -------------------------------------------------------------------
  c(
    'export-stream-and-service',
    'accounts {\n' +
      '  A {\n' +
      '    users: [ { user: a, password: a } ]\n' +
      '    exports: [ { stream: "a.>", service: "b.>" } ]\n' +
      '  }\n' +
      '}\n',
  ),
  c(
    'export-response-on-stream',
    'accounts {\n' +
      '  A {\n' +
      '    users: [ { user: a, password: a } ]\n' +
      '    exports: [ { stream: "a.>", response: singleton } ]\n' +
      '  }\n' +
      '}\n',
  ),
  c(
    'export-response-on-service',
    'accounts {\n' +
      '  A {\n' +
      '    users: [ { user: a, password: a } ]\n' +
      '    exports: [ { service: "a.>", response: stream } ]\n' +
      '  }\n' +
      '}\n',
  ),
  // Not here: a stream import with both 'prefix' and 'to'. nats-server 2.9.10 reads an import's keys in a
  // random order and refuses it with -t, at start, or not at all from one run to the next (test/unit covers it).
  c('mapping-weights-ok', 'mappings {\n  "foo": [ { dest: "bar", weight: 50% }, { dest: "baz", weight: 50 } ]\n}\n'),
  c('mapping-weight-missing', 'mappings {\n  "foo": [ { dest: "bar" } ]\n}\n'),
  c('mapping-weight-too-big', 'mappings {\n  "foo": [ { dest: "bar", weight: 150 } ]\n}\n'),
  c('mapping-weight-bad-string', 'mappings {\n  "foo": [ { dest: "bar", weight: "half" } ]\n}\n'),
  c(
    'cluster-permissions-responses',
    'cluster {\n  port: -1\n  permissions {\n    publish: ">"\n    allow_responses: true\n  }\n}\n',
  ),
  c(
    'leaf-auth-user-and-users',
    'leafnodes {\n' +
      '  port: -1\n' +
      '  authorization {\n' +
      '    user: a\n' +
      '    password: b\n' +
      '    users: [ { user: c, password: d } ]\n' +
      '  }\n' +
      '}\n',
  ),
  c(
    'tls-cert-file-and-certs',
    'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  certs: [ { cert_file: "a.pem", key_file: "a.key" } ]\n}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-known-urls-client',
    'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  verify_cert_and_check_known_urls: true\n}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-min-version-unquoted',
    'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  min_version: 1.2\n}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-min-version-quoted',
    'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  min_version: "1.2"\n}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-ciphers-2-9',
    'tls {\n' +
      '  cert_file: "a.pem"\n' +
      '  key_file: "a.key"\n' +
      '  cipher_suites: [ "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305" ]\n' +
      '}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-ciphers-go-names',
    'tls {\n' +
      '  cert_file: "a.pem"\n' +
      '  key_file: "a.key"\n' +
      '  cipher_suites: [ "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" ]\n' +
      '}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c(
    'tls-ciphers-unknown',
    'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  cipher_suites: [ "TLS_FANCY" ]\n}\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY },
  ),
  c('tls-cert-without-key', 'tls {\n  cert_file: "a.pem"\n}\n', undefined, { 'a.pem': CERT }),
  c('listen-and-port', 'listen: 127.0.0.1:-1\n'),
  c('mqtt-no-server-name', 'jetstream { store_dir: "./js" }\nmqtt {\n  port: -1\n}\n'),
  c('mqtt-no-jetstream', 'server_name: m\nmqtt {\n  port: -1\n}\n'),
  c(
    'mqtt-replicas',
    'server_name: m\n' +
      'jetstream { store_dir: "./js" }\n' +
      'mqtt {\n' +
      '  port: -1\n' +
      '  stream_replicas: 1\n' +
      '  consumer_replicas: 3\n' +
      '}\n',
  ),
  // ---- listeners: addresses nats-server cannot read or bind (no host/port prefix) -----------
  raw('listen-path', 'listen: /var/run/nats.sock\n'),
  raw('listen-ipv6-without-brackets', 'listen: "::1:4222"\n'),
  raw('listen-bare-port-string', 'listen: "4222"\n'),
  raw('cluster-listen-url', 'host: 127.0.0.1\nport: -1\ncluster {\n  listen: "nats://127.0.0.1:6222"\n}\n'),
  raw('host-path', 'host: /var/run/nats.sock\nport: -1\n'),
  raw('host-with-space', 'host: "my host"\nport: -1\n'),
  raw('port-size-suffix', 'host: 127.0.0.1\nport: 1MB\n'),
  raw('cluster-port-out-of-range', 'host: 127.0.0.1\nport: -1\ncluster {\n  port: 70000\n}\n'),
  raw('cluster-port-is-client-port', 'host: 127.0.0.1\nport: 14222\ncluster {\n  port: 14222\n}\n'),
  raw('cluster-port-is-default-client-port', 'host: 127.0.0.1\ncluster {\n  listen: "127.0.0.1:4222"\n}\n'),
  raw('monitoring-port-is-client-port', 'host: 127.0.0.1\nport: 14222\nhttp_port: 14222\n'),
  raw(
    'leafnode-port-is-monitoring-port',
    'host: 127.0.0.1\nport: -1\nhttp: "127.0.0.1:17422"\nleafnodes {\n  port: 17422\n}\n',
  ),
  raw(
    'websocket-port-is-cluster-port',
    'host: 127.0.0.1\n' +
      'port: -1\n' +
      'cluster {\n' +
      '  listen: "127.0.0.1:16222"\n' +
      '}\n' +
      'websocket {\n' +
      '  listen: "127.0.0.1:16222"\n' +
      '  no_tls: true\n' +
      '}\n',
  ),
  raw('host-ipv6-in-brackets', 'host: "[::1]"\nport: -1\n'),
  raw('host-with-port', 'host: "127.0.0.1:4222"\nport: -1\n'),
  raw('cluster-any-ipv4-beside-any-ipv6', 'host: "::"\nport: 14222\ncluster {\n  host: 0.0.0.0\n  port: 14222\n}\n'),
  raw('valid-one-port-two-hosts', 'host: 127.0.0.1\nport: 14222\ncluster {\n  host: 127.0.0.2\n  port: 14222\n}\n'),
  raw(
    'valid-random-ports-everywhere',
    'host: 127.0.0.1\nport: -1\nhttp_port: -1\ncluster {\n  port: -1\n}\nleafnodes {\n  port: -1\n}\n',
  ),
  raw('valid-empty-host', 'listen: ":-1"\n'),
  // ---- subject mappings: destinations and weights ------------------------------------------
  c('mapping-unquoted-function', 'mappings {\n  orders.*: orders.central.{{wildcard(1)}}\n}\n'),
  c('mapping-unquoted-function-literal-source', 'mappings {\n  orders: orders.central.{{partition(3)}}\n}\n'),
  c('mapping-unknown-function', 'mappings {\n  "a.*": "b.{{foo(1)}}"\n}\n'),
  c('mapping-index-out-of-range', 'mappings {\n  "a.*": "b.{{wildcard(2)}}"\n}\n'),
  c('mapping-not-all-wildcards', 'mappings {\n  "a.*.*": "b.$2"\n}\n'),
  c('mapping-wildcard-in-destination', 'mappings {\n  "a.*": "b.*"\n}\n'),
  c(
    'mapping-in-account-bad',
    'accounts {\n  A {\n    users: [ { user: a, password: a } ]\n    mappings { "a.>": "b" }\n  }\n}\n',
  ),
  c(
    'mapping-weights-over-100-across-clusters',
    'mappings {\n' +
      '  orders: [\n' +
      '    { destination: orders.a, weight: 60% }\n' +
      '    { destination: orders.b, weight: 50%, cluster: c2 }\n' +
      '  ]\n' +
      '}\n',
  ),
  c(
    'mapping-weights-duplicate',
    'mappings {\n' +
      '  orders: [\n' +
      '    { destination: orders.a, weight: 60% }\n' +
      '    { destination: orders.a, weight: 20%, cluster: c2 }\n' +
      '  ]\n' +
      '}\n',
  ),
  c(
    'valid-mapping-weights',
    'mappings {\n' +
      '  orders: [\n' +
      '    { destination: orders.a, weight: 60% }\n' +
      '    { destination: orders.b, weight: 40 }\n' +
      '  ]\n' +
      '}\n',
  ),
  c(
    'valid-mapping-functions',
    'mappings {\n' +
      '  "a.*.*": "b.{{wildcard(2)}}.{{Wildcard(1)}}"\n' +
      '  "c.*": "d.{{splitFromLeft(1,2)}}"\n' +
      '  "e.*": "{{wildcard(0)}}"\n' +
      '  "f.*.>": "g.$1.>"\n' +
      '  "h": "i.{{wildcard(1)}}"\n' +
      '}\n',
  ),
  // ---- accounts resolved at start ---------------------------------------------------------
  c('system-account-missing', 'system_account: SYS\n'),
  c('system-account-quoted-sys-missing', 'system_account: "$SYS"\n'),
  c('system-account-name-with-resolver', 'resolver: MEMORY\nsystem_account: SYS\n'),
  c('resolver-full-without-operator', 'resolver {\n  type: full\n  dir: "./jwt"\n}\n'),
  c('valid-system-account-list', 'accounts: [ A, B ]\nsystem_account: A\n'),
  c('gateway-without-port', 'gateway {\n  name: A\n}\n'),
  c(
    'gateway-remote-without-url',
    'cluster { name: A, port: -1 }\ngateway {\n  name: A\n  port: -1\n  gateways: [ { name: B } ]\n}\n',
  ),
  c('leafnode-account-missing', 'leafnodes {\n  port: -1\n  authorization { account: NOPE }\n}\n'),
  c('leafnode-remote-account-missing', 'leafnodes {\n  remotes: [ { url: "nats://127.0.0.1:9", account: NOPE } ]\n}\n'),
  c(
    'leafnode-remote-websocket-mix',
    'leafnodes {\n  remotes: [ { urls: [ "ws://127.0.0.1:9", "nats://127.0.0.1:9" ] } ]\n}\n',
  ),
  c(
    'leafnode-and-gateway-without-system-account',
    'cluster { name: A, port: -1 }\nleafnodes { port: -1 }\ngateway {\n  name: A\n  port: -1\n}\n',
  ),
  c(
    'valid-leafnode-and-gateway-with-system-account',
    'system_account: SYS\n' +
      'accounts { SYS { users: [ { user: s, password: s } ] } }\n' +
      'cluster { name: A, port: -1 }\n' +
      'leafnodes { port: -1 }\n' +
      'gateway {\n' +
      '  name: A\n' +
      '  port: -1\n' +
      '}\n',
  ),
  c(
    'websocket-user-beside-users',
    'authorization { users: [ { user: a, password: b } ] }\n' +
      'websocket {\n' +
      '  port: -1\n' +
      '  no_tls: true\n' +
      '  authorization { username: w, password: p }\n' +
      '}\n',
  ),
  c('https-without-tls', 'https_port: -1\n'),
  c(
    'jetstream-on-system-account',
    'jetstream { store_dir: "./js" }\n' +
      'accounts {\n' +
      '  SYS { jetstream: enabled, users: [ { user: a, password: b } ] }\n' +
      '}\n' +
      'system_account: SYS\n',
  ),
  // ---- values read differently by release ---------------------------------------------------
  c('leafnodes-reconnect-duration', 'leafnodes {\n  reconnect: "2s"\n}\n'),
  c('valid-leafnodes-reconnect-seconds', 'leafnodes {\n  reconnect: 2\n}\n'),
  c('valid-auth-timeout-string-ignored', 'authorization {\n  user: a\n  password: b\n  timeout: "5s"\n}\n'),
  c(
    'valid-websocket-auth-timeout-string-ignored',
    'websocket {\n  listen: 127.0.0.1:-1\n  no_tls: true\n  authorization { user: a, password: b, timeout: "5s" }\n}\n',
  ),
  // ---- files nats-server opens ------------------------------------------------------------
  c('tls-missing-cert', 'tls {\n  cert_file: "nope.pem"\n  key_file: "nope.key"\n}\n'),
  c('tls-missing-key', 'tls {\n  cert_file: "a.pem"\n  key_file: "nope.key"\n}\n', undefined, { 'a.pem': CERT }),
  c('tls-missing-ca', 'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  ca_file: "nope.pem"\n}\n', undefined, {
    'a.pem': CERT,
    'a.key': KEY,
  }),
  // What the files hold (tls/certificates.ts): one line per block, where nats-server names the `tls` key.
  c('tls-cert-not-pem', 'tls { cert_file: "a.pem", key_file: "a.key" }\n', undefined, {
    'a.pem': 'not a certificate\n',
    'a.key': KEY,
  }),
  c('tls-cert-and-key-swapped', 'tls { cert_file: "a.key", key_file: "a.pem" }\n', undefined, {
    'a.pem': CERT,
    'a.key': KEY,
  }),
  c('tls-key-is-a-certificate', 'tls { cert_file: "a.pem", key_file: "b.pem" }\n', undefined, {
    'a.pem': CERT,
    'b.pem': CERT,
  }),
  c('tls-key-not-pem', 'tls { cert_file: "a.pem", key_file: "a.key" }\n', undefined, { 'a.pem': CERT, 'a.key': 'x' }),
  c('tls-ca-empty', 'tls { cert_file: "a.pem", key_file: "a.key", ca_file: "ca.pem" }\n', undefined, {
    'a.pem': CERT,
    'a.key': KEY,
    'ca.pem': '',
  }),
  c('tls-ca-a-key', 'tls { ca_file: "ca.pem" }\n', undefined, { 'ca.pem': KEY }),
  c(
    'cluster-tls-ca-not-pem',
    'cluster { port: -1, tls { cert_file: "a.pem", key_file: "a.key", ca_file: "ca.pem" } }\n',
    undefined,
    { 'a.pem': CERT, 'a.key': KEY, 'ca.pem': 'x' },
  ),
  c(
    'websocket-tls-cert-not-pem',
    'websocket { listen: "127.0.0.1:-1", tls { cert_file: "a.pem", key_file: "a.key" } }\n',
    undefined,
    { 'a.pem': 'x', 'a.key': KEY },
  ),
  c(
    'leaf-remote-tls-ca-not-pem',
    'leafnodes { remotes: [ { url: "nats://127.0.0.1:7422", tls { ca_file: "ca.pem" } } ] }\n',
    undefined,
    { 'ca.pem': 'x' },
  ),
  c(
    'valid-tls-ca-self-signed',
    'tls { cert_file: "a.pem", key_file: "a.key", ca_file: "a.pem", verify: true }\n',
    undefined,
    {
      'a.pem': CERT,
      'a.key': KEY,
    },
  ),
  c(
    'cluster-tls-missing',
    'cluster {\n  port: -1\n  tls {\n    cert_file: "/nonexistent/a.pem"\n    key_file: "/nonexistent/a.key"\n  }\n}\n',
  ),
  // ---- credentials material: nkeys, JWTs, bcrypt hashes, credentials files -------------------
  c('creds-user-nkey-checksum', `authorization { users: [ { nkey: ${corrupt(K.user.publicKey)} } ] }\n`),
  c('creds-user-nkey-account-key', `accounts { A { users: [ { nkey: ${K.account.publicKey} } ] } }\n`),
  c('creds-user-nkey-seed', `authorization { users: [ { nkey: ${K.user.seed} } ] }\n`),
  c('creds-user-nkey-valid', `authorization { users: [ { nkey: ${K.user.publicKey} } ] }\n`),
  c('creds-account-nkey-user-key', `accounts {\n  A {\n    nkey: ${K.user.publicKey}\n  }\n}\n`),
  c('creds-account-nkey-valid', `accounts {\n  A {\n    nkey: ${K.account.publicKey}\n  }\n}\n`),
  c('creds-trusted-account-key', `trusted: ${K.account.publicKey}\n`),
  c('creds-trusted-list', `trusted: [ ${K.operator.publicKey}, ${K.account.publicKey} ]\n`),
  c('creds-trusted-valid', `trusted: ${K.operator.publicKey}\n`),
  c('creds-operator-valid', OP, undefined, { 'op.jwt': K.operatorJwt }),
  c('creds-operator-inline-valid', `resolver: MEMORY\noperator: ${K.operatorJwt}\n`),
  c('creds-operator-account-jwt', OP, undefined, { 'op.jwt': K.accountJwt }),
  c('creds-operator-inline-account-jwt', `resolver: MEMORY\noperator: ${K.accountJwt}\n`),
  c('creds-operator-creds-file', OP, undefined, { 'op.jwt': K.creds }),
  c('creds-operator-not-jwt', OP, undefined, { 'op.jwt': 'not a JWT\n' }),
  c('creds-operator-bad-signature', OP, undefined, { 'op.jwt': K.operatorJwt.slice(0, -4) + 'AAAA' }),
  c('creds-preload-valid', `${OP}resolver_preload {\n  ${K.account.publicKey}: ${K.accountJwt}\n}\n`, undefined, {
    'op.jwt': K.operatorJwt,
  }),
  c('creds-preload-user-jwt', `${OP}resolver_preload {\n  ${K.account.publicKey}: ${K.userJwt}\n}\n`, undefined, {
    'op.jwt': K.operatorJwt,
  }),
  c('creds-preload-not-jwt', `${OP}resolver_preload {\n  ${K.account.publicKey}: "abc"\n}\n`, undefined, {
    'op.jwt': K.operatorJwt,
  }),
  c('creds-pinned-user-key', `${OP}resolver_pinned_accounts: [ ${K.user.publicKey} ]\n`, undefined, {
    'op.jwt': K.operatorJwt,
  }),
  c('creds-pinned-valid', `${OP}resolver_pinned_accounts: [ ${K.account.publicKey} ]\n`, undefined, {
    'op.jwt': K.operatorJwt,
  }),
  // Accepted by nats-server: the placeholder fails every login, bad credentials fail when dialling (advice).
  c('creds-bcrypt-placeholder', 'authorization {\n  users: [\n    {user: p, password: "$2a$11$..."}\n  ]\n}\n'),
  c(
    'creds-leaf-credentials-mismatch',
    'leafnodes {\n  remotes: [ { url: "nats-leaf://127.0.0.1:7422", credentials: "leaf.creds" } ]\n}\n',
    undefined,
    { 'leaf.creds': credsFile(K.userJwt, keyPair('user').seed) },
  ),
  // ---- valid setups -------------------------------------------------------------------------
  c('valid-basic', 'server_name: n1\nhttp_port: -1\ndebug: false\ntrace: false\nlogtime: true\n'),
  c(
    'valid-limits',
    'max_connections: 1000\n' +
      'max_payload: 2MB\n' +
      'max_pending: 64MB\n' +
      'max_control_line: 4KB\n' +
      'max_subscriptions: 1000\n' +
      'ping_max: 3\n' +
      'ping_interval: "20s"\n' +
      'write_deadline: "5s"\n',
  ),
  c(
    'valid-cluster',
    'server_name: n1\n' +
      'cluster {\n' +
      '  name: c\n' +
      '  listen: 127.0.0.1:-1\n' +
      '  no_advertise: true\n' +
      '  connect_retries: 3\n' +
      '  authorization { user: r, password: p, timeout: 2 }\n' +
      '}\n',
  ),
  c(
    'valid-jetstream',
    'server_name: n1\n' +
      'jetstream {\n' +
      '  store_dir: "./js"\n' +
      '  max_memory_store: 256MB\n' +
      '  max_file_store: 1GB\n' +
      '  domain: edge\n' +
      '}\n',
  ),
  c('valid-jetstream-short', 'jetstream: enabled\nstore_dir: "./js"\n'),
  c(
    'valid-auth-users',
    'authorization {\n' +
      '  timeout: 2\n' +
      '  users: [\n' +
      '    { user: pub, password: p1, permissions: { publish: ">", subscribe: "_INBOX.>" } }\n' +
      '    { user: sub, password: p2, permissions: { subscribe: { allow: ["orders.>"], ' +
      'deny: ["orders.secret"] } } }\n' +
      '  ]\n' +
      '}\n',
  ),
  c('valid-auth-token', 'authorization {\n  token: s3cr3t\n}\n'),
  c(
    'valid-accounts',
    'accounts {\n' +
      '  A {\n' +
      '    users: [ { user: a, password: a } ]\n' +
      '    exports: [ { stream: "a.>" }, { service: "svc.a" } ]\n' +
      '  }\n' +
      '  B {\n' +
      '    users: [ { user: b, password: b } ]\n' +
      '    imports: [ { stream: { account: A, subject: "a.>" } }, ' +
      '{ service: { account: A, subject: "svc.a" }, to: "a.svc" } ]\n' +
      '  }\n' +
      '}\n',
  ),
  c(
    'valid-accounts-jetstream',
    'jetstream { store_dir: "./js" }\n' +
      'accounts {\n' +
      '  A {\n' +
      '    jetstream: enabled\n' +
      '    users: [ { user: a, password: a } ]\n' +
      '  }\n' +
      '}\n',
  ),
  c('valid-system-account', 'accounts {\n  SYS { users: [ { user: admin, password: a } ] }\n}\nsystem_account: SYS\n'),
  c('valid-leafnodes', 'leafnodes {\n  listen: 127.0.0.1:-1\n  authorization { user: leaf, password: p }\n}\n'),
  c(
    'valid-websocket',
    'websocket {\n  listen: 127.0.0.1:-1\n  no_tls: true\n  compression: true\n  handshake_timeout: "2s"\n}\n',
  ),
  c(
    'valid-mqtt',
    'server_name: m\n' +
      'jetstream { store_dir: "./js" }\n' +
      'mqtt {\n' +
      '  listen: 127.0.0.1:-1\n' +
      '  ack_wait: "30s"\n' +
      '  max_ack_pending: 100\n' +
      '}\n',
  ),
  c('valid-gateway', 'cluster { name: g, port: -1 }\ngateway {\n  name: g\n  listen: 127.0.0.1:-1\n}\n'),
  c('valid-mappings', 'mappings {\n  "orders.*": "orders.new.{{wildcard(1)}}"\n}\n'),
  c('valid-tls', 'tls {\n  cert_file: "a.pem"\n  key_file: "a.key"\n  timeout: 2\n}\n', undefined, {
    'a.pem': CERT,
    'a.key': KEY,
  }),
  c('valid-logging', 'log_file: "./nats.log"\nlogtime: true\nlog_size_limit: 1MB\nsyslog: false\n'),
  c('valid-monitoring', 'http: 127.0.0.1:-1\n'),
  c(
    'valid-misc',
    'pid_file: "./nats.pid"\n' +
      'ports_file_dir: "."\n' +
      'connect_error_reports: 10\n' +
      'reconnect_error_reports: 1\n' +
      'max_traced_msg_len: 1024\n' +
      'disable_sublist_cache: false\n',
  ),
  c('valid-variables', 'PORT: -1\nNAME: n1\nserver_name: $NAME\nhttp_port: $PORT\n'),
  c('valid-env', 'server_name: $SERVER\n', { SERVER: 'nats-env-1' }),
  c('valid-include-options', 'include opts.conf\n', undefined, { 'opts.conf': 'max_payload: 1MB\ndebug: false\n' }),
  c('include-unknown-key', 'include opts.conf\n', undefined, { 'opts.conf': 'max_paylod: 1MB\n' }),
  c('include-in-block-unknown', 'cluster {\n  port: -1\n  include c.conf\n}\n', undefined, { 'c.conf': 'nme: c\n' }),
];
