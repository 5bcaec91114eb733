// The connection to the editor over the transport it chose, and the server's life on it: it
// ends quietly when the editor goes away (input closed, output closed or broken), answers
// requests after `shutdown` with InvalidRequest, and notes each document version the editor
// announces as the message arrives, before it is handled (see AnnouncedVersions).

import * as net from 'node:net';
import { format } from 'node:util';
import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  Message,
  ProposedFeatures,
  StreamMessageWriter,
  createConnection,
  type Connection,
  type DataCallback,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import type { Transport } from './commandLine';

/**
 * The latest version of each open document the editor has sent, counted when its message is
 * read rather than when it is handled: a request handled while a change to its document waits
 * in the queue was computed by the editor against text that is no longer its text.
 */
export class AnnouncedVersions {
  private readonly versions = new Map<string, number>();

  observe(message: Message): void {
    if (!Message.isNotification(message)) return;
    const document = (message.params as { textDocument?: { uri?: unknown; version?: unknown } } | undefined)
      ?.textDocument;
    if (typeof document?.uri !== 'string') return;
    if (message.method === 'textDocument/didOpen' || message.method === 'textDocument/didChange') {
      if (typeof document.version === 'number') this.versions.set(document.uri, document.version);
    } else if (message.method === 'textDocument/didClose') {
      this.versions.delete(document.uri);
    }
  }

  /** Whether the editor has already sent another version of the document than `version`. */
  changedSince(uri: string, version: number): boolean {
    const announced = this.versions.get(uri);
    return announced !== undefined && announced !== version;
  }
}

/**
 * Content-Length framed JSON-RPC from a stream, each message handed on as soon as its bytes
 * are in: vscode-jsonrpc's stream reader decodes one message per event-loop turn, so a
 * request could be handled before a change sent right after it had been read at all.
 */
class FramedStreamReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyLength = -1;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) =>
      this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, callback);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('end', onClose);
    this.stream.on('close', onClose);
    return Disposable.create(() => {
      this.stream.off('data', onData);
      this.stream.off('error', onError);
      this.stream.off('end', onClose);
      this.stream.off('close', onClose);
    });
  }

  private take(): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.bodyLength < 0) {
        const all = this.take();
        const end = all.indexOf('\r\n\r\n');
        if (end < 0) {
          if (all.length > 64 * 1024) this.fail('a message header longer than 64 KB', Buffer.alloc(0));
          return;
        }
        const header = all.subarray(0, end).toString('ascii');
        const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header);
        if (!length) {
          this.fail(
            `a message header without Content-Length: ${JSON.stringify(header.slice(0, 200))}`,
            all.subarray(end + 4),
          );
          continue;
        }
        this.bodyLength = Number(length[1]);
        this.keep(all.subarray(end + 4));
      }
      if (this.buffered < this.bodyLength) return;
      const all = this.take();
      const body = all.subarray(0, this.bodyLength).toString('utf8');
      this.keep(all.subarray(this.bodyLength));
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(body) as Message;
      } catch {
        this.fireError(new Error(`a message that is not JSON: ${JSON.stringify(body.slice(0, 200))}`));
        continue;
      }
      callback(message);
    }
  }

  private fail(why: string, rest: Buffer): void {
    this.keep(rest);
    this.bodyLength = -1;
    this.fireError(new Error(why));
  }
}

/** A reader that shows every message to `observe` before the connection queues it. */
function observed(reader: MessageReader, observe: (message: Message) => void): MessageReader {
  return {
    get onError() {
      return reader.onError;
    },
    get onClose() {
      return reader.onClose;
    },
    get onPartialMessage() {
      return reader.onPartialMessage;
    },
    listen: (callback) =>
      reader.listen((message) => {
        observe(message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}

function channel(transport: Transport): [MessageReader, MessageWriter] {
  switch (transport.kind) {
    case 'stdio':
      return [new FramedStreamReader(process.stdin), new StreamMessageWriter(process.stdout)];
    case 'node-ipc':
      return [new IPCMessageReader(process), new IPCMessageWriter(process)];
    case 'socket':
    case 'pipe': {
      const socket =
        transport.kind === 'socket'
          ? net.createConnection(transport.port, '127.0.0.1')
          : net.createConnection(transport.name);
      return [new FramedStreamReader(socket), new StreamMessageWriter(socket)];
    }
  }
}

export interface EditorConnection {
  connection: Connection;
  announced: AnnouncedVersions;
}

/** The connection over `transport`; the process ends when the editor goes away. */
export function connect(transport: Transport): EditorConnection {
  const announced = new AnnouncedVersions();
  let shutdownRequested = false;
  let shutDown = false;
  // The editor is gone or broke the channel: nothing more can be said to it.
  const end = () => process.exit(shutdownRequested ? 0 : 1);
  const [reader, writer] = channel(transport);
  const input = observed(reader, (message) => {
    announced.observe(message);
    if (Message.isRequest(message) && message.method === 'shutdown') shutdownRequested = true;
  });
  // A reading error (garbage on the channel) is said once, in one line, in the editor's log.
  let reported = false;
  const reportOnce = (error: Error) => {
    if (reported) return;
    reported = true;
    connection.console.error(`nats-language-server: unreadable message from the editor: ${error.message}`);
  };
  reader.onClose(end);
  reader.onError((error) => (transport.kind === 'node-ipc' ? end() : reportOnce(error)));
  writer.onClose(end);
  writer.onError(end);
  if (transport.kind === 'stdio') process.stdout.on('error', end);
  if (transport.kind === 'node-ipc') process.on('disconnect', end);

  const connection = createConnection(ProposedFeatures.all, input, writer, {
    // A request the editor cancels while it still waits in the queue is answered RequestCancelled
    // and never runs (the library's default runs it anyway and only flags its token).
    connectionStrategy: {
      cancelUndispatched: (message) =>
        Message.isRequest(message)
          ? ({
              jsonrpc: '2.0',
              id: message.id,
              error: { code: LSPErrorCodes.RequestCancelled, message: `${message.method} was cancelled` },
            } as ResponseMessage)
          : undefined,
    },
    messageStrategy: {
      // After `shutdown`, requests are refused and notifications other than `exit` dropped, as LSP asks.
      handleMessage: (message, next) => {
        if (shutDown && Message.isRequest(message)) {
          writer
            .write({
              jsonrpc: '2.0',
              id: message.id,
              error: {
                code: ErrorCodes.InvalidRequest,
                message: `nats-language-server has been shut down: ${message.method} is not answered after shutdown.`,
              },
            } as Message)
            .catch(end);
          return;
        }
        if (shutDown && Message.isNotification(message) && message.method !== 'exit') return;
        next(message);
        if (Message.isRequest(message) && message.method === 'shutdown') shutDown = true;
      },
    },
  });
  // Over stdio, stdout is the channel: anything printed goes to the editor's log instead.
  if (transport.kind === 'stdio') {
    const toLog =
      (send: (text: string) => void) =>
      (...args: unknown[]) =>
        send(format(...args));
    console.log = console.info = console.debug = toLog((t) => connection.console.log(t));
    console.warn = toLog((t) => connection.console.warn(t));
    console.error = console.trace = toLog((t) => connection.console.error(t));
  }
  return { connection, announced };
}

/** A fault that escaped every handler: one line on stderr, never a stack trace or the bundle's source. */
export function guardProcess(): void {
  process.on('uncaughtException', (error) => {
    process.stderr.write(`nats-language-server: internal error: ${error?.message ?? error}\n`);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`nats-language-server: internal error: ${(reason as Error)?.message ?? reason}\n`);
  });
}
