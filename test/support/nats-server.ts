// The real nats-server (Debian's package): the judge (`nats-server -t -c FILE`), and running
// servers on 127.0.0.1 for the live features.

import { spawn, spawnSync, execFileSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const NATS_SERVER = process.env.NATS_SERVER_BIN ?? 'nats-server';

export function natsServerVersion(): string | undefined {
  try {
    return execFileSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export interface NatsVerdict {
  valid: boolean;
  /** stderr without the `nats-server: ` prefix. */
  message: string;
}

/** Runs `nats-server -t -c file` in `cwd` with exactly `env` (plus PATH). */
export function natsCheck(file: string, cwd: string, env: Record<string, string> = {}): NatsVerdict {
  const r = spawnSync(NATS_SERVER, ['-t', '-c', file], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const out = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim();
  return { valid: r.status === 0, message: out.replace(/^nats-server: /, '') };
}

/**
 * The command prefix that runs a command in a network namespace of its own with loopback up
 * (`unshare -n` as root, `unshare -rn` through a user namespace otherwise), or undefined where
 * this machine allows neither (or NATS_CONF_TEST_SHARED_NETWORK=1 asks to do without). A server
 * started so binds its ports (4222, 6222, 8222, …) whatever else runs on the machine.
 */
export function privateNetwork(): string[] | undefined {
  if (isolation === undefined) {
    isolation = null;
    if (process.env.NATS_CONF_TEST_SHARED_NETWORK !== '1') {
      for (const flags of [['-n'], ['-r', '-n']]) {
        const probe = spawnSync('unshare', [...flags, 'sh', '-c', 'ip link set lo up'], {
          stdio: 'ignore',
          timeout: 10_000,
        });
        if (probe.status === 0) {
          isolation = ['unshare', ...flags];
          break;
        }
      }
    }
  }
  return isolation ?? undefined;
}
let isolation: string[] | null | undefined;

/** Spawns `command args` in a private network (see privateNetwork), or as it is where there is none. */
export function spawnInPrivateNetwork(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const prefix = privateNetwork();
  if (!prefix) return spawn(command, args, options);
  // exec: the child's pid is the command's, so that killing it kills the command.
  return spawn(
    prefix[0],
    [...prefix.slice(1), 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', command, ...args],
    options,
  );
}

/** Whether some process holds `port` on this machine (binding it on every address fails). */
export async function portTaken(port: number): Promise<boolean> {
  const bind = (host: string) =>
    new Promise<string | undefined>((resolve) => {
      const s = net.createServer();
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      s.listen({ port, host }, () => s.close(() => resolve(undefined)));
    });
  // [::] covers both families where the machine has IPv6; 0.0.0.0 where it has not.
  const v6 = await bind('::');
  if (v6 === 'EADDRINUSE') return true;
  return v6 === undefined ? false : (await bind('0.0.0.0')) === 'EADDRINUSE';
}

/** nats-server's words when a port it listens on is taken: `listen tcp 0.0.0.0:4222: bind: address already in use`. */
export function portsInUse(log: string): number[] {
  return [
    ...new Set([...log.matchAll(/listen tcp \S*:(\d+): bind: address already in use/g)].map((m) => Number(m[1]))),
  ];
}

/** A running nats-server on 127.0.0.1, started from `config` in its own temporary folder. */
export interface RunningServer {
  port: number;
  dir: string;
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/**
 * `count` distinct free TCP ports on 127.0.0.1. All are held open until the last is picked: ports
 * taken one by one and closed in between can come back twice (the OS hands a just-closed port out
 * again), and one node's client port equal to another's cluster port is a real port clash.
 */
export async function freePorts(count: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const s = net.createServer();
      held.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return held.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((s) => new Promise((resolve) => (s.listening ? s.close(resolve) : resolve(undefined)))));
  }
}

/**
 * Starts nats-server with `config(port)` (written to a temp folder) and waits until it accepts clients.
 * A port the OS called free can be taken before nats-server binds it: then it starts again on others.
 */
export async function startServer(config: (port: number, dir: string) => string): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(config);
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt === 3) throw err;
    }
  }
}

/** nats-server could not bind a port (another process took it first). */
export class PortTakenError extends Error {}

async function startServerOnce(config: (port: number, dir: string) => string): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-live-'));
  const port = await freePort();
  const file = path.join(dir, 'server.conf');
  fs.writeFileSync(file, config(port, dir));
  const child = spawn(NATS_SERVER, ['-c', file], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new (portsInUse(log).length ? PortTakenError : Error)(`nats-server exited: ${log}`);
    }
    if (log.includes('Server is ready')) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`nats-server did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dir,
    url: `nats://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill();
      }),
  };
}

export interface RunningCluster {
  servers: RunningServer[];
  /** Monitoring URLs, one per node. */
  monitors: string[];
}

/**
 * `count` routed nodes named `${prefix}1`…, each with a monitoring port and a full mesh of
 * routes on loopback, in the cluster `clusterName` (default: the prefix); `extra(i, dir)` adds lines
 * to node i's config.
 */
export async function startCluster(
  count: number,
  prefix: string,
  extra: (i: number, dir: string) => string[] = () => [],
  clusterName = prefix,
): Promise<RunningCluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(count, prefix, extra, clusterName);
    } catch (err) {
      // A route or monitoring port taken meanwhile: the mesh is written with all of them, so start it all again.
      if (!(err instanceof PortTakenError) || attempt === 3) throw err;
    }
  }
}

async function startClusterOnce(
  count: number,
  prefix: string,
  extra: (i: number, dir: string) => string[],
  clusterName: string,
): Promise<RunningCluster> {
  const ports = await freePorts(2 * count);
  const clusterPorts = ports.slice(0, count);
  const httpPorts = ports.slice(count);
  const started = await Promise.allSettled(
    clusterPorts.map((clusterPort, i) =>
      startServerOnce(
        (port, dir) =>
          [
            `server_name: ${prefix}${i + 1}`,
            `listen: 127.0.0.1:${port}`,
            `http: 127.0.0.1:${httpPorts[i]}`,
            `cluster { name: ${clusterName}, listen: 127.0.0.1:${clusterPort}, ` +
              `routes: [${clusterPorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')}] }`,
            ...extra(i, dir),
          ].join('\n') + '\n',
      ),
    ),
  );
  const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  return { servers, monitors: httpPorts.map((p) => `http://127.0.0.1:${p}`) };
}

/**
 * A nats-server of the test's own on 127.0.0.1 holding the usual client, route and monitoring ports
 * (4222, 6222, 8222), as one already running on a machine does; a port another process holds
 * already is left to it. The tests that start configs written with those ports run beside it.
 */
export async function squatUsualPorts(): Promise<{ ports: number[]; stop(): Promise<void> }> {
  const [client, cluster, http] = [4222, 6222, 8222];
  const ports = [client, cluster, http];
  // Ports change hands meanwhile only by chance: look again, a few times.
  for (let attempt = 1; ; attempt++) {
    const free = async (p: number) => !(await portTaken(p));
    const lines = ['server_name: squatter', 'host: 127.0.0.1', (await free(client)) ? `port: ${client}` : 'port: -1'];
    if (await free(http)) lines.push(`http: 127.0.0.1:${http}`);
    if (await free(cluster)) lines.push(`cluster { name: squatter, listen: 127.0.0.1:${cluster} }`);
    let server: RunningServer;
    try {
      server = await startServerOnce(() => lines.join('\n') + '\n');
    } catch (err) {
      if (err instanceof PortTakenError && attempt < 3) continue;
      throw err;
    }
    const loose: number[] = [];
    for (const p of ports) if (!(await portTaken(p))) loose.push(p);
    if (!loose.length) return { ports, stop: () => server.stop() };
    await server.stop();
    if (attempt === 3) throw new Error(`ports ${loose.join(', ')} could not be held`);
  }
}
