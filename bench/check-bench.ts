// `npm run bench`: checks a generated ~3 MB config (thousands of accounts with users and
// permissions) and compares with `nats-server -t` on the same file. Prints figures; it
// asserts nothing (speed goals are read from the output, never from a timed test).

import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../server/src/service';
import { nodeHost } from '../server/src/node/nodeHost';
import { generateAccountsConfig, generateManyConfigs, generateUsersConfig } from './generate';

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

// Issue 16: the CLI as a whole process, against nats-server -t on the same input. Wall time from
// this process; peak memory (maximum resident set) from GNU time when installed.
const TIME = ['/usr/bin/time', '/bin/time'].find((t) => fs.existsSync(t));

function measured(cmd: string, args: string[], env = process.env, cwd = OUT): { ms: number; kb?: number } {
  const report = path.join(OUT, 'time.out');
  const [exe, argv] = TIME ? [TIME, ['-f', '%M', '-o', report, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, kb: TIME ? Number(fs.readFileSync(report, 'utf8').trim().split('\n').pop()) : undefined };
}

const natsServer = process.env.NATS_SERVER_BIN ?? 'nats-server';
const hasNatsServer = spawnSync(natsServer, ['--version']).status === 0;
const users = path.join(OUT, 'users-3.6mb.conf');
fs.writeFileSync(users, generateUsersConfig());
// The code cache is written by a first check: the runs below read it, as every later run would.
spawnSync(process.execPath, [cli, 'check', path.basename(users)], { cwd: OUT });
// The floor under the goals: a Node.js process that only reads the file and runs our lexer over it
// (no tree, no checks, nothing printed), bundled as the CLI is; and Node.js starting with nothing to do.
const lexOnly = path.join(OUT, 'lex-only.js');
buildSync({
  stdin: {
    contents:
      "const { scan } = require('./server/src/service/lexer');\n" +
      "const { syntaxRules, NEWEST_VERSION } = require('./server/src/service/versions');\n" +
      "scan(require('node:fs').readFileSync(process.argv[2], 'utf8'), syntaxRules(NEWEST_VERSION), () => {});\n",
    resolveDir: REPO,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: lexOnly,
  logLevel: 'warning',
});
const runs: Record<'text' | 'json' | 'nats' | 'lex' | 'node', { ms: number; kb?: number }[]> = {
  text: [],
  json: [],
  nats: [],
  lex: [],
  node: [],
};
for (let i = 0; i < RUNS; i++) {
  runs.text.push(measured(process.execPath, [cli, 'check', path.basename(users)]));
  runs.json.push(measured(process.execPath, [cli, 'check', '--format', 'json', path.basename(users)]));
  if (hasNatsServer) runs.nats.push(measured(natsServer, ['-t', '-c', path.basename(users)]));
  runs.lex.push(measured(process.execPath, [lexOnly, path.basename(users)]));
  runs.node.push(measured(process.execPath, ['-e', '0']));
}
const ms = (k: keyof typeof runs) => median(runs[k].map((r) => r.ms));
const kb = (k: keyof typeof runs) => median(runs[k].map((r) => r.kb ?? NaN));
console.log(
  `\nissue 16: ${path.relative(REPO, users)} (${(fs.statSync(users).size / 1e6).toFixed(1)} MB, 20,000 users); ` +
    `medians of ${RUNS} runs`,
);
for (const k of ['text', 'json'] as const)
  console.log(
    `nats-conf check, ${k.padEnd(4)} (whole command)   ${ms(k).toFixed(0)} ms, peak ${(kb(k) / 1024).toFixed(0)} MB`,
  );
if (hasNatsServer) {
  console.log(
    `nats-server -t -c (whole command)          ${ms('nats').toFixed(0)} ms, peak ${(kb('nats') / 1024).toFixed(0)} MB`,
  );
  for (const k of ['text', 'json'] as const)
    console.log(
      `whole command ${k} ${(ms(k) / ms('nats')).toFixed(2)}× nats-server -t (goal ≤ 0.5×); ` +
        `peak memory ${(kb(k) / kb('nats')).toFixed(2)}× (goal ≤ 1×)`,
    );
  const floor = (k: 'lex' | 'node') =>
    `${ms(k).toFixed(0)} ms (${(ms(k) / ms('nats')).toFixed(2)}×), peak ${(kb(k) / 1024).toFixed(0)} MB ` +
    `(${(kb(k) / kb('nats')).toFixed(2)}×)`;
  console.log(`floor: Node.js reading the file and only lexing it (no tree, no checks) ${floor('lex')}`);
  console.log(`floor: Node.js starting with nothing to do ${floor('node')}`);
}

// Start-up: `--version` and a small check, with the code cache and without it (its folder unwritable).
const noCache = { ...process.env, XDG_CACHE_HOME: '/dev/null/no-cache' };
const small = path.join(REPO, 'examples', 'cluster', 'nats-server-1.conf');
const start: Record<string, number[]> = { node: [], version: [], versionCold: [], small: [], smallCold: [] };
for (let i = 0; i < RUNS * 2; i++) {
  start.node.push(measured(process.execPath, ['-e', '0']).ms);
  start.version.push(measured(process.execPath, [cli, '--version']).ms);
  start.versionCold.push(measured(process.execPath, [cli, '--version'], noCache).ms);
  start.small.push(measured(process.execPath, [cli, 'check', small]).ms);
  start.smallCold.push(measured(process.execPath, [cli, 'check', small], noCache).ms);
}
const nodeMs = median(start.node);
const over = (k: string) => `${(median(start[k]) - nodeMs).toFixed(0)} ms`;
console.log(
  `start-up beyond Node's own ${nodeMs.toFixed(0)} ms: --version ${over('version')} ` +
    `(without the code cache ${over('versionCold')}); check of a small file ${over('small')} ` +
    `(without the code cache ${over('smallCold')})`,
);

// Many small files, as CI checks a repository: one call for all against one nats-server -t each
// (timed on every tenth file and scaled up).
const many = path.join(OUT, 'many');
fs.rmSync(many, { recursive: true, force: true });
const configs = generateManyConfigs(1_000);
for (const f of configs) {
  fs.mkdirSync(path.dirname(path.join(many, f.path)), { recursive: true });
  fs.writeFileSync(path.join(many, f.path), f.text);
}
const paths = configs.map((f) => f.path);
const oneCall = median(
  Array.from({ length: 3 }, () => measured(process.execPath, [cli, 'check', ...paths], process.env, many).ms),
);
console.log(`\n${paths.length} configs (folders of 3) in one nats-conf check: ${oneCall.toFixed(0)} ms`);
if (hasNatsServer) {
  const sample = paths.filter((_, i) => i % 10 === 0);
  let each = 0;
  for (const p of sample) each += measured(natsServer, ['-t', '-c', p], process.env, many).ms;
  const all = (each / sample.length) * paths.length;
  console.log(
    `${paths.length} calls of nats-server -t: ${all.toFixed(0)} ms (${sample.length} timed, ` +
      `${(each / sample.length).toFixed(1)} ms each)`,
  );
  console.log(
    `${paths.length.toLocaleString('en')} configs in one call: ${(all / oneCall).toFixed(1)}× faster than ` +
      `${paths.length.toLocaleString('en')} nats-server -t (goal ≥ 5×)`,
  );
}
