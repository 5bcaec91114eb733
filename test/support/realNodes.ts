// Node configs on disk, judged by the cross-node checks and then started as real nats-server
// processes from the same files: what the real-server tests of test/cluster share.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type Severity } from '../../server/src/service';
import { nodeHost } from '../../server/src/node/nodeHost';
import { NATS_SERVER, freePorts } from './nats-server';

/** The cross-node findings of the files in `dir` (nats-server's working directory), as `file:line code`. */
export function judgeNodes(
  dir: string,
  paths: string[],
  severities: readonly Severity[] = ['error', 'warning', 'information', 'hint'],
): string[] {
  const service = createLanguageService({ host: nodeHost({}, dir) });
  const models = paths.map((p) => service.check({ path: p, text: fs.readFileSync(p, 'utf8') }).model);
  return service
    .cluster(models)
    .filter((d) => severities.includes(d.severity))
    .map((d) => `${path.basename(d.file)}:${d.range.start.line + 1} ${d.code}`)
    .sort();
}

/** nats-server processes started from config files, all stopped together. */
export class ServerGroup {
  private readonly servers: ChildProcess[] = [];

  constructor(private readonly dir: string) {}

  start(paths: string[]): void {
    for (const p of paths) this.servers.push(spawn(NATS_SERVER, ['-c', p], { cwd: this.dir, stdio: 'ignore' }));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers
        .splice(0)
        .map((s) => new Promise((r) => (s.exitCode !== null ? r(0) : (s.once('exit', r), s.kill('SIGKILL'))))),
    );
  }
}

/** The ports of a node on 127.0.0.1. */
export interface NodePorts {
  client: number;
  cluster: number;
  http: number;
}

/** The ports of `count` nodes, all distinct. */
export async function nodePorts(count: number): Promise<NodePorts[]> {
  const ports = await freePorts(3 * count);
  return Array.from({ length: count }, (_, i) => ({
    client: ports[3 * i],
    cluster: ports[3 * i + 1],
    http: ports[3 * i + 2],
  }));
}

/**
 * A node on 127.0.0.1 in cluster `cluster`, routing to the given cluster ports; `clusterLines`
 * go into its cluster block before the routes (from line 8).
 */
export function loopbackNode(
  name: string,
  p: NodePorts,
  routes: number[],
  cluster: string,
  clusterLines: string[] = [],
): string {
  return [
    `server_name: ${name}`,
    'host: 127.0.0.1',
    `port: ${p.client}`,
    `http: 127.0.0.1:${p.http}`,
    'cluster {',
    `  name: ${cluster}`,
    `  listen: 127.0.0.1:${p.cluster}`,
    ...clusterLines.map((l) => `  ${l}`),
    '  routes: [',
    ...routes.map((r) => `    nats-route://127.0.0.1:${r}`),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Writes the files into `dir`; their paths. */
export function writeFiles(dir: string, files: Record<string, string>): string[] {
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}
