// Completion, hover, symbols and folding from the service. Each case is a config with `|`
// marking the cursor, and what the editor must offer there.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeActions, complete, definition, documentLinks, documentSymbols, foldingRanges, format, hover, renameVariable, selectionSpans } from '../../server/src/service';
import { check } from '../support/service';

function at(marked: string, version?: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { r: check(text, { version }), offset };
}
const labels = (marked: string, version?: string) => {
  const { r, offset } = at(marked, version);
  return complete(r.model, offset).map((i) => i.label);
};
const hoverText = (marked: string) => {
  const { r, offset } = at(marked);
  return hover(r.model, offset)?.contents;
};

describe('completion', () => {
  test('keys of the block at the cursor: cluster options inside cluster, not top-level ones', () => {
    const got = labels('cluster {\n  name: c\n  |\n}\n');
    assert.ok(got.includes('routes') && got.includes('port') && got.includes('tls'));
    assert.ok(!got.includes('server_name') && !got.includes('jetstream'));
    assert.ok(!got.includes('name'), 'keys already set are not offered again');
  });

  test('top-level keys at the top level, for the chosen release', () => {
    assert.ok(labels('|\n').includes('server_name'));
    assert.ok(labels('cluster {\n  |\n}\n', '2.10').includes('pool_size'));
    assert.ok(!labels('cluster {\n  |\n}\n', '2.9').includes('pool_size'), 'pool_size does not exist in 2.9');
  });

  test('inside a broken file (unclosed block, a syntax error above)', () => {
    assert.ok(labels('port: 4222 5\njetstream {\n  store_dir: "/data"\n  |').includes('max_file_store'));
  });

  test('in blocks inside lists: a user of authorization.users', () => {
    const got = labels('authorization {\n  users: [\n    { user: a, | }\n  ]\n}\n');
    assert.ok(got.includes('password') && got.includes('permissions'));
  });

  test('values: enum words, booleans, quoted durations', () => {
    assert.ok(labels('cluster {\n  compression: |\n}\n', '2.10').includes('s2_fast'));
    assert.deepEqual(labels('debug: |\n'), ['true', 'false']);
    assert.deepEqual(labels('ping_interval: |\n'), ['"10s"', '"30s"', '"2m"', '"1h"']);
  });

  test('$variables defined before the cursor in the enclosing maps', () => {
    assert.deepEqual(labels('PORT: 4222\ncluster {\n  P: 6222\n  port: $|\n}\nLATER: 1\n'), ['$P', '$PORT']);
  });
});

describe('hover', () => {
  test('a key: description, type, default, releases, docs', () => {
    const text = hoverText('cluster {\n  pool_|size: 3\n}\n')!;
    assert.match(text, /^\*\*pool_size\*\* \(cluster\)/);
    assert.match(text, /\*\*Available:\*\* since nats-server 2\.10\.0/);
    assert.match(text, /\*\*Default:\*\*/);
    assert.match(text, /\[Documentation\]\(https:\/\/docs\.nats\.io\//);
  });

  test('a size in bytes; the 2m trap; a duration in words', () => {
    assert.equal(hoverText('jetstream { max_memory_store: 1G|i }\n'), '`1Gi` = 1,073,741,824 bytes (binary: Gi is a power of 1024).');
    assert.match(hoverText('ping_interval: 2|m\n')!, /2,000,000: a size, not a duration\. As ping_interval it means 2,000,000 seconds \(about 23 days\)/);
    assert.equal(hoverText('write_deadline: "1|0s"\n'), 'A duration of 10 seconds.');
  });

  test('a $reference: its value and where it is defined', () => {
    assert.equal(hoverText('PORT: 4222\nport: $P|ORT\n'), '`$PORT` = `4222`, defined in this file on line 1.');
  });
});

describe('outline', () => {
  test('hierarchical symbols, users of a list named by their user', () => {
    const { r } = at('server_name: n1|\ncluster {\n  port: 6222\n  routes: [a, b]\n}\nauthorization { users: [ { user: alice } ] }\n');
    const symbols = documentSymbols(r.model.root.tree);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]),
      [
        ['server_name', 'setting', []],
        ['cluster', 'block', ['port', 'routes']],
        ['authorization', 'block', ['users']],
      ],
    );
    assert.equal(symbols[2].children[0].children[0].detail, 'alice');
  });

  test('folding: blocks over several lines and runs of comments', () => {
    const { r } = at('# a\n# b\ncluster {\n  routes: [\n    x\n  ]\n}\n|');
    assert.deepEqual(
      foldingRanges(r.model.root.tree, r.model.root.lines).map((f) => [f.startLine, f.endLine, f.kind]),
      [
        [0, 1, 'comment'],
        [2, 5, 'region'],
        [3, 4, 'region'],
      ],
    );
  });
});

function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe('quick fixes', () => {
  const fixesFor = (text: string) => {
    const r = check(text);
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    return { r, actions: codeActions(r.model.root, r.diagnostics, whole) };
  };

  test('a misspelled key becomes the known one', () => {
    const { actions } = fixesFor('host: 127.0.0.1\nmax_paylod: 1MB\n');
    const fix = actions.find((a) => a.title === "Change to 'max_payload'")!;
    assert.equal(applyEdits('host: 127.0.0.1\nmax_paylod: 1MB\n', fix.edits), 'host: 127.0.0.1\nmax_payload: 1MB\n');
  });

  test('an unquoted 2m gets quoted; integer seconds become a duration', () => {
    const text = 'host: 127.0.0.1\nping_interval: 2m\nwrite_deadline: 30\n';
    const { actions } = fixesFor(text);
    const all = actions.filter((a) => a.preferred).flatMap((a) => a.edits);
    assert.equal(applyEdits(text, all), 'host: 127.0.0.1\nping_interval: "2m"\nwrite_deadline: "30s"\n');
  });

  test('any finding can be silenced on its line, keeping the indentation', () => {
    const text = 'host: 127.0.0.1\ncluster {\n  foo: 1\n}\n';
    const { actions } = fixesFor(text);
    const silence = actions.find((a) => a.title === "Silence 'unknown-key' on this line")!;
    const fixed = applyEdits(text, silence.edits);
    assert.equal(fixed, 'host: 127.0.0.1\ncluster {\n  # nats-conf-disable-next-line unknown-key\n  foo: 1\n}\n');
    assert.deepEqual(check(fixed).diagnostics.filter((d) => d.code === 'unknown-key'), []);
  });
});

describe('navigation', () => {
  test('a $reference goes to the key that defines it; an include to its file', () => {
    const { r, offset } = at('PORT: 4222\nport: $PO|RT\ninclude other.conf\n');
    assert.deepEqual(definition(r.model, offset), { file: 'main.conf', span: { start: 0, end: 4 } });
    const withInclude = check('include other.conf\n', { files: { 'other.conf': 'debug: true\n' } });
    assert.equal(definition(withInclude.model, 10)?.file, 'other.conf');
  });

  test('links for includes and for certificate files', () => {
    const r = check('include sub.conf\ntls { cert_file: "certs/a.pem", key_file: /etc/k.pem }\n', { files: { 'sub.conf': '' } });
    assert.deepEqual(documentLinks(r.model).map((l) => l.target).sort(), ['/etc/k.pem', 'certs/a.pem', 'sub.conf']);
  });
});

describe('formatting', () => {
  const formatted = (text: string, insertSpaces = true) => applyEdits(text, format(check(text).model.root, { tabSize: 2, insertSpaces }));

  test('indents by depth, trims trailing blanks, keeps comments, blank lines, quotes and separators', () => {
    const text = 'server_name: n1   \ncluster {\nname = c\n\n      routes: [\n nats://a:1 # first\n    ]\n  }\n';
    assert.equal(formatted(text), 'server_name: n1\ncluster {\n  name = c\n\n  routes: [\n    nats://a:1 # first\n  ]\n}\n');
    assert.equal(formatted(text, false), 'server_name: n1\ncluster {\n\tname = c\n\n\troutes: [\n\t\tnats://a:1 # first\n\t]\n}\n');
  });

  test('is idempotent, never touches multi-line strings, and leaves broken files alone', () => {
    const text = 'a {\n b: "one\n   two  "\n}\n';
    const once = formatted(text);
    assert.equal(once, 'a {\n  b: "one\n   two  "\n}\n');
    assert.equal(formatted(once), once);
    assert.deepEqual(format(check('a {\n b: 1 c: 2\n}\n').model.root, { tabSize: 2, insertSpaces: true }), []);
  });
});

describe('rename', () => {
  test('a variable: its key and every reference', () => {
    const text = 'PORT: 4222\nport: $PORT\ncluster { port: $PORT }\n';
    const r = check(text);
    const edits = renameVariable(r.model, text.indexOf('$PORT') + 2, 'CLIENT_PORT')!;
    assert.deepEqual(
      edits.map((e) => [text.slice(e.span.start, e.span.end), e.newText]),
      [
        ['PORT', 'CLIENT_PORT'],
        ['$PORT', '$CLIENT_PORT'],
        ['$PORT', '$CLIENT_PORT'],
      ],
    );
    assert.equal(renameVariable(r.model, text.indexOf('$PORT') + 2, 'not a name'), undefined);
  });
});

describe('selection ranges', () => {
  test('from the value outward to the whole file', () => {
    const { r, offset } = at('cluster {\n  routes: [\n    nats://a:6|222\n  ]\n}\n');
    const { text } = r.model.root.tree;
    assert.deepEqual(
      selectionSpans(r.model.root.tree, offset).map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ')),
      ['nats://a:6222', '[ nats://a:6222 ]', 'routes: [ nats://a:6222 ]', '{ routes: [ nats://a:6222 ] }', 'cluster { routes: [ nats://a:6222 ] }', text.replace(/\s+/g, ' ')],
    );
  });
});

describe('related places', () => {
  test('an unterminated string: where it opens; a duplicate key: the one kept; an include: its first error', () => {
    const unterminated = check('a: "open\nport: 1\n').diagnostics.find((d) => d.code === 'syntax')!;
    assert.deepEqual(unterminated.related, [{ file: 'main.conf', range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, message: 'the string opens here' }]);
    const duplicate = check('port: 1\nport: 2\n').diagnostics.find((d) => d.code === 'duplicate-key')!;
    assert.deepEqual(duplicate.related?.map((r) => r.range.start.line), [1]);
    const include = check('include sub.conf\n', { files: { 'sub.conf': 'port: 1\nx: "a\\qb"\n' } }).diagnostics.find((d) => d.code === 'include-errors')!;
    assert.deepEqual(include.related?.map((r) => [r.file, r.range.start.line]), [['sub.conf', 1]]);
  });
});

describe('quick fix: a certificate without its key', () => {
  test('reported as nats-server does, with the key_file line added next to cert_file', () => {
    const text = 'host: 127.0.0.1\ntls {\n  cert_file: "/etc/nats/server.pem"\n}\n';
    const r = check(text, { files: { '/etc/nats/server.pem': 'x' } });
    const d = r.diagnostics.find((x) => x.code === 'tls-pair')!;
    assert.match(d.message, /^missing 'key_file' in TLS configuration/);
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const fix = codeActions(r.model.root, r.diagnostics, whole).find((a) => a.title === 'Add key_file')!;
    assert.equal(applyEdits(text, fix.edits), 'host: 127.0.0.1\ntls {\n  cert_file: "/etc/nats/server.pem"\n  key_file: "/etc/nats/server-key.pem"\n}\n');
  });
});

describe('completion of file paths', () => {
  test('for *_file options: the folders and files under nats-server\'s working directory', () => {
    const marked = 'tls {\n  cert_file: "certs/|"\n}\n';
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const r = check(text, { files: { 'certs/server.pem': 'x', 'certs/ca/root.pem': 'x' } });
    const items = complete(r.model, offset);
    assert.deepEqual(items.filter((i) => i.detail === 'file' || i.detail === 'folder').map((i) => [i.label, i.insertText]), [
      ['ca/', '"certs/ca/'],
      ['server.pem', '"certs/server.pem"'],
    ]);
  });
});

describe('formatting: the separator option', () => {
  test("':' writes key: value for values (blocks keep `key {`); '=' likewise; keep leaves them", () => {
    const text = 'port 4222\nhost = "a"\ndebug:   true\ncluster {\n  name c\n}\n';
    const run = (separator: ':' | '=' | 'keep') => applyEdits(text, format(check(text).model.root, { tabSize: 2, insertSpaces: true, separator }));
    assert.equal(run(':'), 'port: 4222\nhost: "a"\ndebug: true\ncluster {\n  name: c\n}\n');
    assert.equal(run('='), 'port = 4222\nhost = "a"\ndebug = true\ncluster {\n  name = c\n}\n');
    assert.equal(run('keep'), text);
    assert.equal(applyEdits(run(':'), format(check(run(':')).model.root, { tabSize: 2, insertSpaces: true, separator: ':' })), run(':'));
  });
});
