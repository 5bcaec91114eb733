// nats-server 2.9.10 is the judge. Every config of the corpus (syntax and options) and of
// the setup guide goes through `nats-server -t -c FILE`; a config `-t` lets through is also
// started (in a network namespace of its own: see start()) and must stay up for a second.
// `nats-conf check --server-version 2.9` rejects a config when it reports any finding of origin
// "server" (error or warning).
// - Parse errors: both must reject, on the same line (strict, per config).
// - Overall: at least 99% verdict agreement, and where nats-server names a line, one of our
//   server findings on that line in at least 95%. Figures and disagreements are printed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, checkJson, type JsonDiagnostic } from '../support/cli';
import {
  NATS_SERVER,
  freePort,
  natsCheck,
  natsServerVersion,
  portTaken,
  portsInUse,
  privateNetwork,
  spawnInPrivateNetwork,
  squatUsualPorts,
} from '../support/nats-server';
import { corpus, type CorpusCase } from './corpus';
import { CERT, KEY, optionCorpus } from './corpus-options';

/** Our findings that correspond to nats-server's parse stage (conf package). */
const PARSE_CODES = new Set([
  'syntax',
  'dangling-key',
  'number-range',
  'datetime',
  'variable-undefined',
  'variable-braces',
  'bcrypt-unquoted',
  'variable-environment',
  'variable-cycle',
  'include-unreadable',
  'include-errors',
  'include-cycle',
]);

interface Verdict {
  rejects: boolean;
  stage: 'test' | 'start' | undefined;
  message: string;
  /** Parse-stage error: the file and line it names (line undefined when it names none). */
  parse?: { file: string; line: number | undefined };
  /** Lines named by option errors (`file:line:col: …`), per file. */
  lines: { file: string; line: number }[];
}

/** Sorts nats-server's message into a parse-stage error or option errors with their lines. */
function classify(message: string, rejects: boolean, stage: Verdict['stage']): Verdict {
  const verdict: Verdict = { rejects, stage, message, lines: [] };
  if (!rejects || stage === 'start') return verdict;
  let file = 'main.conf';
  let rest = message;
  for (;;) {
    const inc = /^error parsing include file '([^']*)', (.*)$/s.exec(rest);
    if (!inc) break;
    file = path.join(path.dirname(file), inc[1]);
    rest = inc[2];
  }
  let m = /^Parse error on line (\d+): /.exec(rest);
  if (m) return { ...verdict, parse: { file, line: Number(m[1]) } };
  m = /^config is invalid \((.*):(\d+):(\d+)\)/.exec(rest);
  if (m) return { ...verdict, parse: { file, line: Number(m[2]) } };
  m = /^variable reference for '.*' on line (\d+) /s.exec(rest);
  if (m) return { ...verdict, parse: { file, line: Number(m[1]) } };
  if (/^(integer '|expected integer|float '|expected float|expected Zulu)/.test(rest) || rest !== message)
    return { ...verdict, parse: { file, line: undefined } };
  for (const l of message.matchAll(/^(?:nats-server: )?([^\s:]+\.conf):(\d+):\d+: /gm))
    verdict.lines.push({ file: l[1], line: Number(l[2]) });
  return verdict;
}

let root: string;
let cert = '';
let key = '';
const textOf = new Map<string, string>();

/** nats-server counts a line break it has just read: an error about that break carries the next line's number. */
function sameLine(d: JsonDiagnostic, natsLine: number, caseDir: string): boolean {
  if (d.line === natsLine) return true;
  const text = textOf.get(path.join(caseDir, d.file))?.split('\n')[d.line - 1];
  return text !== undefined && d.column === text.length + 1 && d.line + 1 === natsLine;
}

function materialize(kase: CorpusCase): string {
  const dir = path.join(root, kase.name);
  for (const [name, text] of Object.entries(kase.files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    const content = text === CERT ? cert : text === KEY ? key : text;
    fs.writeFileSync(p, content);
    textOf.set(p, content);
  }
  return dir;
}

function seedCases(): CorpusCase[] {
  const dir = path.join(REPO, 'test', 'fixtures', 'seed');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({
      name: `seed-${name}`,
      files: { 'main.conf': fs.readFileSync(path.join(dir, name), 'utf8') },
      env: { NATS_SERVER_NAME: 'nats-0' },
    }));
}

/** Only configs that dial nothing but loopback are started (no traffic leaves the machine). */
function safeToStart(kase: CorpusCase): boolean {
  const text = Object.values(kase.files).join('\n');
  return !/\b[a-z-]+:\/\/(?!127\.0\.0\.1|localhost)/i.test(text);
}

/** The config's ports that were moved because another process on the machine held them. */
let movedPorts = 0;

/**
 * Starts nats-server on the config; it must stay up for a second. The configs name fixed ports
 * (4222, 6222, 8222, …), which any nats-server already running here would hold: so each start runs
 * in a network namespace of its own. Where the machine has none, a port another process holds is
 * moved to a free one in the config's files and environment (the default client port through -p)
 * and the config started again, so that only the config's own clashes decide.
 */
async function start(
  dir: string,
  files: string[],
  env: Record<string, string> = {},
): Promise<{ up: boolean; message: string }> {
  const started = await startOnce(dir, env, ['-c', 'main.conf']);
  if (started.up || privateNetwork()) return started;
  // The ports are moved in a copy of the case's files (nats-conf checks the config as written; what
  // the server wrote, such as a log file, stays behind).
  const copy = `${dir}.moved`;
  for (const name of files) {
    fs.mkdirSync(path.dirname(path.join(copy, name)), { recursive: true });
    fs.copyFileSync(path.join(dir, name), path.join(copy, name));
  }
  const copyEnv = { ...env };
  const args = ['-c', 'main.conf'];
  // Each port keeps its new number: a config whose route port is the default client port (4222,
  // unwritten) must still clash with itself once both have moved.
  const moved = new Map<number, number>();
  for (let last = started, attempt = 1; ; attempt++) {
    const heldElsewhere: number[] = [];
    for (const port of portsInUse(last.log)) if (await portTaken(port)) heldElsewhere.push(port);
    if (!heldElsewhere.length || attempt === 5) return last;
    for (const port of heldElsewhere) {
      const to = moved.get(port) ?? (await freePort());
      moved.set(port, to);
      if (!movePort(copy, files, copyEnv, port, to)) {
        // Not written anywhere (any more): nats-server's default client port.
        if (port !== DEFAULT_CLIENT_PORT)
          throw new Error(
            `port ${port} is held by another process on this machine, and ${dir} does not name it: ` +
              'stop that process, or run the tests where unshare works (as root, or with user namespaces)',
          );
        args.push('-p', String(to));
      }
      movedPorts++;
    }
    last = await startOnce(copy, copyEnv, args);
    if (last.up) return last;
  }
}

const DEFAULT_CLIENT_PORT = 4222;

/** Replaces the number `from` with `to` in the case's files and environment; false when it is in none. */
function movePort(dir: string, files: string[], env: Record<string, string>, from: number, to: number): boolean {
  const number = new RegExp(`(?<![\\w.-])${from}(?![\\w.])`, 'g');
  let found = false;
  for (const name of files) {
    const p = path.join(dir, name);
    const text = fs.readFileSync(p, 'utf8');
    // Certificates and keys are left alone: their base64 can hold the digits.
    if (text.includes('-----BEGIN') || text.search(number) < 0) continue;
    fs.writeFileSync(p, text.replace(number, String(to)));
    found = true;
  }
  for (const [name, value] of Object.entries(env)) {
    if (value.search(number) < 0) continue;
    env[name] = value.replace(number, String(to));
    found = true;
  }
  return found;
}

/** The files under `dir` with their sizes. */
function sizes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile()) found.set(p, fs.statSync(p).size);
  }
  return found;
}

/** What the server wrote into files under `dir` since `before` (a config's log_file takes its messages off stderr). */
function writtenSince(dir: string, before: Map<string, number>): string {
  let text = '';
  for (const [p, size] of sizes(dir))
    if (size > (before.get(p) ?? 0))
      text += fs
        .readFileSync(p)
        .subarray(before.get(p) ?? 0)
        .toString('utf8');
  return text;
}

function startOnce(
  dir: string,
  env: Record<string, string>,
  args: string[],
): Promise<{ up: boolean; message: string; log: string }> {
  const before = privateNetwork() ? undefined : sizes(dir);
  return new Promise((resolve) => {
    const child = spawnInPrivateNetwork(NATS_SERVER, args, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: dir, ...env },
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve({ up: true, message: '', log: stderr }));
      child.kill('SIGKILL');
    }, 1000);
    child.once('exit', () => {
      clearTimeout(timer);
      const fatal = stderr.split('\n').find((l) => /\[(FTL|ERR)\]/.test(l)) ?? stderr.trim().split('\n').pop() ?? '';
      resolve({
        up: false,
        message: fatal.replace(/^\[\d+\] \S+ \S+ /, ''),
        log: before ? stderr + writtenSince(dir, before) : stderr,
      });
    });
  });
}

interface Outcome {
  name: string;
  nats: Verdict;
  ours: JsonDiagnostic[];
  agree: boolean;
  lineNamed: boolean;
  lineAgree: boolean;
}

describe('differential: nats-server 2.9.10 versus nats-conf check --server-version 2.9', () => {
  const cases = [...corpus, ...optionCorpus, ...seedCases()];
  const outcomes: Outcome[] = [];

  let squatter: { stop(): Promise<void> } | undefined;

  before(async () => {
    // The judge must be there: a missing nats-server fails the suite instead of skipping it.
    assert.match(
      natsServerVersion() ?? 'not installed',
      /^nats-server: v2\.9\./,
      "install Debian's nats-server (apt-get install -y nats-server)",
    );
    // Machines often run a nats-server on the usual ports: the verdicts must not notice. Hold them.
    squatter = await squatUsualPorts();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-diff-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
      ],
      { cwd: root },
    );
    assert.equal(made.status, 0, `openssl could not make a test certificate: ${made.stderr}`);
    cert = fs.readFileSync(path.join(root, 'cert.pem'), 'utf8');
    key = fs.readFileSync(path.join(root, 'key.pem'), 'utf8');
  });
  after(async () => {
    await squatter?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the corpus has at least 300 configs, with unique names', () => {
    assert.ok(corpus.length + optionCorpus.length >= 300, `corpus has ${corpus.length + optionCorpus.length} configs`);
    assert.equal(new Set(cases.map((k) => k.name)).size, cases.length);
  });

  for (const kase of cases) {
    test(kase.name, async () => {
      const dir = materialize(kase);
      const tested = natsCheck('main.conf', dir, kase.env);
      let nats: Verdict;
      if (!tested.valid) nats = classify(tested.message, true, 'test');
      else if (safeToStart(kase)) {
        const started = await start(dir, Object.keys(kase.files), kase.env);
        nats = classify(started.message, !started.up, started.up ? undefined : 'start');
      } else nats = classify(tested.message, false, undefined);
      const ours = checkJson(['main.conf'], { cwd: dir, env: kase.env, version: '2.9' }).filter(
        (d) => d.origin === 'server' && (d.severity === 'error' || d.severity === 'warning'),
      );
      const show = () =>
        `nats-server (${nats.stage ?? 'accepts'}): ${nats.message}\nnats-conf: ${JSON.stringify(
          ours.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`),
          null,
          1,
        )}`;
      // Parse errors: strict agreement, verdict and line.
      if (nats.parse) {
        const parseErrors = ours.filter((d) => PARSE_CODES.has(d.code));
        assert.ok(parseErrors.length > 0, `nats-server stops at a parse error; nats-conf must report one\n${show()}`);
        const { file, line } = nats.parse;
        if (line !== undefined) {
          const inFile = parseErrors.filter((d) => path.normalize(d.file) === path.normalize(file));
          assert.ok(
            inFile.some((d) => sameLine(d, line, dir)),
            `nats-server names ${file} line ${line}\n${show()}`,
          );
        }
      } else {
        assert.deepEqual(
          ours.filter((d) => PARSE_CODES.has(d.code)),
          [],
          `nats-server's parser accepts this file\n${show()}`,
        );
      }
      const named = nats.parse?.line !== undefined ? [{ file: nats.parse.file, line: nats.parse.line }] : nats.lines;
      const lineAgree = named.some((n) =>
        ours.some((d) => path.normalize(d.file) === path.normalize(n.file) && sameLine(d, n.line, dir)),
      );
      outcomes.push({
        name: kase.name,
        nats,
        ours,
        agree: nats.rejects === ours.length > 0,
        lineNamed: named.length > 0,
        lineAgree,
      });
    });
  }

  test('agreement goals: verdicts >= 99%, named lines >= 95%', () => {
    const agree = outcomes.filter((o) => o.agree).length;
    const named = outcomes.filter((o) => o.lineNamed);
    const lines = named.filter((o) => o.lineAgree).length;
    const started = outcomes.filter((o) => o.nats.stage === 'start').length;
    for (const o of outcomes.filter((x) => !x.agree || (x.lineNamed && !x.lineAgree))) {
      console.log(
        `DISAGREE ${o.name}\n` +
          `  nats-server: ${o.nats.rejects ? `rejects (${o.nats.stage})` : 'accepts'} ${o.nats.message}\n` +
          `  nats-conf:   ${o.ours.map((d) => `${d.file}:${d.line} ${d.code}`).join(', ') || 'accepts'}`,
      );
    }
    const verdictPct = (100 * agree) / outcomes.length;
    const linePct = named.length ? (100 * lines) / named.length : 100;
    const network = privateNetwork()
      ? `each in a private network (${privateNetwork()!.join(' ')})`
      : `on the machine's network, ${movedPorts} ports held elsewhere moved`;
    console.log(
      `differential: ${outcomes.length} configs, ` +
        `verdicts agree ${agree}/${outcomes.length} (${verdictPct.toFixed(1)}%), ` +
        `named lines ${lines}/${named.length} (${linePct.toFixed(1)}%), ` +
        `${started} refused at start; started ${network}, ` +
        'beside a nats-server on 4222, 6222 and 8222',
    );
    assert.equal(outcomes.length, cases.length, 'every config was judged');
    assert.ok(verdictPct >= 99, `verdict agreement ${verdictPct.toFixed(1)}% is below 99%`);
    assert.ok(linePct >= 95, `line agreement ${linePct.toFixed(1)}% is below 95%`);
  });
});
