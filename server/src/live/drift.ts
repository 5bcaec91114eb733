// Drift: the running cluster against the node configs that should describe it. Running nodes
// are matched to configs by server_name; each difference is a finding (origin "live") at the
// config line that differs, so `nats-conf drift` prints like `check`.

import type { ConfigModel, Diagnostic, Finding } from '../service';
import { toDiagnostic } from '../service/diagnostics';
import type { FindingCode } from '../service/findingCodes';
import { parseGoDuration } from '../service/durations';
import { effectiveTop, type Setting } from '../service/effective';
import { keySpan } from '../service/tree';
import { resolveClusters } from '../service/cluster/members';
import { nodeOf } from '../service/cluster/nodes';
import { isWildcardHost } from '../service/listeners';
import type { ClusterHealth, NodeHealth } from './health';
import { redactUrl } from './contexts';

/** The /varz limits compared when a config sets them: key, aliases, and how to read the value. */
const LIMITS: { key: string; aliases: string[]; kind: 'number' | 'duration' }[] = [
  { key: 'max_payload', aliases: [], kind: 'number' },
  { key: 'max_connections', aliases: ['max_conn'], kind: 'number' },
  { key: 'max_pending', aliases: [], kind: 'number' },
  { key: 'max_control_line', aliases: [], kind: 'number' },
  { key: 'ping_max', aliases: [], kind: 'number' },
  { key: 'ping_interval', aliases: [], kind: 'duration' },
  { key: 'write_deadline', aliases: [], kind: 'duration' },
];

/** The value a config setting gives, in /varz units (durations in nanoseconds). */
function configured(setting: Setting, kind: 'number' | 'duration'): number | undefined {
  const v = setting.value;
  if (v?.kind === 'integer') return kind === 'duration' ? v.value * 1e9 : v.value;
  if (v?.kind === 'string' && kind === 'duration') return parseGoDuration(v.value);
  return undefined;
}

function shown(value: number, kind: 'number' | 'duration'): string {
  if (kind === 'number') return String(value);
  const s = value / 1e9;
  return s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** The sources that did not answer, masked, each with why when known. */
function notAnswering(live: ClusterHealth): string {
  const why = new Map((live.failures ?? []).map((f) => [f.source, f.reason]));
  return live.unreachable.map((u) => redactUrl(u) + (why.has(u) ? ` (${why.get(u)})` : '')).join(', ');
}

export function driftDiagnostics(models: readonly ConfigModel[], live: ClusterHealth): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, NodeHealth>(live.nodes.map((n) => [n.server_name, n]));
  const { resolutions } = resolveClusters(models);
  const report = (
    model: ConfigModel,
    setting: Setting | undefined,
    severity: Finding['severity'],
    code: FindingCode,
    message: string,
  ) => {
    const file = setting?.file ?? model.root;
    const span = setting ? keySpan(setting.entry) : { start: 0, end: 0 };
    out.push(toDiagnostic(file.path, file.lines, { span, severity, code, message, origin: 'live' }));
  };
  for (const model of models) {
    const top = effectiveTop(model);
    const { name, nameSetting, jetstream, cluster } = nodeOf(model);
    if (!name) continue; // A template (ConfigMap) or an unnamed node cannot be matched.
    const node = byName.get(name);
    if (!node) {
      report(
        model,
        nameSetting,
        'error',
        'live-missing',
        `No running node answers as ` +
          `'${name}'${live.unreachable.length ? ` (not answering: ${notAnswering(live)})` : ''}.`,
      );
      continue;
    }
    // Cluster name and JetStream.
    const wanted = cluster?.name;
    if (wanted !== undefined && node.cluster !== undefined && wanted !== node.cluster)
      report(
        model,
        cluster!.nameSetting,
        'error',
        'live-cluster-name',
        `'${name}' runs in cluster '${node.cluster}', not '${wanted}' as ` +
          `configured: it was started from another config, or not restarted since.`,
      );
    if (!!jetstream !== node.jetstream)
      report(
        model,
        jetstream ?? nameSetting,
        'error',
        'live-jetstream',
        `JetStream is ${jetstream ? 'enabled' : 'disabled'} in this config, but ` +
          `${node.jetstream ? 'enabled' : 'disabled'} on the running '${name}'.`,
      );
    // Routes configured but not connected.
    for (const r of resolutions) {
      if (r.from.node.model !== model || !r.to?.name || r.to.name === name) continue;
      if (!node.routes.some((x) => x.peer === r.to!.name)) {
        out.push(
          toDiagnostic(model.root.path, model.root.lines, {
            span: r.route.span,
            severity: 'error',
            code: 'live-route',
            message: `The running '${name}' has no route to '${r.to.name}', which this route names.`,
            origin: 'live',
          }),
        );
      }
    }
    // Limits /varz reports.
    for (const limit of LIMITS) {
      const setting = top.get(limit.key, ...limit.aliases);
      if (!setting) continue;
      const want = configured(setting, limit.kind);
      const have = node.limits[limit.key];
      if (want === undefined || have === undefined || want === have) continue;
      report(
        model,
        setting,
        'error',
        'live-limit',
        `${limit.key} is ${shown(want, limit.kind)} here, but ${shown(have, limit.kind)} on the running '${name}'.`,
      );
    }
  }
  return out;
}

/**
 * What the configs say about reaching the nodes: their server_names (for $SYS to know who is
 * missing) and their monitoring URLs (a wildcard host is read as this machine).
 */
export function configuredNodes(models: readonly ConfigModel[]): { names: string[]; monitors: string[] } {
  const names: string[] = [];
  const monitors: string[] = [];
  for (const model of models) {
    const { name, httpHost: host, httpPort: port } = nodeOf(model);
    if (name) names.push(name);
    if (port === undefined || port <= 0) continue;
    const shownHost = isWildcardHost(host)
      ? '127.0.0.1'
      : host.includes(':') && !host.startsWith('[')
        ? `[${host}]`
        : host;
    const url = `http://${shownHost}:${port}`;
    if (!monitors.includes(url)) monitors.push(url);
  }
  return { names, monitors };
}
