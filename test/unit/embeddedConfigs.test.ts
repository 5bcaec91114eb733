// NATS configs inside Kubernetes ConfigMaps and Secrets: found by key or content, checked like
// `.conf` files, every finding at its line and column in the YAML file whatever the scalar's style
// (`|`, `|-`, `>`, quoted, CRLF), includes between the entries of one ConfigMap, base64 Secret data
// reported at its key; completion and hover inside the embedded text; YAML with nothing of NATS,
// or that the reader refuses, never throws.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { embeddedConfigs } from '../../server/src/service/deploy/embeddedConfigs';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { memoryHost } from '../support/service';
import { guideYaml } from '../support/guide';

const service = () => createLanguageService({ host: memoryHost({}) });
const checkYaml = (text: string, path = '/k8s/nats.yaml') => service().checkYaml({ path, text });

/** `line:column code` (1-based) of each finding. */
const at = (found: Diagnostic[]) =>
  found.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

/** 1-based line and column of the first `needle` in `text` (the `nth` one from 0). */
function where(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `'${needle}' not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const configMap = (data: string, name = 'nats-config') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: nats\ndata:\n${data}`;

describe('configs embedded in ConfigMaps and Secrets', () => {
  test("the guide's ConfigMap: only what is really there", () => {
    const yaml = guideYaml('nats-configmap.yaml');
    const result = checkYaml(yaml, '/guide/nats-configmap.yaml');
    assert.deepEqual(result.roles.get('/guide/nats-configmap.yaml'), ['kubernetes']);
    // Clients may connect without credentials: true of the guide's config (advice, no error). The
    // pod's environment is not known from the ConfigMap alone: $NATS_SERVER_NAME is not reported.
    assert.deepEqual(at(result.diagnostics), [`${where(yaml, 'port: 4222')} no-authorization`]);
    assert.equal(result.diagnostics[0].file, '/guide/nats-configmap.yaml');
  });

  test('found by key name, by content, and not in other entries', () => {
    const yaml = configMap(
      '  nats.conf: |\n    port: 4222\n' +
        '  server.txt: |\n    jetstream {\n      store_dir: /data\n    }\n    cluster { routes: [] }\n' +
        '  nginx.conf: |\n    server {\n      listen 80;\n    }\n' +
        '  app.properties: |\n    a=b\n',
      'web',
    );
    const found = embeddedConfigs(readYamlFile('/a.yaml', yaml));
    assert.deepEqual(
      found.map((c) => c.key),
      ['nats.conf', 'server.txt'],
    );
    assert.deepEqual([...found[0].siblings.keys()], ['server.txt', 'nginx.conf', 'app.properties']);
    assert.equal(found[0].namespace, 'nats');
  });

  const styles: [string, string][] = [
    ['literal |', '  nats.conf: |\n    port: 4222\n    prot: 4222\n'],
    ['literal |-', '  nats.conf: |-\n    port: 4222\n    prot: 4222'],
    ['literal |+ with indentation indicator', '  nats.conf: |2+\n    port: 4222\n    prot: 4222\n\n'],
    ['double quoted', '  nats.conf: "port: 4222\\nprot: 4222\\n"\n'],
    ['double quoted over lines', '  nats.conf: "port: 4222\\n\n    prot: 4222"\n'],
    ['single quoted, a line break as an empty line', "  nats.conf: 'port: 4222\n\n    prot: 4222'\n"],
  ];
  for (const [style, data] of styles) {
    test(`a finding at its YAML line and column: ${style}`, () => {
      const yaml = configMap(data);
      const result = checkYaml(yaml);
      const unknown = result.diagnostics.filter((d) => d.code === 'unknown-key');
      assert.deepEqual(at(unknown), [`${where(yaml, 'prot:')} unknown-key`], style);
      // The quick fix's edit lands on the same word.
      const edit = unknown[0].fixes?.[0]?.edits[0];
      assert.ok(edit, 'a fix');
      const lines = yaml.split('\n');
      const r = edit.range;
      assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), 'prot');
    });
  }

  test('folded >: the lines become one, as nats-server then reads them', () => {
    // `>` joins `server_name: a` and `jetstream: enabled` with a space: a syntax error at the second key.
    const yaml = configMap('  nats.conf: >\n    server_name: a\n    jetstream: enabled\n');
    const result = checkYaml(yaml);
    assert.deepEqual(at(result.diagnostics.filter((d) => d.code === 'syntax')), [`${where(yaml, 'jetstream')} syntax`]);
  });

  test('CRLF line ends', () => {
    const yaml = configMap('  nats.conf: |\n    port: 4222\n    http_port: 8222\n    prot: 1\n').replace(/\n/g, '\r\n');
    const result = checkYaml(yaml);
    assert.deepEqual(at(result.diagnostics.filter((d) => d.code === 'unknown-key')), [
      `${where(yaml, 'prot:')} unknown-key`,
    ]);
  });

  test('Secret: stringData at its place, base64 data at its key', () => {
    const encoded = Buffer.from('port: 4222\nzzz: 1\n').toString('base64');
    const yaml =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: nats-secret\ntype: Opaque\n' +
      `data:\n  nats.conf: ${encoded}\nstringData:\n  other.nats.conf: |\n    port: 4222\n    yyy: 1\n`;
    const result = checkYaml(yaml);
    const unknown = result.diagnostics.filter((d) => d.code === 'unknown-key');
    assert.deepEqual(at(unknown), [`${where(yaml, 'nats.conf:')} unknown-key`, `${where(yaml, 'yyy')} unknown-key`]);
    assert.match(unknown[0].message, /zzz.*base64: line 2/);
    assert.equal(unknown[0].fixes, undefined, 'no edit can be written into base64');
  });

  test('includes between the entries of one ConfigMap', () => {
    const yaml = configMap(
      '  nats.conf: |\n    port: 4222\n    include accounts.conf\n    include missing.conf\n' +
        '  accounts.conf: |\n    accounts { A: {} }\n    max_pyload: 1\n',
    );
    const result = checkYaml(yaml);
    // What missing.conf would set is not known: no-authorization is not judged beside it.
    assert.deepEqual(at(result.diagnostics), [
      `${where(yaml, 'missing.conf')} include-unreadable`,
      `${where(yaml, 'max_pyload')} unknown-key`,
    ]);
    assert.ok(result.diagnostics.every((d) => d.file === '/k8s/nats.yaml'));
    // Without it, the same config is judged.
    const without = yaml.replace('    include missing.conf\n', '');
    assert.deepEqual(at(checkYaml(without).diagnostics), [
      `${where(without, 'port: 4222')} no-authorization`,
      `${where(without, 'max_pyload')} unknown-key`,
    ]);
  });

  test('an include into a folder comes from another volume: not reported when the manifests do not hold it', () => {
    const yaml = configMap(
      '  nats.conf: |\n    port: 4222\n    include accounts/resolver.conf\n    include /etc/nats/auth.conf\n' +
        '    include missing.conf\n',
    );
    const result = checkYaml(yaml);
    assert.deepEqual(
      at(result.diagnostics.filter((d) => d.code === 'include-unreadable')),
      [`${where(yaml, 'missing.conf')} include-unreadable`],
      'a key missing beside nats.conf is reported; the folders are other volumes',
    );
  });

  test('an included entry is reported once, through its includer', () => {
    const yaml = configMap(
      '  nats.conf: |\n    include cluster.conf\n    port: 4222\n' +
        '  cluster.conf: |\n    cluster {\n      name: c\n      port: 6222\n      routes: [nats://a:6222]\n    }\n' +
        '    jetstream: enabled\n    server_name: $NAME\n    NAME: x\n',
    );
    const result = checkYaml(yaml);
    const codes = result.diagnostics.map((d) => d.code);
    assert.equal(new Set(result.diagnostics.map((d) => `${d.range.start.line}:${d.code}`)).size, codes.length);
  });

  test('a YAML with nothing of NATS: skipped with a note, no finding', () => {
    const yaml =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n' +
      '      containers:\n        - name: web\n          image: nginx:1.25\n';
    const result = checkYaml(yaml, '/k8s/web.yaml');
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(result.roles.get('/k8s/web.yaml'), []);
    assert.match(result.skipped[0].note, /nothing of NATS/);
    assert.deepEqual(checkYaml('', '/k8s/empty.yaml').diagnostics, []);
  });

  test('a broken YAML: no throw, the reader’s message at its line and column', () => {
    const broken = configMap('  nats.conf: |\n    port: 4222\n  other: [unclosed\n');
    const s = service();
    const result = s.deployment([{ path: '/k8s/broken.yaml', text: broken }], { syntaxOfAll: true });
    const syntax = result.diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length > 0, 'yaml-syntax reported');
    // `[unclosed` on line 9 runs to the end of the file.
    assert.ok(syntax[0].range.start.line + 1 >= 9, JSON.stringify(syntax[0]));
    assert.match(syntax[0].message, /^YAML: /);
    for (const text of ['\t- a: b\n  :', ': : :', '{{ .Values.x }}', 'a: *nope', '%YAML 9\n---\n', '\u0000\u0001']) {
      assert.doesNotThrow(() => s.deployment([{ path: '/k.yaml', text }], { syntaxOfAll: true }), text);
      assert.doesNotThrow(() => s.checkYaml({ path: '/k.yaml', text }), text);
    }
  });

  test('completion and hover inside nats.conf: |', () => {
    const yaml = configMap('  nats.conf: |\n    port: 4222\n    jetstream {\n      max_mem\n    }\n');
    const s = service();
    const doc = { path: '/k8s/nats.yaml', text: yaml };
    const offset = yaml.indexOf('max_mem') + 'max_mem'.length;
    const items = s.completeYaml(doc, offset) ?? [];
    const item = items.find((i) => i.label === 'max_memory_store');
    assert.ok(item, items.map((i) => i.label).join(', '));
    assert.deepEqual(item.replace, { start: yaml.indexOf('max_mem'), end: offset });
    const hover = s.hoverYaml(doc, yaml.indexOf('port') + 1);
    assert.ok(hover);
    assert.match(hover.contents, /\*\*port\*\*/);
    assert.deepEqual(hover.span, { start: yaml.indexOf('port'), end: yaml.indexOf('port') + 4 });
    // Outside the embedded config: nothing.
    assert.equal(s.completeYaml(doc, yaml.indexOf('kind') + 2), undefined);
    assert.equal(s.hoverYaml(doc, 2), undefined);
  });

  test('completion of a block keeps the YAML indentation', () => {
    const yaml = configMap('  nats.conf: |\n    port: 4222\n    clu\n');
    const s = service();
    const offset = yaml.indexOf('clu') + 3;
    const items = s.completeYaml({ path: '/k8s/nats.yaml', text: yaml }, offset) ?? [];
    const cluster = items.find((i) => i.label === 'cluster');
    assert.ok(cluster);
    for (const line of cluster.insertText.split('\n').slice(1)) assert.match(line, /^ {4}/, cluster.insertText);
  });
});

describe('the deployment orchestrator', () => {
  test("the guide's Kubernetes manifests and Compose file together: each deployment checked across apart", () => {
    const files = ['nats-configmap.yaml', 'nats-statefulset.yaml', 'nats-services.yaml', 'docker-compose.yaml'].map(
      (name) => ({ path: `/guide/${name}`, text: guideYaml(name) }),
    );
    const result = service().deployment(files);
    // Compose's nats-1 and the StatefulSet's nats-1 never meet: no shared name, no route between them.
    const crossed = result.diagnostics.filter((d) => d.code === 'server-name-duplicate' || d.code === 'cluster-name');
    assert.deepEqual(crossed, []);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.roles.get('/guide/docker-compose.yaml'), ['compose']);
    assert.deepEqual(result.roles.get('/guide/nats-statefulset.yaml'), ['kubernetes']);
  });

  test('files by kind: YAML, scripts and READMEs, and configs', () => {
    const result = service().deployment([
      { path: '/d/notes.md', text: '# notes\n' },
      { path: '/d/nats-1.conf', text: 'port: 4222\nprot: 1\n' },
    ]);
    assert.deepEqual(result.roles.get('/d/nats-1.conf'), ['config']);
    assert.deepEqual(result.roles.get('/d/notes.md'), []);
    assert.deepEqual(at(result.diagnostics.filter((d) => d.code === 'unknown-key')), ['2:1 unknown-key']);
    assert.equal(result.nodes.length, 1);
  });
});

describe('nats-server flags in a command', () => {
  const COMPOSE =
    'services:\n  nats-1:\n    image: nats:2.10.7\n    command: >\n      --name nats-1\n      --clu\n' +
    '  web:\n    image: nginx\n    command: ["--clu"]\n';
  test('completion of a flag and hover on one, in a service running nats-server only', () => {
    const s = service();
    const doc = { path: '/c/docker-compose.yaml', text: COMPOSE };
    const offset = COMPOSE.indexOf('--clu') + 5;
    const items = s.completeYaml(doc, offset) ?? [];
    const item = items.find((i) => i.label === '--cluster_name');
    assert.ok(item, items.map((i) => i.label).join(', '));
    assert.deepEqual(item.replace, { start: COMPOSE.indexOf('--clu'), end: offset });
    const hover = s.hoverYaml(doc, COMPOSE.indexOf('--name') + 3);
    assert.ok(hover);
    assert.deepEqual(hover.span, { start: COMPOSE.indexOf('--name'), end: COMPOSE.indexOf('--name') + 6 });
    // nginx's command is not nats-server's.
    assert.equal(s.completeYaml(doc, COMPOSE.lastIndexOf('--clu') + 5), undefined);
  });
});
