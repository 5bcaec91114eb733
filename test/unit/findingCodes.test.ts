// Every registered finding code (server/src/service/findingCodes.ts) has a config that produces
// it, on the line given, with the registry's default severity; each release in its `boundaries`
// is held on both sides (the same config in the release before and in the release itself, told
// apart). Codes only a running cluster or the language server produce name the test that covers
// them instead. Lastly, every code the checker emits over real configs is registered.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FINDING_CODES,
  compareVersions,
  createLanguageService,
  isFindingCode,
  parseServerVersion,
  type ConfigModel,
  type Diagnostic,
  type FindingCode,
  type Origin,
  type ServerVersion,
  type Severity,
} from '../../server/src/service';
import { blocks, type ValueSpec } from '../../server/src/service/catalogue/catalogue';
import { nodeHost } from '../../server/src/node/nodeHost';
import { REPO } from '../support/cli';
import { RULE_FILES } from '../../server/src/service/rules';
import { RuleContext } from '../../server/src/service/rules/context';
import { CHECK_FILES } from '../../server/src/service/cluster/clusterDiagnostics';
import { codes as composeCodes } from '../../server/src/service/deploy/checks/composeChecks';
import { codes as flagCodes } from '../../server/src/service/deploy/checks/flagChecks';
import { check, memoryHost } from '../support/service';
import { K8S_CHECK_FILES } from '../../server/src/service/deploy/checks/k8sChecks';
import { CONFIGMAP as CM, SERVICES as SVC, STATEFULSET as STS, edited, lineOf as k8sLine } from '../support/k8sGuide';
import { createPki, type Pki } from '../support/pki';
import { corrupt, credsFile, keyPair, operatorSetup } from '../support/nkeys';

/** What a case expects of the code's finding. */
interface Expect {
  /** The code must not be reported at all (the other side of a boundary). */
  absent?: boolean;
  severity?: Severity;
  origin?: Origin;
  message?: RegExp;
  notMessage?: RegExp;
}

/** One config (or the node configs of a cluster) and where the code's finding must be. */
interface Case extends Expect {
  /** `main.conf`. */
  text?: string;
  /** Node configs checked together (`service.cluster(models)`), by file name. */
  nodes?: Record<string, string>;
  /** Other files the host holds (includes, certificates). */
  files?: Record<string, string>;
  /** Files of a deployment checked together (`service.deployment`: YAML manifests, Compose, Helm values, `.conf`). */
  deployment?: Record<string, string>;
  env?: Record<string, string>;
  /** The release (x.y.z); the newest known when omitted. */
  version?: string;
  /** The finding's file (default `main.conf`, or the first node) and 1-based line. */
  file?: string;
  line: number;
}

type Entry = { cases: Case[] } | { coveredBy: string };

/** The cases of a code: the first is its main case, which produces it (with its default severity). */
const cases = (...list: Case[]): Entry => ({ cases: list });

/** The same config in several releases, with what each must give: `{ '2.9.21': ABSENT, '2.9.22': PRESENT }`. */
const across = (config: Case, releases: Record<string, Expect>): Case[] =>
  Object.entries(releases).map(([version, expect]) => ({ ...config, ...expect, version }));
const ABSENT: Expect = { absent: true };
const PRESENT: Expect = {};

/** The guide's Kubernetes manifests with one edit; the finding on the line of `file` with `needle` (after `after`). */
/** A Compose file whose one nats service runs `nats-server <flags>` (its command on line 4). */
const compose = (flags: string, line: number): Entry =>
  cases({
    deployment: { 'docker-compose.yaml': `services:\n  a:\n    image: nats:2.10.7\n    command: ${flags}\n` },
    line,
  });
const COMPOSE_TWO = [
  'services:',
  '  a:',
  '    image: nats:2.10.7',
  '    command: --name a --cluster nats://0.0.0.0:6222',
  '      --routes nats://b:6222',
  '    ports: ["4222:4222"]',
  '  b:',
  '    image: nats:2.10.7',
  '    command: --name b --cluster nats://0.0.0.0:6222',
  '      --routes nats://a:6222',
  '    ports:',
  '      - "4223:4222"',
  '',
].join('\n');

const k8sCase = (edit: string, from: string, to: string, file: string, needle: string, after = ''): Entry => {
  const deployment = edited(edit, from, to);
  return cases({ deployment, file, line: k8sLine(deployment, file, needle, after) });
};

/** A config written line by line (line n of the config is argument n). */
const conf = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

const HASH = '"$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG"';
const NKEY = 'UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4';
const PAIR = { 'a.pem': 'x', 'a.key': 'x' };
/** Real certificates and keys, made with openssl when the tests start (see test/support/pki.ts). */
const PEM: Record<string, string> = {};
let pki: Pki | undefined;
before(() => {
  pki = createPki();
  const ca = pki.makeCa('Test CA');
  const good = pki.issue(ca, { cn: 'good', dns: ['localhost'] });
  const other = pki.issue(ca, { cn: 'other', dns: ['localhost'] });
  const old = pki.issue(ca, { cn: 'old', dns: ['localhost'], expired: true });
  const soon = pki.issue(ca, { cn: 'soon', dns: ['localhost'], days: 10 });
  const otherCa = pki.makeCa('Other CA');
  const guide = pki.guideRecipe();
  const put = (name: string, issued: { cert: string; key: string }) =>
    Object.assign(PEM, { [`${name}.pem`]: issued.cert, [`${name}-key.pem`]: issued.key });
  PEM['ca.pem'] = ca.cert;
  PEM['guide-ca.pem'] = guide.ca.cert;
  put('guide', guide.server);
  for (const n of [1, 2, 3]) {
    put(`n${n}`, pki.issue(ca, { cn: `nats-${n}`, dns: [`nats-${n}`], ip: [`10.0.0.${n}`] }));
    put(`dns${n}`, pki.issue(ca, { cn: `nats-${n}`, dns: [`nats-${n}`] }));
  }
  put('stray', pki.issue(otherCa, { cn: 'nats-3', dns: ['nats-3'], ip: ['10.0.0.3'] }));
  put('server-only', pki.issue(ca, { cn: 'nats-1', dns: ['nats-1'], eku: ['serverAuth'] }));
  put('hub', pki.issue(ca, { cn: 'hub', dns: ['hub'] }));
  put('leaf-server-only', pki.issue(ca, { cn: 'leaf', dns: ['leaf'], eku: ['serverAuth'] }));
  Object.assign(PEM, {
    'good.pem': good.cert,
    'good-key.pem': good.key,
    'other-key.pem': other.key,
    'not-a-key.pem': 'x',
    'encrypted-key.pem': pki.encryptedKey(good).text,
    'old.pem': old.cert,
    'old-key.pem': old.key,
    'soon.pem': soon.cert,
    'soon-key.pem': soon.key,
  });
});
after(() => pki?.cleanup());
/** A client TLS block naming real files: cert_file on line 2, key_file on line 3. */
const pemTls = (cert: string, key: string) => conf('tls {', `  cert_file: ${cert}`, `  key_file: ${key}`, '}');
/** A client TLS block with its certificate and key on lines 2 and 3, then `lines` from line 4. */
const tls = (...lines: string[]) =>
  conf('tls {', '  cert_file: a.pem', '  key_file: a.key', ...lines.map((l) => `  ${l}`), '}');
/** One subject mapping, on line 2. */
const mapping = (source: string, destination: string) => conf('mappings {', `  "${source}": "${destination}"`, '}');
const RC4 = tls('cipher_suites: [', '  TLS_RSA_WITH_RC4_128_SHA', ']');
const MQTT_REPLICAS = conf(
  'server_name: m',
  'jetstream: enabled',
  'mqtt {',
  '  port: 1883',
  '  stream_replicas: 1',
  '  consumer_replicas: 3',
  '}',
);

/**
 * A node of cluster c1: server_name on line 1, the cluster block from line 4 (its name on 5),
 * `cluster` lines from line 7, then the routes (from line 8 when `cluster` is empty);
 * `extra` after the block (line 12 with two routes).
 */
const node = (name: string, peers: string[], extra = '', cluster = '') =>
  conf('server_name: ' + name, 'port: 4222', 'http_port: 8222', 'cluster {', '  name: c1', '  port: 6222') +
  `${cluster}  routes: [\n${peers.map((p) => `    nats-route://${p}:6222\n`).join('')}  ]\n}\n${extra}`;
/** A node on 127.0.0.1, its client port on line 3, routed by cluster port. */
const loop = (name: string, client: number, port: number, peers: number[]) =>
  conf(
    'server_name: ' + name,
    'host: 127.0.0.1',
    `port: ${client}`,
    'cluster {',
    '  name: loop',
    `  listen: 127.0.0.1:${port}`,
  ) + `  routes: [\n${peers.map((p) => `    nats-route://127.0.0.1:${p}\n`).join('')}  ]\n}\n`;
const ROUTE_TLS = conf(
  '  tls {',
  '    cert_file: "/etc/nats/server.pem"',
  '    key_file: "/etc/nats/server-key.pem"',
  '    ca_file: "/etc/nats/ca.pem"',
  '  }',
);
/** A route tls block naming `name`.pem and its key, with `ca` (lines 7 to 11 of a `node`), then `extra` lines. */
const routeTls = (name: string, ca = 'ca.pem', ...extra: string[]) =>
  conf(
    '  tls {',
    `    cert_file: "${name}.pem"`,
    `    key_file: "${name}-key.pem"`,
    `    ca_file: "${ca}"`,
    ...extra.map((l) => `    ${l}`),
    '  }',
  );
/** A leaf node hub that verifies remotes, and a remote dialling it with `cert` (line 7 of leaf.conf). */
const LEAF = (cert: string) => ({
  'hub.conf':
    conf('server_name: hub', 'leafnodes {', '  port: 7422') + routeTls('hub', 'ca.pem', 'verify: true') + '}\n',
  'leaf.conf': conf(
    'server_name: leaf',
    'leafnodes {',
    '  remotes: [',
    '    {',
    '      url: "tls://hub:7422"',
    '      tls {',
    `        cert_file: "${cert}.pem"`,
    `        key_file: "${cert}-key.pem"`,
    '        ca_file: "ca.pem"',
    '      }',
    '    }',
    '  ]',
    '}',
  ),
});
const ROUTE_AUTH = conf('  authorization {', '    user: route', '    password: s3cret', '  }');
const THREE = (extra: (n: number) => string = () => '') => ({
  'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], extra(1)),
  'nats-2.conf': node('nats-2', ['nats-1', 'nats-3'], extra(2)),
  'nats-3.conf': node('nats-3', ['nats-1', 'nats-2'], extra(3)),
});
const ISOLATED = {
  'nats-1.conf': node('nats-1', ['nats-2']),
  'nats-2.conf': node('nats-2', ['nats-1']),
  'nats-3.conf': node('nats-3', []),
};
const TWO_NAMED_NATS_1 = {
  'a.conf': node('nats-1', ['nats-2']),
  'b.conf': node('nats-1', ['nats-2']),
  'nats-2.conf': node('nats-2', ['nats-1']),
};
const POOL = {
  'nats-1.conf': node('nats-1', ['nats-2'], '', '  pool_size: 5\n'),
  'nats-2.conf': node('nats-2', ['nats-1']),
};
/** A gateway on 127.0.0.1 (client port 4001 or 4002), its one gateway URL on line 6; `extra` in the block from 7. */
const gateway = (name: string, remote: string, port: number, extra = '') =>
  conf(
    `server_name: ${name}`,
    'host: 127.0.0.1',
    `port: ${name === 'a' ? 4001 : 4002}`,
    'gateway {',
    `  name: ${name.toUpperCase()}, listen: 127.0.0.1:${name === 'a' ? 7001 : 7002}`,
    `  gateways: [ { name: ${remote}, url: "nats://127.0.0.1:${port}" } ]`,
    ...(extra ? [extra] : []),
    '}',
  );
/** A hub on 127.0.0.1 with leaf node authorization, and a leaf whose remote URL is on line 4 (`extra` on 5). */
const HUB = conf(
  'host: 127.0.0.1',
  'port: 4001',
  'leafnodes { listen: 127.0.0.1:7422, authorization { user: leaf, password: s3cret } }',
);
const leafOf = (url: string, extra = '') =>
  conf(
    'host: 127.0.0.1',
    'port: 4002',
    'leafnodes { remotes: [ {',
    `  url: "${url}"`,
    ...(extra ? [extra] : []),
    '} ] }',
  );
/** f1.conf includes f2.conf … includes f34.conf. */
const CHAIN: Record<string, string> = Object.fromEntries(
  Array.from({ length: 34 }, (_, i) => [`f${i + 1}.conf`, i === 33 ? 'debug: true\n' : `include f${i + 2}.conf\n`]),
);

/** Keys, JWTs and credentials made at test time (test/support/nkeys.ts). */
const CREDS = operatorSetup();
const OP_FILES = { 'op.jwt': CREDS.operatorJwt };

const TABLE: Record<string, Entry> = {
  // ---- credentials material (rules/credentials.ts, rules/bcryptHashes.ts) ----
  'nkey-invalid': cases({
    text: conf('authorization {', '  users: [', `    { nkey: ${corrupt(CREDS.user.publicKey)} }`, '  ]', '}'),
    line: 3,
    message: /^Not a valid public nkey for a user/,
  }),
  'jwt-invalid': cases({
    text: conf('port: 4222', 'operator: acc.jwt', 'resolver: MEMORY'),
    files: { 'acc.jwt': CREDS.accountJwt },
    line: 2,
    message: /^error parsing operator JWT: not operator claim/,
  }),
  'startup-pinned-account': cases({
    text: conf('operator: op.jwt', 'resolver: MEMORY', `resolver_pinned_accounts: [ ${CREDS.user.publicKey} ]`),
    files: OP_FILES,
    line: 3,
  }),
  'bcrypt-malformed': cases({
    text: conf('authorization {', '  users: [', '    {user: publisher, password: "$2a$11$..."}', '  ]', '}'),
    line: 3,
  }),
  'credentials-file': cases({
    text: conf(
      'leafnodes {',
      '  remotes: [',
      '    { url: "nats://127.0.0.1:7422", credentials: leaf.creds }',
      '  ]',
      '}',
    ),
    files: { 'leaf.creds': credsFile(CREDS.userJwt, keyPair('user').seed) },
    line: 3,
  }),
  'preload-account': cases({
    text: conf(
      'operator: op.jwt',
      'resolver: MEMORY',
      'resolver_preload {',
      `  ${keyPair('account').publicKey}: ${CREDS.accountJwt}`,
      '}',
    ),
    files: OP_FILES,
    line: 4,
  }),
  // ---- reading the file ----
  syntax: cases(
    { text: conf('port: 4222', 'x: "a\\qb"'), line: 2, message: /Invalid escape character 'q'/ },
    // A top-level `{` opens a block with its own rules from 2.10.16: the same text breaks another rule.
    ...across(
      { text: conf('{ port: 4222 x }'), line: 1 },
      { '2.10.15': { message: /top-level value/ }, '2.10.16': { message: /block-level value/ } },
    ),
  ),
  'integer-before-bracket': cases({ text: conf('routes: [1, 2]', 'port: 4222'), line: 1, origin: 'lint' }),
  'size-suffix': cases({ text: conf('port: 4222', 'max_payload: 1kbb'), line: 2 }),
  'number-overflow': cases({ text: conf('max_payload: 10e'), line: 1 }),
  'number-range': cases({ text: conf('port: 4222', 'max_payload: 9223372036854775808'), line: 2 }),
  datetime: cases({ text: conf('x: 2024-13-01T00:00:00Z'), line: 1 }),
  'missing-value': cases({ text: conf('cluster {', '  port: 6222', '  name', '}'), line: 3 }),
  // An error from 2.9.22; silently dropped before (advice).
  'dangling-key': cases(
    { text: 'port: 4222\ndebug', line: 2, origin: 'server' },
    ...across(
      { text: 'port: 4222\ndebug', line: 2 },
      { '2.9.21': { severity: 'warning', origin: 'lint' }, '2.9.22': { severity: 'error', origin: 'server' } },
    ),
  ),
  'empty-config': cases(
    { text: '', line: 1 },
    ...across({ text: '# nothing\n', line: 1 }, { '2.9.21': ABSENT, '2.9.22': PRESENT }),
  ),
  'byte-order-mark': cases({ text: '\ufeffport: 4222\n', line: 1 }),
  'yaml-syntax': cases({
    // A key written twice: kubectl refuses the file.
    deployment: { 'nats.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' },
    line: 5,
  }),
  'variable-undefined': cases({ text: conf('P: 1', 'port: $Q'), line: 2 }),
  'variable-braces': cases({ text: conf('server_name: ${HOSTNAME}'), env: { HOSTNAME: 'h' }, line: 1 }),
  'bcrypt-unquoted': cases({
    text: conf('authorization {', '  user: a', `  password: ${HASH.slice(1, -1).replace('2a', '2b')}`, '}'),
    line: 3,
  }),
  'variable-environment': cases({ text: conf('port: 4222', 'server_name: $N'), env: { N: 'a b' }, line: 2 }),
  // Detected from 2.11.12 and from 2.12.4; the releases before crash on it, which the message says.
  'variable-cycle': cases(
    { text: conf('server_name: $A'), env: { A: '$B', B: '$A' }, line: 1 },
    ...across(
      { text: conf('x: $C'), env: { C: '$C' }, line: 1 },
      {
        '2.11.11': { message: /crashes/ },
        '2.11.12': { notMessage: /crashes/ },
        '2.11.13': { notMessage: /crashes/ },
        '2.12.0': { message: /crashes/ },
        '2.12.3': { message: /crashes/ },
        '2.12.4': { notMessage: /crashes/ },
      },
    ),
  ),
  'quoted-variable': cases({ text: conf('port: 4222', 'server_name: "$NATS_SERVER_NAME"'), line: 2 }),
  'include-unreadable': cases({ text: conf('port: 4222', 'include missing.conf'), line: 2 }),
  'include-errors': cases({
    text: conf('include sub.conf'),
    files: { 'sub.conf': conf('port: 1', 'x: "a\\qb"') },
    line: 1,
  }),
  'include-cycle': cases({
    text: conf('include a.conf'),
    files: { 'a.conf': conf('port: 4222', 'include main.conf') },
    file: 'a.conf',
    line: 2,
  }),
  'include-depth': cases({ text: conf('include f1.conf'), files: CHAIN, file: 'f32.conf', line: 1 }),
  'include-absolute': cases({
    text: conf('include /etc/nats/x.conf'),
    files: { 'etc/nats/x.conf': 'debug: true\n' },
    line: 1,
  }),

  // ---- options ----
  'unknown-key': cases({ text: conf('port: 4222', 'max_paylod: 1MB'), line: 2, message: /Did you mean 'max_payload'/ }),
  'option-version': cases({
    text: conf('cluster {', '  name: c', '  port: 6222', '  pool_size: 3', '}'),
    version: '2.9.0',
    line: 4,
  }),
  'duplicate-key': cases({ text: conf('port: 1', 'port: 2'), line: 1 }),
  'value-type': cases({ text: conf('port: "abc"'), line: 1 }),
  'value-enum': cases({ text: conf('cluster {', '  port: 6222', '  compression: sometimes', '}'), line: 3 }),
  'value-range': cases(
    { text: conf('max_payload: 3000000000'), line: 1 },
    { text: tls('cipher_suites: []'), files: PAIR, line: 4, message: /cannot be empty/ },
  ),
  // Forms the catalogue reads from a release on, or until one.
  'value-version': cases(
    ...across(
      { text: conf('leafnodes {', '  reconnect: "1s"', '}'), line: 2 },
      { '2.10.11': PRESENT, '2.10.12': ABSENT },
    ),
    ...across({ text: tls('handshake_first: auto'), files: PAIR, line: 4 }, { '2.10.3': PRESENT, '2.10.4': ABSENT }),
  ),
  'value-unread': cases(
    {
      text: conf('websocket {', '  port: 8080', '  no_tls: true', '  authorization {', '    timeout: "5s"', '  }', '}'),
      line: 5,
    },
    ...across(
      { text: conf('authorization {', '  user: a', `  password: ${HASH}`, '  timeout: "5s"', '}'), line: 4 },
      { '2.11.1': PRESENT, '2.11.2': ABSENT },
    ),
  ),
  'listen-syntax': cases({ text: conf('port: 4222', 'listen: "::1:4222"'), line: 2 }),
  'mapping-destination': cases(
    { text: mapping('a.*', 'b.{{foo(1)}}'), line: 2, origin: 'server', message: /unknown function/ },
    // Unquoted, a destination ends at the first `}`: mapped silently to the cut subject.
    {
      text: conf('mappings {', '  orders.*: orders.central.{{wildcard(1)}}', '}'),
      line: 2,
      origin: 'lint',
      message: /without a word/,
    },
    // Before 2.9.15 a function counted once, whatever wildcards it names.
    ...across(
      { text: mapping('a.*.*', 'b.{{partition(3,1,2)}}'), line: 2 },
      { '2.9.14': { message: /not using all/ }, '2.9.15': ABSENT },
    ),
    // 2.9 wants every wildcard of the source used.
    ...across({ text: mapping('a.*', 'b'), line: 2 }, { '2.9.25': PRESENT, '2.10.0': ABSENT }),
    // nats-server's words changed in 2.11.
    ...across(
      { text: mapping('a.*', 'b..c'), line: 2 },
      { '2.10.20': { message: /invalid subject/ }, '2.11.0': { message: /invalid transform/ } },
    ),
    // random() arrived in 2.12.
    ...across(
      { text: mapping('a.*', 'b.{{random(5)}}'), line: 2 },
      { '2.11.9': { message: /unknown function/ }, '2.12.0': ABSENT },
    ),
  ),
  'mapping-weight': cases(
    { text: conf('mappings {', '  foo: [ { dest: bar } ]', '}'), line: 2, message: /Missing weight/ },
    // Weights add up per cluster from 2.10; 2.9 adds them all up (and says only "interface conversion").
    ...across(
      {
        text: conf(
          'mappings {',
          '  orders: [',
          '    { destination: orders.a, weight: 60% }',
          '    { destination: orders.b, weight: 50%, cluster: c2 }',
          '  ]',
          '}',
        ),
        line: 4,
      },
      { '2.9.25': { message: /interface conversion/ }, '2.10.0': ABSENT },
    ),
  ),
  'duration-as-size': cases({ text: conf('ping_interval: 2m'), line: 1 }),
  'duration-integer': cases({ text: conf('port: 4222', 'ping_interval: 30'), line: 2 }),
  'duration-syntax': cases({ text: conf('ping_interval: "2 minutes"'), line: 1 }),
  'size-string': cases(
    { text: conf('jetstream {', '  max_memory_store: "1Gi"', '}'), line: 2, origin: 'server' },
    { text: conf('jetstream {', '  max_memory_store: "1G"', '}'), line: 2, origin: 'lint', severity: 'information' },
  ),
  'seconds-as-size': cases({
    text: conf('authorization {', '  user: a', `  password: ${HASH}`, '  timeout: 2m', '}'),
    line: 4,
  }),
  'file-missing': cases(
    {
      text: conf('tls {', '  cert_file: "certs/server.pem"', '  key_file: "/etc/nats/key.pem"', '}'),
      files: { '/etc/nats/key.pem': 'x' },
      line: 2,
      origin: 'server',
    },
    // Opened when used, not at start: nats-server starts, and fails each time it needs the file.
    {
      text: conf(
        'leafnodes {',
        '  remotes: [',
        '    { url: "nats://hub:7422", credentials: "/etc/nats/leaf.creds" }',
        '  ]',
        '}',
      ),
      line: 3,
      origin: 'lint',
      severity: 'warning',
    },
  ),
  'auth-conflict': cases({
    text: conf('port: 4222', 'authorization {', '  user: a', '  password: b', '  token: t', '}'),
    line: 2,
  }),
  'user-duplicate': cases({
    text: conf(
      'authorization {',
      '  users: [',
      '    { user: a, password: x }',
      '    { user: a, password: y }',
      '  ]',
      '}',
    ),
    line: 1,
  }),
  'cluster-auth': cases({
    text: conf('cluster {', '  port: 6222', '  authorization {', '    token: t', '  }', '}'),
    line: 3,
  }),
  'cluster-permissions': cases({
    text: conf(
      'cluster {',
      '  port: 6222',
      '  permissions {',
      '    publish: ">"',
      '    allow_responses: true',
      '  }',
      '}',
    ),
    line: 3,
  }),
  // Both places are marked: nats-server names whichever it reads second.
  'store-dir-twice': cases(
    { text: conf('store_dir: /a', 'jetstream {', '  store_dir: /b', '}'), line: 1 },
    { text: conf('store_dir: /a', 'jetstream {', '  store_dir: /b', '}'), line: 3 },
  ),
  'route-duplicate': cases({
    text: conf('cluster {', '  port: 6222', '  routes: [', '    nats://a:6222', '    nats://a:6222', '  ]', '}'),
    line: 5,
  }),
  'export-conflict': cases({
    text: conf('accounts {', '  A {', '    exports: [', '      { stream: "a.>", service: "b.>" }', '    ]', '  }', '}'),
    line: 4,
  }),
  'import-conflict': cases({
    text: conf(
      'accounts {',
      '  B {',
      '    imports: [',
      '      { stream: { account: A, subject: "a" }, prefix: p, to: x }',
      '    ]',
      '  }',
      '}',
    ),
    line: 4,
  }),
  'tls-conflict': cases({ text: tls('certs: [ { cert_file: a.pem, key_file: a.key } ]'), files: PAIR, line: 2 }),
  'tls-context': cases({ text: tls('verify_cert_and_check_known_urls: true'), files: PAIR, line: 4 }),
  // From 2.12 nats-server takes Go's names, and insecure suites only when allowed.
  'tls-cipher': cases(
    { text: RC4, files: PAIR, line: 4, message: /insecure cipher suites/ },
    ...across({ text: RC4, files: PAIR, line: 4 }, { '2.11.9': ABSENT, '2.12.0': PRESENT }),
  ),
  'tls-pair': cases({
    text: conf('port: 4222', 'tls {', '  cert_file: "/etc/nats/server.pem"', '}'),
    files: { '/etc/nats/server.pem': 'x' },
    line: 3,
  }),
  'tls-certificate-unreadable': cases({ text: tls(), files: PAIR, line: 2, message: /any PEM data in certificate/ }),
  'tls-key-unreadable': cases({ text: pemTls('good.pem', 'not-a-key.pem'), files: PEM, line: 3 }),
  'tls-key-encrypted': cases({ text: pemTls('good.pem', 'encrypted-key.pem'), files: PEM, line: 3 }),
  'tls-key-mismatch': cases({ text: pemTls('good.pem', 'other-key.pem'), files: PEM, line: 3 }),
  'tls-ca-empty': cases({ text: conf('tls {', '  ca_file: ca.pem', '}'), files: { 'ca.pem': 'x' }, line: 2 }),
  // Ignored with a warning from 2.9.12; before, compared with stream_replicas (startup-mqtt).
  'mqtt-consumer-replicas': cases(
    { text: MQTT_REPLICAS, line: 6 },
    ...across({ text: MQTT_REPLICAS, line: 6 }, { '2.9.11': ABSENT, '2.9.12': PRESENT }),
  ),

  // ---- at start ----
  'startup-max-payload': cases({ text: conf('port: 4222', 'max_payload: 100MB'), line: 2 }),
  'startup-lame-duck': cases({ text: conf('lame_duck_duration: "60s"', 'lame_duck_grace_period: "90s"'), line: 2 }),
  'startup-jetstream-cluster': cases({
    text: conf('cluster {', '  name: c', '  port: 6222', '}', 'jetstream: enabled'),
    line: 5,
  }),
  'startup-jetstream-domain': cases({ text: conf('jetstream {', '  domain: "a.b"', '}'), line: 2 }),
  'startup-jetstream-system': cases({
    text: conf(
      'jetstream: enabled',
      'accounts {',
      '  SYS {',
      '    jetstream: enabled',
      `    users: [ { user: a, password: ${HASH} } ]`,
      '  }',
      '}',
      'system_account: SYS',
    ),
    line: 4,
  }),
  'startup-gateway': cases({ text: conf('gateway {', '  name: A', '}'), line: 2 }),
  'startup-leafnodes': cases({
    text: conf('leafnodes {', '  port: 7422', '  authorization {', '    account: NOPE', '  }', '}'),
    line: 4,
  }),
  // From 2.10.8 an nkey user counts too.
  'startup-no-auth-user': cases(
    { text: conf('port: 4222', 'no_auth_user: a'), line: 2 },
    ...across(
      { text: conf('authorization {', `  users: [ { nkey: ${NKEY} } ]`, '}', `no_auth_user: ${NKEY}`), line: 4 },
      { '2.10.7': PRESENT, '2.10.8': ABSENT },
    ),
  ),
  'startup-auth-conflict': cases({
    text: conf(
      'authorization {',
      `  users: [ { user: a, password: ${HASH} } ]`,
      '}',
      'websocket {',
      '  port: 8080',
      '  no_tls: true',
      '  authorization {',
      '    username: w',
      '    password: p',
      '  }',
      '}',
    ),
    line: 8,
  }),
  'startup-websocket-tls': cases({ text: conf('port: 4222', 'websocket {', '  port: 8080', '}'), line: 2 }),
  'startup-mqtt': cases(
    { text: conf('server_name: m', 'mqtt {', '  port: 1883', '}'), line: 2, message: /requires JetStream/ },
    // Before 2.9.12 consumer_replicas above stream_replicas is refused; from then on it is ignored.
    ...across({ text: MQTT_REPLICAS, line: 6 }, { '2.9.11': PRESENT, '2.9.12': ABSENT }),
    // From 2.10.4 a standalone MQTT server needs no server_name.
    ...across(
      { text: conf('jetstream: enabled', 'mqtt {', '  port: 1883', '}'), line: 2 },
      { '2.10.3': { message: /server name/ }, '2.10.4': ABSENT },
    ),
  ),
  'startup-monitoring': cases({ text: conf('port: 4222', 'https_port: 8443'), line: 2 }),
  'startup-system-account': cases({ text: conf('port: 4222', 'system_account: SYS'), line: 2 }),
  'startup-resolver': cases({ text: conf('resolver {', '  type: full', '  dir: "./jwt"', '}'), line: 1 }),
  'startup-port': cases({ text: conf('port: 1MB'), line: 1 }),
  'startup-port-clash': cases({ text: conf('port: 4222', 'cluster {', '  port: 4222', '}'), line: 3 }),
  'startup-host': cases({ text: conf('port: 4222', 'host: /var/run/nats.sock'), line: 2 }),
  // Refused from 2.11; advice before.
  'name-spaces': cases(
    { text: conf('server_name: "my server"'), line: 1 },
    ...across(
      { text: conf('cluster {', '  name: "my cluster"', '}'), line: 2 },
      { '2.10.20': { severity: 'warning', origin: 'lint' }, '2.11.0': { severity: 'error', origin: 'server' } },
    ),
  ),
  'max-payload-large': cases({ text: conf('port: 4222', 'max_payload: 16MB'), line: 2 }),

  // ---- advice ----
  'trace-enabled': cases({ text: conf('port: 4222', 'trace: true'), line: 2 }),
  // The nats Helm chart's values: a `--set` line of a script, a values file (test/unit/helm.test.ts has the rest).
  'helm-old-key': cases(
    { deployment: { 'install.sh': 'helm install nats nats/nats \\\n  --set cluster.enabled=true\n' }, line: 2 },
    { deployment: { 'values.yaml': 'config:\n  jetstream:\n    enabled: true\ncluster:\n  enabled: true\n' }, line: 5 },
  ),
  'helm-unknown-key': cases({
    deployment: {
      'README.md': '```sh\nhelm install nats nats/nats --set nats.jetstream.fileStore.pvc.size=10Gi\n```\n',
    },
    line: 2,
  }),
  'helm-value-type': cases({
    deployment: { 'nats-values.yaml': 'config:\n  cluster:\n    enabled: true\n    replicas: three\n' },
    line: 4,
  }),
  'plaintext-password': cases({ text: conf('authorization {', '  user: a', '  password: secret', '}'), line: 3 }),
  'tls-verify-without-ca': cases({ text: tls('verify: true'), files: PAIR, line: 4 }),
  'no-authorization': cases({ text: conf('debug: false', 'port: 4222'), line: 2 }),
  'listen-conflict': cases({ text: conf('listen: "0.0.0.0:4222"', 'port: 4223'), line: 2 }),
  'route-tls-verify-ignored': cases({
    text: conf(
      'cluster {',
      '  port: 6222',
      '  tls {',
      '    cert_file: a.pem',
      '    key_file: a.key',
      '    ca_file: ca.pem',
      '    verify: false',
      '  }',
      '}',
    ),
    files: { ...PAIR, 'ca.pem': 'x' },
    line: 7,
  }),
  'tls-no-san': cases({
    text: conf('cluster {', '  port: 6222') + routeTls('guide', 'guide-ca.pem') + '}\n',
    files: PEM,
    line: 4,
    message: /Common Name since Go 1\.15/,
  }),
  'tls-usage': cases({
    text: conf('cluster {', '  port: 6222') + routeTls('server-only') + '}\n',
    files: PEM,
    line: 4,
    message: /not clientAuth/,
  }),
  'tls-expired': cases({ text: pemTls('old.pem', 'old-key.pem'), files: PEM, line: 2 }),
  'tls-expiring': cases({ text: pemTls('soon.pem', 'soon-key.pem'), files: PEM, line: 2, message: /in 9 days/ }),
  'suppression-unknown': cases({
    text: conf('# nats-conf-disable-next-line unknwon-key', 'port: 4222'),
    line: 1,
    message: /did you mean 'unknown-key'/,
  }),

  // ---- across node configs ----
  'cluster-name': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2']),
      'nats-2.conf': node('nats-2', ['nats-1']).replace('name: c1', 'name: c2'),
    },
    file: 'nats-1.conf',
    line: 5,
  }),
  // Compose files (more in test/unit/compose.test.ts): a service's `command:` read as nats-server's flags.
  'flag-unknown': compose('--http_prot 8222', 4),
  'flag-value': compose('--http_port eighty', 4),
  'flag-argument': compose('-js true', 4),
  'flag-refused': compose('--cluster nats://0.0.0.0', 4),
  'compose-config-file': compose('-c /etc/nats/nats.conf', 4),
  'compose-port-clash': cases({
    deployment: { 'docker-compose.yaml': COMPOSE_TWO.replace('"4223:4222"', '"4222:4222"') },
    line: 12,
  }),
  'compose-route-host': cases({
    deployment: { 'docker-compose.yaml': COMPOSE_TWO.replace('nats://b:6222', 'nats://c:6222') },
    line: 5,
  }),
  // Kubernetes manifests: the guide's, one edit each (more in test/unit/kubernetes.test.ts).
  'k8s-config-path': k8sCase(STS, '- /etc/nats/nats.conf', '- /etc/nats/x.conf', STS, '/etc/nats/x.conf'),
  'k8s-config-missing': k8sCase(STS, 'name: nats-config', 'name: nats-conf', STS, 'name: nats-conf'),
  'k8s-route-host': k8sCase(CM, 'nats-1.nats-headless', 'nats-1.nats-headles', CM, 'nats-1.'),
  'k8s-route-replica': k8sCase(CM, 'nats-2.nats-headless', 'nats-3.nats-headless', CM, 'nats-3.'),
  'k8s-route-replicas': k8sCase(CM, 'nats-2.nats-headless', 'nats-1.nats-headless', CM, 'nats-0.'),
  'k8s-service-name': k8sCase(STS, 'serviceName: nats-headless', 'serviceName: nats', CM, 'nats-0.'),
  'k8s-headless-service': k8sCase(SVC, '  clusterIP: None\n', '', SVC, 'name: nats-headless'),
  'k8s-not-ready-addresses': cases({
    deployment: edited(
      STS,
      '  replicas: 3\n',
      '  replicas: 3\n  podManagementPolicy: Parallel\n',
      edited(STS, 'js-enabled-only=true', 'js-server-only=true'),
    ),
    file: SVC,
    line: 6,
  }),
  'k8s-ordered-ready': k8sCase(STS, 'js-enabled-only=true', 'js-server-only=true', STS, 'name: nats'),
  'k8s-container-port': k8sCase(STS, 'containerPort: 6222', 'containerPort: 6223', STS, '6223'),
  'k8s-service-port': k8sCase(SVC, 'targetPort: 4222', 'targetPort: 4223', SVC, '- name: client', 'ClusterIP'),
  'k8s-probe-port': k8sCase(
    STS,
    'port: 8222\n            initialDelaySeconds: 10\n            periodSeconds: 30',
    'port: 4222\n            initialDelaySeconds: 10\n            periodSeconds: 30',
    STS,
    'port: 4222',
  ),
  'k8s-probe-path': k8sCase(STS, 'js-enabled-only=true', 'js-enabled-only=yes', STS, '=yes'),
  'k8s-store-ephemeral': k8sCase(CM, 'store_dir: /data/jetstream', 'store_dir: /var/js', CM, 'store_dir'),
  'k8s-store-size': k8sCase(CM, 'max_file_store: 10Gi', 'max_file_store: 20Gi', CM, 'max_file_store'),
  'route-port': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2']).replace('nats-2:6222', 'nats-2:4222'),
      'nats-2.conf': node('nats-2', ['nats-1']),
    },
    file: 'nats-1.conf',
    line: 8,
    message: /its client port/,
  }),
  'route-credentials': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2'], '', ROUTE_AUTH),
      'nats-2.conf': node('nats-2', ['route:s3cret@nats-1'], '', ROUTE_AUTH),
    },
    file: 'nats-1.conf',
    line: 12,
    message: /requires route credentials/,
  }),
  'tls-peer-name': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2'], '', routeTls('guide', 'guide-ca.pem')),
      'nats-2.conf': node('nats-2', ['nats-1'], '', routeTls('guide', 'guide-ca.pem')),
    },
    files: PEM,
    file: 'nats-1.conf',
    line: 13,
    message: /Common Name \(CN=nats-server\)/,
  }),
  'tls-gossip-name': cases({
    nodes: {
      'nats-1.conf': node('nats-1', [], '', routeTls('dns1')),
      'nats-2.conf': node('nats-2', ['nats-1'], '', routeTls('dns2')),
      'nats-3.conf': node('nats-3', ['nats-1'], '', routeTls('dns3')),
    },
    files: PEM,
    file: 'nats-2.conf',
    line: 8,
  }),
  'tls-peer-trust': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], '', routeTls('n1')),
      'nats-2.conf': node('nats-2', ['nats-1', 'nats-3'], '', routeTls('n2')),
      'nats-3.conf': node('nats-3', ['nats-1', 'nats-2'], '', routeTls('stray')),
    },
    files: PEM,
    file: 'nats-3.conf',
    line: 8,
  }),
  'tls-pinned': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2'], '', routeTls('n1', 'ca.pem', `pinned_certs: ["${'0'.repeat(64)}"]`)),
      'nats-2.conf': node('nats-2', ['nats-1'], '', routeTls('n2')),
    },
    files: PEM,
    file: 'nats-1.conf',
    line: 11,
  }),
  'tls-peer-usage': cases({ nodes: LEAF('leaf-server-only'), files: PEM, file: 'leaf.conf', line: 7 }),
  'leafnode-certificate-user': cases({
    nodes: {
      ...LEAF('hub'),
      'hub.conf':
        conf('server_name: hub', 'leafnodes {', '  port: 7422') +
        routeTls('hub', 'ca.pem', 'verify_and_map: true') +
        '  authorization { users: [ { user: "CN=someone" } ] }\n}\n',
    },
    files: PEM,
    file: 'leaf.conf',
    line: 7,
  }),
  'route-tls': cases({
    nodes: { 'nats-1.conf': node('nats-1', ['nats-2'], '', ROUTE_TLS), 'nats-2.conf': node('nats-2', ['nats-1']) },
    file: 'nats-2.conf',
    line: 4,
  }),
  'route-tls-no-certificate': cases({
    nodes: {
      'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], '', ROUTE_TLS),
      'nats-2.conf': node(
        'nats-2',
        ['nats-1', 'nats-3'],
        '',
        conf('  tls {', '    ca_file: "/etc/nats/ca.pem"', '  }'),
      ),
      'nats-3.conf': node('nats-3', ['nats-1', 'nats-2'], '', ROUTE_TLS),
    },
    file: 'nats-2.conf',
    line: 7,
  }),
  'server-name-duplicate': cases({
    nodes: { 'nats-1.conf': node('nats-1', ['nats-2']), 'nats-2.conf': node('nats-1', ['nats-1']) },
    file: 'nats-2.conf',
    line: 1,
  }),
  'cluster-isolated': cases({ nodes: ISOLATED, file: 'nats-3.conf', line: 4 }),
  'cluster-split': cases({ nodes: ISOLATED, file: 'nats-1.conf', line: 4 }),
  'jetstream-partial': cases({ nodes: THREE((n) => (n < 3 ? 'jetstream {}\n' : '')), file: 'nats-3.conf', line: 4 }),
  'jetstream-quorum': cases({ nodes: THREE((n) => (n < 3 ? 'jetstream {}\n' : '')), file: 'nats-1.conf', line: 12 }),
  'jetstream-domain': cases({
    nodes: THREE((n) => `jetstream { domain: ${n < 3 ? 'a' : 'b'} }\n`),
    file: 'nats-3.conf',
    line: 12,
  }),
  // Pool sizes must agree from 2.10.0 up to 2.11.1 (pool_size is no option before 2.10).
  'pool-size': cases(
    { nodes: POOL, version: '2.10.0', file: 'nats-1.conf', line: 7 },
    ...across(
      { nodes: POOL, file: 'nats-1.conf', line: 7 },
      { '2.9.25': ABSENT, '2.10.0': PRESENT, '2.11.1': PRESENT, '2.11.2': ABSENT },
    ),
  ),
  'port-clash': cases({
    nodes: { 'a.conf': loop('a', 4222, 6222, [6223]), 'b.conf': loop('b', 4222, 6223, [6222]) },
    file: 'b.conf',
    line: 3,
  }),
  'route-unresolved': cases({
    nodes: { 'nats-1.conf': node('nats-1', ['nats-2', 'db.internal']), 'nats-2.conf': node('nats-2', ['nats-1']) },
    file: 'nats-1.conf',
    line: 9,
  }),
  'route-ambiguous': cases({ nodes: TWO_NAMED_NATS_1, file: 'nats-2.conf', line: 8 }),
  'cluster-variants': cases({ nodes: TWO_NAMED_NATS_1, file: 'b.conf', line: 1 }),
  // Gateways and leaf nodes (real servers: test/cluster/real-links.test.ts).
  'gateway-port': cases({
    nodes: { 'a.conf': gateway('a', 'B', 4002), 'b.conf': gateway('b', 'A', 7001) },
    file: 'a.conf',
    line: 6,
    message: /its client port/,
  }),
  'gateway-name': cases({
    nodes: { 'a.conf': gateway('a', 'BB', 7002), 'b.conf': gateway('b', 'A', 7001) },
    file: 'a.conf',
    line: 6,
  }),
  'gateway-tls': cases({
    nodes: {
      'a.conf': gateway('a', 'B', 7002, '  tls { cert_file: a.pem, key_file: a.key }'),
      'b.conf': gateway('b', 'A', 7001),
    },
    files: PAIR,
    file: 'b.conf',
    line: 6,
  }),
  'gateway-unresolved': cases({
    nodes: {
      'a.conf': gateway('a', 'B', 7002),
      'b.conf': gateway('b', 'C', 7001).replace('127.0.0.1:7001', 'gw.example.net:7222'),
    },
    file: 'b.conf',
    line: 6,
  }),
  'leafnode-port': cases({
    nodes: { 'hub.conf': HUB, 'leaf.conf': leafOf('nats://127.0.0.1:4001') },
    file: 'leaf.conf',
    line: 4,
  }),
  'leafnode-credentials': cases({
    nodes: { 'hub.conf': HUB, 'leaf.conf': leafOf('nats://leaf:wrong@127.0.0.1:7422') },
    file: 'leaf.conf',
    line: 4,
  }),
  'leafnode-tls': cases({
    nodes: { 'hub.conf': HUB, 'leaf.conf': leafOf('nats://leaf:s3cret@127.0.0.1:7422', '  tls { ca_file: ca.pem }') },
    files: { 'ca.pem': 'x' },
    file: 'leaf.conf',
    line: 5,
  }),
  'leafnode-unresolved': cases({
    nodes: { 'hub.conf': HUB, 'leaf.conf': leafOf('nats://leaf:s3cret@connect.ngs.global:7422') },
    file: 'leaf.conf',
    line: 4,
  }),

  // ---- a running cluster (drift as a function there; real servers in test/live/health.test.ts) ----
  'live-missing': { coveredBy: 'test/live/drift.test.ts' },
  'live-cluster-name': { coveredBy: 'test/live/drift.test.ts' },
  'live-jetstream': { coveredBy: 'test/live/drift.test.ts' },
  'live-route': { coveredBy: 'test/live/drift.test.ts' },
  'live-limit': { coveredBy: 'test/live/drift.test.ts' },

  // ---- the language server's cap on findings per file ----
  'more-findings': { coveredBy: 'test/lsp/limits.test.ts' },
};

/** Sections whose codes the service alone cannot produce. */
const ELSEWHERE = ['live', 'editor'];

/** Findings of a case: the file's (and its includes'), or every node's and the cluster's. */
function run(c: Case): Diagnostic[] {
  if (c.deployment) {
    const service = createLanguageService({
      host: memoryHost({ ...c.files, ...c.deployment }, c.env),
      version: c.version === undefined ? undefined : release(c.version),
    });
    const files = Object.entries(c.deployment).map(([path, text]) => ({ path, text }));
    return service.deployment(files, { syntaxOfAll: true }).diagnostics;
  }
  if (!c.nodes) return check(c.text ?? '', { files: c.files, env: c.env, version: c.version }).diagnostics;
  const version = c.version === undefined ? undefined : release(c.version);
  const service = createLanguageService({ host: memoryHost({ ...c.files, ...c.nodes }, c.env), version });
  const results = Object.entries(c.nodes).map(([file, text]) => service.check({ path: file, text }));
  return [...results.flatMap((r) => r.diagnostics), ...service.cluster(results.map((r) => r.model))];
}

function release(text: string): ServerVersion {
  const v = parseServerVersion(text);
  assert.ok(v, `not a release: ${text}`);
  return v;
}

const fileOf = (c: Case) =>
  c.file ?? (c.nodes ? Object.keys(c.nodes)[0] : c.deployment ? Object.keys(c.deployment)[0] : 'main.conf');
const lineOf = (d: Diagnostic) => d.range.start.line + 1;
const shown = (found: Diagnostic[]) =>
  found.map((d) => `  ${d.file}:${lineOf(d)} ${d.code} ${d.severity} ${d.origin}: ${d.message}`).join('\n') ||
  '  (nothing)';

/** What a case expects, and of which config: the two sides of a boundary differ in the first only. */
const expectation = (c: Case) =>
  JSON.stringify([c.absent === true, c.severity, c.origin, c.message?.source, c.notMessage?.source]);
const configOf = (c: Case) => JSON.stringify([c.text, c.nodes, c.deployment, c.files, c.env, fileOf(c), c.line]);

/** Runs one case and checks it; returns the code's findings that fit it (none for an absent case). */
function assertCase(code: string, c: Case): Diagnostic[] {
  const found = run(c);
  for (const d of found) assert.ok(isFindingCode(d.code), `unregistered code '${d.code}' at ${d.file}:${lineOf(d)}`);
  const ofCode = found.filter((d) => d.code === code);
  const where = `${fileOf(c)}:${c.line}${c.version ? ` in ${c.version}` : ''}`;
  if (c.absent) {
    assert.deepEqual(ofCode.map(lineOf), [], `'${code}' must not be reported (${where}); found:\n${shown(found)}`);
    return [];
  }
  const hits = ofCode.filter((d) => d.file === fileOf(c) && lineOf(d) === c.line);
  assert.ok(hits.length > 0, `'${code}' expected at ${where}; found:\n${shown(found)}`);
  const fits = hits.filter(
    (d) =>
      (!c.severity || d.severity === c.severity) &&
      (!c.origin || d.origin === c.origin) &&
      (!c.message || c.message.test(d.message)) &&
      (!c.notMessage || !c.notMessage.test(d.message)),
  );
  const wanted = JSON.stringify({
    severity: c.severity,
    origin: c.origin,
    message: c.message?.source,
    not: c.notMessage?.source,
  });
  assert.ok(fits.length > 0, `'${code}' at ${where} is not ${wanted}:\n${shown(hits)}`);
  return fits;
}

/** Each boundary: one config in a release before it (since the previous boundary) and in it, expected to differ. */
function assertBoundaries(code: string, boundaries: readonly string[], list: readonly Case[]): void {
  const versioned = list.filter((c) => c.version !== undefined);
  boundaries.forEach((b, i) => {
    const at = release(b);
    const previous = i > 0 ? release(boundaries[i - 1]) : undefined;
    const onIt = versioned.filter((c) => compareVersions(release(c.version!), at) === 0);
    const before = versioned.filter((c) => {
      const v = release(c.version!);
      return compareVersions(v, at) < 0 && (!previous || compareVersions(v, previous) >= 0);
    });
    const pairs = onIt.flatMap((a) => before.filter((c) => configOf(c) === configOf(a)).map((c) => [c, a] as const));
    assert.ok(pairs.length > 0, `'${code}' boundary ${b}: no case in ${b} with the same config as one just before it`);
    const differ = pairs.some(([c, a]) => expectation(c) !== expectation(a));
    assert.ok(differ, `'${code}' boundary ${b}: the cases on its two sides expect the same`);
  });
}

describe('every registered finding code has a case', () => {
  test('every case is of a registered code', () => {
    assert.deepEqual(
      Object.keys(TABLE).filter((code) => !isFindingCode(code)),
      [],
    );
  });

  for (const code of Object.keys(FINDING_CODES) as FindingCode[]) {
    const info = FINDING_CODES[code];
    const entry = TABLE[code];
    if (entry && 'coveredBy' in entry) {
      test(`${code}: covered by ${entry.coveredBy}`, () => {
        assert.ok(ELSEWHERE.includes(info.section), `'${code}' (${info.section}) can be produced here: give it a case`);
        const file = path.join(REPO, entry.coveredBy);
        assert.ok(fs.existsSync(file), `${entry.coveredBy} does not exist`);
        const mentions = new RegExp(`(?<![\\w-])${code}(?![\\w-])`);
        assert.match(fs.readFileSync(file, 'utf8'), mentions, `${entry.coveredBy} never names '${code}'`);
      });
      continue;
    }
    test(code, () => {
      assert.ok(entry, `'${code}' is registered, but the table has no case for it`);
      const [main, ...rest] = entry.cases;
      assert.ok(main && !main.absent, `'${code}': the first case must produce it`);
      const hits = assertCase(code, main);
      const severities = hits.map((d) => d.severity).join(', ');
      assert.ok(
        hits.some((d) => d.severity === info.severity),
        `the registry says '${code}' is ${info.severity} by default; its main case gives ${severities}`,
      );
      for (const c of [main, ...rest]) {
        for (const d of c === main ? hits : assertCase(code, c)) {
          assert.ok(
            info.origins.includes(d.origin),
            `'${code}' comes from ${d.origin}, which the registry does not list`,
          );
        }
      }
      const boundaries = info.boundaries ?? [];
      assertBoundaries(code, boundaries, entry.cases);
      if (boundaries.length === 0) {
        const absent = entry.cases.filter((c) => c.absent).map((c) => c.version);
        assert.deepEqual(absent, [], `'${code}' has no boundaries, yet a case expects it absent in some release`);
      }
    });
  }
});

describe('the registry and the catalogue agree on releases', () => {
  test('each release a value form is read from or until is a boundary of value-version (or value-unread)', () => {
    const forms: ValueSpec[] = [];
    const walk = (v: ValueSpec) => {
      forms.push(v);
      if (v.type === 'array') v.items.forEach(walk);
    };
    for (const b of blocks()) for (const o of b.options) o.values.forEach(walk);
    const expected: Record<'value-version' | 'value-unread', Set<string>> = {
      'value-version': new Set(),
      'value-unread': new Set(),
    };
    for (const f of forms) {
      const code = f.unread !== undefined ? 'value-unread' : 'value-version';
      for (const r of [f.since, f.until]) if (typeof r === 'string') expected[code].add(r);
    }
    assert.ok(expected['value-version'].size > 0, 'no value form of some releases only: is the walk broken?');
    for (const [code, releases] of Object.entries(expected) as [FindingCode, Set<string>][]) {
      const listed = FINDING_CODES[code].boundaries ?? [];
      const missing = [...releases].filter((r) => !listed.includes(r)).sort();
      assert.deepEqual(missing, [], `releases missing from ${code}'s boundaries`);
    }
  });
});

describe('every code the checker emits over real configs is registered', () => {
  const confs = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(dir, e.name);
          return e.isDirectory() ? confs(p) : e.name.endsWith('.conf') ? [p] : [];
        })
      : [];

  /** Checks the files one by one and together as nodes; the codes seen, none unregistered. */
  const codesOver = (files: string[]): Set<string> => {
    const seen = new Set<string>();
    const unregistered: string[] = [];
    const service = createLanguageService({ host: nodeHost({}, REPO) });
    const models: ConfigModel[] = [];
    const note = (d: Diagnostic) => {
      seen.add(d.code);
      if (!isFindingCode(d.code)) unregistered.push(`${d.file}:${lineOf(d)} ${d.code}`);
    };
    for (const file of files) {
      const { model, diagnostics } = service.check({ path: file, text: fs.readFileSync(file, 'utf8') });
      models.push(model);
      diagnostics.forEach(note);
    }
    service.cluster(models).forEach(note);
    assert.deepEqual(unregistered, []);
    return seen;
  };

  test('the setup guide (test/fixtures/seed)', () => {
    const files = confs(path.join(REPO, 'test', 'fixtures', 'seed'));
    assert.ok(files.length > 0, 'no seed configs');
    assert.ok(codesOver(files).size > 0, 'the seed configs gave no finding at all');
  });

  const corpus = '/work/shared/corpus';
  const files = confs(corpus);
  test(`the shared corpus (${corpus})`, { skip: files.length === 0 ? `no .conf file under ${corpus}` : false }, () => {
    assert.ok(codesOver(files).size > 0, 'the corpus gave no finding at all');
  });
});

describe('each rule file reports only the codes it declares', () => {
  const ruleCodes = Object.entries(RULE_FILES).map(([file, m]) => [file, m.codes as readonly string[]] as const);
  const checkCodes = Object.entries(CHECK_FILES).map(([file, m]) => [file, m.codes as readonly string[]] as const);
  checkCodes.push(['deploy/checks/composeChecks', composeCodes]);
  checkCodes.push(['deploy/checks/flagChecks', flagCodes]);
  for (const [file, m] of Object.entries(K8S_CHECK_FILES)) checkCodes.push([`deploy/checks/${file}`, m.codes]);

  test('declared codes are registered, and each is declared by one file', () => {
    const seen = new Map<string, string>();
    for (const [file, codes] of [...ruleCodes, ...checkCodes]) {
      for (const code of codes) {
        assert.ok(isFindingCode(code), `${file} declares '${code}', which is not registered`);
        assert.equal(seen.get(code), undefined, `'${code}' is declared by ${seen.get(code)} and ${file}`);
        seen.set(code, file);
      }
    }
    // Every cluster code has its check file.
    const cluster = Object.entries(FINDING_CODES).filter(([, i]) => i.section === 'cluster');
    for (const [code] of cluster) assert.ok(seen.has(code), `no cluster check declares '${code}'`);
  });

  test("run alone over every case's config, a rule adds findings of its own codes only", () => {
    let ran = 0;
    for (const [code, entry] of Object.entries(TABLE)) {
      if (!('cases' in entry)) continue;
      for (const c of entry.cases) {
        if (c.nodes) continue;
        const { model } = check(c.text ?? '', { files: c.files, env: c.env, version: c.version });
        for (const [file, m] of Object.entries(RULE_FILES)) {
          const rules = Object.entries(m).filter(([name, f]) => /^check[A-Z]/.test(name) && typeof f === 'function');
          for (const [name, rule] of rules) {
            const before = model.files.map((f) => f.findings.length);
            (rule as (ctx: RuleContext) => void)(new RuleContext(model));
            model.files.forEach((f, i) => {
              const added = f.findings.splice(before[i]);
              for (const d of added) {
                assert.ok(
                  (m.codes as readonly string[]).includes(d.code),
                  `${file}.${name} reported '${d.code}' (case of '${code}'), which ${file} does not declare`,
                );
              }
            });
            ran++;
          }
        }
      }
    }
    assert.ok(ran > 1000, `only ${ran} rule runs`);
  });

  test('the cluster findings of every case are of codes the check files declare', () => {
    const declared = new Set(checkCodes.flatMap(([, codes]) => codes));
    for (const entry of Object.values(TABLE)) {
      if (!('cases' in entry)) continue;
      for (const c of entry.cases.filter((x) => x.nodes)) {
        for (const d of run(c).filter((x) => x.origin === 'cluster')) {
          assert.ok(declared.has(d.code), `cluster finding '${d.code}' is declared by no check file`);
        }
      }
    }
  });
});
