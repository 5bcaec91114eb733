// Real gateways and leaf node connections: pairs of nats-server processes on 127.0.0.1 (free
// ports, a temporary folder, every process stopped at the end), started from configs the
// cross-node checks have judged. /gatewayz and /leafz must agree: a clean pair connects and
// draws no finding; a broken one stays apart, as the finding said.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { monitorJson, until } from '../support/monitoring';
import { freePorts } from '../support/nats-server';
import { ServerGroup, judgeNodes, writeFiles } from '../support/realNodes';

interface Ports {
  client: number;
  http: number;
  /** The gateway or leaf node port. */
  link: number;
}

/** The ports of two servers, all distinct. */
const twoServers = async (): Promise<[Ports, Ports]> => {
  const [c1, h1, l1, c2, h2, l2] = await freePorts(6);
  return [
    { client: c1, http: h1, link: l1 },
    { client: c2, http: h2, link: l2 },
  ];
};

const head = (name: string, p: Ports) => [
  `server_name: ${name}`,
  'host: 127.0.0.1',
  `port: ${p.client}`,
  `http: 127.0.0.1:${p.http}`,
];

/** A gateway named after the server (upper case), listing `remote` at `url` when given. */
const gateway = (name: string, p: Ports, remote?: { name: string; port: number }) =>
  [
    ...head(name, p),
    'gateway {',
    `  name: ${name.toUpperCase()}`,
    `  listen: 127.0.0.1:${p.link}`,
    ...(remote ? [`  gateways: [ { name: ${remote.name}, url: "nats://127.0.0.1:${remote.port}" } ]`] : []),
    '}',
    '',
  ].join('\n');

const hub = (p: Ports) =>
  [
    ...head('hub', p),
    'leafnodes {',
    `  listen: 127.0.0.1:${p.link}`,
    '  authorization { user: leaf, password: s3cret }',
    '}',
    '',
  ].join('\n');

const leaf = (p: Ports, url: string) =>
  [...head('leaf', p), 'leafnodes {', `  remotes: [ { url: "${url}" } ]`, '}', ''].join('\n');

interface Gatewayz {
  outbound_gateways?: Record<string, unknown>;
  inbound_gateways?: Record<string, unknown>;
}

/** Each server's gateways, as `out:NAME` and `in:NAME`, sorted. */
async function gatewaysOf(p: Ports): Promise<string[]> {
  const g = await monitorJson<Gatewayz>(p.http, '/gatewayz');
  return [
    ...Object.keys(g?.outbound_gateways ?? {}).map((n) => `out:${n}`),
    ...Object.keys(g?.inbound_gateways ?? {}).map((n) => `in:${n}`),
  ].sort();
}

async function leafCount(p: Ports): Promise<number> {
  return (await monitorJson<{ leafnodes: number }>(p.http, '/leafz'))?.leafnodes ?? -1;
}

describe('real gateways and leaf nodes agree with the cross-node checks', () => {
  let dir: string;
  let servers: ServerGroup;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-links-'));
    servers = new ServerGroup(dir);
  });
  after(async () => {
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) => writeFiles(dir, files);
  const judge = (paths: string[]) => judgeNodes(dir, paths);
  const start = (paths: string[]) => servers.start(paths);
  const stop = () => servers.stop();

  test('a gateway pair: no finding, and each has the other outbound and inbound', async () => {
    const [a, b] = await twoServers();
    const paths = write({
      'a.conf': gateway('a', a, { name: 'B', port: b.link }),
      'b.conf': gateway('b', b, { name: 'A', port: a.link }),
    });
    assert.deepEqual(judge(paths), []);
    start(paths);
    const want = (x: string[]) => x.length === 2;
    const seen = await Promise.all([until(() => gatewaysOf(a), want, 8000), until(() => gatewaysOf(b), want, 8000)]);
    await stop();
    assert.deepEqual(seen, [
      ['in:B', 'out:B'],
      ['in:A', 'out:A'],
    ]);
  });

  test("a gateway URL to the other's client port: flagged, and no gateway connects", async () => {
    const [a, b] = await twoServers();
    // B lists nothing: otherwise it would dial A, and A would learn B's gateway address from it.
    const paths = write({ 'a.conf': gateway('a', a, { name: 'B', port: b.client }), 'b.conf': gateway('b', b) });
    assert.deepEqual(judge(paths), ['a.conf:8 gateway-port']);
    start(paths);
    await until(
      () => answers(a),
      (up) => up,
      5000,
    );
    await new Promise((r) => setTimeout(r, 2500)); // the first dial happens after about a second
    const seen = await Promise.all([gatewaysOf(a), gatewaysOf(b)]);
    await stop();
    assert.deepEqual(seen, [[], []]);
  });

  test('a gateway listed under the wrong name: flagged, and no gateway connects', async () => {
    const [a, b] = await twoServers();
    const paths = write({ 'a.conf': gateway('a', a, { name: 'BB', port: b.link }), 'b.conf': gateway('b', b) });
    assert.deepEqual(judge(paths), ['a.conf:8 gateway-name']);
    start(paths);
    await until(
      () => answers(a),
      (up) => up,
      5000,
    );
    await new Promise((r) => setTimeout(r, 2500));
    const seen = await Promise.all([gatewaysOf(a), gatewaysOf(b)]);
    await stop();
    assert.deepEqual(seen, [[], []]);
  });

  test('a leaf node with the right credentials: no finding, and the hub shows it', async () => {
    const [h, l] = await twoServers();
    const paths = write({ 'hub.conf': hub(h), 'leaf.conf': leaf(l, `nats://leaf:s3cret@127.0.0.1:${h.link}`) });
    assert.deepEqual(judge(paths), []);
    start(paths);
    const count = await until(
      () => leafCount(h),
      (n) => n === 1,
      8000,
    );
    await stop();
    assert.equal(count, 1);
  });

  test('a leaf node with the wrong password: flagged, and the hub refuses it', async () => {
    const [h, l] = await twoServers();
    const paths = write({ 'hub.conf': hub(h), 'leaf.conf': leaf(l, `nats://leaf:wrong@127.0.0.1:${h.link}`) });
    assert.deepEqual(judge(paths), ['leaf.conf:6 leafnode-credentials']);
    start(paths);
    await until(
      () => answers(h),
      (up) => up,
      5000,
    );
    await new Promise((r) => setTimeout(r, 2500));
    const count = await leafCount(h);
    await stop();
    assert.equal(count, 0);
  });
});

/** Whether a server's monitoring answers (it has started). */
async function answers(p: Ports): Promise<boolean> {
  return (await monitorJson<object>(p.http, '/varz')) !== undefined;
}
