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

describe('topology of gateways and leaf nodes', () => {
  const topologyOf = (files: Record<string, string>) => {
    const service = createLanguageService({ host: memoryHost(files) });
    return service.topology(Object.entries(files).map(([file, text]) => service.check({ path: file, text }).model));
  };
  const gateway = (name: string, client: number, port: number, remote: string, remotePort: number) =>
    `server_name: ${name}\nhost: 127.0.0.1\nport: ${client}\n` +
    `gateway { name: ${name.toUpperCase()}, listen: 127.0.0.1:${port}, ` +
    `gateways: [ { name: ${remote}, url: "nats://127.0.0.1:${remotePort}" } ] }\n`;

  test('a gateway pair without cluster blocks: two nodes, two good gateway links, drawn blue', () => {
    const t = topologyOf({
      'a.conf': gateway('a', 4001, 7001, 'B', 7002),
      'b.conf': gateway('b', 4002, 7002, 'A', 7001),
    });
    assert.deepEqual(
      t.nodes.map((n) => [n.label, n.cluster, n.gateway]),
      [
        ['a', undefined, 'A'],
        ['b', undefined, 'B'],
      ],
    );
    assert.deepEqual(t.routes, []);
    assert.deepEqual(
      t.links.map((l) => [l.kind, l.from.split('#')[1], l.to?.split('#')[1], l.problem]),
      [
        ['gateway', 'a', 'b', undefined],
        ['gateway', 'b', 'a', undefined],
      ],
    );
    const svg = topologySvg(t);
    assert.equal((svg.match(/<line class="gateway" [^>]*stroke="#1565c0"/g) ?? []).length, 2);
    assert.match(svg, /class="legend"/);
  });

  test('a broken gateway link and a leaf node remote with the wrong password are marked', () => {
    const hub =
      'server_name: hub\nhost: 127.0.0.1\nport: 4003\n' +
      'leafnodes { listen: 127.0.0.1:7422, authorization { user: l, password: p } }\n';
    const leaf =
      'server_name: leaf\nhost: 127.0.0.1\nport: 4004\n' +
      'leafnodes { remotes: [ { url: "nats://l:x@127.0.0.1:7422" } ] }\n';
    const t = topologyOf({
      'a.conf': gateway('a', 4001, 7001, 'B', 4002),
      'b.conf': gateway('b', 4002, 7002, 'A', 7001),
      'hub.conf': hub,
      'leaf.conf': leaf,
    });
    assert.deepEqual(
      t.links.map((l) => [l.kind, l.from.split('#')[1], l.to?.split('#')[1], l.problem]),
      [
        ['gateway', 'a', 'b', 'gateway-port'],
        ['gateway', 'b', 'a', undefined],
        ['leafnode', 'leaf', 'hub', 'leafnode-credentials'],
      ],
    );
    assert.equal(t.nodes.find((n) => n.label === 'hub')?.hub, true);
    const svg = topologySvg(t);
    assert.match(svg, /class="gateway broken" data-problem="gateway-port"/);
    assert.match(svg, /class="leafnode broken" data-problem="leafnode-credentials"[^>]*stroke-dasharray="8 4"/);
  });
});
