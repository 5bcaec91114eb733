// Real clusters: three nats-server processes on 127.0.0.1 (free ports, temporary folders,
// stopped at the end), started from configs the cross-node checks have judged. /routez
// must agree: a clean cluster forms completely; a node whose only route names a peer's client
// port stays alone, as the findings said.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/node/nodeHost';
import { NATS_SERVER, freePort } from '../support/nats-server';

interface Ports {
  client: number;
  cluster: number;
  http: number;
}

function config(name: string, p: Ports, routes: number[]): string {
  return [
    `server_name: ${name}`,
    'host: 127.0.0.1',
    `port: ${p.client}`,
    `http: 127.0.0.1:${p.http}`,
    'cluster {',
    '  name: real',
    `  listen: 127.0.0.1:${p.cluster}`,
    '  routes: [',
    ...routes.map((r) => `    nats-route://127.0.0.1:${r}`),
    '  ]',
    '}',
    '',
  ].join('\n');
}

function routez(port: number): Promise<{ num_routes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/routez', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

async function routesOf(ports: Ports[], want: (counts: number[]) => boolean, ms = 15_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  let counts: number[] = [];
  while (Date.now() < deadline) {
    counts = await Promise.all(
      ports.map((p) =>
        routez(p.http)
          .then((r) => r.num_routes)
          .catch(() => -1),
      ),
    );
    if (want(counts)) return counts;
    await new Promise((r) => setTimeout(r, 250));
  }
  return counts;
}

describe('real clusters agree with the cross-node checks', () => {
  let dir: string;
  const servers: ChildProcess[] = [];
  let ports: Ports[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-real-'));
    for (let i = 0; i < 3; i++)
      ports.push({ client: await freePort(), cluster: await freePort(), http: await freePort() });
  });
  after(() => {
    for (const s of servers) s.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return Object.keys(files).map((name) => path.join(dir, name));
  };
  const judge = (paths: string[]) => {
    const service = createLanguageService({ host: nodeHost({}, dir) });
    const models = paths.map((p) => service.check({ path: p, text: fs.readFileSync(p, 'utf8') }).model);
    return service
      .cluster(models)
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${path.basename(d.file)}:${d.range.start.line + 1} ${d.code}`)
      .sort();
  };
  const start = (paths: string[]) => {
    for (const p of paths) servers.push(spawn(NATS_SERVER, ['-c', p], { cwd: dir, stdio: 'ignore' }));
  };
  const stop = async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.once('exit', r), s.kill('SIGKILL')))));
  };

  test('a clean loopback cluster: no finding, and every node routes to both others', async () => {
    const [a, b, c] = ports;
    const paths = write({
      'n1.conf': config('n1', a, [b.cluster, c.cluster]),
      'n2.conf': config('n2', b, [a.cluster, c.cluster]),
      'n3.conf': config('n3', c, [a.cluster, b.cluster]),
    });
    assert.deepEqual(judge(paths), []);
    start(paths);
    const counts = await routesOf(ports, (n) => n.every((x) => x === 2));
    await stop();
    assert.deepEqual(counts, [2, 2, 2]);
  });

  test("a node whose route names a peer's client port: the findings say it is alone, and it is", async () => {
    ports = await Promise.all(
      ports.map(async () => ({ client: await freePort(), cluster: await freePort(), http: await freePort() })),
    );
    const [a, b, c] = ports;
    const paths = write({
      'n1.conf': config('n1', a, [b.cluster]),
      'n2.conf': config('n2', b, [a.cluster]),
      'n3.conf': config('n3', c, [a.client]),
    });
    assert.deepEqual(judge(paths), ['n1.conf:5 cluster-split', 'n3.conf:5 cluster-isolated', 'n3.conf:9 route-port']);
    start(paths);
    const counts = await routesOf(ports, (n) => n[0] === 1 && n[1] === 1 && n[2] === 0);
    // Give the wrong route time to (fail to) connect, then look again.
    await new Promise((r) => setTimeout(r, 2500));
    const later = await routesOf(ports, () => true, 1000);
    await stop();
    assert.deepEqual(counts, [1, 1, 0]);
    assert.deepEqual(later, [1, 1, 0]);
  });
});
