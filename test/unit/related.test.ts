// Related places of a finding: where the editor points besides the finding itself.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open } from '../support/cursor';

const finding = (text: string, code: string, files?: Record<string, string>) =>
  open(text, { files }).result.diagnostics.find((d) => d.code === code)!;

describe('related places', () => {
  test('an unterminated string: where it opens; a duplicate key: the one kept; an include: its first error', () => {
    const unterminated = finding('a: "open\nport: 1\n', 'syntax');
    assert.deepEqual(unterminated.related, [
      {
        file: 'main.conf',
        range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } },
        message: 'the string opens here',
      },
    ]);
    const duplicate = finding('port: 1\nport: 2\n', 'duplicate-key');
    assert.deepEqual(
      duplicate.related?.map((r) => r.range.start.line),
      [1],
    );
    const include = finding('include sub.conf\n', 'include-errors', { 'sub.conf': 'port: 1\nx: "a\\qb"\n' });
    assert.deepEqual(
      include.related?.map((r) => [r.file, r.range.start.line]),
      [['sub.conf', 1]],
    );
  });
});
