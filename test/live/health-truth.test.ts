// `nats-conf health` against a real three-node JetStream cluster with a system account, through
// --monitor, --server and --context alike: it says healthy only when it is (twice, and after every
// node comes back), and names what is wrong otherwise: a stopped node, a node in another cluster,
// a lost meta leader, an R3 stream's replica offline. No password from a URL appears in any output.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_SERVER, startCluster, type RunningServer } from '../support/nats-server';
import { CLI, REPO, type CliRun } from '../support/cli';

const PASSWORD = 'Pw-9f3kq7x';
const MODES = ['monitor', 'server', 'context'] as const;
type Mode = (typeof MODES)[number];

/** A node started again from its config (same ports, same JetStream store). */
interface Restarted {
  child: ChildProcess;
  stop(): Promise<void>;
}

async function runNode(config: string): Promise<Restarted> {
  const child = spawn(NATS_SERVER, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 10_000;
  while (!log.includes('Server is ready')) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`nats-server did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

describe('health tells the truth about a real JetStream cluster', () => {
  const stores = fs.mkdtempSync(path.join(os.tmpdir(), 'health-truth-'));
  const xdg = path.join(stores, 'xdg');
  let initial: RunningServer[] = [];
  /** Per node: the running process (the first start, or a restart). */
  const running: ({ stop(): Promise<void> } | undefined)[] = [];
  const configs: string[] = [];
  let monitors: string[] = [];
  let servers: string[] = [];
  /** Every output of every run, for the password check at the end too. */
  const outputs: string[] = [];

  const argsFor = (mode: Mode, json: boolean): string[] => {
    const format = json ? ['--format', 'json'] : [];
    if (mode === 'monitor')
      return ['health', ...format, '--timeout', '1000', '--monitor', [...monitors, monitors[0]].join(',')];
    if (mode === 'server') return ['health', ...format, '--timeout', '1000', '--server', servers.join(',')];
    return ['health', ...format, '--timeout', '1000', '--context', 'sys'];
  };
  /** The command as users run it, without blocking: the modes and formats of a round run at once. */
  const run = async (mode: Mode, json: boolean): Promise<CliRun> => {
    const child = spawn(process.execPath, [CLI, ...argsFor(mode, json)], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_CONFIG_HOME: xdg, HOME: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    for (const out of [stdout, stderr]) {
      outputs.push(out);
      assert.ok(!out.includes(PASSWORD), `a password in the output of ${mode}:\n${out}`);
    }
    if (json && stdout) JSON.parse(stdout);
    return { status, stdout, stderr };
  };
  /**
   * Runs every mode, text and JSON, until each exits with `status` and says what `says` wants, or
   * `ms` pass (0: the first answer must be right).
   */
  const expectAll = async (
    status: number,
    says: (text: string, json: Record<string, unknown>) => boolean,
    ms = 30_000,
  ): Promise<Record<Mode, { text: CliRun; json: CliRun }>> => {
    const deadline = Date.now() + ms;
    const once = async (mode: Mode) => {
      for (;;) {
        const [text, json] = await Promise.all([run(mode, false), run(mode, true)]);
        const parsed = json.stdout ? (JSON.parse(json.stdout) as Record<string, unknown>) : {};
        if (text.status === status && json.status === status && says(text.stdout, parsed)) return { text, json };
        if (Date.now() > deadline)
          assert.fail(
            `${mode}: wanted exit ${status}, got ${text.status}/${json.status}\n${text.stdout}${text.stderr}` +
              `${json.stdout}${json.stderr}`,
          );
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const [monitor, server, context] = await Promise.all(MODES.map(once));
    return { monitor, server, context };
  };
  /** Healthy in every mode; `strict`: at the first answer (a healthy cluster must never be reported otherwise). */
  const healthyEverywhere = async (strict = false) => {
    const r = await expectAll(
      0,
      (text, json) => /^healthy: 3 nodes, fully routed$/m.test(text) && json.healthy === true,
      strict ? 0 : 30_000,
    );
    for (const mode of MODES) {
      const json = JSON.parse(r[mode].json.stdout);
      assert.deepEqual(json.problems, [], mode);
      assert.deepEqual(json.missing, [], mode);
      assert.deepEqual(json.cluster_names, { t: ['t1', 't2', 't3'] }, mode);
      assert.equal(json.nodes.length, 3, `${mode}: each node once, though a monitor URL is given twice`);
      assert.ok(
        json.nodes.every((n: { meta_leader: string | null }) => n.meta_leader),
        `${mode}: a meta leader`,
      );
    }
    return r;
  };
  /**
   * Waits until every node's own /healthz has said ok for two seconds running, read directly and
   * not through the command under test: right after a start, nats-server itself reports JetStream
   * "not current with the meta leader" for a moment, and a strict round must not start inside that.
   */
  const settled = async () => {
    const plain = monitors.map((m) => m.replace(`mon:${PASSWORD}@`, ''));
    const deadline = Date.now() + 30_000;
    let okSince = 0;
    while (okSince === 0 || Date.now() - okSince < 2_000) {
      const answers = await Promise.all(
        plain.map((m) =>
          fetch(`${m}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      if (!answers.every(Boolean)) okSince = 0;
      else if (okSince === 0) okSince = Date.now();
      assert.ok(Date.now() < deadline, "the nodes' /healthz did not stay ok for 2 s");
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const stopNode = async (i: number) => {
    await running[i]?.stop();
    running[i] = undefined;
  };
  const startNode = async (i: number, config = configs[i]) => {
    running[i] = await runNode(config);
  };

  before(async () => {
    const cluster = await startCluster(3, 't', (i) => [
      `jetstream { store_dir: "${stores}/js${i + 1}" }`,
      `accounts { SYS { users: [ { user: sys, password: "${PASSWORD}" } ] }, ` +
        `APP { jetstream: enabled, users: [ { user: app, password: "${PASSWORD}" } ] } }`,
      'system_account: SYS',
    ]);
    initial = cluster.servers;
    running.push(...initial);
    for (const [i, s] of initial.entries()) {
      configs.push(path.join(stores, `t${i + 1}.conf`));
      fs.copyFileSync(path.join(s.dir, 'server.conf'), configs[i]);
    }
    monitors = cluster.monitors.map((m) => m.replace('http://', `http://mon:${PASSWORD}@`));
    servers = initial.map((s) => s.url.replace('nats://', `nats://sys:${PASSWORD}@`));
    fs.mkdirSync(path.join(xdg, 'nats', 'context'), { recursive: true });
    fs.writeFileSync(path.join(xdg, 'nats', 'context', 'sys.json'), JSON.stringify({ url: servers.join(',') }));
  });
  after(async () => {
    await Promise.all(running.map((r) => r?.stop()));
    await Promise.all(initial.map((s) => s.stop()));
    fs.rmSync(stores, { recursive: true, force: true });
    assert.ok(outputs.length > 0 && !outputs.some((o) => o.includes(PASSWORD)));
  });

  test('healthy: exit 0 through --monitor, --server and --context, twice, cluster names shown', async () => {
    const r = await healthyEverywhere();
    assert.match(r.monitor.text.stdout, /^t1 {2}\S+ {2}cluster t /m);
    const sources = JSON.parse(r.monitor.json.stdout).nodes.map((n: { source: string }) => n.source);
    assert.ok(
      sources.every((s: string) => /^http:\/\/mon:\*\*\*@127\.0\.0\.1:\d+$/.test(s)),
      sources.join(' '),
    );
    await settled();
    const again = await healthyEverywhere(true);
    for (const mode of MODES) assert.equal(again[mode].text.status, 0);
  });

  test('an R3 stream and consumer on a healthy cluster: still healthy', async () => {
    const nc = await connect({ servers: initial[0].url, user: 'app', pass: PASSWORD });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], num_replicas: 3 });
      await jsm.consumers.add('ORDERS', { durable_name: 'SHIP', ack_policy: 'explicit' });
      const js = jsm.jetstream();
      for (let i = 0; i < 20; i++) await js.publish(`orders.${i}`, `order ${i}`);
    } finally {
      await nc.close();
    }
    await healthyEverywhere();
  });

  test('one node stopped: exit 1 naming it, and the R3 stream with its replica offline', async () => {
    await stopNode(2);
    const r = await expectAll(1, (text, json) => {
      const problems = json.problems as { kind: string; stream?: string; replica?: string }[];
      return (
        /^not healthy: /.test(text) &&
        /t3/.test(text.split('\n')[0]) &&
        problems.some((p) => p.kind === 'stream-replica-offline' && p.stream === 'ORDERS' && p.replica === 't3')
      );
    });
    for (const mode of MODES) {
      const json = JSON.parse(r[mode].json.stdout);
      assert.equal(json.healthy, false);
      assert.match(r[mode].text.stdout, /stream ORDERS \(account APP\): replica t3 is offline/);
      if (mode === 'monitor') {
        assert.match(r[mode].text.stdout, /http:\/\/mon:\*\*\*@127\.0\.0\.1:\d+ {2}does not answer: nothing listens/);
        assert.deepEqual(
          json.failures.map((f: { reason: string }) => f.reason),
          ['nothing listens there (ECONNREFUSED)'],
        );
      } else {
        assert.ok(
          json.missing.some((m: { name?: string }) => m.name === 't3') ||
            json.problems.some(
              (p: { kind: string; node?: string }) => p.kind === 'meta-peer-offline' && p.node === 't3',
            ),
          r[mode].json.stdout,
        );
        assert.match(r[mode].text.stdout, /nats:\/\/sys:\*\*\*@127\.0\.0\.1:\d+ {2}does not answer: Nothing listens/);
      }
    }
  });

  test('the node back: healthy again', async () => {
    await startNode(2);
    await healthyEverywhere();
  });

  test('a node restarted with another cluster name: exit 1 naming it and both names', async () => {
    await stopNode(2);
    const other = path.join(stores, 't3-other.conf');
    fs.writeFileSync(other, fs.readFileSync(configs[2], 'utf8').replace('name: t,', 'name: other,'));
    await startNode(2, other);
    const r = await expectAll(1, (text) => /t3 runs in cluster 'other', the others in 't'/.test(text));
    for (const mode of MODES) {
      const json = JSON.parse(r[mode].json.stdout);
      assert.deepEqual(json.cluster_names, { t: ['t1', 't2'], other: ['t3'] }, mode);
      assert.ok(
        json.problems.some((p: { kind: string; node?: string }) => p.kind === 'cluster-name' && p.node === 't3'),
        mode,
      );
      assert.match(r[mode].text.stdout.split('\n')[0], /^not healthy: .*t3/);
    }
    await stopNode(2);
  });

  test('two of three stopped: no meta leader, exit 1', async () => {
    await stopNode(1);
    const r = await expectAll(1, (text, json) =>
      (json.problems as { kind: string }[]).some((p) => p.kind === 'meta-leader'),
    );
    for (const mode of MODES) assert.match(r[mode].text.stdout, /JetStream has no meta leader/);
  });

  test('all back: healthy, twice', async () => {
    await Promise.all([startNode(1), startNode(2)]);
    await healthyEverywhere();
    await settled();
    await healthyEverywhere(true);
  });
});
