// `npm test` (scripts/test-all.mjs) on a small project of the same shape: a build that fails, tests
// that fail and pass, a browser stage and a desktop stage that skips. Every stage must still run,
// the table must say what each did, and the exit status must say that something failed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../support/cli';

describe('npm test runs every stage and reports each', () => {
  let project: string;
  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-test-all-'));
    const write = (name: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
      fs.writeFileSync(path.join(project, name), text);
    };
    fs.mkdirSync(path.join(project, 'scripts'));
    for (const script of ['test-all.mjs', 'run-tests.mjs'])
      fs.copyFileSync(path.join(REPO, 'scripts', script), path.join(project, 'scripts', script));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'));
    write('scripts/build.mjs', "console.error('the build breaks'); process.exit(1);\n");
    write(
      'package.json',
      JSON.stringify({
        name: 'shape',
        private: true,
        scripts: { typecheck: 'node -e 0', lint: 'node -e 0', 'test:e2e': 'node -e "console.log(\'browser ran\')"' },
      }),
    );
    write(
      'test/alpha/fails.test.ts',
      "import { test } from 'node:test';\n" +
        "import assert from 'node:assert/strict';\n" +
        "test('fails', () => assert.equal(1, 2));\n" +
        "test('passes', () => {});\n",
    );
    write('test/beta/passes.test.ts', "import { test } from 'node:test';\ntest('passes', () => {});\n");
    write(
      'test/desktop/run.ts',
      "console.log('desktop VS Code tests skipped: no display here; the browser test covers it.');\n",
    );
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  test('a failing build and a failing test stop nothing; the table has every stage; exit 1', () => {
    // As from a shell: node:test marks its children (NODE_TEST_CONTEXT), which would make the inner
    // runs report to this one.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [path.join(project, 'scripts', 'test-all.mjs')], {
      cwd: project,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /browser ran/);
    const table = r.stdout.slice(r.stdout.lastIndexOf('\nstage'));
    const rows = Object.fromEntries(
      table
        .split('\n')
        .slice(3)
        .filter((l) => /^\S/.test(l) && !l.startsWith('failed:') && !l.startsWith('The build'))
        .map((l) => l.split(/\s{2,}/))
        .map(([stage, result, , tests]) => [stage, `${result}${tests ? ` (${tests})` : ''}`]),
    );
    assert.deepEqual(rows, {
      build: 'failed',
      typecheck: 'passed',
      lint: 'passed',
      'test/alpha': 'failed (1 passed, 1 failed)',
      'test/beta': 'passed (1 passed)',
      'e2e (browser)': 'passed',
      desktop: 'skipped (no display here)',
    });
    assert.match(r.stdout, /\nfailed: build, test\/alpha\n/);
  });
});
