// The measurements of bench/inprocess-bench.ts, in a process of their own: the check of the 3.6 MB
// config (2,000 accounts × 10 users) against JSON.parse of the same data written as JSON, the garbage
// collector's share of the check (its pauses, as V8 reports them), and the check after a
// one-character edit, as the language server does it while someone types. Run bundled (as the CLI
// and the language server ship) or from the sources through tsx; prints its figures as JSON.

import { PerformanceObserver } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/service';
import { nodeHost } from '../server/src/node/nodeHost';
import { generateUsersConfig, usersConfigAsData } from './generate';

const RUNS = 7;
const users = '/bench/users-3.6mb.conf';
const host = nodeHost({});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const usersText = generateUsersConfig();

  const asJson = JSON.stringify(usersConfigAsData());
  const gcMs: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcMs.push(e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const checkMs: number[] = [];
  const gcShare: number[] = [];
  const parseMs: number[] = [];
  createLanguageService({ host }).check({ path: users, text: usersText });
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    JSON.parse(asJson);
    parseMs.push(performance.now() - t0);
  }
  for (let i = 0; i < RUNS; i++) {
    await new Promise((r) => setTimeout(r, 20)); // the observer delivers the last run's pauses
    gcMs.length = 0;
    const t0 = performance.now();
    createLanguageService({ host }).check({ path: users, text: usersText });
    const took = performance.now() - t0;
    checkMs.push(took);
    await new Promise((r) => setTimeout(r, 20));
    gcShare.push(gcMs.reduce((a, b) => a + b, 0) / took);
  }
  observer.disconnect();

  // Someone typing in the file: each version checked after a one-character edit inside an account's
  // users list, as the language server does after the typing pause (only the list is read again, and
  // the other accounts' findings are taken over).
  const typing = createLanguageService({ host, incremental: true }); // as the language server's
  const at = usersText.indexOf('password: "pw-7-3-');
  let text = usersText;
  typing.check({ path: users, text, version: 0 });
  const editMs: number[] = [];
  const rereadMs: number[] = [];
  for (let version = 1; version <= RUNS * 3; version++) {
    text = text.slice(0, at) + String(version % 10) + text.slice(at);
    const t0 = performance.now();
    typing.read({ path: users, text, version });
    rereadMs.push(performance.now() - t0);
    typing.check({ path: users, text, version });
    editMs.push(performance.now() - t0);
  }
  const figures: InProcessFigures = {
    checkMs: median(checkMs),
    jsonParseMs: median(parseMs),
    jsonMb: asJson.length / 1e6,
    gcShare: median(gcShare),
    editMs: median(editMs),
    rereadMs: median(rereadMs),
  };
  process.stdout.write(JSON.stringify(figures));
}

export interface InProcessFigures {
  checkMs: number;
  jsonParseMs: number;
  jsonMb: number;
  gcShare: number;
  editMs: number;
  rereadMs: number;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
