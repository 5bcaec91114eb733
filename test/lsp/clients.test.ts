// The language server as other editors' clients use it (Neovim, Emacs eglot, Helix, Zed): what
// they declare they can take, the forms their settings come in, the language ids they send.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { URI } from '../../server/src/lsp/uri';
import { initialize, launchLanguageServer, stopLanguageServer } from '../support/lsp';
import { routedNode } from '../support/configs';

interface Item {
  label: string;
  insertTextFormat?: number;
  textEdit?: { newText: string };
  documentation?: { kind: string; value: string } | string;
}

/** A server initialized with `params`, the document opened; `body` gets the connection and the uri. */
async function withServer(
  params: Record<string, unknown>,
  text: string,
  body: (
    connection: ProtocolConnection,
    uri: string,
    diagnostics: () => Promise<PublishDiagnosticsParams>,
  ) => Promise<void>,
  languageId = 'nats-conf',
): Promise<void> {
  const server = launchLanguageServer();
  const published: PublishDiagnosticsParams[] = [];
  let wake: (() => void) | undefined;
  server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    wake?.();
  });
  let taken = 0;
  const nextDiagnostics = () =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics')), 10_000);
      wake = () => {
        if (published.length > taken) {
          clearTimeout(timer);
          resolve(published[taken++]);
        }
      };
      wake();
    });
  try {
    await initialize(server.connection, params);
    const uri = 'file:///tmp/nats-lsp-test/clients.conf';
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    await body(server.connection, uri, nextDiagnostics);
  } finally {
    await stopLanguageServer(server);
  }
}

describe('nats-language-server: snippets and markdown only where the client takes them', () => {
  const text = 'host: 127.0.0.1\njetstream {\n  max_memory_store: 1Gi\n}\n\n';
  const complete = (connection: ProtocolConnection, uri: string) =>
    connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 0 },
    }) as Promise<Item[]>;

  test('snippetSupport false: plain-text edits on one line, no snippet syntax', async () => {
    await withServer(
      { capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } },
      text,
      async (connection, uri) => {
        const items = await complete(connection, uri);
        const tls = items.find((i) => i.label === 'tls');
        assert.equal(tls?.textEdit?.newText, 'tls { }');
        assert.equal(tls?.insertTextFormat, 1);
        for (const item of items) {
          assert.equal(item.insertTextFormat, 1, item.label);
          // Line-based completion menus write a newline as a NUL character.
          assert.doesNotMatch(item.textEdit?.newText ?? '', /\$(\d|\{)|\n/, item.label);
        }
      },
    );
  });

  test('snippetSupport true: snippets with their tab stop', async () => {
    await withServer(
      { capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } },
      text,
      async (connection, uri) => {
        const tls = (await complete(connection, uri)).find((i) => i.label === 'tls');
        assert.equal(tls?.textEdit?.newText, 'tls {\n\t$0\n}');
        assert.equal(tls?.insertTextFormat, 2);
      },
    );
  });

  test('plaintext-only hover and documentation: plain text, without markdown marks', async () => {
    const capabilities = {
      textDocument: {
        hover: { contentFormat: ['plaintext'] },
        completion: { completionItem: { documentationFormat: ['plaintext'] } },
      },
    };
    await withServer({ capabilities }, text, async (connection, uri) => {
      const size = (await connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 2, character: 21 },
      })) as { contents: { kind: string; value: string } };
      assert.deepEqual(size.contents, {
        kind: 'plaintext',
        value: '1Gi = 1,073,741,824 bytes (binary: Gi is a power of 1024).',
      });
      const key = (await connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 2, character: 4 },
      })) as { contents: { kind: string; value: string } };
      assert.equal(key.contents.kind, 'plaintext');
      assert.match(key.contents.value, /^max_memory_store \(/);
      assert.match(key.contents.value, /\nType: /);
      assert.match(key.contents.value, /Documentation \(https:\/\/docs\.nats\.io\//);
      assert.doesNotMatch(key.contents.value, /\*\*|`|\]\(/);
      const tls = (await complete(connection, uri)).find((i) => i.label === 'tls');
      assert.equal(typeof tls?.documentation === 'object' && tls.documentation.kind, 'plaintext');
      assert.doesNotMatch(JSON.stringify(tls?.documentation), /\*\*|`/);
    });
  });

  test('markdown where the client lists it', async () => {
    await withServer(
      { capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } } },
      text,
      async (connection, uri) => {
        const size = (await connection.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line: 2, character: 21 },
        })) as { contents: { kind: string; value: string } };
        assert.deepEqual(size.contents, {
          kind: 'markdown',
          value: '`1Gi` = 1,073,741,824 bytes (binary: Gi is a power of 1024).',
        });
      },
    );
  });
});

describe('nats-language-server: settings in each form editors send them', () => {
  // trace: true is advice (trace-enabled); pool_size came with 2.10, so 2.9 says "unknown field".
  const text = 'host: 127.0.0.1\ntrace: true\ncluster {\n  port: 6222\n  pool_size: 3\n}\n';
  const expected = [[4, 'option-version']];
  const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => [d.range.start.line, d.code]);
  const forms: [string, Record<string, unknown>][] = [
    ['bare', { serverVersion: '2.9', rules: { 'trace-enabled': 'off' } }],
    ['nested under nats', { nats: { serverVersion: '2.9', rules: { 'trace-enabled': 'off' } } }],
    ['dotted nats.x.y', { 'nats.serverVersion': '2.9', 'nats.rules.trace-enabled': 'off' }],
  ];

  for (const [form, settings] of forms) {
    test(`initializationOptions, ${form}`, async () => {
      await withServer({ initializationOptions: settings }, text, async (_c, _u, diagnostics) => {
        assert.deepEqual(codes(await diagnostics()), expected);
      });
    });

    test(`a workspace/configuration answer, ${form}`, async () => {
      const server = launchLanguageServer();
      const asked = new Promise<void>((resolve) =>
        server.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
          assert.deepEqual(
            params.items.map((i) => i.section),
            ['nats'],
          );
          setTimeout(resolve, 100);
          return [settings];
        }),
      );
      try {
        await initialize(server.connection, { capabilities: { workspace: { configuration: true } } });
        await asked;
        const got = new Promise<PublishDiagnosticsParams>((resolve) =>
          server.connection.onNotification('textDocument/publishDiagnostics', resolve),
        );
        await server.connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri: 'file:///tmp/nats-lsp-test/asked.conf', languageId: 'nats-conf', version: 1, text },
        });
        assert.deepEqual(codes(await got), expected);
      } finally {
        await stopLanguageServer(server);
      }
    });

    test(`workspace/didChangeConfiguration settings, ${form}, from a client that cannot be asked`, async () => {
      await withServer({}, text, async (connection, _u, diagnostics) => {
        assert.deepEqual(
          codes(await diagnostics())
            .map(([, code]) => code)
            .sort(),
          ['trace-enabled'],
        );
        await connection.sendNotification('workspace/didChangeConfiguration', { settings });
        let latest = await diagnostics();
        // Published on open, after the typing pause, then again for the new settings.
        while (latest.diagnostics.some((d) => d.code === 'trace-enabled')) latest = await diagnostics();
        assert.deepEqual(codes(latest), expected);
      });
    });
  }
});

describe('nats-language-server: cross-node checks whatever language id the client sends', () => {
  for (const [languageId, fileName] of [
    ['natsconf', 'nats-1.conf'],
    ['conf', 'node-1.conf'],
  ]) {
    test(
      `an open document with language id '${languageId}' (${fileName}) ` +
        'is checked with its peers as edited, not as on disk',
      async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-language-id-'));
        // On disk the two disagree on the cluster name; the open document has it fixed.
        fs.writeFileSync(path.join(folder, fileName), routedNode('nats-1', 'east', 'nats-2'));
        fs.writeFileSync(path.join(folder, 'nats-2.conf'), routedNode('nats-2', 'west', 'nats-1'));
        const server = launchLanguageServer();
        const got = new Promise<PublishDiagnosticsParams>((resolve) =>
          server.connection.onNotification('textDocument/publishDiagnostics', resolve),
        );
        try {
          await initialize(server.connection, { rootUri: URI.fromPath(folder) });
          const uri = URI.fromPath(path.join(folder, fileName));
          await server.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId, version: 1, text: routedNode('nats-1', 'west', 'nats-2') },
          });
          const { diagnostics } = await got;
          assert.deepEqual(
            diagnostics.map((d) => d.code),
            [],
          );
          const topology = (await server.connection.sendRequest('nats/topology')) as { svg: string; nodes: number };
          assert.equal(topology.nodes, 2);
          assert.doesNotMatch(topology.svg, /broken/);
        } finally {
          await stopLanguageServer(server);
          fs.rmSync(folder, { recursive: true, force: true });
        }
      },
    );
  }
});
