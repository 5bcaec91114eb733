// `nats-conf health`: a live cluster's health for deploy pipelines.
//   nats-conf health [--monitor URL,...] [--server URL,...] [--context NAME] [--nodes FILE,...] [--format text|json]
// Exit 0: every node expected answers ok, one cluster, fully routed, JetStream sound; 1: otherwise; 2: nothing answers.

import * as path from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLanguageService, type ConfigModel } from '../service';
import { nodeHost, readTextFile } from '../node/nodeHost';
import { configuredNodes } from '../live/drift';
import { connectOptionsFor } from '../live/connectOptions';
import { loadContext, selectedContextName, type NatsContext } from '../live/contexts';
import { explainFailure } from '../live/failures';
import {
  healthFromMonitors,
  healthFromSystemAccount,
  healthJson,
  healthText,
  isHealthy,
  mergeHealth,
  type ClusterHealth,
} from '../live/health';
import type { CliIO } from './nats-conf';
import { shortUsage, splitFlag } from './usage';

const HEALTH_USAGE =
  `usage: nats-conf health [--monitor URL,...] [--server ` +
  `URL,...] [--context NAME] [--nodes FILE,...] [--format text|json] [--timeout MS] [--max-lag N] [FILE...]

Shows each node of a running cluster: cluster name, version, uptime, connections, routes,
JetStream (meta leader, its peers, replicated streams and consumers), /healthz.
  --monitor URL,...   the nodes' monitoring endpoints (http://host:8222), read directly
  --server URL,...    NATS URLs; with a system account user, every node answers through $SYS
                      (each URL is asked on its own connection, so a split cluster shows both sides)
  --context NAME      a nats CLI context (name or .json path) for the connection (default: the selected one)
  --nodes FILE,...    the nodes' config files (also as FILE...): each server_name must answer; without
                      --monitor, --server or --context their monitoring ports are read
  --format text|json  output format (default: text)
  --timeout MS        how long to wait for each answer (default: 3000)
  --max-lag N         entries a replica may be behind its leader (default: 1000)
A node is missing when the configs, another node's routes or the JetStream meta group expect it
and it does not answer.
Exit status: 0 healthy (every node expected answers ok, one cluster, fully routed, JetStream has a
meta leader and every replica is online), 1 not, 2 nothing answers or usage problem.`;

interface LiveArgs {
  monitors: string[];
  /** Config files (drift). */
  files: string[];
  servers: string[];
  context: string | undefined;
  format: 'text' | 'json';
  timeoutMs: number;
  maxLag: number;
}

function parseLiveArgs(argv: string[], acceptFiles: boolean): LiveArgs | 'help' | string {
  const args: LiveArgs = {
    monitors: [],
    files: [],
    servers: [],
    context: undefined,
    format: 'text',
    timeoutMs: 3000,
    maxLag: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = splitFlag(a);
    const value = () => inline ?? argv[++i];
    const list = (v: string | undefined) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--monitor') args.monitors.push(...list(value()));
    else if (flag === '--server') args.servers.push(...list(value()));
    else if (flag === '--context') args.context = value();
    else if (flag === '--nodes' && !acceptFiles) args.files.push(...list(value()));
    else if (flag === '--max-lag' && !acceptFiles) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) return '--max-lag needs a number of entries (0 or more)';
      args.maxLag = n;
    } else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') return `--format must be text or json, not '${f}'`;
      args.format = f;
    } else if (flag === '--timeout') {
      const t = Number(value());
      if (!Number.isFinite(t) || t <= 0) return '--timeout needs a positive number of milliseconds';
      args.timeoutMs = t;
    } else if (!a.startsWith('-')) args.files.push(a);
    else return `unknown option '${a}'`;
  }
  if (acceptFiles && !args.files.length) return 'no config files to compare';
  if (!args.monitors.length && !args.servers.length && !args.context && (acceptFiles || !args.files.length))
    return 'give --monitor URLs, or --server/--context for a system account connection';
  return args;
}

/**
 * The live cluster's health, from --monitor URLs and/or through $SYS (each server given on its own
 * connection); a number is the exit status after a one-line message (nothing answered, or the
 * connection failed). `expected`: the server names the configs give.
 */
export async function gatherHealth(
  args: LiveArgs,
  command: string,
  io: CliIO,
  env: NodeJS.ProcessEnv,
  expected: string[] = [],
  configuredMonitors: string[] = [],
): Promise<ClusterHealth | number> {
  const viaSys = args.servers.length > 0 || args.context !== undefined;
  const monitors = args.monitors.length || viaSys ? args.monitors : configuredMonitors;
  const parts: ClusterHealth[] = [];
  if (monitors.length) {
    const health = await healthFromMonitors(monitors, { timeoutMs: args.timeoutMs, expected });
    if (!health.nodes.length && !viaSys) {
      const why = (health.failures ?? []).map((f) => `${f.source}: ${f.reason}`);
      io.stderr(`nats-conf ${command}: no monitoring endpoint answers (${why.join('; ')}).\n`);
      return 2;
    }
    parts.push(health);
  }
  if (!viaSys) return parts[0] ?? 2;
  let shown: string[] = [];
  const failures: { source: string; reason: string; error: unknown }[] = [];
  try {
    const name = args.context ?? (args.servers.length ? undefined : selectedContextName(env));
    const context: NatsContext = name ? { ...loadContext(name, env).context } : {};
    if (args.servers.length) context.url = [...new Set(args.servers)].join(',');
    const plan = connectOptionsFor(context, `nats-conf ${command}`, env);
    shown = plan.shown;
    const servers = (Array.isArray(plan.options.servers) ? plan.options.servers : [plan.options.servers ?? '']).map(
      String,
    );
    // Each server on its own connection: a node cut off from the others (another cluster name, a
    // partition) still answers through the URL that reaches it.
    const answers = await Promise.all(
      servers.map(async (server, i) => {
        let nc: NatsConnection | undefined;
        try {
          nc = await connect({ ...plan.options, servers: server, maxReconnectAttempts: 0, timeout: args.timeoutMs });
          return await healthFromSystemAccount(nc, { timeoutMs: Math.min(args.timeoutMs, 2000), expected });
        } catch (e) {
          const source = shown[i] ?? server;
          failures.push({ source, reason: explainFailure(e, { servers: [source] }), error: e });
          return undefined;
        } finally {
          await nc?.close().catch(() => undefined);
        }
      }),
    );
    for (const a of answers) if (a) parts.push(a);
  } catch (e) {
    io.stderr(`nats-conf ${command}: ${explainFailure(e, { servers: shown })}\n`);
    return 2;
  }
  const health = mergeHealth([
    ...parts,
    {
      nodes: [],
      unreachable: failures.map((f) => f.source),
      failures: failures.map(({ source, reason }) => ({ source, reason })),
    },
  ]);
  if (!health.nodes.length) {
    if (failures.length && failures.length === shown.length) {
      io.stderr(`nats-conf ${command}: ${explainFailure(failures[0].error, { servers: shown })}\n`);
      return 2;
    }
    io.stderr(
      `nats-conf ${command}: no server answered on $SYS (${shown.join(', ')}): this user ` +
        `is not in the system account. Use a system account user, or --monitor URLs.\n`,
    );
    return 2;
  }
  return health;
}

/** The arguments, or the exit status after printing help (0) or a usage problem (2). */
export function liveArgsOrExit(
  argv: string[],
  command: 'health' | 'drift',
  usage: string,
  io: CliIO,
): LiveArgs | number {
  const args = parseLiveArgs(argv, command === 'drift');
  if (args === 'help') {
    io.stdout(usage + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`nats-conf ${command}: ${args}\n${shortUsage(usage, `nats-conf ${command}`)}\n`);
    return 2;
  }
  return args;
}

export async function runHealth(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = liveArgsOrExit(argv, 'health', HEALTH_USAGE, io);
  if (typeof args === 'number') return args;
  const configured = readNodeConfigs(args.files, io, env);
  if (typeof configured === 'number') return configured;
  const health = await gatherHealth(args, 'health', io, env, configured.names, configured.monitors);
  if (typeof health === 'number') return health;
  const opts = { maxLag: args.maxLag };
  io.stdout(
    args.format === 'json' ? JSON.stringify(healthJson(health, opts), null, 2) + '\n' : healthText(health, opts),
  );
  return isHealthy(health, opts) ? 0 : 1;
}

/** What the node configs say: the server names expected, and their monitoring URLs. */
function readNodeConfigs(
  files: string[],
  io: CliIO,
  env: NodeJS.ProcessEnv,
): { names: string[]; monitors: string[] } | number {
  if (!files.length) return { names: [], monitors: [] };
  const service = createLanguageService({ host: nodeHost(env, process.cwd()) });
  const models: ConfigModel[] = [];
  for (const file of files) {
    const content = readTextFile(file);
    if ('error' in content) {
      io.stderr(`nats-conf health: cannot read ${file}: ${content.error}\n`);
      return 2;
    }
    models.push(service.check({ path: path.normalize(file), text: content.text }).model);
  }
  return configuredNodes(models);
}
