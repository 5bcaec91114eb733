// Publish, subscribe, request and reply on a live connection, as plain data for views and
// output channels. Subscriptions keep a bounded ring of recent messages, so a subject that
// floods never grows memory without end.

import { jetstream } from '@nats-io/jetstream';
import {
  headers as newHeaders,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

/** A message as views show it. */
export interface ShownMessage {
  subject: string;
  reply?: string;
  headers: [string, string][];
  /** The payload as text; pretty-printed when it is JSON. */
  payload: string;
  json: boolean;
  size: number;
  /** Milliseconds since the epoch, on arrival. */
  time: number;
}

/** `K: V` lines (blank lines ignored) as NATS headers; a line without a colon is an error. */
export function parseHeaders(text: string): MsgHdrs | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return undefined;
  const h = newHeaders();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`A header is 'Name: value'; '${line.trim()}' has no name.`);
    h.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return h;
}

/** A message (received, or stored in a stream) as views show it. */
export function showMessage(
  m: Pick<Msg, 'subject' | 'data'> & { reply?: string; headers?: MsgHdrs },
  time = Date.now(),
): ShownMessage {
  const text = new TextDecoder().decode(m.data);
  let payload = text;
  let json = false;
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      payload = JSON.stringify(JSON.parse(text), null, 2);
      json = true;
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  const headers: [string, string][] = [];
  if (m.headers) for (const [k, vs] of m.headers) for (const v of vs) headers.push([k, v]);
  return { subject: m.subject, reply: m.reply || undefined, headers, payload, json, size: m.data.length, time };
}

/** Waits for the server's answer to what was sent, and turns a permission refusal into an error. */
async function confirmed(nc: NatsConnection, subject: string, operation: 'publish' | 'subscription'): Promise<void> {
  let refused: unknown;
  const statuses = nc.status();
  void (async () => {
    for await (const s of statuses) {
      const err = (s as { type: string; error?: { name?: string; subject?: string; operation?: string } }).error;
      if (
        s.type === 'error' &&
        err?.name === 'PermissionViolationError' &&
        err.subject === subject &&
        err.operation === operation
      )
        refused = err;
    }
  })();
  try {
    // The server answers a publish or subscribe it refuses before the PONG of this flush.
    await nc.flush();
    await new Promise((r) => setImmediate(r));
  } finally {
    (statuses as { stop?: () => void }).stop?.();
  }
  if (refused) throw refused;
}

export interface PublishRequest {
  subject: string;
  payload?: string | Uint8Array;
  headers?: MsgHdrs;
  reply?: string;
  count?: number;
}

/** Publishes `count` messages (default 1) and waits until the server has them. */
export async function publish(nc: NatsConnection, req: PublishRequest): Promise<number> {
  const count = Math.max(1, req.count ?? 1);
  for (let i = 0; i < count; i++)
    nc.publish(req.subject, req.payload ?? '', { headers: req.headers, reply: req.reply || undefined });
  await confirmed(nc, req.subject, 'publish');
  return count;
}

/** What a JetStream publish was stored as. */
interface PublishAck {
  stream: string;
  seq: number;
  duplicate: boolean;
  domain?: string;
}

/**
 * Publishes one message to JetStream and returns the stream and sequence from the ack.
 * `msgId` sets Nats-Msg-Id, so a repeat within the stream's window is a duplicate.
 */
export async function publishToStream(
  nc: NatsConnection,
  req: {
    subject: string;
    payload?: string | Uint8Array;
    headers?: MsgHdrs;
    msgId?: string;
    timeoutMs?: number;
    domain?: string;
  },
): Promise<PublishAck> {
  const js = jetstream(nc, { domain: req.domain || undefined, timeout: req.timeoutMs ?? 5000 });
  const ack = await js.publish(req.subject, req.payload ?? '', { headers: req.headers, msgID: req.msgId });
  return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate, domain: ack.domain || undefined };
}

/** A running subscription: the newest `capacity` messages, and counts of all seen. */
export interface LiveSubscription {
  readonly subject: string;
  readonly queue?: string;
  /** Messages received in all. */
  received: number;
  /** Messages that fell out of the ring (older than the newest `capacity`). */
  dropped: number;
  /** The ring, oldest first. */
  messages(): ShownMessage[];
  /** Called for each message as it arrives (views batch their redraws). */
  onMessage?: (m: ShownMessage) => void;
  stop(): Promise<void>;
  /** Resolves when the subscription ends; rejects with the server's refusal, if any. */
  closed: Promise<void>;
}

export async function subscribe(
  nc: NatsConnection,
  subject: string,
  opts: { queue?: string; capacity?: number } = {},
): Promise<LiveSubscription> {
  const capacity = Math.max(1, opts.capacity ?? 1000);
  const ring: ShownMessage[] = new Array(capacity);
  let next = 0;
  let sub: Subscription | undefined;
  let refusal: unknown;
  const live: LiveSubscription = {
    subject,
    queue: opts.queue,
    received: 0,
    dropped: 0,
    messages: () => {
      const n = Math.min(live.received, capacity);
      const out: ShownMessage[] = [];
      for (let i = 0; i < n; i++) out.push(ring[(next - n + i + capacity) % capacity]);
      return out;
    },
    stop: async () => {
      if (sub && !sub.isClosed()) sub.unsubscribe();
    },
    closed: Promise.resolve(),
  };
  sub = nc.subscribe(subject, {
    queue: opts.queue || undefined,
    callback: (err, m) => {
      if (err) {
        refusal = err;
        return;
      }
      const shown = showMessage(m);
      if (live.received >= capacity) live.dropped++;
      ring[next] = shown;
      next = (next + 1) % capacity;
      live.received++;
      live.onMessage?.(shown);
    },
  });
  live.closed = sub.closed.then(() => {
    if (refusal) throw refusal;
  });
  // A refusal is also thrown by this function; callers that never await `closed` must not see it twice.
  live.closed.catch(() => undefined);
  try {
    await confirmed(nc, subject, 'subscription');
  } catch (e) {
    sub.unsubscribe();
    throw e;
  }
  return live;
}

export interface RequestSpec {
  subject: string;
  payload?: string | Uint8Array;
  headers?: MsgHdrs;
  timeoutMs?: number;
  /** More than 1: collect up to this many replies until the timeout. */
  maxReplies?: number;
}

/** Sends a request; the replies that came (one, or up to maxReplies within the timeout). */
export async function request(nc: NatsConnection, spec: RequestSpec): Promise<ShownMessage[]> {
  const timeout = spec.timeoutMs ?? 2000;
  if ((spec.maxReplies ?? 1) <= 1)
    return [showMessage(await nc.request(spec.subject, spec.payload ?? '', { timeout, headers: spec.headers }))];
  const replies: ShownMessage[] = [];
  const it = await nc.requestMany(spec.subject, spec.payload ?? '', {
    strategy: 'timer',
    maxWait: timeout,
    maxMessages: spec.maxReplies,
    headers: spec.headers,
  });
  for await (const m of it) replies.push(showMessage(m));
  return replies;
}

/** A test responder: echoes each request (body and headers), or answers with `body`. */
export interface Responder {
  readonly subject: string;
  answered: number;
  stop(): Promise<void>;
}

export async function reply(
  nc: NatsConnection,
  subject: string,
  opts: { body?: string; queue?: string } = {},
): Promise<Responder> {
  const responder: Responder = { subject, answered: 0, stop: async () => sub.unsubscribe() };
  const sub = nc.subscribe(subject, {
    queue: opts.queue || undefined,
    callback: (err, m) => {
      if (err || !m.reply) return;
      if (opts.body !== undefined) m.respond(opts.body);
      else m.respond(m.data, { headers: m.headers });
      responder.answered++;
    },
  });
  await confirmed(nc, subject, 'subscription');
  return responder;
}
