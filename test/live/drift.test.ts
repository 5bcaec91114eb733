// Drift as a function: configs read by the service against a node as /varz, /routez and /jsz
// describe it (the real-cluster cases are in health.test.ts).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { driftDiagnostics } from '../../server/src/live/drift';
import type { NodeHealth } from '../../server/src/live/health';
import { check } from '../support/service';

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
  driftDiagnostics([check(text).model], { nodes: [node], unreachable: [] }).map((d) => `${d.range.start.line + 1} ${d.code}`);

describe('drift of a single server (no cluster block)', () => {
  test('JetStream on in the config and on the running node: no drift', () => {
    assert.deepEqual(drift('server_name: solo\njetstream { store_dir: /data }\n', running({ jetstream: true })), []);
  });
  test('JetStream on in the config, off on the running node: found at the jetstream block', () => {
    assert.deepEqual(drift('server_name: solo\njetstream { store_dir: /data }\n', running({ jetstream: false })), ['2 live-jetstream']);
  });
  test('a server_name given by a variable is matched by its value', () => {
    assert.deepEqual(drift('NAME: solo\nserver_name: $NAME\nmax_payload: 2MB\n', running({})), ['3 live-limit']);
  });
});
