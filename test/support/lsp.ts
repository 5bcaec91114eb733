// nats-language-server as an LSP editor runs it: a child process spoken to over stdio with a
// real JSON-RPC client.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { REPO } from './cli';

export const LANGUAGE_SERVER = path.join(REPO, 'server', 'bin', 'nats-language-server.js');

export interface LanguageServer {
  child: ChildProcessWithoutNullStreams;
  connection: ProtocolConnection;
}

/** Starts the server and listens; it says nothing before `initialize`, so handlers may be added after. */
export function launchLanguageServer(): LanguageServer {
  const child = spawn(process.execPath, [LANGUAGE_SERVER, '--stdio'], { cwd: REPO });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  return { child, connection };
}

/** `initialize` with these params, then `initialized`; the server's answer to `initialize`. */
export async function initialize(connection: ProtocolConnection, params: Record<string, unknown>): Promise<unknown> {
  const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, ...params });
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
