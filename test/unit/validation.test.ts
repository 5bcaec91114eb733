// Validation against the catalogue and the startup rules: each case is a config and what
// the checker must say about it (line:column code), for the release named.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
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
    assert.match(
      message('max_paylod: 1MB\n', 'unknown-key'),
      /^unknown field "max_paylod": .* Did you mean 'max_payload'\?/,
    );
  });

  test(
    '"did you mean" is bounded: a runaway key gets no suggestion and an elided message; ' +
      'thousands of keys stay answered',
    () => {
      const huge = 'x'.repeat(1_000_000);
      const [d] = check(`${huge}: 1\n`).diagnostics.filter((x) => x.code === 'unknown-key');
      assert.ok(d.message.length < 400, `message of ${d.message.length} characters`);
      assert.match(d.message, /…\(1000000 characters\)/);
      assert.doesNotMatch(d.message, /Did you mean/);
      // Past the first 2,000 unknown keys of a file, no more suggestions (the work is bounded); typos before
      // are helped.
      const many = [
        'max_paylod: 1MB',
        ...Array.from({ length: 3000 }, (_, i) => `k${i}: ${i}`),
        'max_paylod_: 1MB',
      ].join('\n');
      const unknown = check(many).diagnostics.filter((x) => x.code === 'unknown-key');
      assert.equal(unknown.length, 3002);
      assert.match(unknown[0].message, /Did you mean 'max_payload'/);
      assert.doesNotMatch(unknown[3001].message, /Did you mean/);
    },
  );

  test('suggestions find typos of every kind the edit distance counts', () => {
    assert.match(message('lisen: "0.0.0.0:4222"\n', 'unknown-key'), /Did you mean 'listen'/); // a letter missing
    assert.match(message('prot: 4222\n', 'unknown-key'), /Did you mean 'port'/); // two letters swapped
    assert.match(message('jetstreamm: true\n', 'unknown-key'), /Did you mean 'jetstream'/); // one letter more
    assert.match(message('authorisation { user: a, password: b }\n', 'unknown-key'), /Did you mean 'authorization'/);
    assert.doesNotMatch(message('hello: 1\n', 'unknown-key'), /Did you mean/);
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
    assert.match(
      message(text, 'option-version', '2.9'),
      /^unknown field "pool_size": 'pool_size' is available since nats-server 2\.10\.0/,
    );
    assert.deepEqual(findings(text, '2.10'), []);
  });
});

describe('values', () => {
  test('ping_interval: 2m is 2,000,000 seconds, in every release', () => {
    for (const v of ['2.9', '2.10', '2.14']) {
      assert.deepEqual(findings('ping_interval: 2m\n', v), ['1:16 duration-as-size'], v);
    }
    assert.match(
      message('ping_interval: 2m\n', 'duration-as-size'),
      new RegExp(
        /'ping_interval' expects a duration such as "2m"; found the number 2000000, /.source +
          /because an unquoted 2m is a size: nats-server takes it as 2000000 seconds \(about 23 days\)/.source,
      ),
    );
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
    assert.deepEqual(findings('jetstream {\n  max_memory_store: "1Gi"\n}\n', undefined, 'server'), [
      '2:21 size-string',
    ]);
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
    assert.deepEqual(findings('jetstream: enabled\ncluster { name: c, port: 6222 }\n', undefined, 'server'), [
      '1:1 startup-jetstream-cluster',
    ]);
    assert.deepEqual(findings('server_name: a\njetstream: enabled\ncluster { port: 6222 }\n', undefined, 'server'), [
      '2:1 startup-jetstream-cluster',
    ]);
    assert.deepEqual(
      findings(
        'server_name: a\njetstream {}\ncluster { name: c, port: 6222, routes: [nats://b:6222] }\n',
        undefined,
        'server',
      ),
      [],
    );
    // without routes (or a leafnode remote) a JetStream cluster cannot form: nats-server refuses to start
    assert.deepEqual(findings('server_name: a\njetstream {}\ncluster { name: c, port: 6222 }\n', undefined, 'server'), [
      '2:1 startup-jetstream-cluster',
    ]);
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
    const text =
      'trace: true\n' +
      'authorization { user: a, password: secret }\n' +
      'tls { cert_file: a.pem, key_file: a.key, verify: true }\n';
    const codes = check(text)
      .diagnostics.filter((d) => d.origin === 'lint')
      .map((d) => d.code);
    assert.ok(codes.includes('trace-enabled'));
    assert.ok(codes.includes('plaintext-password'));
    assert.ok(codes.includes('tls-verify-without-ca'));
  });

  test(
    'plaintext passwords: once per users list, with how many, where nats-server warns; ' +
      'never for routes, gateways, leaf nodes',
    () => {
      const hash = '"$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG"';
      const users = Array.from({ length: 50 }, (_, i) => `{ user: u${i}, password: p${i} }`).join(', ');
      const text =
        `authorization { users: [ ${users}, { user: h, password: ${hash} } ] }\n` +
        'accounts { A { users: [ { user: a, password: pa } ] } }\n';
      const found = check(text).diagnostics.filter((d) => d.code === 'plaintext-password');
      assert.deepEqual(
        found.map((d) => [where(d), d.severity]),
        [
          ['1:17 plaintext-password', 'information'],
          ['2:16 plaintext-password', 'information'],
        ],
      );
      assert.match(
        found[0].message,
        /^50 of the 51 users here have plaintext passwords: nats-server logs "Plaintext passwords detected/,
      );
      assert.match(found[1].message, /^The user here has a plaintext password/);
      assert.deepEqual(findings(`authorization { user: a, password: ${hash} }\n`, undefined, 'lint'), []);
      const routes =
        'cluster { port: 6222, authorization { user: r, password: rp } }\n' +
        'gateway { name: g, port: 7222, authorization { user: g, password: gp } }\n' +
        'leafnodes { port: 7422, authorization { user: l, password: lp } }\n';
      assert.deepEqual(
        check(routes)
          .diagnostics.filter((d) => d.code === 'plaintext-password')
          .map(where),
        [],
      );
    },
  );

  test('sync_interval: always is a word of its own, not an unreadable duration (2.10+)', () => {
    assert.deepEqual(findings('jetstream { sync_interval: always }\n', '2.10'), []);
    assert.deepEqual(findings('jetstream { sync_interval: Always }\n'), []);
    assert.deepEqual(findings('jetstream { sync_interval: "30s" }\n'), []);
    assert.deepEqual(findings('jetstream { sync_interval: sometimes }\n'), ['1:28 duration-syntax']);
    assert.deepEqual(findings('jetstream { sync_interval: always }\n', '2.9'), ['1:13 option-version']);
  });

  test(
    '"$SYS" in quotes where an account name is meant is no variable mistake; ' + '"$NAME" where a variable exists is',
    () => {
      const sys =
        'system_account: "$SYS"\n' +
        'accounts { SYS: { users: [ ' +
        '{ user: s, password: "$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG" } ] } }\n';
      assert.deepEqual(
        check(sys)
          .diagnostics.filter((d) => d.code === 'quoted-variable')
          .map(where),
        [],
      );
      assert.deepEqual(
        findings('leafnodes { remotes: [ { url: "nats://hub:7422", account: "$G" } ] }\n', undefined, 'lint'),
        [],
      );
      // The name is defined as a variable in the config: the quotes are a mistake even for an account name.
      const defined =
        'ACC: APP\n' +
        'accounts { APP: { users: [ ' +
        '{ user: a, password: "$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG" } ] } }\n' +
        'no_auth_user: a\n' +
        'system_account: "$ACC"\n';
      assert.ok(check(defined).diagnostics.some((d) => d.code === 'quoted-variable'));
      // Free text (a server name) keeps the advice: an environment variable was meant.
      assert.deepEqual(
        check('server_name: "$NATS_SERVER_NAME"\n')
          .diagnostics.filter((d) => d.code === 'quoted-variable')
          .map(where),
        ['1:14 quoted-variable'],
      );
    },
  );

  test('no-authorization is not raised where clients must present certificates (mutual TLS is authentication)', () => {
    const tls = 'tls { cert_file: s.pem, key_file: s.key, ca_file: ca.pem, %s }\nport: 4222\n';
    const noAuth = (text: string) => check(text).diagnostics.filter((d) => d.code === 'no-authorization').length;
    assert.equal(noAuth(tls.replace('%s', 'verify: true')), 0);
    assert.equal(noAuth(tls.replace('%s', 'verify_and_map: true')), 0);
    assert.equal(noAuth(tls.replace('%s', 'verify: false')), 1);
    assert.equal(noAuth('port: 4222\n'), 1);
  });

  test('verify: false in route TLS: nats-server verifies route certificates anyway', () => {
    const text =
      'cluster {\n' +
      '  port: 6222\n' +
      '  tls {\n' +
      '    cert_file: a.pem\n' +
      '    key_file: a.key\n' +
      '    ca_file: ca.pem\n' +
      '    verify: false\n' +
      '  }\n' +
      '}\n';
    assert.deepEqual(findings(text, undefined, 'lint'), ['7:5 route-tls-verify-ignored']);
    assert.deepEqual(
      findings(text.replace('cluster {\n  port: 6222\n', 'leafnodes {\n  port: 7422\n'), undefined, 'lint'),
      [],
    );
  });

  test('a duplicate key: the first one has no effect', () => {
    assert.deepEqual(findings('port: 1\nport: 2\n', undefined, 'lint'), ['1:1 duplicate-key']);
  });

  test('# nats-conf-disable-next-line silences the next line: all findings, or the codes named', () => {
    assert.deepEqual(findings('# nats-conf-disable-next-line\nping_interval: 2m\n'), []);
    assert.deepEqual(findings('# nats-conf-disable-next-line duration-as-size\nping_interval: 2m\n'), []);
    assert.deepEqual(findings('# nats-conf-disable-next-line unknown-key\nping_interval: 2m\n'), [
      '2:16 duration-as-size',
    ]);
  });

  test('a directive naming a code no finding has: reported, with a near code or none (a long word is no typo)', () => {
    const near = check('# nats-conf-disable-next-line trace-enabld\ntrace: true\n').diagnostics;
    assert.match(near.find((d) => d.code === 'suppression-unknown')!.message, /did you mean 'trace-enabled'/);
    assert.ok(
      near.some((d) => d.code === 'trace-enabled'),
      'the misspelt directive silences nothing',
    );
    const word = 'x'.repeat(1_000_000);
    const far = check(`# nats-conf-disable-next-line ${word}\nport: 4222\n`).diagnostics;
    const unknown = far.filter((d) => d.code === 'suppression-unknown');
    assert.equal(unknown.length, 1);
    assert.doesNotMatch(unknown[0].message, /did you mean/);
  });

  test('advice can be turned off by code', () => {
    const r = check('trace: true\n').diagnostics.map((d) => d.code);
    assert.ok(r.includes('trace-enabled'));
  });
});

describe('files nats-server opens', () => {
  test(
    'a missing certificate; a relative path resolves against the working directory, ' +
      'and the message says where the file is instead',
    () => {
      const text = 'tls {\n  cert_file: "certs/server.pem"\n  key_file: "/etc/nats/key.pem"\n}\n';
      const host = memoryHost({ 'conf/nats.conf': text, 'conf/certs/server.pem': 'x', '/etc/nats/key.pem': 'x' });
      const found = createLanguageService({ host })
        .check({ path: 'conf/nats.conf', text: text })
        .diagnostics.filter((d) => d.code === 'file-missing');
      assert.deepEqual(found.map(where), ['2:14 file-missing']);
      assert.match(
        found[0].message,
        new RegExp(
          /open certs\/server\.pem: no such file or directory\. It is at conf\/certs\/server\.pem, /.source +
            /next to the config, but nats-server resolves 'cert_file' against its working directory/.source,
        ),
      );
      const fromConf = createLanguageService({ host: { ...host, cwd: 'conf' } })
        .check({ path: 'conf/nats.conf', text: text })
        .diagnostics.filter((d) => d.code === 'file-missing');
      assert.deepEqual(fromConf, []);
    },
  );
});

describe('rules inside blocks', () => {
  const cases: [string, string, string[]][] = [
    [
      'an export that is both a stream and a service',
      'accounts { A { exports: [ { stream: "a.>", service: "b.>" } ] } }\n',
      ['1:44 export-conflict'],
    ],
    [
      'a response type on a stream export',
      'accounts { A { exports: [ { stream: "a.>", response: singleton } ] } }\n',
      ['1:44 export-conflict'],
    ],
    [
      'a stream import with prefix and to',
      'accounts { B { imports: [ { stream: { account: A, subject: "a" }, prefix: p, to: x } ] } }\n',
      ['1:78 import-conflict'],
    ],
    ['a weighted mapping without weight', 'mappings { foo: [ { dest: bar } ] }\n', ['1:19 mapping-weight']],
    [
      'a weight that is not a percentage',
      'mappings { foo: [ { dest: bar, weight: "half" } ] }\n',
      ['1:40 mapping-weight'],
    ],
    ['weights as numbers and NN%', 'mappings { foo: [ { dest: bar, weight: 50% }, { dest: baz, weight: 50 } ] }\n', []],
    [
      'cert_file beside certs',
      'tls { cert_file: a.pem, key_file: a.key, certs: [ { cert_file: a.pem, key_file: a.key } ] }\n',
      ['1:7 tls-conflict'],
    ],
    [
      'known-URL verification in client TLS',
      'tls { cert_file: a.pem, key_file: a.key, verify_cert_and_check_known_urls: true }\n',
      ['1:42 tls-context'],
    ],
    [
      'allow_responses in cluster permissions',
      'cluster { port: 6222, permissions { publish: ">", allow_responses: true } }\n',
      ['1:23 cluster-permissions'],
    ],
    ['mqtt without JetStream, standalone', 'server_name: m\nmqtt { port: 1883 }\n', ['2:1 startup-mqtt']],
    [
      'mqtt in a cluster without server_name',
      'cluster { name: c, port: 6222 }\nmqtt { port: 1883 }\n',
      ['2:1 startup-mqtt'],
    ],
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

  test("cipher names: nats-server's own table until 2.11, Go's names (insecure ones opt-in) from 2.12", () => {
    const tls = (suites: string) => `tls { cert_file: a.pem, key_file: a.key, cipher_suites: [${suites}] }\n`;
    const codes = (text: string, version: string) =>
      check(text, { files: { 'a.pem': 'x', 'a.key': 'x' }, version })
        .diagnostics.filter((d) => d.code === 'tls-cipher')
        .map((d) => d.message);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305"'), '2.9'), []);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305"'), '2.12'), [
      'unrecognized cipher TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305 (from 2.12 nats-server takes the names Go uses)',
    ]);
    assert.deepEqual(codes(tls('"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"'), '2.12'), []);
    assert.match(codes(tls('"TLS_RSA_WITH_AES_128_CBC_SHA256"'), '2.12')[0], /without 'allow_insecure_cipher_suites'/);
  });

  test('listen beside port: the winner is random', () => {
    assert.deepEqual(findings('listen: 127.0.0.1:4222\nport: 4223\n', undefined, 'lint'), ['2:1 listen-conflict']);
    assert.deepEqual(findings('listen: 127.0.0.1:4222\nhost: 0.0.0.0\n', undefined, 'lint'), ['2:1 listen-conflict']);
    assert.deepEqual(findings('http: "0.0.0.0:8222"\nhttp_port: 8223\n', undefined, 'lint'), ['2:1 listen-conflict']);
    // The port agrees, the host does not: still random.
    assert.deepEqual(findings('listen: 127.0.0.1:4222\nport: 4222\nhost: 0.0.0.0\n', undefined, 'lint'), [
      '3:1 listen-conflict',
    ]);
  });

  test('listen beside a port or host that says the same: every order gives one address, no finding', () => {
    assert.deepEqual(findings('listen: 127.0.0.1:4222\nport: 4222\nhost: 127.0.0.1\n', undefined, 'lint'), []);
    assert.deepEqual(findings('cluster { port: 6222, listen: 0.0.0.0:6222 }\n', undefined, 'lint'), []);
    assert.deepEqual(findings('http: "0.0.0.0:8222"\nhttp_port: 8222\n', undefined, 'lint'), []);
    assert.deepEqual(findings('http: 8222\nhttp_port: 8222\n', undefined, 'lint'), []);
  });

  test('a missing leaf node credentials file: the server starts, the connection fails (advice)', () => {
    const d = check(
      'leafnodes { remotes: [ { url: "nats://hub:7422", credentials: "leaf.creds" } ] }\n',
    ).diagnostics.find((x) => x.code === 'file-missing');
    assert.equal(d?.origin, 'lint');
    assert.equal(d?.severity, 'warning');
  });
});

describe('releases that read a value differently', () => {
  // Stand-ins, not certificates: what nats-server makes of their content is tlsFiles.test.ts's business.
  const files = { 'a.pem': 'x', 'a.key': 'x' };
  const at = (text: string, version: string) =>
    check(text, { version, files })
      .diagnostics.filter((d) => d.code !== 'no-authorization' && d.code !== 'tls-certificate-unreadable')
      .map((d) => `${where(d)} ${d.severity} ${d.origin}`);

  test('mqtt needs a server_name: always before 2.10.4, from then on only beside a cluster or gateway', () => {
    const standalone = 'jetstream: enabled\nmqtt { port: 1883 }\n';
    assert.deepEqual(at(standalone, '2.10.3'), ['2:1 startup-mqtt error server']);
    assert.deepEqual(at(standalone, '2.10.4'), []);
    assert.deepEqual(at(standalone, '2.14'), []);
  });

  test(
    'mqtt consumer_replicas: refused above stream_replicas before 2.9.12, ' +
      'then ignored with a warning that fails -t',
    () => {
      const text =
        'server_name: m\njetstream: enabled\nmqtt { port: 1883, stream_replicas: 1, consumer_replicas: 3 }\n';
      assert.deepEqual(at(text, '2.9.11'), ['3:40 startup-mqtt error server']);
      assert.deepEqual(at(text, '2.9.12'), ['3:40 mqtt-consumer-replicas warning server']);
      assert.deepEqual(at(text, '2.12'), ['3:40 mqtt-consumer-replicas warning server']);
    },
  );

  test('leafnodes reconnect: whole seconds before 2.10.12 (a duration is refused), a duration from then on', () => {
    assert.deepEqual(at('leafnodes { reconnect: "2s" }\n', '2.9'), ['1:24 value-version error server']);
    assert.match(
      check('leafnodes { reconnect: "2s" }\n', { version: '2.10.11' }).diagnostics[0].message,
      /Write 2 \(seconds\)/,
    );
    assert.deepEqual(at('leafnodes { reconnect: 2 }\n', '2.10.11'), []);
    assert.deepEqual(at('leafnodes { reconnect: "2s" }\n', '2.10.12'), []);
    assert.deepEqual(at('leafnodes { reconnect: 2 }\n', '2.11'), ['1:24 duration-integer warning server']);
  });

  test('authorization timeout: a string is silently 1 second before 2.11.2; websocket and mqtt never read one', () => {
    const auth =
      'authorization { token: "$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG", timeout: "5s" }\n';
    assert.deepEqual(at(auth, '2.11.1'), ['1:97 value-unread warning lint']);
    assert.match(
      check(auth, { version: '2.9' }).diagnostics.find((d) => d.code === 'value-unread')!.message,
      /uses a timeout of 1 second instead\. Write 5 \(seconds\)/,
    );
    assert.deepEqual(at(auth, '2.11.2'), []);
    assert.deepEqual(at('cluster { port: 6222, authorization { user: r, password: p, timeout: "5s" } }\n', '2.10'), [
      '1:70 value-unread warning lint',
    ]);
    const ws = 'websocket { port: 8080, no_tls: true, authorization { user: a, password: b, timeout: "5s" } }\n';
    assert.deepEqual(
      at(ws, '2.14').filter((x) => !x.includes('plaintext')),
      ['1:86 value-unread warning lint'],
    );
    assert.deepEqual(
      at(ws.replace('"5s"', '5'), '2.14').filter((x) => !x.includes('plaintext')),
      [],
    );
  });

  test('tls handshake_first: only true or false before 2.10.4; words and a fallback delay from then on', () => {
    const tls = (v: string) => `tls { cert_file: a.pem, key_file: a.key, handshake_first: ${v} }\n`;
    assert.deepEqual(at(tls('auto'), '2.10.3'), ['1:59 value-version error server']);
    assert.deepEqual(at(tls('true'), '2.10.3'), []);
    assert.deepEqual(at(tls('auto'), '2.10.4'), []);
    assert.deepEqual(at(tls('"50ms"'), '2.10.4'), []);
    assert.deepEqual(at(tls('sometimes'), '2.10.4'), ['1:59 value-enum error server']);
  });
});

describe(
  'refusals at start that reading the options lets through ' +
    '(nats-server 2.9.10 agrees, see the differential corpus)',
  () => {
    const codes = (text: string, version?: string) =>
      check(text, { version })
        .diagnostics.filter((d) => d.origin === 'server')
        .map(where);
    const hash = '"$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG"';

    test(
      'the system account must be an account nats-server can find; ' + 'a full or cache resolver needs an operator',
      () => {
        assert.deepEqual(codes('system_account: SYS\n'), ['1:17 startup-system-account']);
        assert.match(
          message('system_account: "$SYS"\n', 'startup-system-account'),
          /^error resolving system account: account missing/,
        );
        assert.match(
          message('resolver: MEMORY\nsystem_account: SYS\n', 'startup-system-account'),
          /will only fetch valid account keys/,
        );
        assert.deepEqual(
          codes(`system_account: SYS\naccounts { SYS { users: [ { user: a, password: ${hash} } ] } }\n`),
          [],
        );
        assert.deepEqual(codes('accounts: [ A, B ]\nsystem_account: A\n'), []);
        assert.deepEqual(
          codes('resolver: MEMORY\nsystem_account: ADLUHJRSGJAK7ZM5HHU5WAB6ZQ6NCRBXK4XGHWLWLHEDXQLVB6NDWVZH\n'),
          [],
        );
        assert.deepEqual(codes('resolver { type: full, dir: "./jwt" }\n'), ['1:1 startup-resolver']);
        assert.deepEqual(codes('resolver: MEMORY\n'), []);
      },
    );

    test(
      'no_auth_user must name a user (or, from 2.10.8, an nkey), ' +
        'and not in operator mode; the wording changed in 2.10.8',
      () => {
        const nkey = 'UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4';
        assert.match(
          message('no_auth_user: a\n', 'startup-no-auth-user', '2.9'),
          /^no_auth_user: "a" present, but users are not defined/,
        );
        assert.match(
          message('no_auth_user: a\n', 'startup-no-auth-user', '2.10.8'),
          /^no_auth_user: "a" present, but users\/nkeys are not defined/,
        );
        const users = `authorization { users: [ { user: b, password: ${hash} }, { nkey: ${nkey} } ] }\n`;
        assert.match(
          message(`${users}no_auth_user: a\n`, 'startup-no-auth-user', '2.9'),
          /not present as user in authorization block/,
        );
        assert.match(
          message(`${users}no_auth_user: a\n`, 'startup-no-auth-user'),
          /not present as user or nkey in authorization block/,
        );
        assert.deepEqual(codes(`${users}no_auth_user: b\n`, '2.9'), []);
        assert.deepEqual(codes(`${users}no_auth_user: ${nkey}\n`, '2.10.8'), []);
        assert.deepEqual(codes(`${users}no_auth_user: ${nkey}\n`, '2.10.7'), ['2:15 startup-no-auth-user']);
        assert.deepEqual(codes(`accounts { A { users: [ { user: a, password: ${hash} } ] } }\nno_auth_user: a\n`), []);
      },
    );

    test('gateways: a name needs a port, and each remote gateway a name and a URL', () => {
      assert.deepEqual(codes('gateway { name: A }\n'), ['1:11 startup-gateway']);
      assert.match(
        message('gateway { name: A }\n', 'startup-gateway'),
        /^gateway "A" has no port specified \(select -1 for random port\)/,
      );
      assert.deepEqual(codes('gateway { name: A, port: -1, gateways: [ { name: B }, { urls: [nats://b:7222] } ] }\n'), [
        '1:42 startup-gateway',
        '1:55 startup-gateway',
      ]);
      assert.deepEqual(codes('gateway { name: A, port: -1, gateways: [ { name: B, urls: [nats://b:7222] } ] }\n'), []);
    });

    test(
      'leaf nodes: bound accounts must exist, remotes not mix websocket URLs, ' +
        'a listener beside a gateway needs a system account',
      () => {
        assert.deepEqual(codes('leafnodes { port: 7422, authorization { account: NOPE } }\n'), [
          '1:50 startup-leafnodes',
        ]);
        assert.deepEqual(codes('leafnodes { remotes: [ { url: nats://hub:7422, account: NOPE } ] }\n'), [
          '1:57 startup-leafnodes',
        ]);
        assert.deepEqual(
          codes(
            'leafnodes { remotes: [ { url: nats://hub:7422, account: "$G" }, ' +
              '{ url: nats://hub:7422, account: "$SYS" } ] }\n',
          ),
          [],
        );
        assert.deepEqual(codes('leafnodes { remotes: [ { urls: [ws://a:1, nats://b:2] } ] }\n'), [
          '1:26 startup-leafnodes',
        ]);
        assert.deepEqual(codes('leafnodes { port: 7422 }\ngateway { name: A, port: 7222 }\n'), [
          '1:1 startup-leafnodes',
        ]);
        assert.deepEqual(
          codes(
            'system_account: SYS\n' +
              `accounts { SYS { users: [ { user: a, password: ${hash} } ] } }\n` +
              'leafnodes { port: 7422 }\n' +
              'gateway { name: A, port: 7222 }\n',
          ),
          [],
        );
        assert.deepEqual(
          codes('leafnodes { remotes: [ { url: nats://hub:7422 } ] }\ngateway { name: A, port: 7222 }\n'),
          [],
        );
      },
    );

    test(
      'websocket and mqtt: their own user or token beside users or nkeys; ' +
        'HTTPS monitoring without TLS; JetStream on the system account',
      () => {
        const ws = 'websocket { port: 8080, no_tls: true, authorization { username: w, password: p } }\n';
        assert.deepEqual(codes(`authorization { users: [ { user: a, password: ${hash} } ] }\n${ws}`), [
          '2:55 startup-auth-conflict',
        ]);
        assert.deepEqual(codes(`accounts { APP { users: [ { user: a, password: ${hash} } ] } }\n${ws}`), [
          '2:55 startup-auth-conflict',
        ]);
        assert.deepEqual(codes(ws), []);
        assert.deepEqual(codes('https_port: 8443\n'), ['1:1 startup-monitoring']);
        assert.deepEqual(
          codes('https_port: 8443\ntls { cert_file: a.pem, key_file: a.key }\n').filter((c) =>
            c.includes('monitoring'),
          ),
          [],
        );
        const js =
          'jetstream: enabled\n' +
          `accounts { SYS { jetstream: enabled, users: [ { user: a, password: ${hash} } ] } }\n` +
          'system_account: SYS\n';
        assert.deepEqual(codes(js), ['2:18 startup-jetstream-system']);
        assert.deepEqual(codes(js.replace('jetstream: enabled\n', '')), []);
      },
    );
  },
);

describe('subject mappings, as nats-server adds them', () => {
  const at = (text: string, version: string) =>
    check(text, { version })
      .diagnostics.filter((d) => d.code !== 'no-authorization')
      .map((d) => `${where(d)} ${d.origin}`);

  test(
    'an unquoted destination with a function is cut at the first }: ' +
      'refused in 2.9 when the source has wildcards, silently wrong otherwise; the fix quotes it',
    () => {
      const text = 'mappings {\n  orders.*: orders.central.{{wildcard(1)}}\n}\n';
      assert.deepEqual(at(text, '2.9'), ['2:13 mapping-destination server']);
      const [d] = check(text, { version: '2.9' }).diagnostics;
      assert.match(
        d.message,
        new RegExp(
          /^Error adding mapping for "orders\.\*" to "orders\.central\.\{\{wildcard\(1\)" /.source +
            /: invalid mapping destination: not using all of the token wildcard\(s\)/.source,
        ),
      );
      assert.deepEqual(at(text, '2.10'), ['2:13 mapping-destination lint']);
      assert.match(
        check(text).diagnostics[0].message,
        /maps "orders\.\*" to the literal subject "orders\.central\.\{\{wildcard\(1\)" without a word/,
      );
      const fix = check(text).diagnostics[0].fixes![0];
      assert.equal(fix.title, 'Quote the destination: "orders.central.{{wildcard(1)}}"');
      const edit = fix.edits[0];
      const lines = text.split('\n');
      lines[1] =
        lines[1].slice(0, edit.range.start.character) + edit.newText + lines[1].slice(edit.range.end.character);
      assert.deepEqual(at(lines.join('\n'), '2.9'), []);
      assert.deepEqual(at(lines.join('\n'), '2.14'), []);
    },
  );

  test('destinations nats-server refuses while reading the config, by release', () => {
    const map = (src: string, dest: string) => `mappings {\n  "${src}": "${dest}"\n}\n`;
    for (const [src, dest] of [
      ['a.*', 'b.{{foo(1)}}'],
      ['a.*', 'b.{{left(1,2)}}'],
      ['a.*', 'b.{{wildcard(2)}}'],
      ['a.*', 'b.$2'],
      ['a.*', 'b.*'],
      ['a.>', 'b'],
      ['a.*', 'b..c'],
      ['a.*', 'b.{{wildcard()}}'],
      ['a.*', 'b.{{WILDCARD(1)}}'],
    ]) {
      for (const v of ['2.9', '2.14'])
        assert.deepEqual(
          at(map(src, dest), v),
          [`2:${src.length + 7} mapping-destination server`],
          `${src} -> ${dest} (${v})`,
        );
    }
    // 2.9 only: every wildcard used; from 2.10 only: a function with a literal source.
    assert.deepEqual(at(map('a.*', 'b'), '2.9'), ['2:10 mapping-destination server']);
    assert.deepEqual(at(map('a.*', 'b'), '2.10'), []);
    assert.deepEqual(at(map('a', 'b.{{wildcard(1)}}'), '2.9'), []);
    assert.deepEqual(at(map('a', 'b.{{wildcard(1)}}'), '2.10'), ['2:8 mapping-destination server']);
    assert.deepEqual(at(map('a.*', 'b.{{random(5)}}'), '2.11'), ['2:10 mapping-destination server']);
    assert.deepEqual(at(map('a.*', 'b.{{wildcard(1)}}.{{random(5)}}'), '2.12'), []);
    for (const [src, dest] of [
      ['a.*', '{{wildcard(0)}}'],
      ['a.*', '{{ Wildcard(1) }}'],
      ['a.*.*', 'b.{{wildcard(2)}}.{{wildcard(1)}}'],
      ['a.*', 'b.{{splitFromLeft(1,2)}}'],
      ['a.*.>', 'b.$1.>'],
      ['a.>', 'b.>'],
    ]) {
      for (const v of ['2.9', '2.14']) assert.deepEqual(at(map(src, dest), v), [], `${src} -> ${dest} (${v})`);
    }
  });

  test(
    'weighted lists: a destination twice, weights over 100 ' +
      '(2.9: all together, and its reporting bug; 2.10: per cluster)',
    () => {
      const list = (...entries: string[]) =>
        `mappings {\n  orders: [\n${entries.map((e) => `    { ${e} }\n`).join('')}  ]\n}\n`;
      const split = list('destination: orders.a, weight: 60%', 'destination: orders.b, weight: 50%, cluster: c2');
      assert.deepEqual(at(split, '2.9'), ['4:5 mapping-weight server']);
      assert.match(
        check(split, { version: '2.9' }).diagnostics[0].message,
        new RegExp(
          /says only "interface conversion: interface \{\} is \[\]interface \{\}, not string"/.source +
            /.*the weights add up to more than 100/.source,
        ),
      );
      assert.deepEqual(at(split, '2.10'), []);
      const over = list('destination: orders.a, weight: 60', 'destination: orders.b, weight: 50');
      assert.deepEqual(at(over, '2.14'), ['4:5 mapping-weight server']);
      assert.match(
        check(over).diagnostics[0].message,
        /^Error adding mapping for "orders" : total weight needs to be <= 100/,
      );
      const twice = list('destination: orders.a, weight: 60%', 'destination: orders.a, weight: 20%, cluster: c2');
      assert.deepEqual(at(twice, '2.14'), ['4:5 mapping-weight server']);
      assert.deepEqual(at(list('destination: orders.a, weight: 60%', 'destination: orders.b, weight: 40%'), '2.9'), []);
    },
  );
});

describe('listeners: what nats-server can read, bind and open side by side', () => {
  const codes = (text: string) =>
    check(text)
      .diagnostics.filter((d) => d.code !== 'no-authorization')
      .map(where);

  test(
    'listen is read as Go splits "host:port": ' +
      'a path, an IPv6 address without brackets, a bare port in quotes are refused by -t',
    () => {
      assert.deepEqual(codes('listen: /var/run/nats.sock\n'), ['1:9 listen-syntax']);
      assert.match(
        message('listen: /var/run/nats.sock\n', 'listen-syntax'),
        /^could not parse address string "\/var\/run\/nats.sock"/,
      );
      assert.deepEqual(codes('listen: "::1:4222"\n'), ['1:9 listen-syntax']);
      assert.deepEqual(codes('listen: "4222"\n'), ['1:9 listen-syntax']);
      assert.match(
        message('cluster { listen: "nats://10.0.0.1:6222" }\n', 'listen-syntax'),
        /^could not parse address string "nats:\/\/10.0.0.1:6222"/,
      );
      assert.match(
        message('cluster { listen: "unix:///tmp/s" }\n', 'listen-syntax'),
        /^could not parse port "\/\/\/tmp\/s"/,
      );
      for (const ok of [
        'listen: "[::1]:4222"',
        'listen: ":4222"',
        'listen: 4222',
        'listen: "localhost:4222"',
        'listen: 0.0.0.0:-1',
        'http: "127.0.0.1:8222"',
      ]) {
        assert.deepEqual(codes(`${ok}\n`), [], ok);
      }
    },
  );

  test('a host that is no address is refused at start, and never called "any address"', () => {
    assert.deepEqual(codes('host: /var/run/nats.sock\n'), ['1:7 startup-host']);
    assert.deepEqual(codes('cluster { host: "unix:///tmp/s", port: 6222 }\n'), ['1:17 startup-host']);
    assert.deepEqual(codes('host: "my host"\n'), ['1:7 startup-host']);
    const advice = check('host: /var/run/nats.sock\n').diagnostics.filter((d) => d.code === 'no-authorization');
    assert.deepEqual(advice, []);
    for (const ok of [
      'host: nats-1.example.com',
      'host: nats_1',
      'host: "::"',
      'host: "::1"',
      'host: "fe80::1%eth0"',
      'host: "::ffff:10.0.0.1"',
      'host: 10.0.0.5',
      'host: ""',
      'host: localhost',
    ])
      assert.deepEqual(codes(`${ok}\n`), [], ok);
    // An IPv6 address in brackets (nats-server adds its own), an address with its port, a number no address has.
    assert.match(
      message('host: "[::1]"\n', 'startup-host'),
      /written without brackets .*missing port in address.*Write ::1/,
    );
    assert.deepEqual(codes('host: "127.0.0.1:4222"\n'), ['1:7 startup-host']);
    assert.deepEqual(codes('host: 256.1.1.1\n'), ['1:7 startup-host']);
  });

  test('a port outside 1–65535, as a size suffix makes it, is refused at start', () => {
    assert.deepEqual(codes('port: 1MB\n'), ['1:7 startup-port']);
    assert.match(
      message('port: 1MB\n', 'startup-port'),
      /client port 1048576 \(1MB is a size: 1,048,576\) is outside 1–65535/,
    );
    assert.deepEqual(codes('cluster { port: 70000 }\n'), ['1:17 startup-port']);
    assert.deepEqual(codes('leafnodes { port: -2 }\n'), ['1:19 startup-port']);
    assert.deepEqual(codes('port: -1\ncluster { port: -1 }\nhttp_port: 0\n'), []);
  });

  test('two listeners of one config on one port of one host: the second cannot bind', () => {
    assert.deepEqual(codes('port: 4222\ncluster { port: 4222 }\n'), ['2:17 startup-port-clash']);
    assert.match(
      message('port: 4222\ncluster { port: 4222 }\n', 'startup-port-clash'),
      /cluster port 4222 is the client port too \(line 1\)/,
    );
    assert.deepEqual(codes('cluster { port: 4222 }\n'), ['1:17 startup-port-clash']); // the default client port
    assert.deepEqual(codes('http_port: 4222\n'), ['1:12 startup-port-clash']);
    assert.deepEqual(codes('http: "127.0.0.1:6222"\ncluster { port: 6222 }\n'), ['2:17 startup-port-clash']);
    assert.deepEqual(codes('websocket { port: 7422, no_tls: true }\nleafnodes { port: 7422 }\n'), [
      '2:19 startup-port-clash',
    ]);
    // Different addresses, random ports, a listener that is off, listen beside port (random winner: not guessed).
    assert.deepEqual(codes('host: 127.0.0.1\nport: 4222\ncluster { host: 127.0.0.2, port: 4222 }\n'), []);
    assert.deepEqual(codes('host: "::"\nport: 4222\ncluster { host: 0.0.0.0, port: 4222 }\n'), [
      '3:32 startup-port-clash',
    ]);
    assert.deepEqual(codes('host: "::1"\nport: 4222\ncluster { host: 127.0.0.1, port: 4222 }\n'), []);
    assert.deepEqual(codes('port: -1\ncluster { port: -1 }\nleafnodes { port: -1 }\n'), []);
    assert.deepEqual(codes('port: 4222\ncluster { name: c }\n'), []);
    assert.deepEqual(
      codes('cluster { listen: "0.0.0.0:6222", port: 4222 }\n').filter((c) => c.includes('clash')),
      [],
    );
  });
});
