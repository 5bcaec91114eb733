// `npm run bench`: checks a generated ~3 MB config (thousands of accounts with users and
// permissions) and compares with `nats-server -t` on the same file. Prints figures; it
// asserts nothing (speed goals are read from the output, never from a timed test).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../server/src/service';
import { nodeHost } from '../server/src/node/nodeHost';
import { generateAccountsConfig } from './generate';

const REPO = path.resolve(__dirname, '..');
const OUT = path.join(REPO, '.bench');
const TARGET_BYTES = 3 * 1024 * 1024;
const generate = () => generateAccountsConfig(TARGET_BYTES);
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function wallMs(cmd: string, args: string[]): { ms: number; status: number | null; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: OUT, maxBuffer: 256 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stderr: r.stderr };
}

fs.mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, 'accounts-3mb.conf');
const text = generate();
fs.writeFileSync(file, text);
const mb = Buffer.byteLength(text) / (1024 * 1024);
const accounts = (text.match(/^ {2}ACC_/gm) ?? []).length;

// In-process: the language service alone; the first run (cold, JIT warming up) and the
// median of the runs after it.
const host = nodeHost({});
const c0 = process.hrtime.bigint();
createLanguageService({ host }).check({ path: file, text });
const cold = Number(process.hrtime.bigint() - c0) / 1e6;
const inProcess: number[] = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  findings = createLanguageService({ host }).check({ path: file, text }).diagnostics.length;
  inProcess.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

// Whole commands, as a CI job runs them: process start included on both sides.
const cli = path.join(REPO, 'server', 'bin', 'nats-conf.js');
const ours: number[] = [];
const theirs: number[] = [];
let natsVerdict = 'nats-server not found';
for (let i = 0; i < RUNS; i++) {
  const o = wallMs(process.execPath, [cli, 'check', '--server-version', '2.9', path.basename(file)]);
  if (o.status !== 0) throw new Error(`nats-conf check failed (${o.status}): ${o.stderr}`);
  ours.push(o.ms);
  const n = wallMs(process.env.NATS_SERVER_BIN ?? 'nats-server', ['-t', '-c', path.basename(file)]);
  if (n.status === null) break;
  natsVerdict = n.status === 0 ? 'valid' : `refused: ${n.stderr.trim().slice(0, 120)}`;
  theirs.push(n.ms);
}

const startMs = median(Array.from({ length: RUNS }, () => wallMs(process.execPath, ['-e', '0']).ms));
const ip = median(inProcess);
const o = median(ours);
console.log(
  `file: ${path.relative(REPO, file)}  ${mb.toFixed(2)} MB, ${accounts} accounts, ${accounts * 5} users; ` +
    `nats-conf findings: ${findings}; nats-server -t: ${natsVerdict}`,
);
console.log(`nats-conf (language service, first run)  ${cold.toFixed(1)} ms  ${(mb / (cold / 1000)).toFixed(1)} MB/s`);
console.log(
  `nats-conf (language service, in process)  median ${ip.toFixed(1)} ms  ${(mb / (ip / 1000)).toFixed(1)} MB/s`,
);
console.log(
  `nats-conf check (whole command)           median ${o.toFixed(1)} ms  ${(mb / (o / 1000)).toFixed(1)} MB/s`,
);
if (theirs.length > 0) {
  const t = median(theirs);
  console.log(
    `nats-server -t -c (whole command)         median ${t.toFixed(1)} ms  ${(mb / (t / 1000)).toFixed(1)} MB/s`,
  );
  console.log(
    `ratio to nats-server -t (goal <= 1.0):   language service ${(ip / t).toFixed(2)} ` +
      `(first run ${(cold / t).toFixed(2)}); whole command ${(o / t).toFixed(2)}, ` +
      `of which Node.js starting takes ${startMs.toFixed(0)} ms`,
  );
}

// Unknown keys of any size and number (issue 11's goal: each in under a second). "Did you
// mean" is bounded, so a runaway key costs what a value of its size costs.
const unknown: [string, string][] = [
  ['a 1 MB unknown key', `${'x'.repeat(1_000_000)}: 1\n`],
  ['a 1 MB value (for comparison)', `server_name: ${'x'.repeat(1_000_000)}\n`],
  ['20,000 unknown keys', Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join('\n')],
];
for (const [what, content] of unknown) {
  const f = path.join(OUT, `${what.replace(/[^a-z0-9]+/gi, '-')}.conf`);
  fs.writeFileSync(f, content);
  createLanguageService({ host }).check({ path: f, text: content }); // warm
  const inside = median(
    Array.from({ length: 3 }, () => {
      const t0 = process.hrtime.bigint();
      createLanguageService({ host }).check({ path: f, text: content });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    }),
  );
  const whole = median(Array.from({ length: 3 }, () => wallMs(process.execPath, [cli, 'check', path.basename(f)]).ms));
  console.log(
    `${what.padEnd(32)} in process median ${inside.toFixed(1)} ms; nats-conf check (whole command, ` +
      `every finding printed) median ${whole.toFixed(1)} ms`,
  );
}
