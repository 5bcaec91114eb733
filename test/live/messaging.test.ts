// Publish (core and JetStream), subscribe, request and reply against a real nats-server, and the one-sentence
// messages for what goes wrong (denied subjects, no responders, timeouts, refused logins,
// nothing listening, TLS mismatches).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { explainFailure } from '../../server/src/live/failures';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  parseHeaders,
  publish,
  publishToStream,
  reply,
  request,
  subscribe,
  type ShownMessage,
} from '../../server/src/live/messaging';
import { connectOptionsFor } from '../../server/src/live/connectOptions';
import { freePort, startServer, type RunningServer } from '../support/nats-server';

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), `waited for ${what}`);
};

describe('messaging on a real server', () => {
  let server: RunningServer;
  let nc: NatsConnection;
  before(async () => {
    server = await startServer(
      (port) =>
        `listen: 127.0.0.1:${port}\n` +
        'authorization { users: [ { user: dev, password: pw, permissions: { publish: { deny: ["secret.>"] }, ' +
        'subscribe: { deny: ["hidden.>"] } } } ] }\n',
    );
    nc = await connect({
      ...connectOptionsFor({ url: server.url, user: 'dev', password: 'pw' }).options,
      maxReconnectAttempts: 0,
    });
  });
  after(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('publish with headers and a reply subject reaches a subscriber; JSON is pretty-printed', async () => {
    const sub = await subscribe(nc, 'orders.*');
    const seen: ShownMessage[] = [];
    sub.onMessage = (m) => seen.push(m);
    assert.equal(
      await publish(nc, {
        subject: 'orders.new',
        payload: '{"id":1,"items":[2]}',
        headers: parseHeaders('Trace-Id: abc\nTenant: t1\n'),
        reply: 'answers.here',
        count: 3,
      }),
      3,
    );
    await until(() => seen.length === 3, 'three messages');
    assert.equal(seen[0].subject, 'orders.new');
    assert.equal(seen[0].reply, 'answers.here');
    assert.deepEqual(seen[0].headers, [
      ['Trace-Id', 'abc'],
      ['Tenant', 't1'],
    ]);
    assert.equal(seen[0].json, true);
    assert.equal(seen[0].payload, '{\n  "id": 1,\n  "items": [\n    2\n  ]\n}');
    await sub.stop();
    assert.throws(() => parseHeaders('no colon here'), /has no name/);
  });

  test('a subscription keeps only the newest messages of its ring, and counts what fell out', async () => {
    const sub = await subscribe(nc, 'flood', { capacity: 10 });
    for (let i = 0; i < 25; i++) nc.publish('flood', String(i));
    await nc.flush();
    await until(() => sub.received === 25, '25 messages');
    assert.equal(sub.dropped, 15);
    assert.deepEqual(
      sub.messages().map((m) => m.payload),
      Array.from({ length: 10 }, (_, i) => String(15 + i)),
    );
    await sub.stop();
  });

  test('a queue group shares the messages; plain subscribers each get all', async () => {
    const [q1, q2, all] = await Promise.all([
      subscribe(nc, 'work', { queue: 'workers' }),
      subscribe(nc, 'work', { queue: 'workers' }),
      subscribe(nc, 'work'),
    ]);
    await publish(nc, { subject: 'work', payload: 'job', count: 40 });
    await until(() => q1.received + q2.received === 40 && all.received === 40, 'the jobs');
    assert.ok(q1.received > 0 && q2.received > 0, `both workers got jobs (${q1.received}/${q2.received})`);
    await Promise.all([q1.stop(), q2.stop(), all.stop()]);
  });

  test('request and reply: echo with headers, a fixed body, several replies', async () => {
    const echo = await reply(nc, 'svc.echo');
    const [answer] = await request(nc, { subject: 'svc.echo', payload: 'ping', headers: parseHeaders('K: v') });
    assert.equal(answer.payload, 'ping');
    assert.deepEqual(answer.headers, [['K', 'v']]);
    assert.equal(echo.answered, 1);
    const a = await reply(nc, 'svc.many', { body: 'a' });
    const b = await reply(nc, 'svc.many', { body: 'b' });
    const replies = await request(nc, { subject: 'svc.many', maxReplies: 5, timeoutMs: 300 });
    assert.deepEqual(replies.map((r) => r.payload).sort(), ['a', 'b']);
    await Promise.all([echo.stop(), a.stop(), b.stop()]);
  });

  test('no responders is told apart from a timeout', async () => {
    await assert.rejects(request(nc, { subject: 'nobody.home', timeoutMs: 500 }), (e) =>
      /^No responders: nothing subscribes to 'nobody.home'/.test(explainFailure(e, { subject: 'nobody.home' })),
    );
    const silent = await subscribe(nc, 'slow.svc');
    await assert.rejects(
      request(nc, { subject: 'slow.svc', timeoutMs: 200 }),
      (e) =>
        explainFailure(e, { subject: 'slow.svc', timeoutMs: 200 }) ===
        "No reply on 'slow.svc' within 200 ms: a responder exists but did not answer in time.",
    );
    await silent.stop();
  });

  test('denied subjects: publish and subscribe end in a clear message, and the connection stays usable', async () => {
    await assert.rejects(publish(nc, { subject: 'secret.plans', payload: 'x' }), (e) =>
      explainFailure(e).startsWith("Permission denied: this user may not publish to 'secret.plans'"),
    );
    await assert.rejects(subscribe(nc, 'hidden.>'), (e) =>
      explainFailure(e).startsWith("Permission denied: this user may not subscribe to 'hidden.>'"),
    );
    assert.equal(nc.isClosed(), false);
    const [r] = await Promise.all([subscribe(nc, 'still.ok')]);
    await publish(nc, { subject: 'still.ok', payload: 'yes' });
    await until(() => r.received === 1, 'a message after the refusals');
    await r.stop();
  });
});

describe('connection failures', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer((port) => `listen: 127.0.0.1:${port}\nauthorization { user: a, password: b }\n`);
  });
  after(() => server?.stop());
  const failure = async (ctx: Parameters<typeof connectOptionsFor>[0]) => {
    const plan = connectOptionsFor(ctx);
    try {
      const nc = await connect({ ...plan.options, maxReconnectAttempts: 0, timeout: 3000 });
      await nc.close();
    } catch (e) {
      return explainFailure(e, { servers: plan.shown });
    }
    assert.fail('connected');
  };

  test(
    'a wrong password, nothing listening, an unknown host, ' + 'TLS to a plain port: one sentence each, no secret',
    async () => {
      const wrong = await failure({ url: server.url.replace('nats://', 'nats://a:hunter2@') });
      assert.equal(
        wrong,
        `nats://a:***@127.0.0.1:${server.port} refused the credentials (Authorization Violation): ` +
          'check the user and password, token, nkey or credentials file of this connection.',
      );
      const port = await freePort();
      assert.equal(
        await failure({ url: `nats://127.0.0.1:${port}` }),
        `Nothing listens at nats://127.0.0.1:${port}: check the address and port, and that nats-server runs.`,
      );
      assert.equal(
        await failure({ url: 'nats://no-such-host.invalid:4222' }),
        'The host of nats://no-such-host.invalid:4222 is unknown: check the server address.',
      );
      const tls = await failure({ url: server.url.replace('nats://', 'tls://') });
      assert.match(tls, /^TLS does not match at tls:\/\/127\.0\.0\.1:\d+: the server has no TLS/);
    },
  );
});

describe('JetStream publish on a real server', () => {
  let server: RunningServer;
  let nc: NatsConnection;
  before(async () => {
    server = await startServer((port, dir) => `listen: 127.0.0.1:${port}\njetstream { store_dir: "${dir}/js" }\n`);
    nc = await connect({ servers: server.url, maxReconnectAttempts: 0 });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'] });
  });
  after(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('the ack names the stream and sequence; a repeated message id is a duplicate', async () => {
    assert.deepEqual(await publishToStream(nc, { subject: 'orders.new', payload: '{"id":1}', msgId: 'order-1' }), {
      stream: 'ORDERS',
      seq: 1,
      duplicate: false,
      domain: undefined,
    });
    assert.deepEqual(
      await publishToStream(nc, { subject: 'orders.new', payload: '{"id":2}', headers: parseHeaders('K: v') }),
      { stream: 'ORDERS', seq: 2, duplicate: false, domain: undefined },
    );
    const again = await publishToStream(nc, { subject: 'orders.new', payload: '{"id":1}', msgId: 'order-1' });
    assert.equal(again.duplicate, true);
    assert.equal(again.seq, 1);
  });

  test('a subject no stream captures: said so, not a bare "no responders"', async () => {
    await assert.rejects(publishToStream(nc, { subject: 'invoices.new', payload: 'x', timeoutMs: 1000 }), (e) =>
      explainFailure(e, { subject: 'invoices.new', jetstream: true }).startsWith(
        "No JetStream stream captures 'invoices.new'",
      ),
    );
  });
});
