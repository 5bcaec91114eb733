// Kubernetes manifests checked together (deploy/kubernetes.ts and deploy/checks/k8s*.ts): the setup
// guide's ConfigMap, StatefulSet and Services verbatim, then one broken variant per check, each at its
// file, line and code. Kubernetes cannot run here: each case cites the documented behaviour it rests on.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { nodeOf } from '../../server/src/service/cluster/nodes';
import { containerArgv, kubernetesModel, quantityBytes, replicas } from '../../server/src/service/deploy/kubernetes';
import { probePathProblem } from '../../server/src/service/deploy/checks/k8sPorts';
import { parseServerVersion } from '../../server/src/service';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { CONFIGMAP, SERVICES, STATEFULSET, edited, guideManifests, lineOf } from '../support/k8sGuide';
import { memoryHost } from '../support/service';

function deploy(files: Record<string, string>) {
  const service = createLanguageService({ host: memoryHost(files) });
  return service.deployment(Object.entries(files).map(([path, text]) => ({ path, text })));
}

/** The findings of the checks between manifests: `file:line code`. */
function k8s(files: Record<string, string>): string[] {
  return deploy(files)
    .diagnostics.filter((d: Diagnostic) => d.code.startsWith('k8s-'))
    .map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`);
}

function expectAt(files: Record<string, string>, file: string, line: number, code: string) {
  const found = k8s(files);
  assert.ok(found.includes(`${file}:${line} ${code}`), `expected ${file}:${line} ${code}; found:\n${found.join('\n')}`);
  return found;
}

describe("the guide's manifests", () => {
  test('checked together: no finding between them; the only finding is the open client port', () => {
    const r = deploy(guideManifests());
    const shown = r.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`);
    // `port: 4222` with no authorization: real (any pod in the cluster can connect without credentials).
    assert.deepEqual(shown, [`${CONFIGMAP}:12 no-authorization`]);
    assert.deepEqual(
      r.nodes.map((n) => n.name),
      ['nats-0', 'nats-1', 'nats-2'],
    );
  });

  test('each replica reads server_name from metadata.name (fieldRef): nats-0, nats-1, nats-2', () => {
    const r = deploy(guideManifests());
    assert.deepEqual(
      r.nodes.map((n) => nodeOf(n.model).name),
      ['nats-0', 'nats-1', 'nats-2'],
    );
  });

  test('routes reach the replicas by their DNS names, whatever server_name says', () => {
    const f = edited(CONFIGMAP, 'server_name: $NATS_SERVER_NAME', 'server_name: node-$NATS_SERVER_NAME');
    const codes = deploy(f).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('route-unresolved'), codes.join(', '));
  });

  test('in one multi-document file, the same', () => {
    const m = guideManifests();
    const one = { 'k8s/all.yaml': [m[CONFIGMAP], m[STATEFULSET], m[SERVICES]].join('\n---\n') };
    assert.deepEqual(k8s(one), []);
    assert.deepEqual(
      deploy(one).nodes.map((n) => n.name),
      ['nats-0', 'nats-1', 'nats-2'],
    );
  });

  test('the model: argv, env, mounts, claims, probes, Services', () => {
    const m = guideManifests();
    const model = kubernetesModel(Object.entries(m).map(([p, t]) => readYamlFile(p, t)));
    const [w] = model.workloads;
    assert.equal(w.kind, 'StatefulSet');
    assert.equal(w.namespace, 'nats');
    assert.equal(w.replicas, 3);
    assert.equal(w.serviceName, 'nats-headless');
    const c = w.containers[0];
    assert.deepEqual(
      containerArgv(c).map((a) => a.text),
      ['nats-server', '--config', '/etc/nats/nats.conf'],
    );
    assert.equal(w.volumes.find((v) => v.name === 'data')?.storage, 10 * 2 ** 30);
    assert.deepEqual(
      c.probes.map((p) => `${p.kind} ${p.path} ${p.port}`),
      ['liveness /healthz 8222', 'readiness /healthz?js-enabled-only=true 8222'],
    );
    assert.deepEqual(
      model.services.map((s) => `${s.name} ${s.headless}`),
      ['nats-headless true', 'nats false'],
    );
    const rs = replicas(model);
    assert.deepEqual(
      rs.map((r) => `${r.name} ${r.env.values.NATS_SERVER_NAME} ${r.key}`),
      ['nats-0 nats-0 nats.conf', 'nats-1 nats-1 nats.conf', 'nats-2 nats-2 nats.conf'],
    );
  });
});

describe('argv and environment', () => {
  const model = (container: string) =>
    kubernetesModel([
      readYamlFile(
        'p.yaml',
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${container.replace(/^/gm, '    ')}\n`,
      ),
    ]);
  test("no command: the image's ENTRYPOINT and CMD (scratch: /nats-server --config nats-server.conf)", () => {
    const c = model('- name: n\n  image: nats:2.10.7').workloads[0].containers[0];
    assert.deepEqual(
      containerArgv(c).map((a) => a.text),
      ['/nats-server', '--config', 'nats-server.conf'],
    );
  });
  test('args replace CMD only; $(VAR) expanded from env, $$ escapes', () => {
    const c = model('- name: n\n  image: nats\n  env: [{name: A, value: x}]\n  args: ["--name=$(A)", "$$(A)", "$(B)"]')
      .workloads[0].containers[0];
    assert.deepEqual(
      containerArgv(c, { A: 'x' }).map((a) => a.text),
      ['/nats-server', '--name=x', '$(A)', '$(B)'],
    );
  });
  test('alpine: docker-entrypoint.sh puts nats-server before flag arguments', () => {
    const c = model('- name: n\n  image: nats:2.10.7-alpine\n  args: ["-js"]').workloads[0].containers[0];
    assert.deepEqual(
      containerArgv(c).map((a) => a.text),
      ['nats-server', '-js'],
    );
  });
  test('Kubernetes quantities in bytes', () => {
    assert.equal(quantityBytes('10Gi'), 10 * 2 ** 30);
    assert.equal(quantityBytes('10G'), 10e9);
    assert.equal(quantityBytes('1e3'), 1000);
    assert.equal(quantityBytes('ten'), undefined);
  });
  test('healthz paths and options as monitor.go reads them', () => {
    const v = parseServerVersion('2.10.7')!;
    assert.equal(probePathProblem('/healthz?js-enabled-only=true', v), undefined);
    assert.equal(probePathProblem('//healthz', v), undefined); // ServeMux redirects to the clean path
    assert.match(probePathProblem('/healthz/', v)!, /404/);
    assert.match(probePathProblem('/health', v)!, /404/);
    assert.match(probePathProblem('/healthz?js-server-only=yes', v)!, /400/);
    assert.match(probePathProblem('/healthz?stream=s', v)!, /400/);
    assert.equal(probePathProblem('/healthz?stream=s', parseServerVersion('2.9.10')!), undefined); // ignored in 2.9
    assert.match(probePathProblem('/raftz', v)!, /404/);
    assert.equal(probePathProblem('/raftz', parseServerVersion('2.10.17')!), undefined);
  });
});

describe('broken variants, each at its place', () => {
  // Kubernetes: `command` replaces the image's ENTRYPOINT; a configMap volume mounts each key as a
  // file under mountPath. nats-server exits when its -c file cannot be opened.
  test('k8s-config-path: --config names a file the ConfigMap volume does not hold', () => {
    const f = edited(STATEFULSET, '- /etc/nats/nats.conf', '- /etc/nats/nats-server.conf');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, '/etc/nats/nats-server.conf'), 'k8s-config-path');
  });
  test("k8s-config-path: no command, so the image's CMD reads /nats-server.conf", () => {
    const f = edited(
      STATEFULSET,
      '          command:\n            - nats-server\n            - --config\n            - /etc/nats/nats.conf\n',
      '',
    );
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, '- name: nats'), 'k8s-config-path');
  });
  // A non-optional configMap volume whose ConfigMap does not exist keeps the pod in ContainerCreating.
  test('k8s-config-missing: the volume names a ConfigMap none of the files has', () => {
    const f = edited(STATEFULSET, 'name: nats-config', 'name: nats-conf');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'name: nats-conf'), 'k8s-config-missing');
  });
  test('k8s-config-missing: not said for a StatefulSet checked alone (its ConfigMap may be elsewhere)', () => {
    const m = guideManifests();
    assert.deepEqual(k8s({ [STATEFULSET]: m[STATEFULSET] }), []);
  });
  test('k8s-config-missing: said for manifests split across files without it', () => {
    const m = guideManifests();
    const f = { [STATEFULSET]: m[STATEFULSET], [SERVICES]: m[SERVICES] };
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'name: nats-config'), 'k8s-config-missing');
  });
  // Pod DNS: <pod>.<service>.<namespace>.svc.<domain>, for the pods a headless Service selects.
  test('k8s-route-host: a Service none of the files has', () => {
    const f = edited(CONFIGMAP, 'nats-1.nats-headless', 'nats-1.nats-headles');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'nats-1.nats-headles'), 'k8s-route-host');
  });
  test('k8s-route-host: the Service in another namespace', () => {
    const f = edited(CONFIGMAP, 'nats-1.nats-headless.nats.svc', 'nats-1.nats-headless.default.svc');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'nats-1.nats-headless.default'), 'k8s-route-host');
  });
  test('k8s-route-host: a pod no StatefulSet has', () => {
    const f = edited(CONFIGMAP, '//nats-1.nats-headless', '//natz-1.nats-headless');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'natz-1'), 'k8s-route-host');
  });
  // A StatefulSet of N replicas has pods NAME-0 … NAME-(N-1).
  test('k8s-route-replica: nats-3 of three replicas', () => {
    const f = edited(
      CONFIGMAP,
      '            nats-route://nats-2.nats-headless.nats.svc.cluster.local:6222\n',
      '            nats-route://nats-2.nats-headless.nats.svc.cluster.local:6222\n' +
        '            nats-route://nats-3.nats-headless.nats.svc.cluster.local:6222\n',
    );
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'nats-3.'), 'k8s-route-replica');
  });
  test('k8s-route-replicas: routes to two of three replicas', () => {
    const f = edited(CONFIGMAP, '            nats-route://nats-2.nats-headless.nats.svc.cluster.local:6222\n', '');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'nats-0.'), 'k8s-route-replicas');
  });
  // A StatefulSet's pods get DNS names under their subdomain, which is its serviceName.
  test('k8s-service-name: serviceName is not the Service the routes name', () => {
    const f = edited(STATEFULSET, 'serviceName: nats-headless', 'serviceName: nats');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'nats-0.'), 'k8s-service-name');
  });
  // Only a headless Service (clusterIP: None) that selects the pods makes per-pod records.
  test('k8s-headless-service: not headless', () => {
    const f = edited(SERVICES, '  clusterIP: None\n', '');
    expectAt(f, SERVICES, lineOf(f, SERVICES, 'name: nats-headless'), 'k8s-headless-service');
  });
  test('k8s-headless-service: selecting other pods', () => {
    const f = edited(
      SERVICES,
      '  clusterIP: None\n  selector:\n    app: nats',
      '  clusterIP: None\n  selector:\n    app: natz',
    );
    expectAt(f, SERVICES, lineOf(f, SERVICES, 'app: natz'), 'k8s-headless-service');
  });
  test('k8s-headless-service: missing among the files', () => {
    const f = edited(SERVICES, 'name: nats-headless', 'name: nats-peers');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'serviceName'), 'k8s-headless-service');
  });
  // Service.spec.publishNotReadyAddresses: "the primary use case … is for a StatefulSet's Headless
  // Service to propagate SRV DNS records for its Pods for the purpose of peer discovery". Without it,
  // records exist only for Ready pods; /healthz with clustered JetStream is 503 until a meta leader.
  test('k8s-not-ready-addresses: Parallel pods, readiness on /healthz, no publishNotReadyAddresses', () => {
    let f = edited(STATEFULSET, 'path: /healthz?js-enabled-only=true', 'path: /healthz');
    f = edited(STATEFULSET, '  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n', f);
    const found = expectAt(f, SERVICES, lineOf(f, SERVICES, 'name: nats-headless'), 'k8s-not-ready-addresses');
    assert.ok(!found.some((x) => x.includes('k8s-ordered-ready')));
    const fixed = edited(SERVICES, '  clusterIP: None\n', '  clusterIP: None\n  publishNotReadyAddresses: true\n', f);
    assert.deepEqual(k8s(fixed), []);
  });
  // OrderedReady (the default): pod N+1 is created once pod N is Ready; a meta group expects at
  // least two peers (raft.go bootstrapRaftNode), so nats-0 alone never has a leader.
  test('k8s-ordered-ready: OrderedReady pods, readiness on /healthz', () => {
    const f = edited(STATEFULSET, 'path: /healthz?js-enabled-only=true', 'path: /healthz');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'name: nats', 'metadata:'), 'k8s-ordered-ready');
  });
  test('liveness on /healthz (the guide) is neither', () => {
    assert.deepEqual(k8s(guideManifests()), []);
  });
  test('k8s-container-port: a port nats-server does not open', () => {
    const f = edited(STATEFULSET, 'containerPort: 6222', 'containerPort: 6223');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'containerPort: 6223'), 'k8s-container-port');
  });
  test("a declared port of a sidecar's (metrics 7777) or of a listener the config does not open: nothing", () => {
    // As nats-io's own example manifests declare them: Kubernetes does not check containerPorts.
    const f = edited(
      STATEFULSET,
      '            - containerPort: 8222\n              name: monitor\n',
      '            - containerPort: 8222\n              name: monitor\n            - containerPort: 7777\n' +
        '              name: metrics\n            - containerPort: 7422\n              name: leafnodes\n',
    );
    assert.deepEqual(k8s(f), []);
  });
  test('k8s-service-port: the client Service forwards to a port nats-server does not open', () => {
    const f = edited(SERVICES, 'targetPort: 4222', 'targetPort: 4223');
    expectAt(f, SERVICES, lineOf(f, SERVICES, 'targetPort: 4223') - 2, 'k8s-service-port');
  });
  // The kubelet dials the pod IP on the probe's port; HTTP succeeds on 200–399.
  test('k8s-probe-port: the liveness probe on the client port', () => {
    const f = edited(
      STATEFULSET,
      'path: /healthz\n              port: 8222',
      'path: /healthz\n              port: 4222',
    );
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'port: 4222'), 'k8s-probe-port');
  });
  test('k8s-probe-port: a port name no containerPort has', () => {
    const f = edited(
      STATEFULSET,
      'path: /healthz\n              port: 8222',
      'path: /healthz\n              port: metrics',
    );
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'port: metrics'), 'k8s-probe-port');
  });
  test('a port by name (monitor) is the monitoring port', () => {
    const f = edited(
      STATEFULSET,
      'path: /healthz\n              port: 8222',
      'path: /healthz\n              port: monitor',
    );
    assert.deepEqual(k8s(f), []);
  });
  test('k8s-probe-port: monitoring not enabled', () => {
    const f = edited(CONFIGMAP, '    http_port: 8222\n', '');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'port: 8222'), 'k8s-probe-port');
  });
  test('k8s-probe-path: a path nats-server answers with 404', () => {
    const f = edited(STATEFULSET, 'path: /healthz\n', 'path: /healthz/\n');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'path: /healthz/'), 'k8s-probe-path');
  });
  test('k8s-probe-path: a boolean Go cannot read (400)', () => {
    const f = edited(STATEFULSET, 'js-enabled-only=true', 'js-enabled-only=yes');
    expectAt(f, STATEFULSET, lineOf(f, STATEFULSET, 'js-enabled-only=yes'), 'k8s-probe-path');
  });
  // emptyDir: "When a Pod is removed from a node for any reason, the data in the emptyDir is deleted".
  test('k8s-store-ephemeral: store_dir outside the claim', () => {
    const f = edited(CONFIGMAP, 'store_dir: /data/jetstream', 'store_dir: /var/jetstream');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'store_dir'), 'k8s-store-ephemeral');
  });
  test('k8s-store-ephemeral: on an emptyDir', () => {
    let f = edited(
      STATEFULSET,
      '        - name: config\n          configMap:',
      '        - name: data\n          emptyDir: {}\n        - name: config\n          configMap:',
    );
    f = edited(STATEFULSET, '  volumeClaimTemplates:', '  volumeClaimTemplatesX:', f);
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'store_dir'), 'k8s-store-ephemeral');
  });
  test('k8s-store-size: max_file_store larger than the claim (20Gi > 10Gi)', () => {
    const f = edited(CONFIGMAP, 'max_file_store: 10Gi', 'max_file_store: 20Gi');
    expectAt(f, CONFIGMAP, lineOf(f, CONFIGMAP, 'max_file_store'), 'k8s-store-size');
  });
  test('k8s-store-size: 10G (decimal) in the config fits a 10Gi claim', () => {
    const f = edited(CONFIGMAP, 'max_file_store: 10Gi', 'max_file_store: 10G');
    assert.deepEqual(k8s(f), []);
  });
});

/** A Pod whose nats-server loads /etc/nats/nats.conf from ConfigMap nats-config. */
const LOADING_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: nats }',
  'spec:',
  '  volumes: [ { name: config, configMap: { name: nats-config } } ]',
  '  containers:',
  '    - name: nats',
  '      image: nats:2.10.7',
  '      args: ["-c", "/etc/nats/nats.conf"]',
  '      volumeMounts: [ { name: config, mountPath: /etc/nats } ]',
].join('\n');

describe('a ConfigMap key no container loads', () => {
  test("holding only a comment: no 'empty config' warning (nats-server never reads it)", () => {
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: nats-config }',
      'data:',
      '  unused.conf: |',
      '    # kept for reference',
      '  nats.conf: |',
      '    port: 4222',
      '    authorization { token: t0ken }',
      '---',
      LOADING_POD,
    ].join('\n');
    assert.deepEqual(deploy({ '/k/nats.yaml': yaml }).diagnostics, []);
    // The key the container loads is still warned of when empty.
    const empty = yaml.replace('    port: 4222\n    authorization { token: t0ken }', '    # nothing yet');
    const found = deploy({ '/k/nats.yaml': empty }).diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.ok(found.includes('8 empty-config'), JSON.stringify(found));
  });
});

describe('what another program makes of a manifest', () => {
  const pod = (image: string, args: string) =>
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: nats }',
      'spec:',
      '  containers:',
      '    - name: nats-server',
      `      image: ${image}`,
      `      args: ${args}`,
      '',
    ].join('\n');

  test("another organisation's nats image has an entrypoint of its own: its args are not nats-server's", () => {
    const codes = (image: string) =>
      deploy({ '/k/pod.yaml': pod(image, "['--routes=nats://seed.example.com:6222']") }).diagnostics.map((d) => d.code);
    assert.deepEqual(codes('openland/nats:v1'), []);
    assert.deepEqual(codes('bitnami/nats:2.10.7'), []);
    // The official image, by any of its names: nats-server refuses routes without a cluster.
    for (const image of ['nats:2.10.7', 'docker.io/library/nats:2.10.7', 'mirror.gcr.io/library/nats:2.10.7'])
      assert.deepEqual(codes(image), ['flag-refused'], image);
  });

  const templated = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: nats-config }',
    'data:',
    '  nats.conf: |',
    '    server_name: "{{ env "POD_NAME" }}"',
    '    authorization {',
    '      token: "{{ env "NATS_TOKEN" }}"',
    '    }',
    '',
  ].join('\n');

  test('a ConfigMap holding a template (consul-template) that no nats-server loads as it is: not read', () => {
    assert.deepEqual(deploy({ '/k/config.yaml': templated }).diagnostics, []);
  });

  test('the same template loaded by nats-server as it is: nats-server reads the braces, and so do we', () => {
    const codes = deploy({ '/k/config.yaml': `${templated}---\n${LOADING_POD}` }).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('syntax'), codes.join(', '));
  });

  test("nats-server's own subject mapping functions are no template: the config is read", () => {
    const mapping = templated
      .replace('"{{ env "POD_NAME" }}"', 'nats')
      .replace('"{{ env "NATS_TOKEN" }}"', 'a-long-enough-token-1234')
      .replace(
        '    }\n',
        '    }\n    mappings { "orders.*": "orders.{{wildcard(1)}}.{{ partition(3,1) }}" }\n    prot: 4222\n',
      );
    const found = deploy({ '/k/config.yaml': mapping }).diagnostics.map((d) => d.code);
    assert.deepEqual(found, ['unknown-key']);
  });

  test("a chart's template file: skipped with a note, not called broken YAML", () => {
    const template = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ .Release.Name }}-nats',
      '  labels: {{- toYaml .Values.labels | nindent 4 }}',
      '',
    ].join('\n');
    const r = deploy({ '/chart/templates/service.yaml': template });
    assert.deepEqual(r.diagnostics, []);
    assert.match(r.skipped[0]?.note ?? '', /a template/);
  });
});
