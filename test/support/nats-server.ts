// The real nats-server (Debian's package) as the judge: `nats-server -t -c FILE`.

import { spawnSync, execFileSync } from 'node:child_process';

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
