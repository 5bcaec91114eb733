// `nats-conf check` over a deployment: Kubernetes manifests, other YAML and `.conf` files given
// together. Findings inside a ConfigMap's `nats.conf: |` are reported at their YAML line; YAML files
// with nothing of NATS are skipped with a note on stderr (no finding, the exit status unchanged).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runNatsConf } from '../support/cli';
import { guideYaml } from '../support/guide';

let dir: string;
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  return name;
};
const run = (...args: string[]) => runNatsConf(args, { cwd: dir });
/** 1-based `line:column` of `needle` in `text`. */
const where = (text: string, needle: string) => {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
};

const WEB =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n' +
  '      containers:\n        - name: web\n          image: nginx:1.25\n';
const BROKEN_CM =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nats-config\ndata:\n  nats.conf: |\n' +
  '    port: 4222\n    prot: 4222\n';

describe('nats-conf check: a deployment', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-deploy-'));
    write('k8s/nats-configmap.yaml', guideYaml('nats-configmap.yaml'));
    write('k8s/web.yaml', WEB);
    write('k8s/typo.yaml', BROKEN_CM);
    write('k8s/broken.yml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    write('notes.md', '# Notes\n\nNothing about helm here.\n');
    write('nats-1.conf', 'host: 127.0.0.1\nserver_name: n1\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('YAML and .conf files together; a YAML with nothing of NATS skipped with a note', () => {
    const cm = guideYaml('nats-configmap.yaml');
    const r = run('check', 'k8s/nats-configmap.yaml', 'k8s/web.yaml', 'nats-1.conf', 'notes.md');
    assert.match(
      r.stdout,
      new RegExp(`^k8s/nats-configmap\\.yaml:${where(cm, 'port: 4222')}: warning: .*\\[no-authorization\\]$`, 'm'),
    );
    assert.doesNotMatch(r.stdout, /web\.yaml|notes\.md|variable-undefined/);
    assert.match(r.stderr, /^nats-conf: k8s\/web\.yaml: nothing of NATS in it .*skipped$/m);
    assert.match(r.stderr, /^nats-conf: notes\.md: no `helm install\|upgrade\|template … --set` line in it: skipped$/m);
    // The summary counts the files checked, not those skipped.
    assert.match(r.stdout, /in 2 files \(nats-server [\d.]+\)\n$/);
    assert.ok(r.status === 0 || /error:/.test(r.stdout), `exit ${r.status} without an error:\n${r.stdout}`);
  });

  test('a finding inside nats.conf: | is an error at its YAML line: exit 1, text and JSON', () => {
    const text = run('check', 'k8s/typo.yaml', 'k8s/web.yaml');
    assert.equal(text.status, 1, text.stdout + text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^k8s/typo\\.yaml:${where(BROKEN_CM, 'prot:')}: error: .*\\[unknown-key\\]$`, 'm'),
    );
    const json = run('check', '--format', 'json', 'k8s/typo.yaml', 'k8s/web.yaml');
    assert.equal(json.status, 1);
    const parsed = JSON.parse(json.stdout) as { diagnostics: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(parsed), ['diagnostics']);
    const unknown = parsed.diagnostics.find((d) => d.code === 'unknown-key');
    assert.deepEqual(unknown && [unknown.file, unknown.line, unknown.column], ['k8s/typo.yaml', 8, 5]);
    assert.deepEqual(Object.keys(unknown ?? {}), [
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'severity',
      'code',
      'message',
      'origin',
    ]);
  });

  test('only YAML with nothing of NATS: exit 0, nothing reported', () => {
    const r = run('check', 'k8s/web.yaml');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^0 errors, 0 warnings, 0 information in 0 files/);
    assert.match(r.stderr, /web\.yaml: nothing of NATS/);
  });

  test('YAML the reader refuses: yaml-syntax at its line, exit 1, no crash', () => {
    const r = run('check', 'k8s/broken.yml');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^k8s\/broken\.yml:5:\d+: error: YAML: .*\[yaml-syntax\]$/m);
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});
