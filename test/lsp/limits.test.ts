// What the language server sends stays within what an editor can take: a generated file with
// thousands of findings, a file folded thousands deep, and one publication per version.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { initialize, launchLanguageServer, stopLanguageServer, type LanguageServer } from '../support/lsp';

describe('nats-language-server: limits of what it sends', () => {
  let server: LanguageServer;
  const publications: PublishDiagnosticsParams[] = [];
  const next = (uri: string, version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const look = () => {
        const found = publications.find((p) => p.uri === uri && p.version === version);
        if (found) resolve(found);
        else setTimeout(look, 10);
      };
      look();
    });

  before(async () => {
    server = launchLanguageServer();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
      publications.push(p),
    );
    await initialize(server.connection, { capabilities: { textDocument: { foldingRange: { rangeLimit: 50 } } } });
  });
  after(async () => {
    await stopLanguageServer(server);
  });

  test('3,000 unknown keys: 2,000 diagnostics and one saying how many more there are', async () => {
    const uri = 'file:///tmp/nats-lsp-test/generated.conf';
    const text = Array.from({ length: 3000 }, (_, i) => `k${i}: ${i}`).join('\n');
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    const { diagnostics } = await next(uri, 1);
    assert.equal(diagnostics.length, 2001);
    assert.deepEqual(
      diagnostics
        .slice(0, 2000)
        .map((d) => d.code)
        .filter((c) => c !== 'unknown-key'),
      [],
    );
    assert.equal(diagnostics[2000].code, 'more-findings');
    assert.match(
      diagnostics[2000].message,
      /^1,000 more findings are not shown \(3,000 in all\): `nats-conf check` lists every one\.$/,
    );
  });

  test('a document is published once when opened, once per version after', async () => {
    const uri = 'file:///tmp/nats-lsp-test/once.conf';
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text: 'port: 4222\nfoo: 1\n' },
    });
    await next(uri, 1);
    // Longer than the pause after typing: a second publication of version 1 would come in it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'port: 4222\n' }],
    });
    await next(uri, 2);
    assert.deepEqual(
      publications.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 2],
    );
  });

  test('folding keeps to the limit the client names, outermost blocks first', async () => {
    const uri = 'file:///tmp/nats-lsp-test/folds.conf';
    const depth = 300;
    const text =
      `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}b${i} {`).join('\n')}\n` +
      `${Array.from({ length: depth }, () => '}').join('\n')}\n`;
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    const folds = (await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as {
      startLine: number;
    }[];
    assert.equal(folds.length, 50);
    assert.deepEqual(
      folds.map((f) => f.startLine),
      Array.from({ length: 50 }, (_, i) => i),
    );
  });
});
