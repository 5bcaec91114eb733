// Every request handler runs guarded: an internal error is logged and answered with a
// neutral result, and the server carries on.

import type { Connection } from 'vscode-languageserver/node';

export function runSafe<T>(connection: Connection, what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (err) {
    connection.console.error(`nats-language-server: ${what} failed: ${(err as Error)?.stack ?? err}`);
    return fallback;
  }
}
