// natscli contexts: found where natscli keeps them, turned into connect options, and proven by
// connecting to real nats-servers (user/password, token, URL userinfo, env:// secrets, TLS).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ContextError,
  contextRoot,
  listContexts,
  loadContext,
  redactUrl,
  resolveCredential,
  selectedContextName,
} from '../../server/src/live/contexts';
import { connectOptionsFor } from '../../server/src/live/connectOptions';
import { startServer, type RunningServer } from '../support/nats-server';

function home(contexts: Record<string, unknown>, selected?: string): Record<string, string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-ctx-'));
  fs.mkdirSync(path.join(root, 'nats', 'context'), { recursive: true });
  for (const [name, ctx] of Object.entries(contexts))
    fs.writeFileSync(
      path.join(root, 'nats', 'context', `${name}.json`),
      typeof ctx === 'string' ? ctx : JSON.stringify(ctx),
    );
  if (selected) fs.writeFileSync(path.join(root, 'nats', 'context.txt'), `${selected}\n`);
  return { XDG_CONFIG_HOME: root, HOME: '/nonexistent' };
}

describe('natscli contexts on disk', () => {
  test(
    'found under XDG_CONFIG_HOME, else ~/.config; listed by name; ' +
      'the selection from NATS_CONTEXT, else context.txt',
    () => {
      assert.equal(contextRoot({ HOME: '/home/op' }), '/home/op/.config/nats');
      const env = home({ prod: { url: 'nats://a:4222' }, dev: { url: 'nats://b:4222' }, broken: '{not json' }, 'prod');
      assert.equal(contextRoot(env), path.join(env.XDG_CONFIG_HOME, 'nats'));
      assert.deepEqual(
        listContexts(env).map((c) => c.name),
        ['dev', 'prod'],
      );
      assert.equal(selectedContextName(env), 'prod');
      assert.equal(selectedContextName({ ...env, NATS_CONTEXT: 'dev' }), 'dev');
      assert.equal(loadContext('dev', env).context.url, 'nats://b:4222');
    },
  );

  test('a missing, broken or badly named context says which file and what to do', () => {
    const env = home({ broken: '{not json', list: '[1]' });
    assert.throws(
      () => loadContext('nope', env),
      (e: ContextError) =>
        e instanceof ContextError && e.message.includes('nope.json') && e.message.includes('nats context ls'),
    );
    assert.throws(
      () => loadContext('broken', env),
      (e: ContextError) => e.file!.endsWith('broken.json') && /not valid JSON/.test(e.message),
    );
    assert.throws(() => loadContext('list', env), /does not hold a JSON object/);
    assert.throws(() => loadContext('../etc/passwd', env), /not a context name/);
  });

  test(
    'credential references: env://, data:, file:// and paths with ~ and $VAR; ' + 'op:// and nsc:// need their CLIs',
    () => {
      const dec = (b: Uint8Array) => new TextDecoder().decode(b);
      assert.equal(dec(resolveCredential('env://PW', 'literal', 'password', { PW: 's3cret' })), 's3cret');
      assert.throws(() => resolveCredential('env://PW', 'literal', 'password', {}), /PW, which is not set/);
      assert.equal(
        dec(resolveCredential(`data:;base64,${Buffer.from('seed').toString('base64')}`, 'file', 'nkey')),
        'seed',
      );
      assert.equal(dec(resolveCredential('plain', 'literal', 'password')), 'plain');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-cred-'));
      fs.writeFileSync(path.join(dir, 'u.creds'), 'CREDS');
      assert.equal(dec(resolveCredential('$D/u.creds', 'file', 'creds', { D: dir })), 'CREDS');
      assert.equal(dec(resolveCredential('~/u.creds', 'file', 'creds', { HOME: dir })), 'CREDS');
      assert.equal(dec(resolveCredential(`file://${dir}/u.creds`, 'literal', 'password')), 'CREDS');
      assert.throws(
        () => resolveCredential('/no/such.creds', 'file', 'creds'),
        /'creds' names \/no\/such.creds, which cannot be read/,
      );
      assert.throws(() => resolveCredential('op://vault/item/pw', 'literal', 'password'), /1Password op/);
      assert.throws(() => resolveCredential('nsc://op/acct/user', 'file', 'creds'), /nsc command/);
    },
  );

  test('URLs are shown with their secrets masked', () => {
    assert.equal(redactUrl('nats://admin:s3cret@host:4222'), 'nats://admin:***@host:4222');
    assert.equal(redactUrl('tls://tok3n@host:4222'), 'tls://***@host:4222');
    assert.equal(redactUrl('nats://host:4222'), 'nats://host:4222');
    // A context's url lists several servers: each one's secret is masked.
    assert.equal(
      redactUrl('nats://a:pw1@h1:4222, nats://b:pw2@h2:4222,tls://tok@h3'),
      'nats://a:***@h1:4222, nats://b:***@h2:4222,tls://***@h3',
    );
    assert.equal(
      redactUrl('nats://h1:4222,nats://u:p,w@h2'),
      'nats://h1:4222,nats://u:***@h2',
      'a comma in a password is masked with it',
    );
    assert.equal(redactUrl('nats://u:p@ss@h:4222'), 'nats://u:***@h:4222', 'an @ in a password is masked with it');
    const plan = connectOptionsFor({ url: 'nats://admin:s3cret@h1:4222, tls://h2:4222' });
    assert.deepEqual(plan.shown, ['nats://admin:***@h1:4222', 'tls://h2:4222']);
    assert.ok(!JSON.stringify(plan.shown).includes('s3cret'));
    assert.deepEqual(plan.options.servers, ['h1:4222', 'h2:4222']);
    assert.deepEqual(plan.options.tls, {}, 'tls:// asks for TLS, which the client does not infer from the scheme');
    assert.throws(() => connectOptionsFor({ url: 'ws://h:8080' }), /websocket URL/);
    assert.throws(() => connectOptionsFor({ socks_proxy: 'socks5://p:1080' }), /SOCKS proxy/);
  });
});

describe('contexts connect to real servers', () => {
  let users: RunningServer;
  let tokens: RunningServer;
  let tls: RunningServer;
  let certs: string;
  const open: NatsConnection[] = [];
  const attempt = async (ctx: Parameters<typeof connectOptionsFor>[0], env: Record<string, string> = {}) => {
    const { options } = connectOptionsFor(ctx, 'contexts-test', env);
    const nc = await connect({ ...options, maxReconnectAttempts: 0, timeout: 5000 });
    open.push(nc);
    return nc;
  };

  before(async () => {
    certs = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-certs-'));
    const ssl = (...args: string[]) => {
      const r = spawnSync('openssl', args, { cwd: certs, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
    );
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'req.pem', '-subj', '/CN=localhost');
    fs.writeFileSync(
      path.join(certs, 'ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
    );
    ssl(
      'x509',
      '-req',
      '-in',
      'req.pem',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      'cert.pem',
      '-days',
      '2',
      '-extfile',
      'ext',
    );
    [users, tokens, tls] = await Promise.all([
      startServer(
        (port) => `listen: 127.0.0.1:${port}\nauthorization { users: [ { user: admin, password: s3cret } ] }\n`,
      ),
      startServer((port) => `listen: 127.0.0.1:${port}\nauthorization { token: t0ken }\n`),
      startServer(
        (port) =>
          `listen: 127.0.0.1:${port}\n` +
          `tls { cert_file: "${certs}/cert.pem", key_file: "${certs}/key.pem", ` +
          `ca_file: "${certs}/ca.pem", verify: true }\n`,
      ),
    ]);
  });
  after(async () => {
    await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    await Promise.all([users, tokens, tls].filter(Boolean).map((s) => s.stop()));
    fs.rmSync(certs, { recursive: true, force: true });
  });

  test('user and password: as fields, from URL userinfo, and from env://', async () => {
    for (const ctx of [
      { url: users.url, user: 'admin', password: 's3cret' },
      { url: users.url.replace('nats://', 'nats://admin:s3cret@') },
      { url: users.url, user: 'admin', password: 'env://NATS_PW' },
    ]) {
      const nc = await attempt(ctx, { NATS_PW: 's3cret' });
      assert.equal(nc.info?.port, users.port);
    }
  });

  test('a token: as a field, and as a user without a password (as natscli sends it)', async () => {
    for (const ctx of [
      { url: tokens.url, token: 't0ken' },
      { url: tokens.url, user: 't0ken' },
      { url: tokens.url.replace('nats://', 'nats://t0ken@') },
    ]) {
      const nc = await attempt(ctx);
      assert.equal(nc.info?.port, tokens.port);
    }
  });

  test('TLS with a client certificate the server verifies', async () => {
    const nc = await attempt({
      url: tls.url,
      cert: `${certs}/cert.pem`,
      key: `${certs}/key.pem`,
      ca: `${certs}/ca.pem`,
    });
    assert.equal(nc.info?.tls_required, true);
    await assert.rejects(
      attempt({ url: tls.url, ca: `${certs}/ca.pem` }),
      'without a client certificate the server refuses',
    );
  });

  test('a wrong password is refused by the server', async () => {
    await assert.rejects(attempt({ url: users.url, user: 'admin', password: 'wrong' }), (e: Error) =>
      /authorization/i.test(`${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`),
    );
  });
});
