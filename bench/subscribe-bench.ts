// A subscription view under a flood, against a real nats-server on 127.0.0.1, through the same
// session and message feed the extension's view uses (the ring keeps 10,000):
//   1. 100,000 messages as fast as one publisher can: the rate the view keeps up with, and the
//      memory it holds;
//   2. a steady 10,000 messages a second for 3 s: redraws per second, messages per redraw, and
//      the delay from publish to the view (smoothness).

import { connect } from '@nats-io/transport-node';
import type { FeedBatch } from '../server/src/live/messageFeed';
import { LiveSession } from '../server/src/live/session';
import { startServer } from '../test/support/nats-server';

const TOTAL = 100_000;
const CAPACITY = 10_000;
const STEADY_RATE = 10_000;
const STEADY_SECONDS = 3;

async function main(): Promise<void> {
  const server = await startServer((port) => `listen: 127.0.0.1:${port}\nmax_pending: 256MB\n`);
  let onBatches: (b: FeedBatch[]) => void = () => undefined;
  const session = new LiveSession({
    log: () => undefined,
    onMessages: (b) => onBatches(b),
    feedMs: 100,
    capacity: CAPACITY,
  });
  await session.connect({ url: server.url }, 'bench');
  const publisher = await connect({ servers: server.url });
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const run = await session.subscribe('bench.flood');
    const sub = run.subscription!;
    const payload = JSON.stringify({ id: 0, kind: 'order', items: [1, 2, 3], note: 'x'.repeat(60) });
    let drawn = 0;
    let redraws = 0;
    let last = 0;
    const done = new Promise<void>((resolve) => {
      onBatches = (batches) => {
        redraws++;
        for (const b of batches) drawn += b.messages.length;
        if (sub.received === TOTAL && batches.some((b) => b.received === TOTAL)) {
          last = performance.now();
          resolve();
        }
      };
    });
    const t0 = performance.now();
    for (let i = 0; i < TOTAL; i++) {
      publisher.publish('bench.flood', payload);
      if (i % 5000 === 4999) await publisher.flush();
    }
    await publisher.flush();
    const published = performance.now();
    await done;
    gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const rate = TOTAL / ((last - t0) / 1000);
    console.log(
      `subscribe: ${TOTAL.toLocaleString('en')} messages (${payload.length} B JSON each) ` +
        `→ ${Math.round(rate).toLocaleString('en')} msg/s received, formatted and batched to the view ` +
        `(publisher done in ${(published - t0).toFixed(0)} ms, last batch at ${(last - t0).toFixed(0)} ms; ` +
        `${redraws} redraws carrying ${drawn.toLocaleString('en')} messages, the rest counted)`,
    );
    console.log(
      `subscribe: ring of ${CAPACITY.toLocaleString('en')} holds ${sub.messages().length.toLocaleString('en')} ` +
        `messages, ${sub.dropped.toLocaleString('en')} dropped; ` +
        `heap held after GC: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB` +
        `${gc ? '' : ' (run with --expose-gc for a settled figure)'}`,
    );
    await session.stop(run.id);

    // Steady 10,000 msg/s: each payload carries its send time; the view's delay is measured on delivery.
    const steady = await session.subscribe('bench.steady');
    const delays: number[] = [];
    let steadyRedraws = 0;
    let perRedraw = 0;
    onBatches = (batches) => {
      steadyRedraws++;
      const now = performance.now();
      for (const b of batches) {
        perRedraw = Math.max(perRedraw, b.messages.length);
        for (const m of b.messages) delays.push(now - Number(m.payload));
      }
    };
    const start = performance.now();
    let sent = 0;
    while (sent < STEADY_RATE * STEADY_SECONDS) {
      const due = Math.floor(((performance.now() - start) / 1000) * STEADY_RATE);
      for (; sent < Math.min(due, STEADY_RATE * STEADY_SECONDS); sent++)
        publisher.publish('bench.steady', String(performance.now()));
      await new Promise((r) => setTimeout(r, 5));
    }
    await publisher.flush();
    while (steady.subscription!.received < sent) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 250));
    delays.sort((a, b) => a - b);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `subscribe: steady ${STEADY_RATE.toLocaleString('en')} msg/s for ${STEADY_SECONDS} s: ` +
        `${steady.subscription!.received.toLocaleString('en')} received, ` +
        `${(steadyRedraws / seconds).toFixed(1)} redraws/s, at most ${perRedraw} messages per redraw, ` +
        `publish→view delay p50 ${delays[Math.floor(delays.length / 2)].toFixed(0)} ms, ` +
        `p99 ${delays[Math.floor(delays.length * 0.99)].toFixed(0)} ms`,
    );
  } finally {
    await session.disconnect();
    session.dispose();
    await publisher.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(`subscribe bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
