// The tree: structure, exact positions, recovery in broken files, version differences,
// and robustness against any input.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, keySpan, type MapNode } from '../../server/src/service';
import { check, entry, errors, parse, plain, reading, valueAt, where } from '../support/service';

describe('structure', () => {
  test('every separator form, comments and terminators give the same map', () => {
    const forms = [
      'port: 4222\ndebug: true\n',
      'port = 4222\ndebug = true\n',
      'port 4222\ndebug true\n',
      'port: 4222; debug: true;\n',
      'port: 4222, debug: true\n',
      '# c\nport: 4222 # c\n// c\ndebug: true // c\n',
      'port\n4222\ndebug\ntrue\n',
      '{ "port": 4222, "debug": true }\n',
    ];
    for (const text of forms) {
      const r = parse(text);
      assert.deepEqual(r.findings, [], text);
      assert.deepEqual(plain(r.tree.root), { port: 4222, debug: true }, text);
    }
  });

  test('maps and arrays nest freely, with commas or newlines', () => {
    const r = parse('a {\n  b: [ 1, { c: [x, y]\n d: {} } ]\n  e { f: g }\n}\n');
    assert.deepEqual(r.findings, []);
    assert.deepEqual(plain(valueAt(r.tree.root, 'a.e')), { f: 'g' });
    const b = valueAt(r.tree.root, 'a.b');
    assert.equal(b?.kind, 'array');
    assert.deepEqual(plain(b?.kind === 'array' ? b.items[1] : undefined), { c: ['x', 'y'], d: {} });
  });

  test('keys keep their case and quotes are not part of them', () => {
    const r = parse('Max_Payload: 1\n"a b": 2\n\'c\': 3\n');
    assert.deepEqual(
      r.tree.root.entries.map((e) => e.kind === 'keyValue' && [e.key, e.keyQuoted]),
      [
        ['Max_Payload', false],
        ['a b', true],
        ['c', true],
      ],
    );
  });

  test('duplicate keys are kept in order (the last one wins in nats-server)', () => {
    const r = parse('a: 1\na: 2\n');
    assert.equal(r.tree.root.entries.length, 2);
    assert.equal(plain(entry(r.tree.root, 'a')?.value), 2);
  });

  test('comments are collected with their text', () => {
    const r = parse('# one\nport: 1 // two\n');
    assert.deepEqual(
      r.tree.comments.map((c) => [c.text, r.tree.text.slice(c.start, c.end)]),
      [
        [' one', '# one'],
        [' two', '// two'],
      ],
    );
  });
});

describe('positions', () => {
  const text = 'server_name: nats-1\ncluster {\n  routes: [\n    nats://a:6222\n  ]\n}\n';
  const r = parse(text);
  const lines = new LineIndex(text);
  const cluster = entry(r.tree.root, 'cluster')!;
  const routes = entry(cluster.value as MapNode, 'routes')!;

  test('keys and values know their exact range', () => {
    assert.deepEqual(lines.range(keySpan(cluster)), {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 7 },
    });
    assert.deepEqual(lines.range(keySpan(routes)), {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 8 },
    });
    const route = routes.value?.kind === 'array' ? routes.value.items[0] : undefined;
    assert.deepEqual(lines.range(route!), { start: { line: 3, character: 4 }, end: { line: 3, character: 17 } });
    assert.equal(text[routes.separator!], ':');
  });

  test('an entry spans from its key to the end of its value, containers to their closer', () => {
    assert.equal(
      text.slice(cluster.start, cluster.end),
      text.slice(text.indexOf('cluster'), text.lastIndexOf('}') + 1),
    );
    assert.equal(text.slice(routes.start, routes.end), 'routes: [\n    nats://a:6222\n  ]');
  });

  test('quoted values include their quotes, offsets count UTF-16 units', () => {
    const t = 'a: "é😀"\nb: 1\n';
    const p = parse(t);
    const a = entry(p.tree.root, 'a')!.value!;
    assert.equal(t.slice(a.start, a.end), '"é😀"');
    assert.deepEqual(new LineIndex(t).position(entry(p.tree.root, 'b')!.start), { line: 1, character: 0 });
  });

  test('CRLF files: positions per line, values without the CR', () => {
    const t = 'port: 4222\r\nhost: a\r\n';
    const p = parse(t);
    assert.deepEqual(plain(p.tree.root), { port: 4222, host: 'a' });
    assert.deepEqual(new LineIndex(t).position(entry(p.tree.root, 'host')!.start), { line: 1, character: 0 });
  });

  test('errors point at the offending character', () => {
    assert.deepEqual(errors(check('port: 4222\ncluster { port: 6222 name: x }\n')).map(where), ['2:22 syntax']);
    assert.deepEqual(errors(check('a: "x\\qy"\n')).map(where), ['1:7 syntax']);
    // A line break that ends a value too early: the diagnostic sits at the end of that line.
    assert.deepEqual(errors(check('port:\nhost: a\n')).map(where), ['1:6 syntax']);
  });
});

describe('recovery: a usable tree after a mistake', () => {
  test('a stray token: the error, then the rest of the file', () => {
    const r = parse('port: 4222 5\nhost: 0.0.0.0\ncluster { port: 6222 }\n');
    assert.equal(r.findings.length, 1);
    assert.deepEqual(plain(r.tree.root), { port: 4222, host: '0.0.0.0', cluster: { port: 6222 } });
  });

  test('two values on one map line: the rest of the map survives', () => {
    const r = parse('cluster {\n  port: 6222 name: x\n  routes: [a]\n}\ndebug: true\n');
    assert.equal(r.findings.length, 1);
    assert.deepEqual(plain(r.tree.root), { cluster: { port: 6222, routes: ['a'] }, debug: true });
  });

  test('a missing } at the end: the map is kept, open, with its keys', () => {
    const r = parse('cluster {\n  port: 6222\n  name: c\n');
    assert.match(r.findings[0].message, /Unexpected EOF processing map/);
    const cluster = entry(r.tree.root, 'cluster')!.value as MapNode;
    assert.equal(cluster.closed, false);
    assert.deepEqual(plain(cluster), { port: 6222, name: 'c' });
  });

  test('a missing ] inside a map: keys after it still in the tree', () => {
    const r = parse('cluster {\n  routes: [ a\n  port: 6222\n}\nhost: h\n');
    assert.ok(r.findings.length >= 1);
    assert.equal(plain(entry(r.tree.root, 'host')?.value), 'h');
  });

  test('an unterminated string ends with its line, and the keys after it are read', () => {
    const r = parse('a: "oops\nport: 4222\ncluster { name: c }\n');
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0].message, /opened on line 1 is never closed/);
    assert.deepEqual(plain(r.tree.root), { a: 'oops', port: 4222, cluster: { name: 'c' } });
  });

  test('a key being typed (no value yet) keeps the keys around it', () => {
    const r = parse('cluster {\n  port: \n  name: c\n}\n');
    const cluster = entry(r.tree.root, 'cluster')!.value as MapNode;
    assert.deepEqual(
      cluster.entries.map((e) => e.kind === 'keyValue' && [e.key, e.value?.kind]),
      [
        ['port', undefined],
        ['name', 'string'],
      ],
    );
  });

  test('a key with no value before } is reported (nats-server silently files the map under it)', () => {
    const r = parse('cluster { name }\n');
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.origin]),
      [['missing-value', 'lint']],
    );
  });

  test('a dangling key at the end: an error from 2.9.22/2.10 on, silent before', () => {
    const newer = check('port: 4222\ndebug', { version: '2.10' });
    assert.deepEqual(
      errors(newer).map((d) => [d.code, d.origin]),
      [['dangling-key', 'server']],
    );
    const older = check('port: 4222\ndebug', { version: '2.9.10' });
    assert.deepEqual(errors(older), []);
    assert.deepEqual(
      reading(older).map((d) => d.code),
      ['dangling-key'],
    );
  });

  test('top-level braces: skipped before 2.10.16, a block with its own rules after', () => {
    assert.deepEqual(plain(parse('{ port: 4222 }\n', '2.9').tree.root), { port: 4222 });
    assert.deepEqual(plain(parse('{ port: 4222 }\n', '2.11').tree.root), { port: 4222 });
    assert.deepEqual(
      parse('{ port: 4222 } x\n', '2.9').findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.match(parse('{ port: 4222 x }\n', '2.11').findings[0].message, /block-level value to end/);
  });

  test('an empty file: a warning from 2.9.22/2.10 on', () => {
    assert.deepEqual(
      reading(check('', { version: '2.10' })).map((d) => [d.code, d.severity]),
      [['empty-config', 'warning']],
    );
    assert.deepEqual(reading(check('# only a comment\n', { version: '2.9' })), []);
  });

  test('a byte-order mark is reported: nats-server reads it into the first key', () => {
    assert.deepEqual(errors(check('\ufeffport: 4222\n')).map(where), ['1:1 byte-order-mark']);
  });
});

describe('robustness', () => {
  test('100,000 nested { do not overflow the stack', () => {
    const n = 100_000;
    const deep = 'a {'.repeat(n) + '}'.repeat(n) + '\n';
    const r = check(deep);
    assert.deepEqual(errors(r), []);
    let depth = 0;
    let node = r.model.root.tree.root;
    while (node.entries.length > 0) {
      const next = (node.entries[0] as { value?: MapNode }).value!;
      node = next;
      depth++;
    }
    assert.equal(depth, n);
    const unclosed = check('a {'.repeat(n));
    assert.deepEqual(
      errors(unclosed).map((d) => d.code),
      ['syntax'],
    );
    const arrays = check('x: ' + '['.repeat(n) + ']'.repeat(n) + '\n');
    assert.ok(arrays.model.root.tree.root.entries.length === 1);
  });

  test('any byte sequence: never throws, always ends', () => {
    // A fixed-seed generator, biased towards the characters the lexer cares about.
    let seed = 0x2545f491;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = [
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '"',
      "'",
      '\\',
      ':',
      '=',
      ';',
      ',',
      '#',
      '/',
      '$',
      '-',
      '.',
      '\n',
      '\r',
      ' ',
      '\t',
      '\0',
      'a',
      'k',
      'b',
      'i',
      '1',
      '2',
      'include ',
      'x',
      'é',
      '😀',
      '\ufeff',
      'T',
      'Z',
    ];
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rnd() * 80);
      let text = '';
      for (let j = 0; j < len; j++)
        text +=
          rnd() < 0.1 ? String.fromCharCode(Math.floor(rnd() * 0x3000)) : alphabet[Math.floor(rnd() * alphabet.length)];
      const r = check(text, { env: { HOME: '/root' } });
      for (const d of r.diagnostics) {
        assert.ok(d.range.start.line <= d.range.end.line, JSON.stringify(text));
        assert.ok(d.message.length > 0);
      }
    }
  });
});
