// Route TLS on real clusters: three nats-server processes on 127.0.0.1 (free ports, a temporary
// PKI made with openssl, every process stopped at the end), started from configs the cross-node
// checks have judged. /routez must agree with the findings: the setup guide's certificate (a
// Common Name and no subjectAltName) routes nowhere; certificates naming the address peers dial
// route fully and draw nothing; a node signed by another CA is cut off; nodes whose certificates
// lack the address gossip dials never meet each other.

import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { monitorJson, pollNodes, routeCounts } from '../support/monitoring';
import { freePorts } from '../support/nats-server';
import { ServerGroup, judgeNodes, loopbackNode, nodePorts, type NodePorts } from '../support/realNodes';
import { createPki, type Ca, type Issued, type Pki } from '../support/pki';

type Node = NodePorts;

/** A node config whose cluster block uses `cert` with `ca` (cert_file on line 9), routing to the given ports. */
const config = (name: string, p: Node, routes: number[], cert: Issued, ca: Ca, extraTls: string[] = []) =>
  loopbackNode(name, p, routes, 'secure', [
    'tls {',
    `  cert_file: "${cert.certFile}"`,
    `  key_file: "${cert.keyFile}"`,
    `  ca_file: "${ca.certFile}"`,
    '  timeout: 2',
    ...extraTls.map((l) => `  ${l}`),
    '}',
  ]);

describe('route TLS on real clusters agrees with the certificate checks', () => {
  let pki: Pki;
  let ca: Ca;
  let servers: ServerGroup;

  before(() => {
    pki = createPki();
    ca = pki.makeCa('NATS CA');
    servers = new ServerGroup(pki.dir);
  });
  after(async () => {
    await servers.stop();
    pki.cleanup();
  });

  const nodes = (): Promise<Node[]> => nodePorts(3);
  const write = (files: Record<string, string>) => Object.entries(files).map(([name, text]) => pki.write(name, text));
  /** The errors and warnings of the cross-node checks, as `file:line code`. */
  const judge = (paths: string[]) => judgeNodes(pki.dir, paths, ['error', 'warning']);
  const start = (paths: string[]) => servers.start(paths);
  const stop = () => servers.stop();
  /** Route counts once they reach `want`, then again after the failing routes had time to retry. */
  const settle = async (ports: Node[], want: number[]) => {
    const http = ports.map((p) => p.http);
    const first = await routeCounts(http, (n) => n.join() === want.join());
    await new Promise((r) => setTimeout(r, 2500));
    const later = await routeCounts(http, () => true, 1000);
    await stop();
    return { first, later };
  };
  const mesh = (ports: Node[], i: number) => ports.filter((_, j) => j !== i).map((p) => p.cluster);

  test("the guide's recipe (one certificate, CN only, no SAN): every route flagged, and none forms", async () => {
    const ports = await nodes();
    const guide = pki.guideRecipe();
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [`guide-${i + 1}.conf`, config(`n${i + 1}`, p, mesh(ports, i), guide.server, guide.ca)]),
      ),
    );
    const findings = judge(paths);
    for (const file of ['guide-1.conf', 'guide-2.conf', 'guide-3.conf'])
      assert.equal(findings.filter((f) => f.startsWith(`${file}:`) && f.endsWith(' tls-peer-name')).length, 2, file);
    start(paths);
    const { first, later } = await settle(ports, [0, 0, 0]);
    assert.deepEqual(first, [0, 0, 0]);
    assert.deepEqual(later, [0, 0, 0]);
  });

  test('certificates with the address peers dial in their SANs: no finding, and a full mesh', async () => {
    const ports = await nodes();
    const certs = [1, 2, 3].map((i) => pki.issue(ca, { cn: `n${i}`, ip: ['127.0.0.1'], dns: ['localhost'] }));
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [`good-${i + 1}.conf`, config(`n${i + 1}`, p, mesh(ports, i), certs[i], ca)]),
      ),
    );
    assert.deepEqual(judge(paths), []);
    start(paths);
    const { first, later } = await settle(ports, [2, 2, 2]);
    assert.deepEqual(first, [2, 2, 2]);
    assert.deepEqual(later, [2, 2, 2]);
  });

  test('a node whose certificate another CA signed: flagged at its certificate, and cut off', async () => {
    const ports = await nodes();
    const other = pki.makeCa('Other CA');
    const certs = [1, 2, 3].map((i) =>
      pki.issue(i === 3 ? other : ca, { cn: `n${i}`, ip: ['127.0.0.1'], name: `trust-n${i}` }),
    );
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [`trust-${i + 1}.conf`, config(`n${i + 1}`, p, mesh(ports, i), certs[i], ca)]),
      ),
    );
    assert.deepEqual(judge(paths), ['trust-3.conf:9 tls-peer-trust']);
    start(paths);
    const { first, later } = await settle(ports, [1, 1, 0]);
    assert.deepEqual(first, [1, 1, 0]);
    assert.deepEqual(later, [1, 1, 0]);
  });

  test('one node whose certificate has no SAN: a warning on the routes to it, and routed from its side', async () => {
    const ports = await nodes();
    const certs = [1, 2, 3].map((i) =>
      i === 3
        ? pki.issue(ca, { cn: 'n3', name: 'one-n3' })
        : pki.issue(ca, { cn: `n${i}`, ip: ['127.0.0.1'], name: `one-n${i}` }),
    );
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [`one-${i + 1}.conf`, config(`n${i + 1}`, p, mesh(ports, i), certs[i], ca)]),
      ),
    );
    assert.deepEqual(judge(paths), ['one-1.conf:16 tls-peer-name', 'one-2.conf:16 tls-peer-name']);
    const service = judgeNodes(pki.dir, paths, ['error']);
    assert.deepEqual(service, [], 'warnings only: the routes form from n3');
    start(paths);
    const { first, later } = await settle(ports, [2, 2, 2]);
    assert.deepEqual(
      [first, later],
      [
        [2, 2, 2],
        [2, 2, 2],
      ],
    );
  });

  test("pinned_certs without a peer's key: flagged at the list, and that peer is refused", async () => {
    const ports = await nodes();
    const certs = [1, 2, 3].map((i) => pki.issue(ca, { cn: `n${i}`, ip: ['127.0.0.1'], name: `pin-n${i}` }));
    const pin = createHash('sha256')
      .update(new X509Certificate(certs[1].cert).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [
          `pin-${i + 1}.conf`,
          config(`n${i + 1}`, p, mesh(ports, i), certs[i], ca, i === 0 ? [`pinned_certs: ["${pin}"]`] : []),
        ]),
      ),
    );
    assert.deepEqual(judge(paths), ['pin-1.conf:13 tls-pinned']);
    start(paths);
    const { first, later } = await settle(ports, [1, 2, 1]);
    assert.deepEqual(
      [first, later],
      [
        [1, 2, 1],
        [1, 2, 1],
      ],
    );
  });

  test('nodes meeting only through gossip, certificates without its address: flagged, never routed', async () => {
    const ports = await nodes();
    // n2 and n3 name only n1; they learn of each other from it and dial each other's cluster address (an IP).
    const certs = [
      pki.issue(ca, { cn: 'n1', ip: ['127.0.0.1'], name: 'gossip-n1' }),
      pki.issue(ca, { cn: 'n2', dns: ['nats-2.example.com'], name: 'gossip-n2' }),
      pki.issue(ca, { cn: 'n3', dns: ['nats-3.example.com'], name: 'gossip-n3' }),
    ];
    const routes = [[], [ports[0].cluster], [ports[0].cluster]];
    const paths = write(
      Object.fromEntries(
        ports.map((p, i) => [`gossip-${i + 1}.conf`, config(`n${i + 1}`, p, routes[i], certs[i], ca)]),
      ),
    );
    assert.deepEqual(judge(paths), ['gossip-2.conf:9 tls-gossip-name', 'gossip-3.conf:9 tls-gossip-name']);
    start(paths);
    const { first, later } = await settle(ports, [2, 1, 1]);
    assert.deepEqual(first, [2, 1, 1]);
    assert.deepEqual(later, [2, 1, 1]);
  });
});

describe('gateway and leaf node TLS on real servers agrees with the certificate checks', () => {
  let pki: Pki;
  let ca: Ca;
  let servers: ServerGroup;
  before(() => {
    pki = createPki();
    ca = pki.makeCa('Link CA');
    servers = new ServerGroup(pki.dir);
  });
  after(async () => {
    await servers.stop();
    pki.cleanup();
  });
  const stopAll = () => servers.stop();
  const tls = (cert: Issued, extra: string[] = []) => [
    '  tls {',
    `    cert_file: "${cert.certFile}"`,
    `    key_file: "${cert.keyFile}"`,
    `    ca_file: "${ca.certFile}"`,
    '    timeout: 2',
    ...extra.map((l) => `    ${l}`),
    '  }',
  ];
  /** The errors and warnings of the cross-node checks on the files, which then start. */
  const judge = (files: Record<string, string>) => {
    const paths = Object.entries(files).map(([name, text]) => pki.write(name, text));
    const found = judgeNodes(pki.dir, paths, ['error', 'warning']);
    servers.start(paths);
    return found;
  };
  /** How many connections of a kind each node reports, once `want` holds (or after 6 s), then 2.5 s later. */
  const settle = async (ports: number[], read: (port: number) => Promise<number | undefined>, want: number[]) => {
    const first = await pollNodes(ports, read, (n) => n.join() === want.join(), 10_000);
    await new Promise((r) => setTimeout(r, 2500));
    const later = await pollNodes(ports, read, () => true, 1000);
    await stopAll();
    return { first, later };
  };
  const outbound = async (port: number) => {
    const g = await monitorJson<{ outbound_gateways?: Record<string, unknown> }>(port, '/gatewayz');
    return g && Object.keys(g.outbound_gateways ?? {}).length;
  };
  const leafs = async (port: number) => (await monitorJson<{ leafnodes: number }>(port, '/leafz'))?.leafnodes;

  const gateway = async (westCert: Issued) => {
    const [ec, wc, eg, wg, eh, wh] = await freePorts(6);
    const east = pki.issue(ca, { cn: 'east', ip: ['127.0.0.1'], name: `east-${eg}` });
    const conf = (name: string, client: number, http: number, gw: number, cert: Issued, peer: string, peerGw: number) =>
      [
        `server_name: ${name}`,
        `listen: 127.0.0.1:${client}`,
        `http: 127.0.0.1:${http}`,
        'gateway {',
        `  name: ${name}`,
        `  listen: 127.0.0.1:${gw}`,
        ...tls(cert),
        `  gateways: [ { name: ${peer}, url: "nats://127.0.0.1:${peerGw}" } ]`,
        '}',
        '',
      ].join('\n');
    const found = judge({
      [`east-${eg}.conf`]: conf('east', ec, eh, eg, east, 'west', wg),
      [`west-${wg}.conf`]: conf('west', wc, wh, wg, westCert, 'east', eg),
    });
    return { found, http: [eh, wh], eg };
  };

  test('a gateway pair with certificates for the address dialled: silent, and both gateways connect', async () => {
    const { found, http } = await gateway(pki.issue(ca, { cn: 'west', ip: ['127.0.0.1'], name: 'west-good' }));
    assert.deepEqual(found, []);
    const { first, later } = await settle(http, outbound, [1, 1]);
    assert.deepEqual(
      [first, later],
      [
        [1, 1],
        [1, 1],
      ],
    );
  });

  test("a gateway certificate without the address dialled: flagged at east's URL, east never connects", async () => {
    const { found, http, eg } = await gateway(
      pki.issue(ca, { cn: 'west', dns: ['west.example.com'], name: 'west-bad' }),
    );
    assert.deepEqual(found, [`east-${eg}.conf:13 tls-peer-name`]);
    // west dials east (whose certificate is right) and connects; east's outbound to west fails the handshake.
    const { first, later } = await settle(http, outbound, [0, 1]);
    assert.deepEqual(
      [first, later],
      [
        [0, 1],
        [0, 1],
      ],
    );
  });

  /** A hub (verifying remotes, or mapping their certificates to `mapTo` users) and a leaf node with one remote. */
  const leafPair = async (hubCert: Issued, leafCert: Issued, mapTo?: string[]) => {
    const [hc, lc, hl, hh, lh] = await freePorts(5);
    const hub = [
      'server_name: hub',
      `listen: 127.0.0.1:${hc}`,
      `http: 127.0.0.1:${hh}`,
      'leafnodes {',
      `  listen: 127.0.0.1:${hl}`,
      ...tls(hubCert, [mapTo ? 'verify_and_map: true' : 'verify: true']),
      ...(mapTo ? [`  authorization { users: [ ${mapTo.map((u) => `{ user: "${u}" }`).join(', ')} ] }`] : []),
      '}',
      '',
    ].join('\n');
    const leaf = [
      'server_name: leaf',
      `listen: 127.0.0.1:${lc}`,
      `http: 127.0.0.1:${lh}`,
      'leafnodes {',
      '  remotes: [',
      '    {',
      `      url: "tls://127.0.0.1:${hl}"`,
      ...tls(leafCert).map((l) => `    ${l}`),
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const found = judge({ [`hub-${hl}.conf`]: hub, [`leaf-${hl}.conf`]: leaf });
    return { found, http: [hh, lh], hl };
  };

  test('a leaf node remote and its hub with the right certificates: silent, and connected', async () => {
    const hubCert = pki.issue(ca, { cn: 'hub', ip: ['127.0.0.1'], name: 'hub-good' });
    const leafCert = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], name: 'leaf-good' });
    const { found, http } = await leafPair(hubCert, leafCert);
    assert.deepEqual(found, []);
    const { first, later } = await settle(http, leafs, [1, 1]);
    assert.deepEqual(
      [first, later],
      [
        [1, 1],
        [1, 1],
      ],
    );
  });

  test('a leaf remote certificate for servers only, to a hub that verifies: flagged, refused', async () => {
    const hubCert = pki.issue(ca, { cn: 'hub', ip: ['127.0.0.1'], name: 'hub-eku' });
    const leafCert = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], eku: ['serverAuth'], name: 'leaf-eku' });
    const { found, http, hl } = await leafPair(hubCert, leafCert);
    assert.deepEqual(found, [`leaf-${hl}.conf:9 tls-peer-usage`]);
    const { first, later } = await settle(http, leafs, [0, 0]);
    assert.deepEqual(
      [first, later],
      [
        [0, 0],
        [0, 0],
      ],
    );
  });

  test('verify_and_map on the hub: the user the certificate names connects, another is flagged', async () => {
    const hubCert = pki.issue(ca, { cn: 'hub', ip: ['127.0.0.1'], name: 'hub-map' });
    const leafCert = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], name: 'leaf-map' });
    const mapped = await leafPair(hubCert, leafCert, ['CN=leaf', 'leaf.example.com']);
    assert.deepEqual(mapped.found, []);
    assert.deepEqual(await settle(mapped.http, leafs, [1, 1]), { first: [1, 1], later: [1, 1] });
    const other = await leafPair(hubCert, leafCert, ['CN=someone-else']);
    assert.deepEqual(other.found, [`leaf-${other.hl}.conf:9 leafnode-certificate-user`]);
    assert.deepEqual(await settle(other.http, leafs, [0, 0]), { first: [0, 0], later: [0, 0] });
  });
});
