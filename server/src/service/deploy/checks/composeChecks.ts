// What a Compose file gets wrong around nats-server: flags the server refuses (it exits, and with
// status 0: its usage function exits so, and `restart: on-failure` does not retry), a `-c` file
// no volume provides, host ports two services publish (Docker refuses the second: "Bind for
// 0.0.0.0:4222 failed: port is already allocated"), and routes to names no service answers to.

import * as path from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic, Origin, Severity } from '../../diagnostics';
import type { FindingCode } from '../../findingCodes';
import { nodeOf } from '../../cluster/nodes';
import type { Span } from '../../tree';
import { keyText, nodeAt, scalarString, unaliased, type YamlFile } from '../../yaml/yamlFile';
import { hostNamesOf, networksOf, remapComposeDiagnostic, type ComposeNode, type ComposeService } from '../compose';
import { interpolate, type ComposeVariables } from '../composeVariables';
import { flagFinding, flagFindings } from './flagChecks';

/** @public The finding codes this file reports. */
export const codes = [
  'compose-config-file',
  'compose-port-clash',
  'compose-route-host',
] as const satisfies readonly FindingCode[];

export function checkCompose(
  file: YamlFile,
  services: ComposeService[],
  nodes: ComposeNode[],
  vars: ComposeVariables,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (span, severity, code, message, origin, related) => {
    const d: Diagnostic = { file: file.path, range: file.lines.range(span), severity, code, message, origin };
    if (related?.length)
      d.related = related.map((r) => ({ file: file.path, range: file.lines.range(r.span), message: r.message }));
    out.push(d);
  };
  for (const service of services) {
    if (service.problem) out.push(flagFinding(file, service.problem.span, 'argument', service.problem.message));
    if (service.flags) out.push(...flagFindings(file, service.flags, `service ${service.name}`));
    const config = service.config;
    if (config && !config.builtIn && !config.unknown && !service.flags?.exits) {
      if (!config.hostPath && !config.inline) {
        report(
          config.span,
          'error',
          'compose-config-file',
          `nats-server: open ${config.path}: no such file or directory ` +
            `(no volume of service ${service.name} mounts it)`,
          'server',
        );
      } else if (config.hostPath && !nodes.some((n) => n.service === service) && !service.notKnown) {
        report(
          config.span,
          'error',
          'compose-config-file',
          `${path.basename(config.hostPath)} is not there to mount (${config.hostPath}): Docker creates a folder in ` +
            `its place and nats-server stops: read ${config.path}: is a directory`,
          'server',
        );
      }
    }
  }
  checkPublishedPorts(services, report);
  out.push(...routeHosts(file, nodes, vars));
  return out;
}

type Report = (
  span: Span,
  severity: Severity,
  code: FindingCode,
  message: string,
  origin: Origin,
  related?: { span: Span; message: string }[],
) => void;

/** Two services binding one host port (same protocol, and the same address or a wildcard). */
function checkPublishedPorts(services: ComposeService[], report: Report): void {
  const wildcard = (ip: string) => ip === '0.0.0.0' || ip === '::' || ip === '';
  for (let i = 0; i < services.length; i++) {
    for (const p of services[i].ports) {
      for (let j = 0; j < i; j++) {
        const q = services[j].ports.find(
          (o) =>
            o.port === p.port &&
            o.protocol === p.protocol &&
            (o.hostIp === p.hostIp || wildcard(o.hostIp) || wildcard(p.hostIp)),
        );
        if (!q) continue;
        report(
          p.span,
          'error',
          'compose-port-clash',
          `Services ${services[j].name} and ${services[i].name} both publish host port ${p.port}/${p.protocol}: ` +
            `Docker cannot start the second (Bind for ${p.hostIp}:${p.port} failed: port is already allocated).`,
          'cluster',
          [{ span: q.span, message: `${services[j].name} publishes it here` }],
        );
        break;
      }
    }
  }
}

/**
 * Every service of the file (nats-server or not): its DNS names and networks; undefined when a
 * variable not known here sets one of them.
 */
interface ServiceNames {
  name: string;
  names: string[];
  networks: string[];
  /**
   * Host names this service's containers resolve themselves (`extra_hosts:`, `links:` aliases);
   * undefined when its DNS is not Docker's project network (`network_mode:`), or one is not known.
   */
  ownHosts: string[] | undefined;
}

function allServices(file: YamlFile, vars: ComposeVariables): ServiceNames[] | undefined {
  const document = file.documents.find((d) => isMap(nodeAt(d.doc.contents, ['services'])));
  const services = document && nodeAt(document.doc.contents, ['services']);
  if (!isMap(services)) return [];
  const out: ServiceNames[] = [];
  for (const pair of services.items) {
    const name = keyText(pair);
    const body = unaliased(pair.value) as Node | null;
    if (!name || !isMap(body)) continue;
    const names = hostNamesOf(name, body, vars);
    const networks = networksOf(body, vars);
    if (names.unknown || networks.unknown) return undefined;
    out.push({
      name,
      names: names.names.map((n) => n.toLowerCase()),
      networks: networks.names,
      ownHosts: ownHosts(body, vars),
    });
  }
  return out;
}

function ownHosts(body: Node, vars: ComposeVariables): string[] | undefined {
  if (nodeAt(body, ['network_mode'])) return undefined;
  const hosts: string[] = [];
  const extra = nodeAt(body, ['extra_hosts']);
  const links = nodeAt(body, ['links']);
  const entries = [
    ...(isMap(extra)
      ? extra.items.map((p) => keyText(p))
      : isSeq(extra)
        ? extra.items.map((i) => scalarString(i))
        : []),
    ...(isSeq(links) ? links.items.map((i) => scalarString(i)) : []),
  ];
  for (const entry of entries) {
    const text = entry === undefined ? undefined : interpolate(entry, vars);
    if (text === undefined) return undefined;
    // `host:ip`, `host=ip` (extra_hosts), `service` or `service:alias` (links).
    hosts.push(...text.split(/[=:]/).map((h) => h.trim().toLowerCase()));
  }
  return hosts;
}

/**
 * Routes to a single-label host name (Docker's DNS answers those with the project's services)
 * that no service on a network the node shares answers to: the route never connects.
 */
function routeHosts(file: YamlFile, nodes: ComposeNode[], vars: ComposeVariables): Diagnostic[] {
  const services = allServices(file, vars);
  if (!services) return [];
  const out: Diagnostic[] = [];
  for (const node of nodes) {
    const cluster = nodeOf(node.model).cluster;
    const self = services.find((s) => s.name === node.service.name);
    if (!self?.ownHosts) continue;
    for (const route of cluster?.routes ?? []) {
      const host = route.host.toLowerCase();
      if (host.includes('.') || host.includes(':') || host === 'localhost') continue;
      if (self.ownHosts.includes(host)) continue;
      const answering = services.filter((s) => s.names.includes(host));
      const reachable = answering.filter((s) => s.networks.some((n) => self?.networks.includes(n)));
      if (reachable.length) continue;
      const why = answering.length
        ? `service ${answering[0].name} answers to ${route.host} but shares no network with ${node.service.name}`
        : `no service of this Compose file answers to ${route.host} (service names, container_name, hostname, aliases)`;
      const lines = node.model.root.lines;
      const d: Diagnostic = {
        file: node.model.root.path,
        range: lines.range(route.span),
        severity: 'warning',
        code: 'compose-route-host',
        message: `The route ${route.url} of ${node.service.name} never connects: ${why}.`,
        origin: 'cluster',
      };
      const moved = remapComposeDiagnostic(file, nodes, d);
      if (moved) out.push(moved);
    }
  }
  return out;
}
