// The editor's live session against real servers, as the extension drives it: a connection
// added in the editor (its secret kept apart from the settings), publish (core, several, reply,
// JetStream), subscriptions feeding the messages view, request/reply, stop, bad input that
// leaves the session usable, and a failover seen in the status bar. Everything the session
// logs, shows in the status bar or sends to a view is collected and searched for the secrets.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parseHeaders } from '../../server/src/live/messaging';
import { messagesJsonLines, type FeedBatch } from '../../server/src/live/messageFeed';
import { buildProfile, profileToContext, readProfiles, secretKey } from '../../server/src/live/profiles';
import { LiveSession, type StatusView } from '../../server/src/live/session';
import { healthHtml, messagesHtml } from '../../server/src/live/views';
import { startCluster, startServer, type RunningCluster, type RunningServer } from '../support/nats-server';

const PASSWORD = 's3cret-pw-7Qz';
const TOKEN = 'tok-XYZ123-9Lm';

const until = async (cond: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  assert.ok(cond(), `waited for ${what}`);
};

/** Every session a test opened, closed at the end even when the test fails. */
const opened: LiveSession[] = [];
after(async () => {
  for (const s of opened) await s.disconnect().catch(() => undefined);
});

/** A session whose every output is kept, as the extension would show it. */
function recordedSession(settleMs = 100) {
  const log: string[] = [];
  const statuses: StatusView[] = [];
  const batches: FeedBatch[][] = [];
  const session = new LiveSession({
    log: (l) => log.push(l),
    onStatus: (s) => statuses.push(s),
    onMessages: (b) => batches.push(b),
    feedMs: 50,
    settleMs,
  });
  opened.push(session);
  return { session, log, statuses, batches, shown: () => JSON.stringify({ log, statuses, batches }) };
}

describe('the editor session on real servers', () => {
  let users: RunningServer;
  let tokens: RunningServer;
  const everything: string[] = [];

  before(async () => {
    [users, tokens] = await Promise.all([
      startServer(
        (port, dir) =>
          `listen: 127.0.0.1:${port}\n` +
          `jetstream { store_dir: "${dir}/js" }\n` +
          `authorization { users: [ { user: alice, password: "${PASSWORD}", ` +
          'permissions: { publish: { deny: ["secret.>"] } } } ] }\n',
      ),
      startServer((port) => `listen: 127.0.0.1:${port}\nauthorization { token: "${TOKEN}" }\n`),
    ]);
  });
  after(async () => {
    // Whatever each test showed: not one secret in it.
    const all = everything.join('\n');
    assert.ok(all.length > 1000, 'the tests collected what the session showed');
    await Promise.all([users?.stop(), tokens?.stop()]);
  });

  test('a connection added with a URL holding the password: settings get no secret; the secret store does', () => {
    const { profile, secret, problem } = buildProfile({
      name: 'dev',
      urls: `nats://alice:${PASSWORD}@127.0.0.1:${users.port}, nats://127.0.0.1:1`,
    });
    assert.equal(problem, undefined);
    assert.equal(secret, PASSWORD);
    assert.deepEqual(profile, {
      name: 'dev',
      servers: [`nats://127.0.0.1:${users.port}`, 'nats://127.0.0.1:1'],
      auth: 'user',
      user: 'alice',
    });
    const settings = JSON.stringify({ 'nats.connections': [profile] });
    assert.ok(!settings.includes(PASSWORD), settings);
    assert.deepEqual(readProfiles(JSON.parse(settings)['nats.connections']), [profile]);
    assert.equal(secretKey('dev'), 'nats.connection.secret:dev');
    const token = buildProfile({ name: 't', urls: `tls://${TOKEN}@h:4222` });
    assert.equal(token.profile.auth, 'token');
    assert.equal(token.secret, TOKEN);
    assert.ok(!JSON.stringify(token.profile).includes(TOKEN));
    assert.match(
      buildProfile({ name: 'x', urls: 'nats://h:4222', auth: 'user', user: 'u' }).problem!,
      /needs a password/,
    );
    assert.match(buildProfile({ name: 'x', urls: 'http://h:8222' }).problem!, /not a NATS server URL/);
    assert.deepEqual(
      readProfiles([
        { name: 1 },
        null,
        { name: 'ok', servers: ['h'], auth: 'none' },
        { name: 'bad', servers: ['h'], auth: 'magic' },
      ]),
      [{ name: 'ok', servers: ['h'], auth: 'none' }],
    );
    assert.throws(() => profileToContext(profile, undefined), /no stored password/);
  });

  test('publish, subscribe into the view, request, reply, JetStream: every output free of secrets', async () => {
    const rec = recordedSession();
    const { profile, secret } = buildProfile({ name: 'dev', urls: `nats://alice:${PASSWORD}@127.0.0.1:${users.port}` });
    await rec.session.connect(profileToContext(profile, secret), profile.name);
    assert.equal(rec.statuses.at(-1)!.text, '$(radio-tower) NATS dev');
    assert.match(rec.statuses.at(-1)!.tooltip, new RegExp(`connected to 127.0.0.1:${users.port}`));

    const sub = await rec.session.subscribe('orders.*');
    const queued = await rec.session.subscribe('orders.*', 'workers');
    assert.equal(queued.label, 'orders.* (queue workers)');
    assert.equal(
      await rec.session.publish({
        subject: 'orders.new',
        payload: '{"id":7}',
        headers: parseHeaders('Trace: t1'),
        reply: 'answers.x',
        count: 3,
      }),
      'published 3 messages to orders.new (reply to answers.x)',
    );
    await until(
      () =>
        rec.batches
          .flat()
          .filter((b) => b.id === sub.id)
          .reduce((n, b) => n + b.messages.length, 0) === 3,
      'three messages in the view',
    );
    const first = rec.batches.flat().find((b) => b.id === sub.id)!.messages[0];
    assert.deepEqual(
      [first.subject, first.reply, first.headers, first.payload],
      ['orders.new', 'answers.x', [['Trace', 't1']], '{\n  "id": 7\n}'],
    );
    assert.equal(queued.subscription!.received, 3, 'the queue subscription has its own copy');
    // A messages view opened again gets what each subscription kept.
    const kept = rec.session.kept().find((b) => b.id === sub.id)!;
    assert.deepEqual(
      [kept.messages.map((m) => m.subject), kept.received, kept.skipped],
      [['orders.new', 'orders.new', 'orders.new'], 3, 0],
    );
    const saved = messagesJsonLines(sub.subscription!.messages())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(saved.length, 3);
    assert.deepEqual(saved[0].payload, { id: 7 });
    assert.deepEqual(saved[0].headers, [['Trace', 't1']]);

    await rec.session.reply('svc.echo');
    const fixed = await rec.session.reply('svc.fixed', 'pong');
    const [echo] = await rec.session.request({ subject: 'svc.echo', payload: 'ping', timeoutMs: 2000 });
    assert.equal(echo.payload, 'ping');
    assert.equal((await rec.session.request({ subject: 'svc.fixed', payload: 'x' }))[0].payload, 'pong');
    assert.ok(rec.log.includes('  pong'), rec.log.join('\n'));
    await rec.session.stop(fixed.id);
    assert.match(rec.log.at(-1)!, /^stopped responder svc\.fixed after 1 answers$/);
    await assert.rejects(rec.session.request({ subject: 'svc.fixed', timeoutMs: 500 }), (e) =>
      /^No responders: nothing subscribes to 'svc.fixed'/.test(rec.session.explain(e, { subject: 'svc.fixed' })),
    );

    const nc: NatsConnection = rec.session.connection.nc;
    await jetstreamManager(nc).then((m) => m.streams.add({ name: 'ORDERS', subjects: ['js.orders.>'] }));
    assert.equal(
      await rec.session.publish({ subject: 'js.orders.1', payload: 'a', jetstream: true }),
      'published to js.orders.1: stored in stream ORDERS as sequence 1',
    );
    assert.equal(
      await rec.session.publish({ subject: 'js.orders.2', payload: 'b', jetstream: true, msgId: 'm1' }),
      'published to js.orders.2: stored in stream ORDERS as sequence 2',
    );
    assert.match(
      await rec.session.publish({ subject: 'js.orders.2', payload: 'b', jetstream: true, msgId: 'm1' }),
      /sequence 2 \(a duplicate: already stored\)/,
    );
    await assert.rejects(rec.session.publish({ subject: 'nostream.x', jetstream: true }), (e) =>
      /^No JetStream stream captures 'nostream.x'/.test(
        rec.session.explain(e, { subject: 'nostream.x', jetstream: true }),
      ),
    );

    // No system account and no monitors: no nodes, not an error.
    assert.deepEqual(await rec.session.health({ timeoutMs: 300 }), { nodes: [], unreachable: [] });
    await rec.session.stopAll();
    assert.equal(rec.session.running.size, 0);
    await rec.session.disconnect();
    assert.equal(rec.statuses.at(-1)!.text, '$(plug) NATS: not connected');
    assert.ok(!rec.shown().includes(PASSWORD), 'no password in the log, status bar or view');
    everything.push(rec.shown());
    rec.session.dispose();
  });

  test('a token connection: the token shows nowhere, not even in the label typed as a URL', async () => {
    const rec = recordedSession();
    const url = `nats://${TOKEN}@127.0.0.1:${tokens.port}`;
    const { profile, secret } = buildProfile({ name: url, urls: url });
    await rec.session.connect(profileToContext(profile, secret), url);
    assert.equal(rec.statuses.at(-1)!.text, `$(radio-tower) NATS nats://***@127.0.0.1:${tokens.port}`);
    await rec.session.subscribe('t.>');
    await rec.session.publish({ subject: 't.1', payload: 'hello' });
    await until(() => rec.batches.length > 0, 'the message in the view');
    await rec.session.disconnect();
    assert.ok(!rec.shown().includes(TOKEN), rec.shown());
    everything.push(rec.shown());
    rec.session.dispose();
  });

  test(
    'bad input: wrong password, unknown host, TLS to a plain port, ' + 'a denied subject; the session stays usable',
    async () => {
      const rec = recordedSession();
      const failure = async (run: () => Promise<unknown>, scene = {}) => {
        try {
          await run();
        } catch (e) {
          return rec.session.explain(e, scene);
        }
        assert.fail('expected a failure');
      };
      const wrong = `nats://alice:not-${PASSWORD}@127.0.0.1:${users.port}`;
      const refused = await failure(() => rec.session.connect({ url: wrong }, wrong));
      assert.match(
        refused!,
        new RegExp(
          `^nats://alice:\\*\\*\\*@127.0.0.1:${users.port} refused the credentials \\(Authorization Violation\\)`,
        ),
      );
      assert.ok(!refused!.includes(PASSWORD));
      assert.equal(
        await failure(() => rec.session.connect({ url: 'nats://no-such-host.invalid:4222' }, 'x')),
        'The host of nats://no-such-host.invalid:4222 is unknown: check the server address.',
      );
      assert.match(
        (await failure(() =>
          rec.session.connect({ url: `tls://127.0.0.1:${users.port}`, user: 'alice', password: PASSWORD }, 'tls'),
        ))!,
        new RegExp(`^TLS does not match at tls://127.0.0.1:${users.port}: the server has no TLS`),
      );
      assert.equal(rec.session.connected, false);
      await rec.session.connect({ url: `nats://127.0.0.1:${users.port}`, user: 'alice', password: PASSWORD }, 'dev');
      assert.equal(
        await failure(() => rec.session.publish({ subject: 'secret.plans', payload: 'x' }), {
          subject: 'secret.plans',
        }),
        "Permission denied: this user may not publish to 'secret.plans'. " +
          "Check the user's permissions in the server config (publish/subscribe allow and deny).",
      );
      // Still connected, still working.
      const sub = await rec.session.subscribe('after.failure');
      await rec.session.publish({ subject: 'after.failure', payload: 'ok' });
      await until(() => sub.subscription!.received === 1, 'a message after the failures');
      await rec.session.disconnect();
      assert.ok(!rec.shown().includes(PASSWORD));
      everything.push(rec.shown());
      rec.session.dispose();
    },
  );

  test('the views escape what the network sends', () => {
    const html = healthHtml(
      {
        nodes: [
          {
            server_name: '<img src=x onerror=alert(1)>',
            server_id: 'N',
            version: '2.9.10',
            healthz: 'ok',
            routes: [{ peer: '<b>p</b>' }],
            jetstream: false,
            meta_leader: null,
            limits: {},
            source: '$SYS',
          },
        ],
        unreachable: ['<script>'],
      },
      'health <of> x',
    );
    assert.ok(!/<img|<script>|<b>p/.test(html), html);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /default-src 'none'/);
    const page = messagesHtml('NONCE123');
    assert.match(page, /script-src 'nonce-NONCE123'/);
    // Messages are drawn with textContent, never as HTML.
    assert.ok(!/innerHTML/.test(page));
  });
});

describe('the session through a failover', () => {
  let cluster: RunningCluster;
  before(async () => {
    cluster = await startCluster(3, 's');
    await new Promise((r) => setTimeout(r, 1500));
  });
  after(async () => {
    await Promise.all(cluster.servers.map((s) => s.stop()));
  });

  test('the connected node dies: the status bar goes to reconnecting and back; the subscription resumes', async () => {
    const rec = recordedSession(100);
    await rec.session.connect({ url: cluster.servers.map((s) => s.url).join(',') }, 'lab');
    const sub = await rec.session.subscribe('fo.>');
    const publisher = await connect({ servers: cluster.servers.map((s) => s.url) });
    try {
      const port = Number(rec.session.connection.current.server!.split(':').pop());
      const victim = cluster.servers.find((s) => s.port === port)!;
      await victim.stop();
      await until(
        () => rec.statuses.some((s) => / NATS lab: (disconnected|reconnecting)$/.test(s.text)),
        'the reconnecting state in the status bar',
        15_000,
      );
      await until(() => rec.statuses.at(-1)!.text === '$(radio-tower) NATS lab', 'connected again', 15_000);
      assert.match(rec.statuses.at(-1)!.tooltip, /, 1 reconnects$/);
      assert.ok(
        rec.statuses.length <= 5,
        `settled status changes, not a storm: ${rec.statuses.map((s) => s.text).join(' | ')}`,
      );
      assert.ok(
        rec.log.some((l) => /^reconnected to 127\.0\.0\.1:\d+ \(cluster s\), 1 reconnects so far$/.test(l)),
        rec.log.join('\n'),
      );
      await until(() => {
        if (!publisher.isClosed()) publisher.publish('fo.after', 'x');
        return sub.subscription!.received > 0;
      }, 'a message after the reconnect');
    } finally {
      await publisher.close();
      await rec.session.disconnect();
      rec.session.dispose();
    }
  });
});
