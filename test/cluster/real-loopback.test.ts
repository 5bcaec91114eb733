// Three real nats-server processes on three loopback addresses (127.0.0.1, .2, .3), each with the
// same client, cluster and monitoring ports (free ones, a temporary folder, every process stopped
// at the end): three sockets per port, no clash, and the routes to 127.0.0.3 reach the node there.
// The cross-node checks must draw nothing, and /routez must show the full mesh.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { until } from '../support/monitoring';
import { freePorts } from '../support/nats-server';
import { ServerGroup, judgeNodes, writeFiles } from '../support/realNodes';

/** The remote servers (ids) a node at 127.0.0.`n` has routes to; undefined while it does not answer. */
async function routesOf(n: number, http: number): Promise<string[] | undefined> {
  try {
    const res = await fetch(`http://127.0.0.${n}:${http}/routez`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { routes?: { remote_id: string }[] };
    return [...new Set((body.routes ?? []).map((r) => r.remote_id))].sort();
  } catch {
    return undefined;
  }
}

describe('real nodes on three loopback addresses with the same ports', () => {
  let dir: string;
  let servers: ServerGroup;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-loopback-'));
    servers = new ServerGroup(dir);
  });
  after(async () => {
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('no finding, and every node routes to the other two', async () => {
    const [client, cluster, http] = await freePorts(3);
    const node = (n: number) =>
      [
        `server_name: a${n}`,
        `host: 127.0.0.${n}`,
        `port: ${client}`,
        `http: 127.0.0.${n}:${http}`,
        'cluster {',
        '  name: loop',
        `  listen: 127.0.0.${n}:${cluster}`,
        `  routes: [ ${[1, 2, 3]
          .filter((p) => p !== n)
          .map((p) => `nats-route://127.0.0.${p}:${cluster}`)
          .join(', ')} ]`,
        '}',
        '',
      ].join('\n');
    const paths = writeFiles(dir, { 'a1.conf': node(1), 'a2.conf': node(2), 'a3.conf': node(3) });
    assert.deepEqual(judgeNodes(dir, paths, ['error', 'warning']), []);
    servers.start(paths);
    const full = (r: string[] | undefined) => r?.length === 2;
    const seen = await Promise.all([1, 2, 3].map((n) => until(() => routesOf(n, http), full, 10_000)));
    await servers.stop();
    // Each node reaches two others, and three servers are seen in all: a full mesh of three.
    assert.deepEqual(
      seen.map((r) => r?.length),
      [2, 2, 2],
    );
    assert.equal(new Set(seen.flatMap((r) => r ?? [])).size, 3);
  });
});
