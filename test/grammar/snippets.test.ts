// Every snippet, expanded with its default texts, is a config the checker accepts for the
// newest release: no syntax error and no unknown key.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { check } from '../support/service';
import { REPO } from '../support/cli';

/** `${1:text}` → text, `$1`/`$0` → '', `\\$` → `$`. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/(?<!\\)\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

const snippets: Record<string, { prefix: string; body: string[] }> = JSON.parse(
  fs.readFileSync(path.join(REPO, 'snippets', 'nats-conf.json'), 'utf8'),
);

describe('snippets', () => {
  const wanted = [
    'node',
    'cluster',
    'cluster-authorization',
    'tls',
    'authorization',
    'jetstream',
    'monitoring',
    'tuning',
    'leafnodes',
    'gateway',
    'websocket',
    'mqtt',
  ];
  test('every block of the setup guide has one, and leaf nodes, gateway, websocket and mqtt too', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.deepEqual(
      wanted.filter((w) => !prefixes.includes(w)),
      [],
    );
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${name}: expands to a config without syntax errors or unknown keys`, () => {
      let text = expand(snippet.body) + '\n';
      // Snippets for blocks that live inside another one are checked in place.
      if (snippet.prefix === 'cluster-authorization') text = `cluster {\n${text}}\n`;
      if (snippet.prefix === 'permissions')
        text = `authorization {\n  users: [\n    { user: a, password: b\n${text}    }\n  ]\n}\n`;
      const bad = check(text).diagnostics.filter((d) =>
        ['syntax', 'unknown-key', 'value-type', 'option-version'].includes(d.code),
      );
      assert.deepEqual(
        bad.map((d) => `${d.code}: ${d.message}`),
        [],
        text,
      );
    });
  }
});
