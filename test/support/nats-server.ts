// The real nats-server (Debian's package): the judge (`nats-server -t -c FILE`), and running
// servers on 127.0.0.1 for the live features.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
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

/** A running nats-server on 127.0.0.1, started from `config` in its own temporary folder. */
export interface RunningServer {
  port: number;
  dir: string;
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts nats-server with `config(port)` (written to a temp folder) and waits until it accepts clients. */
export async function startServer(config: (port: number, dir: string) => string): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-live-'));
  const port = await freePort();
  const file = path.join(dir, 'server.conf');
  fs.writeFileSync(file, config(port, dir));
  const child = spawn(NATS_SERVER, ['-c', file], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
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
export async function startCluster(count: number, prefix: string, extra: (i: number, dir: string) => string[] = () => [], clusterName = prefix): Promise<RunningCluster> {
  const clusterPorts = await Promise.all(Array.from({ length: count }, freePort));
  const httpPorts = await Promise.all(Array.from({ length: count }, freePort));
  const servers = await Promise.all(
    clusterPorts.map((clusterPort, i) =>
      startServer((port, dir) =>
        [
          `server_name: ${prefix}${i + 1}`,
          `listen: 127.0.0.1:${port}`,
          `http: 127.0.0.1:${httpPorts[i]}`,
          `cluster { name: ${clusterName}, listen: 127.0.0.1:${clusterPort}, routes: [${clusterPorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')}] }`,
          ...extra(i, dir),
        ].join('\n') + '\n',
      ),
    ),
  );
  return { servers, monitors: httpPorts.map((p) => `http://127.0.0.1:${p}`) };
}
