// The clusters of a set of node configs as a picture: nodes, and the routes between them,
// each marked good or broken (with the finding that says why). `topologySvg` draws it.

import * as path from 'node:path';
import { ConfigModel } from '../document';
import { clusterDiagnostics } from './clusterDiagnostics';
import { resolveClusters, type Member } from './members';
import { withoutUserinfo } from '../shared/urls';

export interface TopologyNode {
  id: string;
  label: string;
  file: string;
  cluster: string | undefined;
  jetstream: boolean;
}

export interface TopologyRoute {
  from: string;
  /** The node reached, or undefined when no config answers to the route. */
  to: string | undefined;
  url: string;
  /** The code of the finding on this route (undefined: the route is fine). */
  problem: string | undefined;
}

export interface Topology {
  nodes: TopologyNode[];
  routes: TopologyRoute[];
}

export function clusterTopology(models: readonly ConfigModel[]): Topology {
  const { members, resolutions } = resolveClusters(models);
  const findings = clusterDiagnostics(models);
  const idOf = (m: Member) => `${m.node.file.path}#${m.name ?? path.basename(m.node.file.path)}`;
  const nodes: TopologyNode[] = members.map((m) => ({
    id: idOf(m),
    label: m.name ?? path.basename(m.node.file.path),
    file: m.node.file.path,
    cluster: m.node.cluster!.name,
    jetstream: m.node.jetstream !== undefined,
  }));
  const routes: TopologyRoute[] = [];
  for (const r of resolutions) {
    if (r.to && r.to === r.from) continue; // a route to itself is skipped by nats-server
    const file = r.from.node.file;
    const line = file.lines.position(r.route.span.start).line;
    const finding = findings.find(
      (d) => d.file === file.path && d.range.start.line === line && d.code.startsWith('route-'),
    );
    routes.push({
      from: idOf(r.from),
      to: r.to ? idOf(r.to) : undefined,
      url: withoutUserinfo(r.route.url),
      problem: finding?.code,
    });
  }
  return { nodes, routes };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The topology as an SVG drawing: nodes on a circle, good routes green, broken ones red and dashed. */
export function topologySvg(t: Topology): string {
  const size = 520;
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
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 40}" ` +
      `viewBox="0 0 ${size} ${size + 40}" font-family="sans-serif" font-size="12">`,
  ];
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="28" refY="5" markerWidth="6" ' +
      'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  let dangling = 0;
  // Broken routes last, so they are drawn on top; each direction shifted to its right side,
  // so a route and its way back are both visible.
  for (const r of [...t.routes].sort((x, y) => Number(x.problem !== undefined) - Number(y.problem !== undefined))) {
    const from = at.get(r.from)!;
    const to = r.to ? at.get(r.to)! : { x: from.x + 60, y: from.y - 40 - 14 * dangling++ };
    const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    const shift = { x: (-(to.y - from.y) / len) * 5, y: ((to.x - from.x) / len) * 5 };
    const a = { x: from.x + shift.x, y: from.y + shift.y };
    const b = { x: to.x + shift.x, y: to.y + shift.y };
    const broken = r.problem !== undefined;
    parts.push(
      `<line class="route${broken ? ' broken' : ''}" data-problem="${esc(r.problem ?? '')}" ` +
        `x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" ` +
        `stroke="${broken ? '#c62828' : '#2e7d32'}" stroke-width="2"${broken ? ' stroke-dasharray="6 4"' : ''} ` +
        `marker-end="url(#arrow)"><title>${esc(r.url)}${broken ? ` (${esc(r.problem!)})` : ''}</title></line>`,
    );
    if (!r.to)
      parts.push(`<text x="${(b.x + 4).toFixed(1)}" y="${b.y.toFixed(1)}" fill="#c62828">${esc(r.url)}</text>`);
  }
  for (const n of t.nodes) {
    const p = at.get(n.id)!;
    parts.push(
      `<g class="node"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="24" ` +
        `fill="${n.jetstream ? '#e3f2fd' : '#f5f5f5'}" stroke="#37474f" stroke-width="2"/><text ` +
        `x="${p.x.toFixed(1)}" y="${(p.y + 40).toFixed(1)}" text-anchor="middle">${esc(n.label)}` +
        `</text><title>${esc(n.file)}${n.cluster ? ` (cluster ${esc(n.cluster)})` : ''}</title></g>`,
    );
  }
  const broken = t.routes.filter((r) => r.problem).length;
  parts.push(
    `<text x="10" y="${size + 25}">${t.nodes.length} nodes, ${t.routes.length} ` +
      `routes${broken ? `, ${broken} broken (red, dashed)` : ''}</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
