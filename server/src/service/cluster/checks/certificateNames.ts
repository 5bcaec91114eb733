// Will the certificate a peer presents carry the name its dialler verifies? Go checks the host
// of the URL it dials against the subjectAltName only (the Common Name is ignored since Go 1.15),
// for routes, gateways and leaf node remotes alike. Routes are also dialled through gossip, at
// each node's advertised cluster address (usually an IP): nats-server tries the first route
// host name it was given, then the IP itself.

import type { Fix } from '../../diagnostics';
import type { FindingCode } from '../../findingCodes';
import { isIpLiteral, isWildcardHost } from '../../listeners';
import { keySpan } from '../../tree';
import { CertificateSummary, certificateMatchesHost } from '../../tls/certificates';
import type { Link } from '../links';
import { Member, label } from '../members';
import type { NodeConfig } from '../nodes';
import { PresentedCache, describeCertificate, type Presented } from '../presented';
import { ClusterContext } from './context';
import { certificateCommands } from '../certificateCommands';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['tls-peer-name', 'tls-gossip-name'] as const satisfies readonly FindingCode[];

const asMember = (node: NodeConfig): Member => ({ node, name: node.name });

/** Go's refusal, in its words, when `cert` is verified against `host`. */
function hostnameError(cert: CertificateSummary, host: string): string {
  if (isIpLiteral(host)) {
    return cert.ipAddresses.length
      ? `x509: certificate is valid for ${cert.ipAddresses.join(', ')}, not ${host}`
      : `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
  }
  if (cert.dnsNames.length) return `x509: certificate is valid for ${cert.dnsNames.join(', ')}, not ${host}`;
  return `x509: certificate is not valid for any names, but wanted to match ${host}`;
}

/** Why Go refuses it, with the Common Name trap spelled out. */
function why(cert: CertificateSummary, host: string): string {
  const cnOnly = cert.dnsNames.length === 0 && cert.ipAddresses.length === 0 && cert.commonName !== undefined;
  return (
    `"${hostnameError(cert, host)}"` +
    (cnOnly ? `: Go has ignored the Common Name (CN=${cert.commonName}) since Go 1.15, only subjectAltName counts` : '')
  );
}

/** Go's refusal for an address nobody wrote down (the node listens on every interface). */
function noIpSan(cert: CertificateSummary): string {
  return cert.ipAddresses.length
    ? `"x509: certificate is valid for ${cert.ipAddresses.join(', ')}, not <its IP>" unless the IP is among them`
    : `"x509: cannot validate certificate for <its IP> because it doesn't contain any IP SANs"`;
}

/** routeTlsName is asked for each pair of nodes: a mesh dialled by IP would scan every route each time. */
const tlsNames = new WeakMap<NodeConfig, string | undefined>();

/** The first route host name of a node: what nats-server verifies routes dialled by IP against. */
function routeTlsName(node: NodeConfig): string | undefined {
  if (!tlsNames.has(node)) tlsNames.set(node, node.cluster?.routes.find((r) => !isIpLiteral(r.host))?.host);
  return tlsNames.get(node);
}

/** The URLs dialled with TLS whose peer presents a certificate without the name dialled; the nodes they reach. */
export function checkCertificateNames(
  ctx: ClusterContext,
  links: readonly Link[],
  presented: PresentedCache,
): Set<NodeConfig> {
  const failing: { link: Link; server: Presented; host: string }[] = [];
  for (const link of links) {
    if (!link.to || !link.fromTls || !link.toTls || presented.of(link.from.model, link.fromTls)?.insecure) continue;
    const server = presented.of(link.to.model, link.toTls);
    if (!server?.leaf || presented.matchesHost(server.leaf, link.host)) continue;
    // A route dialled by IP is verified against the first route name first, then the IP.
    const tlsName = link.kind === 'route' && isIpLiteral(link.host) ? routeTlsName(link.from) : undefined;
    if (tlsName && presented.matchesHost(server.leaf, tlsName)) continue;
    failing.push({ link, server, host: link.host });
  }
  if (!failing.length) return new Set();
  const failed = new Set(failing.map((f) => f.link));
  // Indexed once: every link of a mesh may fail, and each would otherwise scan them all.
  const dialling = new Map<NodeConfig, Set<NodeConfig>>();
  for (const r of links) {
    if (r.kind === 'route' && r.to && r.fromTls && !failed.has(r)) addTo(dialling, r.from, r.to);
  }
  const dialled = new Map<Link['kind'], Map<NodeConfig, Set<string>>>();
  for (const l of links) {
    if (!l.to) continue;
    let byNode = dialled.get(l.kind);
    if (!byNode) dialled.set(l.kind, (byNode = new Map()));
    addTo(byNode, l.to, l.host.toLowerCase());
  }
  for (const { link, server, host } of failing) {
    const to = asMember(link.to!);
    // Every host the links of this kind dial the node by: the names its certificate needs.
    const needed = [...dialled.get(link.kind)!.get(link.to!)!];
    // One route joins two nodes whichever side dials: a peer that dials back keeps them routed.
    const dialledBack = link.kind === 'route' && !!dialling.get(link.to!)?.has(link.from);
    ctx.report(
      asMember(link.from),
      link.span,
      dialledBack ? 'warning' : 'error',
      'tls-peer-name',
      `${label(to)} presents ${server.certPath} (${describeCertificate(server.leaf!)}) on this ${kindName(link)}, ` +
        `which dials ${host}: the handshake fails with ${why(server.leaf!, host)}` +
        (dialledBack
          ? `. ${label(to)}'s own route to this node forms, so they are routed, but each attempt from here fails ` +
            'and logs a TLS handshake error, every second. '
          : '. ') +
        `Issue its certificate with ${needed.map(sanOf).join(', ')} in the subjectAltName.`,
      server.certSetting && ctx.relatedAt(to, server.certSetting, `the certificate ${label(to)} presents`),
      commandsFix(link.from, link.span.start, label(to), needed, server),
    );
  }
  return new Set(failing.map((f) => f.link.to!));
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

const sanOf = (host: string) => `${isIpLiteral(host) ? 'IP' : 'DNS'}:${host.replace(/^\[|\]$/g, '')}`;
const kindName = (link: Link) => (link.kind === 'leafnode' ? 'leaf node remote' : link.kind);

/** A quick fix that writes, above the line, the openssl commands issuing the certificate with `names`. */
function commandsFix(
  node: NodeConfig,
  offset: number,
  who: string,
  names: string[],
  server: Presented,
): Fix[] | undefined {
  const lines = node.file.lines;
  const line = lines.position(offset).line;
  const lineStart = lines.offset({ line, character: 0 });
  const indent = /^[ \t]*/.exec(node.file.tree.text.slice(lineStart, lineStart + 200))![0];
  const commands = certificateCommands(who, names.map(sanOf), server);
  return [
    {
      title: `Write the openssl commands that issue ${who}'s certificate with ${names.join(', ')}`,
      edits: [
        { span: { start: lineStart, end: lineStart }, newText: commands.map((c) => `${indent}# ${c}\n`).join('') },
      ],
    },
  ];
}

/**
 * Routes dialled through gossip: every node of a cluster of three or more learns the others'
 * cluster addresses and dials them, verifying the certificate against its first route name,
 * then the address. Where neither matches, the two nodes never route to each other unless a
 * configured route joins them; where one does, the log fills with TLS errors every second.
 */
export function checkGossipNames(
  ctx: ClusterContext,
  group: readonly Member[],
  links: readonly Link[],
  presented: PresentedCache,
  refusedByName: ReadonlySet<NodeConfig>,
): void {
  const nodes = [...new Set(group.map((m) => m.node))].filter((n) => !n.template && n.cluster?.tls);
  if (nodes.length < 3) return;
  // The routes between each two nodes, indexed once rather than scanned for each pair.
  let between: Map<NodeConfig, Map<NodeConfig, Link[]>> | undefined;
  const routesBetween = (a: NodeConfig, b: NodeConfig): Link[] => {
    if (!between) {
      between = new Map();
      for (const l of links) {
        if (l.kind !== 'route' || !l.to) continue;
        let from = between.get(l.from);
        if (!from) between.set(l.from, (from = new Map()));
        const list = from.get(l.to);
        if (list) list.push(l);
        else from.set(l.to, [l]);
      }
    }
    return [...(between.get(a)?.get(b) ?? []), ...(between.get(b)?.get(a) ?? [])];
  };
  const routeOk = (a: NodeConfig, b: NodeConfig) =>
    routesBetween(a, b).some((l) => nameOk(l.to!, l.host, routeTlsName(l.from)));
  const nameOk = (target: NodeConfig, host: string | undefined, tlsName: string | undefined): boolean => {
    const cert = presented.of(target.model, target.cluster!.tls)?.leaf;
    if (!cert) return true;
    if (host !== undefined && !isIpLiteral(host)) return presented.matchesHost(cert, host);
    if (tlsName && presented.matchesHost(cert, tlsName)) return true;
    // An address nobody wrote down (every interface): any IP SAN may be the right one.
    return host === undefined ? cert.ipAddresses.length > 0 : presented.matchesHost(cert, host);
  };
  for (const b of nodes) {
    const server = presented.of(b.model, b.cluster!.tls);
    // Refused by its configured names already: that finding says what the certificate needs.
    if (!server?.leaf || !server.certSetting || refusedByName.has(b)) continue;
    const address = gossipAddress(b);
    const failing = nodes.filter((a) => a !== b && !nameOk(b, address.host, routeTlsName(a)));
    if (!failing.length) continue;
    const cutOff = failing.filter((a) => !routeOk(a, b) && !nameOk(a, gossipAddress(a).host, routeTlsName(b)));
    const shown = address.host ?? "this node's IP address";
    const tried = routeTlsName(failing[0]);
    const consequence = cutOff.length
      ? `${cutOff.map(asMember).map(label).join(', ')} and this node never route to each other: no configured route ` +
        'joins them and neither can verify the other.'
      : 'Configured routes join them, but each attempt logs a TLS handshake error, every second.';
    ctx.report(
      asMember(b),
      keySpan(server.certSetting.entry),
      cutOff.length ? 'error' : 'warning',
      'tls-gossip-name',
      `Peers that learn of this node through gossip (${failing.map(asMember).map(label).join(', ')}) dial its ` +
        `cluster address, ${shown}${address.port ? ` (port ${address.port})` : ''}, and verify this certificate ` +
        `(${describeCertificate(server.leaf)}) against ${tried ? `'${tried}', their first route's host, then ` : ''}` +
        `the address: ${address.host ? why(server.leaf, address.host) : noIpSan(server.leaf)}. ${consequence} ` +
        'Advertise a name the certificate carries (cluster `advertise: "name:port"`), or add the IP to its SANs.',
      undefined,
      advertiseFix(b, server.leaf, links),
    );
  }
}

/** Where peers are told to dial a node's routes: `advertise`, else its cluster host (none: every interface). */
function gossipAddress(node: NodeConfig): { host: string | undefined; port: number | undefined } {
  const cluster = node.cluster!;
  if (cluster.advertise) {
    const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(cluster.advertise.trim());
    if (m) return { host: m[1].replace(/^\[|\]$/g, '').toLowerCase(), port: m[2] ? Number(m[2]) : cluster.port };
  }
  return { host: isWildcardHost(cluster.host) ? undefined : cluster.host, port: cluster.port };
}

/** `advertise: "name:port"` with a name the certificate carries and peers' routes already dial. */
function advertiseFix(node: NodeConfig, cert: CertificateSummary, links: readonly Link[]): Fix[] | undefined {
  const cluster = node.cluster!;
  if (cluster.advertise || cluster.port === undefined || cluster.setting.value?.kind !== 'map') return undefined;
  const name = links.find(
    (l) => l.kind === 'route' && l.to === node && !isIpLiteral(l.host) && certificateMatchesHost(cert, l.host),
  )?.host;
  if (!name) return undefined;
  const block = cluster.setting.value;
  const keyColumn = node.file.lines.position(cluster.setting.entry.start).character;
  const at = block.start + 1;
  return [
    {
      title: `Advertise ${name}:${cluster.port} to peers`,
      edits: [
        { span: { start: at, end: at }, newText: `\n${' '.repeat(keyColumn + 2)}advertise: "${name}:${cluster.port}"` },
      ],
    },
  ];
}
