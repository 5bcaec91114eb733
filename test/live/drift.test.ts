// Drift as a function: configs read by the service against a node as /varz, /routez and /jsz
// describe it (the real-cluster cases are in health.test.ts).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configuredNodes, driftDiagnostics } from '../../server/src/live/drift';
import { createLanguageService } from '../../server/src/service';
import type { NodeHealth } from '../../server/src/live/health';
import { check, memoryHost } from '../support/service';

const running = (over: Partial<NodeHealth>): NodeHealth => ({
  server_name: 'solo',
  server_id: 'NSOLO',
  version: '2.9.10',
  healthz: 'ok',
  routes: [],
  jetstream: false,
  meta_leader: null,
  limits: { max_payload: 1048576 },
  source: 'http://127.0.0.1:8222',
  ...over,
});

const drift = (text: string, node: NodeHealth) =>
  driftDiagnostics([check(text).model], { nodes: [node], unreachable: [] }).map(
    (d) => `${d.range.start.line + 1} ${d.code}`,
  );

describe('drift of a single server (no cluster block)', () => {
  test('JetStream on in the config and on the running node: no drift', () => {
    assert.deepEqual(drift('server_name: solo\njetstream { store_dir: /data }\n', running({ jetstream: true })), []);
  });
  test('JetStream on in the config, off on the running node: found at the jetstream block', () => {
    const text = 'server_name: solo\njetstream { store_dir: /data }\n';
    assert.deepEqual(drift(text, running({ jetstream: false })), ['2 live-jetstream']);
  });
  test('a server_name given by a variable is matched by its value', () => {
    assert.deepEqual(drift('NAME: solo\nserver_name: $NAME\nmax_payload: 2MB\n', running({})), ['3 live-limit']);
  });
});

describe('where the configs say the nodes are (Compare with configs, health without $SYS)', () => {
  test('names, and monitoring URLs from http_port, from http: host:port, and for a wildcard host', () => {
    const models = [
      'server_name: a\nhost: 10.0.0.5\nhttp_port: 8222\n',
      'server_name: b\nhttp: "0.0.0.0:8223"\n',
      'server_name: c\nhttp: "[::1]:8224"\n',
      'server_name: d\nhost: 127.0.0.2\nhttp: 8225\n',
      'server_name: e\n',
    ].map((text) => check(text).model);
    assert.deepEqual(configuredNodes(models), {
      names: ['a', 'b', 'c', 'd', 'e'],
      monitors: ['http://10.0.0.5:8222', 'http://127.0.0.1:8223', 'http://[::1]:8224', 'http://127.0.0.2:8225'],
    });
  });

  test('the cross-node checks know a monitoring port set as http: host:port', () => {
    const node = (name: string, peer: string, http: string) =>
      `server_name: ${name}\nport: 4222\n${http}\ncluster {\n  name: c1\n  port: 6222\n` +
      `  routes: [\n    nats-route://${peer}\n  ]\n}\n`;
    const service = createLanguageService({ host: memoryHost({}) });
    const models = [
      service.check({ path: 'nats-1.conf', text: node('nats-1', 'nats-2:8222', 'http_port: 8222') }).model,
      service.check({ path: 'nats-2.conf', text: node('nats-2', 'nats-1:6222', 'http: "0.0.0.0:8222"') }).model,
    ];
    const found = service.cluster(models).filter((d) => d.code === 'route-port');
    assert.deepEqual(
      found.map((d) => d.message),
      ['This route reaches nats-2 on 8222, its monitoring port; nats-2 listens for routes on 6222.'],
    );
  });
});

describe('drift of a cluster', () => {
  /** A node of cluster c1: its cluster name on line 3, its routes from line 6 on. */
  const node = (name: string, peers: string[]) =>
    `server_name: ${name}\ncluster {\n  name: c1\n  port: 6222\n  routes: [\n` +
    `${peers.map((p) => `    nats-route://${p}:6222\n`).join('')}  ]\n}\n`;
  const files = { 'a.conf': node('a', ['b']), 'b.conf': node('b', ['a']), 'c.conf': node('c', ['a']) };
  const driftOf = (nodes: NodeHealth[], unreachable: string[] = []) => {
    const service = createLanguageService({ host: memoryHost(files) });
    const models = Object.entries(files).map(([path, text]) => service.check({ path, text }).model);
    return driftDiagnostics(models, { nodes, unreachable }).map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`);
  };

  test('as configured: no drift', () => {
    const routes = (...peers: string[]) => peers.map((peer) => ({ peer }));
    const nodes = [
      running({ server_name: 'a', cluster: 'c1', routes: routes('b', 'c') }),
      running({ server_name: 'b', cluster: 'c1', routes: routes('a', 'c') }),
      running({ server_name: 'c', cluster: 'c1', routes: routes('a', 'b') }),
    ];
    assert.deepEqual(driftOf(nodes), []);
  });

  test('a node that does not answer, a cluster name that differs, a route not connected: each at its line', () => {
    const nodes = [
      running({ server_name: 'a', cluster: 'c1', routes: [] }),
      running({ server_name: 'b', cluster: 'c2', routes: [{ peer: 'a' }] }),
    ];
    assert.deepEqual(driftOf(nodes, ['http://c:8222']).sort(), [
      'a.conf:6 live-route',
      'b.conf:3 live-cluster-name',
      'c.conf:1 live-missing',
    ]);
  });
});
