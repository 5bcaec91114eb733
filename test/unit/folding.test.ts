// Folding ranges from the service.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open } from '../support/cursor';

describe('folding', () => {
  test('blocks over several lines and runs of comments', () => {
    const { service, doc } = open('# a\n# b\ncluster {\n  routes: [\n    x\n  ]\n}\n');
    assert.deepEqual(
      service.folding(doc).map((f) => [f.startLine, f.endLine, f.kind]),
      [
        [0, 1, 'comment'],
        [2, 5, 'region'],
        [3, 4, 'region'],
      ],
    );
  });
});
