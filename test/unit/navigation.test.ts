// Go to definition and document links from the service.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, open } from '../support/cursor';

describe('navigation', () => {
  test('a $reference goes to the key that defines it; an include to its file', () => {
    const variable = at('PORT: 4222\nport: $PO|RT\ninclude other.conf\n');
    assert.deepEqual(variable.service.definition(variable.doc, variable.offset), {
      file: 'main.conf',
      span: { start: 0, end: 4 },
    });
    const include = at('include ot|her.conf\n', { files: { 'other.conf': 'debug: true\n' } });
    assert.equal(include.service.definition(include.doc, include.offset)?.file, 'other.conf');
  });

  test('links for includes and for certificate files', () => {
    const text = 'include sub.conf\ntls { cert_file: "certs/a.pem", key_file: /etc/k.pem }\n';
    const { service, doc } = open(text, { files: { 'sub.conf': '' } });
    assert.deepEqual(
      service
        .links(doc)
        .map((l) => l.target)
        .sort(),
      ['/etc/k.pem', 'certs/a.pem', 'sub.conf'],
    );
  });
});
