// Formatting from the service: indentation and trailing blanks only, and the separator option.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FormattingOptions } from '../../server/src/service';
import { open } from '../support/cursor';
import { applyEdits } from '../support/textEdits';

const edits = (text: string, options: FormattingOptions) => {
  const { service, doc } = open(text);
  return service.format(doc, options);
};
const formatted = (text: string, insertSpaces = true) => applyEdits(text, edits(text, { tabSize: 2, insertSpaces }));

describe('formatting', () => {
  test('indents by depth, trims trailing blanks, keeps comments, blank lines, quotes and separators', () => {
    const text = 'server_name: n1   \ncluster {\nname = c\n\n      routes: [\n nats://a:1 # first\n    ]\n  }\n';
    assert.equal(
      formatted(text),
      'server_name: n1\ncluster {\n  name = c\n\n  routes: [\n    nats://a:1 # first\n  ]\n}\n',
    );
    assert.equal(
      formatted(text, false),
      'server_name: n1\ncluster {\n\tname = c\n\n\troutes: [\n\t\tnats://a:1 # first\n\t]\n}\n',
    );
  });

  test('is idempotent, never touches multi-line strings, and leaves broken files alone', () => {
    const text = 'a {\n b: "one\n   two  "\n}\n';
    const once = formatted(text);
    assert.equal(once, 'a {\n  b: "one\n   two  "\n}\n');
    assert.equal(formatted(once), once);
    assert.deepEqual(edits('a {\n b: 1 c: 2\n}\n', { tabSize: 2, insertSpaces: true }), []);
  });
});

describe('formatting: the separator option', () => {
  test("':' writes key: value for values (blocks keep `key {`); '=' likewise; keep leaves them", () => {
    const text = 'port 4222\nhost = "a"\ndebug:   true\ncluster {\n  name c\n}\n';
    const run = (separator: ':' | '=' | 'keep', input = text) =>
      applyEdits(input, edits(input, { tabSize: 2, insertSpaces: true, separator }));
    assert.equal(run(':'), 'port: 4222\nhost: "a"\ndebug: true\ncluster {\n  name: c\n}\n');
    assert.equal(run('='), 'port = 4222\nhost = "a"\ndebug = true\ncluster {\n  name = c\n}\n');
    assert.equal(run('keep'), text);
    assert.equal(run(':', run(':')), run(':'));
  });
});
