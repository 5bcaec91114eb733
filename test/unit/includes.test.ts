// `include`: paths as nats-server joins them, merging, and the failures it cannot report.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_INCLUDE_DEPTH, createLanguageService, includeTarget, type MapNode } from '../../server/src/service';
import { nodeHost } from '../../server/src/node/nodeHost';
import { check, entry, errors, plain, reading, where } from '../support/service';

describe('include', () => {
  test('paths are joined onto the including file’s folder, also absolute ones', () => {
    assert.equal(includeTarget('conf/main.conf', 'sub.conf'), 'conf/sub.conf');
    assert.equal(includeTarget('conf/main.conf', '../x.conf'), 'x.conf');
    assert.equal(includeTarget('/etc/nats/abs.conf', '/etc/nats/sub/auth.conf'), '/etc/nats/etc/nats/sub/auth.conf');
  });

  test('nested includes are relative to the nested file', () => {
    const r = check('include conf.d/a.conf\n', {
      files: { 'conf.d/a.conf': 'include b.conf\n', 'conf.d/b.conf': 'port: 4222\n' },
    });
    assert.deepEqual(reading(r), []);
    assert.deepEqual(
      r.model.files.map((f) => f.path),
      ['main.conf', 'conf.d/a.conf', 'conf.d/b.conf'],
    );
  });

  test('included keys land where the include stands, and are visible to later references', () => {
    const r = check('cluster {\n  include cluster.conf\n  port: $P\n}\n', {
      files: { 'cluster.conf': 'P: 6222\nname: c\n' },
    });
    assert.deepEqual(errors(r), []);
    const cluster = entry(r.model.root.tree.root, 'cluster')!.value as MapNode;
    const include = cluster.entries[0];
    assert.equal(include.kind, 'include');
    const included = r.model.includes.get(include as never)!;
    assert.equal(included.target, 'cluster.conf');
    assert.deepEqual(plain(included.file!.tree.root), { P: 6222, name: 'c' });
    const [binding] = [...r.model.bindings.values()];
    assert.equal(binding.kind === 'key' && binding.definition.file, 'cluster.conf');
  });

  test('an included file does not see the includer’s variables', () => {
    const r = check('P: 4222\ninclude sub.conf\n', { files: { 'sub.conf': 'port: $P\n' } });
    assert.deepEqual(
      reading(r).map((d) => `${d.file} ${where(d)}`),
      ['main.conf 2:1 include-errors', 'sub.conf 1:7 variable-undefined'],
    );
  });

  test('a missing file', () => {
    const [d] = errors(check('include nope.conf\n'));
    assert.equal(where(d), '1:9 include-unreadable');
    assert.equal(d.message, "error parsing include file 'nope.conf', open nope.conf: no such file or directory");
  });

  test('a missing file: what it would set is not known, so nothing is called missing beside it', () => {
    const codes = (text: string, files: Record<string, string> = {}) =>
      check(text, { files }).diagnostics.map((d) => d.code);
    // A script writes shared.conf before the server starts (operator, accounts): not "no authorization".
    assert.deepEqual(codes('port: 4222\ninclude ./shared.conf\n'), ['include-unreadable']);
    const leaf = 'include ./nsc.conf\nleafnodes { remotes: [ { url: "nats://hub:7422", account: "ACC" } ] }\n';
    assert.deepEqual(codes(leaf), ['include-unreadable']);
    // Read, and still without either: both reported.
    assert.deepEqual(codes('port: 4222\ninclude ./shared.conf\n', { 'shared.conf': 'debug: true\n' }), [
      'no-authorization',
    ]);
    assert.ok(codes(leaf, { 'nsc.conf': 'debug: true\n' }).includes('startup-leafnodes'));
  });

  test('findings inside an included file carry its path; the include line says so too', () => {
    const r = check('include sub.conf\n', { files: { 'sub.conf': 'port: 4222\nhost: "a\\qb"\n' } });
    assert.deepEqual(
      errors(r).map((d) => `${d.file} ${where(d)}`),
      ['main.conf 1:1 include-errors', 'sub.conf 2:10 syntax'],
    );
    assert.match(errors(r)[0].message, /sub\.conf has errors \(line 2: Invalid escape character 'q'/);
  });

  test('a file that includes itself is a cycle, reported at the include', () => {
    const [d] = errors(check('port: 1\ninclude ./main.conf\n'));
    assert.equal(where(d), '2:1 include-cycle');
    assert.match(d.message, /include cycle: main\.conf → main\.conf/);
  });

  test('a cycle through several files', () => {
    const r = check('include a.conf\n', { files: { 'a.conf': 'include b.conf\n', 'b.conf': 'include main.conf\n' } });
    const cycle = reading(r).find((d) => d.code === 'include-cycle');
    assert.equal(cycle?.file, 'b.conf');
    assert.match(cycle!.message, /main\.conf → a\.conf → b\.conf → main\.conf/);
  });

  test('a chain deeper than the limit is cut and reported', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_INCLUDE_DEPTH + 5; i++) files[`f${i}.conf`] = `include f${i + 1}.conf\n`;
    const r = check('include f0.conf\n', { files });
    assert.ok(r.diagnostics.some((d) => d.code === 'include-depth'));
    assert.ok(r.model.files.length <= MAX_INCLUDE_DEPTH + 2);
  });

  test('an absolute include path gets a warning that says which file nats-server opens', () => {
    const r = check('include /etc/nats/auth.conf\n', { files: { 'etc/nats/auth.conf': 'debug: true\n' } });
    const warning = r.diagnostics.find((d) => d.code === 'include-absolute');
    assert.match(warning!.message, /opens 'etc\/nats\/auth\.conf'/);
    assert.deepEqual(errors(r), []);
  });

  test('a file included twice is read once', () => {
    const r = check('include s.conf\ncluster { include s.conf }\n', { files: { 's.conf': 'x: "a\\qb"\n' } });
    assert.equal(r.model.files.length, 2);
    assert.equal(reading(r).filter((d) => d.file === 's.conf').length, 1);
  });
});

// Includes read from disk (the host the CLI and the language server use): only regular
// files are read, so a device or pipe cannot make the checker read forever or block.
describe('include of what is not a regular file (real files)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-include-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const checkOnDisk = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return createLanguageService({ host: nodeHost({}, dir) }).check({ path: file, text });
  };
  const up = '../'.repeat(dir.split('/').length);

  for (const device of ['/dev/zero', '/dev/urandom']) {
    test(`${device} is refused with a finding, not read`, () => {
      const r = checkOnDisk('device.conf', `port: 4222\ninclude "${up}${device.slice(1)}"\n`);
      const [d] = r.diagnostics.filter((x) => x.code === 'include-unreadable');
      assert.ok(d, 'include-unreadable reported');
      assert.equal(d.severity, 'error');
      assert.equal(d.range.start.line, 1);
      assert.match(d.message, /is a character device, not a regular file/);
    });
  }

  test('a symbolic link to /dev/zero is refused too', () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero-link'));
    const r = checkOnDisk('link.conf', 'include "zero-link"\n');
    assert.match(r.diagnostics.find((x) => x.code === 'include-unreadable')?.message ?? '', /character device/);
  });

  test('a named pipe is refused without opening it (opening would wait for a writer)', () => {
    const fifo = path.join(dir, 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo: nothing to test
    const r = checkOnDisk('fifo.conf', 'include "pipe"\n');
    assert.match(
      r.diagnostics.find((x) => x.code === 'include-unreadable')?.message ?? '',
      /is a pipe, not a regular file/,
    );
  });

  test('/dev/stdin, whatever it is, never reads the process input: a pipe or socket is refused', () => {
    // The language server's stdin is its LSP input: run a check in a child whose stdin is a pipe kept open.
    const script = `
      const { createLanguageService } = require(${JSON.stringify(path.resolve('server/src/service'))});
      const { nodeHost } = require(${JSON.stringify(path.resolve('server/src/node/nodeHost'))});
      const text = 'include "${up}dev/stdin"\\n';
      const r = createLanguageService({ host: nodeHost({}, ${JSON.stringify(dir)}) })
        .check({ path: ${JSON.stringify(path.join(dir, 'stdin.conf'))}, text: text });
      console.log(JSON.stringify(r.diagnostics.map((d) => d.code + ': ' + d.message)));
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      input: undefined,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30_000,
      encoding: 'utf8',
    });
    assert.equal(child.error, undefined, 'the check answers (does not wait on stdin)');
    assert.match(child.stdout, /include-unreadable: .*is a (pipe|socket), not a regular file/);
  });

  test('/dev/null reads as empty, as nats-server reads it', () => {
    const r = checkOnDisk('null.conf', `port: 4222\ninclude "${up}dev/null"\n`);
    assert.deepEqual(
      r.diagnostics.filter((x) => x.code.startsWith('include')),
      [],
    );
  });

  test('a directory: nats-server’s own words', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    const r = checkOnDisk('dir.conf', 'include "sub"\n');
    assert.match(r.diagnostics.find((x) => x.code === 'include-unreadable')?.message ?? '', /: is a directory$/);
  });
});
