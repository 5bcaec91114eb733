// How each value is read: every row is `x: <input>` and what nats-server makes of it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entry, parse, plain } from '../support/service';

type Expect = { kind: string; value: unknown; quote?: string } | { error: RegExp; code?: string };

function readValue(input: string, version?: string) {
  const r = parse(`x: ${input}\n`, version);
  const e = entry(r.tree.root, 'x');
  return { value: e?.value, findings: r.findings };
}

function expectValue(input: string, expected: Expect, version?: string): void {
  const { value, findings } = readValue(input, version);
  if ('error' in expected) {
    const hit = findings.find((f) => f.severity === 'error' && expected.error.test(f.message));
    assert.ok(
      hit,
      `x: ${input} → expected an error ${expected.error}, got ${JSON.stringify(findings.map((f) => f.message))}`,
    );
    if (expected.code) assert.equal(hit.code, expected.code);
    return;
  }
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error'),
    [],
    `x: ${input} → no error expected`,
  );
  assert.equal(value?.kind, expected.kind, `x: ${input} → kind`);
  assert.deepEqual(plain(value), expected.value, `x: ${input} → value`);
  if (expected.quote) assert.equal(value?.kind === 'string' && value.quote, expected.quote);
}

const rows: [string, Expect][] = [
  // strings
  ['"double"', { kind: 'string', value: 'double', quote: 'double' }],
  ["'single'", { kind: 'string', value: 'single', quote: 'single' }],
  ['unquoted', { kind: 'string', value: 'unquoted', quote: 'none' }],
  ['"a\\tb\\nc\\rd\\"e\\\\f"', { kind: 'string', value: 'a\tb\nc\rd"e\\f' }],
  ['"\\x41\\x7a"', { kind: 'string', value: 'Az' }],
  ["'raw\\nkept'", { kind: 'string', value: 'raw\\nkept' }],
  ['"$NOT_EXPANDED"', { kind: 'string', value: '$NOT_EXPANDED' }],
  ['"multi\nline"', { kind: 'string', value: 'multi\nline' }],
  ['a=b', { kind: 'string', value: 'a=b' }],
  ['nats://u:p@h:4222', { kind: 'string', value: 'nats://u:p@h:4222' }],
  ['foo#bar', { kind: 'string', value: 'foo#bar' }],
  ['foo #bar', { kind: 'string', value: 'foo' }],
  ['foo//bar', { kind: 'string', value: 'foo//bar' }],
  ['C:\\\\data', { kind: 'string', value: 'C:\\data' }],
  ['C:\\data', { error: /Invalid escape character 'd'/ }],
  ['"\\u0041"', { error: /Invalid escape character 'u'/ }],
  ['"\\xZZ"', { error: /two hexadecimal digits after '\\x', but got 'ZZ'/ }],
  ["foo'bar", { error: /top-level value to end .* but got 'b'/ }],
  ['"never closed', { error: /Unexpected EOF: the "-quoted string opened on line 1/ }],
  // booleans
  ['true', { kind: 'bool', value: true }],
  ['TRUE', { kind: 'bool', value: true }],
  ['Yes', { kind: 'bool', value: true }],
  ['on', { kind: 'bool', value: true }],
  ['false', { kind: 'bool', value: false }],
  ['No', { kind: 'bool', value: false }],
  ['OFF', { kind: 'bool', value: false }],
  ['y', { kind: 'string', value: 'y' }],
  ['nil', { kind: 'string', value: 'nil' }],
  ['true1', { kind: 'string', value: 'true1' }],
  ['"true"', { kind: 'string', value: 'true' }],
  // integers and sizes
  ['10', { kind: 'integer', value: 10 }],
  ['007', { kind: 'integer', value: 7 }],
  ['-10', { kind: 'integer', value: -10 }],
  ['9223372036854775807', { kind: 'integer', value: Number(9223372036854775807n) }],
  ['9223372036854775808', { error: /integer '9223372036854775808' is out of the range/ }],
  ['1k', { kind: 'integer', value: 1000 }],
  ['1K', { kind: 'integer', value: 1000 }],
  ['1kb', { kind: 'integer', value: 1024 }],
  ['1KiB', { kind: 'integer', value: 1024 }],
  ['2m', { kind: 'integer', value: 2_000_000 }],
  ['30M', { kind: 'integer', value: 30_000_000 }],
  ['64MB', { kind: 'integer', value: 64 * 1024 * 1024 }],
  ['1Gi', { kind: 'integer', value: 2 ** 30 }],
  ['10GiB', { kind: 'integer', value: 10 * 2 ** 30 }],
  ['1g', { kind: 'integer', value: 1e9 }],
  ['2t', { kind: 'integer', value: 2e12 }],
  ['1TB', { kind: 'integer', value: 2 ** 40 }],
  ['1p', { kind: 'integer', value: 1e15 }],
  ['1Pi', { kind: 'integer', value: 2 ** 50 }],
  ['1e', { kind: 'integer', value: 1e18 }],
  ['-1k', { kind: 'integer', value: -1000 }],
  ['1kbb', { error: /size suffix 'kbb'.*drops this key/, code: 'size-suffix' }],
  ['1mbi', { error: /drops this key/, code: 'size-suffix' }],
  ['10e', { error: /does not fit in 64 bits/, code: 'number-overflow' }],
  // digit-first words that are strings
  ['10s', { kind: 'string', value: '10s' }],
  ['500ms', { kind: 'string', value: '500ms' }],
  ['2h45m', { kind: 'string', value: '2h45m' }],
  ['1d', { kind: 'string', value: '1d' }],
  ['0x10', { kind: 'string', value: '0x10' }],
  ['1_000', { kind: 'string', value: '1_000' }],
  ['1b', { kind: 'string', value: '1b' }],
  ['2ms', { kind: 'string', value: '2ms' }],
  ['1kx', { kind: 'string', value: '1kx' }],
  ['4222abc', { kind: 'string', value: '4222abc' }],
  // errors from digit-first words
  ['1e5', { error: /but got '5' instead/ }],
  ['1m30s', { error: /but got '3' instead/ }],
  ['1kB2', { error: /but got '2' instead/ }],
  ['.5', { error: /^Floats must start with a digit$/ }],
  ['-.5', { error: /Floats must start with a digit, not '\.'/ }],
  ['5.', { error: /Floats must have a digit after the '\.', but got '\\n'/ }],
  ['1.5k', { error: /but got 'k' instead/ }],
  ['1.5e3', { error: /but got 'e' instead/ }],
  ['-', { error: /Expected a digit but got '\\n'/ }],
  ['-5abc', { error: /but got 'a' instead/ }],
  ['1-node', { error: /All ISO8601 dates must be in full Zulu form/ }],
  ['12-34', { error: /All ISO8601 dates must be in full Zulu form/ }],
  ['2024-node', { error: /Expected digit in ISO8601 datetime, but found 'n'/ }],
  // floats, IPs, dates
  ['1.5', { kind: 'float', value: 1.5 }],
  ['-2.25', { kind: 'float', value: -2.25 }],
  ['127.0.0.1', { kind: 'string', value: '127.0.0.1' }],
  ['10.0.0.1:4222', { kind: 'string', value: '10.0.0.1:4222' }],
  ['0.0.0.0:-1', { kind: 'string', value: '0.0.0.0:-1' }],
  ['1.2.3', { kind: 'string', value: '1.2.3' }],
  ['1.2.3a', { error: /but got 'a' instead/ }],
  ['2024-01-02T03:04:05Z', { kind: 'datetime', value: '2024-01-02T03:04:05.000Z' }],
  ['2024-01-02', { error: /Expected 'T' in ISO8601 datetime, but found '\\n'/ }],
  ['2024-01-02T03:04:05+01:00', { error: /Expected 'Z' in ISO8601 datetime, but found '\+'/ }],
  ['2024-13-01T00:00:00Z', { error: /expected Zulu formatted DateTime/, code: 'datetime' }],
  // block strings
  ['(\n  l1\n  l2\n)', { kind: 'string', value: '\n  l1\n  l2\n' }],
  ['(\n  never closed', { error: /Unexpected EOF processing block/ }],
  // variables and bcrypt
  ['$2a$11$abcdefghijklmnopqrstuv', { kind: 'variable', value: '$2a$11$abcdefghijklmnopqrstuv' }],
  // containers
  ['[1, 2 ]', { kind: 'array', value: [1, 2] }],
  [
    '[1, "two", three, 4.0, true, {k: v}, [x]]',
    { kind: 'array', value: [1, 'two', 'three', 4, true, { k: 'v' }, ['x']] },
  ],
  ['[a, b, ]', { kind: 'array', value: ['a', 'b'] }],
  ['[]', { kind: 'array', value: [] }],
  ['{}', { kind: 'map', value: {} }],
  ['{a: 1, b = 2; c 3}', { kind: 'map', value: { a: 1, b: 2, c: 3 } }],
  ['[1k]', { kind: 'array', value: ['1k'] }],
  ['[a; b]', { error: /array value terminator "," or an array terminator "\]", but got ';'/ }],
  ['[, a]', { error: /Unexpected array value terminator ','/ }],
  ['{ a: 1 b: 2 }', { error: /map value terminator "," or a map terminator "\}", but got 'b'/ }],
  ['[::1]:4222', { error: /but got ':' instead/ }],
];

describe('values, as nats-server reads them', () => {
  for (const [input, expected] of rows) {
    test(`x: ${JSON.stringify(input)}`, () => expectValue(input, expected));
  }
});

describe('reference §1.14: the lexer traps', () => {
  test('an integer right before ] swallows the bracket: reported where it happens, and the tree recovers', () => {
    const r = parse('routes: [1, 2]\nport: 4222\n');
    const quirk = r.findings.find((f) => f.code === 'integer-before-bracket');
    assert.ok(quirk, 'the quirk is reported');
    assert.deepEqual([quirk.span.start, quirk.span.end], [12, 14]); // `2]`
    assert.ok(
      r.findings.some((f) => f.code === 'syntax' && f.origin === 'server'),
      'nats-server fails later: reported too',
    );
    assert.deepEqual(plain(entry(r.tree.root, 'routes')?.value), [1, 2]);
    assert.deepEqual(plain(entry(r.tree.root, 'port')?.value), 4222);
  });

  test('ping_interval: 2m is the number 2,000,000', () => {
    const r = parse('ping_interval: 2m\n');
    const v = entry(r.tree.root, 'ping_interval')?.value;
    assert.equal(v?.kind, 'integer');
    assert.equal(v?.kind === 'integer' && v.value, 2_000_000);
    assert.equal(v?.kind === 'integer' && v.suffix, 'm');
  });

  test('1kbb: nats-server drops the key silently; we report it and keep the key without a value', () => {
    const r = parse('max_payload: 1kbb\nport: 4222\n');
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].code, 'size-suffix');
    assert.equal(r.findings[0].origin, 'lint');
    assert.equal(entry(r.tree.root, 'max_payload')?.value, undefined);
    assert.equal(plain(entry(r.tree.root, 'port')?.value), 4222);
  });

  test('include with a colon is an ordinary key', () => {
    const r = parse('include: x.conf\n');
    assert.equal(r.tree.root.entries[0].kind, 'keyValue');
    assert.equal(plain(entry(r.tree.root, 'include')?.value), 'x.conf');
  });

  test('include is a keyword in any case, when followed by white space', () => {
    const r = parse('INCLUDE "a b.conf"\ncluster {\n  Include c.conf\n}\n');
    const top = r.tree.root.entries[0];
    assert.equal(top.kind, 'include');
    assert.equal(top.kind === 'include' && top.path, 'a b.conf');
    const cluster = entry(r.tree.root, 'cluster')?.value;
    assert.equal(cluster?.kind === 'map' && cluster.entries[0].kind, 'include');
  });

  test('a quoted include path keeps its spaces; an unquoted one ends at a blank', () => {
    const r = parse("include 'with space.conf'\ninclude plain.conf # comment\n");
    assert.deepEqual(
      r.tree.root.entries.map((e) => e.kind === 'include' && e.path),
      ['with space.conf', 'plain.conf'],
    );
  });

  test('a hostname starting with digits and a dash must be quoted', () => {
    assert.ok(parse('server_name: 1-node\n').findings.some((f) => /full Zulu form/.test(f.message)));
    assert.deepEqual(parse('server_name: "1-node"\n').findings, []);
  });
});
