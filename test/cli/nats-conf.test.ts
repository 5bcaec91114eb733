// The `nats-conf` command, run as a user runs it: output formats, exit codes, bad input.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, REPO, runNatsConf } from '../support/cli';
import { freePort, startServer, type RunningServer } from '../support/nats-server';
import { routedNode } from '../support/configs';
import { createPki } from '../support/pki';

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
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 information in 1 file (nats-server 2.14.5)\n');
  });

  test('text: FILE:LINE:COL: SEVERITY: MESSAGE [CODE], then the summary; exit 1', () => {
    const r = run('check', '--server-version', '2.9', 'bad.conf', 'good.conf');
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      'bad.conf:3:14: error: Expected a map value terminator "," or a map terminator "}", ' +
        `but got 'n' instead. [syntax]\n` +
        '1 error, 0 warnings, 0 information in 2 files (nats-server 2.9.0)\n',
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
    assert.match(
      r.stdout,
      /^warn\.conf:2:14: warning: .* \[quoted-variable\]\n0 errors, 1 warning, 0 information in 1 file \(/,
    );
  });

  test("an included file's findings carry the included file's path", () => {
    const r = run('check', '--format', 'json', 'main.conf');
    const files = JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
    assert.deepEqual(files, ['conf.d/sub.conf syntax', 'main.conf include-errors']);
  });

  test('an unreadable file: one clear line, exit 2, the other files still checked, and the summary says so', () => {
    const r = run('check', 'missing.conf', 'bad.conf');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'nats-conf: cannot read missing.conf: no such file or directory\n');
    assert.match(r.stdout, /^bad\.conf:3:14/);
    assert.equal(
      r.stdout.split('\n').at(-2),
      '1 error, 0 warnings, 0 information in 1 file (nats-server 2.14.5); 1 file could not be read',
    );
    const d = run('check', 'conf.d');
    assert.equal(d.status, 2);
    assert.equal(d.stderr, 'nats-conf: cannot read conf.d: is a directory\n');
    assert.equal(
      d.stdout,
      '0 errors, 0 warnings, 0 information in 0 files (nats-server 2.14.5); 1 file could not be read\n',
    );
    const both = run('check', 'missing.conf', 'conf.d');
    assert.match(both.stdout, / in 0 files \(nats-server [\d.]+\); 2 files could not be read\n$/);
  });

  test(
    'a config piped in as /dev/stdin is read; an include of /dev/zero or /dev/stdin is refused with a finding, ' +
      'never read',
    () => {
      const piped = spawnSync(process.execPath, [CLI, 'check', '/dev/stdin'], {
        cwd: dir,
        input: 'host: 127.0.0.1\nmax_paylod: 1MB\n',
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(piped.status, 1);
      assert.match(piped.stdout, /^\/dev\/stdin:2:1: error: unknown field "max_paylod".*Did you mean 'max_payload'/);
      const up = '../'.repeat(dir.split('/').length);
      write('devices.conf', `host: 127.0.0.1\ninclude "${up}dev/zero"\ninclude "${up}dev/stdin"\n`);
      // stdin is a pipe kept open by the test: reading it would wait for ever.
      const r = spawnSync(process.execPath, [CLI, 'check', 'devices.conf'], {
        cwd: dir,
        input: undefined,
        stdio: ['pipe', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.error, undefined, 'answers without waiting');
      assert.equal(r.status, 1);
      assert.match(
        r.stdout,
        /^devices\.conf:2:10: error: .*dev\/zero: is a character device, not a regular file.* \[include-unreadable\]$/m,
      );
      assert.match(
        r.stdout,
        /^devices\.conf:3:10: error: .*dev\/stdin: is a (pipe|socket), not a regular file.* \[include-unreadable\]$/m,
      );
    },
  );

  test('json: an unreadable file is listed under "unreadable", beside the findings of the others', () => {
    const r = run('check', '--format', 'json', 'missing.conf', 'good.conf');
    assert.equal(r.status, 2);
    assert.deepEqual(JSON.parse(r.stdout), {
      diagnostics: [],
      unreadable: [{ file: 'missing.conf', message: 'no such file or directory' }],
    });
  });

  test('the summary counts information findings too', () => {
    write('info.conf', 'host: 127.0.0.1\nmax_payload: 16MB\n');
    const r = run('check', 'info.conf');
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      new RegExp(
        /^info\.conf:2:1: information: .* \[max-payload-large\]\n/.source +
          /0 errors, 0 warnings, 1 information in 1 file \(nats-server 2\.14\.5\)\n$/.source,
      ),
    );
  });

  test('usage problems exit 2 with the usage text, never a stack trace', () => {
    for (const args of [
      [],
      ['lint', 'x'],
      ['check'],
      ['check', '--format', 'xml', 'good.conf'],
      ['check', '--server-version', '1.2', 'good.conf'],
      ['check', '--bogus', 'good.conf'],
      ['check', '--format'],
    ]) {
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

  test(
    '--version and -V print the version of the package; --help the usage; ' + 'an unknown flag a short usage, exit 2',
    () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'server', 'package.json'), 'utf8'));
      for (const flag of ['--version', '-V'])
        assert.deepEqual(run(flag), { status: 0, stdout: `nats-conf ${version}\n`, stderr: '' }, flag);
      const help = run('--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^usage: nats-conf check .*\n[\s\S]*--server-version[\s\S]*nats-conf --version/);
      assert.equal(help.stderr, '');
      for (const [args, command] of [
        [['--bogus'], 'nats-conf'],
        [['check', '--bogus', 'good.conf'], 'nats-conf'],
        [['health', '--bogus'], 'nats-conf health'],
        [['drift', '--bogus', 'good.conf'], 'nats-conf drift'],
      ] as const) {
        const r = run(...args);
        assert.equal(r.status, 2, args.join(' '));
        assert.equal(r.stdout, '');
        const lines = r.stderr.split('\n');
        assert.deepEqual(
          [lines.length, lines[0], lines[2], lines[3]],
          [4, `${command}: unknown option '--bogus'`, `(${command} --help for more)`, ''],
          r.stderr,
        );
        assert.match(lines[1], /^usage: nats-conf (check|health|drift) /);
      }
    },
  );

  test('binary garbage: findings, no crash', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    write('garbage.conf', bytes);
    const r = run('check', '--format', 'json', 'garbage.conf');
    assert.equal(r.status, 1);
    assert.ok(JSON.parse(r.stdout).diagnostics.length > 0);
    assert.equal(r.stderr, '');
  });

  test('the bundled three-node example checks clean for 2.10 (the README’s main command)', () => {
    const r = runNatsConf(
      [
        'check',
        '--server-version',
        '2.10',
        'examples/cluster/nats-server-1.conf',
        'examples/cluster/nats-server-2.conf',
        'examples/cluster/nats-server-3.conf',
      ],
      { cwd: REPO },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('nats-conf with a running server: a reader that stops early, a config nats-server cannot read', () => {
  let server: RunningServer;
  let monitor: string;
  let liveDir: string;
  before(async () => {
    liveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-pipe-'));
    const httpPort = await freePort();
    server = await startServer((port) => `server_name: solo\nlisten: 127.0.0.1:${port}\nhttp: 127.0.0.1:${httpPort}\n`);
    monitor = `http://127.0.0.1:${httpPort}`;
    fs.writeFileSync(path.join(liveDir, 'solo.conf'), 'server_name: solo\nmax_payload: 2MB\n');
    // Thousands of findings: far more output than a pipe holds.
    fs.writeFileSync(
      path.join(liveDir, 'big.conf'),
      Array.from({ length: 5000 }, (_, i) => `unknown_${i}: 1\ntrace: true\n`).join(''),
    );
    fs.writeFileSync(path.join(liveDir, 'broken.conf'), 'server_name: solo\ncluster {\n  port: 6222 name: c\n}\n');
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(liveDir, { recursive: true, force: true });
  });

  /** `nats-conf ARGS | READER` through a real shell pipe; the status is nats-conf's own (pipefail). */
  const piped = (args: string[], reader: string) =>
    spawnSync('bash', ['--norc', '-c', `set -o pipefail; "$0" "$@" | ${reader}`, process.execPath, CLI, ...args], {
      cwd: liveDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  test('check | head -1: the first line, nothing on stderr, the exit status of the check', () => {
    const r = piped(['check', 'big.conf'], 'head -1');
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^big\.conf:1:1: error: .*\[unknown-key\]\n$/);
    assert.equal(r.status, 1);
  });

  test('health and drift into a reader that has gone: nothing on stderr', () => {
    const health = piped(['health', '--monitor', monitor], 'true');
    assert.deepEqual([health.stderr, health.status], ['', 0], 'a single node that answers is healthy');
    const drift = piped(['drift', '--monitor', monitor, 'solo.conf'], 'true');
    assert.deepEqual([drift.stderr, drift.status], ['', 1], 'max_payload differs');
    const json = piped(['check', '--format', 'json', 'big.conf'], 'head -c 10');
    assert.deepEqual([json.stderr, json.stdout], ['', '{"diagnost']);
  });

  test(
    'drift of a config nats-server cannot read: its errors as check prints them, exit 2, ' +
      'and the cluster is not asked',
    async () => {
      const requests = async () =>
        ((await (await fetch(`${monitor}/varz`)).json()) as { http_req_stats: Record<string, number> }).http_req_stats;
      const before = await requests();
      const r = runNatsConf(['drift', '--monitor', monitor, 'broken.conf', 'solo.conf'], { cwd: liveDir });
      const json = runNatsConf(['drift', '--format', 'json', '--monitor', monitor, 'broken.conf'], { cwd: liveDir });
      const after = await requests();
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.equal(
        r.stdout,
        'broken.conf:3:14: error: Expected a map value terminator "," or a map terminator "}", ' +
          `but got 'n' instead. [syntax]\n` +
          '1 error, 0 warnings, 0 information in 1 file (nats-server 2.14.5)\n',
      );
      assert.equal(r.stderr, 'nats-conf drift: nats-server cannot read broken.conf: fix its errors, then compare.\n');
      assert.equal(json.status, 2);
      assert.deepEqual(
        JSON.parse(json.stdout).diagnostics.map(
          (d: { file: string; line: number; code: string; origin: string }) =>
            `${d.file}:${d.line} ${d.code} ${d.origin}`,
        ),
        ['broken.conf:3 syntax server'],
      );
      assert.deepEqual(after, { ...before, '/varz': before['/varz'] + 1 }, 'only this test read the monitoring port');
    },
  );
});

describe('nats-conf check: --cwd and --disable', () => {
  let cwdDir: string;
  before(() => {
    cwdDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cwd-'));
    fs.mkdirSync(path.join(cwdDir, 'etc', 'certs'), { recursive: true });
    // A real pair: nats-server reads the files, and so does the check.
    const pki = createPki();
    const pair = pki.issue(pki.makeCa('CLI CA'), { cn: 'localhost', dns: ['localhost'] });
    pki.cleanup();
    fs.writeFileSync(path.join(cwdDir, 'etc', 'certs', 'a.pem'), pair.cert);
    fs.writeFileSync(path.join(cwdDir, 'etc', 'certs', 'a.key'), pair.key);
    fs.writeFileSync(
      path.join(cwdDir, 'etc', 'nats.conf'),
      'host: 127.0.0.1\ntrace: true\ntls {\n  cert_file: "certs/a.pem"\n  key_file: "certs/a.key"\n}\n',
    );
  });
  after(() => fs.rmSync(cwdDir, { recursive: true, force: true }));

  test('relative TLS paths resolve against --cwd, as nats-server started there would', () => {
    const fromRoot = runNatsConf(['check', '--format', 'json', 'etc/nats.conf'], { cwd: cwdDir });
    assert.deepEqual(
      JSON.parse(fromRoot.stdout).diagnostics.filter((d: { code: string }) => d.code === 'file-missing').length,
      2,
    );
    const fromEtc = runNatsConf(['check', '--format', 'json', '--cwd', 'etc', 'etc/nats.conf'], { cwd: cwdDir });
    assert.deepEqual(
      JSON.parse(fromEtc.stdout).diagnostics.filter((d: { code: string }) => d.code === 'file-missing'),
      [],
    );
    assert.equal(runNatsConf(['check', '--cwd', 'nope', 'etc/nats.conf'], { cwd: cwdDir }).status, 2);
  });

  test('--disable turns advice off by code', () => {
    const on = runNatsConf(['check', '--cwd', 'etc', 'etc/nats.conf'], { cwd: cwdDir });
    assert.match(on.stdout, /\[trace-enabled\]/);
    const off = runNatsConf(['check', '--cwd', 'etc', '--disable', 'trace-enabled,no-authorization', 'etc/nats.conf'], {
      cwd: cwdDir,
    });
    assert.doesNotMatch(off.stdout, /\[trace-enabled\]/);
    assert.equal(off.status, 0);
  });

  test('--disable with a code no finding has is refused, naming the nearest', () => {
    const typo = runNatsConf(['check', '--disable', 'trace-enabld', 'etc/nats.conf'], { cwd: cwdDir });
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /no finding has the code 'trace-enabld' \(did you mean 'trace-enabled'\?\)/);
    assert.equal(typo.stdout, '');
  });
});

describe('nats-conf check: files given together are the nodes of a cluster', () => {
  let clusterDir: string;
  before(() => {
    clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cluster-'));
    fs.writeFileSync(path.join(clusterDir, 'nats-1.conf'), routedNode('nats-1', 'east', 'nats-2'));
    fs.writeFileSync(path.join(clusterDir, 'nats-2.conf'), routedNode('nats-2', 'west', 'nats-1'));
  });
  after(() => fs.rmSync(clusterDir, { recursive: true, force: true }));

  test('findings of origin "cluster" in the json, and --no-cluster to skip them', () => {
    const r = runNatsConf(['check', '--format', 'json', 'nats-1.conf', 'nats-2.conf'], { cwd: clusterDir });
    assert.equal(r.status, 1);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { origin: string }) => d.origin === 'cluster');
    assert.deepEqual(
      found.map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`),
      ['nats-1.conf:4 cluster-name', 'nats-2.conf:4 cluster-name'],
    );
    const byGlob = runNatsConf(['check', '--format', 'json', '--nodes', 'nats-*.conf'], { cwd: clusterDir });
    assert.deepEqual(
      JSON.parse(byGlob.stdout)
        .diagnostics.filter((d: { origin: string }) => d.origin === 'cluster')
        .map((d: { file: string; code: string }) => `${d.file} ${d.code}`),
      ['nats-1.conf cluster-name', 'nats-2.conf cluster-name'],
    );
    const off = runNatsConf(['check', '--format', 'json', '--no-cluster', 'nats-1.conf', 'nats-2.conf'], {
      cwd: clusterDir,
    });
    assert.equal(off.status, 0);
    assert.deepEqual(
      JSON.parse(off.stdout).diagnostics.filter((d: { origin: string }) => d.origin === 'cluster'),
      [],
    );
  });

  test('a file the others include is read inside them, not as a node: its findings once, at its lines', () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-shared-'));
    try {
      const common = [
        'prot: 4222',
        'authorization { token: "a-long-enough-token-1234" }',
        'jetstream { store_dir: /data }',
        'cluster { name: oak, port: 6222, routes: [ nats://n1:6222, nats://n2:6222, nats://n3:6222 ] }',
        '',
      ].join('\n');
      fs.writeFileSync(path.join(shared, 'common.conf'), common);
      for (const n of ['n1', 'n2', 'n3'])
        fs.writeFileSync(path.join(shared, `${n}.conf`), `server_name: ${n}\ninclude ./common.conf\n`);
      const r = runNatsConf(['check', '--format', 'json', 'common.conf', 'n1.conf', 'n2.conf', 'n3.conf'], {
        cwd: shared,
      });
      // Read alone, common.conf would be a JetStream server without a server_name, and a fourth node.
      assert.deepEqual(
        JSON.parse(r.stdout).diagnostics.map(
          (d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`,
        ),
        ['common.conf:1 unknown-key'],
      );
    } finally {
      fs.rmSync(shared, { recursive: true, force: true });
    }
  });
});
