// Cluster health against a real three-node JetStream cluster on 127.0.0.1: from the monitoring
// ports and through the system account; then with one node stopped.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  healthFromMonitors,
  healthFromSystemAccount,
  healthJson,
  healthText,
  isHealthy,
  type ClusterHealth,
} from '../../server/src/live/health';
import { freePort, startCluster, type RunningServer } from '../support/nats-server';
import { runNatsConf } from '../support/cli';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LiveSession } from '../../server/src/live/session';
import { initialize, launchLanguageServer, stopLanguageServer, type LanguageServer } from '../support/lsp';

async function eventually(
  read: () => Promise<ClusterHealth>,
  ok: (h: ClusterHealth) => boolean,
): Promise<ClusterHealth> {
  let h = await read();
  for (let i = 0; i < 150 && !ok(h); i++) {
    await new Promise((r) => setTimeout(r, 100));
    h = await read();
  }
  return h;
}

describe('cluster health of a real cluster', () => {
  const servers: RunningServer[] = [];
  const monitors: string[] = [];
  /** Copies of the nodes' configs (a stopped server's folder is removed). */
  const configs: string[] = [];
  let sys: NatsConnection;
  /** The language server over the configs' folder, for "Compare with configs" in the editor. */
  let lsp: LanguageServer | undefined;
  const pushed = new Map<string, PublishDiagnosticsParams>();
  const session = new LiveSession({ log: () => undefined });

  before(async () => {
    const cluster = await startCluster(3, 'h', (_i, dir) => [
      `jetstream { store_dir: "${dir}/js" }`,
      'accounts { SYS { users: [ { user: sys, password: sys } ] }, ' +
        'APP { jetstream: enabled, users: [ { user: app, password: app } ] } }',
      'system_account: SYS',
    ]);
    servers.push(...cluster.servers);
    monitors.push(...cluster.monitors);
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'health-configs-'));
    for (const [i, s] of servers.entries()) {
      configs.push(path.join(keep, `h${i + 1}.conf`));
      fs.copyFileSync(path.join(s.dir, 'server.conf'), configs[i]);
    }
    sys = await connect({ servers: servers[0].url, user: 'sys', pass: 'sys' });
  });
  after(async () => {
    if (lsp) await stopLanguageServer(lsp);
    await sys?.close().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    if (configs.length) fs.rmSync(path.dirname(configs[0]), { recursive: true, force: true });
  });

  test('from the monitoring ports: three nodes, fully routed, one JetStream meta leader, healthz ok', async () => {
    const h = await eventually(
      () => healthFromMonitors(monitors),
      (x) => isHealthy(x) && x.nodes.every((n) => n.meta_leader),
    );
    assert.deepEqual(
      healthJson(h).nodes.map((n) => [n.server_name, n.routes, n.jetstream, n.healthz]),
      [
        ['h1', ['h2', 'h3'], true, 'ok'],
        ['h2', ['h1', 'h3'], true, 'ok'],
        ['h3', ['h1', 'h2'], true, 'ok'],
      ],
    );
    const leaders = new Set(h.nodes.map((n) => n.meta_leader));
    assert.equal(leaders.size, 1);
    assert.ok(['h1', 'h2', 'h3'].includes([...leaders][0]!));
    assert.ok(h.nodes.every((n) => n.version === '2.9.10' || /^\d+\.\d+\.\d+/.test(n.version)));
    assert.match(healthText(h), /healthy: 3 nodes, fully routed/);
  });

  test('through the system account: the same nodes and routes over one connection', async () => {
    const h = await eventually(
      () => healthFromSystemAccount(sys, { timeoutMs: 500, expected: ['h1', 'h2', 'h3'] }),
      (x) => x.nodes.length === 3 && isHealthy(x),
    );
    assert.deepEqual(
      healthJson(h)
        .nodes.map((n) => [n.server_name, n.routes])
        .sort(),
      [
        ['h1', ['h2', 'h3']],
        ['h2', ['h1', 'h3']],
        ['h3', ['h1', 'h2']],
      ],
    );
    assert.deepEqual(h.unreachable, []);
  });

  test(
    'the editor session: silent nodes are those the configs name, ' + 'when the configs describe this cluster',
    async () => {
      const sysSession = new LiveSession({ log: () => undefined });
      try {
        await sysSession.connect({ url: servers[0].url, user: 'sys', password: 'sys' }, 'sys');
        const mine = await sysSession.health({ expected: ['h1', 'h2', 'h3', 'h9'], timeoutMs: 500 });
        assert.deepEqual([mine.nodes.length, mine.unreachable], [3, ['h9']]);
        const other = await sysSession.health({ expected: ['nats-1', 'nats-2'], timeoutMs: 500 });
        assert.deepEqual(
          [other.nodes.length, other.unreachable],
          [3, []],
          'configs of another cluster do not make these nodes missing',
        );
      } finally {
        await sysSession.disconnect();
      }
    },
  );

  test('nats-conf health: JSON from the monitoring ports and from $SYS, exit 0 when healthy', () => {
    const viaMonitors = runNatsConf(['health', '--format', 'json', '--monitor', monitors.join(',')]);
    assert.equal(viaMonitors.status, 0, viaMonitors.stderr);
    const json = JSON.parse(viaMonitors.stdout);
    assert.deepEqual(Object.keys(json), [
      'healthy',
      'summary',
      'nodes',
      'unreachable',
      'failures',
      'missing',
      'cluster_names',
      'problems',
      'meta_peers',
    ]);
    assert.deepEqual(Object.keys(json.nodes[0]), [
      'server_name',
      'cluster',
      'version',
      'healthz',
      'routes',
      'jetstream',
      'meta_leader',
      'source',
    ]);
    assert.deepEqual([json.healthy, json.problems, json.missing], [true, [], []]);
    assert.deepEqual(json.cluster_names, { h: ['h1', 'h2', 'h3'] });
    assert.deepEqual(
      json.nodes.map((n: { routes: string[] }) => n.routes.length),
      [2, 2, 2],
    );
    const viaSys = runNatsConf(['health', '--server', servers[0].url.replace('nats://', 'nats://sys:sys@')]);
    assert.equal(viaSys.status, 0, viaSys.stderr);
    assert.match(viaSys.stdout, /healthy: 3 nodes, fully routed/);
    assert.ok(!viaSys.stdout.includes('sys:sys') && !viaSys.stderr.includes('sys:sys'));
    const notSys = runNatsConf(['health', '--server', servers[0].url.replace('nats://', 'nats://app:app@')]);
    assert.equal(notSys.status, 2);
    assert.match(notSys.stderr, /not in the system account/);
    assert.ok(!notSys.stderr.includes('app:app'), 'the password is masked');
  });

  test('nats-conf drift: the configs the nodes run agree; an edited copy shows each difference at its line', () => {
    const files = configs;
    const same = runNatsConf(['drift', '--monitor', monitors.join(','), ...files]);
    assert.equal(same.status, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /^0 errors, 0 warnings, 0 information in 3 files \(nats-server 2\.9\.10, running\)$/m);
    const edited = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drift-')), 'h1.conf');
    const original = fs.readFileSync(files[0], 'utf8');
    fs.writeFileSync(
      edited,
      original.replace(/^jetstream .*$/m, 'max_payload: 2MB\nping_interval: "1m"').replace('name: h,', 'name: other,'),
    );
    const differs = runNatsConf([
      'drift',
      '--format',
      'json',
      '--monitor',
      monitors.join(','),
      edited,
      files[1],
      files[2],
    ]);
    assert.equal(differs.status, 1, differs.stderr);
    const found = JSON.parse(differs.stdout).diagnostics.map(
      (d: { file: string; line: number; code: string; origin: string; message: string }) =>
        `${path.basename(d.file)}:${d.line} ${d.code} ${d.origin}`,
    );
    assert.deepEqual(
      found.sort(),
      [
        'h1.conf:1 live-jetstream live',
        'h1.conf:4 live-cluster-name live',
        'h1.conf:5 live-limit live',
        'h1.conf:6 live-limit live',
      ].sort(),
    );
    assert.match(differs.stdout, /max_payload is 2097152 here, but 1048576 on the running 'h1'/);
    assert.match(differs.stdout, /ping_interval is 1m here, but 2m on the running 'h1'/);
  });

  test(
    'in the editor, "Compare with configs": where to reach the nodes, ' +
      'then differences as live findings at their lines',
    async () => {
      lsp = launchLanguageServer();
      lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
        pushed.set(p.uri, p),
      );
      const folder = path.dirname(configs[0]);
      await initialize(lsp.connection, {
        rootUri: pathToFileURL(folder).href,
        initializationOptions: { cluster: { nodes: ['*.conf'] } },
      });
      const configured = await lsp.connection.sendRequest<{ names: string[]; monitors: string[] }>(
        'nats/configuredNodes',
      );
      assert.deepEqual([...configured.names].sort(), ['h1', 'h2', 'h3']);
      assert.deepEqual([...configured.monitors].sort(), [...monitors].sort(), 'the http: host:port of each config');
      const health = await session.health({ monitors: configured.monitors, expected: configured.names });
      assert.equal(health.nodes.length, 3);
      assert.deepEqual(await lsp.connection.sendRequest('nats/compareLive', { health }), { files: [] });

      // h1.conf edited in the editor (not saved): its max_payload now differs from the running h1.
      const uri = pathToFileURL(configs[0]).href;
      const text = fs.readFileSync(configs[0], 'utf8').replace(/^jetstream /m, 'max_payload: 2MB\njetstream ');
      await lsp.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'nats-conf', version: 1, text },
      });
      const compared = await lsp.connection.sendRequest<{
        files: { uri: string; findings: number; diagnostics: { code: string }[] }[];
      }>('nats/compareLive', { health });
      assert.deepEqual(
        compared.files.map((f) => [f.uri, f.findings, f.diagnostics.map((d) => d.code)]),
        [[uri, 1, ['live-limit']]],
        'the answer carries the findings, for the client to show those of files not open',
      );
      const live = async () => {
        for (let i = 0; i < 100 && !pushed.get(uri)?.diagnostics.some((d) => d.code === 'live-limit'); i++)
          await new Promise((r) => setTimeout(r, 20));
        return (pushed.get(uri)?.diagnostics ?? []).filter((d) => String(d.code).startsWith('live-'));
      };
      const [found] = await live();
      assert.equal(found.source, 'nats-conf (live)');
      assert.equal(
        found.range.start.line,
        text.split('\n').findIndex((l) => l.startsWith('max_payload')),
      );
      assert.match(found.message, /max_payload is 2097152 here, but 1048576 on the running 'h1'/);
      // "Stop comparing": the live findings go.
      await lsp.connection.sendRequest('nats/compareLive', { health: null });
      for (let i = 0; i < 100 && pushed.get(uri)?.diagnostics.some((d) => String(d.code).startsWith('live-')); i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(
        pushed.get(uri)!.diagnostics.filter((d) => String(d.code).startsWith('live-')),
        [],
      );
    },
  );

  test('with one node stopped: it is listed as not answering, its peers lose their route, not healthy', async () => {
    await servers[2].stop();
    const h = await eventually(
      () => healthFromMonitors(monitors, { timeoutMs: 1000 }),
      (x) => x.nodes.every((n) => n.routes.length === 1),
    );
    assert.deepEqual(h.unreachable, [monitors[2]]);
    assert.deepEqual(
      healthJson(h).nodes.map((n) => [n.server_name, n.routes]),
      [
        ['h1', ['h2']],
        ['h2', ['h1']],
      ],
    );
    assert.equal(isHealthy(h), false);
    const viaSys = await healthFromSystemAccount(sys, { timeoutMs: 500, expected: ['h1', 'h2', 'h3'] });
    assert.deepEqual(viaSys.unreachable, ['h3']);
    assert.match(healthText(h), /does not answer/);
    const drift = runNatsConf(['drift', '--monitor', monitors.join(','), '--timeout', '1000', ...configs]);
    assert.equal(drift.status, 1);
    const lines = drift.stdout.split('\n').filter((l) => l.includes('[live-'));
    assert.equal(lines.filter((l) => l.includes('[live-missing]')).length, 1, drift.stdout);
    assert.equal(lines.filter((l) => l.includes('[live-route]') && l.includes("'h3'")).length, 2, drift.stdout);
    const cli = runNatsConf(['health', '--monitor', monitors.join(','), '--timeout', '1000']);
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, new RegExp(`${monitors[2]}  does not answer`));
    // In the editor: the stopped node's config is marked where its server_name is.
    const inEditor = await session.health({ monitors, timeoutMs: 1000 });
    const { files } = await lsp!.connection.sendRequest<{ files: { uri: string; findings: number }[] }>(
      'nats/compareLive',
      { health: inEditor },
    );
    assert.deepEqual(
      files.map((f) => [path.basename(new URL(f.uri).pathname), f.findings]).sort(),
      [
        ['h1.conf', 2],
        ['h2.conf', 1],
        ['h3.conf', 1],
      ],
      'h1: its edited max_payload and its route to h3; h2: its route to h3; h3: not running',
    );
  });

  test('nats-conf health: nothing answering is exit 2, with one clear line', async () => {
    const port = await freePort();
    const down = runNatsConf(['health', '--monitor', `http://127.0.0.1:${port}`, '--timeout', '500']);
    assert.equal(down.status, 2);
    const refused = runNatsConf(['health', '--server', `nats://127.0.0.1:${port}`]);
    assert.equal(refused.status, 2);
    assert.equal(
      refused.stderr,
      `nats-conf health: Nothing listens at nats://127.0.0.1:${port}: ` +
        'check the address and port, and that nats-server runs.\n',
    );
  });
});
