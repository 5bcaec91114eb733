// Routes as Kubernetes DNS names: `nats-0.nats-headless.nats.svc.cluster.local` is pod `nats-0`
// under the headless Service `nats-headless` in namespace `nats`. Such a record exists only for a
// pod whose StatefulSet's `serviceName` is that Service, which is headless and selects the pod, and,
// unless the Service publishes not-ready addresses, only once the pod is Ready.

import type { FindingCode } from '../../findingCodes';
import type { Route } from '../../cluster/nodes';
import { sameNamespace, type Place, type Service, type Workload } from '../kubernetes';
import type { K8sContext, Target } from './k8sContext';

/** @public The finding codes this file reports (read through K8S_CHECK_FILES). */
export const codes = [
  'k8s-route-host',
  'k8s-route-replica',
  'k8s-route-replicas',
  'k8s-service-name',
  'k8s-headless-service',
  'k8s-not-ready-addresses',
  'k8s-ordered-ready',
] as const satisfies readonly FindingCode[];

/** What a route's host name says in cluster DNS (undefined: not a name of the cluster). */
interface DnsName {
  pod: string | undefined;
  service: string;
  /** Written in the name; undefined: the pod's own namespace (search path). */
  namespace: string | undefined;
}

/**
 * A host read as cluster DNS: `pod.svc.ns.svc.<domain>` and `svc.ns.svc.<domain>` always; the
 * shorter forms the pod's search path completes (`pod.svc`, `pod.svc.ns`, `svc`, `svc.ns`) only
 * when they name a Service of the files (`db.example.com` is not guessed at).
 */
function dnsName(host: string, services: readonly Service[]): DnsName | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const svc = labels.indexOf('svc');
  if (svc === 3) return { pod: labels[0], service: labels[1], namespace: labels[2] };
  if (svc === 2) return { pod: undefined, service: labels[0], namespace: labels[1] };
  if (svc >= 0) return undefined;
  const known = (name: string) => services.some((s) => s.name === name);
  if (labels.length === 3 && known(labels[1])) return { pod: labels[0], service: labels[1], namespace: labels[2] };
  if (labels.length === 2 && known(labels[1])) return { pod: labels[0], service: labels[1], namespace: undefined };
  if (labels.length === 2 && known(labels[0])) return { pod: undefined, service: labels[0], namespace: labels[1] };
  if (labels.length === 1 && known(labels[0])) return { pod: undefined, service: labels[0], namespace: undefined };
  return undefined;
}

const podIndex = (w: Workload, pod: string): number | undefined => {
  const m = new RegExp(`^${w.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod);
  return m ? Number(m[1]) : undefined;
};

/** The Services of the files a pod in namespace `ns` reaches by `name`. */
const servicesNamed = (ctx: K8sContext, name: string, ns: string | undefined) =>
  ctx.model.services.filter((s) => s.name === name && sameNamespace(s.namespace, ns));

/** Whether a Service's selector selects a workload's pods (every pair among the template's labels). */
export function selects(s: Service, w: Workload): boolean {
  if (!s.selector || Object.keys(s.selector).length === 0) return false;
  return Object.entries(s.selector).every(([k, v]) => w.labels[k] === v);
}

interface RouteName {
  target: Target;
  route: Route;
  name: DnsName;
  place: Place;
}

/** Each route of each nats container (its first replica's config), read as DNS. */
function routeNames(ctx: K8sContext): RouteName[] {
  const out: RouteName[] = [];
  for (const t of ctx.targets) {
    if (!t.replica || !t.node?.cluster) continue;
    for (const route of t.node.cluster.routes) {
      const name = dnsName(route.host, ctx.model.services);
      const place = ctx.configPlace(t.replica.model, routeFile(t, route), route.span);
      if (name && place) out.push({ target: t, route, name, place });
    }
  }
  return out;
}

/** The file a route is written in (the root config, or a file it includes). */
function routeFile(t: Target, route: Route): string {
  const model = t.replica!.model;
  const owner = model.files.find((f) => f.tree.text.slice(route.span.start, route.span.end).includes(route.host));
  return (owner ?? model.root).path;
}

export function checkRoutes(ctx: K8sContext): void {
  const names = routeNames(ctx);
  const anyService = ctx.model.services.length > 0;
  const counted = new Map<Target, Set<number>>();
  for (const r of names) {
    const { target: t, name } = r;
    const ns = name.namespace ?? t.workload.namespace;
    const services = servicesNamed(ctx, name.service, ns);
    if (!services.length) {
      if (!anyService) continue;
      const elsewhere = ctx.model.services.filter((s) => s.name === name.service);
      const message = elsewhere.length
        ? `Route ${r.route.host}: Service ${name.service} is in namespace ${elsewhere[0].namespace}, not ${ns}` +
          ': the name does not resolve and this route never connects.'
        : `Route ${r.route.host}: no Service ${name.service}${ns ? ` in namespace ${ns}` : ''} among the files ` +
          `checked (${[...new Set(ctx.model.services.map((s) => s.name))].join(', ')} are): unless it is made apart, ` +
          'the name does not resolve and this route never connects.';
      ctx.findings.add(
        r.place,
        { severity: 'warning', code: 'k8s-route-host', message },
        elsewhere.map((s) => ({ place: s.namePlace, message: `Service ${s.name}` })),
      );
      continue;
    }
    if (!name.pod) continue;
    // The pod: a replica of a StatefulSet whose serviceName is this Service.
    const sets = ctx.model.workloads.filter((w) => w.kind === 'StatefulSet' && sameNamespace(w.namespace, ns));
    const owner = sets.find((w) => podIndex(w, name.pod!) !== undefined);
    if (!owner) {
      const governed = sets.filter((w) => w.serviceName === name.service);
      if (!governed.length) continue;
      ctx.findings.add(
        r.place,
        {
          severity: 'warning',
          code: 'k8s-route-host',
          message:
            `Route ${r.route.host}: no pod is named ${name.pod} (the pods of StatefulSet ${governed[0].name} are ` +
            `${governed[0].name}-0 … ${governed[0].name}-${governed[0].replicas - 1}): this route never connects.`,
        },
        [{ place: governed[0].namePlace, message: `StatefulSet ${governed[0].name}` }],
      );
      continue;
    }
    const index = podIndex(owner, name.pod)!;
    if (owner.serviceName !== name.service && owner.serviceNamePlace) {
      // Pod records live under the pod's subdomain, which a StatefulSet sets to its serviceName.
      ctx.findings.add(
        r.place,
        {
          severity: 'error',
          code: 'k8s-service-name',
          message:
            `Route ${r.route.host} names pod ${name.pod} under Service ${name.service}, but StatefulSet ` +
            `${owner.name} gives its pods DNS names under its serviceName ${owner.serviceName}: ` +
            'this name does not resolve.',
        },
        [{ place: owner.serviceNamePlace, message: 'serviceName' }],
      );
    }
    if (index >= owner.replicas) {
      ctx.findings.add(
        r.place,
        {
          severity: 'warning',
          code: 'k8s-route-replica',
          message:
            `Route ${r.route.host}: StatefulSet ${owner.name} has ${owner.replicas} replica(s) ` +
            `(${owner.name}-0 … ${owner.name}-${owner.replicas - 1}); ${name.pod} does not exist, so nats-server ` +
            'retries this route forever.',
        },
        owner.replicasPlace ? [{ place: owner.replicasPlace, message: 'replicas' }] : [],
      );
    } else if (owner === t.workload) {
      counted.set(t, (counted.get(t) ?? new Set()).add(index));
    }
  }
  // A route to each replica: those left out are reached only through gossip from another.
  for (const [t, indexes] of counted) {
    const missing = podMissing(t.workload, indexes);
    const routes = names.filter((r) => r.target === t);
    if (!missing.length || !routes.length) continue;
    ctx.findings.add(
      routes[0].place,
      {
        severity: 'information',
        code: 'k8s-route-replicas',
        message:
          `The routes name ${indexes.size} of the ${t.workload.replicas} replicas of StatefulSet ${t.workload.name} ` +
          `(not ${missing.join(', ')}): those are found only through gossip once another route is up.`,
      },
      t.workload.replicasPlace ? [{ place: t.workload.replicasPlace, message: 'replicas' }] : [],
    );
  }
  checkGoverningService(ctx, names);
}

const podMissing = (w: Workload, indexes: Set<number>) =>
  Array.from({ length: w.replicas }, (_, i) => i)
    .filter((i) => !indexes.has(i))
    .map((i) => `${w.name}-${i}`);

/**
 * The Service that gives the pods their DNS names (the StatefulSet's serviceName), for a
 * StatefulSet whose routes name its pods: it must exist, be headless (`clusterIP: None`: only
 * then are pod records made) and select the pods. While no pod is Ready none has a record unless
 * `publishNotReadyAddresses: true`; with a readiness (or startup) probe that needs a JetStream meta
 * leader, no pod becomes Ready without routes: the cluster never forms. The same probe with
 * podManagementPolicy OrderedReady (the default) stops at the first pod, which cannot elect a
 * leader alone (a meta group expects at least two peers), so the second is never created.
 */
function checkGoverningService(ctx: K8sContext, names: RouteName[]): void {
  for (const t of new Set(names.map((r) => r.target))) {
    const w = t.workload;
    const own = names.filter((r) => r.target === t && r.name.pod && podIndex(w, r.name.pod) !== undefined);
    if (w.kind !== 'StatefulSet' || !own.length || !w.serviceName || !w.serviceNamePlace) continue;
    const services = servicesNamed(ctx, w.serviceName, w.namespace);
    const service = services[0];
    const problem = !service
      ? ctx.model.services.length
        ? `no Service ${w.serviceName} is among the files checked`
        : undefined
      : !service.headless
        ? `Service ${service.name} is not headless (clusterIP: None): Kubernetes makes no DNS record per pod`
        : !selects(service, w)
          ? `Service ${service.name}'s selector does not select the pods of ${w.name}: ` +
            'it has no endpoints, so no pod ' +
            'has a DNS record'
          : undefined;
    if (problem) {
      ctx.findings.add(
        service
          ? service.headless
            ? (service.selectorPlace ?? service.namePlace)
            : (service.clusterIPPlace ?? service.namePlace)
          : w.serviceNamePlace,
        {
          severity: 'error',
          code: 'k8s-headless-service',
          message:
            `The routes of ${w.name} name its pods through serviceName ${w.serviceName}, but ${problem}: ` +
            'the routes never connect.',
        },
        [
          { place: own[0].place, message: 'a route by pod name' },
          ...(service ? [{ place: w.serviceNamePlace, message: 'serviceName' }] : []),
        ],
      );
      continue;
    }
    const gate = readinessNeedsPeers(t);
    if (!gate || !service || w.replicas < 2) continue;
    if (!service.publishNotReadyAddresses && w.podManagementPolicy === 'Parallel') {
      ctx.findings.add(
        service.namePlace,
        {
          severity: 'error',
          code: 'k8s-not-ready-addresses',
          message:
            `Headless Service ${service.name} publishes DNS names of Ready pods only, and the ${gate.kind} probe ` +
            `${gate.path} of ${w.name} is ready only once JetStream has a meta leader, ` +
            'which needs the routes: no pod ' +
            'becomes Ready and the cluster never forms. Set publishNotReadyAddresses: true.',
        },
        [{ place: gate.place, message: `${gate.kind} probe` }],
      );
    }
    if (w.podManagementPolicy !== 'Parallel') {
      ctx.findings.add(
        w.namePlace,
        {
          severity: 'error',
          code: 'k8s-ordered-ready',
          message:
            `StatefulSet ${w.name} starts its pods one by one (podManagementPolicy OrderedReady, the default) and ` +
            `waits for each to be Ready, but its ${gate.kind} probe ${gate.path} needs a JetStream meta leader, ` +
            `which ${w.name}-0 cannot elect alone: ${w.name}-1 is never created. Set podManagementPolicy: Parallel ` +
            '(and publishNotReadyAddresses: true on the headless Service), or probe /healthz?js-enabled-only=true.',
        },
        [{ place: gate.place, message: `${gate.kind} probe` }],
      );
    }
  }
}

/**
 * A readiness or startup probe (startup gates readiness) that succeeds only once JetStream has a
 * meta leader: /healthz without js-enabled-only (monitor.go: healthz returns "JetStream has not
 * established contact with a meta leader" before the meta/server checks), for a clustered
 * JetStream server. Without JetStream, /healthz answers ok as soon as the server accepts clients.
 */
function readinessNeedsPeers(t: Target): { kind: string; path: string; place: Place } | undefined {
  if (!t.node?.jetstream || !t.node.cluster || !t.node.cluster.routes.length) return undefined;
  for (const p of t.container.probes) {
    if (p.kind === 'liveness' || p.handler !== 'httpGet' || !p.pathPlace) continue;
    const [path, query = ''] = p.path.split('?');
    if (path !== '/healthz') continue;
    const params = new URLSearchParams(query);
    const on = (name: string) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(params.get(name) ?? '');
    if (on('js-enabled-only') || on('js-enabled')) continue;
    // A value Go cannot read is a 400 (k8s-probe-path): not this finding.
    const bad = [...params.entries()].some(
      ([k, v]) =>
        k.startsWith('js-') &&
        !['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v),
    );
    if (bad) continue;
    return { kind: p.kind, path: p.path, place: p.pathPlace };
  }
  return undefined;
}
