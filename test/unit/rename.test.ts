// Renaming a variable through the service.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at } from '../support/cursor';

describe('rename', () => {
  test('a variable: its key and every reference', () => {
    const { service, doc, offset } = at('PORT: 4222\nport: $P|ORT\ncluster { port: $PORT }\n');
    const edits = service.rename(doc, offset, 'CLIENT_PORT')!;
    assert.deepEqual(
      edits.map((e) => [doc.text.slice(e.span.start, e.span.end), e.newText]),
      [
        ['PORT', 'CLIENT_PORT'],
        ['$PORT', '$CLIENT_PORT'],
        ['$PORT', '$CLIENT_PORT'],
      ],
    );
    assert.equal(service.rename(doc, offset, 'not a name'), undefined);
  });
});
