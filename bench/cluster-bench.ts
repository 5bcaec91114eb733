// Cross-node checks at scale (issue 16's goal: 100 node configs checked together in under
// 100 ms, in process): 100 node configs, each with routes to all the others (9,900 route URLs).
// Prints the whole check (every file read and validated, then checked together) as the median of
// several runs after a warm-up, its two parts (the per-file check and the cluster pass), and the
// first, cold run.

import { createLanguageService, type ConfigHost } from '../server/src/service';

const N = 100;
const WARM_UP = 2;
const RUNS = 9;
const GOAL_MS = 100;

const files = new Map<string, string>();
for (let i = 0; i < N; i++) {
  const routes = Array.from({ length: N }, (_, j) => j)
    .filter((j) => j !== i)
    .map((j) => `    nats-route://route:secret@nats-${j}.example.com:6222`);
  files.set(
    `nats-${i}.conf`,
    `server_name: nats-${i}\n` +
      'host: 0.0.0.0\n' +
      'port: 4222\n' +
      'http_port: 8222\n' +
      'cluster {\n' +
      '  name: big\n' +
      '  port: 6222\n' +
      '  authorization { user: route, password: secret }\n' +
      '  routes: [\n' +
      `${routes.join('\n')}\n` +
      '  ]\n' +
      '}\n' +
      'jetstream { store_dir: /data/js }\n',
  );
}
const host: ConfigHost = {
  env: {},
  readFile: (p) => (files.has(p) ? { text: files.get(p)! } : { error: 'no such file or directory' }),
};

interface Run {
  /** Reading and checking each file on its own. */
  read: number;
  /** The cross-node checks over the models read. */
  cluster: number;
  whole: number;
  findings: number;
}

function run(): Run {
  const t0 = performance.now();
  // A new service each run: the timing is of reading and checking, not of its cache.
  const service = createLanguageService({ host });
  const models = [...files].map(([path, text]) => service.check({ path, text }).model);
  const t1 = performance.now();
  const found = service.cluster(models);
  const t2 = performance.now();
  return { read: t1 - t0, cluster: t2 - t1, whole: t2 - t0, findings: found.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const first = run();
for (let i = 1; i < WARM_UP; i++) run();
const runs = Array.from({ length: RUNS }, run);
const [whole, read, cluster] = [runs.map((r) => r.whole), runs.map((r) => r.read), runs.map((r) => r.cluster)].map(
  median,
);
const share = (part: number) => `${((100 * part) / (read + cluster)).toFixed(0)}%`;
console.log(
  `cluster: ${N} node configs, cross-node checks: ${ms(whole)} in process (goal < ${GOAL_MS} ms); ` +
    `median of ${RUNS} runs after ${WARM_UP} warm-up, ${N - 1} routes each`,
);
console.log(
  `  per-file check (${N} files read and validated): ${ms(read)} (${share(read)}); ` +
    `cluster pass: ${ms(cluster)} (${share(cluster)})`,
);
console.log(
  `  first run: ${ms(first.whole)} (per-file check ${ms(first.read)}, cluster pass ${ms(first.cluster)}); ` +
    `${first.findings} cluster findings`,
);
