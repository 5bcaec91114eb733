// nats-language-server as a process: its arguments, the transports editors start it with,
// and its life: shutdown, exit, and the editor going away.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { REPO } from '../support/cli';
import { LANGUAGE_SERVER, frame, launchRawLanguageServer, responseTo, type RawLanguageServer } from '../support/lsp';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [LANGUAGE_SERVER, ...args], { cwd: REPO, encoding: 'utf8', timeout: 10_000 });
const initializeMessage = (id: number) => ({
  id,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});
/** No stack trace, no bundled source: what a person may see on stderr. */
const assertNoTrace = (stderr: string) => {
  assert.doesNotMatch(stderr, /^\s+at /m, stderr.slice(0, 500));
  assert.ok(stderr.length < 1000, `${stderr.length} bytes on stderr: ${stderr.slice(0, 300)}`);
};
const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  );
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
};

describe('nats-language-server: the command line', () => {
  test('--help prints a short usage and exits 0', () => {
    const r = run('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: nats-language-server --stdio/);
    assert.ok(r.stdout.length < 1500, r.stdout.slice(0, 300));
    assert.equal(r.stderr, '');
  });

  test("--version prints the server package's version and exits 0", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'server', 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = run('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `nats-language-server ${version}\n`);
  });

  test('an unknown argument, or none: one line saying so, the usage line, exit 2', () => {
    for (const args of [['--bogus'], [], ['--socket=port']]) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^nats-language-server: .+\nusage: nats-language-server --stdio/);
      assertNoTrace(r.stderr);
    }
  });

  test("--node-ipc: VS Code's channel answers initialize", async () => {
    const child = spawn(process.execPath, [LANGUAGE_SERVER, '--node-ipc', `--clientProcessId=${process.pid}`], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    try {
      const answer = new Promise<{ id: number; result?: { serverInfo?: { name: string } } }>((resolve) =>
        child.on('message', resolve as (m: unknown) => void),
      );
      child.send({ jsonrpc: '2.0', ...initializeMessage(1) });
      const message = await withTimeout(answer, 10_000, 'initialize over node IPC');
      assert.equal(message.id, 1);
      assert.equal(message.result?.serverInfo?.name, 'nats-language-server');
    } finally {
      child.kill();
    }
  });

  /** Starts the server with `arg`: it must connect to `server` and answer initialize. */
  async function answersThrough(server: net.Server, arg: string): Promise<void> {
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const child = spawn(process.execPath, [LANGUAGE_SERVER, arg], { cwd: REPO });
    try {
      const socket = await withTimeout(accepted, 10_000, 'the server connecting');
      const connection = createProtocolConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
      connection.listen();
      const result = (await connection.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {},
      })) as { serverInfo?: { name: string } };
      assert.equal(result.serverInfo?.name, 'nats-language-server');
      connection.dispose();
      socket.destroy();
    } finally {
      child.kill();
      server.close();
    }
  }

  test("--socket=PORT: connects to the editor's port and answers initialize", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await answersThrough(server, `--socket=${(server.address() as net.AddressInfo).port}`);
  });

  test("--pipe=NAME: connects to the editor's Unix socket and answers initialize", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-pipe-'));
    const pipe = path.join(folder, 'lsp.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(pipe, resolve));
    try {
      await answersThrough(server, `--pipe=${pipe}`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('nats-language-server: shutdown, exit and the editor going away', () => {
  const started = async (): Promise<RawLanguageServer> => {
    const server = launchRawLanguageServer();
    server.send(initializeMessage(1), { method: 'initialized', params: {} });
    await server.next(responseTo(1), 'the answer to initialize');
    return server;
  };

  test('bytes that are not a message: said once in the log, and the next message is answered', async () => {
    const server = launchRawLanguageServer();
    try {
      server.child.stdin.write(`hello\r\n\r\nContent-Length: 5\r\n\r\n{{{{{${frame(initializeMessage(1))}`);
      assert.equal((await server.next(responseTo(1), 'the answer to initialize')).error, undefined);
      const logged = await server.next((m) => m.method === 'window/logMessage', 'a log message');
      assert.match(
        (logged.params as { message: string }).message,
        /^nats-language-server: unreadable message from the editor: /,
      );
      assert.equal(server.child.exitCode, null);
    } finally {
      server.child.kill();
    }
  });

  test('requests after shutdown are refused with InvalidRequest; exit then ends it with 0', async () => {
    const server = await started();
    server.send({ id: 2, method: 'shutdown' });
    assert.equal((await server.next(responseTo(2), 'the answer to shutdown')).error, undefined);
    server.send(
      {
        id: 3,
        method: 'textDocument/hover',
        params: { textDocument: { uri: 'file:///x.conf' }, position: { line: 0, character: 0 } },
      },
      { id: 4, method: 'shutdown' },
    );
    assert.equal((await server.next(responseTo(3), 'the answer to hover after shutdown')).error?.code, -32600);
    assert.equal((await server.next(responseTo(4), 'the answer to a second shutdown')).error?.code, -32600);
    server.send({ method: 'exit' });
    assert.equal(await withTimeout(server.exited, 10_000, 'exit'), 0);
    assert.equal(server.stderr(), '');
  });

  test('exit without shutdown ends it with 1', async () => {
    const server = await started();
    server.send({ method: 'exit' });
    assert.equal(await withTimeout(server.exited, 10_000, 'exit'), 1);
    assert.equal(server.stderr(), '');
  });

  test("the editor closes the server's stdout: it ends quietly, no stack trace", async () => {
    const server = await started();
    server.child.stdout.destroy();
    // Something to say: diagnostics for a document, written to the closed pipe.
    server.send({
      method: 'textDocument/didOpen',
      params: {
        textDocument: {
          uri: 'file:///tmp/nats-lsp-test/gone.conf',
          languageId: 'nats-conf',
          version: 1,
          text: 'port: 4222 5\n',
        },
      },
    });
    const code = await withTimeout(server.exited, 10_000, 'ending after stdout closed');
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    assertNoTrace(server.stderr());
  });

  test("the editor closes the server's stdin without shutdown: it ends with 1, quietly", async () => {
    const server = await started();
    server.child.stdin.end();
    assert.equal(await withTimeout(server.exited, 10_000, 'ending after stdin closed'), 1);
    assert.equal(server.stderr(), '');
  });
});
