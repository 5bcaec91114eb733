// The certificates, keys and CA bundles TLS blocks name, read as nats-server 2.9.10 reads them.
// Each refusal was checked against `nats-server -t -c` on files made with openssl (the wording in
// the messages is nats-server's); the certificates here are made the same way, at test time.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLanguageService, type ConfigHost } from '../../server/src/service';
import {
  certificateMatchesHost,
  chainsTo,
  normaliseIp,
  readCaBundle,
  readCertificates,
  readKeyPair,
  type CertificateSummary,
} from '../../server/src/service/tls/certificates';
import * as tlsFiles from '../../server/src/service/rules/tlsFiles';
import { decodePem } from '../../server/src/service/tls/pem';
import { tlsBlocksOf, tlsMaterial } from '../../server/src/service/tls/tlsBlock';
import { createPki, type Ca, type Issued, type Pki } from '../support/pki';
import { check, memoryHost, where } from '../support/service';

const TLS_CODES: ReadonlySet<string> = new Set(tlsFiles.codes);

let pki: Pki;
let ca: Ca;
let server: Issued;
let ecServer: Issued;
let files: Record<string, string>;

before(() => {
  pki = createPki();
  ca = pki.makeCa('Test CA');
  server = pki.issue(ca, { cn: 'nats-1', dns: ['localhost', 'nats-1.example.com'], ip: ['127.0.0.1', '::1'] });
  ecServer = pki.issue(ca, { cn: 'nats-ec', dns: ['localhost'], keyType: 'ec' });
  const other = pki.issue(pki.makeCa('Other CA'), { cn: 'other', dns: ['localhost'] });
  files = {
    'ca.pem': ca.cert,
    'server.pem': server.cert,
    'server-key.pem': server.key,
    'ec.pem': ecServer.cert,
    'ec-key.pem': ecServer.key,
    'other.pem': other.cert,
    'other-key.pem': other.key,
    'chain.pem': server.cert + ca.cert,
    'encrypted-key.pem': pki.encryptedKey(server).text,
    'encrypted-pkcs8-key.pem': pki.encryptedKey(server, { pkcs8: true }).text,
    'garbage.pem': 'not a certificate\n',
    'empty.pem': '',
    'broken.pem': '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n',
  };
  const dated = {
    old: pki.issue(ca, { cn: 'old', dns: ['localhost'], expired: true, name: 'old' }),
    future: pki.issue(ca, { cn: 'future', dns: ['localhost'], notYetValid: true, name: 'future' }),
    soon: pki.issue(ca, { cn: 'soon', dns: ['localhost'], days: 10, name: 'soon' }),
    today: pki.issue(ca, { cn: 'today', dns: ['localhost'], days: 1, name: 'today' }),
  };
  for (const [name, issued] of Object.entries(dated)) {
    files[`${name}.pem`] = issued.cert;
    files[`${name}-key.pem`] = issued.key;
  }
  const oldCa = pki.issue(ca, { cn: 'Old CA', isCa: true, expired: true, name: 'old-ca' });
  files['expired-ca.pem'] = oldCa.cert;
  files['bundle-with-expired.pem'] = ca.cert + oldCa.cert;
});
after(() => pki.cleanup());

/** Findings as `line:col code`, of the TLS file codes (or all, with `all`). */
function findings(text: string, options: { extra?: Record<string, string>; version?: string; all?: boolean } = {}) {
  const result = check(text, { files: { ...files, ...options.extra }, version: options.version });
  return result.diagnostics.filter((d) => options.all || TLS_CODES.has(d.code));
}
const codes = (text: string, options: Parameters<typeof findings>[1] = {}) => findings(text, options).map(where);

describe('TLS files nats-server refuses while reading the config', () => {
  test('a correct certificate, key and CA draw nothing at all, in every kind of block', () => {
    const block = 'tls { cert_file: "server.pem", key_file: "server-key.pem", ca_file: "ca.pem", verify: true }';
    const text =
      'host: 127.0.0.1\n' +
      `${block}\n` +
      `cluster { name: c, listen: 127.0.0.1:6222, ${block} }\n` +
      `leafnodes { listen: 127.0.0.1:7422, ${block} }\n` +
      `websocket { listen: 127.0.0.1:8080, ${block} }\n`;
    assert.deepEqual(
      findings(text, { all: true }).map((d) => `${where(d)} ${d.message}`),
      [],
    );
  });

  test("the setup guide's recipe (no SAN) and an EC key are read without a word", () => {
    const guide = pki.guideRecipe();
    const extra = { 'g.pem': guide.server.cert, 'g-key.pem': guide.server.key, 'g-ca.pem': guide.ca.cert };
    assert.deepEqual(codes('tls { cert_file: g.pem, key_file: g-key.pem, ca_file: g-ca.pem }\n', { extra }), []);
    assert.deepEqual(codes('tls { cert_file: ec.pem, key_file: ec-key.pem, ca_file: ca.pem }\n'), []);
    // A chain in cert_file, the leaf first; the CA bundle may hold a leaf too.
    assert.deepEqual(codes('tls { cert_file: chain.pem, key_file: server-key.pem, ca_file: server.pem }\n'), []);
  });

  test('cert_file that holds no PEM certificate: the error at its value, in nats-server words', () => {
    const [d] = findings('tls {\n  cert_file: "garbage.pem"\n  key_file: "server-key.pem"\n}\n');
    assert.equal(where(d), '2:14 tls-certificate-unreadable');
    assert.equal(d.severity, 'error');
    assert.equal(d.origin, 'server');
    assert.match(
      d.message,
      /^error parsing X509 certificate\/key pair: tls: failed to find any PEM data in certificate input\. /,
    );
    assert.deepEqual(codes('tls { cert_file: empty.pem, key_file: server-key.pem }\n'), [
      '1:18 tls-certificate-unreadable',
    ]);
    assert.match(
      findings('tls { cert_file: broken.pem, key_file: server-key.pem }\n')[0].message,
      /certificate\/key pair: x509: malformed certificate/,
    );
  });

  test('cert_file and key_file swapped', () => {
    const [d] = findings('tls { cert_file: server-key.pem, key_file: server.pem }\n');
    assert.equal(where(d), '1:18 tls-certificate-unreadable');
    assert.match(d.message, /but did find a private key; PEM inputs may have been switched\. .*swapped/);
  });

  test('key_file that holds no key, or a certificate', () => {
    const [d] = findings('tls {\n  cert_file: server.pem\n  key_file: garbage.pem\n}\n');
    assert.equal(where(d), '3:13 tls-key-unreadable');
    assert.match(d.message, /^error parsing X509 certificate\/key pair: tls: failed to find any PEM data in key input/);
    assert.match(
      findings('tls { cert_file: server.pem, key_file: ca.pem }\n')[0].message,
      /tls: found a certificate rather than a key in the PEM for the private key/,
    );
  });

  test('an encrypted key (traditional or PKCS #8)', () => {
    for (const key of ['encrypted-key.pem', 'encrypted-pkcs8-key.pem']) {
      const [d, ...rest] = findings(`tls {\n  cert_file: server.pem\n  key_file: ${key}\n}\n`);
      assert.deepEqual(rest, []);
      assert.equal(where(d), '3:13 tls-key-encrypted');
      assert.match(d.message, /^error parsing X509 certificate\/key pair: tls: failed to parse private key\. /);
      assert.match(d.message, /passphrase/);
    }
  });

  test('a key of another certificate, of the same type or not', () => {
    const [d] = findings('tls {\n  cert_file: server.pem\n  key_file: other-key.pem\n}\n');
    assert.equal(where(d), '3:13 tls-key-mismatch');
    assert.match(d.message, /tls: private key does not match public key\. .*CN=nats-1/);
    assert.match(
      findings('tls { cert_file: server.pem, key_file: ec-key.pem }\n')[0].message,
      /tls: private key type does not match public key type/,
    );
  });

  test('a ca_file without a certificate: with or without verify, in every block; only once the pair is read', () => {
    const [d] = findings('tls {\n  ca_file: garbage.pem\n}\n');
    assert.equal(where(d), '2:12 tls-ca-empty');
    assert.match(d.message, /^failed to parse root ca certificate\. /);
    const pair = 'cert_file: server.pem, key_file: server-key.pem';
    const e = 'empty.pem';
    const blocks = [
      `tls { ${pair}, ca_file: empty.pem }`,
      `tls { ${pair}, ca_file: server-key.pem, verify: true }`,
      `cluster { port: 6222, tls { ${pair}, ca_file: empty.pem } }`,
      `gateway { name: A, port: 7222, tls { ${pair}, ca_file: empty.pem } }`,
      `gateway { name: A, port: 7222, gateways: [ { name: B, url: "nats://h:1", tls { ${pair}, ca_file: ${e} } } ] }`,
      `leafnodes { port: 7422, tls { ${pair}, ca_file: empty.pem } }`,
      `leafnodes { remotes: [ { url: "nats://127.0.0.1:7422", tls { ${pair}, ca_file: empty.pem } } ] }`,
      `websocket { port: 8080, tls { ${pair}, ca_file: empty.pem } }`,
      `mqtt { port: 1883, tls { ${pair}, ca_file: empty.pem } }`,
      `resolver_tls { ${pair}, ca_file: empty.pem }`,
    ];
    for (const b of blocks)
      assert.deepEqual(
        findings(`${b}\n`).map((f) => f.code),
        ['tls-ca-empty'],
        b,
      );
    // Go stops at the pair: the CA bundle is not read.
    assert.deepEqual(codes('tls { cert_file: garbage.pem, key_file: server-key.pem, ca_file: empty.pem }\n'), [
      '1:18 tls-certificate-unreadable',
    ]);
    // One certificate Go reads is enough, however many blocks it skips.
    const extra = { 'mixed.pem': files['broken.pem'] + 'text\n' + ca.cert };
    assert.deepEqual(codes('tls { ca_file: mixed.pem }\n', { extra }), []);
    // A certificate block with headers is skipped by Go's pool.
    const headers = {
      'h.pem': ca.cert.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nA: b\n\n'),
    };
    assert.deepEqual(codes('tls { ca_file: h.pem }\n', { extra: headers }), ['1:16 tls-ca-empty']);
  });

  test('one finding per block, leaf remotes, websocket and mqtt included', () => {
    const text =
      'mqtt { port: 1883, tls { cert_file: garbage.pem, key_file: server-key.pem } }\n' +
      'websocket { port: 8080, tls { cert_file: server.pem, key_file: encrypted-key.pem } }\n' +
      'leafnodes { remotes: [ { url: "nats://h:7422", tls { cert_file: server.pem, key_file: other-key.pem } } ] }\n';
    assert.deepEqual(codes(text), [
      '1:37 tls-certificate-unreadable',
      '2:64 tls-key-encrypted',
      '3:87 tls-key-mismatch',
    ]);
  });

  test('nothing on what nats-server does not read: a missing file, a lone certificate, a parseTLS error', () => {
    // file-missing says it; no second finding.
    const missing = findings('tls { cert_file: nope.pem, key_file: garbage.pem, ca_file: empty.pem }\n', { all: true });
    assert.deepEqual(
      missing.map((d) => d.code),
      ['file-missing'],
    );
    assert.deepEqual(codes('tls { cert_file: server.pem, key_file: server-key.pem, ca_file: nope.pem }\n'), []);
    // tls-pair stops nats-server before it opens a file.
    assert.deepEqual(codes('tls { cert_file: garbage.pem }\n'), []);
    // parseTLS refuses the block first (map order is random in Go: any error there comes before the files).
    assert.deepEqual(codes('tls { cert_file: garbage.pem, key_file: server-key.pem, bogus: 1 }\n'), []);
    assert.deepEqual(
      codes('tls { cert_file: garbage.pem, key_file: x.pem, verify_cert_and_check_known_urls: true }\n', {
        extra: { 'x.pem': 'x' },
      }),
      [],
    );
  });

  test('a host that cannot tell files reads none', () => {
    const host: ConfigHost = { ...memoryHost({ ...files }), fileStatus: undefined };
    let reads = 0;
    const counting: ConfigHost = {
      ...host,
      readFile: (p) => {
        if (p !== 'main.conf') reads++;
        return host.readFile(p);
      },
    };
    const text = 'tls { cert_file: garbage.pem, key_file: server-key.pem }\n';
    const result = createLanguageService({ host: counting }).check({ path: 'main.conf', text });
    assert.deepEqual(
      result.diagnostics.filter((d) => TLS_CODES.has(d.code)),
      [],
    );
    assert.equal(reads, 0);
  });

  test('relative paths resolve against the working directory; absolute ones stay', () => {
    const host = memoryHost({ ...files, '/srv/nats/garbage.pem': 'x', 'run/server.pem': server.cert });
    const service = createLanguageService({ host: { ...host, cwd: 'run' } });
    const text = 'tls { cert_file: server.pem, key_file: /srv/nats/garbage.pem }\n';
    const result = service.check({ path: 'main.conf', text });
    assert.deepEqual(result.diagnostics.map(where), ['1:40 tls-key-unreadable']);
  });

  test('certs (2.10.8+): each pair, numbered as nats-server numbers them', () => {
    const text =
      'tls {\n  certs: [\n    { cert_file: server.pem, key_file: server-key.pem }\n' +
      '    { cert_file: ec.pem, key_file: server-key.pem }\n  ]\n}\n';
    const [d] = findings(text, { version: '2.10.8' });
    assert.equal(where(d), '4:36 tls-key-mismatch');
    assert.match(d.message, /^error parsing X509 certificate\/key pair 2\/2: tls: private key type does not match/);
  });
});

describe('certificates out of their validity period (advice)', () => {
  test('expired, not yet valid, expiring within 30 days', () => {
    const [expired] = findings('tls {\n  cert_file: old.pem\n  key_file: old-key.pem\n}\n');
    assert.equal(where(expired), '2:14 tls-expired');
    assert.equal(expired.severity, 'error');
    assert.equal(expired.origin, 'lint');
    assert.match(expired.message, /expired on \d{4}-\d\d-\d\d \(1 day ago\)/);
    const [future] = findings('tls {\n  cert_file: future.pem\n  key_file: future-key.pem\n}\n');
    assert.equal(where(future), '2:14 tls-expired');
    assert.match(future.message, /is not valid before/);
    const [soon] = findings('tls {\n  cert_file: soon.pem\n  key_file: soon-key.pem\n}\n');
    assert.equal(where(soon), '2:14 tls-expiring');
    assert.equal(soon.severity, 'warning');
    assert.match(soon.message, /expires in 9 days/);
    // Less than a day left (issued for a day): not "in 0 days".
    const [today] = findings('tls {\n  cert_file: today.pem\n  key_file: today-key.pem\n}\n');
    assert.match(today.message, /expires within a day \(/);
  });

  test('a CA bundle: an expired CA is an error alone, a warning beside valid ones', () => {
    const alone = findings('tls { ca_file: expired-ca.pem }\n');
    assert.deepEqual(
      alone.map((d) => `${where(d)} ${d.severity}`),
      ['1:16 tls-expired error'],
    );
    const beside = findings('tls { ca_file: bundle-with-expired.pem }\n');
    assert.deepEqual(
      beside.map((d) => `${where(d)} ${d.severity}`),
      ['1:16 tls-expired warning'],
    );
    assert.match(beside[0].message, /The CA 'CN=Old CA' in 'bundle-with-expired.pem' expired/);
  });
});

describe('reading PEM, certificates and host names as Go does', () => {
  test('PEM: text around blocks, headers, blocks Go skips', () => {
    const blocks = decodePem(`junk\n${ca.cert}more junk\n${files['encrypted-key.pem']}`);
    assert.deepEqual(
      blocks.map((b) => b.type),
      ['CERTIFICATE', 'RSA PRIVATE KEY'],
    );
    assert.equal(blocks[1].headers['Proc-Type'], '4,ENCRYPTED');
    // A wrong END type, bad base64 or a BEGIN not at a line start: no block.
    assert.deepEqual(decodePem('-----BEGIN A-----\nAAAA\n-----END B-----\n'), []);
    assert.deepEqual(decodePem('-----BEGIN A-----\n!!!!\n-----END A-----\n'), []);
    assert.deepEqual(decodePem('x -----BEGIN A-----\nAAAA\n-----END A-----\n'), []);
    assert.equal(decodePem('-----BEGIN A-----\r\nAAAA\r\n-----END A-----\r\n')[0]?.bytes.length, 3);
  });

  test('summary: names, SANs, key, usages', () => {
    const read = readKeyPair(server.cert, server.key);
    assert.ok('certificates' in read);
    const c = read.certificates[0];
    assert.equal(c.subject, 'CN=nats-1');
    assert.equal(c.issuer, 'CN=Test CA');
    assert.equal(c.commonName, 'nats-1');
    assert.deepEqual(c.dnsNames, ['localhost', 'nats-1.example.com']);
    assert.deepEqual(c.ipAddresses, ['127.0.0.1', '::1']);
    assert.equal(c.keyType, 'RSA');
    assert.equal(c.keyBits, 2048);
    assert.equal(c.isCA, false);
    assert.equal(c.extKeyUsage, undefined);
    assert.match(c.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const eku = pki.issue(ca, { cn: 'e', eku: ['serverAuth', 'clientAuth'] });
    const e = readCaBundle(eku.cert);
    assert.ok('certificates' in e);
    assert.deepEqual(e.certificates[0].extKeyUsage, ['serverAuth', 'clientAuth']);
    const ec = readCaBundle(ecServer.cert);
    assert.ok('certificates' in ec);
    assert.equal(ec.certificates[0].keyType, 'EC P-256');
    assert.equal(ec.certificates[0].keyBits, 256);
  });

  test("Go's VerifyHostname: SANs only, wildcards in the leftmost label, IPs against IP SANs", () => {
    const read = readCaBundle(server.cert);
    assert.ok('certificates' in read);
    const c = read.certificates[0];
    const w: CertificateSummary = { ...c, dnsNames: ['*.example.com', 'Exact.Name'], ipAddresses: ['10.0.0.1', '::1'] };
    const yes = ['a.example.com', 'A.EXAMPLE.COM.', 'exact.name', '10.0.0.1', '::ffff:10.0.0.1', '[::1]', '0:0::1'];
    const no = ['example.com', 'a.b.example.com', 'nats-1', '10.0.0.2', 'exact.name.x'];
    for (const h of yes) assert.equal(certificateMatchesHost(w, h), true, h);
    for (const h of no) assert.equal(certificateMatchesHost(w, h), false, h);
    // The Common Name is never used.
    assert.equal(certificateMatchesHost({ ...c, dnsNames: [] }, 'nats-1'), false);
    assert.equal(normaliseIp('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(normaliseIp('FE80:0:0:0:0:0:1:2'), 'fe80::1:2');
  });

  test('chains: directly, through an intermediate, not to another CA', () => {
    const inter = pki.issue(ca, { cn: 'Intermediate', isCa: true });
    const leaf = pki.issue(inter, { cn: 'leaf', dns: ['localhost'] });
    const one = (pem: string) => {
      const r = readCaBundle(pem);
      assert.ok('certificates' in r);
      return r.certificates[0];
    };
    const [root, mid, end, srv] = [one(ca.cert), one(inter.cert), one(leaf.cert), one(server.cert)];
    assert.equal(chainsTo(srv, [root]), true);
    assert.equal(chainsTo(end, [root]), false);
    assert.equal(chainsTo(end, [root], [mid]), true);
    assert.equal(chainsTo(srv, [one(files['other.pem'])]), false);
    assert.equal(chainsTo(srv, [srv]), true);
  });

  test('readCertificates resolves the path as nats-server does and reads only where files can be told', () => {
    const host = memoryHost({ 'run/ca.pem': ca.cert + ca.cert });
    const read = readCertificates({ ...host, cwd: 'run' }, 'ca.pem');
    assert.ok('certificates' in read);
    assert.equal(read.certificates.length, 2);
    assert.match((readCertificates(host, 'nope.pem') as { error: string }).error, /no such file/);
    assert.ok('error' in readCertificates({ ...host, fileStatus: undefined }, 'run/ca.pem'));
  });

  test('tlsMaterial: the files of a block, what Go reads of them, every block listed', () => {
    const text =
      'tls { cert_file: server.pem, key_file: server-key.pem, ca_file: ca.pem, verify: true, timeout: "2s",\n' +
      '  pinned_certs: ["ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789"] }\n' +
      'gateway { name: A, port: 7222, gateways: [ { name: B, url: "nats://h:7222", tls { ca_file: ca.pem } } ] }\n' +
      'leafnodes { remotes: [ { url: "nats://h:7422", tls { ca_file: ca.pem } } ] }\n';
    const service = createLanguageService({ host: memoryHost({ ...files, 'main.conf': text }) });
    const { model } = service.check({ path: 'main.conf', text });
    const blocks = tlsBlocksOf(model);
    assert.deepEqual(
      blocks.map((b) => `${b.where}${b.remote ? ` ${b.remote.index} ${b.remote.name ?? b.remote.url}` : ''}`),
      ['client', 'gateway remote 0 B', 'leaf remote 0 nats://h:7422'.replace('leaf ', 'leafnode ')],
    );
    const m = tlsMaterial(model, blocks[0].tls, blocks[0].where);
    assert.equal(m.certificate?.commonName, 'nats-1');
    assert.equal(m.cas[0]?.subject, 'CN=Test CA');
    assert.equal(m.keyFile?.read && 'key' in m.keyFile.read ? m.keyFile.read.matchesCertificate : undefined, true);
    assert.equal(m.verify, true);
    assert.equal(m.verifyForced, false);
    assert.equal(m.timeout, 2);
    assert.deepEqual(m.pinnedCerts, ['abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789']);
    assert.equal(m.refusal, undefined);
    assert.equal(tlsMaterial(model, blocks[1].tls, blocks[1].where).verifyForced, true);
  });
});
