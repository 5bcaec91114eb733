// The clusters of a set of node configs as a picture: nodes, the routes between them, and the
// gateway and leaf node connections (nodes without a cluster block too), each marked good or
// broken (with the finding that says why). `topologySvg` draws it.

import * as path from 'node:path';
import { Diagnostic } from '../diagnostics';
import { ConfigModel } from '../document';
import { clusterDiagnostics } from './clusterDiagnostics';
import { linkModel } from './links';
import { resolveClusters, type Member } from './members';
import { nodeOf } from './nodes';
import { withoutUserinfo } from '../shared/urls';
import { Span } from '../tree';

export interface TopologyNode {
  id: string;
  label: string;
  file: string;
  cluster: string | undefined;
  jetstream: boolean;
  /** The gateway's name, when the node has one. */
  gateway?: string;
  /** The node accepts leaf node connections. */
  hub?: boolean;
}

export interface TopologyRoute {
  from: string;
  /** The node reached, or undefined when no config answers to the route. */
  to: string | undefined;
  url: string;
  /** The code of the finding on this route (undefined: the route is fine). */
  problem: string | undefined;
}

/** A gateway URL or a leaf node remote URL, from the node that dials it. */
export interface TopologyLink extends TopologyRoute {
  kind: 'gateway' | 'leafnode';
}

export interface Topology {
  nodes: TopologyNode[];
  routes: TopologyRoute[];
  links: TopologyLink[];
}

export function clusterTopology(models: readonly ConfigModel[]): Topology {
  const all = models.map(nodeOf);
  const { members, resolutions } = resolveClusters(models, all);
  const links = linkModel(all);
  const findings = clusterDiagnostics(models);
  const idOf = (m: Member) => `${m.node.file.path}#${m.name ?? path.basename(m.node.file.path)}`;
  const nodes: TopologyNode[] = [];
  // The cluster members first (as before), then the nodes linked by gateways or leaf nodes only.
  const linked = links.members.filter((m) => !m.node.cluster && (m.node.gateway || m.node.leafnodes));
  for (const m of [...members, ...linked]) {
    nodes.push({
      id: idOf(m),
      label: m.name ?? path.basename(m.node.file.path),
      file: m.node.file.path,
      cluster: m.node.cluster?.name,
      jetstream: m.node.jetstream !== undefined,
      ...(m.node.gateway?.name !== undefined && { gateway: m.node.gateway.name }),
      ...(m.node.leafnodes?.listening && { hub: true }),
    });
  }
  // A route's finding is on its line; a gateway or leaf node URL's at the URL itself (several
  // may share a line), or, for a remote's TLS, anywhere in the remote.
  const problemAt = (from: Member, span: Span, prefix: string, within?: Span): string | undefined => {
    const file = from.node.file;
    const start = file.lines.position(span.start);
    const line = (offset: number) => file.lines.position(offset).line;
    const at = (d: Diagnostic) =>
      d.file === file.path &&
      (prefix === 'route-'
        ? d.range.start.line === start.line
        : (d.range.start.line === start.line && d.range.start.character === start.character) ||
          (within !== undefined && d.range.start.line >= line(within.start) && d.range.start.line <= line(within.end)));
    return findings.find((d) => d.code.startsWith(prefix) && at(d))?.code;
  };
  const routes: TopologyRoute[] = [];
  for (const r of resolutions) {
    if (r.to && r.to === r.from) continue; // a route to itself is skipped by nats-server
    routes.push({
      from: idOf(r.from),
      to: r.to ? idOf(r.to) : undefined,
      url: withoutUserinfo(r.route.url),
      problem: problemAt(r.from, r.route.span, 'route-'),
    });
  }
  const dials = [
    ...links.gateways.map((d) => ({ ...d, kind: 'gateway' as const, within: undefined })),
    // A leaf node remote's TLS finding sits at its tls block, inside the remote.
    ...links.leafnodes.map((d) => ({ ...d, kind: 'leafnode' as const, within: d.remote.span })),
  ];
  const topologyLinks: TopologyLink[] = dials.map((d) => ({
    kind: d.kind,
    from: idOf(d.from),
    to: d.to ? idOf(d.to) : undefined,
    url: withoutUserinfo(d.url.url),
    problem: problemAt(d.from, d.url.span, `${d.kind}-`, d.within),
  }));
  return { nodes, routes, links: topologyLinks };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** How each kind of connection is drawn when good; broken ones are red with the same dashes. */
const STYLES = {
  route: { label: 'route', colour: '#2e7d32', width: 2, dash: '' },
  gateway: { label: 'gateway', colour: '#1565c0', width: 3, dash: '' },
  leafnode: { label: 'leaf node', colour: '#6a1b9a', width: 2, dash: '8 4' },
} as const;
const BROKEN = '#c62828';

/**
 * The topology as an SVG drawing: nodes on a circle; routes green, gateways blue and thick, leaf
 * node connections purple and dashed; broken ones red (routes and gateways dashed); a legend.
 */
export function topologySvg(t: Topology): string {
  const size = 520;
  const height = size + 70;
  const center = size / 2;
  const radius = t.nodes.length > 1 ? 190 : 0;
  const at = new Map(
    t.nodes.map((n, i) => [
      n.id,
      {
        x: center + radius * Math.cos((2 * Math.PI * i) / t.nodes.length - Math.PI / 2),
        y: center + radius * Math.sin((2 * Math.PI * i) / t.nodes.length - Math.PI / 2),
      },
    ]),
  );
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${height}" ` +
      `viewBox="0 0 ${size} ${height}" font-family="sans-serif" font-size="12">`,
  ];
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="28" refY="5" markerWidth="6" ' +
      'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  let dangling = 0;
  const edges = [...t.routes.map((r) => ({ ...r, kind: 'route' as const })), ...(t.links ?? []).map((l) => ({ ...l }))];
  // Broken ones last, so they are drawn on top; each direction shifted to its right side,
  // so a connection and its way back are both visible.
  for (const r of edges.sort((x, y) => Number(x.problem !== undefined) - Number(y.problem !== undefined))) {
    const from = at.get(r.from)!;
    const to = (r.to && at.get(r.to)) || { x: from.x + 60, y: from.y - 40 - 14 * dangling++ };
    const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    const shift = { x: (-(to.y - from.y) / len) * 5, y: ((to.x - from.x) / len) * 5 };
    const a = { x: from.x + shift.x, y: from.y + shift.y };
    const b = { x: to.x + shift.x, y: to.y + shift.y };
    const broken = r.problem !== undefined;
    const style = STYLES[r.kind];
    const dash = style.dash || (broken ? '6 4' : '');
    parts.push(
      `<line class="${r.kind}${broken ? ' broken' : ''}" data-problem="${esc(r.problem ?? '')}" ` +
        `x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" ` +
        `stroke="${broken ? BROKEN : style.colour}" stroke-width="${style.width}"` +
        `${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#arrow)"><title>${esc(r.url)}` +
        `${broken ? ` (${esc(r.problem!)})` : ''}</title></line>`,
    );
    if (!r.to)
      parts.push(`<text x="${(b.x + 4).toFixed(1)}" y="${b.y.toFixed(1)}" fill="${BROKEN}">${esc(r.url)}</text>`);
  }
  for (const n of t.nodes) {
    const p = at.get(n.id)!;
    const roles = [
      n.cluster ? `cluster ${esc(n.cluster)}` : '',
      n.gateway ? `gateway ${esc(n.gateway)}` : '',
      n.hub ? 'leaf node hub' : '',
    ].filter(Boolean);
    parts.push(
      `<g class="node"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="24" ` +
        `fill="${n.jetstream ? '#e3f2fd' : '#f5f5f5'}" stroke="#37474f" stroke-width="2"/><text ` +
        `x="${p.x.toFixed(1)}" y="${(p.y + 40).toFixed(1)}" text-anchor="middle">${esc(n.label)}` +
        `</text><title>${esc(n.file)}${roles.length ? ` (${roles.join(', ')})` : ''}</title></g>`,
    );
  }
  const broken = t.routes.filter((r) => r.problem).length;
  const links = t.links ?? [];
  const count = (kind: TopologyLink['kind'], word: string) => {
    const of = links.filter((l) => l.kind === kind);
    const bad = of.filter((l) => l.problem).length;
    return of.length ? `, ${of.length} ${word}${bad ? ` (${bad} broken)` : ''}` : '';
  };
  parts.push(
    `<text x="10" y="${size + 25}">${t.nodes.length} nodes, ${t.routes.length} ` +
      `routes${broken ? `, ${broken} broken (red, dashed)` : ''}` +
      `${count('gateway', 'gateway connections')}${count('leafnode', 'leaf node connections')}</text>`,
  );
  // The legend: one sample line per kind drawn, and the broken colour when something is broken.
  const drawn = new Set<keyof typeof STYLES>([
    ...(t.routes.length ? ['route' as const] : []),
    ...links.map((l) => l.kind),
  ]);
  const anyBroken = broken > 0 || links.some((l) => l.problem);
  const legend = [
    ...Object.entries(STYLES)
      .filter(([kind]) => drawn.has(kind as keyof typeof STYLES))
      .map(([, s]) => s),
    ...(anyBroken ? [{ label: 'broken', colour: BROKEN, width: 2, dash: '6 4' }] : []),
  ];
  legend.forEach((s, i) => {
    const x = 10 + i * 120;
    const y = size + 50;
    parts.push(
      `<g class="legend"><line x1="${x}" y1="${y}" x2="${x + 30}" y2="${y}" stroke="${s.colour}" ` +
        `stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` +
        `<text x="${x + 36}" y="${y + 4}">${s.label}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
