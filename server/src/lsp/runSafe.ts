// Every request handler runs guarded: an internal error is logged and answered with a
// neutral result, and the server carries on.

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function runSafe<T>(connection: Connection, what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (err) {
    connection.console.error(`nats-language-server: ${what} failed: ${(err as Error)?.stack ?? err}`);
    return fallback;
  }
}

/** A guarded request about one open document: `fallback` when the document is not open. */
export function forDocument<T>(connection: Connection, documents: TextDocuments<TextDocument>, uri: string, what: string, fallback: T, work: (doc: TextDocument) => T): T {
  return runSafe(connection, what, fallback, () => {
    const doc = documents.get(uri);
    return doc ? work(doc) : fallback;
  });
}
