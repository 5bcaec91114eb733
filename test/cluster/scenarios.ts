// Cluster scenarios: sets of node configs, and what the cross-node checks must find in them
// (`file line code`, 1-based lines). Clean scenarios must draw no warning and no error.

export interface Scenario {
  name: string;
  files: Record<string, string>;
  version?: string;
  env?: Record<string, string>;
  /** `file:line code` of every cluster finding of severity warning or error (empty: clean). */
  expect: string[];
  /** Information findings expected too. */
  info?: string[];
}

const node = (name: string, peers: string[], extra = '', cluster = '') =>
  `server_name: ${name}\n` +
  'port: 4222\n' +
  'http_port: 8222\n' +
  'cluster {\n' +
  '  name: c1\n' +
  '  port: 6222\n' +
  `${cluster}  routes: [\n` +
  `${peers.map((p) => `    nats-route://${p}:6222\n`).join('')}  ]\n` +
  '}\n' +
  `${extra}`;

const loop = (name: string, client: number, port: number, peers: number[], extra = '') =>
  `server_name: ${name}\n` +
  'host: 127.0.0.1\n' +
  `port: ${client}\n` +
  'cluster {\n' +
  '  name: loop\n' +
  `  listen: 127.0.0.1:${port}\n` +
  '  routes: [\n' +
  `${peers.map((p) => `    nats-route://127.0.0.1:${p}\n`).join('')}  ]\n` +
  '}\n' +
  `${extra}`;

/** A node on loopback address 127.0.0.`n`, every one with the same ports, routed to the others'. */
const alias = (n: number, peers: number[], clusterName = 'loop', at = n) =>
  `server_name: a${n}\n` +
  `host: 127.0.0.${at}\n` +
  'port: 4222\n' +
  'cluster {\n' +
  `  name: ${clusterName}\n` +
  `  listen: 127.0.0.${at}:6222\n` +
  '  routes: [\n' +
  `${peers.map((p) => `    nats-route://127.0.0.${p}:6222\n`).join('')}  ]\n` +
  '}\n';

const TLS =
  '  tls {\n' +
  '    cert_file: "/etc/nats/certs/server.pem"\n' +
  '    key_file: "/etc/nats/certs/server-key.pem"\n' +
  '    ca_file: "/etc/nats/certs/ca.pem"\n' +
  '  }\n';
const AUTH = '  authorization {\n    user: route\n    password: s3cret\n  }\n';

export const scenarios: Scenario[] = [
  // ---- clean ----
  {
    name: 'the guide: three nodes routed by host name',
    files: {
      'nats-server-1.conf': node('nats-1', ['nats-2.example.com', 'nats-3.example.com']),
      'nats-server-2.conf': node('nats-2', ['nats-1.example.com', 'nats-3.example.com']),
      'nats-server-3.conf': node('nats-3', ['nats-1.example.com', 'nats-2.example.com']),
    },
    expect: [],
  },
  {
    name: 'a loopback cluster on distinct ports',
    files: {
      'a.conf': loop('a', 4222, 6222, [6223, 6224]),
      'b.conf': loop('b', 4223, 6223, [6222, 6224]),
      'c.conf': loop('c', 4224, 6224, [6222, 6223]),
    },
    expect: [],
  },
  {
    name: 'the StatefulSet ConfigMap: one file, three replicas',
    files: {
      'nats.conf':
        'server_name: $NATS_SERVER_NAME\n' +
        'port: 4222\n' +
        'cluster {\n' +
        '  name: nats-cluster\n' +
        '  port: 6222\n' +
        '  routes: [\n' +
        '    nats-route://nats-0.nats-headless.nats.svc.cluster.local:6222\n' +
        '    nats-route://nats-1.nats-headless.nats.svc.cluster.local:6222\n' +
        '    nats-route://nats-2.nats-headless.nats.svc.cluster.local:6222\n' +
        '  ]\n' +
        '}\n' +
        'jetstream {\n' +
        '  store_dir: /data/jetstream\n' +
        '}\n',
    },
    expect: [],
  },
  {
    // The guide's folder holds nats-1 several times (plain, with TLS…): alternatives, not two servers.
    name: 'alternatives of one node are not compared as servers of one cluster',
    files: {
      'nats-server-1.conf': node('nats-1', ['nats-2', 'nats-3']),
      'nats-server-secure.conf': node('nats-1', ['nats-2', 'nats-3'], '', TLS),
      'nats-server-2.conf': node('nats-2', ['nats-1', 'nats-3']),
      'nats-server-3.conf': node('nats-3', ['nats-1', 'nats-2']),
    },
    expect: [],
    info: ['nats-server-1.conf:1 cluster-variants', 'nats-server-secure.conf:1 cluster-variants'],
  },
  {
    name: 'a route to a name that several configs claim is not guessed',
    files: {
      'a.conf': node('nats-1', ['nats-2']),
      'b.conf': node('nats-1', ['nats-2']),
      'nats-2.conf': node('nats-2', ['nats-1']),
    },
    expect: [],
    info: ['a.conf:1 cluster-variants', 'b.conf:1 cluster-variants', 'nats-2.conf:8 route-ambiguous'],
  },
  {
    // The ConfigMap's routes reach its own replicas, not another config that is also called nats-1.
    name: 'a template reaches its own replicas first',
    files: {
      'old-nats-1.conf': node('nats-1', ['legacy-2']).replace('name: c1', 'name: legacy'),
      'nats.conf':
        'server_name: $NATS_SERVER_NAME\n' +
        'cluster {\n' +
        '  name: nats-cluster\n' +
        '  port: 6222\n' +
        '  routes: [\n' +
        '    nats-route://nats-0.nats-headless:6222\n' +
        '    nats-route://nats-1.nats-headless:6222\n' +
        '    nats-route://nats-2.nats-headless:6222\n' +
        '  ]\n' +
        '}\n',
    },
    expect: [],
    info: ['old-nats-1.conf:8 route-unresolved'],
  },
  {
    // Bare metal: each machine binds its own address, routes dial them; the same ports on
    // different machines are no clash.
    name: 'three machines routed by IP address',
    files: Object.fromEntries(
      [1, 2, 3].map((i) => [
        `n${i}.conf`,
        `server_name: n${i}\n` +
          'cluster {\n' +
          '  name: metal\n' +
          `  listen: 10.0.0.${i}:6222\n` +
          '  routes: [\n' +
          `${[1, 2, 3].map((j) => `    nats-route://10.0.0.${j}:6222\n`).join('')}  ]\n` +
          '}\n',
      ]),
    ),
    expect: [],
    info: [],
  },
  {
    // Docker Compose on one host: every container listens on 6222, published as 16222..16224
    // and advertised so; the routes dial the published ports.
    name: 'containers behind port mappings, reached through their advertised addresses',
    files: Object.fromEntries(
      [1, 2, 3].map((i) => [
        `node-${i}.conf`,
        `server_name: n${i}\n` +
          'cluster {\n' +
          '  name: compose\n' +
          '  listen: 0.0.0.0:6222\n' +
          `  advertise: "10.0.0.5:1622${i + 1}"\n` +
          '  routes: [\n' +
          `${[1, 2, 3]
            .filter((j) => j !== i)
            .map((j) => `    nats-route://10.0.0.5:1622${j + 1}\n`)
            .join('')}  ]\n` +
          '}\n',
      ]),
    ),
    expect: [],
    info: [],
  },
  {
    name: 'route credentials and TLS everywhere, JetStream on three nodes',
    files: {
      'nats-1.conf': node('nats-1', ['route:s3cret@nats-2', 'route:s3cret@nats-3'], 'jetstream {}\n', TLS + AUTH),
      'nats-2.conf': node('nats-2', ['route:s3cret@nats-1', 'route:s3cret@nats-3'], 'jetstream {}\n', TLS + AUTH),
      'nats-3.conf': node('nats-3', ['route:s3cret@nats-1', 'route:s3cret@nats-2'], 'jetstream {}\n', TLS + AUTH),
    },
    expect: [],
  },
  // ---- broken ----
  {
    name: 'cluster names differ',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2']),
      'nats-2.conf': node('nats-2', ['nats-1']).replace('name: c1', 'name: c2'),
    },
    expect: ['nats-1.conf:5 cluster-name', 'nats-2.conf:5 cluster-name'],
  },
  {
    name: "a route to a peer's client port",
    files: {
      'nats-1.conf': node('nats-1', ['nats-2']).replace('nats-2:6222', 'nats-2:4222'),
      'nats-2.conf': node('nats-2', ['nats-1']),
    },
    expect: ['nats-1.conf:8 route-port'],
  },
  {
    name: 'route credentials missing, and wrong',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2', 'route:wrong@nats-3'], '', AUTH),
      'nats-2.conf': node('nats-2', ['route:s3cret@nats-1'], '', AUTH),
      'nats-3.conf': node('nats-3', ['route:s3cret@nats-1'], '', AUTH),
    },
    expect: ['nats-1.conf:12 route-credentials', 'nats-1.conf:13 route-credentials'],
  },
  {
    name: 'route TLS on some nodes only',
    files: { 'nats-1.conf': node('nats-1', ['nats-2'], '', TLS), 'nats-2.conf': node('nats-2', ['nats-1']) },
    expect: ['nats-2.conf:4 route-tls'],
  },
  {
    // Checked against nats-server 2.9.10: "TLS route handshake error: tls: client didn't provide a certificate".
    name: 'route TLS on a node that presents no certificate',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], '', TLS),
      'nats-2.conf': node(
        'nats-2',
        ['nats-1', 'nats-3'],
        '',
        '  tls {\n    ca_file: "/etc/nats/certs/ca.pem"\n    verify: true\n  }\n',
      ),
      'nats-3.conf': node('nats-3', ['nats-1', 'nats-2'], '', TLS),
    },
    expect: ['nats-2.conf:7 route-tls-no-certificate'],
  },
  {
    name: 'two nodes with the same server_name',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2']),
      'nats-2.conf': node('nats-1', ['nats-1']).replace('server_name: nats-1', 'server_name: nats-1'),
    },
    expect: ['nats-1.conf:1 server-name-duplicate', 'nats-2.conf:1 server-name-duplicate'],
  },
  {
    name: 'an isolated node',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2']),
      'nats-2.conf': node('nats-2', ['nats-1']),
      'nats-3.conf': node('nats-3', []),
    },
    expect: ['nats-1.conf:4 cluster-split', 'nats-3.conf:4 cluster-isolated'],
  },
  {
    name: 'JetStream on some nodes, and on two only',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], 'jetstream {}\n'),
      'nats-2.conf': node('nats-2', ['nats-1', 'nats-3'], 'jetstream {}\n'),
      'nats-3.conf': node('nats-3', ['nats-1', 'nats-2']),
    },
    expect: ['nats-1.conf:12 jetstream-quorum', 'nats-2.conf:12 jetstream-quorum', 'nats-3.conf:4 jetstream-partial'],
  },
  {
    name: 'JetStream domains differ',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2', 'nats-3'], 'jetstream { domain: a }\n'),
      'nats-2.conf': node('nats-2', ['nats-1', 'nats-3'], 'jetstream { domain: a }\n'),
      'nats-3.conf': node('nats-3', ['nats-1', 'nats-2'], 'jetstream { domain: b }\n'),
    },
    expect: ['nats-1.conf:12 jetstream-domain', 'nats-2.conf:12 jetstream-domain', 'nats-3.conf:12 jetstream-domain'],
  },
  {
    name: 'pool sizes differ where 2.10.0 requires agreement',
    version: '2.10',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2'], '', '  pool_size: 5\n'),
      'nats-2.conf': node('nats-2', ['nats-1']),
    },
    expect: ['nats-1.conf:7 pool-size'],
  },
  {
    name: 'pool sizes differ where 2.11.2 tolerates it',
    version: '2.12',
    files: {
      'nats-1.conf': node('nats-1', ['nats-2'], '', '  pool_size: 5\n'),
      'nats-2.conf': node('nats-2', ['nats-1']),
    },
    expect: [],
  },
  {
    name: 'two nodes on one host with the same client port',
    files: { 'a.conf': loop('a', 4222, 6222, [6223]), 'b.conf': loop('b', 4222, 6223, [6222]) },
    expect: ['a.conf:3 port-clash', 'b.conf:3 port-clash'],
  },
  {
    name: 'three nodes on three loopback addresses, each with the same ports: three sockets each, no clash',
    files: { 'a1.conf': alias(1, [2, 3]), 'a2.conf': alias(2, [1, 3]), 'a3.conf': alias(3, [1, 2]) },
    expect: [],
  },
  {
    name: 'the node on 127.0.0.3 in another cluster: the routes to 127.0.0.3 reach it, not the node on 127.0.0.1',
    files: { 'a1.conf': alias(1, [3]), 'a3.conf': alias(3, [1], 'other') },
    expect: ['a1.conf:5 cluster-name', 'a3.conf:5 cluster-name'],
  },
  {
    name: 'two nodes bound to one loopback address and port',
    files: { 'a1.conf': alias(1, [2]), 'a2.conf': alias(2, [1], 'loop', 1) },
    expect: ['a1.conf:3 port-clash', 'a2.conf:3 port-clash', 'a1.conf:6 port-clash', 'a2.conf:6 port-clash'],
    // No node listens on 127.0.0.2.
    info: ['a1.conf:8 route-unresolved'],
  },
  {
    name: 'a route to a host that none of the configs is',
    files: { 'nats-1.conf': node('nats-1', ['nats-2', 'db.internal']), 'nats-2.conf': node('nats-2', ['nats-1']) },
    expect: [],
    info: ['nats-1.conf:9 route-unresolved'],
  },
];
