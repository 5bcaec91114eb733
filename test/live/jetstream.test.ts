// JetStream against a real nats-server with a temporary store: streams with their state, consumers,
// key-value buckets (put, get, delete, history, a watch), object stores (put, list, download), paging,
// a stream's messages by sequence and subject, and `nats-conf jetstream` as text and JSON.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import {
  kvDelete,
  kvGet,
  kvHistory,
  kvKeys,
  kvPut,
  kvWatch,
  listBuckets,
  listConsumers,
  listObjects,
  listObjectStores,
  listStreams,
  objectBytes,
  objectToFile,
  purgeStream,
  streamInfo,
  streamMessage,
  streamLine,
  type KvValue,
} from '../../server/src/live/jetstream';
import { runNatsConf } from '../support/cli';
import { freePort, startServer, type RunningServer } from '../support/nats-server';

const until = async (cond: () => boolean, what: string, ms = 5000) => {
  for (let i = 0; i < ms / 10 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), `waited for ${what}`);
};

describe('JetStream on a real server', () => {
  let server: RunningServer;
  let nc: NatsConnection;
  before(async () => {
    server = await startServer(
      (port, dir) =>
        `listen: 127.0.0.1:${port}\nserver_name: js1\n` +
        `jetstream { store_dir: "${path.join(dir, 'js')}", max_memory_store: 64MB, max_file_store: 256MB }\n`,
    );
    nc = await connect({ servers: server.url, maxReconnectAttempts: 0 });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'] });
    await jsm.streams.add({ name: 'EVENTS', subjects: ['events.*'], storage: 'memory' as never });
    const js = jetstream(nc);
    const h = headers();
    h.set('Trace-Id', 't1');
    await js.publish('orders.new', '{"id":1}', { headers: h });
    await js.publish('orders.new', '{"id":2}');
    await js.publish('orders.paid', 'paid 1');
    await jsm.consumers.add('ORDERS', { durable_name: 'billing', ack_policy: AckPolicy.Explicit });
    await jsm.consumers.add('ORDERS', {
      durable_name: 'shipping',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'orders.paid',
    });
    const kv = await new Kvm(nc).create('config', { history: 5 });
    await kv.put('app.mode', 'dev');
    await kv.put('app.mode', 'prod');
    await kv.put('app.limit', '{"max":10}');
    const store = await new Objm(nc).create('files');
    await store.putBlob({ name: 'hello.txt' }, new TextEncoder().encode('hello, object store'));
    await store.putBlob({ name: 'big.bin' }, new Uint8Array(300_000).fill(7));
  });
  after(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('streams are listed with their config and state; KV and object streams apart', async () => {
    const { items, cursor } = await listStreams(nc);
    assert.equal(cursor, undefined);
    assert.deepEqual(items.map((s) => s.name).sort(), ['EVENTS', 'ORDERS']);
    const orders = items.find((s) => s.name === 'ORDERS')!;
    assert.deepEqual(orders.subjects, ['orders.>']);
    assert.equal(orders.storage, 'file');
    assert.equal(orders.retention, 'limits');
    assert.equal(orders.replicas, 1);
    assert.equal(orders.messages, 3);
    assert.equal(orders.firstSeq, 1);
    assert.equal(orders.lastSeq, 3);
    assert.equal(orders.consumers, 2);
    assert.ok(orders.bytes > 0);
    assert.ok(orders.lastTime);
    assert.equal(items.find((s) => s.name === 'EVENTS')!.storage, 'memory');
    assert.match(streamLine(orders), /^ORDERS: orders\.> · file, limits, R1 · 3 messages, .* seq 1–3 · 2 consumers$/);
    const all = await listStreams(nc, { kind: 'all' });
    assert.deepEqual(all.items.map((s) => s.kind).sort(), ['kv', 'obj', 'stream', 'stream']);
    assert.equal((await streamInfo(nc, 'ORDERS')).messages, 3);
    await assert.rejects(streamInfo(nc, 'NOPE'), /JetStream: stream not found/);
  });

  test('a limit returns a cursor; the next page goes on from it', async () => {
    const first = await listStreams(nc, { limit: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.cursor);
    const second = await listStreams(nc, { limit: 1, cursor: first.cursor });
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0].name, first.items[0].name);
    // Only KV and object streams are left after it: the last page says so with no cursor.
    assert.equal((await listStreams(nc, { limit: 1, cursor: second.cursor ?? '99' })).items.length, 0);
    const keys1 = await kvKeys(nc, 'config', { limit: 1 });
    assert.equal(keys1.items.length, 1);
    assert.equal(keys1.cursor, '1');
    const keys2 = await kvKeys(nc, 'config', { limit: 1, cursor: keys1.cursor });
    assert.equal(keys2.items.length, 1);
    assert.equal(keys2.cursor, undefined);
    assert.deepEqual([...keys1.items, ...keys2.items].sort(), ['app.limit', 'app.mode']);
    const objs = await listObjects(nc, 'files', { limit: 1 });
    assert.equal(objs.items.length, 1);
    assert.equal(objs.cursor, '1');
    const consumers = await listConsumers(nc, 'ORDERS', { limit: 1 });
    assert.equal(consumers.items.length, 1);
    assert.ok(consumers.cursor);
    await assert.rejects(listStreams(nc, { cursor: 'abc' }), /not a cursor/);
  });

  test('consumers: pending, ack pending, redelivered, filter', async () => {
    const js = jetstream(nc);
    const c = await js.consumers.get('ORDERS', 'billing');
    const batch = await c.fetch({ max_messages: 1, expires: 1000 });
    for await (const m of batch) void m; // delivered, not acked
    const { items } = await listConsumers(nc, 'ORDERS');
    const billing = items.find((x) => x.name === 'billing')!;
    assert.equal(billing.durable, true);
    assert.equal(billing.ackPolicy, 'explicit');
    assert.equal(billing.pending, 2);
    assert.equal(billing.ackPending, 1);
    assert.equal(billing.redelivered, 0);
    assert.equal(billing.deliveredSeq, 1);
    const shipping = items.find((x) => x.name === 'shipping')!;
    assert.equal(shipping.filter, 'orders.paid');
    assert.equal(shipping.pending, 1);
    await assert.rejects(listConsumers(nc, 'NOPE'), /stream not found/);
  });

  test('buckets and object stores are listed', async () => {
    const buckets = await listBuckets(nc);
    assert.deepEqual(
      buckets.items.map((b) => [b.bucket, b.values, b.history]),
      [['config', 3, 5]],
    );
    const stores = await listObjectStores(nc);
    assert.deepEqual(
      stores.items.map((s) => s.store),
      ['files'],
    );
    assert.ok(stores.items[0].bytes > 300_000);
  });

  test('KV get, put, delete and history; a watch sees a put, batched', async () => {
    const mode = await kvGet(nc, 'config', 'app.mode');
    assert.equal(mode?.value, 'prod');
    assert.equal(mode?.operation, 'PUT');
    const limit = await kvGet(nc, 'config', 'app.limit');
    assert.equal(limit?.json, true);
    assert.equal(limit?.value, '{\n  "max": 10\n}');
    assert.equal(await kvGet(nc, 'config', 'missing'), undefined);
    assert.equal((await kvGet(nc, 'config', 'app.mode', { revision: mode!.revision - 1 }))?.value, 'dev');

    const batches: KvValue[][] = [];
    const watch = await kvWatch(nc, 'config', (changes) => batches.push(changes), { intervalMs: 50 });
    const rev = await kvPut(nc, 'config', 'app.mode', 'staging');
    await kvPut(nc, 'config', 'app.mode', 'staging2');
    await until(() => batches.flat().some((c) => c.value === 'staging2'), 'the watch to see the put');
    // Two puts of one key within the interval: the batch holds the newest.
    assert.ok(batches.flat().every((c) => c.key === 'app.mode'));
    assert.equal(batches.flat().at(-1)!.revision, rev + 1);
    await kvDelete(nc, 'config', 'app.mode');
    await until(() => batches.flat().some((c) => c.operation === 'DEL'), 'the watch to see the delete');
    watch.stop();
    assert.ok(watch.received >= 3);

    assert.equal((await kvGet(nc, 'config', 'app.mode'))?.operation, 'DEL');
    const history = await kvHistory(nc, 'config', 'app.mode');
    assert.deepEqual(
      history.map((h) => [h.operation, h.value]),
      [
        ['PUT', 'dev'],
        ['PUT', 'prod'],
        ['PUT', 'staging'],
        ['PUT', 'staging2'],
        ['DEL', ''],
      ],
    );
    assert.deepEqual(
      (await kvHistory(nc, 'config', 'app.mode', { limit: 2 })).map((h) => h.operation),
      ['PUT', 'DEL'],
    );
    assert.deepEqual((await kvKeys(nc, 'config')).items, ['app.limit']);
    await assert.rejects(kvGet(nc, 'nope', 'k'), /not found/);
  });

  test('object store: list, download to a buffer and to a file', async () => {
    const { items } = await listObjects(nc, 'files');
    assert.deepEqual(items.map((o) => [o.name, o.size]).sort(), [
      ['big.bin', 300_000],
      ['hello.txt', 19],
    ]);
    assert.equal((await objectBytes(nc, 'files', 'hello.txt')).toString(), 'hello, object store');
    await assert.rejects(objectBytes(nc, 'files', 'big.bin', { maxBytes: 1000 }), /more than 1000: save it to a file/);
    await assert.rejects(objectBytes(nc, 'files', 'nope'), /No object 'nope'/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obj-'));
    try {
      const file = path.join(dir, 'big.bin');
      assert.equal(await objectToFile(nc, 'files', 'big.bin', file), 300_000);
      const data = fs.readFileSync(file);
      assert.equal(data.length, 300_000);
      assert.ok(data.every((b) => b === 7));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stream message by sequence and by subject, shown like the messages view; purge', async () => {
    const first = await streamMessage(nc, 'ORDERS', { seq: 1 });
    assert.equal(first?.subject, 'orders.new');
    assert.equal(first?.seq, 1);
    assert.equal(first?.json, true);
    assert.equal(first?.payload, '{\n  "id": 1\n}');
    assert.deepEqual(first?.headers, [['Trace-Id', 't1']]);
    const last = await streamMessage(nc, 'ORDERS', { subject: 'orders.new' });
    assert.equal(last?.seq, 2);
    assert.equal(await streamMessage(nc, 'ORDERS', { seq: 99 }), undefined);
    assert.equal(await streamMessage(nc, 'ORDERS', { subject: 'orders.none' }), undefined);
    await assert.rejects(streamMessage(nc, 'NOPE', { seq: 1 }), /stream not found/);
    await jetstream(nc).publish('events.a', 'x');
    await jetstream(nc).publish('events.b', 'y');
    assert.equal(await purgeStream(nc, 'EVENTS', { subject: 'events.a' }), 1);
    assert.equal(await purgeStream(nc, 'EVENTS'), 1);
    assert.equal((await streamInfo(nc, 'EVENTS')).messages, 0);
  });

  test('nats-conf jetstream: text and JSON, pages, and exit 2 when nothing listens', async () => {
    const text = runNatsConf(['jetstream', '--server', server.url]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^Streams:\n {2}EVENTS: events\.\* · memory, limits, R1/m);
    assert.match(text.stdout, /^ {2}ORDERS: orders\.> · file, limits, R1 · 3 messages/m);
    const json = runNatsConf(['jetstream', 'streams', '--server', server.url, '--format', 'json', '--limit', '1']);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { streams: { name: string; messages: number }[]; cursor?: string };
    assert.equal(parsed.streams.length, 1);
    assert.ok(parsed.cursor);
    const consumers = runNatsConf(['jetstream', 'consumers', 'ORDERS', '--server', server.url]);
    assert.equal(consumers.status, 0, consumers.stderr);
    assert.match(consumers.stdout, /^Consumers of ORDERS:\n {2}billing: \d+ pending/);
    const kvJson = runNatsConf(['jetstream', 'kv', '--server', server.url, '--format', 'json']);
    assert.deepEqual(
      (JSON.parse(kvJson.stdout) as { buckets: { bucket: string }[] }).buckets.map((b) => b.bucket),
      ['config'],
    );
    const keys = runNatsConf(['jetstream', 'kv', 'config', '--server', server.url]);
    assert.match(keys.stdout, /^Keys of the bucket config:\n {2}app\.limit\n/);
    const objs = runNatsConf(['jetstream', 'obj', 'files', '--server', server.url, '--format', 'json']);
    assert.deepEqual((JSON.parse(objs.stdout) as { objects: { name: string }[] }).objects.map((o) => o.name).sort(), [
      'big.bin',
      'hello.txt',
    ]);
    assert.match(runNatsConf(['jetstream', 'obj', '--server', server.url]).stdout, /^Object stores:\n {2}files: /);
    const missing = runNatsConf(['jetstream', 'consumers', 'NOPE', '--server', server.url]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^nats-conf jetstream: JetStream: stream not found/);
    const port = await freePort();
    const down = runNatsConf(['jetstream', '--server', `nats://admin:hunter2@127.0.0.1:${port}`]);
    assert.equal(down.status, 2);
    assert.equal(down.stderr.trim().split('\n').length, 1);
    assert.match(down.stderr, /Nothing listens at nats:\/\/admin:\*\*\*@127\.0\.0\.1/);
    assert.doesNotMatch(down.stderr + down.stdout, /hunter2/);
    assert.equal(runNatsConf(['jetstream', 'consumers']).status, 2);
  });
});

describe('JetStream off', () => {
  let server: RunningServer;
  let nc: NatsConnection;
  before(async () => {
    server = await startServer((port) => `listen: 127.0.0.1:${port}\n`);
    nc = await connect({ servers: server.url, maxReconnectAttempts: 0 });
  });
  after(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('says JetStream is not enabled, in the library and the CLI (exit 1)', async () => {
    await assert.rejects(listStreams(nc), /JetStream is not enabled for this account/);
    await assert.rejects(kvGet(nc, 'config', 'k'), /JetStream is not enabled/);
    const r = runNatsConf(['jetstream', '--server', server.url]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /JetStream is not enabled/);
  });
});
