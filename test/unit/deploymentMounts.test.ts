// What a deployment puts around a config, read as the container sees it: includes from a Secret
// mounted into a folder beside the config, the HOSTNAME the container runtime sets, a sidecar's
// ports a Service forwards to, ConfigMaps kustomize generates, a Compose service's environment for
// a config given beside its Compose file. Each was a false alarm on real deployment files; each
// case also keeps the finding where the deployment is really broken.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../support/service';

/** `file:line code` of every finding when `given` (default: every file) are checked together. */
function findings(files: Record<string, string>, given = Object.keys(files)): string[] {
  const service = createLanguageService({ host: memoryHost(files) });
  return service
    .deployment(given.map((path) => ({ path, text: files[path] })))
    .diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`);
}

const codes = (found: string[]) => found.map((f) => f.split(' ')[1]);

/** A StatefulSet `nats` of 3 (headless Service nats) loading /etc/nats/nats.conf from ConfigMap nats-config. */
function statefulSet(opts: { kind?: string; mounts?: string[]; volumes?: string[]; containers?: string[] } = {}) {
  const kind = opts.kind ?? 'StatefulSet';
  return [
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    '  name: nats',
    'spec:',
    ...(kind === 'StatefulSet' ? ['  serviceName: nats'] : []),
    '  replicas: 3',
    '  selector:',
    '    matchLabels: { app: nats }',
    '  template:',
    '    metadata:',
    '      labels: { app: nats }',
    '    spec:',
    '      containers:',
    '        - name: nats',
    '          image: nats:2.10.7-alpine',
    '          args: ["-c", "/etc/nats/nats.conf"]',
    '          ports:',
    '            - { containerPort: 4222, name: client }',
    '            - { containerPort: 6222, name: cluster }',
    '            - { containerPort: 8222, name: monitor }',
    '          volumeMounts:',
    '            - { name: config, mountPath: /etc/nats }',
    ...(opts.mounts ?? []).map((m) => `            - ${m}`),
    ...(opts.containers ?? []).map((c) => `        ${c}`),
    '      volumes:',
    '        - { name: config, configMap: { name: nats-config } }',
    ...(opts.volumes ?? []).map((v) => `        - ${v}`),
    '',
  ].join('\n');
}

const HEADLESS = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: { name: nats }',
  'spec:',
  '  clusterIP: None',
  '  selector: { app: nats }',
  '  ports:',
  '    - { name: client, port: 4222 }',
  '    - { name: cluster, port: 6222 }',
  '',
].join('\n');

function configMap(conf: string[]): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: nats-config }',
    'data:',
    '  nats.conf: |',
    ...conf.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

function secret(name: string, key: string, lines: string[]): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    `metadata: { name: ${name} }`,
    'stringData:',
    `  ${key}: |`,
    ...lines.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

const ROUTES = [
  'routes: [',
  '  nats://nats-0.nats:6222',
  '  nats://nats-1.nats:6222',
  '  nats://nats-2.nats:6222',
  ']',
];
// A bcrypt hash, as a Secret of users should hold.
const USERS = [
  'authorization {',
  '  users: [ { user: app, password: "$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.T0ewwS" } ]',
  '}',
];

describe('includes from a Secret mounted beside the config', () => {
  const conf = [
    'server_name: $HOSTNAME',
    'port: 4222',
    'include "auth/users.conf"',
    'jetstream { store_dir: /data }',
    'cluster {',
    '  name: nats',
    '  port: 6222',
    '  include "routes/routes.conf"',
    '}',
  ];
  const workload = statefulSet({
    mounts: [
      '{ name: auth, mountPath: /etc/nats/auth }',
      '{ name: routes, mountPath: /etc/nats/routes }',
      '{ name: data, mountPath: /data }',
    ],
    volumes: [
      '{ name: data, persistentVolumeClaim: { claimName: nats-data } }',
      '{ name: auth, secret: { secretName: nats-auth } }',
      '{ name: routes, secret: { secretName: nats-routes } }',
    ],
  });

  test('read through the mounts: authorization and routes count; the routes file is no top-level config', () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf),
      'k8s/secrets.yaml': [secret('nats-auth', 'users.conf', USERS), secret('nats-routes', 'routes.conf', ROUTES)].join(
        '---\n',
      ),
      'k8s/statefulset.yaml': workload,
      'k8s/service.yaml': HEADLESS,
    };
    assert.deepEqual(findings(files), []);
  });

  test("a finding inside the Secret's file is reported at its line in the Secret", () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf),
      'k8s/secrets.yaml': [
        secret(
          'nats-auth',
          'users.conf',
          USERS.map((l) => l.replace('password:', 'pasword:')),
        ),
        secret('nats-routes', 'routes.conf', ROUTES),
      ].join('---\n'),
      'k8s/statefulset.yaml': workload,
      'k8s/service.yaml': HEADLESS,
    };
    assert.deepEqual(findings(files), ['k8s/secrets.yaml:7 unknown-key']);
  });

  test('a Secret not given: what it sets is not known, so nothing is called missing', () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf),
      'k8s/statefulset.yaml': workload,
      'k8s/service.yaml': HEADLESS,
    };
    assert.deepEqual(findings(files), []);
  });

  test('without those includes, the missing authorization and routes are still reported', () => {
    const bare = conf.filter((l) => !l.startsWith('include') && !l.includes('include'));
    const files = {
      'k8s/configmap.yaml': configMap(bare),
      'k8s/statefulset.yaml': workload,
      'k8s/service.yaml': HEADLESS,
    };
    const found = codes(findings(files));
    assert.ok(found.includes('no-authorization'), found.join(', '));
    assert.ok(found.includes('startup-jetstream-cluster'), found.join(', '));
    assert.ok(found.includes('cluster-isolated'), found.join(', '));
  });
});

describe('HOSTNAME in a pod', () => {
  const conf = [
    'server_name: $HOSTNAME',
    'port: 4222',
    'cluster {',
    '  name: nats',
    '  port: 6222',
    ...ROUTES.map((l) => `  ${l}`),
    '}',
  ];

  test("a StatefulSet's pods are named nats-0 … nats-2: server names, and a routed cluster", () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf),
      'k8s/statefulset.yaml': statefulSet(),
      'k8s/service.yaml': HEADLESS,
    };
    const found = findings(files);
    assert.deepEqual(found, ['k8s/configmap.yaml:7 no-authorization']);
    const service = createLanguageService({ host: memoryHost(files) });
    const nodes = service.deployment(Object.entries(files).map(([path, text]) => ({ path, text }))).nodes;
    assert.deepEqual(
      nodes.map((n) => n.name),
      ['nats-0', 'nats-1', 'nats-2'],
    );
  });

  test("a Deployment's pod names are unknown: not undefined, and its replicas are not a cluster split in three", () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf),
      'k8s/deployment.yaml': statefulSet({ kind: 'Deployment' }),
    };
    const found = codes(findings(files));
    assert.ok(!found.includes('variable-undefined'), found.join(', '));
    assert.ok(!found.includes('cluster-split') && !found.includes('cluster-isolated'), found.join(', '));
    // Its routes name StatefulSet pods, which a Deployment has not: they reach none of the configs given.
    assert.ok(found.includes('route-unresolved'), found.join(', '));
  });

  test("a server_name written as a literal is every pod's: one finding, naming the pods", () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf.map((l) => l.replace('$HOSTNAME', 'nats'))),
      'k8s/statefulset.yaml': statefulSet(),
      'k8s/service.yaml': HEADLESS,
    };
    const service = createLanguageService({ host: memoryHost(files) });
    const found = service
      .deployment(Object.entries(files).map(([path, text]) => ({ path, text })))
      .diagnostics.filter((d) => d.code === 'server-name-duplicate');
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.range.start.line + 1}`),
      ['k8s/configmap.yaml:6'],
    );
    assert.match(found[0].message, /the name of 3 servers run from this config \(nats-0, nats-1, nats-2\)/);
  });

  test('a variable no one sets is still undefined', () => {
    const files = {
      'k8s/configmap.yaml': configMap(conf.map((l) => l.replace('$HOSTNAME', '$NODE_NAME'))),
      'k8s/statefulset.yaml': statefulSet(),
      'k8s/service.yaml': HEADLESS,
    };
    assert.ok(codes(findings(files)).includes('variable-undefined'));
  });
});

describe("a Service forwarding to a sidecar's port", () => {
  const exporter = [
    '- name: exporter',
    '  image: natsio/prometheus-nats-exporter:0.15.0',
    '  args: ["-varz", "http://localhost:8222"]',
    '  ports:',
    '    - { containerPort: 7777, name: metrics }',
  ];
  const metricsService = (target: string) =>
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: nats-metrics }',
      'spec:',
      '  selector: { app: nats }',
      '  ports:',
      `    - { name: metrics, port: 7777, targetPort: ${target} }`,
      '',
    ].join('\n');
  const files = (target: string) => ({
    'k8s/configmap.yaml': configMap([
      'port: 4222',
      'http: 8222',
      'authorization { token: "a-long-enough-token-1234" }',
    ]),
    'k8s/statefulset.yaml': statefulSet({ containers: exporter }),
    'k8s/metrics.yaml': metricsService(target),
  });

  test('by name or by number: the exporter answers, no finding', () => {
    assert.deepEqual(findings(files('metrics')), []);
    assert.deepEqual(findings(files('7777')), []);
  });

  test('a port no container of the pod declares is still reported', () => {
    assert.deepEqual(findings(files('7778')), ['k8s/metrics.yaml:7 k8s-service-port']);
    assert.deepEqual(findings(files('metricz')), ['k8s/metrics.yaml:7 k8s-service-port']);
  });
});

describe('ConfigMaps a kustomization generates', () => {
  const kustomization = (name: string) =>
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources: [statefulset.yaml]',
      'configMapGenerator:',
      `  - name: ${name}`,
      '    files: [nats.conf]',
      '',
    ].join('\n');

  test('generated beside the manifests (not given) or among the files: not missing', () => {
    const files = {
      'k8s/kustomization.yaml': kustomization('nats-config'),
      'k8s/statefulset.yaml': statefulSet(),
      'k8s/x.yaml': HEADLESS,
    };
    assert.deepEqual(findings(files, ['k8s/statefulset.yaml', 'k8s/x.yaml']), []);
    assert.deepEqual(findings(files), []);
  });

  test('a ConfigMap neither given nor generated is still missing', () => {
    const files = {
      'k8s/kustomization.yaml': kustomization('nats-conf'),
      'k8s/statefulset.yaml': statefulSet(),
      'k8s/x.yaml': HEADLESS,
    };
    assert.deepEqual(findings(files, ['k8s/statefulset.yaml', 'k8s/x.yaml']), [
      'k8s/statefulset.yaml:25 k8s-config-missing',
    ]);
  });
});

describe('a Compose file and the config its service mounts, given together', () => {
  const compose = (env: string) =>
    [
      'services:',
      '  nats:',
      '    image: nats:2.10.7',
      '    command: ["-c", "/etc/nats/nats.conf"]',
      '    environment:',
      `      ${env}`,
      '    volumes:',
      '      - ./nats.conf:/etc/nats/nats.conf:ro',
      '',
    ].join('\n');
  const conf = ['port: 4222', 'authorization {', '  token: $NATS_TOKEN', '}', ''].join('\n');

  test("the config is read with the service's environment only", () => {
    const files = { 'proj/compose.yaml': compose('NATS_TOKEN: a-long-enough-token-1234'), 'proj/nats.conf': conf };
    assert.deepEqual(findings(files), []);
    assert.deepEqual(findings(files, ['proj/nats.conf', 'proj/compose.yaml']), []);
  });

  test('a service without the variable: reported once, at the config', () => {
    const files = { 'proj/compose.yaml': compose('OTHER: x'), 'proj/nats.conf': conf };
    assert.deepEqual(findings(files), ['proj/nats.conf:3 variable-undefined']);
  });

  test('a config no service mounts is still read on its own', () => {
    const files = { 'proj/compose.yaml': compose('NATS_TOKEN: a-long-enough-token-1234'), 'proj/other.conf': conf };
    // The service's own -c file is not among the files: that is reported too.
    assert.deepEqual(findings(files), [
      'proj/compose.yaml:4 compose-config-file',
      'proj/other.conf:3 variable-undefined',
    ]);
  });
});

const ROUTE_URLS = 'nats://n1:6222,nats://n2:6222,nats://n3:6222';

describe('which file is what: an image the .env names, a shared fragment, a ConfigMap given twice', () => {
  const COMMON = [
    'authorization { token: "a-long-enough-token-1234" }',
    'jetstream { store_dir: /data }',
    'cluster {',
    '  name: oak',
    '  port: 6222',
    '  routes: [ nats://n1:6222, nats://n2:6222, nats://n3:6222 ]',
    '}',
    '',
  ].join('\n');
  const node = (name: string) => `server_name: ${name}\ninclude ./common.conf\n`;

  test("a Compose service whose image is the .env's: a Compose file, its flags applied to the configs", () => {
    const yaml = (image: string, routes = ` -routes ${ROUTE_URLS}`) =>
      [
        'services:',
        ...['n1', 'n2', 'n3'].flatMap((n) => [
          `  ${n}:`,
          `    image: ${image}`,
          `    command: -c /config/${n}.conf${routes}`,
          '    volumes: [ "./config:/config" ]',
        ]),
        '',
      ].join('\n');
    const conf = (name: string) =>
      `server_name: ${name}\nauthorization { token: "a-long-enough-token-1234" }\ncluster { name: oak, port: 6222 }\n`;
    const files = (compose: string, env: string) => ({
      'p/.env': env,
      'p/compose.yaml': compose,
      'p/config/n1.conf': conf('n1'),
      'p/config/n2.conf': conf('n2'),
      'p/config/n3.conf': conf('n3'),
    });
    const given = ['p/compose.yaml', 'p/config/n1.conf', 'p/config/n2.conf', 'p/config/n3.conf'];
    const env = 'NATS_IMAGE=nats:2.10.17-alpine\n';
    assert.deepEqual(findings(files(yaml('${NATS_IMAGE}'), env), given), []);
    // The flags are what joins them: without -routes, each is isolated.
    const isolated = codes(findings(files(yaml('${NATS_IMAGE}', ''), env), given));
    assert.ok(isolated.includes('cluster-isolated'), isolated.join(', '));
    // An image whose entrypoint is not known here (a nightly build) runs the configs: not judged.
    assert.deepEqual(findings(files(yaml('${NATS_IMAGE}', ''), 'NATS_IMAGE=synadia/nats-server:nightly\n'), given), []);
  });

  test('-cluster on a config whose cluster block an included file holds: not judged (the flag is set in it)', () => {
    const common = 'jetstream { store_dir: /data }\ncluster {\n  name: oak\n  listen: 127.0.0.1:6222\n}\n';
    const compose = [
      'services:',
      ...['n1', 'n2', 'n3'].flatMap((n) => [
        `  ${n}:`,
        '    image: nats:2.10.17-alpine',
        `    command: -c /config/${n}.conf -cluster nats://0.0.0.0:6222 -routes ${ROUTE_URLS}`,
        '    volumes: [ "./config:/config" ]',
      ]),
      '',
    ].join('\n');
    const files = (n: (name: string) => string) => ({
      'q/compose.yaml': compose,
      'q/config/common.conf': common,
      'q/config/n1.conf': n('n1'),
      'q/config/n2.conf': n('n2'),
      'q/config/n3.conf': n('n3'),
    });
    const auth = 'authorization { token: "a-long-enough-token-1234" }\n';
    const included = (name: string) => `server_name: ${name}\n${auth}include ./common.conf\n`;
    assert.deepEqual(findings(files(included), ['q/compose.yaml']), []);
    // The same block written in the config itself is read with the flags set in it, and judged.
    const inline = (name: string) => `server_name: ${name}\n${auth}${common}`;
    assert.deepEqual(findings(files(inline), ['q/compose.yaml']), []);
    const unnamed = (name: string) => inline(name).replace('  name: oak\n', '');
    assert.ok(codes(findings(files(unnamed), ['q/compose.yaml'])).includes('startup-jetstream-cluster'));
  });

  test('a config the others include (common.conf) is no server of its own; what it holds is still read', () => {
    const files = {
      'c/n1.conf': node('n1'),
      'c/n2.conf': node('n2'),
      'c/n3.conf': node('n3'),
      'c/common.conf': COMMON,
    };
    assert.deepEqual(findings(files), []);
    // Read on its own, it would be a JetStream server without a server_name, and a fourth node.
    const typo = { ...files, 'c/common.conf': `prot: 4222\n${COMMON}` };
    assert.deepEqual(findings(typo), ['c/common.conf:1 unknown-key']);
  });

  test('two configs including each other are both still read', () => {
    const files = { 'c/a.conf': 'include ./b.conf\nprot: 1\n', 'c/b.conf': 'include ./a.conf\nport: 4222\n' };
    assert.ok(
      findings(files).some((f) => f.startsWith('c/a.conf:2 unknown-key')),
      findings(files).join(', '),
    );
  });

  test('a ConfigMap given twice, data differing: which stands depends on the order applied; neither is judged', () => {
    const other = configMap(['port: 4222', 'authorization { token: "a-long-enough-token-1234" }']).replace(
      'nats.conf: |',
      'nats-server.conf: |',
    );
    const right = configMap(['port: 4222', 'authorization { token: "a-long-enough-token-1234" }']);
    const files = (a: string, b: string) => ({
      'k8s/a.yaml': a,
      'k8s/b.yaml': b,
      'k8s/statefulset.yaml': statefulSet(),
    });
    const paths = (found: string[]) => found.filter((f) => f.includes('k8s-config'));
    assert.deepEqual(paths(findings(files(other, right))), []);
    assert.deepEqual(paths(findings(files(right, other))), []);
    // Given once, without the key the container loads: reported.
    assert.deepEqual(paths(findings({ 'k8s/a.yaml': other, 'k8s/statefulset.yaml': statefulSet() })), [
      'k8s/statefulset.yaml:17 k8s-config-path',
    ]);
  });
});
