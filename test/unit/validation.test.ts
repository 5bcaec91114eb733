// Validation against the catalogue and the startup rules: each case is a config and what
// the checker must say about it (line:column code), for the release named.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfig } from '../../server/src/service';
import { check, memoryHost, where } from '../support/service';

function findings(text: string, version?: string, origin?: 'server' | 'lint'): string[] {
  return check(text, { version })
    .diagnostics.filter((d) => !origin || d.origin === origin)
    .filter((d) => d.code !== 'no-authorization')
    .map(where);
}

function message(text: string, code: string, version?: string): string {
  const d = check(text, { version }).diagnostics.find((x) => x.code === code);
  assert.ok(d, `expected a ${code} finding`);
  return d.message;
}

describe('unknown keys', () => {
  test('an unknown key, with the nearest known name', () => {
    assert.deepEqual(findings('port: 4222\nmax_paylod: 1MB\n'), ['2:1 unknown-key']);
    assert.match(message('max_paylod: 1MB\n', 'unknown-key'), /^unknown field "max_paylod": .* Did you mean 'max_payload'\?/);
  });

  test('keys match without regard to case', () => {
    assert.deepEqual(findings('PORT: 4222\nCluster { Port: 6222 }\n', '2.9'), []);
  });

  test('a key used as a $variable is no unknown field; unused, it is', () => {
    assert.deepEqual(findings('PORT: 4222\nport: $PORT\n'), []);
    assert.deepEqual(findings('PORT_X: 4222\n'), ['1:1 unknown-key']);
  });

  test('inside blocks', () => {
    assert.deepEqual(findings('cluster {\n  port: 6222\n  foo: 1\n}\n'), ['3:3 unknown-key']);
  });

  test('an option newer than the chosen release: unknown field, with the release it came in', () => {
    const text = 'cluster {\n  name: c\n  port: 6222\n  pool_size: 3\n}\n';
    assert.deepEqual(findings(text, '2.9'), ['4:3 option-version']);
    assert.match(message(text, 'option-version', '2.9'), /^unknown field "pool_size": 'pool_size' is available since nats-server 2\.10\.0/);
    assert.deepEqual(findings(text, '2.10'), []);
  });
});

describe('values', () => {
  test('ping_interval: 2m is 2,000,000 seconds, in every release', () => {
    for (const v of ['2.9', '2.10', '2.14']) {
      assert.deepEqual(findings('ping_interval: 2m\n', v), ['1:16 duration-as-size'], v);
    }
    assert.match(message('ping_interval: 2m\n', 'duration-as-size'), /'ping_interval' expects a duration such as "2m"; found the number 2000000, because an unquoted 2m is a size: nats-server takes it as 2000000 seconds \(about 23 days\)/);
  });

  test('durations: strings are checked as Go durations; plain integers are seconds with a warning', () => {
    assert.deepEqual(findings('ping_interval: "2m"\nwrite_deadline: 10s\n'), []);
    assert.deepEqual(findings('ping_interval: "2 minutes"\n'), ['1:16 duration-syntax']);
    assert.deepEqual(findings('ping_interval: 30\n'), ['1:16 duration-integer']);
  });

  test('wrong types say what was found and what is expected', () => {
    assert.deepEqual(findings('port: "abc"\n'), ['1:7 value-type']);
    assert.match(message('port: "abc"\n', 'value-type'), /'port' expects .*; found the string "abc"/);
    assert.deepEqual(findings('debug: "true"\n'), ['1:8 value-type']);
  });

  test('sizes: quoted strings only where nats-server reads them, with their binary meaning', () => {
    assert.deepEqual(findings('jetstream {\n  max_memory_store: "1G"\n}\n', undefined, 'server'), []);
    assert.deepEqual(findings('jetstream {\n  max_memory_store: "1Gi"\n}\n', undefined, 'server'), ['2:21 size-string']);
    assert.deepEqual(findings('max_payload: "1MB"\n', undefined, 'server'), ['1:14 value-type']);
  });

  test('ranges', () => {
    assert.deepEqual(findings('max_payload: 3000000000\n', undefined, 'server'), ['1:14 value-range']);
  });
});

describe('startup rules (nats-server -t does not check them)', () => {
  test('max_payload above max_pending', () => {
    assert.deepEqual(findings('max_payload: 100MB\n', undefined, 'server'), ['1:1 startup-max-payload']);
  });

  test('JetStream in a cluster needs server_name and cluster.name', () => {
    assert.deepEqual(findings('jetstream: enabled\ncluster { name: c, port: 6222 }\n', undefined, 'server'), ['1:1 startup-jetstream-cluster']);
    assert.deepEqual(findings('server_name: a\njetstream: enabled\ncluster { port: 6222 }\n', undefined, 'server'), ['2:1 startup-jetstream-cluster']);
    assert.deepEqual(findings('server_name: a\njetstream {}\ncluster { name: c, port: 6222, routes: [nats://b:6222] }\n', undefined, 'server'), []);
    // without routes (or a leafnode remote) a JetStream cluster cannot form: nats-server refuses to start
    assert.deepEqual(findings('server_name: a\njetstream {}\ncluster { name: c, port: 6222 }\n', undefined, 'server'), ['2:1 startup-jetstream-cluster']);
  });

  test('a JetStream domain with a dot', () => {
    assert.deepEqual(findings('jetstream { domain: "a.b" }\n', undefined, 'server'), ['1:21 startup-jetstream-domain']);
  });

  test('names with spaces: refused from 2.11, advice before', () => {
    assert.deepEqual(findings('server_name: "my server"\n', '2.11', 'server'), ['1:14 name-spaces']);
    assert.deepEqual(findings('server_name: "my server"\n', '2.9', 'server'), []);
    assert.deepEqual(findings('server_name: "my server"\n', '2.9', 'lint'), ['1:14 name-spaces']);
  });
});

describe('advice and silencing it', () => {
  test('trace left on, a plaintext password, verify without ca_file', () => {
    const text = 'trace: true\nauthorization { user: a, password: secret }\ntls { cert_file: a.pem, key_file: a.key, verify: true }\n';
    const codes = check(text).diagnostics.filter((d) => d.origin === 'lint').map((d) => d.code);
    assert.ok(codes.includes('trace-enabled'));
    assert.ok(codes.includes('plaintext-password'));
    assert.ok(codes.includes('tls-verify-without-ca'));
  });

  test('verify: false in route TLS: nats-server verifies route certificates anyway', () => {
    const text = 'cluster {\n  port: 6222\n  tls {\n    cert_file: a.pem\n    key_file: a.key\n    ca_file: ca.pem\n    verify: false\n  }\n}\n';
    assert.deepEqual(findings(text, undefined, 'lint'), ['7:5 route-tls-verify-ignored']);
    assert.deepEqual(findings(text.replace('cluster {\n  port: 6222\n', 'leafnodes {\n  port: 7422\n'), undefined, 'lint'), []);
  });

  test('a duplicate key: the first one has no effect', () => {
    assert.deepEqual(findings('port: 1\nport: 2\n', undefined, 'lint'), ['1:1 duplicate-key']);
  });

  test('# nats-conf-disable-next-line silences the next line: all findings, or the codes named', () => {
    assert.deepEqual(findings('# nats-conf-disable-next-line\nping_interval: 2m\n'), []);
    assert.deepEqual(findings('# nats-conf-disable-next-line duration-as-size\nping_interval: 2m\n'), []);
    assert.deepEqual(findings('# nats-conf-disable-next-line unknown-key\nping_interval: 2m\n'), ['2:16 duration-as-size']);
  });

  test('advice can be turned off by code', () => {
    const r = check('trace: true\n').diagnostics.map((d) => d.code);
    assert.ok(r.includes('trace-enabled'));
  });
});

describe('files nats-server opens', () => {
  test('a missing certificate; a relative path resolves against the working directory, and the message says where the file is instead', () => {
    const text = 'tls {\n  cert_file: "certs/server.pem"\n  key_file: "/etc/nats/key.pem"\n}\n';
    const host = memoryHost({ 'conf/nats.conf': text, 'conf/certs/server.pem': 'x', '/etc/nats/key.pem': 'x' });
    const found = checkConfig('conf/nats.conf', text, { host }).diagnostics.filter((d) => d.code === 'file-missing');
    assert.deepEqual(found.map(where), ['2:14 file-missing']);
    assert.match(found[0].message, /open certs\/server\.pem: no such file or directory\. It is at conf\/certs\/server\.pem, next to the config, but nats-server resolves 'cert_file' against its working directory/);
    const fromConf = checkConfig('conf/nats.conf', text, { host: { ...host, cwd: 'conf' } }).diagnostics.filter((d) => d.code === 'file-missing');
    assert.deepEqual(fromConf, []);
  });
});

describe('rules inside blocks', () => {
  const cases: [string, string, string[]][] = [
    ['an export that is both a stream and a service', 'accounts { A { exports: [ { stream: "a.>", service: "b.>" } ] } }\n', ['1:44 export-conflict']],
    ['a response type on a stream export', 'accounts { A { exports: [ { stream: "a.>", response: singleton } ] } }\n', ['1:44 export-conflict']],
    ['a stream import with prefix and to', 'accounts { B { imports: [ { stream: { account: A, subject: "a" }, prefix: p, to: x } ] } }\n', ['1:78 import-conflict']],
    ['a weighted mapping without weight', 'mappings { foo: [ { dest: bar } ] }\n', ['1:19 mapping-weight']],
    ['a weight that is not a percentage', 'mappings { foo: [ { dest: bar, weight: "half" } ] }\n', ['1:40 mapping-weight']],
    ['weights as numbers and NN%', 'mappings { foo: [ { dest: bar, weight: 50% }, { dest: baz, weight: 50 } ] }\n', []],
    ['cert_file beside certs', 'tls { cert_file: a.pem, key_file: a.key, certs: [ { cert_file: a.pem, key_file: a.key } ] }\n', ['1:7 tls-conflict']],
    ['known-URL verification in client TLS', 'tls { cert_file: a.pem, key_file: a.key, verify_cert_and_check_known_urls: true }\n', ['1:42 tls-context']],
    ['allow_responses in cluster permissions', 'cluster { port: 6222, permissions { publish: ">", allow_responses: true } }\n', ['1:23 cluster-permissions']],
    ['mqtt without JetStream, standalone', 'server_name: m\nmqtt { port: 1883 }\n', ['2:1 startup-mqtt']],
    ['mqtt without server_name', 'jetstream: enabled\nmqtt { port: 1883 }\n', ['2:1 startup-mqtt']],
  ];
  for (const [what, text, expected] of cases) {
    test(what, () => {
      const files = { 'a.pem': 'x', 'a.key': 'x' };
      const got = check(text, { files })
        .diagnostics.filter((d) => d.origin === 'server')
        .map(where);
      assert.deepEqual(got, expected);
    });
  }

  test('cipher names: nats-server\'s own table until 2.11, Go\'s names (insecure ones opt-in) from 2.12', () => {
    const tls = (suites: string) => `tls { cert_file: a.pem, key_file: a.key, cipher_suites: [${suites}] }\n`;
    const codes = (text: string, version: string) =>
      check(text, { files: { 'a.pem': 'x', 'a.key': 'x' }, version }).diagnostics.filter((d) => d.code === 'tls-cipher').map((d) => d.message);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305"'), '2.9'), []);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305"'), '2.12'), ['unrecognized cipher TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305 (from 2.12 nats-server takes the names Go uses)']);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"'), '2.12'), []);
    assert.match(codes(tls('"TLS_RSA_WITH_AES_128_CBC_SHA256"'), '2.12')[0], /without 'allow_insecure_cipher_suites'/);
  });

  test('listen beside port: the winner is random', () => {
    assert.deepEqual(findings('listen: 127.0.0.1:4222\nport: 4223\n', undefined, 'lint'), ['2:1 listen-conflict']);
  });

  test('a missing leaf node credentials file: the server starts, the connection fails (advice)', () => {
    const d = check('leafnodes { remotes: [ { url: "nats://hub:7422", credentials: "leaf.creds" } ] }\n').diagnostics.find((x) => x.code === 'file-missing');
    assert.equal(d?.origin, 'lint');
    assert.equal(d?.severity, 'warning');
  });
});
