// The certificates node configs name, read from a PKI made with openssl for the test, against
// what each end of a route, gateway or leaf node connection verifies: a scenario per finding
// with its file, line and code, and clean deployments that draw nothing.

import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { nodeHost } from '../../server/src/node/nodeHost';
import { createPki, type Ca, type Issued, type Pki } from '../support/pki';

let pki: Pki;
let ca: Ca;
/** Per-node certificates with their DNS name and 10.0.0.n (nats-n.example.com). */
let good: Issued[];

before(() => {
  pki = createPki();
  ca = pki.makeCa('NATS CA');
  good = [1, 2, 3].map((i) =>
    pki.issue(ca, { cn: `nats-${i}`, dns: [`nats-${i}.example.com`], ip: [`10.0.0.${i}`], name: `good-${i}` }),
  );
});
after(() => pki.cleanup());

interface NodeOptions {
  cert: Issued;
  ca?: Ca;
  routes?: string[];
  host?: string;
  advertise?: string;
  extraTls?: string[];
}

/** A node whose cluster block (line 4) has tls with cert_file on line 8 and ca_file on line 10. */
function node(i: number, o: NodeOptions): string {
  return [
    `server_name: nats-${i}`,
    'port: 4222',
    'http_port: 8222',
    'cluster {',
    '  name: secure',
    `  host: ${o.host ?? '0.0.0.0'}`,
    '  tls {',
    `    cert_file: "${o.cert.certFile}"`,
    `    key_file: "${o.cert.keyFile}"`,
    `    ca_file: "${(o.ca ?? ca).certFile}"`,
    ...(o.extraTls ?? []).map((l) => `    ${l}`),
    '  }',
    '  port: 6222',
    ...(o.advertise ? [`  advertise: "${o.advertise}"`] : []),
    '  routes: [',
    ...(o.routes ?? [1, 2, 3].filter((j) => j !== i).map((j) => `nats-route://nats-${j}.example.com:6222`)).map(
      (r) => `    ${r}`,
    ),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Cross-node findings of the files, as `file:line code`, and the diagnostics themselves. */
function cluster(
  files: Record<string, string>,
  severities = ['error', 'warning'],
): { found: string[]; all: Diagnostic[] } {
  const service = createLanguageService({ host: nodeHost({}, pki.dir) });
  const paths = Object.entries(files).map(([name, text]) => pki.write(name, text));
  const models = paths.map((p) => service.check({ path: p, text: fs.readFileSync(p, 'utf8') }).model);
  const all = service.cluster(models).filter((d) => severities.includes(d.severity));
  return { found: all.map((d) => `${path.basename(d.file)}:${d.range.start.line + 1} ${d.code}`).sort(), all };
}

/** The file's own findings of the certificate codes. */
function own(name: string, text: string): string[] {
  const service = createLanguageService({ host: nodeHost({}, pki.dir) });
  const file = pki.write(name, text);
  return service
    .check({ path: file, text })
    .diagnostics.filter((d) => d.code.startsWith('tls-'))
    .map((d) => `${d.range.start.line + 1} ${d.code}`);
}

const three = (prefix: string, make: (i: number) => string) =>
  Object.fromEntries([1, 2, 3].map((i) => [`${prefix}-${i}.conf`, make(i)]));

describe('route certificates across node configs', () => {
  test('certificates with each node name and address, advertised by name: nothing to say', () => {
    const files = three('clean', (i) => node(i, { cert: good[i - 1], advertise: `nats-${i}.example.com:6222` }));
    assert.deepEqual(cluster(files, ['error', 'warning', 'information']).found, []);
    for (const [name, text] of Object.entries(files)) assert.deepEqual(own(name, text), [], name);
  });

  test("the guide's recipe: every route refused, the Common Name named as the cause", () => {
    const guide = pki.guideRecipe();
    const { found, all } = cluster(three('guide', (i) => node(i, { cert: guide.server, ca: guide.ca })));
    assert.deepEqual(
      found,
      [
        'guide-1.conf:14',
        'guide-1.conf:15',
        'guide-2.conf:14',
        'guide-2.conf:15',
        'guide-3.conf:14',
        'guide-3.conf:15',
      ].map((at) => `${at} tls-peer-name`),
    );
    const first = all.find((d) => d.file.endsWith('guide-1.conf'))!;
    assert.match(first.message, /nats-2\.example\.com.*not valid for any names.*Common Name \(CN=nats-server\)/s);
    assert.equal(first.related?.[0].file, path.join(pki.dir, 'guide-2.conf'));
    // The file alone says so too: a route certificate without subjectAltName.
    assert.deepEqual(own('guide-alone.conf', node(1, { cert: guide.server, ca: guide.ca })), ['8 tls-no-san']);
  });

  test('the quick fix writes openssl commands with the names the peers dial, above the route', () => {
    const guide = pki.guideRecipe();
    const { all } = cluster(three('fix', (i) => node(i, { cert: guide.server, ca: guide.ca })));
    const d = all.find((x) => x.file.endsWith('fix-1.conf') && x.range.start.line === 13)!;
    const fix = d.fixes?.[0];
    assert.ok(fix, 'a fix is offered');
    assert.equal(fix.edits[0].range.start.line, 13);
    assert.match(fix.edits[0].newText, /^ {4}# openssl req -new -newkey rsa:2048 -nodes .*-subj "\/CN=nats-2"$/m);
    assert.match(
      fix.edits[0].newText,
      /subjectAltName=DNS:nats-2\.example\.com\\nextendedKeyUsage=serverAuth,clientAuth/,
    );
    assert.match(fix.edits[0].newText, new RegExp(`-CA ${guide.ca.certFile.replace(/[.]/g, '\\.')} `));
  });

  test('per-node DNS names but no advertise: gossip dials the IP, a warning where the first route name fails', () => {
    const files = three('gossip', (i) =>
      node(i, { cert: pki.issue(ca, { cn: `n${i}`, dns: [`nats-${i}.example.com`], name: `dns-${i}` }) }),
    );
    const { found, all } = cluster(files);
    // nats-1 is every other node's first route: dialled by IP it is verified as nats-1.example.com and
    // passes (on real servers, too, only nats-2 and nats-3 log the errors).
    assert.deepEqual(found, ['gossip-2.conf:8 tls-gossip-name', 'gossip-3.conf:8 tls-gossip-name']);
    assert.ok(all.every((d) => d.severity === 'warning'));
    assert.match(all[0].message, /doesn't contain any IP SANs|advertise/);
    // The fix advertises the name the peers already dial.
    const fix = all.find((d) => d.file.endsWith('gossip-2.conf'))!.fixes?.[0];
    assert.equal(fix?.edits[0].newText.trim(), 'advertise: "nats-2.example.com:6222"');
  });

  test('a seed topology whose certificates lack the gossiped address: the two leaves never meet (error)', () => {
    const certs = [1, 2, 3].map((i) =>
      pki.issue(ca, { cn: `n${i}`, dns: [`nats-${i}.example.com`], name: `seed-${i}` }),
    );
    const files = three('seed', (i) =>
      node(i, {
        cert: certs[i - 1],
        host: `10.0.0.${i}`,
        routes: i === 1 ? [] : ['nats-route://nats-1.example.com:6222'],
      }),
    );
    const { all } = cluster(files);
    const leaves = all.filter((d) => d.code === 'tls-gossip-name' && /seed-[23]/.test(d.file));
    assert.equal(leaves.length, 2);
    assert.ok(
      leaves.every((d) => d.severity === 'error'),
      leaves.map((d) => d.message).join('\n'),
    );
  });

  test('a node signed by another CA: at its certificate; with that CA as its ca_file too: at both', () => {
    const other = pki.makeCa('Other CA');
    const stray = pki.issue(other, { cn: 'nats-3', dns: ['nats-3.example.com'], ip: ['10.0.0.3'], name: 'stray-3' });
    const advertise = (i: number) => `nats-${i}.example.com:6222`;
    const files = three('trust', (i) => node(i, { cert: i === 3 ? stray : good[i - 1], advertise: advertise(i) }));
    assert.deepEqual(cluster(files).found, ['trust-3.conf:8 tls-peer-trust']);
    const both = three('both', (i) =>
      node(i, { cert: i === 3 ? stray : good[i - 1], ca: i === 3 ? other : ca, advertise: advertise(i) }),
    );
    assert.deepEqual(cluster(both).found, ['both-3.conf:10 tls-peer-trust', 'both-3.conf:8 tls-peer-trust']);
  });

  test('pinned_certs without a peer key: at the list, naming the peer and its key', () => {
    const pins = good.slice(0, 2).map((c) =>
      createHash('sha256')
        .update(new X509Certificate(c.cert).publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    );
    const files = three('pin', (i) =>
      node(i, {
        cert: good[i - 1],
        advertise: `nats-${i}.example.com:6222`,
        extraTls: i === 1 ? [`pinned_certs: [${pins.map((p) => `"${p}"`).join(', ')}]`] : [],
      }),
    );
    const { found, all } = cluster(files);
    assert.deepEqual(found, ['pin-1.conf:11 tls-pinned']);
    assert.match(all[0].message, /nats-3/);
  });

  test('a route certificate for servers only (extended key usage): the file says so', () => {
    const serverOnly = pki.issue(ca, { cn: 'n1', dns: ['nats-1.example.com'], eku: ['serverAuth'], name: 'eku-1' });
    assert.deepEqual(own('eku.conf', node(1, { cert: serverOnly })), ['8 tls-usage']);
  });
});

describe('gateway and leaf node certificates', () => {
  const gateway = (name: string, cert: Issued, peer: string, peerHost: string) =>
    [
      `server_name: ${name}`,
      'gateway {',
      `  name: ${name}`,
      '  port: 7222',
      '  tls {',
      `    cert_file: "${cert.certFile}"`,
      `    key_file: "${cert.keyFile}"`,
      `    ca_file: "${ca.certFile}"`,
      '  }',
      `  gateways: [ { name: ${peer}, url: "nats://${peerHost}:7222" } ]`,
      '}',
      '',
    ].join('\n');

  test('a gateway pair: clean with the right names, refused when the peer certificate lacks the host', () => {
    const east = pki.issue(ca, { cn: 'east', dns: ['east.example.com'], name: 'gw-east' });
    const west = pki.issue(ca, { cn: 'west', dns: ['west.example.com'], name: 'gw-west' });
    assert.deepEqual(
      cluster({
        'east.conf': gateway('east', east, 'west', 'west.example.com'),
        'west.conf': gateway('west', west, 'east', 'east.example.com'),
      }).found,
      [],
    );
    const wrong = pki.issue(ca, { cn: 'west', dns: ['gw.example.com'], name: 'gw-west-wrong' });
    const { found } = cluster({
      'east2.conf': gateway('east', east, 'west', 'west.example.com'),
      'west2.conf': gateway('west', wrong, 'east', 'east.example.com'),
    });
    assert.ok(found.includes('east2.conf:10 tls-peer-name'), found.join('\n'));
  });

  const hub = (cert: Issued, verify: boolean) =>
    [
      'server_name: hub',
      'leafnodes {',
      '  port: 7422',
      '  tls {',
      `    cert_file: "${cert.certFile}"`,
      `    key_file: "${cert.keyFile}"`,
      `    ca_file: "${ca.certFile}"`,
      ...(verify ? ['    verify: true'] : []),
      '  }',
      '}',
      '',
    ].join('\n');
  const leaf = (cert: Issued) =>
    [
      'server_name: leaf',
      'leafnodes {',
      '  remotes: [',
      '    {',
      '      url: "tls://hub.example.com:7422"',
      '      tls {',
      `        cert_file: "${cert.certFile}"`,
      `        key_file: "${cert.keyFile}"`,
      `        ca_file: "${ca.certFile}"`,
      '      }',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');

  test('a leaf node remote: clean; then a server-only certificate where the hub verifies', () => {
    const hubCert = pki.issue(ca, { cn: 'hub', dns: ['hub.example.com'], name: 'leaf-hub' });
    const leafCert = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], name: 'leaf-leaf' });
    assert.deepEqual(cluster({ 'hub.conf': hub(hubCert, true), 'leaf.conf': leaf(leafCert) }).found, []);
    const serverOnly = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], eku: ['serverAuth'], name: 'leaf-so' });
    assert.deepEqual(cluster({ 'hub2.conf': hub(hubCert, true), 'leaf2.conf': leaf(serverOnly) }).found, [
      'leaf2.conf:7 tls-peer-usage',
    ]);
    // A hub that does not ask for the remote's certificate does not care.
    assert.deepEqual(cluster({ 'hub3.conf': hub(hubCert, false), 'leaf3.conf': leaf(serverOnly) }).found, []);
  });

  test("a leaf node remote dialling a name the hub's certificate lacks", () => {
    const hubCert = pki.issue(ca, { cn: 'hub', dns: ['other.example.com'], name: 'leaf-hub-wrong' });
    const leafCert = pki.issue(ca, { cn: 'leaf', dns: ['leaf.example.com'], name: 'leaf-leaf-2' });
    assert.deepEqual(cluster({ 'hub4.conf': hub(hubCert, false), 'leaf4.conf': leaf(leafCert) }).found, [
      'leaf4.conf:5 tls-peer-name',
    ]);
  });
});
