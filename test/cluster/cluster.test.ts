// The cross-node checks on every scenario: findings at the file and line to fix.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfig, clusterDiagnostics, clusterTopology, parseServerVersion, topologySvg } from '../../server/src/service';
import { memoryHost } from '../support/service';
import { scenarios } from './scenarios';

describe('cross-node checks', () => {
  for (const s of scenarios) {
    test(s.name, () => {
      const host = memoryHost(s.files, s.env ?? {});
      const models = Object.entries(s.files).map(([file, text]) => checkConfig(file, text, { host, version: s.version ? parseServerVersion(s.version) : undefined }).model);
      const found = clusterDiagnostics(models);
      const show = (severities: string[]) =>
        found
          .filter((d) => severities.includes(d.severity))
          .map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`)
          .sort();
      assert.deepEqual(show(['error', 'warning']), [...s.expect].sort(), JSON.stringify(found.map((d) => d.message), null, 1));
      assert.deepEqual(show(['information']), [...(s.info ?? [])].sort());
      for (const d of found) assert.equal(d.origin, 'cluster');
    });
  }
});

describe('cluster topology', () => {
  const modelsOf = (s: (typeof scenarios)[number]) => {
    const host = memoryHost(s.files, s.env ?? {});
    return Object.entries(s.files).map(([file, text]) => checkConfig(file, text, { host }).model);
  };

  test("the guide's cluster: three nodes, six good routes", () => {
    const t = clusterTopology(modelsOf(scenarios[0]));
    assert.deepEqual(t.nodes.map((n) => n.label).sort(), ['nats-1', 'nats-2', 'nats-3']);
    assert.equal(t.routes.length, 6);
    assert.deepEqual(t.routes.filter((r) => r.problem), []);
    const svg = topologySvg(t);
    assert.equal((svg.match(/<g class="node">/g) ?? []).length, 3);
    assert.equal((svg.match(/class="route broken"/g) ?? []).length, 0);
  });

  test('a broken route is marked, with its finding', () => {
    const broken = scenarios.find((s) => s.name === "a route to a peer's client port")!;
    const t = clusterTopology(modelsOf(broken));
    assert.deepEqual(t.routes.filter((r) => r.problem).map((r) => [r.from.split('#')[1], r.to?.split('#')[1], r.problem]), [['nats-1', 'nats-2', 'route-port']]);
    assert.match(topologySvg(t), /class="route broken" data-problem="route-port"/);
  });

  test('the StatefulSet ConfigMap: one file drawn as its three replicas', () => {
    const t = clusterTopology(modelsOf(scenarios[2]));
    assert.deepEqual(t.nodes.map((n) => n.label), ['nats-0', 'nats-1', 'nats-2']);
    assert.equal(t.routes.length, 6);
  });
});
