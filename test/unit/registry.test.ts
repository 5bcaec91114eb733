// The registry of finding codes against what is generated from it: the README's tables and the
// `nats.rules` setting's schema. Run `npm run docs` after changing the registry.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FINDING_CODES, FINDING_SECTIONS } from '../../server/src/service';
import { REPO, manifestWithRules, readmeWithTables } from '../../scripts/finding-docs';

describe('the registry of finding codes', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

  test("the README's tables are the registry's (npm run docs)", () => {
    assert.equal(readme, readmeWithTables(readme), 'README.md differs from the registry: run npm run docs');
  });

  test("package.json's nats.rules schema is the registry's (npm run docs)", () => {
    const manifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    assert.equal(manifest, manifestWithRules(manifest), 'package.json differs from the registry: run npm run docs');
    const rules = JSON.parse(manifest).contributes.configuration.properties['nats.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), Object.keys(FINDING_CODES).sort());
  });

  test('every code has a row with its anchor, in its section, once', () => {
    for (const [code, info] of Object.entries(FINDING_CODES)) {
      const rows = readme.split('\n').filter((line) => line.startsWith(`| <a id="code-${code}"></a>`));
      assert.equal(rows.length, 1, code);
      const sectionStart = readme.indexOf(`<!-- findings:${info.section}:start -->`);
      const sectionEnd = readme.indexOf(`<!-- findings:${info.section}:end -->`);
      const at = readme.indexOf(rows[0]);
      assert.ok(at > sectionStart && at < sectionEnd, `${code} is in the ${info.section} table`);
    }
  });

  test('entries are well formed: a summary of one line, releases in order, a known section', () => {
    for (const [code, info] of Object.entries(FINDING_CODES)) {
      assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/, code);
      assert.ok(info.summary.length > 10 && !info.summary.includes('\n') && !info.summary.includes('|'), code);
      assert.ok(info.origins.length > 0, code);
      assert.ok(info.section in FINDING_SECTIONS, code);
      const boundaries = info.boundaries ?? [];
      for (const release of boundaries) assert.match(release, /^2\.\d+\.\d+$/, `${code}: ${release}`);
      const sorted = [...boundaries].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      assert.deepEqual(boundaries, sorted, `${code}: boundaries in release order`);
    }
  });
});
