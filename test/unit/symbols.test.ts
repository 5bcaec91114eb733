// The outline (document symbols) from the service.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open } from '../support/cursor';

describe('outline', () => {
  test('hierarchical symbols, users of a list named by their user', () => {
    const text =
      'server_name: n1\ncluster {\n  port: 6222\n  routes: [a, b]\n}\nauthorization { users: [ { user: alice } ] }\n';
    const { service, doc } = open(text);
    const symbols = service.symbols(doc);
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
});
