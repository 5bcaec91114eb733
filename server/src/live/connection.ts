// One live connection and its state for a status bar: connected server, cluster, and whether it
// is up, reconnecting or closed. Client status events are coalesced, so a reconnect storm is one
// change on screen, not hundreds.

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectOptionsFor } from './connectOptions';
import { redactUrl, type NatsContext } from './contexts';

export type LiveState = 'connected' | 'disconnected' | 'reconnecting' | 'closed';

export interface LiveStatus {
  state: LiveState;
  /** The server now in use (masked), when connected. */
  server?: string;
  cluster?: string;
  /** Reconnects so far. */
  reconnects: number;
}

export class LiveConnection {
  readonly nc: NatsConnection;
  /** The servers as shown to people (masked). */
  readonly shown: string[];
  private status: LiveStatus;
  private timer: NodeJS.Timeout | undefined;
  private listeners: ((s: LiveStatus) => void)[] = [];

  private constructor(
    nc: NatsConnection,
    shown: string[],
    private readonly settleMs: number,
  ) {
    this.nc = nc;
    this.shown = shown;
    this.status = { state: 'connected', server: this.server(), cluster: nc.info?.cluster, reconnects: 0 };
    void this.watch();
  }

  /** Connects with a context; failures reject (explain them with explainFailure). */
  static async open(
    context: NatsContext,
    opts: { name?: string; settleMs?: number; env?: Record<string, string | undefined> } = {},
  ): Promise<LiveConnection> {
    const plan = connectOptionsFor(context, opts.name ?? 'nats-conf', opts.env);
    const nc = await connect({ ...plan.options, reconnectTimeWait: 250 });
    return new LiveConnection(nc, plan.shown, opts.settleMs ?? 200);
  }

  get current(): LiveStatus {
    return { ...this.status };
  }

  /** Called with the state once events have settled for `settleMs`. */
  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private server(): string | undefined {
    const s = this.nc.getServer();
    return s ? redactUrl(s) : undefined;
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect') this.status.state = 'disconnected';
      else if (s.type === 'reconnecting') this.status.state = 'reconnecting';
      else if (s.type === 'reconnect') {
        this.status.state = 'connected';
        this.status.reconnects++;
      } else if (s.type === 'close') this.status.state = 'closed';
      else continue;
      this.status.server = this.status.state === 'connected' ? this.server() : undefined;
      this.status.cluster = this.nc.info?.cluster;
      this.settle();
    }
    this.status.state = 'closed';
    this.settle();
  }

  private settle(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const s = this.current;
      for (const l of this.listeners) l(s);
    }, this.settleMs);
    this.timer.unref?.();
  }
}
