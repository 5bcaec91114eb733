// Included files changed on disk, over stdio: the editor reports the change (its own watcher, or
// the one the server registered for the included file), and the including file's findings follow
// without the including file being touched.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { URI } from '../../server/src/lsp/uri';
import { initialize, launchLanguageServer, stopLanguageServer, type LanguageServer } from '../support/lsp';

const FILE_CHANGED = { created: 1, changed: 2, deleted: 3 } as const;

describe('included files changed on disk', () => {
  let server: LanguageServer;
  let dir: string;
  const published: PublishDiagnosticsParams[] = [];
  let wake: (() => void) | undefined;
  const registrations: { method: string; registerOptions?: { watchers?: { globPattern: unknown }[] } }[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-includes-'));
    server = launchLanguageServer();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      wake?.();
    });
    server.connection.onRequest('client/registerCapability', (params: { registrations: typeof registrations }) => {
      registrations.push(...params.registrations);
      wake?.();
      return null;
    });
    server.connection.onRequest('client/unregisterCapability', () => null);
    await initialize(server.connection, {
      rootUri: URI.fromPath(dir),
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
      },
    });
  });

  after(async () => {
    await stopLanguageServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The first publication for `uri` after `since` that satisfies `ok`. */
  const publication = (uri: string, since: number, ok: (p: PublishDiagnosticsParams) => boolean, what: string) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} where ${what}`)), 10_000);
      wake = () => {
        const found = published.slice(since).find((p) => p.uri === uri && ok(p));
        if (!found) return;
        clearTimeout(timer);
        resolve(found);
      };
      wake();
    });
  const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const tell = (name: string, type: number) =>
    server.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.fromPath(path.join(dir, name)), type }],
    });
  const open = (name: string, text: string) => {
    write(name, text);
    const uri = URI.fromPath(path.join(dir, name));
    void server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    return uri;
  };

  test('an included file fixed on disk clears the finding; broken again, it comes back', async () => {
    write('accounts.inc', 'accounts {\n  A: { users: [ { user: a, password: x } ] \n}\n');
    const main = open('main.conf', 'server_name: n1\ninclude accounts.inc\n');
    const broken = await publication(main, 0, (p) => codes(p).includes('include-errors'), 'include-errors is reported');
    assert.equal(broken.diagnostics.find((d) => d.code === 'include-errors')?.range.start.line, 1);

    // The server asked to hear about the included file, whatever its name.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no watcher registered for accounts.inc')), 10_000);
      wake = () => {
        const watchers = registrations.flatMap((r) => r.registerOptions?.watchers ?? []);
        if (!watchers.some((w) => JSON.stringify(w.globPattern).includes('accounts.inc'))) return;
        clearTimeout(timer);
        resolve();
      };
      wake();
    });

    let mark = published.length;
    write('accounts.inc', 'accounts {\n  A: { users: [ { user: a, password: x } ] }\n}\n');
    await tell('accounts.inc', FILE_CHANGED.changed);
    const fixed = await publication(main, mark, (p) => !codes(p).includes('include-errors'), 'include-errors is gone');
    assert.deepEqual(
      codes(fixed).filter((c) => c === 'include-errors'),
      [],
    );

    mark = published.length;
    write('accounts.inc', 'accounts {\n  A: { users: [ { user: a password: x } ] }\n}\n');
    await tell('accounts.inc', FILE_CHANGED.changed);
    const again = await publication(main, mark, (p) => codes(p).includes('include-errors'), 'include-errors is back');
    assert.equal(again.diagnostics.find((d) => d.code === 'include-errors')?.range.start.line, 1);
  });

  test('through a chain: a file two includes away, created after the fact', async () => {
    write('middle.conf', 'include leaf.conf\n');
    const top = open('top.conf', 'server_name: n2\ninclude middle.conf\n');
    await publication(top, 0, (p) => codes(p).includes('include-errors'), 'the missing leaf is reported');

    const mark = published.length;
    write('leaf.conf', 'max_payload: 1MB\n');
    await tell('leaf.conf', FILE_CHANGED.created);
    const fixed = await publication(top, mark, (p) => !codes(p).includes('include-errors'), 'the include chain reads');
    assert.ok(!codes(fixed).includes('include-unreadable'));
  });
});
