// The `nats-conf` command, run as a user runs it: output formats, exit codes, bad input.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, runNatsConf } from '../support/cli';

let dir: string;
const write = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return name;
};
const run = (...args: string[]) => runNatsConf(args, { cwd: dir });

describe('nats-conf check', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cli-'));
    write('good.conf', 'host: 127.0.0.1\ncluster {\n  name: c\n  port: 6222\n}\n');
    write('bad.conf', 'host: 127.0.0.1\ncluster {\n  port: 6222 name: c\n}\n');
    write('warn.conf', 'host: 127.0.0.1\nserver_name: "$NAME"\n');
    write('main.conf', 'host: 127.0.0.1\ninclude conf.d/sub.conf\n');
    write('conf.d/sub.conf', 'cluster { name: "a\\qb" }\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a good file: exit 0, a summary line', () => {
    const r = run('check', 'good.conf');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '0 errors, 0 warnings in 1 file (nats-server 2.14.5)\n');
  });

  test('text: FILE:LINE:COL: SEVERITY: MESSAGE [CODE], then the summary; exit 1', () => {
    const r = run('check', '--server-version', '2.9', 'bad.conf', 'good.conf');
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      `bad.conf:3:14: error: Expected a map value terminator "," or a map terminator "}", but got 'n' instead. [syntax]\n` +
        '1 error, 0 warnings in 2 files (nats-server 2.9.0)\n',
    );
  });

  test('json: exactly the documented fields, 1-based positions, the file as given', () => {
    const r = run('check', '--format', 'json', 'bad.conf');
    assert.equal(r.status, 1);
    const parsed = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(parsed), ['diagnostics']);
    assert.deepEqual(parsed.diagnostics, [
      {
        file: 'bad.conf',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 15,
        severity: 'error',
        code: 'syntax',
        message: `Expected a map value terminator "," or a map terminator "}", but got 'n' instead.`,
        origin: 'server',
      },
    ]);
  });

  test('json for a good file is an empty list', () => {
    const r = run('check', '--format=json', 'good.conf');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), { diagnostics: [] });
  });

  test('warnings alone exit 0', () => {
    const r = run('check', 'warn.conf');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^warn\.conf:2:14: warning: .* \[quoted-variable\]\n0 errors, 1 warning in 1 file/);
  });

  test("an included file's findings carry the included file's path", () => {
    const r = run('check', '--format', 'json', 'main.conf');
    const files = JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
    assert.deepEqual(files, ['conf.d/sub.conf syntax', 'main.conf include-errors']);
  });

  test('an unreadable file: one clear line, exit 2, the other files still checked', () => {
    const r = run('check', 'missing.conf', 'bad.conf');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'nats-conf: cannot read missing.conf: no such file or directory\n');
    assert.match(r.stdout, /^bad\.conf:3:14/);
    const d = run('check', 'conf.d');
    assert.equal(d.status, 2);
    assert.equal(d.stderr, 'nats-conf: cannot read conf.d: is a directory\n');
  });

  test('usage problems exit 2 with the usage text, never a stack trace', () => {
    for (const args of [[], ['lint', 'x'], ['check'], ['check', '--format', 'xml', 'good.conf'], ['check', '--server-version', '1.2', 'good.conf'], ['check', '--bogus', 'good.conf'], ['check', '--format']]) {
      const r = run(...args);
      if (args.length === 0) {
        assert.equal(r.status, 0);
        assert.match(r.stdout, /^usage: nats-conf check/);
        continue;
      }
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^nats-conf: .*\nusage: nats-conf check/, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  test('binary garbage: findings, no crash', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    write('garbage.conf', bytes);
    const r = run('check', '--format', 'json', 'garbage.conf');
    assert.equal(r.status, 1);
    assert.ok(JSON.parse(r.stdout).diagnostics.length > 0);
    assert.equal(r.stderr, '');
  });

  test('the bundled three-node example checks clean for 2.10 (the README’s main command)', () => {
    const r = runNatsConf(['check', '--server-version', '2.10', 'examples/cluster/nats-server-1.conf', 'examples/cluster/nats-server-2.conf', 'examples/cluster/nats-server-3.conf'], { cwd: REPO });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('nats-conf check: --cwd and --disable', () => {
  let cwdDir: string;
  before(() => {
    cwdDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cwd-'));
    fs.mkdirSync(path.join(cwdDir, 'etc', 'certs'), { recursive: true });
    fs.writeFileSync(path.join(cwdDir, 'etc', 'certs', 'a.pem'), 'x');
    fs.writeFileSync(path.join(cwdDir, 'etc', 'certs', 'a.key'), 'x');
    fs.writeFileSync(path.join(cwdDir, 'etc', 'nats.conf'), 'host: 127.0.0.1\ntrace: true\ntls {\n  cert_file: "certs/a.pem"\n  key_file: "certs/a.key"\n}\n');
  });
  after(() => fs.rmSync(cwdDir, { recursive: true, force: true }));

  test('relative TLS paths resolve against --cwd, as nats-server started there would', () => {
    const fromRoot = runNatsConf(['check', '--format', 'json', 'etc/nats.conf'], { cwd: cwdDir });
    assert.deepEqual(JSON.parse(fromRoot.stdout).diagnostics.filter((d: { code: string }) => d.code === 'file-missing').length, 2);
    const fromEtc = runNatsConf(['check', '--format', 'json', '--cwd', 'etc', 'etc/nats.conf'], { cwd: cwdDir });
    assert.deepEqual(JSON.parse(fromEtc.stdout).diagnostics.filter((d: { code: string }) => d.code === 'file-missing'), []);
    assert.equal(runNatsConf(['check', '--cwd', 'nope', 'etc/nats.conf'], { cwd: cwdDir }).status, 2);
  });

  test('--disable turns advice off by code', () => {
    const on = runNatsConf(['check', '--cwd', 'etc', 'etc/nats.conf'], { cwd: cwdDir });
    assert.match(on.stdout, /\[trace-enabled\]/);
    const off = runNatsConf(['check', '--cwd', 'etc', '--disable', 'trace-enabled,no-authorization', 'etc/nats.conf'], { cwd: cwdDir });
    assert.doesNotMatch(off.stdout, /\[trace-enabled\]/);
    assert.equal(off.status, 0);
  });
});

describe('nats-conf check: files given together are the nodes of a cluster', () => {
  let clusterDir: string;
  before(() => {
    clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cluster-'));
    const node = (name: string, clusterName: string, peer: string) =>
      `server_name: ${name}\nhost: 127.0.0.1\ncluster {\n  name: ${clusterName}\n  port: 6222\n  routes: [ nats-route://${peer}:6222 ]\n}\n`;
    fs.writeFileSync(path.join(clusterDir, 'nats-1.conf'), node('nats-1', 'east', 'nats-2'));
    fs.writeFileSync(path.join(clusterDir, 'nats-2.conf'), node('nats-2', 'west', 'nats-1'));
  });
  after(() => fs.rmSync(clusterDir, { recursive: true, force: true }));

  test('findings of origin "cluster" in the json, and --no-cluster to skip them', () => {
    const r = runNatsConf(['check', '--format', 'json', 'nats-1.conf', 'nats-2.conf'], { cwd: clusterDir });
    assert.equal(r.status, 1);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { origin: string }) => d.origin === 'cluster');
    assert.deepEqual(found.map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`), ['nats-1.conf:4 cluster-name', 'nats-2.conf:4 cluster-name']);
    const byGlob = runNatsConf(['check', '--format', 'json', '--nodes', 'nats-*.conf'], { cwd: clusterDir });
    assert.deepEqual(
      JSON.parse(byGlob.stdout).diagnostics.filter((d: { origin: string }) => d.origin === 'cluster').map((d: { file: string; code: string }) => `${d.file} ${d.code}`),
      ['nats-1.conf cluster-name', 'nats-2.conf cluster-name'],
    );
    const off = runNatsConf(['check', '--format', 'json', '--no-cluster', 'nats-1.conf', 'nats-2.conf'], { cwd: clusterDir });
    assert.equal(off.status, 0);
    assert.deepEqual(JSON.parse(off.stdout).diagnostics.filter((d: { origin: string }) => d.origin === 'cluster'), []);
  });
});
