// JetStream on a live connection, as plain data for the CLI and the editor's view: streams (config,
// state, replicas), consumers, key-value buckets (keys, values, history, a watch) and object stores
// (objects, downloads), and a stream's message by sequence or subject. Lists are paged (a limit and
// an opaque cursor): a large stream, bucket or store is never loaded whole. The functions that change
// anything (kvPut, kvDelete, purgeStream) are apart; the editor calls them only once confirmed.

import * as fs from 'node:fs';
import { jetstreamManager, type StoredMsg } from '@nats-io/jetstream';
import { Kvm, KvWatchInclude, type KvEntry } from '@nats-io/kv';
import { Objm, type ObjectInfo } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { ContextError } from './contexts';
import { showMessage, type ShownMessage } from './messaging';

/** Where the JetStream API is: the account's own, or a domain's. */
export interface JsTarget {
  domain?: string;
  timeoutMs?: number;
}

export interface PageRequest {
  /** At most this many items (default 100, at most 1000). */
  limit?: number;
  /** Where the previous page ended (its `cursor`); none: the start. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Set when there is more: pass it back for the next page. */
  cursor?: string;
}

interface ReplicaState {
  name: string;
  leader: boolean;
  current: boolean;
  offline: boolean;
  /** Operations behind the leader. */
  lag: number;
  /** Milliseconds since the leader last heard of it. */
  activeMs?: number;
}

type StreamKind = 'stream' | 'kv' | 'obj';

export interface StreamSummary {
  name: string;
  kind: StreamKind;
  description?: string;
  subjects: string[];
  storage: string;
  retention: string;
  replicas: number;
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  firstTime?: string;
  lastTime?: string;
  consumers: number;
  /** Set in a clustered JetStream. */
  cluster?: { name?: string; leader?: string; peers: ReplicaState[] };
}

export interface ConsumerSummary {
  stream: string;
  name: string;
  durable: boolean;
  filter?: string;
  ackPolicy: string;
  /** Messages not yet delivered. */
  pending: number;
  ackPending: number;
  redelivered: number;
  waiting: number;
  deliveredSeq: number;
  ackFloorSeq: number;
  /** ISO time of the last delivery, when the server tells it. */
  lastActive?: string;
  cluster?: { leader?: string; peers: ReplicaState[] };
}

export interface BucketSummary {
  bucket: string;
  /** Values held (every revision kept). */
  values: number;
  bytes: number;
  history: number;
  /** Milliseconds; 0: forever. */
  ttlMs: number;
  storage: string;
  replicas: number;
  description?: string;
}

export interface ObjectStoreSummary {
  store: string;
  bytes: number;
  storage: string;
  replicas: number;
  sealed: boolean;
  description?: string;
}

export interface KvValue {
  bucket: string;
  key: string;
  revision: number;
  operation: 'PUT' | 'DEL' | 'PURGE';
  /** ISO time. */
  created: string;
  length: number;
  /** The value as text; pretty-printed when it is JSON. */
  value: string;
  json: boolean;
}

export interface ObjectSummary {
  name: string;
  size: number;
  chunks: number;
  /** ISO time. */
  modified: string;
  digest: string;
  description?: string;
  link?: string;
}

export type StreamMessage = ShownMessage & { stream: string; seq: number };

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function limitOf(p: PageRequest): number {
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(p.limit ?? DEFAULT_LIMIT)));
}

function offsetOf(p: PageRequest): number {
  const n = p.cursor === undefined ? 0 : Number(p.cursor);
  if (!Number.isInteger(n) || n < 0) throw new ContextError(`'${p.cursor}' is not a cursor of this list.`);
  return n;
}

const prefixOf = (t: JsTarget) => (t.domain ? `$JS.${t.domain}.API` : '$JS.API');

interface ApiError {
  code: number;
  err_code?: number;
  description: string;
}

/** One JetStream API request; its error as one sentence. */
async function api<T>(nc: NatsConnection, t: JsTarget, subject: string, body: unknown = {}): Promise<T> {
  let data: Uint8Array;
  try {
    data = (await nc.request(`${prefixOf(t)}.${subject}`, JSON.stringify(body), { timeout: t.timeoutMs ?? 5000 })).data;
  } catch (e) {
    throw jetstreamFailure(e, t);
  }
  const r = JSON.parse(new TextDecoder().decode(data)) as T & { error?: ApiError };
  if (r.error) {
    const failure = jetstreamFailure(new Error(r.error.description), t);
    throw failure instanceof ContextError
      ? failure
      : new ContextError(`JetStream: ${r.error.description} (${r.error.code}).`);
  }
  return r;
}

/** No responders on the API: JetStream is off (for this account or domain). */
function jetstreamFailure(e: unknown, t: JsTarget): unknown {
  const err = e as { name?: string; message?: string; cause?: { name?: string } };
  if (
    /^(NoResponders|JetStreamNotEnabled)/.test(err?.name ?? '') ||
    /^NoResponders/.test(err?.cause?.name ?? '') ||
    /no responders|jetstream (is )?not enabled/i.test(err?.message ?? '')
  )
    return new ContextError(
      `JetStream is not enabled for this account${t.domain ? ` in the domain ${t.domain}` : ''}: ` +
        `nothing answers on ${prefixOf(t)}. Enable jetstream in the server config (and for the account).`,
    );
  return e;
}

/** Rejections of the KV and object store clients, as one sentence. */
async function clientCall<T>(t: JsTarget, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const failure = jetstreamFailure(e, t);
    if (failure !== e) throw failure;
    const err = e as { name?: string; message?: string };
    if (err?.name === 'ContextError' || err?.name === 'TimeoutError') throw e;
    if (/not found/i.test(err?.message ?? '')) throw new ContextError(`JetStream: ${err.message}.`);
    throw e;
  }
}

const msOfNanos = (n: number | undefined) => (n ? Math.round(n / 1e6) : 0);

function kindOf(name: string): StreamKind {
  return name.startsWith('KV_') ? 'kv' : name.startsWith('OBJ_') ? 'obj' : 'stream';
}

interface RawPeer {
  name: string;
  current: boolean;
  offline?: boolean;
  active?: number;
  lag?: number;
}

function clusterOf(
  c: { name?: string; leader?: string; replicas?: RawPeer[] } | undefined,
): StreamSummary['cluster'] | undefined {
  if (!c || (!c.leader && !c.replicas?.length)) return undefined;
  const peers: ReplicaState[] = [];
  if (c.leader) peers.push({ name: c.leader, leader: true, current: true, offline: false, lag: 0 });
  for (const r of c.replicas ?? [])
    peers.push({
      name: r.name,
      leader: false,
      current: r.current,
      offline: !!r.offline,
      lag: r.lag ?? 0,
      activeMs: r.active === undefined ? undefined : msOfNanos(r.active),
    });
  return { name: c.name, leader: c.leader, peers };
}

interface RawStreamInfo {
  config: {
    name: string;
    description?: string;
    subjects?: string[];
    storage: string;
    retention: string;
    num_replicas: number;
    max_msgs_per_subject?: number;
    max_age?: number;
    sealed?: boolean;
  };
  state: {
    messages: number;
    bytes: number;
    first_seq: number;
    last_seq: number;
    first_ts?: string;
    last_ts?: string;
    consumer_count: number;
  };
  cluster?: { name?: string; leader?: string; replicas?: RawPeer[] };
}

const realTime = (ts: string | undefined) => (ts && !ts.startsWith('0001-') ? ts : undefined);

function streamOf(si: RawStreamInfo): StreamSummary {
  return {
    name: si.config.name,
    kind: kindOf(si.config.name),
    description: si.config.description || undefined,
    subjects: si.config.subjects ?? [],
    storage: si.config.storage,
    retention: si.config.retention,
    replicas: si.config.num_replicas || 1,
    messages: si.state.messages,
    bytes: si.state.bytes,
    firstSeq: si.state.first_seq,
    lastSeq: si.state.last_seq,
    firstTime: realTime(si.state.first_ts),
    lastTime: realTime(si.state.last_ts),
    consumers: si.state.consumer_count,
    cluster: clusterOf(si.cluster),
  };
}

/**
 * Pages of a server list ($JS.API.STREAM.LIST, CONSUMER.LIST): the cursor is the server's offset
 * of the next item not looked at, so items skipped by `keep` cost nothing on the next page.
 */
async function pagedList<R, T>(
  nc: NatsConnection,
  t: JsTarget,
  subject: string,
  field: 'streams' | 'consumers',
  page: PageRequest,
  map: (raw: R) => T | undefined,
): Promise<Page<T>> {
  const limit = limitOf(page);
  let offset = offsetOf(page);
  const items: T[] = [];
  for (;;) {
    const r = await api<{ total: number; offset: number; limit: number } & Record<string, R[] | null>>(nc, t, subject, {
      offset,
    });
    const raws = r[field] ?? [];
    for (let i = 0; i < raws.length; i++) {
      if (items.length === limit) return { items, cursor: String(offset + i) };
      const item = map(raws[i]);
      if (item !== undefined) items.push(item);
    }
    offset += raws.length;
    if (!raws.length || offset >= r.total) return { items };
  }
}

/** Streams with their config, state and replicas; `kind` picks plain streams (default), KV or object stores. */
export function listStreams(
  nc: NatsConnection,
  opts: PageRequest & JsTarget & { kind?: StreamKind | 'all' } = {},
): Promise<Page<StreamSummary>> {
  const kind = opts.kind ?? 'stream';
  return pagedList<RawStreamInfo, StreamSummary>(nc, opts, 'STREAM.LIST', 'streams', opts, (si) =>
    kind === 'all' || kindOf(si.config.name) === kind ? streamOf(si) : undefined,
  );
}

/** One stream's config, state and replicas. */
export async function streamInfo(nc: NatsConnection, stream: string, t: JsTarget = {}): Promise<StreamSummary> {
  return streamOf(await api<RawStreamInfo>(nc, t, `STREAM.INFO.${stream}`));
}

interface RawConsumerInfo {
  stream_name: string;
  name: string;
  config: { durable_name?: string; filter_subject?: string; filter_subjects?: string[]; ack_policy: string };
  delivered: { stream_seq: number; last_active?: string };
  ack_floor: { stream_seq: number };
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
  num_pending: number;
  cluster?: { name?: string; leader?: string; replicas?: RawPeer[] };
}

function consumerOf(ci: RawConsumerInfo): ConsumerSummary {
  const filter = ci.config.filter_subject || ci.config.filter_subjects?.join(', ') || undefined;
  const cluster = clusterOf(ci.cluster);
  return {
    stream: ci.stream_name,
    name: ci.name,
    durable: !!ci.config.durable_name,
    filter,
    ackPolicy: ci.config.ack_policy,
    pending: ci.num_pending,
    ackPending: ci.num_ack_pending,
    redelivered: ci.num_redelivered,
    waiting: ci.num_waiting,
    deliveredSeq: ci.delivered.stream_seq,
    ackFloorSeq: ci.ack_floor.stream_seq,
    lastActive: realTime(ci.delivered.last_active),
    cluster: cluster && { leader: cluster.leader, peers: cluster.peers },
  };
}

/** The consumers of a stream: pending, ack pending, redelivered, last activity. */
export function listConsumers(
  nc: NatsConnection,
  stream: string,
  opts: PageRequest & JsTarget = {},
): Promise<Page<ConsumerSummary>> {
  return pagedList<RawConsumerInfo, ConsumerSummary>(
    nc,
    opts,
    `CONSUMER.LIST.${stream}`,
    'consumers',
    opts,
    consumerOf,
  );
}

/** The key-value buckets (the KV_ streams). */
export async function listBuckets(nc: NatsConnection, opts: PageRequest & JsTarget = {}): Promise<Page<BucketSummary>> {
  return pagedList<RawStreamInfo, BucketSummary>(nc, opts, 'STREAM.LIST', 'streams', opts, (si) =>
    kindOf(si.config.name) === 'kv'
      ? {
          bucket: si.config.name.slice(3),
          values: si.state.messages,
          bytes: si.state.bytes,
          history: si.config.max_msgs_per_subject ?? 1,
          ttlMs: msOfNanos(si.config.max_age),
          storage: si.config.storage,
          replicas: si.config.num_replicas || 1,
          description: si.config.description || undefined,
        }
      : undefined,
  );
}

/** The object stores (the OBJ_ streams). */
export async function listObjectStores(
  nc: NatsConnection,
  opts: PageRequest & JsTarget = {},
): Promise<Page<ObjectStoreSummary>> {
  return pagedList<RawStreamInfo, ObjectStoreSummary>(nc, opts, 'STREAM.LIST', 'streams', opts, (si) =>
    kindOf(si.config.name) === 'obj'
      ? {
          store: si.config.name.slice(4),
          bytes: si.state.bytes,
          storage: si.config.storage,
          replicas: si.config.num_replicas || 1,
          sealed: !!si.config.sealed,
          description: si.config.description || undefined,
        }
      : undefined,
  );
}

const jsOpts = (t: JsTarget) => ({ domain: t.domain || undefined, timeout: t.timeoutMs ?? 5000 });

async function bucket(nc: NatsConnection, name: string, t: JsTarget) {
  const jsm = await clientCall(t, () => jetstreamManager(nc, { ...jsOpts(t), checkAPI: false }));
  return clientCall(t, () => new Kvm(jsm.jetstream()).open(name));
}

async function objectStore(nc: NatsConnection, name: string, t: JsTarget) {
  const jsm = await clientCall(t, () => jetstreamManager(nc, { ...jsOpts(t), checkAPI: false }));
  return clientCall(t, () => new Objm(jsm.jetstream()).open(name));
}

/**
 * Skips `offset` items of an iterator and takes up to `limit` more, then stops it: memory stays
 * at one page, however large the bucket or store.
 */
async function pageOf<T>(
  iter: AsyncIterable<T> & { stop(): void },
  page: PageRequest,
  keep: (item: T) => boolean = () => true,
): Promise<Page<T>> {
  const limit = limitOf(page);
  const offset = offsetOf(page);
  const items: T[] = [];
  let seen = 0;
  let more = false;
  for await (const item of iter) {
    if (!keep(item)) continue;
    if (seen++ < offset) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(item);
  }
  iter.stop();
  return more ? { items, cursor: String(offset + items.length) } : { items };
}

/** The keys of a bucket (optionally those matching `filter`, e.g. `orders.>`), a page at a time. */
export async function kvKeys(
  nc: NatsConnection,
  name: string,
  opts: PageRequest & JsTarget & { filter?: string } = {},
): Promise<Page<string>> {
  const kv = await bucket(nc, name, opts);
  return pageOf(await clientCall(opts, () => kv.keys(opts.filter || undefined)), opts);
}

function kvValueOf(e: KvEntry): KvValue {
  const shown = showMessage({ subject: e.key, data: e.value });
  return {
    bucket: e.bucket,
    key: e.key,
    revision: e.revision,
    operation: e.operation,
    created: e.created.toISOString(),
    length: e.length,
    value: shown.payload,
    json: shown.json,
  };
}

/** A key's value (its newest revision, or `revision`); undefined when the key was never put. */
export async function kvGet(
  nc: NatsConnection,
  name: string,
  key: string,
  opts: JsTarget & { revision?: number } = {},
): Promise<KvValue | undefined> {
  const kv = await bucket(nc, name, opts);
  const e = await clientCall(opts, () => kv.get(key, opts.revision ? { revision: opts.revision } : undefined));
  return e ? kvValueOf(e) : undefined;
}

/** Every revision the bucket keeps of a key, oldest first (at most `limit`, the newest). */
export async function kvHistory(
  nc: NatsConnection,
  name: string,
  key: string,
  opts: JsTarget & { limit?: number } = {},
): Promise<KvValue[]> {
  const kv = await bucket(nc, name, opts);
  const limit = limitOf(opts);
  const out: KvValue[] = [];
  for await (const e of await clientCall(opts, () => kv.history({ key }))) {
    out.push(kvValueOf(e));
    if (out.length > limit) out.shift();
  }
  return out;
}

/** Writes a value; returns its revision. A write: the editor asks first. */
export async function kvPut(
  nc: NatsConnection,
  name: string,
  key: string,
  value: string | Uint8Array,
  t: JsTarget = {},
): Promise<number> {
  const kv = await bucket(nc, name, t);
  return clientCall(t, () => kv.put(key, value));
}

/** Deletes a key (a delete marker; the history stays); `purge` drops its history too. A write. */
export async function kvDelete(
  nc: NatsConnection,
  name: string,
  key: string,
  opts: JsTarget & { purge?: boolean } = {},
): Promise<void> {
  const kv = await bucket(nc, name, opts);
  await clientCall(opts, () => (opts.purge ? kv.purge(key) : kv.delete(key)));
}

/** A running watch of a bucket. */
export interface KvWatch {
  /** Updates seen in all. */
  readonly received: number;
  stop(): void;
}

/**
 * Watches a bucket (keys matching `key`, default all) for changes made from now on. Changes are
 * delivered in batches, at most one per `intervalMs` (default 250), holding the newest change of
 * each key and at most `perBatch` keys (default 200; `skipped` counts the rest).
 */
export async function kvWatch(
  nc: NatsConnection,
  name: string,
  onBatch: (changes: KvValue[], skipped: number) => void,
  opts: JsTarget & { key?: string; intervalMs?: number; perBatch?: number } = {},
): Promise<KvWatch> {
  const kv = await bucket(nc, name, opts);
  const iter = await clientCall(opts, () =>
    kv.watch({ key: opts.key || undefined, include: KvWatchInclude.UpdatesOnly }),
  );
  const intervalMs = opts.intervalMs ?? 250;
  const perBatch = opts.perBatch ?? 200;
  let pending = new Map<string, KvEntry>();
  let skipped = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const flush = () => {
    timer = undefined;
    if (stopped || (!pending.size && !skipped)) return;
    const changes = [...pending.values()].map(kvValueOf);
    const s = skipped;
    pending = new Map();
    skipped = 0;
    onBatch(changes, s);
  };
  const watch = {
    received: 0,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      iter.stop();
    },
  };
  void (async () => {
    for await (const e of iter) {
      watch.received++;
      if (pending.has(e.key) || pending.size < perBatch) {
        pending.delete(e.key);
        pending.set(e.key, e);
      } else skipped++;
      timer ??= setTimeout(flush, intervalMs);
    }
  })().catch(() => undefined);
  return watch;
}

function objectOf(o: ObjectInfo): ObjectSummary {
  const link = o.options?.link;
  return {
    name: o.name,
    size: o.size,
    chunks: o.chunks,
    modified: o.mtime,
    digest: o.digest,
    description: o.description || undefined,
    link: link ? `${link.bucket}${link.name ? `/${link.name}` : ''}` : undefined,
  };
}

/** The objects of a store (deleted ones left out), a page at a time. */
export async function listObjects(
  nc: NatsConnection,
  store: string,
  opts: PageRequest & JsTarget = {},
): Promise<Page<ObjectSummary>> {
  const os = await objectStore(nc, store, opts);
  // The store's own list(), stopped after a page: a watch of the newest info of each object.
  const iter = await clientCall(opts, () =>
    os.watch({ ignoreDeletes: true, includeHistory: true, historyOnly: true } as Parameters<typeof os.watch>[0]),
  );
  const page = await pageOf(iter, opts, (o) => !o.deleted);
  return { items: page.items.map(objectOf), cursor: page.cursor };
}

/** An object's content, refused above `maxBytes` (default 64 MiB: use objectToFile for more). */
export async function objectBytes(
  nc: NatsConnection,
  store: string,
  name: string,
  opts: JsTarget & { maxBytes?: number } = {},
): Promise<Buffer> {
  const os = await objectStore(nc, store, opts);
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const info = await clientCall(opts, () => os.info(name));
  if (!info || info.deleted) throw new ContextError(`No object '${name}' in the store ${store}.`);
  if (info.size > maxBytes)
    throw new ContextError(`The object '${name}' is ${info.size} bytes, more than ${maxBytes}: save it to a file.`);
  const data = await clientCall(opts, () => os.getBlob(name));
  if (!data) throw new ContextError(`No object '${name}' in the store ${store}.`);
  return Buffer.from(data);
}

/** Streams an object to a file, chunk by chunk (its digest checked); returns the bytes written. */
export async function objectToFile(
  nc: NatsConnection,
  store: string,
  name: string,
  file: string,
  t: JsTarget = {},
): Promise<number> {
  const os = await objectStore(nc, store, t);
  const result = await clientCall(t, () => os.get(name));
  if (!result) throw new ContextError(`No object '${name}' in the store ${store}.`);
  const out = fs.createWriteStream(file);
  let written = 0;
  try {
    const reader = result.data.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      written += value.length;
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    const error = await result.error;
    if (error) throw error;
  } catch (e) {
    // A download cut short, or whose digest does not match, leaves no file behind.
    await new Promise<void>((r) => out.end(() => r()));
    fs.rmSync(file, { force: true });
    throw e;
  }
  await new Promise<void>((r) => out.end(() => r()));
  return written;
}

/** A stream's message by sequence, or the last one on a subject; undefined when there is none. */
export async function streamMessage(
  nc: NatsConnection,
  stream: string,
  at: { seq: number } | { subject: string },
  t: JsTarget = {},
): Promise<StreamMessage | undefined> {
  const jsm = await clientCall(t, () => jetstreamManager(nc, { ...jsOpts(t), checkAPI: false }));
  let m: StoredMsg | null;
  try {
    m = await jsm.streams.getMessage(stream, 'seq' in at ? { seq: at.seq } : { last_by_subj: at.subject });
  } catch (e) {
    const failure = jetstreamFailure(e, t);
    if (failure !== e) throw failure;
    const err = e as { message?: string };
    if (/no message found|not found/i.test(err?.message ?? '') && !/stream not found/i.test(err?.message ?? ''))
      return undefined;
    throw new ContextError(`JetStream: ${err?.message ?? String(e)}.`);
  }
  if (!m) return undefined;
  return {
    ...showMessage({ subject: m.subject, data: m.data, headers: m.header }, m.time.getTime()),
    stream,
    seq: m.seq,
  };
}

/** Purges a stream (or only the messages of `subject`); returns how many went. A write. */
export async function purgeStream(
  nc: NatsConnection,
  stream: string,
  opts: JsTarget & { subject?: string } = {},
): Promise<number> {
  const r = await api<{ success: boolean; purged: number }>(
    nc,
    opts,
    `STREAM.PURGE.${stream}`,
    opts.subject ? { filter: opts.subject } : {},
  );
  return r.purged;
}

// What the CLI prints and the view shows.

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Replicas in a few words: "leader n1; n2 current; n3 offline, 12 behind". */
function replicasText(peers: ReplicaState[]): string {
  return peers
    .map((p) =>
      p.leader
        ? `leader ${p.name}`
        : `${p.name} ${p.offline ? 'offline' : p.current ? 'current' : 'not current'}` +
          (p.lag ? `, ${p.lag} behind` : ''),
    )
    .join('; ');
}

/** One line of a stream: "ORDERS: orders.> · file, limits, R3 · 12 messages, 1.2 KiB, seq 1–12". */
export function streamLine(s: StreamSummary): string {
  return (
    `${s.name}: ${s.subjects.join(', ') || '(no subjects)'} · ${s.storage}, ${s.retention}, R${s.replicas} · ` +
    `${plural(s.messages, 'message')}, ${formatBytes(s.bytes)}, seq ${s.firstSeq}–${s.lastSeq} · ` +
    `${plural(s.consumers, 'consumer')}` +
    (s.cluster ? ` · ${replicasText(s.cluster.peers)}` : '')
  );
}

export function consumerLine(c: ConsumerSummary): string {
  return (
    `${c.name}${c.durable ? '' : ' (ephemeral)'}${c.filter ? ` [${c.filter}]` : ''}: ${c.pending} pending, ` +
    `${c.ackPending} ack pending, ${c.redelivered} redelivered, delivered seq ${c.deliveredSeq}, ` +
    `last active ${c.lastActive ?? 'never'}` +
    (c.cluster ? ` · ${replicasText(c.cluster.peers)}` : '')
  );
}

export function bucketLine(b: BucketSummary): string {
  return (
    `${b.bucket}: ${plural(b.values, 'value')}, ${formatBytes(b.bytes)}, history ${b.history}, ` +
    `${b.ttlMs ? `ttl ${b.ttlMs / 1000}s` : 'no ttl'}, ${b.storage}, R${b.replicas}`
  );
}

export function objectStoreLine(o: ObjectStoreSummary): string {
  return `${o.store}: ${formatBytes(o.bytes)}, ${o.storage}, R${o.replicas}${o.sealed ? ', sealed' : ''}`;
}

export function objectLine(o: ObjectSummary): string {
  return `${o.name}: ${formatBytes(o.size)}${o.link ? ` (link to ${o.link})` : ''}, ` + `modified ${o.modified}`;
}
