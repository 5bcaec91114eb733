// Leaf node connections across node configs: each remote URL resolved to the hub it reaches, and
// what the hub refuses although both files are fine alone (another port, credentials it does not
// know, TLS on the remote only). Clean hubs and leaves draw nothing. Real servers:
// test/cluster/real-links.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, linksOf } from '../../server/src/service';
import { memoryHost } from '../support/service';

/** The models of `files` checked together, and their cluster findings as `file:line code`, sorted. */
const open = (files: Record<string, string>) => {
  const service = createLanguageService({ host: memoryHost(files) });
  const models = Object.entries(files).map(([file, text]) => service.check({ path: file, text }).model);
  return { service, models };
};
const modelsOf = (files: Record<string, string>) => open(files).models;
const findings = (files: Record<string, string>) => {
  const { service, models } = open(files);
  const diagnostics = service.cluster(models);
  return { found: diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`).sort(), diagnostics };
};

/** A hub on loopback: its leafnodes block on line 5, `auth` inside it from line 6; `top` after it. */
const hub = (auth = '', top = '') =>
  'server_name: hub\nhost: 127.0.0.1\nport: 4001\nhttp: 127.0.0.1:8001\n' +
  `leafnodes {\n${auth}  listen: 127.0.0.1:7422\n}\n${top}`;
/** A leaf node: its remote's URL on line 7, `extra` in the remote from line 8. */
const leaf = (url: string, extra = '') =>
  'server_name: leaf\nhost: 127.0.0.1\nport: 4002\nhttp: 127.0.0.1:8002\n' +
  `leafnodes {\n  remotes: [ {\n    url: "${url}"\n${extra}  } ]\n}\n`;
const AUTH = '  authorization { user: leaf, password: s3cret }\n';
const USERS = '  authorization {\n    users: [ { user: l1, password: p1, account: A } ]\n  }\n';
const ACCOUNTS = 'accounts { A { users: [ { user: u, password: p } ] } }\n';
const TLS = '  tls { cert_file: "/etc/nats/hub.pem", key_file: "/etc/nats/hub-key.pem" }\n';
const REMOTE_TLS = '    tls { ca_file: "/etc/nats/ca.pem" }\n';

describe('leaf node connections across node configs', () => {
  const clean: [string, Record<string, string>][] = [
    [
      'a hub without authorization, a remote without credentials',
      { 'hub.conf': hub(), 'leaf.conf': leaf('nats://127.0.0.1:7422') },
    ],
    ['the right user and password', { 'hub.conf': hub(AUTH), 'leaf.conf': leaf('nats://leaf:s3cret@127.0.0.1:7422') }],
    [
      'a user of leaf node authorization users',
      { 'hub.conf': hub(USERS, ACCOUNTS), 'leaf.conf': leaf('nats://l1:p1@127.0.0.1:7422') },
    ],
    [
      'an account user, the hub without leaf authorization',
      { 'hub.conf': hub('', ACCOUNTS), 'leaf.conf': leaf('nats://u:p@127.0.0.1:7422') },
    ],
    // nats-server admits a remote naming no user when the leaf node listener has no authorization.
    [
      'no credentials, the hub with users but no leaf authorization',
      { 'hub.conf': hub('', ACCOUNTS), 'leaf.conf': leaf('nats://127.0.0.1:7422') },
    ],
    [
      'a credentials file (not judged)',
      {
        'hub.conf': hub(AUTH),
        'leaf.conf': leaf('nats://127.0.0.1:7422', '    credentials: "/etc/nats/leaf.creds"\n'),
      },
    ],
    ['TLS on both ends', { 'hub.conf': hub(TLS), 'leaf.conf': leaf('nats://127.0.0.1:7422', REMOTE_TLS) }],
    // The remote follows the hub's INFO: TLS with default settings, which may well verify.
    ['TLS on the hub only', { 'hub.conf': hub(TLS), 'leaf.conf': leaf('nats://127.0.0.1:7422') }],
    // A tls:// URL alone does not make the remote use TLS (2.9): it connects in plain text.
    ['a tls:// URL to a hub without TLS', { 'hub.conf': hub(), 'leaf.conf': leaf('tls://127.0.0.1:7422') }],
    ['no port: the remote dials 7422', { 'hub.conf': hub(), 'leaf.conf': leaf('nats://127.0.0.1') }],
    ['a websocket URL (not followed)', { 'hub.conf': hub(), 'leaf.conf': leaf('ws://127.0.0.1:4001') }],
    [
      'the hub by name',
      {
        'hub.conf': hub(AUTH).replace('127.0.0.1:7422', '0.0.0.0:7422'),
        'leaf.conf': leaf('nats://leaf:s3cret@hub.example.com:7422'),
      },
    ],
  ];
  for (const [name, files] of clean) {
    test(`clean: ${name}`, () => assert.deepEqual(findings(files).found, []));
  }

  test("a remote URL to the hub's client port", () => {
    const { found, diagnostics } = findings({ 'hub.conf': hub(), 'leaf.conf': leaf('nats://127.0.0.1:4001') });
    assert.deepEqual(found, ['leaf.conf:7 leafnode-port']);
    assert.match(diagnostics[0].message, /its client port.*attempted to connect to wrong port/);
    assert.equal(diagnostics[0].related?.[0].file, 'hub.conf');
    assert.equal(diagnostics[0].related![0].range.start.line, 5);
  });

  test('a remote URL to a node without a leaf node listener', () => {
    const other = 'server_name: other\nhost: 127.0.0.1\nport: 4003\ncluster { name: c, listen: 127.0.0.1:6003 }\n';
    const { found, diagnostics } = findings({ 'other.conf': other, 'leaf.conf': leaf('nats://127.0.0.1:6003') });
    assert.deepEqual(found, ['leaf.conf:7 leafnode-port']);
    assert.match(diagnostics[0].message, /its route port; other has no leaf node listener/);
  });

  test('the wrong password', () => {
    const { found, diagnostics } = findings({
      'hub.conf': hub(AUTH),
      'leaf.conf': leaf('nats://leaf:wrong@127.0.0.1:7422'),
    });
    assert.deepEqual(found, ['leaf.conf:7 leafnode-credentials']);
    assert.match(diagnostics[0].message, /password for "leaf" does not match/);
    assert.equal(diagnostics[0].related?.[0].range.start.line, 5);
  });

  test('no user where the hub requires one', () => {
    const files = { 'hub.conf': hub(USERS, ACCOUNTS), 'leaf.conf': leaf('nats://127.0.0.1:7422') };
    assert.deepEqual(findings(files).found, ['leaf.conf:7 leafnode-credentials']);
  });

  test("a client user where the hub's leaf node authorization lists others", () => {
    const files = { 'hub.conf': hub(USERS, ACCOUNTS), 'leaf.conf': leaf('nats://u:p@127.0.0.1:7422') };
    const { found, diagnostics } = findings(files);
    assert.deepEqual(found, ['leaf.conf:7 leafnode-credentials']);
    assert.match(diagnostics[0].message, /"u" is not among hub's leaf node authorization users/);
  });

  test('a user the hub does not know, the hub without leaf authorization', () => {
    const files = { 'hub.conf': hub('', ACCOUNTS), 'leaf.conf': leaf('nats://zz:p@127.0.0.1:7422') };
    assert.deepEqual(findings(files).found, ['leaf.conf:7 leafnode-credentials']);
  });

  test('a bcrypt password on the hub: not compared', () => {
    const hash = '"$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG"';
    const files = {
      'hub.conf': hub(`  authorization { user: leaf, password: ${hash} }\n`),
      'leaf.conf': leaf('nats://leaf:anything@127.0.0.1:7422'),
    };
    assert.deepEqual(findings(files).found, []);
  });

  test('a remote with TLS towards a hub without', () => {
    const { found, diagnostics } = findings({
      'hub.conf': hub(),
      'leaf.conf': leaf('nats://127.0.0.1:7422', REMOTE_TLS),
    });
    assert.deepEqual(found, ['leaf.conf:8 leafnode-tls']);
    assert.equal(diagnostics[0].related?.[0].file, 'hub.conf');
  });

  test('a remote to a host none of the configs is: information only', () => {
    const { found, diagnostics } = findings({ 'hub.conf': hub(), 'leaf.conf': leaf('nats://connect.ngs.global:7422') });
    assert.deepEqual(found, ['leaf.conf:7 leafnode-unresolved']);
    assert.equal(diagnostics[0].severity, 'information');
  });

  test('linksOf: a leaf node link with its TLS blocks', () => {
    const links = linksOf(modelsOf({ 'hub.conf': hub(TLS), 'leaf.conf': leaf('nats://127.0.0.1', REMOTE_TLS) }));
    assert.deepEqual(
      links.map((l) => [l.kind, l.from.file.path, l.to?.file.path, l.host, l.port, !!l.fromTls, !!l.toTls]),
      [['leafnode', 'leaf.conf', 'hub.conf', '127.0.0.1', 7422, true, true]],
    );
  });
});
