// bin/nats-conf.js starts the bundle from V8's code cache: the cache must never change a result,
// whatever is in its folder (nothing, a stale or damaged file, a folder others may write to).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../support/cli';

let dir: string;
let pkg: string;
let cacheHome: string;
const cacheDir = () => path.join(cacheHome, 'nats-conf');
const cacheFiles = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).sort() : []);
const bundle = () => path.join(pkg, 'dist', 'nats-conf.js');

/** The copied package's command, with its cache under `home`. */
function run(args: string[], home = cacheHome) {
  const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'nats-conf.js'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_CACHE_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the code cache of nats-conf', () => {
  let expected: { status: number | null; stdout: string; stderr: string };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-cache-'));
    // A copy of the built package: the test rewrites its bundle.
    pkg = path.join(dir, 'pkg');
    fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.copyFileSync(path.join(REPO, 'server', 'bin', 'nats-conf.js'), path.join(pkg, 'bin', 'nats-conf.js'));
    fs.copyFileSync(path.join(REPO, 'server', 'dist', 'nats-conf.js'), bundle());
    fs.writeFileSync(
      path.join(dir, 'n.conf'),
      'host: 127.0.0.1\nserver_name: "$NAME"\ncluster {\n  port: 6222 name: c\n}\n',
    );
    cacheHome = path.join(dir, 'cache');
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    expected = run(['check', 'n.conf'], path.join(dir, 'not-a-folder', 'x'));
    assert.equal(expected.status, 1, expected.stderr);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('without a usable cache folder: the same result, nothing said', () => {
    assert.deepEqual(run(['check', 'n.conf'], path.join(dir, 'not-a-folder', 'x')), expected);
    assert.deepEqual(run(['check', 'n.conf'], 'relative/cache'), expected);
  });

  test('a check writes the cache; later runs read it and agree', () => {
    assert.equal(run(['--version']).stdout, 'nats-conf 0.1.0\n');
    assert.deepEqual(cacheFiles(), [], 'only a check writes it');
    assert.deepEqual(run(['check', 'n.conf']), expected);
    const [file] = cacheFiles();
    assert.match(file, /^nats-conf-[0-9a-f]{32}\.v8$/);
    assert.equal(fs.statSync(path.join(cacheDir(), file)).mode & 0o077, 0);
    assert.deepEqual(run(['check', 'n.conf']), expected);
    assert.equal(run(['check', '--format', 'json', 'n.conf']).status, 1);
    assert.deepEqual(cacheFiles(), [file]);
  });

  test("a changed bundle never runs from the old one's cache", () => {
    run(['check', 'n.conf']);
    const before = cacheFiles();
    // The same length, another content: what V8's own check of the source cannot tell apart.
    const text = fs.readFileSync(bundle(), 'utf8');
    assert.ok(text.includes('version:"0.1.0"'));
    fs.writeFileSync(bundle(), text.replace('version:"0.1.0"', 'version:"9.9.9"'));
    try {
      assert.equal(run(['--version']).stdout, 'nats-conf 9.9.9\n');
      assert.deepEqual(run(['check', 'n.conf']), expected);
      assert.equal(run(['--version']).stdout, 'nats-conf 9.9.9\n');
      const now = cacheFiles();
      assert.equal(now.length, 1, 'the old cache is removed');
      assert.notDeepEqual(now, before);
    } finally {
      fs.writeFileSync(bundle(), text);
    }
  });

  test('a damaged cache file is ignored, then replaced', () => {
    run(['check', 'n.conf']);
    const [file] = cacheFiles();
    const cached = path.join(cacheDir(), file);
    const good = fs.readFileSync(cached);
    for (const damaged of [Buffer.alloc(0), good.subarray(0, good.length >> 1), Buffer.from('not a code cache')]) {
      fs.writeFileSync(cached, damaged);
      assert.deepEqual(run(['check', 'n.conf']), expected);
      assert.deepEqual(run(['check', 'n.conf']), expected);
    }
  });

  test('a cache folder others may write to is not used', { skip: process.platform === 'win32' }, () => {
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(path.join(shared, 'nats-conf'), { recursive: true });
    fs.chmodSync(path.join(shared, 'nats-conf'), 0o777);
    assert.deepEqual(run(['check', 'n.conf'], shared), expected);
    assert.deepEqual(fs.readdirSync(path.join(shared, 'nats-conf')), []);
  });
});
