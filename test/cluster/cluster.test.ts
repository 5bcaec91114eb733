// The cross-node checks on every scenario: findings at the file and line to fix.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, parseServerVersion, topologySvg } from '../../server/src/service';
import { memoryHost } from '../support/service';
import { scenarios, type Scenario } from './scenarios';

/** One service holding a scenario's node configs, each checked, and their models. */
const open = (s: Scenario) => {
  const version = s.version ? parseServerVersion(s.version) : undefined;
  const service = createLanguageService({ host: memoryHost(s.files, s.env ?? {}), version });
  const models = Object.entries(s.files).map(([file, text]) => service.check({ path: file, text }).model);
  return { service, models };
};

describe('cross-node checks', () => {
  for (const s of scenarios) {
    test(s.name, () => {
      const { service, models } = open(s);
      const found = service.cluster(models);
      const show = (severities: string[]) =>
        found
          .filter((d) => severities.includes(d.severity))
          .map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`)
          .sort();
      const messages = found.map((d) => d.message).join('\n');
      assert.deepEqual(show(['error', 'warning']), [...s.expect].sort(), messages);
      assert.deepEqual(show(['information']), [...(s.info ?? [])].sort());
      for (const d of found) assert.equal(d.origin, 'cluster');
    });
  }
});

describe('cluster topology', () => {
  const topologyOf = (s: Scenario) => {
    const { service, models } = open(s);
    return service.topology(models);
  };

  test("the guide's cluster: three nodes, six good routes", () => {
    const t = topologyOf(scenarios[0]);
    assert.deepEqual(t.nodes.map((n) => n.label).sort(), ['nats-1', 'nats-2', 'nats-3']);
    assert.equal(t.routes.length, 6);
    assert.deepEqual(
      t.routes.filter((r) => r.problem),
      [],
    );
    const svg = topologySvg(t);
    assert.equal((svg.match(/<g class="node">/g) ?? []).length, 3);
    assert.equal((svg.match(/class="route broken"/g) ?? []).length, 0);
  });

  test('a broken route is marked, with its finding', () => {
    const broken = scenarios.find((s) => s.name === "a route to a peer's client port")!;
    const t = topologyOf(broken);
    const marked = t.routes.filter((r) => r.problem).map((r) => [r.from.split('#')[1], r.to?.split('#')[1], r.problem]);
    assert.deepEqual(marked, [['nats-1', 'nats-2', 'route-port']]);
    assert.match(topologySvg(t), /class="route broken" data-problem="route-port"/);
  });

  test('the StatefulSet ConfigMap: one file drawn as its three replicas', () => {
    const t = topologyOf(scenarios[2]);
    assert.deepEqual(
      t.nodes.map((n) => n.label),
      ['nats-0', 'nats-1', 'nats-2'],
    );
    assert.equal(t.routes.length, 6);
  });
});
