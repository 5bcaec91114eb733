// Reading a large document again after an edit from its last reading (reread.ts): only the
// innermost map or array around the edit is read anew. Every tree it gives must be the tree a
// reading of the whole new text gives; where it cannot be sure it gives none, and the whole text
// is read. Edits here are random but seeded (the same on every run).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { parseConfig } from '../../server/src/service/parser';
import { rereadTree } from '../../server/src/service/reread';
import { NEWEST_VERSION, OLDEST_VERSION, syntaxRules } from '../../server/src/service/versions';
import { randoms } from '../support/random';
import { memoryHost } from '../support/service';

const REPO = path.join(__dirname, '..', '..');

/** Every config of the repository's examples and test fixtures. */
function repositoryConfigs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.conf')) found.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(REPO, 'examples'));
  walk(path.join(REPO, 'test', 'fixtures'));
  return found;
}

/** A config with every kind of value, nested maps and arrays, comments and each separator. */
function variedConfig(blocks: number): string {
  const lines = ['server_name: varied', 'port = 4222', 'accounts {'];
  for (let a = 0; a < blocks; a++) {
    lines.push(
      `  ACC_${a}: {`,
      '    # the users of this account',
      '    users = [',
      `      { user: "u_${a}", password: 'pw ${a}', permissions: { publish: { allow: ["a.${a}.>", b] } } }`,
      `      {user = u2_${a}; password = "x\\ty"} // a comment`,
      '    ]',
      `    jetstream { max_mem: ${a}M, max_file: 1Gi, max_streams: -1; enabled: true }`,
      `    "quoted key": 2020-01-0${(a % 9) + 1}T00:00:00Z`,
      `    ratio: ${a}.5`,
      '    text: (',
      `      block ${a}`,
      ')',
      '    list: [1, 2k',
      '      3, [4, [5 ] ], {x: 1}]', // (a number right before `]` would be a finding)
      '  }',
    );
  }
  lines.push('}', 'cluster { name: c, port: 6222 }', '');
  return lines.join('\n');
}

const TYPED = ['a', ' ', '\n', '"', "'", '{', '}', '[', ']', ',', ':', '=', '#', '$x', 'include x', '1', '10k', 'true'];
const TYPED_TOO = ['\t', '//', 'user: "u"', '{ a: 1 }', '[1, 2]', ';', '\\', '-', '.', '2m', '(', ')', '\n)\n'];

/** An edit of `text`: a character or word typed, a few characters deleted or replaced, or a stretch pasted. */
function randomEdit(text: string, random: (n: number) => number): string {
  const at = random(text.length + 1);
  const words = [...TYPED, ...TYPED_TOO];
  switch (random(4)) {
    case 0:
      return text.slice(0, at) + words[random(words.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(8)));
    case 2:
      return text.slice(0, at) + words[random(words.length)] + text.slice(Math.min(text.length, at + random(4)));
    default: {
      const from = random(text.length + 1);
      return (
        text.slice(0, at) + text.slice(from, from + random(300)) + text.slice(Math.min(text.length, at + random(300)))
      );
    }
  }
}

/** A tree as plain data, for comparing: keys in order, big integers and dates as text. */
function plainTree(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainTree);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, plainTree(o[k])]),
    );
  }
  return value;
}

describe('reading a file again from its last reading', () => {
  test('every tree it gives is the tree of a whole reading, for random edits of many configs', () => {
    const texts = [...repositoryConfigs(), variedConfig(3), variedConfig(12)];
    assert.ok(texts.length >= 15, 'the repository holds example configs');
    const random = randoms(16);
    let edits = 0;
    let reread = 0;
    for (const version of [OLDEST_VERSION, NEWEST_VERSION]) {
      const rules = syntaxRules(version);
      for (const text of texts) {
        const last = parseConfig(text, rules);
        if (last.findings.length > 0 || last.hasReferences) continue; // the service reads these whole
        for (let n = 0; n < 60; n++) {
          const edited = randomEdit(text, random);
          edits++;
          const tree = rereadTree(last.tree, edited, rules);
          if (!tree) continue;
          reread++;
          const whole = parseConfig(edited, rules);
          assert.deepEqual(whole.findings, [], `a clean reading of the edit\n${edited}`);
          assert.deepEqual(plainTree(tree), plainTree(whole.tree), `the same tree\n${edited}`);
        }
      }
    }
    // Most random edits touch brackets, quotes or the top level, or break the file: read whole then.
    assert.ok(reread >= edits / 5, `${reread} of ${edits} edits read from the last reading`);
  });

  test('no tree where the edit is not inside one map or array, or breaks what it reads', () => {
    const rules = syntaxRules(NEWEST_VERSION);
    const text = 'a: 1\nm {\n  b: [1, 2 ]\n  c: "x"\n}\n';
    const last = parseConfig(text, rules).tree;
    assert.equal(rereadTree(last, text.replace('a: 1', 'a: 2'), rules), undefined, 'at the top level');
    assert.equal(rereadTree(last, text.replace('c: "x"', 'c: "x'), rules), undefined, 'a string left open');
    assert.equal(rereadTree(last, text.replace('c: "x"', 'c: "x"\n}'), rules), undefined, 'the map closed early');
    assert.equal(rereadTree(last, text.replace('m {', 'm {{'), rules), undefined, 'its bracket edited');
    const edited = text.replace('c: "x"', 'c: "y"\n  d: 10k');
    const inMap = rereadTree(last, edited, rules);
    assert.ok(inMap, 'an edit inside the map');
    assert.deepEqual(plainTree(inMap), plainTree(parseConfig(edited, rules).tree));
    assert.equal(inMap.root.entries[0], last.root.entries[0], 'what comes before it is the last reading’s');
  });

  test('versions read one from another and never looked at: each gives the tree of a whole reading', () => {
    // What follows an edit is moved lazily; a version read from one whose moved parts nobody read yet
    // moves them from where they were last read, however many versions ago.
    const rules = syntaxRules(NEWEST_VERSION);
    let text = variedConfig(60);
    let tree = parseConfig(text, rules).tree;
    const random = randoms(11);
    const versions: { text: string; tree: typeof tree }[] = [];
    for (let n = 0; n < 40; n++) {
      const written = `{ user: "u_${random(60)}", password: 'pw `;
      const anchor = text.indexOf("'", text.indexOf(written) + written.length);
      text = text.slice(0, anchor) + ['a', '\n', 'bc '][random(3)] + text.slice(anchor);
      const next = rereadTree(tree, text, rules);
      assert.ok(next, `version ${n} read from the last`);
      tree = next;
      versions.push({ text, tree });
    }
    // Looked at from the last one back: each the tree of its own text.
    for (const v of versions.reverse()) assert.deepEqual(plainTree(v.tree), plainTree(parseConfig(v.text, rules).tree));
  });

  test('a large document typed into: each check equals a fresh one; the text before the edit is not read again', () => {
    const service = createLanguageService({ host: memoryHost({}), incremental: true });
    const PATH = '/etc/nats/varied.conf';
    let text = variedConfig(400);
    assert.ok(text.length > 64 * 1024, 'large enough to be read again from its last reading');
    let previous = service.check({ path: PATH, text, version: 0 });
    const random = randoms(7);
    let reused = 0;
    for (let version = 1; version <= 30; version++) {
      // Typing into a password of one account's users list, at a random account.
      const written = `{ user: "u_${random(400)}", password: 'pw `;
      const anchor = text.indexOf("'", text.indexOf(written) + written.length);
      text = text.slice(0, anchor) + 'a1 '[random(3)] + text.slice(anchor);
      const result = service.check({ path: PATH, text, version });
      const freshly = createLanguageService({ host: memoryHost({}) }).check({ path: PATH, text, version });
      assert.deepEqual(result.diagnostics, freshly.diagnostics, `version ${version}`);
      assert.deepEqual(plainTree(result.model.root.tree), plainTree(freshly.model.root.tree));
      if (result.model.root.tree.root.entries[0] === previous.model.root.tree.root.entries[0]) reused++;
      previous = result;
    }
    assert.equal(reused, 30, 'each version read from the last');
    assert.ok(service.readsOnlyAroundEdits(PATH), 'the next reading, too, reads only around the edit');
    // An edit that breaks the file is read whole, and so is the one after it.
    text = text.replace('users = [', 'users = [[');
    const broken = service.check({ path: PATH, text, version: 31 });
    assert.notEqual(broken.model.root.tree.root.entries[0], previous.model.root.tree.root.entries[0]);
    assert.ok(broken.diagnostics.some((d) => d.severity === 'error'));
    assert.equal(service.readsOnlyAroundEdits(PATH), false, 'after a reading with a syntax error');
    service.check({ path: PATH, text: text.replace('users = [[', 'users = ['), version: 32 });
    assert.ok(service.readsOnlyAroundEdits(PATH), 'once a whole reading found nothing again');
  });

  test('which documents are read only around an edit: large, standing alone, found nothing', () => {
    const service = createLanguageService({ host: memoryHost({ '/etc/nats/part.conf': 'port: 4222\n' }) });
    const large = variedConfig(400);
    assert.equal(service.readsOnlyAroundEdits('/etc/nats/never-read.conf'), false, 'never read');
    service.read({ path: '/etc/nats/small.conf', text: 'port: 4222\n', version: 0 });
    assert.equal(service.readsOnlyAroundEdits('/etc/nats/small.conf'), false, 'small: read whole, in no time');
    service.read({ path: '/etc/nats/large.conf', text: large, version: 0 });
    assert.ok(service.readsOnlyAroundEdits('/etc/nats/large.conf'));
    service.read({ path: '/etc/nats/includes.conf', text: `include part.conf\n${large}`, version: 0 });
    assert.equal(service.readsOnlyAroundEdits('/etc/nats/includes.conf'), false, 'with an include');
    service.read({ path: '/etc/nats/variable.conf', text: `P: 4222\nport: $P\n${large}`, version: 0 });
    assert.equal(service.readsOnlyAroundEdits('/etc/nats/variable.conf'), false, 'with a $reference');
    service.forget('/etc/nats/large.conf');
    assert.equal(service.readsOnlyAroundEdits('/etc/nats/large.conf'), false, 'forgotten');
  });
});
