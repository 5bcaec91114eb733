// `nats-conf drift`: the running cluster against its node configs, printed like `check`.
//   nats-conf drift [--monitor URL,...] [--server URL,...] [--context NAME] [--format text|json] FILE...
// Exit 0: no difference; 1: differences; 2: nothing answers, a config nats-server cannot read,
// usage or I/O problem.

import * as path from 'node:path';
import {
  createLanguageService,
  compareDiagnostics,
  formatVersion,
  type Diagnostic,
  isSupportedVersion,
  parseServerVersion,
  NEWEST_VERSION,
  type ConfigModel,
} from '../service';
import { nodeHost, readTextFile } from '../node/nodeHost';
import { driftDiagnostics } from '../live/drift';
import { nodeOf } from '../service/cluster/nodes';
import { gatherHealth, liveArgsOrExit } from './health';
import type { CliIO } from './nats-conf';
import { formatJson, formatText } from './output';

const DRIFT_USAGE =
  `usage: nats-conf drift [--monitor URL,...] [--server URL,...] ` +
  `[--context NAME] [--format text|json] [--timeout MS] FILE...

Compares the running nodes (matched by server_name) with their config files: nodes not running,
cluster name, JetStream on or off, routes configured but not connected, and the limits /varz
reports (max_payload, max_connections, max_pending, max_control_line, ping_interval, ping_max,
write_deadline) where a config sets them. Connection options as for 'nats-conf health'.
A config nats-server cannot read (syntax, variables, includes) is not compared: its errors are
printed as 'nats-conf check' prints them, and the cluster is not asked.
Exit status: 0 no difference, 1 differences, 2 nothing answers, a config that cannot be read,
usage or I/O problem.`;

export async function runDrift(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = liveArgsOrExit(argv, 'drift', DRIFT_USAGE, io);
  if (typeof args === 'number') return args;
  const host = nodeHost(env, process.cwd());
  const models: ConfigModel[] = [];
  // The errors of configs nats-server could not read at all (syntax, variables, includes).
  const unreadable: { file: string; errors: Diagnostic[] }[] = [];
  const service = createLanguageService({ host });
  for (const file of args.files) {
    const content = readTextFile(file);
    if ('error' in content) {
      io.stderr(`nats-conf drift: cannot read ${file}: ${content.error}\n`);
      return 2;
    }
    const checked = service.check({ path: path.normalize(file), text: content.text });
    models.push(checked.model);
    if (checked.model.root.hasErrors)
      unreadable.push({
        file,
        errors: checked.diagnostics.filter((d) => d.origin === 'server' && d.severity === 'error'),
      });
  }
  // No node can be running such a config, and what is missing from it would show as differences:
  // its own errors are the answer, and the cluster is not asked.
  if (unreadable.length) {
    const errors = unreadable.flatMap((u) => u.errors).sort(compareDiagnostics);
    io.stdout(
      args.format === 'json'
        ? formatJson(errors)
        : formatText(errors, unreadable.length, formatVersion(NEWEST_VERSION)),
    );
    io.stderr(
      `nats-conf drift: nats-server cannot read ${unreadable.map((u) => u.file).join(', ')}: ` +
        `fix ${unreadable.length === 1 ? 'its' : 'their'} errors, then compare.\n`,
    );
    return 2;
  }
  const health = await gatherHealth(args, 'drift', io, env, names(models));
  if (typeof health === 'number') return health;
  const diagnostics = driftDiagnostics(models, health).sort(compareDiagnostics);
  const running = parseServerVersion(health.nodes[0].version);
  const version =
    running && isSupportedVersion(running)
      ? health.nodes[0].version
      : `${NEWEST_VERSION.major}.${NEWEST_VERSION.minor}`;
  io.stdout(
    args.format === 'json'
      ? formatJson(diagnostics)
      : formatText(diagnostics, args.files.length, `${version}, running`),
  );
  return diagnostics.length ? 1 : 0;
}

/** The server_names the configs give, for $SYS to know who is missing. */
function names(models: ConfigModel[]): string[] {
  return models.map((m) => nodeOf(m).name).filter((n): n is string => n !== undefined);
}
