// URLs read as Go's url.Parse reads them (nats-server's routes, gateways and leaf nodes): the
// userinfo runs to the LAST '@' of the authority, so a password may hold '@'.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NEWEST_VERSION, clusterDiagnostics, readConfig } from '../../server/src/service';
import { parseRoute } from '../../server/src/service/cluster/nodes';
import { parseUrl, splitUrl, withoutUserinfo } from '../../server/src/service/shared/urls';
import { memoryHost } from '../support/service';

describe('URLs as Go reads them', () => {
  test("userinfo ends at the last '@'", () => {
    assert.deepEqual(parseUrl('nats://ruser:p@ss@host:6222'), {
      scheme: 'nats',
      user: 'ruser',
      password: 'p@ss',
      hostname: 'host',
      port: '6222',
    });
    // An '@' in the path, query or fragment is no userinfo.
    assert.deepEqual(parseUrl('nats://u:p@h:1/x@y?q@r#f@g'), {
      scheme: 'nats',
      user: 'u',
      password: 'p',
      hostname: 'h',
      port: '1',
    });
    assert.deepEqual(splitUrl('nats://u:p@ss@h:1'), { scheme: 'nats', userinfo: 'u:p@ss', rest: 'h:1' });
    assert.equal(withoutUserinfo('nats://ruser:p@ss@host:6222'), 'nats://host:6222');
  });

  test('percent-decoding, a user alone, IPv6, the scheme in lower case', () => {
    assert.deepEqual(parseUrl('nats://r%40user:p%3Ass@h:1'), {
      scheme: 'nats',
      user: 'r@user',
      password: 'p:ss',
      hostname: 'h',
      port: '1',
    });
    assert.deepEqual(parseUrl('nats://t0ken@h'), {
      scheme: 'nats',
      user: 't0ken',
      password: undefined,
      hostname: 'h',
      port: '',
    });
    assert.deepEqual(parseUrl('NATS-Route://[::1]:6222/'), {
      scheme: 'nats-route',
      user: undefined,
      password: undefined,
      hostname: '::1',
      port: '6222',
    });
    assert.equal(parseUrl('nats://h:1#%E2%9C%93')?.hostname, 'h');
  });

  test('what url.Parse refuses', () => {
    for (const bad of [
      'nats://u:p@h:port', // invalid port
      'nats://u:p%zz@h:1', // invalid escape
      'nats://us er:p@h:1', // invalid userinfo
      'nats://h%41:1', // an ASCII byte escaped in a host
      'nats://ho st:1', // invalid character in host name
      'nats://[::1:1', // missing ']'
      'nats://h:1\n', // control character
      ':6222', // missing protocol scheme
    ]) {
      assert.equal(parseUrl(bad), undefined, bad);
    }
  });
});

describe("a route whose password holds '@'", () => {
  const span = { start: 0, end: 0 };

  test('is read with its user and password', () => {
    assert.deepEqual(parseRoute(' nats://ruser:p@ss@host:6222 ', span), {
      url: ' nats://ruser:p@ss@host:6222 ',
      span,
      user: 'ruser',
      password: 'p@ss',
      host: 'host',
      port: 6222,
    });
  });

  const node = (name: string, peer: string, password: string) =>
    `server_name: ${name}\n` +
    'cluster {\n' +
    '  name: c\n' +
    '  port: 6222\n' +
    '  authorization { user: ruser, password: "p@ss" }\n' +
    `  routes: ["nats://ruser:${password}@${peer}:6222"]\n` +
    '}\n';
  const codes = (files: Record<string, string>) => {
    const host = memoryHost(files);
    const models = Object.entries(files).map(([path, text]) =>
      readConfig(path, text, { host, version: NEWEST_VERSION }),
    );
    return clusterDiagnostics(models).map((d) => `${d.file} ${d.code}`);
  };

  test('and the route-credentials check compares them', () => {
    // Dropped before (the route read as none): the nodes were then isolated and nothing compared.
    assert.deepEqual(
      codes({ 'nats-1.conf': node('nats-1', 'nats-2', 'p@ss'), 'nats-2.conf': node('nats-2', 'nats-1', 'p@ss') }),
      [],
    );
    assert.deepEqual(
      codes({ 'nats-1.conf': node('nats-1', 'nats-2', 'p@sx'), 'nats-2.conf': node('nats-2', 'nats-1', 'p@ss') }),
      ['nats-1.conf route-credentials'],
    );
  });
});
