// Docker Compose files: the guide's own (extracted from the setup guide at test time) draws no
// finding, since none is there: its three services route to each other by service name, share one
// cluster name, and publish distinct host ports. Each broken variant draws its finding at its line.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../server/src/service';
import { composeDiagnostics, composeNodes, composeServices } from '../../server/src/service/deploy/compose';
import { imageVersion } from '../../server/src/service/deploy/images';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { guideYaml } from '../support/guide';
import { memoryHost } from '../support/service';

/** The guide's docker-compose.yaml, verbatim. */
const guideCompose = () => guideYaml('docker-compose.yaml');

const PATH = '/proj/docker-compose.yaml';

function check(yaml: string, files: Record<string, string> = {}): Diagnostic[] {
  return composeDiagnostics(readYamlFile(PATH, yaml), memoryHost(files));
}

/** The line (1-based) of the first line holding `needle` (after `from`, if given). */
function lineOf(yaml: string, needle: string, from = ''): number {
  const start = from ? yaml.indexOf(from) : 0;
  return yaml.slice(0, yaml.indexOf(needle, start)).split('\n').length;
}

function only(found: Diagnostic[], code: string): Diagnostic {
  const hits = found.filter((d) => d.code === code);
  assert.equal(hits.length, 1, `${code} once in ${JSON.stringify(found.map((d) => [d.code, d.message]))}`);
  return hits[0];
}

describe("the guide's docker-compose.yaml", () => {
  const yaml = guideCompose();

  test('three nats-server services of 2.10.7, read from their flags', () => {
    const services = composeServices(readYamlFile(PATH, yaml));
    assert.deepEqual(
      services.map((s) => [s.name, `${s.version.major}.${s.version.minor}.${s.version.patch}`, s.flags?.errors.length]),
      [
        ['nats-1', '2.10.7', 0],
        ['nats-2', '2.10.7', 0],
        ['nats-3', '2.10.7', 0],
      ],
    );
    const nodes = composeNodes(readYamlFile(PATH, yaml), memoryHost({}));
    assert.match(nodes[0].synthesized.text, /routes: \["nats:\/\/nats-2:6222", "nats:\/\/nats-3:6222"\]/);
  });

  test('no finding: none is there', () => {
    assert.deepEqual(check(yaml), []);
  });
});

describe('broken variants', () => {
  const yaml = guideCompose();

  test('an unknown flag: flag-unknown at the flag, in the folded command', () => {
    const broken = yaml.replace('--http_port 8222', '--http_prot 8222');
    const d = only(check(broken), 'flag-unknown');
    assert.equal(d.file, PATH);
    assert.equal(d.range.start.line + 1, lineOf(broken, '--http_prot'));
    assert.match(d.message, /flag provided but not defined: -http_prot/);
  });

  test('a value of the wrong form: flag-value at the value', () => {
    const broken = yaml.replace('--http_port 8222', '--http_port eighty');
    const d = only(check(broken), 'flag-value');
    assert.equal(d.range.start.line + 1, lineOf(broken, 'eighty'));
    assert.equal(d.range.start.character, broken.split('\n')[d.range.start.line].indexOf('eighty'));
    assert.match(d.message, /invalid value "eighty" for flag -http_port: parse error/);
  });

  test('a boolean given a separate value: flag-argument', () => {
    const broken = yaml.replace('--http_port 8222\n    ports', '--http_port 8222\n      -js true\n    ports');
    const d = only(check(broken), 'flag-argument');
    assert.equal(d.range.start.line + 1, lineOf(broken, 'true'));
    assert.match(d.message, /unrecognized command: "true"/);
  });

  test('a --cluster URL without port: flag-refused', () => {
    const broken = yaml.replace('--cluster nats://0.0.0.0:6222', '--cluster nats://0.0.0.0');
    const d = only(check(broken), 'flag-refused');
    assert.equal(d.range.start.line + 1, lineOf(broken, 'nats://0.0.0.0\n'));
    assert.match(d.message, /address 0.0.0.0: missing port in address/);
  });

  test('the scratch image given the program name: flag-argument', () => {
    const broken = yaml.replace('command: >\n      --name nats-1', 'command: >\n      nats-server --name nats-1');
    const d = only(check(broken), 'flag-argument');
    assert.match(d.message, /unrecognized command: "nats-server"/);
    assert.equal(d.range.start.line + 1, lineOf(broken, 'nats-server --name'));
    // The alpine image's entrypoint script takes it.
    const alpine = broken.replace(
      'image: nats:2.10.7\n    container_name: nats-1',
      'image: nats:2.10.7-alpine\n    container_name: nats-1',
    );
    assert.deepEqual(check(alpine), []);
  });

  test('two services publishing one host port: compose-port-clash, at the second', () => {
    const broken = yaml.replace('"4223:4222"', '"4222:4222"');
    const d = only(check(broken), 'compose-port-clash');
    assert.equal(d.range.start.line + 1, lineOf(broken, '"4222:4222"', '  nats-2:\n'));
    assert.equal((d.related?.[0].range.start.line ?? -2) + 1, lineOf(broken, '"4222:4222"'));
  });

  test('a route to a service that does not exist: compose-route-host at the route', () => {
    const broken = yaml.replace(
      '--routes nats://nats-1:6222,nats://nats-3:6222',
      '--routes nats://nats-1:6222,nats://nats-4:6222',
    );
    const d = only(check(broken), 'compose-route-host');
    assert.equal(d.range.start.line + 1, lineOf(broken, 'nats-4:6222'));
    assert.match(d.message, /no service of this Compose file answers to nats-4/);
  });

  test('a route to a host the node resolves itself (extra_hosts, links) or through its own network mode: none', () => {
    const broken = yaml.replace(
      '--routes nats://nats-1:6222,nats://nats-3:6222',
      '--routes nats://nats-1:6222,nats://nats-4:6222',
    );
    const nats2 = '  nats-2:\n';
    const own = (lines: string) =>
      check(broken.replace(nats2, `${nats2}${lines}`)).filter((d) => d.code === 'compose-route-host');
    assert.deepEqual(own('    extra_hosts: ["nats-4:10.0.0.4"]\n'), []);
    assert.deepEqual(own('    extra_hosts: { nats-4: 10.0.0.4 }\n'), []);
    assert.deepEqual(own('    links: ["nats-3:nats-4"]\n'), []);
    assert.deepEqual(own('    network_mode: host\n'), []);
    // Another host resolved there does not help.
    assert.equal(own('    extra_hosts: ["other:10.0.0.4"]\n').length, 1);
  });

  test('an alias or container_name resolves like the service name', () => {
    const renamed = yaml
      .replace('container_name: nats-3', 'container_name: third')
      .replace('  nats-3:\n', '  n3:\n')
      .replaceAll('nats://nats-3:6222', 'nats://third:6222');
    assert.deepEqual(check(renamed), []);
  });

  test('a differing --cluster_name: the cross-node check, mapped to the flag', () => {
    const broken = yaml.replace(
      '--name nats-3\n      --cluster_name my-cluster',
      '--name nats-3\n      --cluster_name other',
    );
    const found = check(broken).filter((d) => d.code === 'cluster-name');
    assert.ok(found.length >= 1, JSON.stringify(check(broken)));
    for (const d of found) {
      assert.equal(d.file, PATH);
      assert.ok(
        [
          lineOf(broken, '--cluster_name', '  nats-1:\n'),
          lineOf(broken, '--cluster_name', '  nats-2:\n'),
          lineOf(broken, '--cluster_name', '  nats-3:\n'),
          lineOf(broken, '--routes', '  nats-1:\n'),
          lineOf(broken, '--routes', '  nats-2:\n'),
          lineOf(broken, '--routes', '  nats-3:\n'),
        ].includes(d.range.start.line + 1),
        `line ${d.range.start.line + 1}`,
      );
    }
  });

  test('a mounted config file: read, the flags override it, findings in it stay in it', () => {
    const mounted = yaml.replace(
      '    command: >\n      --name nats-1\n',
      '    volumes:\n      - ./nats-1.conf:/etc/nats/nats.conf:ro\n' +
        '    command: >\n      -c /etc/nats/nats.conf\n      --name nats-1\n',
    );
    const conf = 'port: 4222\nmax_payload: 100GB\ncluster {\n  name: other\n  port: 6222\n}\n';
    const found = check(mounted, { '/proj/nats-1.conf': conf });
    // --cluster_name overrides the file's `name: other`: no cluster-name finding.
    // --cluster replaces the file's cluster port: no listen-conflict either.
    assert.deepEqual(
      found.filter((d) => d.code === 'cluster-name' || d.code === 'listen-conflict'),
      [],
    );
    const inFile = found.filter((d) => d.file === '/proj/nats-1.conf' && d.code === 'value-range');
    assert.ok(inFile.length >= 1, JSON.stringify(found, null, 1));
    assert.equal(inFile[0].range.start.line + 1, 2);
  });

  test('a -c file no volume mounts: compose-config-file', () => {
    const broken = yaml.replace(
      'command: >\n      --name nats-1',
      'command: >\n      -c /etc/nats/nats.conf\n      --name nats-1',
    );
    const d = only(check(broken), 'compose-config-file');
    assert.equal(d.range.start.line + 1, lineOf(broken, '/etc/nats/nats.conf'));
    assert.match(d.message, /open \/etc\/nats\/nats.conf: no such file or directory/);
  });

  test('a mounted -c file missing on the host: compose-config-file', () => {
    const broken = yaml.replace(
      '    command: >\n      --name nats-1\n',
      '    volumes:\n      - ./gone.conf:/etc/nats/nats.conf\n' +
        '    command: >\n      -c /etc/nats/nats.conf\n      --name nats-1\n',
    );
    const d = only(check(broken), 'compose-config-file');
    assert.match(d.message, /is a directory/);
  });
});

describe('image tags', () => {
  test('a release from the tag; a line tag is its newest release; latest is none', () => {
    assert.deepEqual(imageVersion('nats:2.10.7'), { major: 2, minor: 10, patch: 7 });
    assert.deepEqual(imageVersion('nats:2.10.7-alpine'), { major: 2, minor: 10, patch: 7 });
    assert.deepEqual(imageVersion('docker.io/library/nats:2.9'), { major: 2, minor: 9, patch: 25 });
    assert.equal(imageVersion('nats:latest'), undefined);
    assert.equal(imageVersion('nats'), undefined);
  });
});

describe('configs and secrets a service mounts', () => {
  const at = (found: Diagnostic[]) =>
    found.map(
      (d) => `${d.file.replace('/proj/', '')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`,
    );
  const service = (mount: string[], command = '["-c", "/etc/nats/app.conf", "--auth", "t0ken"]') => [
    'services:',
    '  nats:',
    '    image: nats:2.12-alpine',
    `    command: ${command}`,
    ...mount.map((l) => '    ' + l),
  ];
  const files = { '/proj/conf/app.conf': 'port: 4222\nno_such_option: 1\n' };

  test('a config or secret from a host file is the -c file, read from the host', () => {
    const config = [
      ...service(['configs:', '  - source: app', '    target: /etc/nats/app.conf']),
      'configs:',
      '  app:',
      '    file: ./conf/app.conf',
    ].join('\n');
    assert.deepEqual(at(check(config, files)), ['conf/app.conf:2:1 unknown-key']);
    // A secret in short syntax is at /run/secrets/<name>.
    const secret = [
      ...service(['secrets: [app_conf]'], '["-c", "/run/secrets/app_conf", "--auth", "t0ken"]'),
      'secrets:',
      '  app_conf:',
      '    file: ./conf/app.conf',
    ].join('\n');
    assert.deepEqual(at(check(secret, files)), ['conf/app.conf:2:1 unknown-key']);
    // Mounted elsewhere: the -c file is in no volume, config or secret.
    assert.deepEqual(at(check(secret.replace('"/run/secrets/app_conf"', '"/run/secrets/other"'), files)), [
      'docker-compose.yaml:4:22 compose-config-file',
    ]);
  });

  test('a config written in the Compose file is read, its findings at their YAML lines', () => {
    const yaml = [
      ...service(['configs:', '  - source: app', '    target: /etc/nats/app.conf']),
      'configs:',
      '  app:',
      '    content: |',
      '      port: 4222',
      '      no_such_option: 1',
    ].join('\n');
    assert.deepEqual(at(check(yaml)), ['docker-compose.yaml:12:7 unknown-key']);
    // Compose interpolates the content with the shell's variables, or it comes from elsewhere: not judged.
    assert.deepEqual(at(check(yaml.replace('port: 4222', 'port: ${PORT}'))), []);
    assert.deepEqual(
      at(check(yaml.replace('    content: |\n      port: 4222\n      no_such_option: 1', '    external: true'))),
      [],
    );
  });
});

describe("the image's own command", () => {
  const files = { '/proj/nats.conf': 'authorization { token: t0ken }\nno_such_option: 1\n' };
  const yaml = (image: string, target: string) =>
    ['services:', '  nats:', `    image: ${image}`, '    volumes:', `      - ./nats.conf:${target}`, ''].join('\n');
  const at = (found: Diagnostic[]) =>
    found.map((d) => `${d.file.replace('/proj/', '')}:${d.range.start.line + 1} ${d.code}`);

  test('a file mounted over the config it loads is read (scratch and alpine images)', () => {
    assert.deepEqual(at(check(yaml('nats:2.10', '/nats-server.conf'), files)), ['nats.conf:2 unknown-key']);
    assert.deepEqual(at(check(yaml('nats:2.10-alpine', '/etc/nats/nats-server.conf'), files)), [
      'nats.conf:2 unknown-key',
    ]);
  });

  test('missing on the host: Docker mounts a folder there, and nats-server stops', () => {
    assert.deepEqual(at(check(yaml('nats:2.10', '/nats-server.conf'))), ['docker-compose.yaml:2 compose-config-file']);
  });

  test('nothing mounted over it: the built-in config is not judged', () => {
    assert.deepEqual(at(check(yaml('nats:2.10', '/data'), files)), []);
  });
});
