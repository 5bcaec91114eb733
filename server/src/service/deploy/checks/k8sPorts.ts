// Ports between the manifests and the config: containerPorts against the sockets nats-server opens,
// Services' targetPorts, and probes (the kubelet dials the pod IP on the probe's port; an HTTP
// probe succeeds on a status from 200 to 399).

import type { ListenerKind } from '../../listeners';
import type { FindingCode } from '../../findingCodes';
import { effectiveTop } from '../../effective';
import { isLoopbackHost } from '../../listeners';
import { compareVersions, NEWEST_VERSION, parseServerVersion, type ServerVersion } from '../../versions';
import type { NatsContainer, Probe } from '../kubernetes';
import { selects } from './k8sRoutes';
import type { K8sContext, Listening, Target } from './k8sContext';

/** @public The finding codes this file reports (read through K8S_CHECK_FILES). */
export const codes = [
  'k8s-container-port',
  'k8s-service-port',
  'k8s-probe-port',
  'k8s-probe-path',
] as const satisfies readonly FindingCode[];

const describe = (l: readonly Listening[]) => l.map((x) => `${x.kind} ${x.port}`).join(', ');

/** The listener a containerPort's name says it is for (the names the chart and the examples use). */
const NAMED: Record<string, ListenerKind> = {
  client: 'client',
  nats: 'client',
  cluster: 'cluster',
  leafnodes: 'leafnodes',
  leafnode: 'leafnodes',
  gateway: 'gateway',
  gateways: 'gateway',
  monitor: 'monitoring',
  monitoring: 'monitoring',
  http: 'monitoring',
  websocket: 'websocket',
  mqtt: 'mqtt',
};

/**
 * A containerPort named for a listener nats-server opens, on another port than the one it opens:
 * Services and probes that name the port reach nothing. A declared port of a listener the config
 * does not open, or of another container's (a metrics sidecar's 7777), is only a declaration:
 * Kubernetes does not check it, and it is not reported.
 */
export function checkContainerPorts(ctx: K8sContext): void {
  for (const t of ctx.targets) {
    if (!t.listeners) continue;
    for (const p of t.container.ports) {
      const kind = p.name ? NAMED[p.name.toLowerCase()] : undefined;
      const opened = kind && t.listeners.filter((l) => l.kind === kind);
      if (!opened?.length || opened.some((l) => l.port === p.port)) continue;
      ctx.findings.add(p.place, {
        severity: 'warning',
        code: 'k8s-container-port',
        message:
          `containerPort ${p.port} (${p.name}): nats-server listens for ${kind} on ` +
          `${opened.map((l) => l.port).join(', ')}, so what names this port reaches nothing ` +
          `(its config and flags open ${describe(t.listeners)}).`,
      });
    }
  }
}

/** A port as the kubelet or a Service resolves it: a number, or a containerPort's name. */
function resolvePort(c: NatsContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return c.ports.find((p) => p.name === port)?.port;
}

/** A Service (not headless) selecting nats pods whose targetPort nats-server does not listen on. */
export function checkServicePorts(ctx: K8sContext): void {
  for (const s of ctx.model.services) {
    if (s.headless) continue; // no proxying: clients dial the pods' ports themselves
    for (const t of ctx.targets) {
      if (!t.listeners || !selects(s, t.workload)) continue;
      for (const p of s.ports) {
        // Forwarded to another container of the pod (a metrics exporter), by name or number.
        const sidecar = t.workload.sidecarPorts;
        if (sidecar.some((c) => (typeof p.targetPort === 'number' ? c.port : c.name) === p.targetPort)) continue;
        const port = resolvePort(t.container, p.targetPort);
        if (port !== undefined && t.listeners.some((l) => l.port === port)) continue;
        const why =
          port === undefined
            ? `no containerPort of ${t.workload.name} is named ${p.targetPort}`
            : `nats-server listens on no port ${port} (${describe(t.listeners)})`;
        ctx.findings.add(p.place, {
          severity: 'warning',
          code: 'k8s-service-port',
          message:
            `Service ${s.name} port ${p.port} forwards to target port ${p.targetPort}, but ${why}: ` +
            'connections fail.',
        });
      }
    }
  }
}

/** The monitoring endpoints nats-server serves (server.go: startMonitoring), by release. */
function monitorPaths(v: ServerVersion): string[] {
  const paths = ['/', '/varz', '/connz', '/routez', '/gatewayz', '/leafz', '/subsz', '/subscriptionsz', '/stacksz'];
  paths.push('/accountz', '/accstatz', '/jsz', '/healthz', '/ipqueuesz');
  if (compareVersions(v, parseServerVersion('2.10.17')!) >= 0) paths.push('/raftz');
  if (compareVersions(v, parseServerVersion('2.11.11')!) >= 0) paths.push('/debug/vars');
  return paths;
}

/** Releases whose endpoints were read from their source (later ones may serve more: not judged). */
const PATHS_KNOWN_UNTIL = parseServerVersion('2.11.17')!;

/** Go's path.Join of the base path and a handler path (http_base_path). */
function joined(base: string, p: string): string {
  const parts = `${base}/${p}`.split('/').filter((x) => x !== '' && x !== '.');
  return '/' + parts.join('/');
}

const GO_BOOLS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** Why an HTTP GET of `written` (path and query) on the monitoring port can never succeed, if it cannot. */
export function probePathProblem(written: string, version: ServerVersion, basePath = ''): string | undefined {
  const q = written.indexOf('?');
  const path = q < 0 ? written : written.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : written.slice(q + 1));
  // ServeMux redirects a path it cleans (`//healthz`, `/./healthz`); the kubelet follows the redirect.
  const clean = path.split('/').filter((x) => x !== '' && x !== '.');
  const cleaned = '/' + clean.join('/') + (path.endsWith('/') && clean.length ? '/' : '');
  const served = monitorPaths(version).map((p) => joined(basePath, p));
  if (!served.includes(cleaned) && compareVersions(version, PATHS_KNOWN_UNTIL) <= 0) {
    const endpoints = served.filter((p) => p !== joined(basePath, '/')).join(', ');
    return `nats-server serves no ${cleaned} (it answers 404; its endpoints are ${endpoints})`;
  }
  if (cleaned !== joined(basePath, '/healthz')) return undefined;
  const bools = ['js-enabled', 'js-enabled-only', 'js-server-only'];
  if (compareVersions(version, parseServerVersion('2.10.0')!) >= 0) bools.push('details');
  if (compareVersions(version, parseServerVersion('2.11.0')!) >= 0) bools.push('js-meta-only');
  for (const name of bools) {
    const value = query.get(name);
    if (value && !GO_BOOLS.includes(value)) {
      return `/healthz answers 400 to ${name}=${value} (Go's strconv.ParseBool takes true, false, 1, 0, t, f)`;
    }
  }
  if (compareVersions(version, parseServerVersion('2.10.0')!) >= 0) {
    if (query.get('stream') && !query.get('account')) return '/healthz answers 400 to stream= without account=';
    if (query.get('consumer') && !query.get('stream')) return '/healthz answers 400 to consumer= without stream=';
  }
  return undefined;
}

function checkProbe(ctx: K8sContext, t: Target, p: Probe): void {
  const listeners = t.listeners!;
  const at = p.portPlace ?? p.place;
  const fail = (code: 'k8s-probe-port' | 'k8s-probe-path', message: string, place = at) =>
    ctx.findings.add(place, { severity: 'error', code, message: `The ${p.kind} probe never succeeds: ${message}.` });
  if (p.handler === 'grpc') return fail('k8s-probe-port', 'nats-server serves no gRPC health service');
  if (p.handler !== 'httpGet' && p.handler !== 'tcpSocket') return;
  const port = resolvePort(t.container, p.port);
  if (port === undefined) return fail('k8s-probe-port', `no containerPort is named ${p.port}`);
  const on = listeners.filter((l) => l.port === port);
  if (p.handler === 'tcpSocket') {
    if (!on.length) fail('k8s-probe-port', `nats-server listens on no port ${port} (${describe(listeners)})`);
    else if (on.every((l) => isLoopbackHost(l.host)))
      fail('k8s-probe-port', `port ${port} is bound to ${on[0].host}, which the kubelet cannot reach`);
    return;
  }
  const monitoring = listeners.filter((l) => l.kind.startsWith('monitoring'));
  if (!monitoring.length) {
    return fail(
      'k8s-probe-port',
      'monitoring is not enabled (no http_port, http, -m or --http_port), so nothing answers HTTP',
    );
  }
  const target = monitoring.find((l) => l.port === port);
  if (!target) {
    const what = on.length ? `nats-server's ${on[0].kind} port` : 'a port nats-server does not listen on';
    return fail(
      'k8s-probe-port',
      `port ${port} is ${what}, not the monitoring port ${monitoring.map((m) => m.port).join(', ')}`,
    );
  }
  if (isLoopbackHost(target.host)) {
    return fail(
      'k8s-probe-port',
      `monitoring listens on ${target.host}:${port}, which the kubelet (dialling the pod IP) cannot reach`,
    );
  }
  const https = target.kind === 'monitoring (https)';
  if (https !== (p.scheme === 'HTTPS')) {
    return fail(
      'k8s-probe-port',
      https
        ? `port ${port} serves HTTPS (https_port) and the probe speaks HTTP`
        : `port ${port} serves plain HTTP and the probe speaks HTTPS`,
    );
  }
  const version = t.container.version ?? NEWEST_VERSION;
  const base = t.replica ? (effectiveTop(t.replica.model).string('http_base_path') ?? '') : '';
  const problem = probePathProblem(p.path, version, base);
  if (problem) fail('k8s-probe-path', problem, p.pathPlace ?? p.place);
}

export function checkProbes(ctx: K8sContext): void {
  for (const t of ctx.targets) {
    if (!t.listeners) continue;
    for (const p of t.container.probes) checkProbe(ctx, t, p);
  }
}
