// nats-server's command-line flags as Go's flag package reads them, with the server's wording for
// what it refuses (checked against nats-server 2.9.10: `nats-server --bogus` prints "flag provided
// but not defined: -bogus" and the usage text, and exits with status 0), the flags as config text,
// a Compose string command split into words with their YAML places, completion and hover.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clusterUrlError,
  flagCompletions,
  flagHover,
  flagsAsConfig,
  goInt,
  parseServerFlags,
  splitCommandWords,
  type ArgWord,
} from '../../server/src/service/deploy/flags';
import { parseServerVersion, type ServerVersion } from '../../server/src/service/versions';
import { embeddedText } from '../../server/src/service/yaml/embeddedText';
import { nodeAt, readYamlFile } from '../../server/src/service/yaml/yamlFile';

/** Words placed one after another in a line, as a command line writes them. */
function words(...texts: string[]): ArgWord[] {
  let at = 0;
  return texts.map((text) => {
    const w = { text, span: { start: at, end: at + text.length } };
    at += text.length + 1;
    return w;
  });
}

const v = (s: string): ServerVersion => parseServerVersion(s)!;
const parse = (...args: string[]) => parseServerFlags(words(...args));
const values = (...args: string[]) => Object.fromEntries(parse(...args).flags.map((f) => [f.flag.names[0], f.value]));

describe('flags as Go reads them', () => {
  test('-flag value, --flag value, -flag=value, --flag=value', () => {
    assert.deepEqual(values('-p', '4333', '--name', 'a', '-m=8222', '--cluster_name=c'), {
      port: '4333',
      name: 'a',
      http_port: '8222',
      cluster_name: 'c',
    });
  });

  test('every alias sets its option', () => {
    const aliases: [string, string][] = [
      ['-a', 'addr'],
      ['--net', 'addr'],
      ['-n', 'name'],
      ['--server_name', 'name'],
      ['-ms', 'https_port'],
      ['-c', 'config'],
      ['-sd', 'store_dir'],
      ['-P', 'pid'],
      ['-l', 'log'],
      ['-r', 'remote_syslog'],
      ['--cluster_listen', 'cluster'],
    ];
    for (const [written, canonical] of aliases) {
      const parsed = parse(written, canonical === 'cluster' ? 'nats://h:6222' : '1');
      assert.equal(parsed.errors.length, 0, written);
      assert.equal(parsed.flags[0].flag.names[0], canonical, written);
    }
  });

  test('booleans take no separate value: `-js true` leaves `true` as a command', () => {
    assert.deepEqual(values('-js', '-D', '-V', '-DV', '--no_advertise', '-T=false'), {
      jetstream: 'true',
      debug: 'true',
      trace: 'true',
      DV: 'true',
      no_advertise: 'true',
      logtime: 'false',
    });
    const parsed = parse('--no_advertise', 'true');
    assert.equal(parsed.errors[0].message, 'unrecognized command: "true"');
    assert.equal(parsed.errors[0].kind, 'argument');
    assert.deepEqual(parsed.errors[0].span, { start: 15, end: 19 });
  });

  test('a non-bool flag takes the next word whatever it is', () => {
    assert.deepEqual(values('--routes', '-p'), { routes: '-p' });
  });

  test('parsing stops at the first non-flag word; `--` ends the flags; `version` and `help` are commands', () => {
    const parsed = parse('-p', '4222', 'extra', '--name', 'x');
    assert.equal(parsed.flags.length, 1);
    assert.equal(parsed.errors[0].message, 'unrecognized command: "extra"');
    assert.deepEqual(parse('--', '-p').errors[0].message, 'unrecognized command: "-p"');
    assert.deepEqual(parse('-p', '1', 'version').errors, []);
    assert.ok(parse('HELP').exits);
    assert.equal(parse('-').errors[0].message, 'unrecognized command: "-"');
  });

  test("nats-server's wording for what Go refuses (nats-server 2.9.10)", () => {
    const cases: [string[], string, string][] = [
      [['--bogus'], 'flag provided but not defined: -bogus', 'unknown'],
      [['-bogus=1'], 'flag provided but not defined: -bogus', 'unknown'],
      [['-p', 'abc'], 'invalid value "abc" for flag -p: parse error', 'value'],
      [['-p', '99999999999999999999'], 'invalid value "99999999999999999999" for flag -p: value out of range', 'value'],
      [['--connect_retries', '1.5'], 'invalid value "1.5" for flag -connect_retries: parse error', 'value'],
      [['-log_size_limit', '10MB'], 'invalid value "10MB" for flag -log_size_limit: parse error', 'value'],
      [['--routes'], 'flag needs an argument: -routes', 'value'],
      [['-js=maybe'], 'invalid boolean value "maybe" for -js: parse error', 'value'],
      [['-D=x'], 'invalid boolean value "x" for -D: parse error', 'value'],
      [['---p', '1'], 'bad flag syntax: ---p', 'unknown'],
      [['-=x'], 'bad flag syntax: -=x', 'unknown'],
    ];
    for (const [args, message, kind] of cases) {
      const parsed = parse(...args);
      assert.equal(parsed.errors.length, 1, args.join(' '));
      assert.equal(parsed.errors[0].message, message);
      assert.equal(parsed.errors[0].kind, kind);
      assert.ok(parsed.exits);
    }
    // The value's place, not the flag's.
    assert.deepEqual(parse('-p', 'abc').errors[0].span, { start: 3, end: 6 });
    assert.deepEqual(parse('-js=maybe').errors[0].span, { start: 4, end: 9 });
  });

  test('integers as strconv.ParseInt(s, 0, 64) reads them', () => {
    assert.deepEqual(goInt('0x10'), { value: 16n });
    assert.deepEqual(goInt('010'), { value: 8n });
    assert.deepEqual(goInt('0b11'), { value: 3n });
    assert.deepEqual(goInt('1_000'), { value: 1000n });
    assert.deepEqual(goInt('-1'), { value: -1n });
    assert.deepEqual(goInt('1__0'), { error: 'parse error' });
    assert.deepEqual(goInt(''), { error: 'parse error' });
    assert.deepEqual(goInt('9223372036854775808'), { error: 'value out of range' });
  });

  test('what ConfigureOptions refuses after the flags (nats-server 2.9.10)', () => {
    const refused = (...args: string[]) => parse(...args).errors.map((e) => `${e.kind}: ${e.message}`);
    assert.deepEqual(refused('--routes', 'nats://a:1'), [
      'refused: solicited routes require cluster capabilities, e.g. --cluster',
    ]);
    // With a config file the cluster port may come from it.
    assert.deepEqual(refused('-c', 'x.conf', '--routes', 'nats://a:1'), []);
    assert.deepEqual(refused('--cluster', 'nats://0.0.0.0'), ['refused: address 0.0.0.0: missing port in address']);
    assert.deepEqual(refused('--cluster', 'nats://u@h:6222'), ['refused: expected cluster password to be set']);
    assert.deepEqual(refused('--tls'), ['refused: TLS Server certificate must be present and valid']);
    assert.deepEqual(refused('--tlscert', 'x'), ['refused: TLS Server private key must be present and valid']);
    // -tls=false wins wherever it stands (Go visits the flags set in name order).
    assert.deepEqual(refused('--tlsverify', '-tls=false'), []);
    assert.equal(clusterUrlError(':6222'), 'parse ":6222": missing protocol scheme');
    assert.equal(
      clusterUrlError('0.0.0.0:6222'),
      'parse "0.0.0.0:6222": first path segment in URL cannot contain colon',
    );
    assert.equal(clusterUrlError('localhost:6222'), 'missing port in address');
    assert.equal(clusterUrlError('nats://h:abc'), 'parse "nats://h:abc": invalid port ":abc" after host');
    assert.equal(clusterUrlError('nats://h:'), 'EOF');
    assert.equal(clusterUrlError('nats://0.0.0.0:-1'), undefined);
    assert.equal(clusterUrlError('nats://ruser:pw@0.0.0.0:6222'), undefined);
  });

  test('releases: --logtime_utc from 2.9.21 and in 2.10.0 on', () => {
    const at = (release: string) => parseServerFlags(words('--logtime_utc'), v(release)).errors[0]?.message;
    assert.equal(at('2.9.20'), 'flag provided but not defined: -logtime_utc');
    assert.equal(at('2.9.21'), undefined);
    assert.equal(at('2.10.0'), undefined);
    assert.equal(at('2.14.5'), undefined);
  });

  test('the config file: the last -c wins', () => {
    const parsed = parse('-c', 'a.conf', '--config=b.conf');
    assert.equal(parsed.configFile, 'b.conf');
    assert.deepEqual(parsed.configSpan, { start: 19, end: 25 });
  });
});

describe('flags as config text', () => {
  test('without a config file: the options in their blocks, each line mapped to its flag', () => {
    const parsed = parse(
      '--name',
      'n1',
      '--cluster_name',
      'c',
      '--cluster',
      'nats://0.0.0.0:6222',
      '--routes',
      'nats://n2:6222, nats://n3:6222',
      '-m',
      '8222',
      '-js',
      '-sd',
      '/data',
    );
    const synthesized = flagsAsConfig(parsed);
    assert.equal(
      synthesized.text,
      [
        'server_name: "n1"',
        'http_port: 8222',
        'jetstream: enabled',
        'store_dir: "/data"',
        'cluster {',
        '  name: "c"',
        '  listen: "0.0.0.0:6222"',
        '  routes: ["nats://n2:6222", "nats://n3:6222"]',
        '}',
        '',
      ].join('\n'),
    );
    const at = synthesized.text.indexOf('routes');
    assert.deepEqual(synthesized.origin(at), { flagSpan: { start: 57, end: 96 } }); // `--routes` and its value
  });

  test('with a config file: flags replace its values where they stand, and add the others', () => {
    const base = 'port: 4222\ncluster {\n  name: old\n  port: 6222\n}\njetstream {\n  store_dir: /a\n}\n';
    const synthesized = flagsAsConfig(parse('-p', '4333', '--cluster_name', 'new', '-sd', '/b', '--name', 'x'), base);
    assert.equal(
      synthesized.text,
      'port: 4333\ncluster {\n  name: "new"\n  port: 6222\n}\njetstream {\n  store_dir: "/b"\n}\nserver_name: "x"\n',
    );
    // The file's own text maps back to the file.
    assert.deepEqual(synthesized.origin(synthesized.text.indexOf('port: 6222')), {
      baseOffset: base.indexOf('port: 6222'),
    });
  });
});

describe('a Compose string command', () => {
  test('split as a shell splits words, each at its place in the YAML (folded scalar)', () => {
    const yaml = 'command: >\n  --name "my server"\n  --routes \'a,b\' x\\ y\n';
    const file = readYamlFile('c.yaml', yaml);
    const embedded = embeddedText(nodeAt(file.documents[0].doc.contents, ['command'])!, yaml)!;
    const { words: split, error } = splitCommandWords(embedded);
    assert.equal(error, undefined);
    assert.deepEqual(
      split.map((w) => w.text),
      ['--name', 'my server', '--routes', 'a,b', 'x y'],
    );
    assert.deepEqual(
      split.map((w) => yaml.slice(w.span.start, w.span.end)),
      ['--name', '"my server"', '--routes', "'a,b'", 'x\\ y'],
    );
  });

  test('an unclosed quote', () => {
    const yaml = 'command: --name "x\n';
    const file = readYamlFile('c.yaml', yaml);
    const embedded = embeddedText(nodeAt(file.documents[0].doc.contents, ['command'])!, yaml)!;
    assert.equal(splitCommandWords(embedded).error?.message, 'invalid command line string');
  });
});

describe('editor help', () => {
  test('completion by prefix, for the release', () => {
    const labels = flagCompletions('--cluster').map((c) => c.label);
    assert.deepEqual(labels.sort(), ['--cluster', '--cluster_advertise', '--cluster_listen', '--cluster_name']);
    assert.ok(flagCompletions('--log', v('2.9.20')).every((c) => c.label !== '--logtime_utc'));
    assert.ok(flagCompletions('--log', v('2.10.0')).some((c) => c.label === '--logtime_utc'));
    assert.equal(flagCompletions('--routes')[0].insertText, '--routes ');
    assert.equal(flagCompletions('-js')[0].insertText, '-js');
  });

  test('hover names the spellings, the option set and the value form', () => {
    const text = flagHover('-m=8222')!;
    assert.match(text, /--http_port, -m <port>/);
    assert.match(text, /Sets `http_port`/);
    assert.match(flagHover('--jetstream')!, /never `-f false`/);
    assert.equal(flagHover('--bogus'), undefined);
  });
});
