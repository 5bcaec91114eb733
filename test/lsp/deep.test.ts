// A file nested 100,000 blocks deep: every request is answered (answers are nested JSON, which
// cannot be written thousands of levels deep, so outlines and selection ranges are capped).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { initialize, launchLanguageServer, stopLanguageServer, type LanguageServer } from '../support/lsp';

interface DocumentSymbol {
  name: string;
  children?: DocumentSymbol[];
}
interface SelectionRange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  parent?: SelectionRange;
}

const DEPTH = 100_000;

describe('nats-language-server: a file nested 100,000 blocks deep', () => {
  const uri = 'file:///tmp/nats-lsp-test/deep.conf';
  // `a { ` on line 0 a hundred thousand times, then `b: 1` in the innermost block.
  const text = `${'a { '.repeat(DEPTH)}\nb: 1\n`;
  let server: LanguageServer;
  let published: Promise<PublishDiagnosticsParams>;
  const answered = <T>(p: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within 30 s`)), 30_000)),
    );
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  };

  before(async () => {
    server = launchLanguageServer();
    published = new Promise((resolve) => server.connection.onNotification('textDocument/publishDiagnostics', resolve));
    await initialize(server.connection, {});
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
  });
  after(async () => {
    await stopLanguageServer(server);
  });

  test('diagnostics are published', async () => {
    const { diagnostics } = await answered(published, 'diagnostics');
    assert.ok(diagnostics.length > 0);
  });

  test('document symbols: 200 levels, then one symbol saying how many are not shown', async () => {
    const symbols = await answered(
      server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<
        DocumentSymbol[]
      >,
      'documentSymbol',
    );
    let level = symbols;
    let depth = 0;
    while (level.length === 1 && level[0].name === 'a') {
      depth++;
      level = level[0].children ?? [];
    }
    assert.equal(depth, 200);
    // Below level 200: 99,800 levels of `a` and the level of `b` inside the innermost.
    assert.deepEqual(
      level.map((s) => [s.name, s.children ?? []]),
      [['… 99,801 deeper levels not shown', []]],
    );
  });

  test('selection ranges: the innermost levels and the outermost, each inside the next', async () => {
    const [ranges] = await answered(
      server.connection.sendRequest('textDocument/selectionRange', {
        textDocument: { uri },
        positions: [{ line: 1, character: 0 }],
      }) as Promise<SelectionRange[]>,
      'selectionRange',
    );
    const chain: SelectionRange['range'][] = [];
    for (let r: SelectionRange | undefined = ranges; r; r = r.parent) chain.push(r.range);
    assert.ok(chain.length >= 100 && chain.length <= 250, `${chain.length} ranges`);
    assert.deepEqual(chain[0], { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }); // b
    assert.deepEqual(chain.at(-1), { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }); // the file
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
      a.line < b.line || (a.line === b.line && a.character <= b.character);
    for (let i = 1; i < chain.length; i++)
      assert.ok(
        before(chain[i].start, chain[i - 1].start) && before(chain[i - 1].end, chain[i].end),
        `range ${i} does not contain range ${i - 1}`,
      );
  });

  test('folding, hover and completion answer too', async () => {
    const folds = await answered(
      server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as Promise<unknown[]>,
      'foldingRange',
    );
    assert.ok(
      Array.isArray(folds) && folds.length > 0 && folds.length <= 5000,
      `${folds.length} folding ranges (an editor shows at most 5,000)`,
    );
    const hover = await answered(
      server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 0 },
      }),
      'hover',
    );
    assert.ok(hover === null || typeof hover === 'object');
    const items = await answered(
      server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 1, character: 4 },
      }) as Promise<unknown[]>,
      'completion',
    );
    assert.ok(Array.isArray(items));
    assert.equal(server.child.exitCode, null);
  });
});
