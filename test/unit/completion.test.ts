// Completion from the service: each case is a config with `|` marking the cursor, and what the
// editor must offer there.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, type OpenOptions } from '../support/cursor';

const labels = (marked: string, options: OpenOptions = {}) => {
  const { service, doc, offset } = at(marked, options);
  return service.complete(doc, offset).map((i) => i.label);
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
    assert.ok(labels('cluster {\n  |\n}\n', { version: '2.10' }).includes('pool_size'));
    assert.ok(
      !labels('cluster {\n  |\n}\n', { version: '2.9' }).includes('pool_size'),
      'pool_size does not exist in 2.9',
    );
  });

  test('inside a broken file (unclosed block, a syntax error above)', () => {
    assert.ok(labels('port: 4222 5\njetstream {\n  store_dir: "/data"\n  |').includes('max_file_store'));
  });

  test('in blocks inside lists: a user of authorization.users', () => {
    const got = labels('authorization {\n  users: [\n    { user: a, | }\n  ]\n}\n');
    assert.ok(got.includes('password') && got.includes('permissions'));
  });

  test('values: enum words, booleans, quoted durations', () => {
    assert.ok(labels('cluster {\n  compression: |\n}\n', { version: '2.10' }).includes('s2_fast'));
    assert.deepEqual(labels('debug: |\n'), ['true', 'false']);
    assert.deepEqual(labels('ping_interval: |\n'), ['"10s"', '"30s"', '"2m"', '"1h"']);
  });

  test('$variables defined before the cursor in the enclosing maps', () => {
    assert.deepEqual(labels('PORT: 4222\ncluster {\n  P: 6222\n  port: $|\n}\nLATER: 1\n'), ['$P', '$PORT']);
  });
});

describe('completion of file paths', () => {
  test("for *_file options: the folders and files under nats-server's working directory", () => {
    const files = { 'certs/server.pem': 'x', 'certs/ca/root.pem': 'x' };
    const { service, doc, offset } = at('tls {\n  cert_file: "certs/|"\n}\n', { files });
    const items = service.complete(doc, offset);
    assert.deepEqual(
      items.filter((i) => i.detail === 'file' || i.detail === 'folder').map((i) => [i.label, i.insertText]),
      [
        ['ca/', '"certs/ca/'],
        ['server.pem', '"certs/server.pem"'],
      ],
    );
  });
});
