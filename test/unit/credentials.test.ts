// Credentials material: bcrypt hashes, nkeys, JWTs and leaf node credentials files. Keys and
// JWTs are made at test time (test/support/nkeys.ts); nats-server 2.9.10's verdicts on the same
// kinds of material are in the differential corpus (test/differential/corpus-options.ts).

import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { decodeClaims, decodeJwt, parseDecoratedJwt } from '../../server/src/service/shared/jwts';
import { decodeSeed, isValidPublicKey, publicKeyKind, publicKeyOfSeed } from '../../server/src/service/shared/nkeys';
import { check, memoryHost } from '../support/service';
import { corrupt, credsFile, keyPair, operatorSetup, signJwt, type NkeyKind } from '../support/nkeys';

const CODES = new Set([
  'bcrypt-malformed',
  'nkey-invalid',
  'jwt-invalid',
  'startup-pinned-account',
  'credentials-file',
  'preload-account',
]);

/** This feature's findings: `file:line code` (the file only when not main.conf). */
function findings(text: string, files: Record<string, string> = {}, version?: string): string[] {
  return check(text, { files, version })
    .diagnostics.filter((d) => CODES.has(d.code))
    .map((d) => `${d.file === 'main.conf' ? '' : `${d.file}:`}${d.range.start.line + 1} ${d.code}`);
}

function only(text: string, code: string, files: Record<string, string> = {}, version?: string): Diagnostic {
  const found = check(text, { files, version }).diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} finding expected, got ${found.length}`);
  return found[0];
}

const conf = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');
const S = operatorSetup();
const GOOD_HASH = '"$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"';
const GUIDE_HASH = '"$2a$11$..."';

describe('the shared decoders agree with keys made independently', () => {
  test('public keys and seeds of every kind; the public key of a seed', () => {
    for (const kind of ['operator', 'account', 'user', 'server', 'cluster'] as NkeyKind[]) {
      const pair = keyPair(kind);
      assert.equal(publicKeyKind(pair.publicKey), kind);
      assert.ok(isValidPublicKey(pair.publicKey, kind));
      assert.equal(decodeSeed(pair.seed)?.kind, kind);
      assert.equal(publicKeyOfSeed(pair.seed), pair.publicKey);
      assert.equal(publicKeyKind(corrupt(pair.publicKey)), undefined, 'a changed character breaks the checksum');
      assert.equal(decodeSeed(corrupt(pair.seed)), undefined);
      assert.equal(publicKeyKind(pair.seed), undefined, 'a seed is no public key');
      assert.equal(publicKeyKind(pair.publicKey.toLowerCase()), undefined);
    }
  });

  test('JWTs: kinds, signatures, v1 tokens, the decorated form', () => {
    assert.equal('jwt' in decodeClaims(S.operatorJwt, 'operator'), true);
    assert.deepEqual(decodeClaims(S.accountJwt, 'operator'), { error: 'not operator claim' });
    assert.equal('jwt' in decodeClaims(S.userJwt, 'user'), true);
    assert.deepEqual(decodeJwt('hello'), { error: 'expected 3 chunks' });
    assert.deepEqual(decodeJwt(S.operatorJwt.slice(0, -4) + 'AAAA'), {
      error: 'claim failed V2 signature verification',
    });
    // An operator JWT signed by an account key: signature holds, issuer is of the wrong kind.
    assert.deepEqual(decodeJwt(signJwt('operator', S.operator.publicKey, S.account)), {
      error: 'unable to validate expected prefixes - [operator]',
    });
    assert.deepEqual(
      decodeJwt(signJwt('operator', S.operator.publicKey, S.operator, {}, { typ: 'JWT', alg: 'HS256' })),
      {
        error: 'unexpected "HS256" algorithm',
      },
    );
    // Version 1: `type` at the top, the payload alone signed.
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const payload = b64({ iss: S.operator.publicKey, sub: S.operator.publicKey, type: 'operator' });
    const v1 = `${b64({ typ: 'jwt', alg: 'ed25519' })}.${payload}.${crypto
      .sign(null, Buffer.from(payload), S.operator.privateKey)
      .toString('base64url')}`;
    assert.equal('jwt' in decodeClaims(v1, 'operator'), true);
    const decorated = `-----BEGIN NATS OPERATOR JWT-----\n${S.operatorJwt}\n------END NATS OPERATOR JWT------\n`;
    assert.equal(parseDecoratedJwt(decorated), S.operatorJwt);
    assert.equal(parseDecoratedJwt(S.creds), S.userJwt, 'a credentials file: its first block, the user JWT');
  });
});

describe('bcrypt hashes that are not well formed', () => {
  test("the setup guide's placeholder, in every place nats-server compares a password or token", () => {
    const text = conf(
      'authorization {',
      '  users: [',
      `    {user: publisher, password: ${GUIDE_HASH}, permissions: {publish: ">"}}`,
      `    {user: admin, password: ${GOOD_HASH}}`,
      '  ]',
      '}',
    );
    assert.deepEqual(findings(text), ['3 bcrypt-malformed']);
    const d = only(text, 'bcrypt-malformed');
    assert.equal(d.origin, 'lint');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /no well-formed hash \(10 characters\): every login fails/);
    assert.deepEqual(findings(conf('authorization {', `  token: ${GUIDE_HASH}`, '}')), ['2 bcrypt-malformed']);
    assert.deepEqual(findings(conf('authorization {', '  user: a', `  pass: ${GUIDE_HASH}`, '}')), [
      '3 bcrypt-malformed',
    ]);
    assert.deepEqual(findings(conf('accounts {', `  A { users: [ { user: a, password: ${GUIDE_HASH} } ] }`, '}')), [
      '2 bcrypt-malformed',
    ]);
    assert.deepEqual(
      findings(conf('cluster {', '  port: 6222', `  authorization { user: r, password: ${GUIDE_HASH} }`, '}')),
      ['3 bcrypt-malformed'],
    );
    assert.deepEqual(
      findings(
        conf('gateway {', '  name: g', '  port: 7222', `  authorization { user: g, password: ${GUIDE_HASH} }`, '}'),
      ),
      ['4 bcrypt-malformed'],
    );
    assert.deepEqual(
      findings(
        conf(
          'leafnodes {',
          '  port: 7422',
          '  authorization {',
          `    users: [ { user: l, password: ${GUIDE_HASH} } ]`,
          '  }',
          '}',
        ),
      ),
      ['4 bcrypt-malformed'],
    );
    assert.deepEqual(
      findings(conf('websocket {', '  port: 8080', '  no_tls: true', `  authorization { token: ${GUIDE_HASH} }`, '}')),
      ['4 bcrypt-malformed'],
    );
    assert.deepEqual(
      findings(conf('mqtt {', '  port: 1883', `  authorization { user: m, password: ${GUIDE_HASH} }`, '}')),
      ['3 bcrypt-malformed'],
    );
  });

  test('what makes a hash malformed: its length, its cost, a character outside the alphabet', () => {
    const users = (password: string) => conf(`authorization { users: [ { user: a, password: "${password}" } ] }`);
    const good = GOOD_HASH.slice(1, -1);
    assert.match(only(users(good + 'x'), 'bcrypt-malformed').message, /61 characters/);
    assert.match(only(users(good.replace('$05$', '$03$')), 'bcrypt-malformed').message, /a cost of 03/);
    assert.match(only(users(good.replace('$05$', '$32$')), 'bcrypt-malformed').message, /a cost of 32/);
    assert.match(only(users(good.slice(0, -1) + '+'), 'bcrypt-malformed').message, /'\+' is no bcrypt character/);
    // Well formed in every variant; plaintext and other `$` words are not hashes at all.
    for (const variant of ['2a', '2b', '2x', '2y']) assert.deepEqual(findings(users(good.replace('2a', variant))), []);
    assert.deepEqual(findings(users('$2a$11')), [], 'no `$` after the cost: compared as plaintext');
    assert.deepEqual(findings(users('s3cret')), []);
    assert.deepEqual(findings(users('$3a$11$...')), []);
  });
});

describe('nkeys nats-server refuses while reading the config', () => {
  test('a user nkey: a bad checksum, an account key, a seed', () => {
    const text = conf(
      'authorization {',
      '  users: [',
      `    { nkey: ${corrupt(S.user.publicKey)} }`,
      `    { nkey: ${S.account.publicKey} }`,
      `    { nkey: ${S.user.seed} }`,
      `    { nkey: ${S.user.publicKey} }`,
      '  ]',
      '}',
    );
    assert.deepEqual(findings(text), ['3 nkey-invalid', '4 nkey-invalid', '5 nkey-invalid']);
    const [bad, account, seed] = check(text).diagnostics.filter((d) => d.code === 'nkey-invalid');
    assert.equal(bad.origin, 'server');
    assert.match(bad.message, /^Not a valid public nkey for a user: its checksum does not match/);
    assert.match(account.message, /it is an account key \(A…\)/);
    assert.match(seed.message, /it is a seed \(a private key\)/);
    assert.deepEqual(findings(conf(`accounts { A { users: [ { nkey: ${S.account.publicKey} } ] } }`)), [
      '1 nkey-invalid',
    ]);
  });

  test("an account's nkey, trusted operator keys", () => {
    assert.deepEqual(findings(conf('accounts {', '  A {', `    nkey: ${S.user.publicKey}`, '  }', '}')), [
      '3 nkey-invalid',
    ]);
    assert.match(
      only(conf('accounts {', '  A {', `    nkey: ${S.user.publicKey}`, '  }', '}'), 'nkey-invalid').message,
      new RegExp(`^Not a valid public nkey for an account: "${S.user.publicKey}"`),
    );
    const trusted = conf('trusted: [', `  ${S.operator.publicKey}`, `  ${S.account.publicKey}`, ']');
    assert.deepEqual(findings(trusted), ['3 nkey-invalid']);
    assert.match(only(trusted, 'nkey-invalid').message, /^trust key ".*" required to be a valid public operator nkey/);
    assert.deepEqual(findings(conf(`trusted_keys: ${S.account.publicKey}`)), ['1 nkey-invalid']);
    assert.deepEqual(findings(conf(`trusted: ${S.operator.publicKey}`)), []);
  });

  test('from 2.10: the auth callout issuer and xkey; from 2.10.8: the leaf node nkey and remote seed', () => {
    const callout = conf(
      'authorization {',
      '  users: [ { user: a, password: b } ]',
      '  auth_callout {',
      `    issuer: ${S.user.publicKey}`,
      '    auth_users: [ a ]',
      `    xkey: ${S.account.publicKey}`,
      '  }',
      '}',
    );
    assert.deepEqual(findings(callout, {}, '2.10.0'), ['4 nkey-invalid', '6 nkey-invalid']);
    const leaf = conf(
      'leafnodes {',
      '  port: 7422',
      `  authorization { nkey: ${S.account.publicKey} }`,
      '  remotes: [',
      `    { url: "nats://127.0.0.1:7422", nkey: ${S.account.seed} }`,
      `    { url: "nats://127.0.0.1:7422", seed: ${S.user.seed} }`,
      '  ]',
      '}',
    );
    assert.deepEqual(findings(leaf, {}, '2.10.8'), ['3 nkey-invalid', '5 nkey-invalid']);
    assert.deepEqual(findings(leaf, {}, '2.10.7'), [], 'before 2.10.8 the keys are unknown (option-version)');
  });
});

describe('JWTs nats-server refuses while reading the config', () => {
  const files = {
    'op.jwt': S.operatorJwt,
    'acc.jwt': S.accountJwt,
    'user.creds': S.creds,
    'text.jwt': 'not a jwt\n',
    'decorated.jwt': `-----BEGIN NATS OPERATOR JWT-----\n${S.operatorJwt}\n------END NATS OPERATOR JWT------\n`,
  };
  const operator = (value: string) => conf('port: 4222', `operator: ${value}`, 'resolver: MEMORY');

  test('the operator: a file or an inline JWT of another kind, no JWT, a broken signature', () => {
    assert.deepEqual(findings(operator('acc.jwt'), files), ['2 jwt-invalid']);
    assert.equal(
      only(operator('acc.jwt'), 'jwt-invalid', files).message,
      "error parsing operator JWT: not operator claim: acc.jwt holds another kind of JWT, not the operator's; " +
        "use the operator's JWT (`nsc describe operator --raw`).",
    );
    assert.deepEqual(findings(operator(S.accountJwt), files), ['2 jwt-invalid']);
    assert.deepEqual(findings(operator('user.creds'), files), ['2 jwt-invalid']);
    assert.match(
      only(operator('text.jwt'), 'jwt-invalid', files).message,
      /^error parsing operator JWT: expected 3 chunks/,
    );
    assert.match(
      only(operator(S.operatorJwt.slice(0, -4) + 'AAAA'), 'jwt-invalid').message,
      /^error parsing operator JWT: claim failed V2 signature verification/,
    );
    // Sound: a file, a decorated file, inline.
    for (const value of ['op.jwt', 'decorated.jwt', S.operatorJwt])
      assert.deepEqual(findings(operator(value), files), []);
  });

  test('a missing operator file is file-missing alone; without fileStatus, files are not read', () => {
    const missing = check(operator('gone.jwt'), { files }).diagnostics.map((d) => d.code);
    assert.ok(missing.includes('file-missing'));
    assert.ok(!missing.includes('jwt-invalid'));
    const host = { ...memoryHost({ 'main.conf': operator('acc.jwt'), ...files }), fileStatus: undefined };
    const result = createLanguageService({ host }).check({ path: 'main.conf', text: operator('acc.jwt') });
    assert.deepEqual(
      result.diagnostics.filter((d) => CODES.has(d.code)),
      [],
    );
  });

  test('resolver_preload: a user JWT, no JWT; the account JWT under its key is sound', () => {
    const preload = (...entries: string[]) =>
      conf('operator: op.jwt', 'resolver: MEMORY', 'resolver_preload {', ...entries.map((e) => `  ${e}`), '}');
    assert.deepEqual(findings(preload(`${S.account.publicKey}: ${S.accountJwt}`), files), []);
    assert.deepEqual(findings(preload(`${S.account.publicKey}: ${S.userJwt}`), files), ['4 jwt-invalid']);
    assert.deepEqual(findings(preload(`${S.account.publicKey}: "abc"`), files), ['4 jwt-invalid']);
    assert.match(
      only(preload(`${S.account.publicKey}: ${S.userJwt}`), 'jwt-invalid', files).message,
      /^invalid account JWT: .*\(not account claim\)/,
    );
  });
});

describe('pinned accounts nats-server refuses at start', () => {
  test('in operator mode only', () => {
    const text = (key: string, op = 'operator: op.jwt') =>
      conf(op, 'resolver: MEMORY', `resolver_pinned_accounts: [ ${key} ]`);
    const files = { 'op.jwt': S.operatorJwt };
    assert.deepEqual(findings(text(S.user.publicKey), files), ['3 startup-pinned-account']);
    assert.match(
      only(text(S.user.publicKey), 'startup-pinned-account', files).message,
      /^pinned account key ".*" is not a valid public account nkey: .*nats-server refuses to start/,
    );
    assert.deepEqual(findings(text(S.account.publicKey), files), []);
    assert.deepEqual(findings(text(S.user.publicKey, ''), files), []);
  });
});

describe('leaf node credentials files (advice: nats-server starts, the remote never connects)', () => {
  const remote = (file: string) =>
    conf(
      'leafnodes {',
      '  remotes: [',
      `    { url: "nats-leaf://127.0.0.1:7422", credentials: "${file}" }`,
      '  ]',
      '}',
    );
  const flaw = (contents: string) => {
    const found = check(remote('leaf.creds'), { files: { 'leaf.creds': contents } }).diagnostics.filter((d) =>
      CODES.has(d.code),
    );
    assert.deepEqual(
      found.map((d) => `${d.range.start.line + 1} ${d.code} ${d.origin} ${d.severity}`),
      ['3 credentials-file lint error'],
    );
    return found[0].message;
  };

  test('each way a credentials file fails', () => {
    assert.match(flaw('just text\n'), /^LeafNode Remote Credentials file "leaf.creds" malformed/);
    assert.match(flaw(S.creds.replace(/\n/g, '\r\n')), /malformed: .*Windows line ends/);
    assert.match(flaw(credsFile(S.userJwt, corrupt(S.user.seed))), /has malformed seed/);
    assert.match(flaw(credsFile(S.accountJwt, S.user.seed)), /has malformed user jwt: it holds an account JWT/);
    assert.match(
      flaw(credsFile(S.userJwt.slice(0, -4) + 'AAAA', S.user.seed)),
      /has malformed user jwt: claim failed V2 signature verification/,
    );
    assert.match(flaw(credsFile(S.userJwt, S.account.seed)), /holds an account seed, not the user's/);
    const other = keyPair('user');
    assert.match(flaw(credsFile(S.userJwt, other.seed)), new RegExp(`holds the seed of ${other.publicKey}`));
  });

  test('a sound file draws nothing; a missing one is file-missing alone', () => {
    assert.deepEqual(findings(remote('leaf.creds'), { 'leaf.creds': S.creds }), []);
    const codes = check(remote('gone.creds')).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('file-missing'));
    assert.ok(!codes.includes('credentials-file'));
  });
});

describe('resolver_preload accounts that never load (advice)', () => {
  const files = { 'op.jwt': S.operatorJwt };
  const preload = (key: string, jwt: string, extra = '') =>
    conf('operator: op.jwt', 'resolver: MEMORY', 'resolver_preload {', `  ${key}: ${jwt}`, '}') + extra;

  test('under a key that is not its subject, or signed by an operator not trusted', () => {
    const other = keyPair('account');
    assert.deepEqual(findings(preload(other.publicKey, S.accountJwt), files), ['4 preload-account']);
    const stranger = keyPair('operator');
    const foreign = signJwt('account', S.account.publicKey, stranger);
    assert.deepEqual(findings(preload(S.account.publicKey, foreign), files), ['4 preload-account']);
    assert.match(only(preload(S.account.publicKey, foreign), 'preload-account', files).message, /signed by O/);
  });

  test("an operator's signing key is trusted; so are `trusted` keys when there is no operator", () => {
    const signer = keyPair('operator');
    const op = signJwt('operator', S.operator.publicKey, S.operator, { signing_keys: [signer.publicKey] });
    const account = signJwt('account', S.account.publicKey, signer);
    assert.deepEqual(findings(preload(S.account.publicKey, account), { 'op.jwt': op }), []);
    const trusted =
      conf(`trusted: ${S.operator.publicKey}`, 'resolver: MEMORY', 'resolver_preload {') +
      `  ${S.account.publicKey}: ${S.accountJwt}\n}\n`;
    assert.deepEqual(findings(trusted), []);
  });
});

describe('real material draws nothing', () => {
  test('an operator-mode server with preloads, pinned accounts and a leaf node remote with its credentials', () => {
    const text = conf(
      'port: 4222',
      'operator: op.jwt',
      `system_account: ${S.account.publicKey}`,
      'resolver: MEMORY',
      'resolver_preload {',
      `  ${S.account.publicKey}: ${S.accountJwt}`,
      '}',
      `resolver_pinned_accounts: [ ${S.account.publicKey} ]`,
      'leafnodes {',
      '  remotes: [',
      `    { url: "nats-leaf://127.0.0.1:7422", account: ${S.account.publicKey}, credentials: leaf.creds }`,
      '  ]',
      '}',
    );
    assert.deepEqual(findings(text, { 'op.jwt': S.operatorJwt, 'leaf.creds': S.creds }), []);
  });

  test('nkey users and accounts, with well-formed bcrypt users beside them', () => {
    const text = conf(
      'accounts {',
      '  A {',
      `    nkey: ${S.account.publicKey}`,
      `    users: [ { nkey: ${S.user.publicKey} }, { user: b, password: ${GOOD_HASH} } ]`,
      '  }',
      '}',
    );
    assert.deepEqual(findings(text), []);
  });
});
