// nats-language-server as an LSP editor runs it: a child process spoken to over stdio with a
// real JSON-RPC client, or byte by byte (several messages in one write, exit codes, stderr).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPO } from './cli';

export const LANGUAGE_SERVER = path.join(REPO, 'server', 'bin', 'nats-language-server.js');

export interface LanguageServer {
  child: ChildProcessWithoutNullStreams;
  connection: ProtocolConnection;
}

/** Starts the server and listens; it says nothing before `initialize`, so handlers may be added after. */
export function launchLanguageServer(): LanguageServer {
  const child = spawn(process.execPath, [LANGUAGE_SERVER, '--stdio'], { cwd: REPO });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  return { child, connection };
}

/** `initialize` with these params, then `initialized`; the server's answer to `initialize`. */
export async function initialize(connection: ProtocolConnection, params: Record<string, unknown>): Promise<unknown> {
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    ...params,
  });
  await connection.sendNotification('initialized', {});
  return result;
}

/** shutdown, exit, and the process gone. */
export async function stopLanguageServer({ child, connection }: LanguageServer): Promise<void> {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
}

/** A JSON-RPC message as it travels: a request, a response or a notification. */
export interface RawMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface RawLanguageServer {
  child: ChildProcessWithoutNullStreams;
  /** Every message the server has sent, in order. */
  received: RawMessage[];
  /** What the server wrote on stderr so far. */
  stderr(): string;
  /** Writes the messages framed, all in one write (so they arrive together). */
  send(...messages: Omit<RawMessage, 'jsonrpc'>[]): void;
  /** The first message (already received or to come) that matches. */
  next(match: (m: RawMessage) => boolean, what: string, timeoutMs?: number): Promise<RawMessage>;
  /** The exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
}

export function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** Starts the server with these arguments, spoken to byte by byte over stdio. */
export function launchRawLanguageServer(args: string[] = ['--stdio']): RawLanguageServer {
  const child = spawn(process.execPath, [LANGUAGE_SERVER, ...args], { cwd: REPO });
  const received: RawMessage[] = [];
  let stderr = '';
  let waiters: (() => void)[] = [];
  let buffer = Buffer.alloc(0);
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (buffer.length < end + 4 + length) break;
      received.push(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as RawMessage);
      buffer = buffer.subarray(end + 4 + length);
    }
    for (const wake of waiters) wake();
  });
  child.stdin.on('error', () => {}); // the server may be gone when a test writes
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    received,
    stderr: () => stderr,
    send: (...messages) => void child.stdin.write(messages.map(frame).join('')),
    next: (match, what, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${what} from the server within ${timeoutMs} ms; stderr: ${stderr.slice(0, 500)}`)),
          timeoutMs,
        );
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve(found);
        };
        waiters.push(check);
        check();
      }),
    exited,
  };
}

/** The answer to request `id`. */
export const responseTo = (id: number) => (m: RawMessage) => m.id === id && m.method === undefined;

/** Every diagnostics notification a server publishes, and a wait for the first one about a document. */
export class PublishedDiagnostics {
  readonly all: PublishDiagnosticsParams[] = [];
  private wake: (() => void) | undefined;

  constructor(connection: ProtocolConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.all.push(p);
      this.wake?.();
    });
  }

  /** The first diagnostics published for `uri` (already or within 10 s). */
  for(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 10_000);
      this.wake = () => {
        const found = this.all.find((p) => p.uri === uri);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      this.wake();
    });
  }
}
