// The official NATS Helm chart's values: the guide's `helm install … --set` draws exactly its four
// real findings (three 0.x keys the current chart ignores, one key neither layout has), values
// files in either layout, another chart's values file (nothing), Helm's `--set` forms, the
// catalogue against the chart, completion and hover.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../server/src/service';
import {
  helmCommands,
  helmSetDiagnostics,
  helmValuesCompletion,
  helmValuesDiagnostics,
  helmValuesHover,
  isHelmValuesFile,
} from '../../server/src/service/deploy/helm/helmValues';
import { CHART_0X, CHART_1X, CHART_RELEASES } from '../../server/src/service/deploy/helm/chartValues';
import { parseSetArgument } from '../../server/src/service/deploy/helm/setValues';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { GUIDE } from '../support/guide';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../support/service';

/** A text with its cursor marked by `|`. */
const at = (marked: string) => ({ text: marked.replace('|', ''), offset: marked.indexOf('|') });

const lineOf = (d: Diagnostic) => d.range.start.line + 1;
const brief = (ds: Diagnostic[]) => ds.map((d) => `${lineOf(d)} ${d.code}`);
const set = (script: string, path = 'install.sh') => helmSetDiagnostics(path, script);
const values = (yaml: string, path = 'values.yaml') => helmValuesDiagnostics(readYamlFile(path, yaml));

describe("the guide's Helm command", () => {
  test('draws the three 0.x keys and the key neither layout has, each on its line of the Markdown', () => {
    const text = fs.readFileSync(GUIDE, 'utf8');
    const lines = text.split('\n');
    const lineWith = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const found = helmSetDiagnostics(GUIDE, text);
    assert.deepEqual(brief(found), [
      `${lineWith('--set cluster.enabled=true')} helm-old-key`,
      `${lineWith('--set cluster.replicas=3')} helm-old-key`,
      `${lineWith('--set nats.jetstream.enabled=true')} helm-old-key`,
      `${lineWith('--set nats.jetstream.fileStore.pvc.size=10Gi')} helm-unknown-key`,
    ]);
    assert.match(
      found[0].message,
      /`cluster\.enabled` is a key of the 0\.x chart.*ignores it silently.*`config\.cluster\.enabled`/,
    );
    assert.match(found[1].message, /`config\.cluster\.replicas`/);
    assert.match(found[2].message, /`config\.jetstream\.enabled`/);
    assert.match(
      found[3].message,
      /neither .* has `nats\.jetstream\.fileStore\.pvc\.size`.*`config\.jetstream\.fileStore\.pvc\.size`/,
    );
    for (const d of found) {
      assert.equal(d.origin, 'lint');
      assert.equal(d.severity, 'error');
      // The finding covers the key as written, and its fix writes the 1.x name there.
      const line = lines[d.range.start.line];
      const key = line.slice(d.range.start.character, d.range.end.character);
      assert.match(line, new RegExp(`--set ${key.replace(/\./g, '\\.')}=`));
      assert.equal(d.fixes?.[0].edits[0].newText.startsWith('config.'), true);
    }
  });

  test('the corrected command draws nothing', () => {
    const fixed =
      'helm install nats nats/nats \\\n  --set config.cluster.enabled=true \\\n  --set config.cluster.replicas=3 \\\n' +
      '  --set config.jetstream.enabled=true \\\n  --set config.jetstream.fileStore.pvc.size=10Gi\n';
    assert.deepEqual(brief(set(fixed)), []);
  });

  test('pinned to a 0.x release, the old keys are right and the 1.x ones are not', () => {
    const old =
      'helm install nats nats/nats --version 0.19.17 --set cluster.enabled=true --set config.jetstream.enabled=true\n';
    const found = set(old);
    assert.deepEqual(brief(found), ['1 helm-unknown-key']);
    assert.match(found[0].message, /`config\.jetstream\.enabled` is a key of the chart since 1\.0/);
  });
});

describe('the --set forms', () => {
  const word = (text: string) => ({ text, at: [...text].map((_, i) => i) });

  test('a.b=c, several in one flag, lists, escaped dots and commas, indexes', () => {
    const a = parseSetArgument('--set', word('a.b=c,d=1,e={x,y},f\\.g=h\\,i,j[0].k=true,l=null,m=1.5'));
    assert.deepEqual(
      a.map((x) => [x.steps, x.value]),
      [
        [['a', 'b'], { kind: 'string', text: 'c' }],
        [['d'], { kind: 'integer', text: '1' }],
        [['e'], { kind: 'list' }],
        [['f.g'], { kind: 'string', text: 'h,i' }],
        [['j', 0, 'k'], { kind: 'boolean', value: true }],
        [['l'], { kind: 'null' }],
        [['m'], { kind: 'string', text: '1.5' }],
      ],
    );
    assert.deepEqual(a[3].keySpan, { start: 18, end: 22 });
  });

  test('--set-string keeps text, --set-json reads JSON', () => {
    assert.deepEqual(parseSetArgument('--set-string', word('a=true'))[0].value, { kind: 'string', text: 'true' });
    const json = parseSetArgument('--set-json', word('a={"x":[1,2]},b=3'));
    assert.deepEqual(
      json.map((x) => [x.steps, x.value.kind]),
      [
        [['a'], 'map'],
        [['b'], 'integer'],
      ],
    );
  });

  test('wrong types: a word for a number, a string for a boolean, a bad quantity, an unknown enum value', () => {
    const script = [
      'helm upgrade --install nats nats/nats \\',
      '  --set config.cluster.replicas=three \\',
      '  --set-string config.jetstream.enabled=false \\',
      '  --set config.jetstream.fileStore.pvc.size=10GB \\',
      "  --set 'container.image.pullPolicy=Sometimes' \\",
      '  --set config.merge.max_payload=1MB,global.labels.team=core \\',
      '  --set config.cluster.replicas=5',
    ].join('\n');
    const found = set(script);
    assert.deepEqual(brief(found), [
      '2 helm-value-type',
      '3 helm-value-type',
      '4 helm-value-type',
      '5 helm-value-type',
    ]);
    assert.match(found[0].message, /`config\.cluster\.replicas` takes a number, not the string `three`/);
    assert.match(found[1].message, /even "false"/);
  });

  test('indexes and escaped dots name keys under lists and maps of the user', () => {
    const script =
      'helm install n nats/nats --set config.websocket.ingress.hosts[0]=a.example' +
      " --set 'global.labels.app\\.kubernetes\\.io/name=x'" +
      ' --set extraResources[0].kind=Service\n';
    assert.deepEqual(brief(set(script)), []);
  });

  test('unknown keys with did-you-mean; a key below a scalar', () => {
    const found = set(
      'helm install nats nats/nats --set config.jetstream.filestore.pvc.size=1Gi --set config.cluster.enabled.x=1\n',
    );
    assert.deepEqual(brief(found), ['1 helm-unknown-key', '1 helm-unknown-key']);
    assert.match(found[0].message, /did you mean `config\.jetstream\.fileStore\.pvc\.size`\?/);
    assert.match(found[1].message, /`config\.cluster\.enabled` is a boolean, it has no keys/);
  });

  test('which commands are the nats chart: repo aliases, paths, archives, other charts', () => {
    const script = [
      'helm repo add bit https://charts.bitnami.com/bitnami',
      'helm install a bit/nats --set cluster.enabled=true',
      'helm install b bitnami/nats --set cluster.enabled=true',
      'helm install c redis/redis --set cluster.enabled=true',
      'helm install d ./charts/nats --set cluster.enabled=true',
      'helm install e nats-0.19.17.tgz --set cluster.enabled=true',
      'helm template nats-io/nats --set cluster.enabled=true -f values.yaml,more.yaml',
      'KUBECONFIG=x helm -n nats install --generate-name nats/nats --set=cluster.enabled=true',
    ].join('\n');
    const commands = helmCommands('install.sh', script);
    assert.deepEqual(
      commands.map((c) => [c.chart, c.layout]),
      [
        ['./charts/nats', '1.x'],
        ['nats-0.19.17.tgz', '0.x'],
        ['nats-io/nats', '1.x'],
        ['nats/nats', '1.x'],
      ],
    );
    assert.deepEqual(
      commands[2].valuesFiles.map((f) => [f.path, script.slice(f.span.start, f.span.end)]),
      [
        ['values.yaml', 'values.yaml'],
        ['more.yaml', 'more.yaml'],
      ],
    );
    assert.deepEqual(brief(set(script)), ['5 helm-old-key', '7 helm-old-key', '8 helm-old-key']);
  });

  test('Markdown: only shell code blocks', () => {
    const md = [
      '# Install',
      '```yaml',
      'x: helm install nats nats/nats --set cluster.enabled=true',
      '```',
      '```console',
      '$ helm install nats nats/nats --set cluster.enabled=true',
      '```',
      'helm install nats nats/nats --set cluster.enabled=true',
    ].join('\n');
    assert.deepEqual(brief(set(md, 'README.md')), ['6 helm-old-key']);
  });
});

const NEW_LAYOUT = `# values for the nats chart
config:
  cluster:
    enabled: true
    replicas: 3
  jetstream:
    enabled: true
    fileStore:
      pvc:
        size: 10Gi
  merge:
    max_payload: << 8MB >>
    accounts:
      A: { users: [{ user: a }] }
container:
  env:
    GOMEMLIMIT: 7GiB
  image:
    pullPolicy: IfNotPresent
natsBox:
  contexts:
    ops:
      creds:
        secretName: ops-creds
podTemplate:
  topologySpreadConstraints:
    kubernetes.io/hostname:
      maxSkew: 1
extraResources:
  - apiVersion: v1
    kind: Service
`;

const OLD_LAYOUT = `nats:
  image:
    tag: 2.9.20-alpine
  jetstream:
    enabled: true
    fileStorage:
      size: 10Gi
  limits:
    maxPayload: 8MB
cluster:
  enabled: true
  replicas: 3
natsbox:
  enabled: false
`;

const OTHER_CHART = `# Default values for my-app.
replicaCount: 1
image:
  repository: nginx
  pullPolicy: IfNotPresent
  tag: ""
imagePullSecrets: []
nameOverride: ""
fullnameOverride: ""
serviceAccount:
  create: true
  annotations: {}
  name: ""
podAnnotations: {}
service:
  type: ClusterIP
  port: 80
cluster:
  enabled: true
resources: {}
nodeSelector: {}
tolerations: []
affinity: {}
`;

describe('values files', () => {
  test('a values file in the 1.x layout draws nothing', () => {
    assert.equal(isHelmValuesFile(readYamlFile('values.yaml', NEW_LAYOUT)), true);
    assert.deepEqual(brief(values(NEW_LAYOUT)), []);
  });

  test('a 0.x values file: each key with its 1.x name', () => {
    assert.equal(isHelmValuesFile(readYamlFile('values.yaml', OLD_LAYOUT)), true);
    const found = values(OLD_LAYOUT);
    assert.deepEqual(
      found.map(
        (d) => `${lineOf(d)} ${d.code} ${/it is `([^`]+)`|under `([^`]+)`/.exec(d.message)?.slice(1).join('')}`,
      ),
      [
        '3 helm-old-key container.image.tag',
        '5 helm-old-key config.jetstream.enabled',
        '7 helm-old-key config.jetstream.fileStore.pvc.size',
        '9 helm-old-key config.merge.max_payload',
        '11 helm-old-key config.cluster.enabled',
        '12 helm-old-key config.cluster.replicas',
        '14 helm-old-key natsBox.enabled',
      ],
    );
    // Checked against the 0.x chart (an install pinning --version 0.x), it is right.
    assert.deepEqual(brief(helmValuesDiagnostics(readYamlFile('values.yaml', OLD_LAYOUT), { layout: '0.x' })), []);
  });

  test("another chart's values.yaml draws nothing, however many keys it shares", () => {
    assert.equal(isHelmValuesFile(readYamlFile('values.yaml', OTHER_CHART)), false);
    assert.deepEqual(brief(values(OTHER_CHART)), []);
    // Named for nats, it would be taken: the name is the user's word.
    assert.equal(
      isHelmValuesFile(readYamlFile('deploy/nats/values.yaml', 'config:\n  cluster:\n    enabled: true\n')),
      true,
    );
  });

  test('typos, wrong types and a misplaced key, at their lines', () => {
    const yaml = [
      'config:',
      '  cluster:',
      '    enabeld: true',
      '    replicas: three',
      '  jetstream:',
      '    enabled: "false"',
      'contianer:',
      '  image: {}',
    ].join('\n');
    const found = values(yaml);
    assert.deepEqual(brief(found), [
      '3 helm-unknown-key',
      '4 helm-value-type',
      '6 helm-value-type',
      '7 helm-unknown-key',
    ]);
    assert.match(found[0].message, /did you mean `config\.cluster\.enabled`/);
    assert.equal(found[0].fixes?.[0].edits[0].newText, 'enabled');
    assert.match(found[3].message, /did you mean `container`/);
  });
});

describe('the catalogue', () => {
  test('holds the keys the guide relies on, in the layout each belongs to', () => {
    const keys1 = new Set(CHART_1X.map((e) => e.path));
    const keys0 = new Map(CHART_0X.map((e) => [e.path, e]));
    for (const k of ['config.cluster.enabled', 'config.cluster.replicas', 'config.jetstream.enabled'])
      assert.ok(keys1.has(k), k);
    assert.ok(keys1.has('config.jetstream.fileStore.pvc.size'));
    for (const k of ['cluster.enabled', 'cluster.replicas', 'nats.jetstream.enabled']) {
      assert.ok(!keys1.has(k), `${k} is no 1.x key`);
      assert.ok(keys0.has(k), `${k} is a 0.x key`);
    }
    assert.equal(keys0.get('cluster.enabled')?.renamed, 'config.cluster.enabled');
    assert.ok(!keys1.has('nats.jetstream.fileStore.pvc.size') && !keys0.has('nats.jetstream.fileStore.pvc.size'));
    assert.ok(keys0.has('nats.jetstream.fileStorage.size'), 'the 0.x name is fileStorage.size');
    assert.deepEqual(CHART_RELEASES['0.x'], { first: '0.13.0', newest: '0.19.17' });
    assert.equal(CHART_RELEASES['1.x'].first, '1.0.0');
  });

  test('every entry has a description, open maps are marked, renamed keys exist in 1.x', () => {
    for (const e of [...CHART_1X, ...CHART_0X]) assert.ok(e.description.length > 3, e.path);
    for (const k of ['config.merge', 'podTemplate.merge', 'global.labels', 'container.env'])
      assert.equal(CHART_1X.find((e) => e.path === k)?.open, true, k);
    assert.equal(CHART_1X.find((e) => e.path === 'extraResources')?.type, 'list');
  });
});

describe('completion and hover', () => {
  const complete = (marked: string) => {
    const { text, offset } = at(marked);
    return helmValuesCompletion(readYamlFile('values.yaml', text), offset);
  };

  test('keys valid at the cursor’s map, with descriptions', () => {
    const labels = complete('config:\n  jetstream:\n    fileStore:\n      |').map((i) => i.label);
    assert.deepEqual(labels.sort(), ['dir', 'enabled', 'maxSize', 'pvc']);
    const top = complete('con|');
    assert.ok(top.some((i) => i.label === 'config' && i.kind === 'block' && i.documentation?.includes('nats.conf')));
    assert.ok(top.some((i) => i.label === 'natsBox'));
    assert.ok(!top.some((i) => i.label === 'natsbox'), 'no 0.x key');
    assert.deepEqual(complete('config:\n  merge:\n    |'), [], 'merge takes any key');
  });

  test('values of booleans and enums', () => {
    assert.deepEqual(
      complete('config:\n  cluster:\n    enabled: |').map((i) => i.label),
      ['true', 'false'],
    );
    assert.deepEqual(
      complete('container:\n  image:\n    pullPolicy: Al|').map((i) => i.label),
      ['IfNotPresent', 'Always', 'Never'],
    );
  });

  test('hover: description, type, default and the other layout’s name', () => {
    const { text, offset } = at('config:\n  cluster:\n    repl|icas: 3\n');
    const h = helmValuesHover(readYamlFile('values.yaml', text), offset);
    assert.ok(h);
    assert.match(h.contents, /config\.cluster\.replicas/);
    assert.match(h.contents, /integer/);
    assert.match(h.contents, /`3`/);
    assert.match(h.contents, /In the 0\.x chart: `cluster\.replicas`/);
    const old = at('cluster:\n  ena|bled: true\n');
    const h0 = helmValuesHover(readYamlFile('values.yaml', old.text), old.offset);
    assert.match(
      h0?.contents ?? '',
      /A key of the 0\.x chart; the chart since 1\.0 names it `config\.cluster\.enabled`/,
    );
  });
});

describe("whose values: the Chart.yaml beside the file, or the shape of its 'nats:'", () => {
  /** `line code` of every finding in `nats/values.yaml` when the folder is checked as a deployment. */
  const deployed = (files: Record<string, string>) =>
    brief(
      createLanguageService({ host: memoryHost(files) })
        .deployment(Object.entries(files).map(([path, text]) => ({ path, text })))
        .diagnostics.filter((d) => d.file === 'nats/values.yaml'),
    );
  const dependsOnNats = (extra = '') =>
    [
      'apiVersion: v2',
      'name: nats',
      'version: 0.1.0',
      'dependencies:',
      '  - name: nats',
      '    version: 1.2.6',
      '    repository: https://nats-io.github.io/k8s/helm/charts/',
      extra,
      '',
    ].join('\n');
  const WRAPPED = [
    'nats:',
    '  config:',
    '    cluster:',
    '      enabled: true',
    '      replicas: 3',
    '    jetstream:',
    '      enabled: true',
    'observability:',
    '  enabled: true',
    '',
  ].join('\n');

  test("a chart that depends on the nats chart: its 'nats:' is the nats chart's values, the rest is its own", () => {
    assert.deepEqual(deployed({ 'nats/Chart.yaml': dependsOnNats(), 'nats/values.yaml': WRAPPED }), []);
    // Still judged: a typo below 'nats:'.
    const typo = WRAPPED.replace('      replicas: 3', '      replicaz: 3');
    assert.deepEqual(deployed({ 'nats/Chart.yaml': dependsOnNats(), 'nats/values.yaml': typo }), [
      '5 helm-unknown-key',
    ]);
  });

  test("under the dependency's alias", () => {
    const chart = dependsOnNats('    alias: broker');
    const text = WRAPPED.replace('nats:', 'broker:').replace(
      'enabled: true\n      replicas',
      'enabeld: true\n      replicas',
    );
    assert.deepEqual(deployed({ 'nats/Chart.yaml': chart, 'nats/values.yaml': text }), ['4 helm-unknown-key']);
  });

  test('a copy of the 0.x chart itself: its values are read in the 0.x layout', () => {
    const chart = 'apiVersion: v2\nname: nats\nversion: 0.19.17\nappVersion: 2.9.20\n';
    const text = 'nats:\n  jetstream:\n    enabled: true\ncluster:\n  enabled: true\n  replicas: 3\n';
    assert.deepEqual(deployed({ 'nats/values.yaml': text }), ['3 helm-old-key', '5 helm-old-key', '6 helm-old-key']);
    assert.deepEqual(deployed({ 'nats/Chart.yaml': chart, 'nats/values.yaml': text }), []);
  });

  test("another chart's Chart.yaml: the file holds that chart's values, none of the nats chart's", () => {
    const chart = 'apiVersion: v2\nname: broker\nversion: 1.0.0\n';
    const text = 'nats:\n  jetstream:\n    enabled: true\ncluster:\n  enabled: true\n';
    assert.deepEqual(deployed({ 'nats/Chart.yaml': chart, 'nats/values.yaml': text }), []);
  });

  test("no Chart.yaml: 'nats:' holding 1.x keys is a dependency's values; the 0.x 'nats:' block is still old", () => {
    assert.deepEqual(deployed({ 'nats/values.yaml': WRAPPED }), []);
    const old = 'nats:\n  jetstream:\n    enabled: true\n  image: nats:2.10\n';
    assert.deepEqual(deployed({ 'nats/values.yaml': old }), ['3 helm-old-key', '4 helm-old-key']);
  });
});
