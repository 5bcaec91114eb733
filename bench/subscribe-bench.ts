// A subscription under a flood: 100,000 messages published as fast as one publisher can, into
// the ring a subscription view reads (10,000 kept). Prints the rate the subscription keeps up
// with and the memory it holds, against a real nats-server on 127.0.0.1.

import { connect } from '@nats-io/transport-node';
import { subscribe } from '../server/src/live/messaging';
import { startServer } from '../test/support/nats-server';

const TOTAL = 100_000;
const CAPACITY = 10_000;

async function main(): Promise<void> {
  const server = await startServer((port) => `listen: 127.0.0.1:${port}\nmax_pending: 256MB\n`);
  const viewer = await connect({ servers: server.url });
  const publisher = await connect({ servers: server.url });
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const sub = await subscribe(viewer, 'bench.flood', { capacity: CAPACITY });
    const payload = JSON.stringify({ id: 0, kind: 'order', items: [1, 2, 3], note: 'x'.repeat(60) });
    let last = 0;
    const done = new Promise<void>((resolve) => {
      sub.onMessage = () => {
        if (sub.received === TOTAL) {
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
      `subscribe: ${TOTAL.toLocaleString('en')} messages (${payload.length} B JSON each) → ${Math.round(rate).toLocaleString('en')} msg/s received and formatted (publisher done in ${(published - t0).toFixed(0)} ms, all received in ${(last - t0).toFixed(0)} ms; goal: smooth at 10,000 msg/s)`,
    );
    console.log(`subscribe: ring of ${CAPACITY.toLocaleString('en')} holds ${sub.messages().length.toLocaleString('en')} messages, ${sub.dropped.toLocaleString('en')} dropped; heap held after GC: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
    await sub.stop();
  } finally {
    await viewer.close();
    await publisher.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(`subscribe bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
