// Every request handler runs guarded: an internal error is logged in one line (no stack trace:
// the bundle is minified, and the editor's log is the user's) and answered with a neutral
// result, and the server carries on. A ResponseError is a deliberate answer (the
// document changed, a file must be saved first) and goes to the editor as such.

import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isYamlDocument } from './yamlDocuments';

export function runSafe<T>(connection: Connection, what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    connection.console.error(
      `nats-language-server: ${what} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    );
    return fallback;
  }
}

/** The request was cancelled (`$/cancelRequest`) before it ran: LSP's RequestCancelled, -32800. */
function cancelled(what: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} was cancelled`);
}

/**
 * Lets what the client has already sent be read before a request is answered, so that a cancel sent
 * right after it counts (an editor cancels a completion at the next keystroke). Edits read meanwhile
 * wait in the queue behind this answer: the document stays the version the request was made for.
 */
export function afterPendingReads(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A guarded request about one open document: `fallback` when the document is not open. A YAML
 * document is never read as a config: `yaml` answers for it (features inside embedded configs), or
 * the fallback. A request cancelled before it runs is answered RequestCancelled without work.
 */
export function forDocument<T>(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  uri: string,
  request: string | { what: string; token?: CancellationToken },
  fallback: T,
  work: (doc: TextDocument) => T,
  yaml?: (doc: TextDocument) => T,
): T {
  const { what, token } = typeof request === 'string' ? { what: request, token: undefined } : request;
  if (token?.isCancellationRequested) throw cancelled(what);
  return runSafe(connection, what, fallback, () => {
    const doc = documents.get(uri);
    if (doc && isYamlDocument(doc)) return yaml ? yaml(doc) : fallback;
    return doc ? work(doc) : fallback;
  });
}
