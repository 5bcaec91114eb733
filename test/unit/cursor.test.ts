// The cursor marker of the feature tests (test/support/cursor.ts): a case that marks no
// place, or two, is a mistake in the test, said as such rather than answered at offset -1.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, cursorOffset } from '../support/cursor';

describe('the cursor marker', () => {
  test('is taken out of the text, its offset kept', () => {
    assert.deepEqual(cursorOffset('port: 42|22\n'), { text: 'port: 4222\n', offset: 8 });
    const { doc, offset, result } = at('po|rt: 4222\n');
    assert.deepEqual([doc.text, offset], ['port: 4222\n', 2]);
    assert.equal(result.model.root.tree.text, 'port: 4222\n');
  });

  test('missing, or there twice: a clear error', () => {
    assert.throws(() => at('port: 4222\n'), /no cursor marker '\|' in the config "port: 4222\\n"/);
    assert.throws(() => at('a: "x|y"\nport: |4222\n'), /the cursor marker '\|' appears more than once \(at 5 and 15\)/);
  });

  test('another marker for a config that holds a |', () => {
    const { doc, offset } = at('x: "a|b"\nport: 4^222\n', { marker: '^' });
    assert.deepEqual([doc.text, offset], ['x: "a|b"\nport: 4222\n', 16]);
    assert.throws(() => at('port: 4222\n', { marker: '' }), /cannot be empty/);
  });
});
