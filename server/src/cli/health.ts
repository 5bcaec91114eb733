// `nats-conf health`: a live cluster's health for deploy pipelines.
//   nats-conf health [--monitor URL,...] [--server URL,...] [--context NAME] [--format text|json]
// Exit 0: every node answers, says ok and is fully routed; 1: otherwise; 2: nothing answers.

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectOptionsFor } from '../live/connectOptions';
import { loadContext, selectedContextName, type NatsContext } from '../live/contexts';
import { explainFailure } from '../live/failures';
import {
  healthFromMonitors,
  healthFromSystemAccount,
  healthJson,
  healthText,
  isHealthy,
  type ClusterHealth,
} from '../live/health';
import type { CliIO } from './nats-conf';
import { shortUsage, splitFlag } from './usage';

const HEALTH_USAGE =
  `usage: nats-conf health [--monitor URL,...] [--server ` +
  `URL,...] [--context NAME] [--format text|json] [--timeout MS]

Shows each node of a running cluster: version, uptime, connections, routes, JetStream, /healthz.
  --monitor URL,...   the nodes' monitoring endpoints (http://host:8222), read directly
  --server URL,...    NATS URLs; with a system account user, every node answers through $SYS
  --context NAME      a nats CLI context (name or .json path) for the connection (default: the selected one)
  --format text|json  output format (default: text)
  --timeout MS        how long to wait for each answer (default: 3000)
Exit status: 0 healthy and fully routed, 1 not, 2 nothing answers or usage problem.`;

interface LiveArgs {
  monitors: string[];
  /** Config files (drift). */
  files: string[];
  servers: string[];
  context: string | undefined;
  format: 'text' | 'json';
  timeoutMs: number;
}

function parseLiveArgs(argv: string[], acceptFiles: boolean): LiveArgs | 'help' | string {
  const args: LiveArgs = { monitors: [], files: [], servers: [], context: undefined, format: 'text', timeoutMs: 3000 };
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
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') return `--format must be text or json, not '${f}'`;
      args.format = f;
    } else if (flag === '--timeout') {
      const t = Number(value());
      if (!Number.isFinite(t) || t <= 0) return '--timeout needs a positive number of milliseconds';
      args.timeoutMs = t;
    } else if (acceptFiles && !a.startsWith('-')) args.files.push(a);
    else return `unknown option '${a}'`;
  }
  if (acceptFiles && !args.files.length) return 'no config files to compare';
  if (!args.monitors.length && !args.servers.length && !args.context)
    return 'give --monitor URLs, or --server/--context for a system account connection';
  return args;
}

/**
 * The live cluster's health, from --monitor URLs or through $SYS; a number is the exit status
 * after a one-line message (nothing answered, or the connection failed).
 */
export async function gatherHealth(
  args: LiveArgs,
  command: string,
  io: CliIO,
  env: NodeJS.ProcessEnv,
  expected: string[] = [],
): Promise<ClusterHealth | number> {
  if (args.monitors.length) {
    const health = await healthFromMonitors(args.monitors, { timeoutMs: args.timeoutMs });
    if (!health.nodes.length) {
      io.stderr(`nats-conf ${command}: no monitoring endpoint answers (${health.unreachable.join(', ')}).\n`);
      return 2;
    }
    return health;
  }
  let shown: string[] = [];
  let nc: NatsConnection | undefined;
  let health: ClusterHealth;
  try {
    const name = args.context ?? (args.servers.length ? undefined : selectedContextName(env));
    const context: NatsContext = name ? { ...loadContext(name, env).context } : {};
    if (args.servers.length) context.url = args.servers.join(',');
    const plan = connectOptionsFor(context, `nats-conf ${command}`, env);
    shown = plan.shown;
    nc = await connect({ ...plan.options, maxReconnectAttempts: 0, timeout: args.timeoutMs });
    health = await healthFromSystemAccount(nc, { timeoutMs: Math.min(args.timeoutMs, 2000), expected });
  } catch (e) {
    io.stderr(`nats-conf ${command}: ${explainFailure(e, { servers: shown })}\n`);
    return 2;
  } finally {
    await nc?.close().catch(() => undefined);
  }
  if (!health.nodes.length) {
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
  const health = await gatherHealth(args, 'health', io, env);
  if (typeof health === 'number') return health;
  io.stdout(args.format === 'json' ? JSON.stringify(healthJson(health), null, 2) + '\n' : healthText(health));
  return isHealthy(health) ? 0 : 1;
}
