// Values a deployment sets through variables: Compose's `${NAME:-default}` interpolation (with the
// `.env` file beside the Compose file), a service's container environment that a config's `$NAME`
// reads, and Kubernetes values from a Secret or ConfigMap not given. What the checker can know is
// judged (a wrong default is still an error at its place); what it cannot know draws no finding.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../server/src/service';
import { createLanguageService } from '../../server/src/service';
import { composeDiagnostics } from '../../server/src/service/deploy/compose';
import {
  UNKNOWN_PART,
  interpolate,
  interpolateMarked,
  parseDotEnv,
} from '../../server/src/service/deploy/composeVariables';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { memoryHost } from '../support/service';

const vars = new Map<string, string | undefined>([
  ['SET', 'v'],
  ['EMPTY', ''],
  ['OPAQUE', undefined],
]);

describe('Compose interpolation', () => {
  const cases: [string, string | undefined][] = [
    ['plain', 'plain'],
    ['$SET and ${SET}', 'v and v'],
    ['$$SET', '$SET'],
    ['${SET:-d} ${EMPTY:-d} ${NONE:-d}', 'v d d'],
    ['${SET-d} ${EMPTY-d} ${NONE-d}', 'v  d'],
    ['${SET:+r} ${EMPTY:+r} ${NONE:+r}', 'r  '],
    ['${SET+r} ${EMPTY+r} ${NONE+r}', 'r r '],
    ['${NONE:-${SET}-x}', 'v-x'],
    ['${SET:?must be set}', 'v'],
    // Not known here: the shell that runs Compose may set them.
    ['${NONE}', undefined],
    ['$NONE', undefined],
    ['${NONE:?must be set}', undefined],
    ['${OPAQUE:-d}', undefined],
    ['${NONE:-${OTHER}}', undefined],
    // Templates Compose refuses.
    ['${SET', undefined],
    ['$1', undefined],
    ['${SET%x}', undefined],
  ];
  for (const [text, want] of cases) {
    test(`${text} → ${want === undefined ? 'unknown' : JSON.stringify(want)}`, () => {
      assert.equal(interpolate(text, vars), want);
    });
  }

  test('the unknown parts are marked, the rest kept', () => {
    assert.equal(interpolateMarked('${DIR:-.}/a:${TARGET}', vars), `./a:${UNKNOWN_PART}`);
  });

  test('.env: comments, export, quotes, interpolation of earlier values; unknown ones kept as unknown', () => {
    const env = parseDotEnv(
      [
        '# comment',
        'export A=1',
        'B = two words # comment',
        "C='$A literal'",
        'D="$A and \\"q\\"\\n"',
        'E=${A}-${B}',
        'F=${SHELL_ONLY}',
        'G=',
        'not a line',
      ].join('\n'),
    );
    assert.deepEqual(Object.fromEntries(env), {
      A: '1',
      B: 'two words',
      C: '$A literal',
      D: '1 and "q"\n',
      E: '1-two words',
      F: undefined,
      G: '',
    });
  });
});

const PATH = '/proj/docker-compose.yaml';

function compose(yaml: string, files: Record<string, string> = {}): string[] {
  return composeDiagnostics(readYamlFile(PATH, yaml), memoryHost(files)).map(
    (d: Diagnostic) =>
      `${d.file.replace('/proj/', '')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`,
  );
}

const service = (lines: string[]) =>
  ['services:', '  nats:', '    image: "nats:${NATS_TAG:-2.10.7}"', ...lines.map((l) => '    ' + l)].join('\n') + '\n';

const CONF = 'port: 4222\nauthorization { token: $TOKEN }\nserver_name: $SERVER_NAME\n';

describe('Compose values through variables', () => {
  test('a flag whose value has a good default: no finding; a bad default or .env value: at the value', () => {
    const flags = (v: string) => service([`command: ["-p", "${v}", "--auth", "t0ken"]`]);
    assert.deepEqual(compose(flags('${CLIENT_PORT:-4222}')), []);
    assert.deepEqual(compose(flags('${CLIENT_PORT:-abc}')), ['docker-compose.yaml:4:21 flag-value']);
    assert.deepEqual(compose(flags('${CLIENT_PORT:-4222}'), { '/proj/.env': 'CLIENT_PORT=abc\n' }), [
      'docker-compose.yaml:4:21 flag-value',
    ]);
    // Set only by the shell: not judged.
    assert.deepEqual(compose(flags('${CLIENT_PORT}')), []);
  });

  test('a command string is split after interpolation', () => {
    const yaml = service(['command: "-p ${CLIENT_PORT:-abc} --auth t0ken"']);
    assert.deepEqual(compose(yaml), ['docker-compose.yaml:4:18 flag-value']);
    // A value with a space would split into more words: not placed, not judged.
    assert.deepEqual(compose(service(['command: "-p ${CLIENT_PORT:-1 2}"'])), []);
  });

  test('the config mounted from a folder a variable names is read; one the shell names is not judged', () => {
    const files = { '/proj/conf/nats.conf': 'port: 4222\nauthorization { token: t0ken }\nno_such_option: 1\n' };
    const mount = (source: string) =>
      service(['command: ["-c", "/etc/nats/nats.conf"]', 'volumes:', `  - ${source}:/etc/nats/nats.conf`]);
    assert.ok(compose(mount('${CONF_DIR:-./conf}/nats.conf'), files).includes('conf/nats.conf:3:1 unknown-key'));
    assert.deepEqual(compose(mount('${CONF_DIR}/nats.conf'), files), []);
    // The whole volume from the shell: where it mounts is not known either.
    const whole = service(['command: ["-c", "/etc/nats/nats.conf"]', 'volumes: ["${CONF_VOLUME}"]']);
    assert.deepEqual(compose(whole, files), []);
    // Really missing where the default points: Docker mounts a folder there.
    assert.deepEqual(compose(mount('${CONF_DIR:-./elsewhere}/nats.conf'), files), [
      'docker-compose.yaml:4:22 compose-config-file',
    ]);
  });

  test("the container's environment serves the config's $references", () => {
    const files = { '/proj/nats.conf': CONF, '/proj/nats.env': 'TOKEN=s3cr3t\n' };
    const run = (lines: string[]) =>
      compose(
        service(['command: ["-c", "/etc/nats/nats.conf"]', 'volumes: ["./nats.conf:/etc/nats/nats.conf"]', ...lines]),
        files,
      );
    // Neither is set in the container: nats-server refuses both (a real error).
    assert.deepEqual(run([]), ['nats.conf:2:24 variable-undefined', 'nats.conf:3:14 variable-undefined']);
    assert.deepEqual(run(['environment:', '  - TOKEN=abc', '  - SERVER_NAME=n1']), []);
    // From the shell, an env file, Docker's HOSTNAME (`hostname:`), a map.
    assert.deepEqual(run(['environment: [TOKEN, SERVER_NAME]']), []);
    assert.deepEqual(run(['env_file: nats.env', 'hostname: n1', 'environment: { SERVER_NAME: $$HOSTNAME }']), []);
    assert.deepEqual(run(['environment:', '  TOKEN: ${SECRET}', '  SERVER_NAME:']), []);
    // A required env file that is not there: Compose stops, the environment is not known.
    assert.deepEqual(run(['env_file: missing.env']), []);
  });
});

describe('Compose YAML anchors', () => {
  test('a service merging a base (<<: *base) and one naming an anchored list are read as Compose reads them', () => {
    const yaml = [
      'x-volumes: &volumes',
      '  - ./nats.conf:/etc/nats/nats.conf',
      'x-nats: &nats',
      '  image: nats:2.10.7',
      '  volumes: *volumes',
      'services:',
      '  merged:',
      '    <<: *nats',
      '    command: ["-c", "/etc/nats/nats.conf", "-p", "4222"]',
      '  aliased:',
      '    image: nats:2.10.7',
      '    volumes: *volumes',
      '    command: ["-c", "/etc/nats/nats.conf", "-p", "4223"]',
      '',
    ].join('\n');
    const conf = 'authorization { token: t0ken }\nno_such_option: 1\n';
    // Both read the mounted file (one finding there, for both); neither lacks its volume.
    assert.deepEqual(compose(yaml, { '/proj/nats.conf': conf }), ['nats.conf:2:1 unknown-key']);
    assert.deepEqual(compose(yaml.replace('"-p", "4222"', '"-p", "x"'), { '/proj/nats.conf': conf }), [
      'docker-compose.yaml:9:51 flag-value',
      'nats.conf:2:1 unknown-key',
    ]);
  });
});

describe('Kubernetes values from a Secret or ConfigMap not given', () => {
  test('no finding is made of a value that is not known', () => {
    const names = ['PORT', 'NAME', 'STORE', 'MAXP', 'PING', 'CLUSTER', 'ROUTE', 'PASS'];
    const conf = [
      'port: $PORT',
      'server_name: $NAME',
      'max_payload: $MAXP',
      'ping_interval: $PING',
      'jetstream { store_dir: $STORE }',
      'cluster { name: $CLUSTER, port: 6222, routes: [ $ROUTE ] }',
      'authorization { users: [ { user: a, password: $PASS } ] }',
    ];
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: nats-config }',
      'data:',
      '  nats.conf: |',
      ...conf.map((l) => '    ' + l),
      '---',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: { name: nats }',
      'spec:',
      '  serviceName: nats',
      '  replicas: 3',
      '  selector: { matchLabels: { app: nats } }',
      '  template:',
      '    metadata: { labels: { app: nats } }',
      '    spec:',
      '      volumes: [ { name: config, configMap: { name: nats-config } }, { name: data, emptyDir: {} } ]',
      '      containers:',
      '        - name: nats',
      '          image: nats:2.10.7',
      '          args: ["-c", "/etc/nats-config/nats.conf"]',
      '          volumeMounts: [ { name: config, mountPath: /etc/nats-config } ]',
      '          env:',
      ...names.map(
        (n) => `            - { name: ${n}, valueFrom: { secretKeyRef: { name: s, key: ${n.toLowerCase()} } } }`,
      ),
    ].join('\n');
    const files = { '/k/nats.yaml': yaml };
    const found = createLanguageService({ host: memoryHost(files) })
      .deployment([{ path: '/k/nats.yaml', text: yaml }])
      .diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(found, []);
    // The same values written as literals are judged.
    const literal = yaml.replace('port: $PORT', 'port: four');
    const judged = createLanguageService({ host: memoryHost({ '/k/nats.yaml': literal }) })
      .deployment([{ path: '/k/nats.yaml', text: literal }])
      .diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(judged, ['6 value-type']);
  });

  test("a container's command line: refused where it is known, not judged where a word is not", () => {
    const pod = (args: string, env: string) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: nats }',
        'spec:',
        '  containers:',
        '    - name: nats',
        '      image: nats:2.10.7',
        `      args: ${args}`,
        `      env: ${env}`,
      ].join('\n');
    const found = (args: string, env = '[]') => {
      const text = pod(args, env);
      return createLanguageService({ host: memoryHost({}) })
        .deployment([{ path: '/k/pod.yaml', text }])
        .diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
    };
    assert.deepEqual(found('["--port", "abc", "--auth", "t"]'), [
      '8:24 flag-value nats-server: invalid value "abc" for flag -port: parse error (container nats of Pod nats)',
    ]);
    assert.deepEqual(found('["--port", "$(PORT)", "--auth", "t"]', '[{ name: PORT, value: "abc" }]').length, 1);
    const secret = '[{ name: PORT, valueFrom: { secretKeyRef: { name: s, key: port } } }]';
    assert.deepEqual(found('["--port", "$(PORT)", "--auth", "t"]', secret), []);
    assert.deepEqual(found('["--port", "4222", "--auth", "t"]'), []);
  });
});
