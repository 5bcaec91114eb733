// The extension package: what `npm run package` puts in the .vsix, and a manifest that
// registers the language without claiming every .conf file.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO } from '../support/cli';

describe('the VS Code extension package', () => {
  test(
    'the .vsix holds the manifest, both bundles, the grammar, the snippets, the icon, ' +
      'the walkthrough, the changelog, and nothing else',
    () => {
      const r = spawnSync(
        process.execPath,
        [path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
        { cwd: REPO, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n').sort(), [
        'CHANGELOG.md',
        'LICENSE.txt',
        'README.md',
        'client/dist/extension.js',
        'images/icon.png',
        'language-configuration.json',
        'package.json',
        'server/dist/nats-language-server.js',
        'snippets/nats-conf.json',
        'syntaxes/nats-conf.tmLanguage.json',
        'walkthrough/check-cluster.md',
        'walkthrough/connect.md',
        'walkthrough/open-config.md',
        'walkthrough/publish.md',
      ]);
    },
  );

  test('the manifest: language, grammar, snippets and settings; NATS file names only', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const [language] = manifest.contributes.languages;
    assert.equal(language.id, 'nats-conf');
    assert.ok(!language.extensions, 'no claim on every .conf file');
    const matches = (name: string) =>
      language.filenamePatterns.some((p: string) =>
        new RegExp(
          '^' +
            p
              .replace(/\./g, '\\.')
              .replace(/\*\*\//g, '(.*/)?')
              .replace(/\*/g, '[^/]*') +
            '$',
        ).test(name),
      );
    assert.ok(
      [
        'etc/nats/nats-1.conf',
        'nats.conf',
        'nats-server.conf',
        'conf/nats-2.conf',
        'x/cluster.nats.conf',
        'deploy/nats/leaf.conf',
      ].every(matches),
    );
    assert.ok(!['etc/nginx/nginx.conf', 'supervisord.conf', 'etc/resolv.conf'].some(matches));
    assert.equal(manifest.contributes.grammars[0].language, 'nats-conf');
    assert.equal(manifest.contributes.snippets[0].language, 'nats-conf');
    assert.ok(manifest.contributes.configuration.properties['nats.serverVersion']);
    assert.ok(fs.existsSync(path.join(REPO, manifest.main)), 'the client bundle is built');
  });
});
