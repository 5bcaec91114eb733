// Selection ranges (expand selection) from the service.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at } from '../support/cursor';

describe('selection ranges', () => {
  test('from the value outward to the whole file', () => {
    const { service, doc, offset } = at('cluster {\n  routes: [\n    nats://a:6|222\n  ]\n}\n');
    const { text } = doc;
    assert.deepEqual(
      service.selection(doc, offset).map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ')),
      [
        'nats://a:6222',
        '[ nats://a:6222 ]',
        'routes: [ nats://a:6222 ]',
        '{ routes: [ nats://a:6222 ] }',
        'cluster { routes: [ nats://a:6222 ] }',
        text.replace(/\s+/g, ' '),
      ],
    );
  });
});
