// Real clusters: three nats-server processes on 127.0.0.1 (free ports, temporary folders,
// stopped at the end), started from configs the cross-node checks have judged. /routez
// must agree: a clean cluster forms completely; a node whose only route names a peer's client
// port stays alone, as the findings said.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { routeCounts } from '../support/monitoring';
import { ServerGroup, judgeNodes, loopbackNode, nodePorts, writeFiles, type NodePorts } from '../support/realNodes';

type Ports = NodePorts;
const config = (name: string, p: Ports, routes: number[]) => loopbackNode(name, p, routes, 'real');

describe('real clusters agree with the cross-node checks', () => {
  let dir: string;
  let servers: ServerGroup;
  let ports: Ports[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-real-'));
    servers = new ServerGroup(dir);
    ports = await nodePorts(3);
  });
  after(async () => {
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) => writeFiles(dir, files);
  const judge = (paths: string[]) => judgeNodes(dir, paths, ['error', 'warning']);
  const start = (paths: string[]) => servers.start(paths);
  const stop = () => servers.stop();

  test('a clean loopback cluster: no finding, and every node routes to both others', async () => {
    const [a, b, c] = ports;
    const paths = write({
      'n1.conf': config('n1', a, [b.cluster, c.cluster]),
      'n2.conf': config('n2', b, [a.cluster, c.cluster]),
      'n3.conf': config('n3', c, [a.cluster, b.cluster]),
    });
    assert.deepEqual(judge(paths), []);
    start(paths);
    const counts = await routeCounts(
      ports.map((p) => p.http),
      (n) => n.every((x) => x === 2),
    );
    await stop();
    assert.deepEqual(counts, [2, 2, 2]);
  });

  test("a node whose route names a peer's client port: the findings say it is alone, and it is", async () => {
    ports = await nodePorts(3);
    const [a, b, c] = ports;
    const paths = write({
      'n1.conf': config('n1', a, [b.cluster]),
      'n2.conf': config('n2', b, [a.cluster]),
      'n3.conf': config('n3', c, [a.client]),
    });
    assert.deepEqual(judge(paths), ['n1.conf:5 cluster-split', 'n3.conf:5 cluster-isolated', 'n3.conf:9 route-port']);
    start(paths);
    const counts = await routeCounts(
      ports.map((p) => p.http),
      (n) => n[0] === 1 && n[1] === 1 && n[2] === 0,
    );
    // Give the wrong route time to (fail to) connect, then look again.
    await new Promise((r) => setTimeout(r, 2500));
    const later = await routeCounts(
      ports.map((p) => p.http),
      () => true,
      1000,
    );
    await stop();
    assert.deepEqual(counts, [1, 1, 0]);
    assert.deepEqual(later, [1, 1, 0]);
  });
});
