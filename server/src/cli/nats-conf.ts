// `nats-conf`: the language service's checks for CI pipelines and pre-commit hooks.
//   nats-conf check [--format text|json] [--server-version X.Y[.Z]] FILE...
//     (FILE: nats-server configs, and the deployment around them: Kubernetes manifests, Compose
//     files and Helm values as .yaml/.yml, `helm --set` lines in .sh/.md files)
//   nats-conf health ... (a live cluster's health; see health.ts)
//   nats-conf drift ... FILE... (the running cluster against its configs; see drift.ts)
//   nats-conf jetstream ... (streams, consumers, buckets, object stores; see jetstream.ts)
// Exit 0: no errors; 1: errors found; 2: usage or I/O problem.

import { closestFindingCode, isFindingCode } from '../service/findingCodes';
import {
  Diagnostic,
  createLanguageService,
  compareDiagnostics,
  formatVersion,
  isSupportedVersion,
  parseServerVersion,
  NEWEST_VERSION,
  ServerVersion,
  type ConfigModel,
} from '../service';
import * as path from 'node:path';
import { fileStatus, nodeHost, readTextFile } from '../node/nodeHost';
import { PACKAGE_VERSION } from '../node/packageVersion';
import { findFiles, globToRegExp } from '../node/files';
import { formatJson, formatText, type Unreadable } from './output';
import { fileKind, includedByOthers } from '../service/deploy/deployment';
import { shortUsage, splitFlag } from './usage';

const USAGE =
  `usage: nats-conf check [--format text|json] [--server-version X.Y[.Z]] ` +
  `[--cwd DIR] [--disable CODE,...] [--nodes GLOB] [--no-cluster] FILE...

Checks nats-server configuration files the way nats-server reads them, and the deployment
around them: Kubernetes manifests, Docker Compose files and nats Helm chart values (.yaml,
.yml), \`helm --set\` lines in scripts and READMEs (.sh, .md), all checked together.
  --format text|json        output format (default: text)
  --server-version X.Y[.Z]  the nats-server release to judge ` +
  `by (default: ${NEWEST_VERSION.major}.${NEWEST_VERSION.minor})
  --cwd DIR                 the directory nats-server runs in: relative TLS, JWT and
                            credentials paths resolve against it (default: the current one)
  --disable CODE,...        do not report these finding codes
  --nodes GLOB              also check the node configs matching GLOB (e.g. 'deploy/**/nats.conf')
  --no-cluster              do not check the files together as the nodes of a cluster
Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem.

nats-conf health --help: a live cluster's health.
nats-conf drift --help: the running cluster against its config files.
nats-conf jetstream --help: streams, consumers, key-value buckets and object stores of a running server.
nats-conf --version: the version of nats-conf.`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

class UsageError extends Error {}

interface CheckArgs {
  format: 'text' | 'json';
  version: ServerVersion;
  files: string[];
  cwd: string | undefined;
  disable: string[];
  cluster: boolean;
  /** Globs of further node configs to check with the files. */
  nodes: string[];
}

function parseArgs(argv: string[]): CheckArgs | 'help' | 'version' {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command === '--version' || command === '-V') return 'version';
  if (command.startsWith('-')) throw new UsageError(`unknown option '${command}'`);
  if (command !== 'check') throw new UsageError(`unknown command '${command}'`);
  const args: CheckArgs = {
    format: 'text',
    version: NEWEST_VERSION,
    files: [],
    cwd: undefined,
    disable: [],
    cluster: true,
    nodes: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = splitFlag(a);
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--version' || flag === '-V') return 'version';
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`);
      args.format = f;
    } else if (flag === '--server-version') {
      const v = value();
      const parsed = parseServerVersion(v);
      if (!parsed || !isSupportedVersion(parsed))
        throw new UsageError(`--server-version: '${v}' is not a nats-server release from 2.9 on (e.g. 2.9, 2.10.7)`);
      args.version = parsed;
    } else if (flag === '--cwd') {
      args.cwd = value();
    } else if (flag === '--nodes') {
      args.nodes.push(value());
    } else if (flag === '--no-cluster') {
      args.cluster = false;
    } else if (flag === '--disable') {
      for (const code of value()
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '')) {
        if (!isFindingCode(code)) {
          const near = closestFindingCode(code);
          throw new UsageError(
            `--disable: no finding has the code '${code}'${near ? ` (did you mean '${near}'?)` : ''}`,
          );
        }
        args.disable.push(code);
      }
    } else if (flag === '--') {
      args.files.push(...rest.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option '${flag}'`);
    else args.files.push(a);
  }
  if (args.files.length === 0 && args.nodes.length === 0) throw new UsageError('no files to check');
  return args;
}

export function runCli(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): number {
  let args: CheckArgs | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`nats-conf: ${err.message}\n${shortUsage(USAGE, 'nats-conf')}\n`);
    return 2;
  }
  if (args === 'version') {
    io.stdout(`nats-conf ${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (args === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (args.cwd !== undefined && fileStatus(args.cwd) !== 'directory') {
    io.stderr(`nats-conf: --cwd ${args.cwd}: not a directory\n`);
    return 2;
  }
  const host = nodeHost(env, args.cwd ? path.resolve(args.cwd) : process.cwd());
  // --nodes GLOB: node configs found under the current directory, checked with the files given
  // (a set: a repository's thousands of configs are no quadratic search).
  const listed = new Set(args.files);
  for (const glob of args.nodes) {
    const pattern = globToRegExp(glob.replace(/^\.\//, ''));
    const matched = findFiles('.', (rel) => pattern.test(rel)).map((f) => path.normalize(f));
    if (matched.length === 0) io.stderr(`nats-conf: --nodes ${glob}: no file matches\n`);
    for (const f of matched) {
      if (listed.has(f)) continue;
      listed.add(f);
      args.files.push(f);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const models: ConfigModel[] = [];
  const unreadable: Unreadable[] = [];
  const add = (d: Diagnostic) => {
    // A file included by several checked files is reported once.
    const id = `${d.file}\0${d.range.start.line}\0${d.range.start.character}\0${d.code}\0${d.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    diagnostics.push(d);
  };
  const service = createLanguageService({
    host,
    version: args.version,
    rules: Object.fromEntries(args.disable.map((code) => [code, 'off'])),
  });
  const read: { path: string; text: string }[] = [];
  for (const file of args.files) {
    // A file named here may be a pipe (`nats-conf check /dev/stdin < nats.conf`); includes may not.
    const content = readTextFile(file, { streams: true });
    if ('error' in content) {
      io.stderr(`nats-conf: cannot read ${file}: ${content.error}\n`);
      unreadable.push({ file, message: content.error });
      continue;
    }
    read.push({ path: file, text: content.text });
  }
  let skipped = 0;
  if (read.some((f) => fileKind(f.path) !== 'config')) {
    // Manifests among the files: the deployment checked as a whole (its configs, nodes and plain configs together).
    const result = service.deployment(read, { cluster: args.cluster, syntaxOfAll: true });
    for (const { file, note } of result.skipped) io.stderr(`nats-conf: ${file}: ${note}\n`);
    skipped = result.skipped.length;
    result.diagnostics.forEach(add);
  } else {
    const results = read.map((file) => ({ file: file.path, ...service.check(file) }));
    // A file another one includes is read inside it (its findings come with its includer's), not as a node.
    const fragments = includedByOthers(results);
    for (const result of results) {
      if (fragments.has(path.resolve(result.file))) continue;
      models.push(result.model);
      result.diagnostics.forEach(add);
    }
    // The files given together are the nodes of a cluster: check them across.
    if (args.cluster) service.cluster(models).forEach(add);
  }
  diagnostics.sort(compareDiagnostics);
  const checked = args.files.length - unreadable.length - skipped;
  io.stdout(
    args.format === 'json'
      ? formatJson(diagnostics, unreadable)
      : formatText(diagnostics, checked, formatVersion(args.version), unreadable.length),
  );
  if (unreadable.length) return 2;
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The process entry point (bin/nats-conf.js). */
export async function main(): Promise<void> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  let code: number;
  const io: CliIO = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  const argv = process.argv.slice(2);
  try {
    // The live commands load the NATS client only when used: \`check\` stays quick to start.
    const live = () => require('./live') as typeof import('./live');
    if (argv[0] === 'health') code = await live().runHealth(argv.slice(1), io);
    else if (argv[0] === 'drift') code = await live().runDrift(argv.slice(1), io);
    else if (argv[0] === 'jetstream') code = await live().runJetStream(argv.slice(1), io);
    else code = runCli(argv, io);
  } catch (err) {
    // A bug must still end in one clear line, never a stack trace.
    process.stderr.write(`nats-conf: internal error: ${(err as Error)?.message ?? err}\n`);
    code = 2;
  }
  process.exitCode = outputFailed ? 2 : code;
}

/**
 * A reader that stops early (`nats-conf check … | head -1`) closes the pipe: the rest of the
 * output has nowhere to go, and that is no error to report, so the command ends as it would
 * have, with its own exit status. Any other failure to write is an I/O problem (status 2),
 * with nowhere to say so.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') outputFailed = true;
    if (outputFailed) process.exitCode = 2;
  });
}

let outputFailed = false;

if (require.main === module) void main();
