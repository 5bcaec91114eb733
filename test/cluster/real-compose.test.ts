// The guide's Compose services as real nats-server processes, with exactly the flags of their
// `command:` as the checker parses them, in a private network and mount namespace whose hosts file
// makes each service name resolve to its own loopback address (as Docker's DNS does). Since all
// services share one machine here, each gets its own address: `-a 127.0.0.1x` is added (client and
// monitoring ports bind there, not on every address) and `--cluster nats://0.0.0.0:6222` becomes
// `nats://127.0.0.1x:6222`; nothing else changes. /routez (curl from inside) shows that they route
// fully, and that the variants the checker flags split the cluster as it predicts.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { composeDiagnostics, composeServices } from '../../server/src/service/deploy/compose';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';
import { memoryHost } from '../support/service';
import { guideYaml } from '../support/guide';

const PATH = '/proj/docker-compose.yaml';

/** The guide's docker-compose.yaml, verbatim. */
const guideCompose = () => guideYaml('docker-compose.yaml');

const canIsolate =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-n', '-m', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 }).status ===
    0 &&
  spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs every service of `yaml` and reads each one's /routez: after `want` holds (or 8 s pass),
 * then again `settle` seconds later, so that a route that could connect would have (nats-server
 * retries every second).
 */
function run(yaml: string, want: number[], settle: number): { counts: number[]; names: string[] } {
  const services = composeServices(readYamlFile(PATH, yaml));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-compose-'));
  const hosts = services.map((s, i) => `127.0.0.${11 + i} ${s.hostNames.join(' ')}`).join('\n');
  fs.writeFileSync(path.join(dir, 'hosts'), `127.0.0.1 localhost\n${hosts}\n`);
  const starts = services.map((s, i) => {
    const ip = `127.0.0.${11 + i}`;
    const args = s.args!.map((w) => w.text.replace('nats://0.0.0.0:', `nats://${ip}:`));
    const log = quote(path.join(dir, s.name + '.log'));
    return `nats-server -a ${ip} ${args.map(quote).join(' ')} >${log} 2>&1 & pids="$pids $!"`;
  });
  const read = services
    .map(
      (_, i) =>
        `$(curl -s -m 1 http://127.0.0.${11 + i}:8222/routez | grep -o '"num_routes": *[0-9]*' ` +
        "| grep -o '[0-9]*$' || echo -1)",
    )
    .join(' ');
  const script = [
    `mount --bind ${quote(path.join(dir, 'hosts'))} /etc/hosts`,
    'ip link set lo up',
    'pids=""',
    ...starts,
    'i=0',
    `while [ $i -lt 40 ]; do counts="${read}"; [ "$(echo $counts)" = "${want.join(' ')}" ] && break;`,
    'sleep 0.2; i=$((i+1)); done',
    `sleep ${settle}`,
    `echo "counts: ${read}"`,
    'kill $pids; wait',
  ].join('\n');
  try {
    const out = spawnSync('unshare', ['-n', '-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 30_000 });
    const line = /counts: (.*)/.exec(out.stdout)?.[1] ?? '';
    return { counts: line.trim().split(/\s+/).map(Number), names: services.map((s) => s.name) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const codes = (yaml: string) => composeDiagnostics(readYamlFile(PATH, yaml), memoryHost({})).map((d) => d.code);

describe(
  'the guide’s Compose services as real nats-servers',
  { skip: !canIsolate && 'needs root, unshare and nats-server' },
  () => {
    const yaml = guideCompose();

    test('no finding, and they route fully: two routes each', () => {
      assert.deepEqual(codes(yaml), []);
      assert.deepEqual(run(yaml, [2, 2, 2], 0).counts, [2, 2, 2]);
    });

    test('routes to a service that does not exist (nats-4): flagged, and nats-3 is left alone', () => {
      const broken = yaml
        .replaceAll('nats://nats-3:6222', 'nats://nats-4:6222')
        .replace('--routes nats://nats-1:6222,nats://nats-2:6222', '--routes nats://nats-4:6222');
      const found = codes(broken);
      assert.equal(found.filter((c) => c === 'compose-route-host').length, 3, found.join(' '));
      assert.deepEqual(run(broken, [1, 1, 0], 2).counts, [1, 1, 0]);
    });

    test('a differing --cluster_name: flagged, and nats-3 is refused by the others', () => {
      const broken = yaml.replace(
        '--name nats-3\n      --cluster_name my-cluster',
        '--name nats-3\n      --cluster_name other',
      );
      assert.ok(codes(broken).includes('cluster-name'));
      assert.deepEqual(run(broken, [1, 1, 0], 2).counts, [1, 1, 0]);
    });
  },
);
