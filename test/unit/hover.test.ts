// Hover from the service: each case is a config with `|` marking the cursor, and what the
// editor must show there.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { at } from '../support/cursor';
import { createPki, type Pki } from '../support/pki';

const hoverText = (marked: string) => {
  const { service, doc, offset } = at(marked);
  return service.hover(doc, offset)?.contents;
};

describe('hover', () => {
  test('a key: description, type, default, releases, docs', () => {
    const text = hoverText('cluster {\n  pool_|size: 3\n}\n')!;
    assert.match(text, /^\*\*pool_size\*\* \(cluster\)/);
    assert.match(text, /\*\*Available:\*\* since nats-server 2\.10\.0/);
    assert.match(text, /\*\*Default:\*\*/);
    assert.match(text, /\[Documentation\]\(https:\/\/docs\.nats\.io\//);
  });

  test("an option without a docs link of its own shows its block's; one with its own shows that", () => {
    const link = (marked: string) => /\[Documentation\]\(([^)]+)\)/.exec(hoverText(marked)!)?.[1];
    const conf = 'https://docs.nats.io/running-a-nats-service/configuration';
    assert.equal(link('cluster {\n  no_adver|tise: true\n}\n'), `${conf}/clustering/cluster_config`);
    assert.equal(link('cluster {\n  pool_|size: 3\n}\n'), `${conf}/clustering/v2_routes`);
    assert.equal(link('tls {\n  ver|ify: true\n}\n'), `${conf}/securing_nats/tls`);
  });

  test('the type in words, as validation says it', () => {
    assert.match(hoverText('lis|ten: 4222\n')!, /\*\*Type:\*\* a "host:port" string or a port number/);
    assert.match(hoverText('cluster {\n  rou|tes: []\n}\n')!, /\*\*Type:\*\* a list of URLs/);
    const sync = hoverText('jetstream {\n  sync|_interval: always\n}\n')!;
    assert.match(sync, /\*\*Type:\*\* a quoted duration such as "2m" or one of `always`/);
  });

  test('a size in bytes; the 2m trap; a duration in words', () => {
    assert.equal(
      hoverText('jetstream { max_memory_store: 1G|i }\n'),
      '`1Gi` = 1,073,741,824 bytes (binary: Gi is a power of 1024).',
    );
    assert.match(
      hoverText('ping_interval: 2|m\n')!,
      /2,000,000: a size, not a duration\. As ping_interval it means 2,000,000 seconds \(about 23 days\)/,
    );
    assert.equal(hoverText('write_deadline: "1|0s"\n'), 'A duration of 10 seconds.');
  });

  test('a $reference: its value and where it is defined', () => {
    assert.equal(hoverText('PORT: 4222\nport: $P|ORT\n'), '`$PORT` = `4222`, defined in this file on line 1.');
  });

  test('nothing to say between entries', () => {
    assert.equal(hoverText('port: 4222\n|\n'), undefined);
  });
});

describe('hover on the files of a TLS block', () => {
  let pki: Pki;
  const files: Record<string, string> = {};
  before(() => {
    pki = createPki();
    const ca = pki.makeCa('Hover CA');
    const server = pki.issue(ca, { cn: 'nats-1', dns: ['nats-1.example.com'], ip: ['10.0.0.1'], days: 100 });
    const ec = pki.issue(ca, { cn: 'ec', keyType: 'ec' });
    Object.assign(files, {
      'ca.pem': ca.cert,
      'server.pem': server.cert,
      'server-key.pem': server.key,
      'ec-key.pem': ec.key,
      'bad.pem': 'x',
    });
  });
  after(() => pki.cleanup());
  const tlsHover = (marked: string) => {
    const { service, doc, offset } = at(marked, { files });
    return service.hover(doc, offset)?.contents;
  };

  test('cert_file: subject, SANs, issuer, validity with days left, key, fingerprint, after the option text', () => {
    const text = tlsHover('tls {\n  cert_file: "ser|ver.pem"\n  key_file: "server-key.pem"\n}\n')!;
    assert.match(text, /\*\*Subject:\*\* `CN=nats-1`/);
    assert.match(text, /\*\*SANs:\*\* `DNS:nats-1\.example\.com`, `IP:10\.0\.0\.1`/);
    assert.match(text, /\*\*Issuer:\*\* `CN=Hover CA`/);
    assert.match(text, /\*\*Valid:\*\* \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d \(99 days left\)/);
    assert.match(text, /\*\*Key:\*\* RSA 2048 bits/);
    assert.match(text, /\*\*SHA-256:\*\* `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
    // On the key too, after the option's documentation.
    const onKey = tlsHover('tls {\n  cert_f|ile: "server.pem"\n  key_file: "server-key.pem"\n}\n')!;
    assert.match(onKey, /^\*\*cert_file\*\* \(TLS\)[\s\S]*---[\s\S]*\*\*Subject:\*\* `CN=nats-1`/);
  });

  test('key_file: type and size, and whether it is the certificate key', () => {
    assert.match(
      tlsHover('tls {\n  cert_file: "server.pem"\n  key_file: "server-k|ey.pem"\n}\n')!,
      /\*\*Key:\*\* RSA 2048 bits \(PRIVATE KEY\) {2}\nit is the private key of the certificate in cert_file/,
    );
    assert.match(
      tlsHover('tls {\n  cert_file: "server.pem"\n  key_file: "ec-k|ey.pem"\n}\n')!,
      /\*\*Key:\*\* EC P-256 \(PRIVATE KEY\) {2}\n\*\*it is not the private key of the certificate in cert_file\*\*/,
    );
  });

  test('ca_file: each CA with its validity; a file nats-server cannot read says why', () => {
    assert.match(
      tlsHover('cluster {\n  tls {\n    ca_file: "c|a.pem"\n  }\n}\n')!,
      /\*\*1 CA certificate\*\* {2}\n- `CN=Hover CA`: \S+ → \S+ \(\d+ days left\)/,
    );
    assert.equal(tlsHover('tls {\n  ca_file: "b|ad.pem"\n}\n'), 'nats-server: failed to parse root ca certificate.');
    // A missing file: nothing to add (file-missing says it).
    assert.equal(tlsHover('tls {\n  ca_file: "no|pe.pem"\n}\n'), undefined);
  });
});
