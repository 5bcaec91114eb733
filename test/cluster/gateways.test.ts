// Gateways across node configs: each gateway URL resolved to the node it reaches, and what breaks
// a supercluster although every file is fine alone (a URL to another port, the wrong name, TLS
// on one end). Clean superclusters draw nothing. Real servers: test/cluster/real-links.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, linksOf, type Diagnostic } from '../../server/src/service';
import { memoryHost } from '../support/service';

/** Every cluster finding of `files` checked together, as `file:line code` (1-based), sorted. */
function findings(files: Record<string, string>): { found: string[]; diagnostics: Diagnostic[] } {
  const service = createLanguageService({ host: memoryHost(files) });
  const models = Object.entries(files).map(([file, text]) => service.check({ path: file, text }).model);
  const diagnostics = service.cluster(models);
  return { found: diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`).sort(), diagnostics };
}

function modelsOf(files: Record<string, string>) {
  const service = createLanguageService({ host: memoryHost(files) });
  return Object.entries(files).map(([file, text]) => service.check({ path: file, text }).model);
}

const TLS = '  tls { cert_file: "/etc/nats/gw.pem", key_file: "/etc/nats/gw-key.pem", ca_file: "/etc/nats/ca.pem" }\n';

/**
 * A node of a supercluster: server_name on line 1, the cluster block on lines 4-8, the gateway
 * block from line 9 (its name on 10, its port on 11, `extra`, then `gateways: [` and one entry
 * per line: from line 13 without `extra`).
 */
const node = (
  name: string,
  cluster: string,
  peers: string[],
  gateways: Partial<Record<string, string[]>>,
  extra = '',
) =>
  `server_name: ${name}\n` +
  'port: 4222\n' +
  'http_port: 8222\n' +
  `cluster {\n  name: ${cluster}\n  port: 6222\n` +
  `  routes: [${peers.map((p) => `nats-route://${p}:6222`).join(', ')}]\n}\n` +
  'gateway {\n' +
  `  name: ${cluster}\n` +
  '  port: 7222\n' +
  extra +
  '  gateways: [\n' +
  Object.entries(gateways)
    .map(([gw, urls]) => `    { name: ${gw}, urls: [${(urls ?? []).map((u) => `"nats://${u}"`).join(', ')}] }\n`)
    .join('') +
  '  ]\n' +
  '}\n';

const A = ['a1', 'a2', 'a3'];
const B = ['b1', 'b2', 'b3'];
const urls = (names: string[], port = 7222) => names.map((n) => `${n}:${port}`);
/** Two three-node clusters, each node listing every gateway (its own too, as a shared list does). */
const supercluster = (
  entry: (name: string) => Partial<Record<string, string[]>> = () => ({ A: urls(A), B: urls(B) }),
) => ({
  ...Object.fromEntries(
    A.map((n) => [
      `${n}.conf`,
      node(
        n,
        'A',
        A.filter((p) => p !== n),
        entry(n),
      ),
    ]),
  ),
  ...Object.fromEntries(
    B.map((n) => [
      `${n}.conf`,
      node(
        n,
        'B',
        B.filter((p) => p !== n),
        entry(n),
      ),
    ]),
  ),
});

/** A gateway pair on loopback, without cluster blocks: line 5 is the gateway block. */
const loopGateway = (name: string, client: number, gw: number, remote: string, remotePort: number, extra = '') =>
  `server_name: ${name}\nhost: 127.0.0.1\nport: ${client}\nhttp: 127.0.0.1:${client + 4000}\n` +
  `gateway {\n  name: ${name.toUpperCase()}\n  listen: 127.0.0.1:${gw}\n${extra}` +
  `  gateways: [ { name: ${remote}, url: "nats://127.0.0.1:${remotePort}" } ]\n}\n`;

describe('gateways across node configs', () => {
  test('a supercluster of two three-node clusters: nothing to report', () => {
    assert.deepEqual(findings(supercluster()).found, []);
  });

  test('a gateway pair on loopback without cluster blocks: nothing to report', () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'B', 7002),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001),
    };
    assert.deepEqual(findings(files).found, []);
  });

  test('TLS on both ends, a gateway entry with its own TLS: nothing to report', () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'B', 7002, TLS),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001).replace(
        '{ name: A, url',
        `{ name: A, tls { ca_file: "/etc/nats/ca.pem" }, url`,
      ),
    };
    const withTlsOnB = { ...files, 'b.conf': files['b.conf'].replace('  gateways:', `${TLS}  gateways:`) };
    assert.deepEqual(findings(withTlsOnB).found, []);
  });

  test("a gateway URL to a node's client port", () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'B', 4002),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001),
    };
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['a.conf:8 gateway-port']);
    assert.match(diagnostics[0].message, /its client port.*wrong port/);
    assert.equal(diagnostics[0].severity, 'error');
    assert.equal(diagnostics[0].related?.[0].file, 'b.conf');
    assert.equal(diagnostics[0].related![0].range.start.line, 6);
  });

  test('a gateway URL to a route port, and one without a port', () => {
    const files = supercluster((n) => (n === 'a1' ? { B: ['b1:6222', 'b2', 'b3:7222'] } : { A: urls(A), B: urls(B) }));
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['a1.conf:13 gateway-port', 'a1.conf:13 gateway-port']);
    assert.match(diagnostics.map((d) => d.message).join('\n'), /its route port/);
    assert.match(diagnostics.map((d) => d.message).join('\n'), /missing port in address/);
  });

  test('a gateway listed under the wrong name', () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'BB', 7002),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001),
    };
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['a.conf:8 gateway-name']);
    assert.match(diagnostics[0].message, /remote gateway name is "B"/);
    assert.equal(diagnostics[0].related?.[0].range.start.line, 5);
  });

  test('a supercluster where one node calls cluster B by another name', () => {
    const files = supercluster((n) => (n === 'a2' ? { A: urls(A), C: urls(B) } : { A: urls(A), B: urls(B) }));
    assert.deepEqual(findings(files).found, [
      'a2.conf:14 gateway-name',
      'a2.conf:14 gateway-name',
      'a2.conf:14 gateway-name',
    ]);
  });

  test('gateway TLS on one end only: both directions fail', () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'B', 7002, TLS),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001),
    };
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['a.conf:9 gateway-tls', 'b.conf:8 gateway-tls']);
    const messages = diagnostics.map((d) => d.message).join('\n');
    assert.match(messages, /has no TLS/);
    assert.match(messages, /requires TLS/);
  });

  test('a gateway URL to a host none of the configs is: information only', () => {
    const files = supercluster((n) => (n === 'b3' ? { A: urls(A), B: urls(B), C: ['gw.example.net:7222'] } : {}));
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['b3.conf:15 gateway-unresolved']);
    assert.equal(diagnostics[0].severity, 'information');
  });

  test('one config alone: its gateways are not followed', () => {
    assert.deepEqual(findings({ 'a.conf': loopGateway('a', 4001, 7001, 'B', 7002) }).found, []);
  });

  test('linksOf: gateway links with the TLS block of each end', () => {
    const files = {
      'a.conf': loopGateway('a', 4001, 7001, 'B', 7002, TLS),
      'b.conf': loopGateway('b', 4002, 7002, 'A', 7001, TLS),
    };
    const links = linksOf(modelsOf(files));
    assert.deepEqual(
      links.map((l) => [l.kind, l.from.file.path, l.to?.file.path, l.url, l.host, l.port, !!l.fromTls, !!l.toTls]),
      [
        ['gateway', 'a.conf', 'b.conf', 'nats://127.0.0.1:7002', '127.0.0.1', 7002, true, true],
        ['gateway', 'b.conf', 'a.conf', 'nats://127.0.0.1:7001', '127.0.0.1', 7001, true, true],
      ],
    );
  });

  test('linksOf: routes and gateways of a supercluster; the own gateway entry is skipped', () => {
    const links = linksOf(modelsOf(supercluster()));
    const count = (kind: string) => links.filter((l) => l.kind === kind).length;
    assert.equal(count('route'), 12);
    assert.equal(count('gateway'), 18);
    assert.ok(links.every((l) => l.to !== undefined));
    const a1 = links.find((l) => l.kind === 'gateway' && l.from.file.path === 'a1.conf')!;
    assert.equal(a1.host, 'b1');
    assert.equal(a1.to?.name, 'b1');
  });
});
