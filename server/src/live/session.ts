// One editor's live session: the connection, the subscriptions and responders it runs, what is
// logged about them, and the status line. The extension asks the user and shows the results;
// everything it shows comes from here, so the tests can hold it to "no secret, ever".

import { LiveConnection, type LiveStatus } from './connection';
import { shownServers } from './connectOptions';
import { ContextError, redactUrl, type NatsContext } from './contexts';
import { explainFailure, type FailureScene } from './failures';
import { healthFromMonitors, healthFromSystemAccount, type ClusterHealth } from './health';
import { MessageFeed, type FeedBatch } from './messageFeed';
import {
  publish,
  publishToStream,
  reply,
  request,
  subscribe,
  type LiveSubscription,
  type PublishRequest,
  type RequestSpec,
  type Responder,
  type ShownMessage,
} from './messaging';

interface Running {
  id: number;
  kind: 'subscription' | 'responder';
  subject: string;
  queue?: string;
  /** For pickers and the view: "orders.> (queue workers)". */
  label: string;
  subscription?: LiveSubscription;
  responder?: Responder;
}

/** What the status bar shows. */
export interface StatusView {
  text: string;
  tooltip: string;
  connected: boolean;
}

interface SessionOptions {
  /** A line for the output channel. */
  log: (line: string) => void;
  /** Batches of received messages for a view (at most one call per `feedMs`). */
  onMessages?: (batches: FeedBatch[]) => void;
  feedMs?: number;
  /** Called when the status bar should change (state settled, connect, disconnect). */
  onStatus?: (view: StatusView) => void;
  /** The name servers see in /connz. */
  clientName?: string;
  settleMs?: number;
  /** Messages each subscription keeps. */
  capacity?: number;
}

export class LiveSession {
  private live: LiveConnection | undefined;
  private label = '';
  /** The servers of the last connect attempt (masked), to name them when it fails. */
  private tried: string[] = [];
  private nextId = 1;
  readonly running = new Map<number, Running>();
  private readonly feed: MessageFeed | undefined;

  constructor(private readonly opts: SessionOptions) {
    this.feed = opts.onMessages ? new MessageFeed(opts.onMessages, opts.feedMs ?? 100) : undefined;
  }

  get connected(): boolean {
    return !!this.live && !this.live.nc.isClosed();
  }

  /** The connection, or a clear error when there is none. */
  get connection(): LiveConnection {
    if (!this.live || this.live.nc.isClosed())
      throw new ContextError('Not connected to NATS: run "NATS: Connect" first.');
    return this.live;
  }

  /** Connects (closing any earlier connection and what ran on it); `label` names it on screen. */
  async connect(
    context: NatsContext,
    label: string,
    opts: { env?: Record<string, string | undefined>; connectionName?: string } = {},
  ): Promise<LiveStatus> {
    await this.disconnect();
    this.tried = shownServers(context);
    const live = await LiveConnection.open(context, {
      name: opts.connectionName || this.opts.clientName || 'VS Code NATS',
      settleMs: this.opts.settleMs,
      env: opts.env,
    });
    this.live = live;
    this.label = redactUrl(label);
    live.onStatus((s) => {
      if (this.live !== live) return;
      this.opts.log(
        s.state === 'connected'
          ? `reconnected to ${s.server}${s.cluster ? ` (cluster ${s.cluster})` : ''}, ${s.reconnects} reconnects so far`
          : `connection ${s.state}`,
      );
      this.opts.onStatus?.(this.status());
    });
    const s = live.current;
    this.opts.log(
      `connected to ${s.server ?? live.shown.join(', ')}${s.cluster ? ` (cluster ${s.cluster})` : ''} as ${this.label}`,
    );
    this.opts.onStatus?.(this.status());
    return s;
  }

  async disconnect(): Promise<void> {
    await this.stopAll();
    const live = this.live;
    this.live = undefined;
    if (live) {
      await live.close().catch(() => undefined);
      this.opts.log(`disconnected from ${this.label}`);
    }
    this.opts.onStatus?.(this.status());
  }

  status(): StatusView {
    return statusView(this.live?.current, this.label, this.live?.shown ?? []);
  }

  /** A failure as one sentence naming the servers as shown (masked). */
  explain(error: unknown, scene: FailureScene = {}): string {
    return explainFailure(error, { servers: this.live?.shown ?? this.tried, ...scene });
  }

  /** Publishes (count times, or once to JetStream); the line returned is also logged. */
  async publish(req: PublishRequest & { jetstream?: boolean; msgId?: string }): Promise<string> {
    const nc = this.connection.nc;
    let line: string;
    if (req.jetstream) {
      const ack = await publishToStream(nc, {
        subject: req.subject,
        payload: req.payload,
        headers: req.headers,
        msgId: req.msgId,
      });
      line =
        `published to ${req.subject}: stored in stream ${ack.stream} as ` +
        `sequence ${ack.seq}${ack.duplicate ? ' (a duplicate: already stored)' : ''}`;
    } else {
      const n = await publish(nc, req);
      line =
        `published ${n === 1 ? 'a message' : `${n} messages`} ` +
        `to ${req.subject}${req.reply ? ` (reply to ${req.reply})` : ''}`;
    }
    this.opts.log(line);
    return line;
  }

  async subscribe(subject: string, queue?: string): Promise<Running> {
    const sub = await subscribe(this.connection.nc, subject, {
      queue: queue || undefined,
      capacity: this.opts.capacity ?? 1000,
    });
    const run = this.add({ kind: 'subscription', subject, queue: queue || undefined, subscription: sub });
    if (this.feed) sub.onMessage = (m) => this.feed!.push(run.id, run.label, sub, m);
    this.opts.log(`subscribed to ${run.label}`);
    return run;
  }

  /** A test responder: echo, or `body` for every request. */
  async reply(subject: string, body?: string): Promise<Running> {
    const responder = await reply(this.connection.nc, subject, { body });
    const run = this.add({ kind: 'responder', subject, responder });
    this.opts.log(`answering requests on ${subject} (${body === undefined ? 'echo' : 'fixed body'})`);
    return run;
  }

  async request(spec: RequestSpec): Promise<ShownMessage[]> {
    const replies = await request(this.connection.nc, spec);
    this.opts.log(`${replies.length} ${replies.length === 1 ? 'reply' : 'replies'} to the request on ${spec.subject}`);
    for (const r of replies) for (const l of messageLines(r, 'reply ')) this.opts.log(l);
    return replies;
  }

  async stop(id: number): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    this.running.delete(id);
    await (run.subscription ?? run.responder)!.stop().catch(() => undefined);
    this.feed?.forget(id);
    this.opts.log(
      `stopped ${run.kind} ${run.label}` +
        (run.subscription
          ? ` after ${run.subscription.received} messages`
          : ` after ${run.responder!.answered} answers`),
    );
  }

  /** What the running subscriptions keep, one batch each, for a messages view opened again. */
  kept(): FeedBatch[] {
    return [...this.running.values()].flatMap((r) =>
      r.subscription && this.feed ? [this.feed.snapshot(r.id, r.label, r.subscription)] : [],
    );
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stop(id);
  }

  /**
   * The cluster's health: through $SYS when this connection's user may (every node answers),
   * else from the monitoring URLs given (e.g. the workspace configs' http ports). `expected`
   * (the configs' server_names) lists the silent ones, when the configs describe this cluster.
   */
  async health(opts: { monitors?: string[]; expected?: string[]; timeoutMs?: number } = {}): Promise<ClusterHealth> {
    const timeoutMs = opts.timeoutMs ?? 1500;
    if (this.connected) {
      const viaSys = await healthFromSystemAccount(this.connection.nc, { timeoutMs, expected: opts.expected });
      // Names from configs that describe another cluster (none of them answers) are not "missing".
      if (opts.expected && !viaSys.nodes.some((n) => opts.expected!.includes(n.server_name))) {
        viaSys.unreachable = [];
        delete viaSys.expected;
      }
      if (viaSys.nodes.length) return viaSys;
    }
    if (opts.monitors?.length) return healthFromMonitors(opts.monitors, { timeoutMs, expected: opts.expected });
    return { nodes: [], unreachable: [] };
  }

  dispose(): void {
    this.feed?.dispose();
  }

  private add(r: Omit<Running, 'id' | 'label'>): Running {
    const run: Running = { ...r, id: this.nextId++, label: `${r.subject}${r.queue ? ` (queue ${r.queue})` : ''}` };
    this.running.set(run.id, run);
    return run;
  }
}

/** The status bar for a connection state: icon, label and, when not connected, the state. */
function statusView(s: LiveStatus | undefined, label: string, shown: string[]): StatusView {
  if (!s || s.state === 'closed')
    return {
      text: '$(plug) NATS: not connected',
      tooltip: 'Connect to a NATS server (a nats CLI context, a saved connection or a URL)',
      connected: false,
    };
  const icon = s.state === 'connected' ? '$(radio-tower)' : '$(sync~spin)';
  const server = s.server ?? shown.join(', ');
  return {
    text: `${icon} NATS ${label}${s.state === 'connected' ? '' : `: ${s.state}`}`,
    tooltip:
      `${s.state === 'connected' ? 'connected to' : `${s.state}; servers`} ${server}` +
      `${s.cluster ? `, cluster ${s.cluster}` : ''}${s.reconnects ? `, ${s.reconnects} reconnects` : ''}`,
    connected: true,
  };
}

/** A message as output lines: time, subject, reply, size, headers, payload (indented). */
function messageLines(m: ShownMessage, prefix = ''): string[] {
  const lines = [
    `${prefix}[${new Date(m.time).toISOString()}] ${m.subject}${m.reply ? ` (reply ${m.reply})` : ''} ${m.size} B`,
  ];
  for (const [k, v] of m.headers) lines.push(`  ${k}: ${v}`);
  lines.push(m.payload.replace(/^/gm, '  '));
  return lines;
}
