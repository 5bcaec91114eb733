// Messages on their way to a view, in batches: at most one delivery per interval, and at most
// `perBatch` messages of each subscription in it (the newest). A subject at 10,000 messages a
// second is then ten small redraws a second, not ten thousand; the counts stay exact.

import type { LiveSubscription, ShownMessage } from './messaging';

export interface FeedBatch {
  /** The subscription's id in the session. */
  id: number;
  label: string;
  /** The newest messages since the last batch, oldest first. */
  messages: ShownMessage[];
  /** Arrived since the last batch but not in it (the view shows the newest only). */
  skipped: number;
  /** The subscription's totals. */
  received: number;
  dropped: number;
}

export class MessageFeed {
  private pending = new Map<number, FeedBatch & { sub: LiveSubscription }>();
  private timer: NodeJS.Timeout | undefined;
  /** Batches delivered so far (for benchmarks). */
  deliveries = 0;

  constructor(
    private readonly deliver: (batches: FeedBatch[]) => void,
    private readonly intervalMs = 100,
    private readonly perBatch = 200,
  ) {}

  push(id: number, label: string, sub: LiveSubscription, m: ShownMessage): void {
    let p = this.pending.get(id);
    if (!p) this.pending.set(id, (p = { id, label, sub, messages: [], skipped: 0, received: 0, dropped: 0 }));
    p.messages.push(m);
    // Trimmed in chunks, so a flood costs an amortised constant per message.
    if (p.messages.length >= this.perBatch * 2) {
      p.skipped += p.messages.length - this.perBatch;
      p.messages = p.messages.slice(-this.perBatch);
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers what is pending now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const batches = [...this.pending.values()].map(({ sub, ...b }) => {
      const extra = Math.max(0, b.messages.length - this.perBatch);
      return {
        ...b,
        messages: extra ? b.messages.slice(extra) : b.messages,
        skipped: b.skipped + extra,
        received: sub.received,
        dropped: sub.dropped,
      };
    });
    this.pending.clear();
    this.deliveries++;
    this.deliver(batches);
  }

  /** The newest messages a subscription keeps, as one batch: what a view opened again draws. */
  snapshot(id: number, label: string, sub: LiveSubscription): FeedBatch {
    return {
      id,
      label,
      messages: sub.messages().slice(-this.perBatch),
      skipped: 0,
      received: sub.received,
      dropped: sub.dropped,
    };
  }

  /** A stopped subscription: nothing more of it is delivered. */
  forget(id: number): void {
    this.pending.delete(id);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

/** Messages as JSON Lines, for "save messages to a file": one object per message, oldest first. */
export function messagesJsonLines(messages: readonly ShownMessage[]): string {
  return messages
    .map((m) =>
      JSON.stringify({
        time: new Date(m.time).toISOString(),
        subject: m.subject,
        reply: m.reply,
        headers: m.headers.length ? m.headers : undefined,
        size: m.size,
        payload: m.json ? JSON.parse(m.payload) : m.payload,
      }),
    )
    .map((l) => `${l}\n`)
    .join('');
}
