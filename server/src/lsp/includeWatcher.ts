// Included files may have any name (`accounts.inc`, `secrets`), and the editor watches only
// `*.conf` for us. Where the client lets the server register watchers, it asks to be told about
// every file an open document reads, so that fixing (or breaking) an included file on disk
// refreshes the findings of the files that include it.

import { DidChangeWatchedFilesNotification, type Connection, type Disposable } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { URI } from './uri';

export class IncludeWatcher {
  /** Set at initialize from the client's capabilities. */
  enabled = false;
  /** The client takes { baseUri, pattern } (files outside the workspace folders can be watched). */
  relativePatterns = false;
  private watched = '';
  private registration: Promise<Disposable> | undefined;

  constructor(private readonly connection: Connection) {}

  /** Watch exactly these files (the previous set is replaced when it differs). */
  watch(files: readonly string[]): void {
    if (!this.enabled) return;
    const sorted = [...new Set(files)].sort();
    const key = sorted.join('\0');
    if (key === this.watched) return;
    this.watched = key;
    const previous = this.registration;
    const watchers = sorted.map((file) => ({
      globPattern: this.relativePatterns
        ? { baseUri: URI.fromPath(path.dirname(file)), pattern: path.basename(file) }
        : file.split(path.sep).join('/'),
    }));
    this.registration = watchers.length
      ? this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
      : undefined;
    this.registration?.catch(() => undefined);
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }
}
