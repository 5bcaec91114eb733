// Runs the built `nats-conf` command as a user would.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'server', 'bin', 'nats-conf.js');

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  origin: 'server' | 'lint' | 'cluster' | 'live';
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNatsConf(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
    input: options.input,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function checkJson(
  files: string[],
  options: { cwd?: string; env?: Record<string, string>; version?: string } = {},
): JsonDiagnostic[] {
  const args = [
    'check',
    '--format',
    'json',
    ...(options.version ? ['--server-version', options.version] : []),
    ...files,
  ];
  const r = runNatsConf(args, options);
  if (r.status !== 0 && r.status !== 1) throw new Error(`nats-conf exited ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}
