// Quick fixes from the service: the edits each offers, applied as an editor applies them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, type OpenOptions } from '../support/cursor';
import { applyEdits } from '../support/textEdits';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

const fixesFor = (text: string, options: OpenOptions = {}) => {
  const { service, doc, result } = open(text, options);
  return { result, actions: service.codeActions(doc, WHOLE) };
};

describe('quick fixes', () => {
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
    assert.deepEqual(
      open(fixed).result.diagnostics.filter((d) => d.code === 'unknown-key'),
      [],
    );
  });
});

describe('quick fix: a certificate without its key', () => {
  test('reported as nats-server does, with the key_file line added next to cert_file', () => {
    const text = 'host: 127.0.0.1\ntls {\n  cert_file: "/etc/nats/server.pem"\n}\n';
    const { service, doc, result } = open(text, { files: { '/etc/nats/server.pem': 'x' } });
    const d = result.diagnostics.find((x) => x.code === 'tls-pair')!;
    assert.match(d.message, /^missing 'key_file' in TLS configuration/);
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const fix = service.codeActions(doc, whole).find((a) => a.title === 'Add key_file')!;
    assert.equal(
      applyEdits(text, fix.edits),
      'host: 127.0.0.1\ntls {\n  cert_file: "/etc/nats/server.pem"\n  key_file: "/etc/nats/server-key.pem"\n}\n',
    );
  });
});
