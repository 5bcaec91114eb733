// What ships: the language server's npm package (packed as npm packs it, installed into an empty
// folder with no dependencies, and spoken to over stdio), the .vsix manifest's release fields,
// and the GitHub Actions problem matcher against the checker's real text output.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { spawn } from 'node:child_process';
import { REPO, runNatsConf } from '../support/cli';

describe('the language server as its own npm package', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-npm-package-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('packs bin/, the bundles and the licence only, and runs with nothing else installed', async () => {
    // As a publisher packs it: `npm pack` in server/, its prepack script (the build, the licence) included.
    const run = spawnSync('npm', ['pack', '--json', '--pack-destination', folder], {
      cwd: path.join(REPO, 'server'),
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const packed = JSON.parse(run.stdout);
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(
      files.filter((f) => !f.startsWith('dist/')),
      ['LICENSE.txt', 'README.md', 'bin/nats-conf.js', 'bin/nats-language-server.js', 'package.json'],
    );
    assert.deepEqual(
      files.filter((f) => f.startsWith('dist/')),
      ['dist/live.js', 'dist/nats-conf.js', 'dist/nats-language-server.js'],
    );
    execFileSync('tar', ['-xzf', path.join(folder, packed[0].filename), '-C', folder]);
    const pkg = path.join(folder, 'package');
    assert.equal(
      fs.readFileSync(path.join(pkg, 'LICENSE.txt'), 'utf8'),
      fs.readFileSync(path.join(REPO, 'LICENSE.txt'), 'utf8'),
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
    const version = spawnSync(process.execPath, [path.join(pkg, 'bin', 'nats-conf.js'), '--version'], {
      cwd: folder,
      encoding: 'utf8',
    });
    assert.equal(version.stdout, `nats-conf ${manifest.version}\n`);
    assert.deepEqual(manifest.bin, {
      'nats-conf': 'bin/nats-conf.js',
      'nats-language-server': 'bin/nats-language-server.js',
    });
    assert.equal(manifest.dependencies, undefined, 'the bundles need nothing installed beside them');
    assert.ok(!fs.existsSync(path.join(pkg, 'node_modules')));

    // The checker from the package, on the bundled example.
    const checked = spawnSync(
      process.execPath,
      [path.join(pkg, 'bin', 'nats-conf.js'), 'check', path.join(REPO, 'examples', 'cluster', 'nats-server-1.conf')],
      { cwd: folder, encoding: 'utf8' },
    );
    assert.equal(checked.status, 0, checked.stderr);
    assert.match(checked.stdout, /0 errors/);

    // The language server from the package, as Neovim or Helix start it.
    const child = spawn(process.execPath, [path.join(pkg, 'bin', 'nats-language-server.js'), '--stdio'], {
      cwd: folder,
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as { serverInfo: { name: string }; capabilities: Record<string, unknown> };
      assert.equal(init.serverInfo.name, 'nats-language-server');
      assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('release fields of the extension', () => {
  test('icon, categories, keywords, repository, walkthrough, changelog and licence are there', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.ok(fs.existsSync(path.join(REPO, manifest.icon)), manifest.icon);
    assert.ok(manifest.categories.includes('Programming Languages') && manifest.keywords.includes('nats'));
    assert.match(manifest.repository.url, /^https:\/\//);
    const steps = manifest.contributes.walkthroughs[0].steps as { media: { markdown: string }; description: string }[];
    assert.deepEqual(
      steps.map((s) => /command:([\w.]+)/.exec(s.description)?.[1]),
      ['workbench.action.quickOpen', 'nats.showTopology', 'nats.connect', 'nats.subscribe'],
    );
    for (const s of steps) assert.ok(fs.existsSync(path.join(REPO, s.media.markdown)), s.media.markdown);
    const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const s of steps)
      for (const [, c] of s.description.matchAll(/command:(nats\.[\w]+)/g)) assert.ok(commands.has(c), c);
    for (const f of ['CHANGELOG.md', 'LICENSE.txt', 'README.md'])
      assert.ok(fs.statSync(path.join(REPO, f)).size > 500, f);
    const ignore = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
    for (const f of ['!CHANGELOG.md', `!${manifest.icon}`, '!walkthrough/*.md']) assert.ok(ignore.includes(f), f);
  });
});

describe('the GitHub Actions problem matcher', () => {
  test('reads every line of the text output into file, line, column, severity, message and code', () => {
    const matcher = JSON.parse(
      fs.readFileSync(path.join(REPO, 'docs', 'github-actions', 'nats-conf-problem-matcher.json'), 'utf8'),
    ).problemMatcher[0].pattern[0];
    const re = new RegExp(matcher.regexp);
    const run = runNatsConf([
      'check',
      'test/e2e/workspace/nats-1.conf',
      'test/e2e/workspace/nats-2.conf',
      'test/e2e/workspace/nats-3.conf',
    ]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    assert.ok(findings.length >= 5);
    for (const line of findings) {
      const m = re.exec(line);
      assert.ok(m, line);
      assert.ok(fs.existsSync(path.join(REPO, m[matcher.file])), m[matcher.file]);
      assert.match(m[matcher.code], /^[a-z-]+$/);
    }
    assert.equal(re.exec(lines.at(-1)!), null, 'the summary line is not a finding');
    const fix = findings.map((l) => re.exec(l)!).find((m) => m[matcher.code] === 'duration-as-size')!;
    assert.deepEqual([fix[matcher.line], fix[matcher.column], fix[matcher.severity]], ['7', '16', 'error']);
  });
});
