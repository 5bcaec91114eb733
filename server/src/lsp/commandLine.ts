// nats-language-server's arguments: the transport an editor starts it with, or --help and
// --version for a person at a terminal.

export type Transport =
  | { kind: 'stdio' }
  | { kind: 'node-ipc' }
  /** Connects to a port the client listens on (vscode-languageclient's socket transport). */
  | { kind: 'socket'; port: number }
  /** Connects to a named pipe or Unix socket the client listens on. */
  | { kind: 'pipe'; name: string };

type Invocation =
  { kind: 'run'; transport: Transport } | { kind: 'help' } | { kind: 'version' } | { kind: 'wrong'; message: string };

export const USAGE = `usage: nats-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The language server for nats-server configuration files (LSP). Editors start it; it talks
LSP on the channel named:
  --stdio          standard input and output (what most editors use)
  --node-ipc       Node.js IPC (what VS Code uses)
  --socket=PORT    connects to 127.0.0.1:PORT, where the editor listens
  --pipe=NAME      connects to the named pipe or Unix socket NAME
  --clientProcessId=PID  exit when that process is gone
  --version        print the version
  --help           print this help
`;

/** Reads the arguments (without node and the script). */
export function parseCommandLine(args: readonly string[]): Invocation {
  let transport: Transport | undefined;
  const choose = (t: Transport): Invocation | undefined => {
    if (transport && transport.kind !== t.kind)
      return { kind: 'wrong', message: `--${transport.kind} and --${t.kind}: give one channel` };
    transport = t;
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    // --socket N and --pipe N as well as --socket=N: vscode-languageserver reads both.
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    let wrong: Invocation | undefined;
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--version':
      case '-v':
        return { kind: 'version' };
      case '--stdio':
        wrong = choose({ kind: 'stdio' });
        break;
      case '--node-ipc':
        wrong = choose({ kind: 'node-ipc' });
        break;
      case '--socket': {
        const v = value();
        const port = Number(v);
        if (!v || !Number.isInteger(port) || port <= 0 || port > 65535)
          return { kind: 'wrong', message: `--socket: '${v ?? ''}' is not a port number` };
        wrong = choose({ kind: 'socket', port });
        break;
      }
      case '--pipe': {
        const v = value();
        if (!v) return { kind: 'wrong', message: '--pipe: give the pipe name (--pipe=NAME)' };
        wrong = choose({ kind: 'pipe', name: v });
        break;
      }
      case '--clientProcessId': {
        // vscode-languageserver watches that process itself (it reads the argument on loading).
        const v = value();
        if (!v || !/^\d+$/.test(v))
          return { kind: 'wrong', message: `--clientProcessId: '${v ?? ''}' is not a process id` };
        break;
      }
      default:
        return { kind: 'wrong', message: `unknown argument '${arg}'` };
    }
    if (wrong) return wrong;
  }
  if (!transport)
    return {
      kind: 'wrong',
      message: 'no channel given: editors start it with --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)',
    };
  return { kind: 'run', transport };
}
