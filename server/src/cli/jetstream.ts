// `nats-conf jetstream`: streams, consumers, key-value buckets and object stores of a running
// server, read-only.
//   nats-conf jetstream [streams|consumers STREAM|kv [BUCKET]|obj [STORE]] [--server URL,...]
//     [--context NAME] [--format text|json] [--limit N] [--cursor C]
// Exit 0: listed; 1: JetStream refused (off, no such stream); 2: no connection or usage problem.

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectOptionsFor } from '../live/connectOptions';
import { loadContext, selectedContextName, type NatsContext } from '../live/contexts';
import { explainFailure } from '../live/failures';
import {
  bucketLine,
  consumerLine,
  kvKeys,
  listBuckets,
  listConsumers,
  listObjects,
  listObjectStores,
  listStreams,
  objectLine,
  objectStoreLine,
  streamLine,
  type JsTarget,
  type Page,
} from '../live/jetstream';
import type { CliIO } from './nats-conf';
import { shortUsage, splitFlag } from './usage';

const JETSTREAM_USAGE =
  `usage: nats-conf jetstream [streams|consumers STREAM|kv [BUCKET]|obj [STORE]] ` +
  `[--server URL,...] [--context NAME] [--format text|json]

Lists JetStream on a running server (read-only):
  streams             streams: subjects, storage, retention, replicas, messages, bytes, sequences (default)
  consumers STREAM    a stream's consumers: pending, ack pending, redelivered, last activity
  kv                  key-value buckets;  kv BUCKET: its keys
  obj                 object stores;      obj STORE: its objects
  --server URL,...    NATS URLs
  --context NAME      a nats CLI context (name or .json path; default: the selected one)
  --domain NAME       a JetStream domain (default: the context's)
  --format text|json  output format (default: text)
  --limit N           at most N items (default 100); --cursor C: the page after the one that printed C
  --timeout MS        how long to wait for each answer (default: 3000)
Exit status: 0 listed, 1 JetStream refused (off, no such stream), 2 no connection or usage problem.`;

interface JsArgs {
  what: 'streams' | 'consumers' | 'kv' | 'obj';
  name?: string;
  servers: string[];
  context?: string;
  domain?: string;
  format: 'text' | 'json';
  limit?: number;
  cursor?: string;
  timeoutMs: number;
}

function parseArgs(argv: string[]): JsArgs | 'help' | string {
  const args: JsArgs = { what: 'streams', servers: [], format: 'text', timeoutMs: 3000 };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = splitFlag(a);
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--server')
      args.servers.push(
        ...(value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (flag === '--context') args.context = value();
    else if (flag === '--domain') args.domain = value();
    else if (flag === '--cursor') args.cursor = value();
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') return `--format must be text or json, not '${f}'`;
      args.format = f;
    } else if (flag === '--limit' || flag === '--timeout') {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) return `${flag} needs a positive whole number`;
      if (flag === '--limit') args.limit = n;
      else args.timeoutMs = n;
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else words.push(a);
  }
  const [what, name, ...extra] = words;
  if (what !== undefined) {
    if (what !== 'streams' && what !== 'consumers' && what !== 'kv' && what !== 'obj')
      return `unknown list '${what}' (streams, consumers STREAM, kv [BUCKET], obj [STORE])`;
    args.what = what;
  }
  if (args.what === 'consumers' && !name) return 'consumers needs the name of a stream';
  if (args.what === 'streams' && name) return `streams takes no name ('${name}')`;
  if (extra.length) return `unexpected '${extra[0]}'`;
  args.name = name;
  return args;
}

export async function runJetStream(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout(JETSTREAM_USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`nats-conf jetstream: ${args}\n${shortUsage(JETSTREAM_USAGE, 'nats-conf jetstream')}\n`);
    return 2;
  }
  let shown: string[] = [];
  let nc: NatsConnection | undefined;
  let context: NatsContext;
  try {
    const name = args.context ?? (args.servers.length ? undefined : selectedContextName(env));
    context = name ? { ...loadContext(name, env).context } : {};
    if (args.servers.length) context.url = args.servers.join(',');
    const plan = connectOptionsFor(context, 'nats-conf jetstream', env);
    shown = plan.shown;
    nc = await connect({ ...plan.options, maxReconnectAttempts: 0, timeout: args.timeoutMs });
  } catch (e) {
    io.stderr(`nats-conf jetstream: ${explainFailure(e, { servers: shown })}\n`);
    await nc?.close().catch(() => undefined);
    return 2;
  }
  const target = {
    domain: args.domain ?? (context.jetstream_domain || undefined),
    timeoutMs: args.timeoutMs,
    limit: args.limit,
    cursor: args.cursor,
  };
  try {
    const listed = await list(nc, args, target);
    io.stdout(args.format === 'json' ? JSON.stringify(listed.json, null, 2) + '\n' : listed.text);
    return 0;
  } catch (e) {
    io.stderr(`nats-conf jetstream: ${explainFailure(e, { servers: shown })}\n`);
    const name = (e as { name?: string })?.name;
    return name === 'ContextError' ? 1 : 2;
  } finally {
    await nc.close().catch(() => undefined);
  }
}

async function list(
  nc: NatsConnection,
  args: JsArgs,
  t: JsTarget & { limit?: number; cursor?: string },
): Promise<{ text: string; json: unknown }> {
  const out = <T>(key: string, page: Page<T>, line: (item: T) => string, title: string, none: string) => ({
    json: { [key]: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) },
    text:
      (page.items.length ? `${title}\n${page.items.map((i) => `  ${line(i)}\n`).join('')}` : `${none}\n`) +
      (page.cursor ? `more: --cursor ${page.cursor}\n` : ''),
  });
  if (args.what === 'consumers') {
    const page = await listConsumers(nc, args.name!, t);
    return out('consumers', page, consumerLine, `Consumers of ${args.name}:`, `No consumer on ${args.name}.`);
  }
  if (args.what === 'kv' && args.name) {
    const page = await kvKeys(nc, args.name, t);
    return out('keys', page, (k) => k, `Keys of the bucket ${args.name}:`, `No key in the bucket ${args.name}.`);
  }
  if (args.what === 'kv')
    return out('buckets', await listBuckets(nc, t), bucketLine, 'Key-value buckets:', 'No bucket.');
  if (args.what === 'obj' && args.name) {
    const page = await listObjects(nc, args.name, t);
    return out('objects', page, objectLine, `Objects of the store ${args.name}:`, `No object in ${args.name}.`);
  }
  if (args.what === 'obj')
    return out('stores', await listObjectStores(nc, t), objectStoreLine, 'Object stores:', 'No object store.');
  return out('streams', await listStreams(nc, t), streamLine, 'Streams:', 'No stream.');
}
