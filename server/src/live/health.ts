// Cluster health: each node's version, uptime, connections, routes (to whom, RTT), JetStream
// state and /healthz, gathered from the nodes' monitoring ports or, with a system account user,
// from $SYS.REQ.SERVER.PING.* over one connection. A node that does not answer is listed as such.

import * as http from 'node:http';
import * as https from 'node:https';
import { NoRespondersError, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { redactUrl } from './contexts';

export interface RouteHealth {
  /** The peer's server_name when known, else its server id. */
  peer: string;
  rtt?: string;
}

/** A peer of a raft group (the JetStream meta group, a stream's or a consumer's), as its leader sees it. */
export interface PeerHealth {
  name: string;
  current: boolean;
  offline: boolean;
  /** Entries behind the leader. */
  lag: number;
}

/** A replicated stream or consumer, as one node reports it (the leader's report is the one trusted). */
export interface AssetHealth {
  account: string;
  stream: string;
  consumer?: string;
  leader: string | null;
  /** The other peers, as the reporting node sees them. */
  peers: PeerHealth[];
}

export interface NodeHealth {
  server_name: string;
  server_id: string;
  version: string;
  uptime?: string;
  connections?: number;
  cluster?: string;
  /** The route URLs the node is configured with (/varz cluster.urls), host:port. */
  route_urls?: string[];
  /** The port its cluster (routes) listens on; 0 or undefined when it is not clustered. */
  cluster_port?: number;
  /** Its gateway name, when it is part of a super-cluster (cluster names then differ rightly). */
  gateway?: string;
  /** "ok", or what /healthz said instead. */
  healthz: string;
  routes: RouteHealth[];
  jetstream: boolean;
  meta_leader: string | null;
  /** The meta group's size, as this node knows it (JetStream clustered). */
  meta_size?: number;
  /** The meta group's other peers, when this node is its leader. */
  meta_peers?: PeerHealth[];
  streams?: number;
  /** The replicated streams and consumers this node holds. */
  assets?: AssetHealth[];
  /** The numbers /varz reports (max_payload, ping_interval in ns, …), for comparing with the configs. */
  limits: Record<string, number>;
  /** Where it was read from: a monitoring URL (masked), or "$SYS". */
  source: string;
}

export interface ClusterHealth {
  nodes: NodeHealth[];
  /** Monitoring URLs or servers (masked), or server names expected through $SYS, that did not answer. */
  unreachable: string[];
  /** Why each unreachable source did not answer (refused, unknown host, timeout, HTTP status, TLS). */
  failures?: { source: string; reason: string }[];
  /** The server names the node configs give: each one that does not answer is missing. */
  expected?: string[];
}

/** The four documents a node's health is made of (as /varz, /routez, /jsz, /healthz return them). */
interface NodeDocs {
  varz: Record<string, unknown>;
  routez?: Record<string, unknown>;
  jsz?: Record<string, unknown>;
  healthz?: Record<string, unknown>;
}

type Fetch = (url: string, timeoutMs: number) => Promise<{ status: number; body: unknown }>;

/** A monitoring endpoint that failed, with why in a few words. */
class MonitorError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Why a request to a monitoring URL failed, in a few words that say what to check. */
function monitorFailureReason(e: unknown, timeoutMs: number): string {
  if (e instanceof MonitorError) return e.reason;
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  const message = redactUrl(String(err?.message ?? e));
  if (code === 'ECONNREFUSED') return 'nothing listens there (ECONNREFUSED)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `unknown host (${code})`;
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') return `no answer within ${timeoutMs} ms (timeout)`;
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return `the connection was closed (${code}): a TLS port read as http://, or something in between`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `the host cannot be reached (${code})`;
  if (
    /^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^EPROTO$/.test(code) ||
    /tls|ssl|certificate|wrong version number/i.test(message)
  )
    return `TLS error: ${message}${code ? ` (${code})` : ''}`;
  return code ? `${message} (${code})` : message;
}

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
          const status = res.statusCode ?? 0;
          reject(
            new MonitorError(
              status >= 400
                ? `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`
                : `HTTP ${status}, but not JSON: is this a monitoring port?`,
            ),
          );
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })),
    );
    req.on('error', reject);
  });

/** A monitoring URL as it is requested: a scheme added, trailing slashes dropped. */
function monitorBase(raw: string): string {
  return raw.replace(/\/+$/, '').replace(/^(?![a-z]+:\/\/)/i, 'http://');
}

/** The /jsz query that brings each account's streams and consumers, with their raft groups. */
const JSZ_QUERY = '/jsz?accounts=true&streams=true&consumers=true';

/** Health from each node's monitoring port (`http://host:8222`). */
export async function healthFromMonitors(
  monitors: string[],
  opts: { timeoutMs?: number; fetch?: Fetch; expected?: string[] } = {},
): Promise<ClusterHealth> {
  const fetch = opts.fetch ?? getJson;
  const timeout = opts.timeoutMs ?? 3000;
  // The same URL given twice is asked once.
  const bases = [...new Set(monitors.map(monitorBase))];
  // Filled by position, so nodes are listed in the order the monitors were given.
  const found: ((NodeDocs & { source: string }) | undefined)[] = [];
  const missing: ({ source: string; reason: string } | undefined)[] = [];
  await Promise.all(
    bases.map(async (base, i) => {
      const shown = redactUrl(base);
      try {
        const get = async (path: string) => (await fetch(`${base}${path}`, timeout)).body as Record<string, unknown>;
        const varz = await fetch(`${base}/varz`, timeout);
        if (varz.status !== 200) throw new MonitorError(`HTTP ${varz.status} on /varz`);
        const [routez, jsz, healthz] = await Promise.all([
          get('/routez'),
          get(JSZ_QUERY).catch(() => undefined),
          get('/healthz').catch((e: Error) => ({ status: 'unavailable', error: monitorFailureReason(e, timeout) })),
        ]);
        found[i] = { varz: varz.body as Record<string, unknown>, routez, jsz, healthz, source: shown };
      } catch (e) {
        missing[i] = { source: shown, reason: monitorFailureReason(e, timeout) };
      }
    }),
  );
  const failures = missing.filter((u) => u !== undefined);
  // Two URLs that reach the same node (localhost and 127.0.0.1) list it once.
  const seen = new Set<string>();
  const docs = found.filter((d): d is NodeDocs & { source: string } => {
    if (!d) return false;
    const id = String(d.varz.server_id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return {
    nodes: assemble(docs),
    unreachable: failures.map((f) => f.source),
    failures,
    ...(opts.expected?.length ? { expected: opts.expected } : {}),
  };
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
    // /jsz's options: each account's streams and consumers, with their raft groups.
    const body = kind === 'JSZ' ? JSON.stringify({ accounts: true, streams: true, consumer: true }) : '';
    try {
      for await (const m of await nc.requestMany(`$SYS.REQ.SERVER.PING.${kind}`, body, {
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
  return {
    nodes,
    unreachable: (opts.expected ?? []).filter((name) => !seen.has(name)),
    ...(opts.expected?.length ? { expected: opts.expected } : {}),
  };
}

/** Several readings of one cluster (e.g. through each server given) as one: nodes by server id. */
export function mergeHealth(parts: ClusterHealth[]): ClusterHealth {
  const byId = new Map<string, NodeHealth>();
  for (const p of parts) for (const n of p.nodes) if (!byId.has(n.server_id)) byId.set(n.server_id, n);
  const nodes = [...byId.values()].sort((a, b) => a.server_name.localeCompare(b.server_name));
  const names = new Set(nodes.map((n) => n.server_name));
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const expected = unique(parts.flatMap((p) => p.expected ?? []));
  const failures = parts.flatMap((p) => p.failures ?? []);
  return {
    nodes,
    unreachable: unique(parts.flatMap((p) => p.unreachable)).filter((u) => !names.has(u)),
    ...(failures.length ? { failures } : {}),
    ...(expected.length ? { expected } : {}),
  };
}

type Doc = Record<string, unknown>;
const peersOf = (replicas: unknown): PeerHealth[] =>
  ((replicas as Doc[] | undefined) ?? []).map((r) => ({
    name: String(r.name ?? r.peer ?? '?'),
    current: r.current === true,
    offline: r.offline === true,
    lag: typeof r.lag === 'number' ? r.lag : 0,
  }));

/** The replicated streams and consumers of a /jsz with account details. */
function assetsOf(jsz: Doc): AssetHealth[] {
  const out: AssetHealth[] = [];
  for (const account of (jsz.account_details as Doc[] | undefined) ?? []) {
    const accountName = String(account.name ?? account.id ?? '?');
    for (const stream of (account.stream_detail as Doc[] | undefined) ?? []) {
      const cluster = stream.cluster as Doc | undefined;
      const name = String(stream.name);
      if (cluster)
        out.push({
          account: accountName,
          stream: name,
          leader: (cluster.leader as string) || null,
          peers: peersOf(cluster.replicas),
        });
      for (const consumer of (stream.consumer_detail as Doc[] | undefined) ?? []) {
        const cc = consumer.cluster as Doc | undefined;
        if (cc)
          out.push({
            account: accountName,
            stream: name,
            consumer: String(consumer.name),
            leader: (cc.leader as string) || null,
            peers: peersOf(cc.replicas),
          });
      }
    }
  }
  return out;
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
    const meta = js?.meta_cluster as { leader?: string; cluster_size?: number; replicas?: unknown } | undefined;
    const healthStatus = d.healthz?.status;
    const cluster = v.cluster as { name?: string; urls?: string[]; cluster_port?: number } | undefined;
    const name = String(v.server_name ?? v.server_id);
    const gateway = (v.gateway as { name?: string } | undefined)?.name;
    return {
      server_name: name,
      server_id: String(v.server_id),
      version: String(v.version ?? ''),
      uptime: v.uptime as string | undefined,
      connections: v.connections as number | undefined,
      cluster: cluster?.name || undefined,
      route_urls: cluster?.urls ?? [],
      cluster_port: cluster?.cluster_port ?? 0,
      ...(gateway ? { gateway } : {}),
      healthz: healthStatus === 'ok' ? 'ok' : String(d.healthz?.error ?? healthStatus ?? 'no answer'),
      routes: dedupe(routes),
      jetstream: js !== undefined,
      meta_leader: meta?.leader || null,
      ...(meta?.cluster_size ? { meta_size: meta.cluster_size } : {}),
      ...(meta?.leader === name && meta.replicas ? { meta_peers: peersOf(meta.replicas) } : {}),
      streams: js?.streams as number | undefined,
      ...(js ? { assets: assetsOf(js) } : {}),
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

/** A node expected and not answering: by name when a source names it, else by its route address. */
interface MissingNode {
  name?: string;
  /** host:port of a route URL no answering node listens on. */
  address?: string;
  /** Who expects it: "configs", "meta group (offline)", "routes of h1, h2", "--monitor". */
  expected_by: string[];
}

type ProblemKind =
  | 'missing'
  | 'unreachable'
  | 'healthz'
  | 'cluster-name'
  | 'route'
  | 'meta-leader'
  | 'meta-peer-offline'
  | 'meta-peer-lagging'
  | 'stream-leader'
  | 'stream-replica-offline'
  | 'stream-replica-lagging'
  | 'consumer-leader'
  | 'consumer-replica-offline';

interface HealthProblem {
  kind: ProblemKind;
  /** One sentence. */
  message: string;
  node?: string;
  account?: string;
  stream?: string;
  consumer?: string;
  replica?: string;
  /** Entries behind the leader. */
  lag?: number;
}

interface HealthAssessment {
  healthy: boolean;
  /** What is wrong, most important first (missing nodes, cluster names, routes, JetStream). */
  problems: HealthProblem[];
  missing: MissingNode[];
  /** Each cluster name and the nodes that run in it. */
  cluster_names: Record<string, string[]>;
}

interface AssessOptions {
  /** How many entries a replica may be behind its leader before it counts as lagging (default 1000). */
  maxLag?: number;
}

const DEFAULT_MAX_LAG = 1000;

/** Everything that keeps the cluster from being healthy; none, and every node answered ok: healthy. */
export function assessHealth(h: ClusterHealth, opts: AssessOptions = {}): HealthAssessment {
  const maxLag = opts.maxLag ?? DEFAULT_MAX_LAG;
  const problems: HealthProblem[] = [];
  const answered = new Set(h.nodes.map((n) => n.server_name));
  const failure = new Map((h.failures ?? []).map((f) => [f.source, f.reason]));

  // Missing: expected by the configs, by the meta group (offline peers), or by configured routes.
  const missing = new Map<string, MissingNode>();
  const expect = (name: string, by: string) => {
    if (answered.has(name)) return;
    const m = missing.get(name) ?? { name, expected_by: [] };
    if (!m.expected_by.includes(by)) m.expected_by.push(by);
    missing.set(name, m);
  };
  // Configs of another cluster (none of their names answers) do not make these nodes missing.
  const expected = h.expected ?? [];
  if (expected.some((n) => answered.has(n))) for (const n of expected) expect(n, 'configs');
  for (const n of h.nodes) for (const p of n.meta_peers ?? []) if (p.offline) expect(p.name, 'meta group (offline)');
  // Names $SYS was told to expect that did not answer are already in unreachable: one entry each.
  for (const u of h.unreachable) missing.delete(u);
  const namedMissing = missing.size + h.unreachable.length;

  // Route URLs no answering node listens on (matched by port: addresses differ behind NAT and DNS).
  const ports = new Set(h.nodes.map((n) => n.cluster_port).filter((p): p is number => !!p));
  const unmatched = new Map<string, string[]>();
  const matchedPorts = new Set<number>();
  for (const n of h.nodes)
    for (const url of n.route_urls ?? []) {
      const port = Number(/:(\d+)\/?$/.exec(url)?.[1]);
      if (!port) continue;
      if (ports.has(port)) {
        matchedPorts.add(port);
        continue;
      }
      const address = redactUrl(url).replace(/^[a-z-]+:\/\//i, '');
      unmatched.set(address, [...(unmatched.get(address) ?? []), n.server_name]);
    }
  // Answering nodes no route URL names may be those addresses under other names: only the surplus is missing.
  const unnamed = h.nodes.filter((n) => n.cluster_port && !matchedPorts.has(n.cluster_port)).length;
  const surplus = unmatched.size - unnamed - namedMissing;
  if (surplus > 0)
    for (const [address, by] of unmatched)
      missing.set(`@${address}`, { address, expected_by: [`routes of ${[...new Set(by)].join(', ')}`] });

  for (const u of h.unreachable)
    problems.push({
      kind: 'unreachable',
      node: u,
      message: `${u} does not answer${failure.has(u) ? `: ${failure.get(u)}` : ''}.`,
    });
  for (const m of missing.values())
    problems.push({
      kind: 'missing',
      node: m.name ?? m.address,
      message: m.name
        ? `${m.name} is missing: expected by the ${m.expected_by.join(' and the ')}, it does not answer.`
        : `Nothing answering listens at ${m.address}, ` +
          `a route of ${m.expected_by.join(', ').replace(/^routes of /, '')}.`,
    });

  // /healthz.
  for (const n of h.nodes)
    if (n.healthz !== 'ok')
      problems.push({ kind: 'healthz', node: n.server_name, message: `${n.server_name}: /healthz says ${n.healthz}.` });

  // Cluster names: the majority's; in a super-cluster (gateways) each cluster on its own.
  const clusterNames: Record<string, string[]> = {};
  for (const n of h.nodes) (clusterNames[n.cluster ?? ''] ??= []).push(n.server_name);
  const superCluster = h.nodes.some((n) => n.gateway);
  const named = Object.entries(clusterNames).filter(([c]) => c !== '');
  if (!superCluster && named.length > 1) {
    const most = Math.max(...named.map(([, ns]) => ns.length));
    const majority = named.filter(([, ns]) => ns.length === most);
    const main = majority.length === 1 ? majority[0][0] : undefined;
    for (const [c, ns] of named) {
      if (c === main) continue;
      for (const node of ns)
        problems.push({
          kind: 'cluster-name',
          node,
          message: main
            ? `${node} runs in cluster '${c}', the others in '${main}'.`
            : `${node} runs in cluster '${c}'; cluster names differ: ${named.map(([x]) => `'${x}'`).join(', ')}.`,
        });
    }
  }

  // Routes: every clustered node routes to every other node of its cluster.
  for (const n of h.nodes) {
    if (!n.cluster && !n.cluster_port) continue;
    const peers = h.nodes.filter(
      (o) => o !== n && (o.cluster || o.cluster_port) && (!superCluster || o.cluster === n.cluster),
    );
    const lacking = peers.filter((o) => !n.routes.some((r) => r.peer === o.server_name)).map((o) => o.server_name);
    if (lacking.length)
      problems.push({
        kind: 'route',
        node: n.server_name,
        message:
          `${n.server_name} has no route to ${lacking.join(', ')}` + `${n.routes.length ? '' : ' (no routes at all)'}.`,
      });
  }

  // JetStream: a meta leader, its peers online and current; per replicated stream and consumer, as its leader says.
  const byName = new Map(h.nodes.map((n) => [n.server_name, n]));
  const clusteredJs = h.nodes.filter((n) => n.jetstream && (n.meta_size ?? 0) > 1);
  // One meta group, across a super-cluster too.
  if (clusteredJs.length && !clusteredJs.some((n) => n.meta_leader))
    problems.push({
      kind: 'meta-leader',
      message:
        `JetStream has no meta leader (${clusteredJs.length} of ` +
        `${Math.max(...clusteredJs.map((n) => n.meta_size ?? 0))} meta peers answering): ` +
        'the meta group has lost its quorum, streams cannot be created or changed.',
    });
  for (const n of h.nodes)
    for (const p of n.meta_peers ?? []) {
      if (p.offline)
        problems.push({
          kind: 'meta-peer-offline',
          node: p.name,
          replica: p.name,
          lag: p.lag,
          message: `JetStream meta peer ${p.name} is offline (leader ${n.server_name}).`,
        });
      else if (p.lag > maxLag)
        problems.push({
          kind: 'meta-peer-lagging',
          node: p.name,
          replica: p.name,
          lag: p.lag,
          message: `JetStream meta peer ${p.name} is ${p.lag} entries behind the leader ${n.server_name}.`,
        });
    }
  // Each stream and consumer: judged by its leader's report (a follower's view of its peers is stale).
  const assets = new Map<string, (AssetHealth & { reporter: string })[]>();
  for (const n of h.nodes)
    for (const a of n.assets ?? []) {
      const key = `${a.account}\u0000${a.stream}\u0000${a.consumer ?? ''}`;
      assets.set(key, [...(assets.get(key) ?? []), { ...a, reporter: n.server_name }]);
    }
  for (const reports of assets.values()) {
    const first = reports[0];
    const what = first.consumer
      ? `consumer ${first.consumer} of stream ${first.stream} (account ${first.account})`
      : `stream ${first.stream} (account ${first.account})`;
    const where = {
      account: first.account,
      stream: first.stream,
      ...(first.consumer ? { consumer: first.consumer } : {}),
    };
    const leader = reports.find((r) => r.leader && r.leader === r.reporter);
    if (!leader) {
      const named = reports.map((r) => r.leader).find((l) => !!l);
      // A leader named by a follower but not asked (not among the nodes given) cannot be judged here.
      if (named && !byName.has(named) && !missing.has(named) && !h.unreachable.includes(named)) continue;
      if (named && byName.has(named)) continue; // Elected meanwhile: its own report came before it.
      problems.push({
        kind: first.consumer ? 'consumer-leader' : 'stream-leader',
        ...where,
        message: `The ${what} has no leader${named ? ` answering (${named} is named)` : ''}.`,
      });
      continue;
    }
    for (const p of leader.peers) {
      if (p.name === leader.leader) continue;
      if (p.offline)
        problems.push({
          kind: first.consumer ? 'consumer-replica-offline' : 'stream-replica-offline',
          ...where,
          replica: p.name,
          lag: p.lag,
          message:
            `The ${what}: replica ${p.name} is offline` +
            `${p.lag ? `, ${p.lag} entries behind` : ''} (leader ${leader.leader}).`,
        });
      else if (!first.consumer && p.lag > maxLag)
        problems.push({
          kind: 'stream-replica-lagging',
          ...where,
          replica: p.name,
          lag: p.lag,
          message: `The ${what}: replica ${p.name} is ${p.lag} entries behind its leader ${leader.leader}.`,
        });
    }
  }
  return {
    healthy: h.nodes.length > 0 && problems.length === 0,
    problems,
    missing: [...missing.values()],
    cluster_names: clusterNames,
  };
}

/**
 * Healthy: every node expected answered and says ok; one cluster name; each routes to every other;
 * JetStream has a meta leader, and no replica of a stream or consumer is offline or far behind.
 */
export function isHealthy(h: ClusterHealth, opts: AssessOptions = {}): boolean {
  return assessHealth(h, opts).healthy;
}

/** The first line of the text: healthy, or what is wrong, in one line. */
export function healthSummary(h: ClusterHealth, a: HealthAssessment = assessHealth(h)): string {
  if (!h.nodes.length) return 'not healthy: no node answered';
  if (a.healthy) return `healthy: ${h.nodes.length} nodes, fully routed`;
  const first = a.problems.slice(0, 3).map((p) => p.message.replace(/\.$/, ''));
  const more = a.problems.length > 3 ? `; and ${a.problems.length - 3} more` : '';
  return `not healthy: ${first.join('; ')}${more}`;
}

/** The JSON shape of `nats-conf health --format json`. */
export function healthJson(
  h: ClusterHealth,
  opts: AssessOptions = {},
): {
  healthy: boolean;
  summary: string;
  nodes: {
    server_name: string;
    cluster: string | null;
    version: string;
    healthz: string;
    routes: string[];
    jetstream: boolean;
    meta_leader: string | null;
    source: string;
  }[];
  unreachable: string[];
  failures: { source: string; reason: string }[];
  missing: MissingNode[];
  cluster_names: Record<string, string[]>;
  problems: HealthProblem[];
  meta_peers: PeerHealth[];
} {
  const a = assessHealth(h, opts);
  return {
    healthy: a.healthy,
    summary: healthSummary(h, a),
    nodes: h.nodes.map((n) => ({
      server_name: n.server_name,
      cluster: n.cluster ?? null,
      version: n.version,
      healthz: n.healthz,
      routes: n.routes.map((r) => r.peer).sort(),
      jetstream: n.jetstream,
      meta_leader: n.meta_leader,
      source: n.source,
    })),
    unreachable: h.unreachable,
    failures: h.failures ?? [],
    missing: a.missing,
    cluster_names: a.cluster_names,
    problems: a.problems,
    meta_peers: h.nodes.flatMap((n) => n.meta_peers ?? []),
  };
}

/** A table for people (and the CLI's text output): what is wrong first, then each node, then each problem. */
export function healthText(h: ClusterHealth, opts: AssessOptions = {}): string {
  const a = assessHealth(h, opts);
  const lines: string[] = [healthSummary(h, a)];
  const failure = new Map((h.failures ?? []).map((f) => [f.source, f.reason]));
  for (const n of h.nodes) {
    const js = n.jetstream
      ? `JetStream on (meta leader ${n.meta_leader ?? 'none'}, ${n.streams ?? 0} streams)`
      : 'JetStream off';
    lines.push(
      `${n.server_name}  ${n.version}  cluster ${n.cluster ?? '(none)'}  up ${n.uptime ?? '?'} ` +
        ` ${n.connections ?? 0} connections  healthz ${n.healthz}  ${js}`,
    );
    lines.push(
      `  routes:` +
        ` ${n.routes.length ? n.routes.map((r) => `${r.peer}${r.rtt ? ` (${r.rtt})` : ''}`).join(', ') : 'none'}`,
    );
  }
  for (const u of h.unreachable) lines.push(`${u}  does not answer${failure.has(u) ? `: ${failure.get(u)}` : ''}`);
  for (const m of a.missing) lines.push(`${m.name ?? m.address}  missing (expected by ${m.expected_by.join(', ')})`);
  const rest = a.problems.filter((p) => p.kind !== 'unreachable' && p.kind !== 'missing');
  if (rest.length) {
    lines.push('problems:');
    for (const p of rest) lines.push(`  ${p.message}`);
  }
  lines.push(
    a.healthy
      ? `healthy: ${h.nodes.length} nodes, fully routed`
      : `not healthy: ${h.nodes.length} answering, ${h.unreachable.length + a.missing.length} not answering, ` +
          `${rest.length} other problem${rest.length === 1 ? '' : 's'}`,
  );
  return lines.join('\n') + '\n';
}
