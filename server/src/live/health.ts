// Cluster health: each node's version, uptime, connections, routes (to whom, RTT), JetStream
// state and /healthz, gathered from the nodes' monitoring ports or, with a system account user,
// from $SYS.REQ.SERVER.PING.* over one connection. A node that does not answer is listed as such.

import * as http from 'node:http';
import * as https from 'node:https';
import { NoRespondersError, type Msg, type NatsConnection } from '@nats-io/transport-node';

export interface RouteHealth {
  /** The peer's server_name when known, else its server id. */
  peer: string;
  rtt?: string;
}

export interface NodeHealth {
  server_name: string;
  server_id: string;
  version: string;
  uptime?: string;
  connections?: number;
  cluster?: string;
  /** "ok", or what /healthz said instead. */
  healthz: string;
  routes: RouteHealth[];
  jetstream: boolean;
  meta_leader: string | null;
  streams?: number;
  /** The numbers /varz reports (max_payload, ping_interval in ns, …), for comparing with the configs. */
  limits: Record<string, number>;
  /** Where it was read from: a monitoring URL, or "$SYS". */
  source: string;
}

export interface ClusterHealth {
  nodes: NodeHealth[];
  /** Monitoring URLs (or servers expected through $SYS) that did not answer. */
  unreachable: string[];
}

/** The four documents a node's health is made of (as /varz, /routez, /jsz, /healthz return them). */
interface NodeDocs {
  varz: Record<string, unknown>;
  routez?: Record<string, unknown>;
  jsz?: Record<string, unknown>;
  healthz?: Record<string, unknown>;
}

type Fetch = (url: string, timeoutMs: number) => Promise<{ status: number; body: unknown }>;

/** GET a monitoring endpoint as JSON (any status: /healthz answers 503 with a body). */
const getJson: Fetch = (url, timeoutMs) =>
  new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) });
        } catch {
          reject(new Error(`${url} did not answer JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });

/** Health from each node's monitoring port (`http://host:8222`). */
export async function healthFromMonitors(
  monitors: string[],
  opts: { timeoutMs?: number; fetch?: Fetch } = {},
): Promise<ClusterHealth> {
  const fetch = opts.fetch ?? getJson;
  const timeout = opts.timeoutMs ?? 3000;
  // Filled by position, so nodes are listed in the order the monitors were given.
  const found: ((NodeDocs & { source: string }) | undefined)[] = [];
  const missing: (string | undefined)[] = [];
  await Promise.all(
    monitors.map(async (raw, i) => {
      const base = raw.replace(/\/+$/, '').replace(/^(?![a-z]+:\/\/)/i, 'http://');
      try {
        const get = async (path: string) => (await fetch(`${base}${path}`, timeout)).body as Record<string, unknown>;
        const varz = await get('/varz');
        const [routez, jsz, healthz] = await Promise.all([
          get('/routez'),
          get('/jsz').catch(() => undefined),
          get('/healthz').catch((e: Error) => ({ status: 'unavailable', error: e.message })),
        ]);
        found[i] = { varz, routez, jsz, healthz, source: base };
      } catch {
        missing[i] = base;
      }
    }),
  );
  return { nodes: assemble(found.filter((d) => d !== undefined)), unreachable: missing.filter((u) => u !== undefined) };
}

/**
 * Health through the system account: every server answers $SYS.REQ.SERVER.PING.<KIND>.
 * `expected` (server names, e.g. from the configs) lets silent nodes be listed as unreachable.
 */
export async function healthFromSystemAccount(
  nc: NatsConnection,
  opts: { timeoutMs?: number; expected?: string[] } = {},
): Promise<ClusterHealth> {
  const timeout = opts.timeoutMs ?? 2000;
  const byId = new Map<string, NodeDocs & { source: string }>();
  const ask = async (kind: 'VARZ' | 'ROUTEZ' | 'JSZ' | 'HEALTHZ') => {
    const replies: Msg[] = [];
    try {
      for await (const m of await nc.requestMany(`$SYS.REQ.SERVER.PING.${kind}`, '', {
        strategy: 'timer',
        maxWait: timeout,
      }))
        replies.push(m);
    } catch (e) {
      // Outside the system account nothing answers $SYS: no nodes, which the caller explains.
      if (!(e instanceof NoRespondersError) && !((e as { cause?: unknown }).cause instanceof NoRespondersError))
        throw e;
    }
    for (const m of replies) {
      let doc: { server?: { id?: string }; data?: Record<string, unknown> };
      try {
        doc = JSON.parse(new TextDecoder().decode(m.data));
      } catch {
        continue;
      }
      const id = doc.server?.id;
      if (!id || !doc.data) continue;
      const entry = byId.get(id) ?? ({ varz: {}, source: '$SYS' } as NodeDocs & { source: string });
      entry[kind.toLowerCase() as keyof NodeDocs] = doc.data;
      byId.set(id, entry);
    }
  };
  await Promise.all([ask('VARZ'), ask('ROUTEZ'), ask('JSZ'), ask('HEALTHZ')]);
  // Answers come in any order: by name, so views and the CLI list nodes alike each time.
  const nodes = assemble([...byId.values()].filter((d) => d.varz.server_id)).sort((a, b) =>
    a.server_name.localeCompare(b.server_name),
  );
  const seen = new Set(nodes.map((n) => n.server_name));
  return { nodes, unreachable: (opts.expected ?? []).filter((name) => !seen.has(name)) };
}

function assemble(docs: (NodeDocs & { source: string })[]): NodeHealth[] {
  const nameOf = new Map<string, string>();
  for (const d of docs) nameOf.set(String(d.varz.server_id), String(d.varz.server_name ?? d.varz.server_id));
  return docs.map((d) => {
    const v = d.varz;
    const routes = ((d.routez?.routes as Record<string, unknown>[] | undefined) ?? []).map((r) => ({
      peer: String(r.remote_name ?? nameOf.get(String(r.remote_id)) ?? r.remote_id),
      rtt: r.rtt === undefined ? undefined : String(r.rtt),
    }));
    const js =
      d.jsz && !d.jsz.disabled && (d.jsz.config !== undefined || d.jsz.meta_cluster !== undefined) ? d.jsz : undefined;
    const meta = js?.meta_cluster as { leader?: string } | undefined;
    const healthStatus = d.healthz?.status;
    return {
      server_name: String(v.server_name ?? v.server_id),
      server_id: String(v.server_id),
      version: String(v.version ?? ''),
      uptime: v.uptime as string | undefined,
      connections: v.connections as number | undefined,
      cluster: (v.cluster as { name?: string } | undefined)?.name,
      healthz: healthStatus === 'ok' ? 'ok' : String(d.healthz?.error ?? healthStatus ?? 'no answer'),
      routes: dedupe(routes),
      jetstream: js !== undefined,
      meta_leader: meta?.leader || null,
      streams: js?.streams as number | undefined,
      limits: Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number')),
      source: d.source,
    };
  });
}

/** Pooled routes (2.10+) list one peer several times: one entry per peer, the first RTT, by name. */
function dedupe(routes: RouteHealth[]): RouteHealth[] {
  const seen = new Map<string, RouteHealth>();
  for (const r of routes) if (!seen.has(r.peer)) seen.set(r.peer, r);
  return [...seen.values()].sort((a, b) => a.peer.localeCompare(b.peer));
}

/** Healthy: every node answered, says ok, and has a route to every other node it answered with. */
export function isHealthy(h: ClusterHealth): boolean {
  if (h.unreachable.length || !h.nodes.length) return false;
  return h.nodes.every(
    (n) =>
      n.healthz === 'ok' &&
      h.nodes.every((o) => o === n || o.cluster !== n.cluster || n.routes.some((r) => r.peer === o.server_name)),
  );
}

/** The JSON shape of `nats-conf health --format json`. */
export function healthJson(h: ClusterHealth): {
  nodes: {
    server_name: string;
    version: string;
    healthz: string;
    routes: string[];
    jetstream: boolean;
    meta_leader: string | null;
  }[];
  unreachable: string[];
} {
  return {
    nodes: h.nodes.map((n) => ({
      server_name: n.server_name,
      version: n.version,
      healthz: n.healthz,
      routes: n.routes.map((r) => r.peer).sort(),
      jetstream: n.jetstream,
      meta_leader: n.meta_leader,
    })),
    unreachable: h.unreachable,
  };
}

/** A table for people (and the CLI's text output). */
export function healthText(h: ClusterHealth): string {
  const lines: string[] = [];
  for (const n of h.nodes) {
    const js = n.jetstream
      ? `JetStream on (meta leader ${n.meta_leader ?? 'none'}, ${n.streams ?? 0} streams)`
      : 'JetStream off';
    lines.push(
      `${n.server_name}  ${n.version}  up ${n.uptime ?? '?'} ` +
        ` ${n.connections ?? 0} connections  healthz ${n.healthz}  ${js}`,
    );
    lines.push(
      `  routes:` +
        ` ${n.routes.length ? n.routes.map((r) => `${r.peer}${r.rtt ? ` (${r.rtt})` : ''}`).join(', ') : 'none'}`,
    );
  }
  for (const u of h.unreachable) lines.push(`${u}  does not answer`);
  lines.push(
    isHealthy(h)
      ? `healthy: ${h.nodes.length} nodes, fully routed`
      : `not healthy: ${h.nodes.length} answering, ${h.unreachable.length} not answering`,
  );
  return lines.join('\n') + '\n';
}
