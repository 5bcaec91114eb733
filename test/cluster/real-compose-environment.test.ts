// A Compose service's variables, judged by a real nats-server: `.env` and `${NAME:-default}` in the
// command, `env_file:`, `environment:` and `hostname:` in the container's environment. Each service
// runs `nats-server -t` with exactly the arguments and the environment the checker computes (PATH
// added so that it runs), and the checker's errors must match its verdict: none where it accepts
// the config, and its own message where it refuses it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { composeDiagnostics, composeServices } from '../../server/src/service/deploy/compose';
import { composeVariables, containerEnvironment } from '../../server/src/service/deploy/composeVariables';
import { nodeHost } from '../../server/src/node/nodeHost';
import { isUnknownValue } from '../../server/src/service/variables';
import { readYamlFile } from '../../server/src/service/yaml/yamlFile';

const hasServer = spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;

const CONF = [
  'authorization { token: $TOKEN }',
  'server_name: $SERVER_NAME',
  'max_payload: $MAX_PAYLOAD',
  'cluster { name: $CLUSTER, port: -1 }',
  '',
].join('\n');

const COMPOSE = `services:
  # Everything from the environment Compose gives the container.
  full:
    image: "nats:\${NATS_TAG:-2.9.10}"
    command: ["-c", "/etc/nats/nats.conf", "-p", "\${CLIENT_PORT:-4222}", "-m", "\${MONITOR_PORT}"]
    hostname: nats-full
    env_file: nats.env
    environment:
      - TOKEN
      - SERVER_NAME=$$HOSTNAME
      - CLUSTER=\${CLUSTER_NAME:-demo}
    volumes:
      - \${CONF_DIR:-./conf}/full.conf:/etc/nats/nats.conf
  # The same config, and no environment for it: nats-server refuses it.
  bare:
    image: "nats:2.9.10"
    command: ["-c", "/etc/nats/nats.conf"]
    volumes:
      - ./conf/bare.conf:/etc/nats/nats.conf
`;

describe(
  'Compose variables and environments, judged by nats-server -t',
  { skip: !hasServer && 'no nats-server' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-env-'));
    fs.mkdirSync(path.join(dir, 'conf'));
    for (const name of ['full', 'bare']) fs.writeFileSync(path.join(dir, 'conf', `${name}.conf`), CONF);
    fs.writeFileSync(path.join(dir, 'nats.env'), 'MAX_PAYLOAD=2MB\n');
    fs.writeFileSync(path.join(dir, '.env'), 'MONITOR_PORT=8222\nTOKEN="s3cr3t-token"\n');
    const composePath = path.join(dir, 'docker-compose.yaml');
    fs.writeFileSync(composePath, COMPOSE);
    const host = nodeHost({});
    const file = readYamlFile(composePath, COMPOSE);
    const vars = composeVariables(composePath, host);
    const services = composeServices(file, vars);
    const found = composeDiagnostics(file, host);

    /** nats-server -t as the container runs it: the config at its host path, the computed environment. */
    function serverVerdict(name: string): { status: number | null; output: string } {
      const service = services.find((s) => s.name === name)!;
      const env = containerEnvironment(service.environment, service.hostname, vars, host)!;
      const known = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && !isUnknownValue(v)));
      const args = service.args!.map((w) => (w.text === '/etc/nats/nats.conf' ? service.config!.hostPath! : w.text));
      const run = spawnSync('nats-server', ['-t', ...args], {
        env: { ...known, PATH: process.env.PATH } as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: 20_000,
      });
      return { status: run.status, output: run.stdout + run.stderr };
    }

    test('the variables are read as Compose reads them', () => {
      const full = services.find((s) => s.name === 'full')!;
      assert.deepEqual(
        full.args!.map((w) => w.text),
        ['-c', '/etc/nats/nats.conf', '-p', '4222', '-m', '8222'],
      );
      assert.equal(full.config?.hostPath, path.join(dir, 'conf', 'full.conf'));
      assert.equal(`${full.version.major}.${full.version.minor}.${full.version.patch}`, '2.9.10');
    });

    test('with the environment Compose gives it, nats-server accepts the config; the checker finds no error', () => {
      const verdict = serverVerdict('full');
      assert.equal(verdict.status, 0, verdict.output);
      assert.deepEqual(
        found.filter((d) => d.severity === 'error' && !d.file.endsWith('bare.conf')),
        [],
      );
    });

    test('without it, nats-server refuses the config with the message the checker gives', () => {
      const verdict = serverVerdict('bare');
      assert.notEqual(verdict.status, 0);
      const first = found.find((d) => d.code === 'variable-undefined' && d.file.endsWith('bare.conf'));
      assert.ok(first, JSON.stringify(found));
      assert.ok(verdict.output.includes(first.message), `${first.message}\nnot in\n${verdict.output}`);
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));
  },
);
