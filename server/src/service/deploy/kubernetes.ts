// Kubernetes workloads running nats-server (StatefulSets, Deployments, DaemonSets, Pods), their
// Services, and the checks between them and the ConfigMaps they mount. The model says what each
// pod would run: its argv (image entrypoint and CMD as `command`/`args` replace them), its
// environment per replica (`metadata.name` is the pod's name, `nats-0` … `nats-N-1`), its mounts,
// probes and claims, each with its place in the YAML file.

import { imageVersion, isAlpineImage, isNatsImage } from './images';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { setHostNames } from '../cluster/members';
import type { Diagnostic, Finding } from '../diagnostics';
import { toDiagnostic } from '../diagnostics';
import type { LineIndex } from '../positions';
import type { Span } from '../tree';
import { isUnknownValue, unknownValue, type Environment } from '../variables';
import { NEWEST_VERSION, type ServerVersion } from '../versions';
import { nodeAt, scalarString, seqItems as items, spanOf, type YamlFile } from '../yaml/yamlFile';
import type { DeployContext, DeploymentNode, DeployPart } from './context';
import { configObjects, type ConfigObject } from './embeddedConfigs';
import { kubernetesDiagnostics } from './checks/k8sChecks';
import { parseServerFlags, type ArgWord, type ParsedFlags } from './flags';
import { VIRTUAL_MARK } from './virtualFiles';
import { kustomizeGenerated, type GeneratedObject } from './kustomize';
import type { ConfigHost } from '../document';

export { kubernetesDiagnostics };

/** A place in one of the YAML files. */
export interface Place {
  file: string;
  span: Span;
}

export type WorkloadKind = 'StatefulSet' | 'Deployment' | 'DaemonSet' | 'Pod';

/** Where an environment variable's value comes from. */
type EnvSource =
  | { kind: 'value'; value: string }
  | { kind: 'field'; path: string }
  | { kind: 'configMap' | 'secret'; name: string; key: string; optional: boolean }
  | { kind: 'resource'; resource: string };

export interface EnvVar {
  name: string;
  source: EnvSource;
  place: Place;
}

export interface ContainerPort {
  port: number;
  name: string | undefined;
  place: Place;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath: string | undefined;
  place: Place;
  pathPlace: Place;
}

export type VolumeKind =
  'configMap' | 'secret' | 'emptyDir' | 'persistentVolumeClaim' | 'claimTemplate' | 'hostPath' | 'other';

export interface Volume {
  name: string;
  kind: VolumeKind;
  /** The ConfigMap, Secret or claim it names. */
  source: string | undefined;
  sourcePlace: Place | undefined;
  /** `items`: keys mounted under other paths (only they are mounted). */
  items: { key: string; path: string }[] | undefined;
  optional: boolean;
  /** A claim template's storage request, in bytes. */
  storage: number | undefined;
  storagePlace: Place | undefined;
  place: Place;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface Probe {
  kind: ProbeKind;
  handler: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'none';
  /** httpGet's path with its query (default `/`). */
  path: string;
  pathPlace: Place | undefined;
  port: number | string | undefined;
  portPlace: Place | undefined;
  scheme: 'HTTP' | 'HTTPS';
  place: Place;
}

export interface NatsContainer {
  name: string;
  image: string;
  /** The release the image tag names, when it names one. */
  version: ServerVersion | undefined;
  /** `nats:*-alpine`: entrypoint script and CMD `nats-server --config /etc/nats/nats-server.conf`. */
  alpine: boolean;
  /** `command`/`args` as written (undefined: the image's). */
  command: ArgWord[] | undefined;
  args: ArgWord[] | undefined;
  commandPlace: Place | undefined;
  argsPlace: Place | undefined;
  /** `workingDir`, else the image's (`/`). */
  workingDir: string;
  env: EnvVar[];
  /** `envFrom` sources (every key of a ConfigMap or Secret). */
  envFrom: { kind: 'configMap' | 'secret'; name: string; prefix: string; optional: boolean }[];
  ports: ContainerPort[];
  mounts: VolumeMount[];
  probes: Probe[];
  place: Place;
}

export interface Workload {
  kind: WorkloadKind;
  name: string;
  /** `metadata.namespace`; undefined: not written (the namespace it is applied to, which matches any here). */
  namespace: string | undefined;
  file: YamlFile;
  namePlace: Place;
  /** StatefulSets and Deployments: `replicas` (default 1); DaemonSets and Pods: 1. */
  replicas: number;
  replicasPlace: Place | undefined;
  serviceName: string | undefined;
  serviceNamePlace: Place | undefined;
  /** StatefulSets: OrderedReady (the default) or Parallel. */
  podManagementPolicy: string;
  labels: Record<string, string>;
  labelsPlace: Place | undefined;
  /** The pod template's `hostname:` (a StatefulSet names each pod's host after the pod instead). */
  hostname: string | undefined;
  volumes: Volume[];
  containers: NatsContainer[];
  /** The ports of the pod's other containers (a metrics exporter's): a Service may forward to them. */
  sidecarPorts: ContainerPort[];
  place: Place;
}

export interface ServicePort {
  name: string | undefined;
  port: number;
  targetPort: number | string;
  place: Place;
}

export interface Service {
  name: string;
  namespace: string | undefined;
  file: YamlFile;
  namePlace: Place;
  headless: boolean;
  clusterIPPlace: Place | undefined;
  selector: Record<string, string> | undefined;
  selectorPlace: Place | undefined;
  ports: ServicePort[];
  publishNotReadyAddresses: boolean;
  place: Place;
}

export interface KubernetesModel {
  files: YamlFile[];
  workloads: Workload[];
  services: Service[];
  objects: ConfigObject[];
  /**
   * ConfigMaps and Secrets that exist but whose data is not known here: made by a kustomization
   * (configMapGenerator, secretGenerator), or given twice with different data (which one stands
   * depends on the order they are applied in). Neither is in `objects`, and neither is missing.
   */
  unknownObjects: GeneratedObject[];
}

const DEFAULT_NAMESPACE = 'default';

/**
 * Whether two objects are in one namespace. One without `metadata.namespace` goes where it is
 * applied (`kubectl apply -n`), so it matches any: no finding rests on a namespace not written.
 */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * The manifests of `files` (several documents each), read into workloads, Services, ConfigMaps and
 * Secrets; with `host`, the kustomization beside them is read for what it generates.
 */
export function kubernetesModel(files: readonly YamlFile[], host?: ConfigHost): KubernetesModel {
  const model: KubernetesModel = {
    files: [...files],
    workloads: [],
    services: [],
    objects: [],
    unknownObjects: kustomizeGenerated(files, host),
  };
  for (const file of files) {
    model.objects.push(...configObjects(file));
    for (const document of file.documents) {
      const root = document.doc.contents;
      if (!isMap(root)) continue;
      const kind = scalarString(nodeAt(root, ['kind']));
      if (kind === 'Service') model.services.push(serviceOf(file, root));
      else if (kind === 'StatefulSet' || kind === 'Deployment' || kind === 'DaemonSet' || kind === 'Pod') {
        const workload = workloadOf(file, root, kind);
        if (workload.containers.length) model.workloads.push(workload);
      }
    }
  }
  setAsideConflicting(model);
  return model;
}

/** ConfigMaps and Secrets given twice (one name, one namespace) with different data: not known here. */
function setAsideConflicting(model: KubernetesModel): void {
  const id = (o: ConfigObject) => `${o.kind}\0${o.name}\0${o.namespace ?? DEFAULT_NAMESPACE}`;
  const data = (o: ConfigObject) => JSON.stringify([...o.entries].map(([key, e]) => [key, e.embedded.text]).sort());
  const first = new Map<string, ConfigObject>();
  const conflicting = new Set<string>();
  for (const o of model.objects) {
    const seen = first.get(id(o));
    if (!seen) first.set(id(o), o);
    else if (data(seen) !== data(o)) conflicting.add(id(o));
  }
  if (conflicting.size === 0) return;
  for (const o of model.objects.filter((o) => conflicting.has(id(o)))) {
    if (!model.unknownObjects.some((u) => u.kind === o.kind && u.name === o.name))
      model.unknownObjects.push({ kind: o.kind, name: o.name });
  }
  model.objects = model.objects.filter((o) => !conflicting.has(id(o)));
}

const placeOf = (file: YamlFile, node: unknown): Place | undefined => {
  const span = spanOf(node as Node);
  return span ? { file: file.path, span } : undefined;
};

function stringMap(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const key = scalarString(pair.key);
    const value = scalarString(pair.value);
    if (key !== undefined && value !== undefined) out[key] = value;
  }
  return out;
}

function integer(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  const n = typeof node.value === 'number' ? node.value : Number(scalarString(node));
  return Number.isInteger(n) ? n : undefined;
}

/** A port as Kubernetes takes it: a number, or a name (IANA_SVC_NAME). */
function portValue(node: unknown): number | string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  const text = scalarString(node);
  if (text === undefined || text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

function serviceOf(file: YamlFile, root: Node): Service {
  const spec = nodeAt(root, ['spec']);
  const clusterIP = nodeAt(spec, ['clusterIP']);
  const selector = nodeAt(spec, ['selector']);
  return {
    name: scalarString(nodeAt(root, ['metadata', 'name'])) ?? '',
    namespace: scalarString(nodeAt(root, ['metadata', 'namespace'])) || undefined,
    file,
    namePlace: placeOf(file, nodeAt(root, ['metadata', 'name'])) ?? placeOf(file, root)!,
    headless: scalarString(clusterIP) === 'None',
    clusterIPPlace: placeOf(file, clusterIP),
    selector: isMap(selector) ? stringMap(selector) : undefined,
    selectorPlace: placeOf(file, selector),
    ports: items(nodeAt(spec, ['ports'])).flatMap((p) => {
      const port = integer(nodeAt(p, ['port']));
      if (port === undefined) return [];
      return [
        {
          name: scalarString(nodeAt(p, ['name'])),
          port,
          // targetPort defaults to `port` (Service spec).
          targetPort: portValue(nodeAt(p, ['targetPort'])) ?? port,
          place: placeOf(file, p)!,
        },
      ];
    }),
    publishNotReadyAddresses: (nodeAt(spec, ['publishNotReadyAddresses']) as { value?: unknown })?.value === true,
    place: placeOf(file, root)!,
  };
}

function workloadOf(file: YamlFile, root: Node, kind: WorkloadKind): Workload {
  const spec = nodeAt(root, ['spec']);
  // A Pod is its own template.
  const template = kind === 'Pod' ? root : nodeAt(spec, ['template']);
  const podSpec = nodeAt(template, ['spec']);
  const replicasNode = nodeAt(spec, ['replicas']);
  const labelsNode = nodeAt(template, ['metadata', 'labels']);
  const volumes = items(nodeAt(podSpec, ['volumes'])).map((v) => volumeOf(file, v));
  if (kind === 'StatefulSet') {
    for (const claim of items(nodeAt(spec, ['volumeClaimTemplates']))) {
      const storageNode = nodeAt(claim, ['spec', 'resources', 'requests', 'storage']);
      const nameNode = nodeAt(claim, ['metadata', 'name']);
      volumes.push({
        name: scalarString(nameNode) ?? '',
        kind: 'claimTemplate',
        source: scalarString(nameNode),
        sourcePlace: placeOf(file, nameNode),
        items: undefined,
        optional: false,
        storage: quantityBytes(scalarString(storageNode)),
        storagePlace: placeOf(file, storageNode),
        place: placeOf(file, claim)!,
      });
    }
  }
  // The pod's nats-server containers, and the ports of the others (init containers too).
  const containers: NatsContainer[] = [];
  const others: unknown[] = [];
  for (const c of items(nodeAt(podSpec, ['containers']))) {
    const nats = containerOf(file, c);
    if (nats) containers.push(nats);
    else others.push(c);
  }
  for (const c of items(nodeAt(podSpec, ['initContainers']))) if (!containerOf(file, c)) others.push(c);
  const sidecarPorts = others.flatMap((c) => containerPortsOf(file, c));
  const serviceNameNode = nodeAt(spec, ['serviceName']);
  return {
    kind,
    name: scalarString(nodeAt(root, ['metadata', 'name'])) ?? '',
    namespace: scalarString(nodeAt(root, ['metadata', 'namespace'])) || undefined,
    file,
    namePlace: placeOf(file, nodeAt(root, ['metadata', 'name'])) ?? placeOf(file, root)!,
    replicas: kind === 'StatefulSet' || kind === 'Deployment' ? (integer(replicasNode) ?? 1) : 1,
    replicasPlace: placeOf(file, replicasNode),
    serviceName: scalarString(serviceNameNode),
    serviceNamePlace: placeOf(file, serviceNameNode),
    podManagementPolicy: scalarString(nodeAt(spec, ['podManagementPolicy'])) ?? 'OrderedReady',
    labels: stringMap(labelsNode),
    labelsPlace: placeOf(file, labelsNode),
    hostname: scalarString(nodeAt(podSpec, ['hostname'])) || undefined,
    volumes,
    containers,
    sidecarPorts,
    place: placeOf(file, root)!,
  };
}

function volumeOf(file: YamlFile, v: unknown): Volume {
  const base = {
    name: scalarString(nodeAt(v, ['name'])) ?? '',
    items: undefined as Volume['items'],
    optional: false,
    storage: undefined,
    storagePlace: undefined,
    place: placeOf(file, v)!,
  };
  const sourced = (kind: VolumeKind, block: string, nameKey: string): Volume | undefined => {
    const b = nodeAt(v, [block]);
    if (!isMap(b)) return undefined;
    const nameNode = nodeAt(b, [nameKey]);
    const list = nodeAt(b, ['items']);
    return {
      ...base,
      kind,
      source: scalarString(nameNode),
      sourcePlace: placeOf(file, nameNode),
      items: isSeq(list)
        ? list.items.map((i) => ({
            key: scalarString(nodeAt(i, ['key'])) ?? '',
            path: scalarString(nodeAt(i, ['path'])) ?? '',
          }))
        : undefined,
      optional: (nodeAt(b, ['optional']) as { value?: unknown })?.value === true,
    };
  };
  return (
    sourced('configMap', 'configMap', 'name') ??
    sourced('secret', 'secret', 'secretName') ??
    sourced('persistentVolumeClaim', 'persistentVolumeClaim', 'claimName') ??
    (nodeAt(v, ['emptyDir']) !== undefined || (isMap(v) && v.has('emptyDir'))
      ? { ...base, kind: 'emptyDir', source: undefined, sourcePlace: undefined }
      : isMap(nodeAt(v, ['hostPath']))
        ? { ...base, kind: 'hostPath', source: undefined, sourcePlace: undefined }
        : { ...base, kind: 'other', source: undefined, sourcePlace: undefined })
  );
}

/** A word list (`command`, `args`) with each word's place. */
function wordsOf(file: YamlFile, node: unknown): ArgWord[] | undefined {
  if (!isSeq(node)) return undefined;
  return node.items.flatMap((item) => {
    const text = scalarString(item);
    const span = spanOf(item as Node);
    return text !== undefined && span ? [{ text, span }] : [];
  });
}

/** Whether a container runs nats-server: the image `nats`, `nats:TAG`, `REGISTRY/nats:TAG`, or a command naming it. */
function runsNatsServer(image: string, command: readonly string[] | undefined): boolean {
  return isNatsImage(image) || /(^|\/)nats-server$/.test(command?.[0] ?? '');
}

/** A container's `ports:`, those with a containerPort. */
function containerPortsOf(file: YamlFile, c: unknown): ContainerPort[] {
  return items(nodeAt(c, ['ports'])).flatMap((p) => {
    const port = integer(nodeAt(p, ['containerPort']));
    return port === undefined
      ? []
      : [{ port, name: scalarString(nodeAt(p, ['name'])), place: placeOf(file, nodeAt(p, ['containerPort']))! }];
  });
}

function containerOf(file: YamlFile, c: unknown): NatsContainer | undefined {
  const image = scalarString(nodeAt(c, ['image'])) ?? '';
  const commandNode = nodeAt(c, ['command']);
  const argsNode = nodeAt(c, ['args']);
  const command = wordsOf(file, commandNode);
  if (
    !runsNatsServer(
      image,
      command?.map((w) => w.text),
    )
  )
    return undefined;
  const env: EnvVar[] = items(nodeAt(c, ['env'])).flatMap((e) => {
    const name = scalarString(nodeAt(e, ['name']));
    if (!name) return [];
    const from = nodeAt(e, ['valueFrom']);
    let source: EnvSource;
    if (isMap(from)) {
      const field = scalarString(nodeAt(from, ['fieldRef', 'fieldPath']));
      const ref = (k: 'configMapKeyRef' | 'secretKeyRef') => nodeAt(from, [k]);
      if (field !== undefined) source = { kind: 'field', path: field };
      else if (isMap(ref('configMapKeyRef')) || isMap(ref('secretKeyRef'))) {
        const isSecret = isMap(ref('secretKeyRef'));
        const r = ref(isSecret ? 'secretKeyRef' : 'configMapKeyRef');
        source = {
          kind: isSecret ? 'secret' : 'configMap',
          name: scalarString(nodeAt(r, ['name'])) ?? '',
          key: scalarString(nodeAt(r, ['key'])) ?? '',
          optional: (nodeAt(r, ['optional']) as { value?: unknown })?.value === true,
        };
      } else
        source = { kind: 'resource', resource: scalarString(nodeAt(from, ['resourceFieldRef', 'resource'])) ?? '' };
    } else source = { kind: 'value', value: scalarString(nodeAt(e, ['value'])) ?? '' };
    return [{ name, source, place: placeOf(file, e)! }];
  });
  const envFrom = items(nodeAt(c, ['envFrom'])).flatMap((e) => {
    const isSecret = isMap(nodeAt(e, ['secretRef']));
    const ref = nodeAt(e, [isSecret ? 'secretRef' : 'configMapRef']);
    if (!isMap(ref)) return [];
    return [
      {
        kind: (isSecret ? 'secret' : 'configMap') as 'secret' | 'configMap',
        name: scalarString(nodeAt(ref, ['name'])) ?? '',
        prefix: scalarString(nodeAt(e, ['prefix'])) ?? '',
        optional: (nodeAt(ref, ['optional']) as { value?: unknown })?.value === true,
      },
    ];
  });
  const probes: Probe[] = [];
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const p = nodeAt(c, [`${kind}Probe`]);
    if (!isMap(p)) continue;
    const http = nodeAt(p, ['httpGet']);
    const tcp = nodeAt(p, ['tcpSocket']);
    const grpc = nodeAt(p, ['grpc']);
    const handlerNode = isMap(http) ? http : isMap(tcp) ? tcp : isMap(grpc) ? grpc : undefined;
    const handler = isMap(http)
      ? 'httpGet'
      : isMap(tcp)
        ? 'tcpSocket'
        : isMap(grpc)
          ? 'grpc'
          : isMap(nodeAt(p, ['exec']))
            ? 'exec'
            : 'none';
    const pathNode = nodeAt(http, ['path']);
    const portNode = nodeAt(handlerNode, ['port']);
    probes.push({
      kind,
      handler,
      path: scalarString(pathNode) || '/',
      pathPlace: placeOf(file, pathNode),
      port: portValue(portNode),
      portPlace: placeOf(file, portNode),
      scheme: (scalarString(nodeAt(http, ['scheme'])) ?? 'HTTP').toUpperCase() === 'HTTPS' ? 'HTTPS' : 'HTTP',
      place: placeOf(file, p)!,
    });
  }
  return {
    name: scalarString(nodeAt(c, ['name'])) ?? '',
    image,
    version: imageVersion(image),
    alpine: isAlpineImage(image),
    command,
    args: wordsOf(file, argsNode),
    commandPlace: placeOf(file, commandNode),
    argsPlace: placeOf(file, argsNode),
    workingDir: scalarString(nodeAt(c, ['workingDir'])) || '/',
    env,
    envFrom,
    ports: containerPortsOf(file, c),
    mounts: items(nodeAt(c, ['volumeMounts'])).flatMap((m) => {
      const mountPath = scalarString(nodeAt(m, ['mountPath']));
      if (!mountPath) return [];
      return [
        {
          name: scalarString(nodeAt(m, ['name'])) ?? '',
          mountPath,
          subPath: scalarString(nodeAt(m, ['subPath'])) || undefined,
          place: placeOf(file, m)!,
          pathPlace: placeOf(file, nodeAt(m, ['mountPath']))!,
        },
      ];
    }),
    probes,
    place: placeOf(file, c)!,
  };
}

// ---------------------------------------------------------------------------------------------
// Sizes.

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity (`10Gi`, `10G`, `1e9`, `500M`) in bytes; undefined when it is not one. */
export function quantityBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1] + (m[2] ?? ''));
  return Number.isFinite(n) ? n * QUANTITY_SUFFIX[m[3] ?? ''] : undefined;
}

// ---------------------------------------------------------------------------------------------
// What each pod runs.

/** The pod names of a workload: StatefulSet pods are `NAME-0` … `NAME-(replicas-1)`; others' names are generated. */
export function podNames(w: Workload): (string | undefined)[] {
  if (w.kind === 'StatefulSet') return Array.from({ length: Math.max(0, w.replicas) }, (_, i) => `${w.name}-${i}`);
  if (w.kind === 'Pod') return [w.name];
  return Array.from({ length: Math.max(1, w.replicas) }, () => undefined);
}

/** A pod's environment: each variable's value, and those only the cluster knows (a Secret not given, a node name). */
export interface PodEnvironment {
  values: Record<string, string>;
  /** Defined, but its value is not known here. */
  unknown: Set<string>;
}

/** Stand-ins for values only the cluster knows, so that a config naming them still reads (unique per pod). */
const podIp = (index: number) => `198.18.0.${index + 1}`;

/** A container's environment in pod `index` (named `podName`), `$(VAR)` expanded as the kubelet does. */
export function containerEnvironment(
  model: KubernetesModel,
  w: Workload,
  c: NatsContainer,
  index: number,
  podName: string | undefined,
): PodEnvironment {
  const env: PodEnvironment = { values: {}, unknown: new Set() };
  const dataOf = (kind: 'configMap' | 'secret', name: string) =>
    model.objects.find(
      (o) =>
        o.kind === (kind === 'configMap' ? 'ConfigMap' : 'Secret') &&
        o.name === name &&
        sameNamespace(o.namespace, w.namespace),
    );
  const set = (name: string, value: string | undefined) => {
    if (value === undefined || isUnknownValue(value)) {
      env.unknown.add(name);
      env.values[name] = value ?? unknownValue(`unknown-${name.toLowerCase()}`);
    } else {
      env.unknown.delete(name);
      env.values[name] = value;
    }
  };
  // The container runtime sets HOSTNAME to the pod's host name; the image sets PATH and HOME.
  set('HOSTNAME', w.kind === 'StatefulSet' ? podName : (w.hostname ?? podName));
  set('PATH', undefined);
  set('HOME', undefined);
  for (const from of c.envFrom) {
    const object = dataOf(from.kind, from.name);
    for (const [key, entry] of object?.entries ?? []) set(from.prefix + key, entry.embedded.text);
  }
  for (const v of c.env) {
    const s = v.source;
    if (s.kind === 'value') set(v.name, expandReferences(s.value, env.values));
    else if (s.kind === 'field') {
      const label = /^metadata\.labels\['([^']*)'\]$/.exec(s.path)?.[1];
      if (s.path === 'metadata.name') set(v.name, podName);
      else if (s.path === 'metadata.namespace') set(v.name, w.namespace ?? DEFAULT_NAMESPACE);
      else if (s.path === 'status.podIP') set(v.name, podIp(index));
      else if (label !== undefined) set(v.name, w.labels[label]);
      else set(v.name, undefined);
    } else if (s.kind === 'configMap' || s.kind === 'secret') {
      set(v.name, dataOf(s.kind, s.name)?.entries.get(s.key)?.embedded.text);
    } else set(v.name, undefined);
  }
  return env;
}

/** `$(VAR)` as the kubelet expands it in `command`, `args` and `env` values: known names only; `$$` escapes. */
function expandReferences(text: string, env: Readonly<Record<string, string>>): string {
  let unknown = false;
  const expanded = text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    if (name === undefined || !(name in env)) return whole;
    if (isUnknownValue(env[name])) unknown = true;
    return knownPart(env[name]);
  });
  // A value made with an unknown one is not known either.
  return unknown ? unknownValue(expanded) : expanded;
}

/** The text a value stands for (an unknown one's stand-in). */
const knownPart = (value: string) => (isUnknownValue(value) ? value.slice(1) : value);

/**
 * The argv the container runs: `command` replaces the image's ENTRYPOINT (and drops its CMD),
 * `args` replaces CMD. The official image: ENTRYPOINT `/nats-server`, CMD `--config nats-server.conf`
 * (scratch); `docker-entrypoint.sh` (which puts `nats-server` before arguments starting with `-`)
 * and CMD `nats-server --config /etc/nats/nats-server.conf` (alpine). Words keep their YAML places.
 */
export function containerArgv(c: NatsContainer, env: Readonly<Record<string, string>> = {}): ArgWord[] {
  const at = c.place.span;
  const image = (words: string[]): ArgWord[] =>
    words.map((text) => ({ text, span: { start: at.start, end: at.start } }));
  const expand = (words: ArgWord[]): ArgWord[] =>
    words.map((w) => {
      const text = expandReferences(w.text, env);
      return isUnknownValue(text) ? { text: knownPart(text), span: w.span, unknown: true } : { text, span: w.span };
    });
  let argv: ArgWord[];
  if (c.command) argv = [...expand(c.command), ...expand(c.args ?? [])];
  else if (c.alpine) {
    const args = c.args ? expand(c.args) : image(['nats-server', '--config', '/etc/nats/nats-server.conf']);
    argv = args[0]?.text.startsWith('-') ? [...image(['nats-server']), ...args] : args;
  } else argv = [...image(['/nats-server']), ...(c.args ? expand(c.args) : image(['--config', 'nats-server.conf']))];
  return argv;
}

/** What the command line says to nats-server, when argv runs nats-server (a shell script: undefined). */
export interface ServerCommand {
  argv: ArgWord[];
  flags: ParsedFlags;
  /** The config file as an absolute path in the container (undefined: none). */
  configPath: string | undefined;
  /** Where the config path is written (the container when it comes from the image's CMD). */
  configPlace: Place;
}

export function serverCommand(
  w: Workload,
  c: NatsContainer,
  env: Readonly<Record<string, string>> = {},
): ServerCommand | undefined {
  const argv = containerArgv(c, env);
  if (!/(^|\/)nats-server$/.test(argv[0]?.text ?? '')) return undefined;
  const flags = parseServerFlags(argv.slice(1), c.version ?? NEWEST_VERSION);
  const configPath = flags.configFile === undefined ? undefined : joinPath(c.workingDir, flags.configFile);
  const fromImage = flags.configSpan !== undefined && flags.configSpan.start === flags.configSpan.end;
  const configPlace: Place = {
    file: w.file.path,
    span: flags.configSpan && !fromImage ? flags.configSpan : (c.argsPlace ?? c.commandPlace ?? c.place).span,
  };
  return { argv, flags, configPath, configPlace };
}

/** A container path joined as the kernel resolves it (relative to the working directory). */
export function joinPath(dir: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${dir}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** What a container path holds: a mount (the deepest whose path covers it) and the file's key in that volume. */
interface MountedFile {
  mount: VolumeMount;
  volume: Volume | undefined;
  /** The key of the ConfigMap or Secret (or the file path inside the volume). */
  key: string;
}

export function mountedAt(w: Workload, c: NatsContainer, path: string): MountedFile | undefined {
  const covering = c.mounts
    .filter((m) => {
      const mp = joinPath('/', m.mountPath);
      return path === mp || path.startsWith(mp === '/' ? '/' : mp + '/');
    })
    .sort((a, b) => joinPath('/', b.mountPath).length - joinPath('/', a.mountPath).length)[0];
  if (!covering) return undefined;
  const volume = w.volumes.find((v) => v.name === covering.name);
  const mp = joinPath('/', covering.mountPath);
  const rest = path === mp ? '' : path.slice(mp === '/' ? 1 : mp.length + 1);
  // subPath mounts one entry (file) of the volume at mountPath.
  let inner = covering.subPath ? (rest ? `${covering.subPath}/${rest}` : covering.subPath) : rest;
  // `items` map keys to other paths; only those keys are mounted.
  if (volume?.items) {
    const item = volume.items.find((i) => joinPath('/', i.path) === joinPath('/', inner));
    inner = item ? item.key : `\0${inner}`;
  }
  return { mount: covering, volume, key: inner };
}

/** The ConfigMap or Secret a volume names, among the files given (same namespace). */
export function objectOf(model: KubernetesModel, w: Workload, v: Volume | undefined): ConfigObject | undefined {
  if (!v || (v.kind !== 'configMap' && v.kind !== 'secret')) return undefined;
  const kind = v.kind === 'configMap' ? 'ConfigMap' : 'Secret';
  return model.objects.find((o) => o.kind === kind && o.name === v.source && sameNamespace(o.namespace, w.namespace));
}

// ---------------------------------------------------------------------------------------------
// Replicas as nodes.

/** One pod of a workload running nats-server with a config from a ConfigMap or Secret given. */
export interface ReplicaNode {
  workload: Workload;
  container: NatsContainer;
  index: number;
  /** The pod's name (`nats-0`); generated names (Deployments) are `NAME-<index>` here. */
  name: string;
  env: PodEnvironment;
  command: ServerCommand;
  /** The mounted ConfigMap or Secret entry nats-server reads. */
  object: ConfigObject;
  key: string;
}

/** Every pod of every workload whose config is among the files given, with its environment. */
export function replicas(model: KubernetesModel): ReplicaNode[] {
  const out: ReplicaNode[] = [];
  for (const w of model.workloads) {
    podNames(w).forEach((pod, index) => {
      for (const c of w.containers) {
        const env = containerEnvironment(model, w, c, index, pod);
        const command = serverCommand(w, c, env.values);
        if (!command?.configPath) continue;
        const mounted = mountedAt(w, c, command.configPath);
        const object = objectOf(model, w, mounted?.volume);
        if (!mounted || !object?.entries.has(mounted.key)) continue;
        out.push({
          workload: w,
          container: c,
          index,
          name: pod ?? `${w.name}-${index}`,
          env,
          command,
          object,
          key: mounted.key,
        });
      }
    });
  }
  return out;
}

/** A replica read as a node: its config model at the entry's virtual path, and what reading it found. */
export interface ReadReplicaNode extends ReplicaNode, DeploymentNode {
  path: string;
  diagnostics: Diagnostic[];
}

/** The virtual path the orchestrator gave an entry (objects are read anew here: matched by file, document and key). */
function virtualPathOf(ctx: DeployContext, object: ConfigObject, key: string): string | undefined {
  const same = (o: ConfigObject) => o.yamlPath === object.yamlPath && o.documentIndex === object.documentIndex;
  const hit = ctx.files.configs().find((f) => same(f.object) && f.entry.key === key);
  if (hit) return hit.path;
  const guess = `${object.yamlPath}${VIRTUAL_MARK}${object.kind.toLowerCase()}/${object.name || 'unnamed'}/${key}`;
  const file = ctx.files.get(guess);
  return file && same(file.object) ? file.path : undefined;
}

/**
 * Includes as the container finds them: a path joined onto the config's folder (or onto the folder
 * of a file read this way) is looked up among the container's mounts, so that `include
 * "auth/users.conf"` reads the Secret mounted at `/etc/nats/auth`. Undefined where no object given
 * is mounted there (another volume, not shown: not read).
 */
function containerIncludes(
  model: KubernetesModel,
  ctx: DeployContext,
  r: ReplicaNode,
  configPath: string,
): (target: string) => string | undefined {
  // Virtual folders read so far, and the container folder each stands for.
  const folders = new Map([[dirname(configPath), dirname(r.command.configPath!)]]);
  return (target) => {
    // The includer's folder: the longest one known that holds the target.
    const folder = [...folders.keys()].filter((f) => target.startsWith(f + '/')).sort((a, b) => b.length - a.length)[0];
    if (folder === undefined) return undefined;
    const inContainer = folders.get(folder)!;
    const containerPath = joinPath(inContainer, target.slice(folder.length + 1));
    const mounted = mountedAt(r.workload, r.container, containerPath);
    const object = objectOf(model, r.workload, mounted?.volume);
    if (!mounted || !object?.entries.has(mounted.key)) return undefined;
    const found = virtualPathOf(ctx, object, mounted.key);
    if (found) folders.set(dirname(found), dirname(containerPath));
    return found;
  };
}

/** A path's folder ('/' separated, as virtual and container paths are). */
const dirname = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/** Each replica's config read with its own environment and release, as a node of the deployment. */
export function replicaNodes(model: KubernetesModel, ctx: DeployContext): ReadReplicaNode[] {
  return replicas(model).flatMap((r) => {
    const path = virtualPathOf(ctx, r.object, r.key);
    if (!path) return [];
    const text = r.object.entries.get(r.key)!.embedded.text;
    const env: Environment = { ...ctx.host.env, ...r.env.values };
    const host = { ...ctx.files.host(ctx.host, env), locateInclude: containerIncludes(model, ctx, r, path) };
    const result = ctx.check({ path, text }, { env, version: r.container.version, host });
    // The names cluster DNS gives a StatefulSet pod under its serviceName: routes reach the replica by any of them.
    const w = r.workload;
    const ns = w.namespace ?? DEFAULT_NAMESPACE;
    const fqdn = [r.name, w.serviceName, ns, 'svc', 'cluster', 'local'];
    setHostNames(
      result.model,
      w.kind === 'StatefulSet' && w.serviceName ? [1, 2, 3, 4, 6].map((n) => fqdn.slice(0, n).join('.')) : [],
    );
    return [{ ...r, model: result.model, file: r.workload.file.path, path, diagnostics: result.diagnostics }];
  });
}

// ---------------------------------------------------------------------------------------------
// Findings.

/** Findings collected at YAML places, turned into diagnostics at the end. */
export class K8sFindings {
  private readonly byFile = new Map<string, Finding[]>();

  constructor(private readonly model: KubernetesModel) {}

  add(
    place: Place,
    f: Omit<Finding, 'span' | 'origin' | 'related'>,
    related: { place: Place; message: string }[] = [],
  ) {
    const list = this.byFile.get(place.file) ?? [];
    list.push({
      ...f,
      span: place.span,
      origin: 'cluster',
      ...(related.length && {
        related: related.map((r) => ({ file: r.place.file, span: r.place.span, message: r.message })),
      }),
    });
    this.byFile.set(place.file, list);
  }

  diagnostics(): Diagnostic[] {
    const lines = (file: string): LineIndex | undefined => this.model.files.find((f) => f.path === file)?.lines;
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const [file, findings] of this.byFile) {
      const index = lines(file);
      if (!index) continue;
      for (const f of findings) {
        const key = `${file}\0${f.span.start}\0${f.code}\0${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(toDiagnostic(file, index, f, lines));
      }
    }
    return out;
  }
}

/** The Kubernetes part of a deployment: findings between the manifests, and each replica as a node. */
export function kubernetesDeployment(files: readonly YamlFile[], ctx: DeployContext): DeployPart {
  const model = kubernetesModel(files, ctx.host);
  if (!model.workloads.length && !model.services.length) return { diagnostics: [], nodes: [] };
  const nodes = replicaNodes(model, ctx);
  const diagnostics = kubernetesDiagnostics(model, nodes, ctx.files);
  const seen = new Set<string>();
  // Each replica's own reading: one finding per place however many replicas share the config.
  for (const n of nodes) {
    for (const d of n.diagnostics) {
      const key = `${d.file}\0${d.range.start.line}:${d.range.start.character}\0${d.code}\0${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push(d);
    }
  }
  return {
    diagnostics,
    nodes: nodes.map((n) => ({ name: n.name, model: n.model, file: n.file })),
    // Each replica's config and what it includes through its mounts.
    configsChecked: [...new Set(nodes.flatMap((n) => [n.path, ...n.model.files.map((f) => f.path)]))],
  };
}
