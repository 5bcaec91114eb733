// nats-server 2.9.10 is the judge: every config of the corpus (and every config of the
// setup guide) goes through `nats-server -t -c FILE` and `nats-conf check
// --server-version 2.9`. Where nats-server stops at a parse-level error, we must report
// an error on the same line; where its parser accepts the file, we must not report one.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, checkJson, type JsonDiagnostic } from '../support/cli';
import { natsCheck, natsServerVersion } from '../support/nats-server';
import { corpus, type CorpusCase } from './corpus';

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

interface NatsParseError {
  /** The file the line refers to, relative to the case folder; undefined when nats-server names no line. */
  file: string | undefined;
  line: number | undefined;
  message: string;
}

/** Sorts nats-server's verdict into valid / parse-level error / later (option) error. */
function classify(message: string, valid: boolean): 'valid' | 'options' | NatsParseError {
  if (valid) return 'valid';
  let file = 'main.conf';
  let rest = message;
  for (;;) {
    const inc = /^error parsing include file '([^']*)', (.*)$/s.exec(rest);
    if (!inc) break;
    file = path.join(path.dirname(file), inc[1]);
    rest = inc[2];
  }
  let m = /^Parse error on line (\d+): /.exec(rest);
  if (m) return { file, line: Number(m[1]), message };
  m = /^config is invalid \((.*):(\d+):(\d+)\)/.exec(rest);
  if (m) return { file, line: Number(m[2]), message };
  m = /^variable reference for '.*' on line (\d+) /s.exec(rest);
  if (m) return { file, line: Number(m[1]), message };
  if (/^(open |integer '|expected integer|float '|expected float|expected Zulu|read )/.test(rest)) return { file: undefined, line: undefined, message };
  if (rest !== message) return { file: undefined, line: undefined, message }; // include failure without a line
  return 'options';
}

let root: string;
const textOf = new Map<string, string>();

function lineText(file: string, line: number): string | undefined {
  return textOf.get(file)?.split('\n')[line - 1];
}

/** nats-server counts a line break it has just read: an error about that break carries the next line's number. */
function sameLine(d: JsonDiagnostic, natsLine: number, caseDir: string): boolean {
  if (d.line === natsLine) return true;
  const text = lineText(path.join(caseDir, d.file), d.line);
  return text !== undefined && d.column === text.length + 1 && d.line + 1 === natsLine;
}

function materialize(kase: CorpusCase): string {
  const dir = path.join(root, kase.name);
  for (const [name, text] of Object.entries(kase.files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    textOf.set(p, text);
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

describe('differential: nats-server -t versus nats-conf check', () => {
  before(() => {
    // The judge must be there: a missing nats-server fails the suite instead of skipping it.
    assert.match(natsServerVersion() ?? 'not installed', /^nats-server: v2\.9\./, 'install Debian\'s nats-server (apt-get install -y nats-server)');
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-diff-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases = [...corpus, ...seedCases()];

  test('the corpus is large enough and names are unique', () => {
    assert.ok(corpus.length >= 150, `corpus has ${corpus.length} configs`);
    assert.equal(new Set(cases.map((k) => k.name)).size, cases.length);
  });

  for (const kase of cases) {
    test(kase.name, () => {
      const dir = materialize(kase);
      const verdict = natsCheck('main.conf', dir, kase.env);
      const ours = checkJson(['main.conf'], { cwd: dir, env: kase.env, version: '2.9' });
      const parseErrors = ours.filter((d) => d.severity === 'error' && d.origin === 'server' && PARSE_CODES.has(d.code));
      const judged = classify(verdict.message, verdict.valid);
      const show = () => `nats-server: ${verdict.message}\nnats-conf: ${JSON.stringify(parseErrors, null, 1)}`;
      if (judged === 'valid' || judged === 'options') {
        assert.deepEqual(parseErrors, [], `nats-server's parser accepts this file\n${show()}`);
        return;
      }
      assert.ok(parseErrors.length > 0, `nats-server rejects this file; nats-conf must too\n${show()}`);
      if (judged.line !== undefined) {
        const inFile = parseErrors.filter((d) => path.normalize(d.file) === path.normalize(judged.file!));
        assert.ok(
          inFile.some((d) => sameLine(d, judged.line!, dir)),
          `nats-server reports ${judged.file} line ${judged.line}\n${show()}`,
        );
      }
    });
  }
});
