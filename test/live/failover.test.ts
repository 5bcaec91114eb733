// Failover on a real three-node cluster: the node a subscription runs through is killed; the
// connection moves to another node, the state goes disconnected → connected (one settled
// change each, not a storm), and messages published after the reconnect arrive.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LiveConnection, type LiveStatus } from '../../server/src/live/connection';
import { publish, subscribe } from '../../server/src/live/messaging';
import { startCluster, type RunningCluster } from '../support/nats-server';

const until = async (cond: () => boolean, what: string, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  assert.ok(cond(), `waited for ${what}`);
};

describe('failover', () => {
  let cluster: RunningCluster;
  let live: LiveConnection;
  let publisher: NatsConnection;

  before(async () => {
    cluster = await startCluster(3, 'f');
    // Routes form before clients rely on interest crossing the cluster.
    await new Promise((r) => setTimeout(r, 1500));
  });
  after(async () => {
    await live?.close().catch(() => undefined);
    await publisher?.close().catch(() => undefined);
    await Promise.all(cluster.servers.map((s) => s.stop()));
  });

  test('the node the subscription runs through dies: it resumes through another node', async () => {
    const [n1, n2, n3] = cluster.servers;
    live = await LiveConnection.open({ url: [n1.url, n2.url, n3.url].join(',') }, { settleMs: 100 });
    // The client picks one of the three; that one is the node to kill.
    assert.ok(live.current.server, 'a server is shown');
    const seen: LiveStatus[] = [];
    live.onStatus((s) => seen.push(s));
    const sub = await subscribe(live.nc, 'failover.test');
    publisher = await connect({ servers: [n2.url, n3.url], noRandomize: true });
    await until(() => {
      void publish(publisher, { subject: 'failover.test', payload: 'before' }).catch(() => undefined);
      return sub.received > 0;
    }, 'a message before the failure');

    const usedPort = Number(live.current.server!.split(':').pop());
    const victim = cluster.servers.find((s) => s.port === usedPort)!;
    assert.ok(victim, `the connected server ${live.current.server} is one of the cluster`);
    const publisherOnVictim = publisher.getServer().endsWith(`:${victim.port}`);
    await victim.stop();
    await until(() => seen.some((s) => s.state === 'connected' && s.reconnects === 1), 'the reconnect');
    assert.ok(
      seen.some((s) => s.state === 'disconnected' || s.state === 'reconnecting'),
      `a disconnected state was shown first: ${JSON.stringify(seen)}`,
    );
    assert.ok(seen.length <= 3, `settled changes, not a storm: ${seen.length}`);
    assert.notEqual(live.current.server, `nats://127.0.0.1:${victim.port}`);
    if (publisherOnVictim)
      await until(
        () => !publisher.isClosed() && !publisher.getServer().endsWith(`:${victim.port}`),
        'the publisher to move too',
      );

    const before = sub.received;
    await until(() => {
      void publish(publisher, { subject: 'failover.test', payload: 'after' }).catch(() => undefined);
      return sub.received > before;
    }, 'a message published after the reconnect');
    assert.equal(sub.messages().at(-1)!.payload, 'after');
    await sub.stop();
  });
});
