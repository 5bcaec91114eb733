// `nats-language-server --stdio` (or --node-ipc when VS Code starts it, --socket, --pipe);
// --help and --version for a person at a terminal.

import { USAGE, parseCommandLine } from './commandLine';
import { connect, guardProcess } from './connection';
import { startServer } from './server';
import { PACKAGE_VERSION as version } from '../node/packageVersion';

const invocation = parseCommandLine(process.argv.slice(2));
switch (invocation.kind) {
  case 'help':
    process.stdout.write(USAGE);
    break;
  case 'version':
    process.stdout.write(`nats-language-server ${version}\n`);
    break;
  case 'wrong':
    process.stderr.write(
      `nats-language-server: ${invocation.message}\n${USAGE.split('\n')[0]}\n(--help: what each means)\n`,
    );
    process.exitCode = 2;
    break;
  case 'run':
    guardProcess();
    startServer(connect(invocation.transport));
    break;
}
