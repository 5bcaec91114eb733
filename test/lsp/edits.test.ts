// Answers that change text (rename, formatting, quick fixes) and the document versions they
// are for, with a raw client that writes an edit and a request back to back, as an editor does
// when the user types while a rename is on its way.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { URI } from '../../server/src/lsp/uri';
import { launchRawLanguageServer, responseTo, type RawLanguageServer, type RawMessage } from '../support/lsp';

interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}

const uri = 'file:///tmp/nats-lsp-test/race.conf';
// Version v has v - 1 comment lines above `PORT: 4222`; `$PORT` is on the line after it.
const textAt = (version: number) => `${'# edited\n'.repeat(version - 1)}PORT: 4222\nhttp_port: $PORT\n`;
const insertComment = (version: number) => ({
  method: 'textDocument/didChange',
  params: {
    textDocument: { uri, version },
    contentChanges: [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' },
    ],
  },
});
const renameAt = (id: number, version: number) => ({
  id,
  method: 'textDocument/rename',
  params: { textDocument: { uri }, position: { line: version - 1, character: 1 }, newName: 'WEB' },
});
/** The rename's edits as they must be for `version`: the key and its reference, at that version's lines. */
const renameEditsFor = (version: number): TextEdit[] => [
  { range: { start: { line: version - 1, character: 0 }, end: { line: version - 1, character: 4 } }, newText: 'WEB' },
  { range: { start: { line: version, character: 11 }, end: { line: version, character: 16 } }, newText: '$WEB' },
];

async function started(documentChanges: boolean): Promise<RawLanguageServer> {
  const server = launchRawLanguageServer();
  const capabilities = documentChanges ? { workspace: { workspaceEdit: { documentChanges: true } } } : {};
  server.send(
    { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities } },
    { method: 'initialized', params: {} },
    {
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'nats-conf', version: 1, text: textAt(1) } },
    },
  );
  await server.next(responseTo(1), 'the answer to initialize');
  return server;
}

async function stop(server: RawLanguageServer): Promise<void> {
  server.send({ id: 9999, method: 'shutdown' });
  await server.next(responseTo(9999), 'the answer to shutdown');
  server.send({ method: 'exit' });
  await server.exited;
}

const sortEdits = (edits: TextEdit[]) => [...edits].sort((a, b) => a.range.start.line - b.range.start.line);

describe('nats-language-server: a rename racing an edit', () => {
  test('rename, then an edit, written together: refused with ContentModified, no edits at stale offsets', async () => {
    for (const documentChanges of [true, false]) {
      const server = await started(documentChanges);
      try {
        server.send(renameAt(2, 1), insertComment(2));
        const answer = await server.next(responseTo(2), 'the answer to rename');
        assert.equal(answer.error?.code, -32801, JSON.stringify(answer));
        assert.equal(answer.result, undefined);
        // Asked again at the new version, it is answered for that version.
        server.send(renameAt(3, 2));
        const again = (await server.next(responseTo(3), 'the answer to the second rename')).result as WorkspaceEdit;
        if (documentChanges) {
          assert.deepEqual(
            again.documentChanges?.map((d) => d.textDocument),
            [{ uri, version: 2 }],
          );
          assert.deepEqual(sortEdits(again.documentChanges![0].edits), renameEditsFor(2));
        } else {
          assert.deepEqual(sortEdits(again.changes![uri]), renameEditsFor(2));
        }
      } finally {
        await stop(server);
      }
    }
  });

  test('an edit, then a rename at the new text, written together: edits for the new version', async () => {
    const server = await started(true);
    try {
      server.send(insertComment(2), renameAt(2, 2));
      const answer = (await server.next(responseTo(2), 'the answer to rename')).result as WorkspaceEdit;
      assert.equal(answer.changes, undefined);
      assert.deepEqual(
        answer.documentChanges?.map((d) => d.textDocument),
        [{ uri, version: 2 }],
      );
      assert.deepEqual(sortEdits(answer.documentChanges![0].edits), renameEditsFor(2));
    } finally {
      await stop(server);
    }
  });

  test(
    'renames and edits in separate writes, back to back: ' +
      'every answer is refused or says the version its edits are for',
    async () => {
      const server = await started(true);
      try {
        const answers: RawMessage[] = [];
        for (let version = 1; version <= 30; version++) {
          server.send(renameAt(100 + version, version));
          server.send(insertComment(version + 1));
          if (version % 10 === 0) await new Promise((r) => setTimeout(r, 5));
        }
        for (let version = 1; version <= 30; version++)
          answers.push(await server.next(responseTo(100 + version), `the answer to rename ${version}`));
        for (const [i, answer] of answers.entries()) {
          if (answer.error) {
            assert.equal(answer.error.code, -32801);
            continue;
          }
          const edit = answer.result as WorkspaceEdit;
          assert.equal(edit.changes, undefined, 'unversioned edits');
          const [change] = edit.documentChanges!;
          // The position was for version i + 1: the edits must be for it, and say so.
          assert.equal(change.textDocument.version, i + 1);
          assert.deepEqual(sortEdits(change.edits), renameEditsFor(i + 1));
        }
      } finally {
        await stop(server);
      }
    },
  );

  test('formatting and quick fixes written before an edit are refused too; after it, versioned', async () => {
    const server = await started(true);
    try {
      server.send(
        {
          id: 2,
          method: 'textDocument/formatting',
          params: { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } },
        },
        {
          id: 3,
          method: 'textDocument/codeAction',
          params: {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [] },
          },
        },
        insertComment(2),
        {
          id: 4,
          method: 'textDocument/codeAction',
          params: {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
            context: { diagnostics: [] },
          },
        },
      );
      assert.equal((await server.next(responseTo(2), 'the answer to formatting')).error?.code, -32801);
      assert.equal(
        (await server.next(responseTo(3), 'the answer to the first code action request')).error?.code,
        -32801,
      );
      const actions = (await server.next(responseTo(4), 'the answer to the second code action request')).result as {
        edit?: WorkspaceEdit;
      }[];
      for (const a of actions)
        assert.deepEqual(
          a.edit?.documentChanges?.map((d) => d.textDocument.version),
          [2],
        );
    } finally {
      await stop(server);
    }
  });
});

describe('nats-language-server: a rename that reaches an included file', () => {
  test(
    'the included file: version null when not open, its version when open as on disk, ' +
      'refused when open with other text',
    async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-rename-include-'));
      const vars = 'PORT: 4222\n';
      fs.writeFileSync(path.join(folder, 'vars.conf'), vars);
      const main = 'include vars.conf\nhttp_port: $PORT\n';
      fs.writeFileSync(path.join(folder, 'main.conf'), main);
      const mainUri = URI.fromPath(path.join(folder, 'main.conf'));
      const varsUri = URI.fromPath(path.join(folder, 'vars.conf'));
      const server = launchRawLanguageServer();
      const rename = (id: number) => ({
        id,
        method: 'textDocument/rename',
        params: { textDocument: { uri: mainUri }, position: { line: 1, character: 12 }, newName: 'WEB' },
      });
      try {
        server.send(
          {
            id: 1,
            method: 'initialize',
            params: {
              processId: null,
              rootUri: URI.fromPath(folder),
              capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
            },
          },
          { method: 'initialized', params: {} },
          {
            method: 'textDocument/didOpen',
            params: { textDocument: { uri: mainUri, languageId: 'nats-conf', version: 3, text: main } },
          },
          rename(2),
        );
        const closed = (await server.next(responseTo(2), 'the answer to rename')).result as WorkspaceEdit;
        assert.deepEqual(
          closed.documentChanges?.map((d) => d.textDocument).sort((a, b) => a.uri.localeCompare(b.uri)),
          [
            { uri: mainUri, version: 3 },
            { uri: varsUri, version: null },
          ],
        );
        server.send(
          {
            method: 'textDocument/didOpen',
            params: { textDocument: { uri: varsUri, languageId: 'nats-conf', version: 7, text: vars } },
          },
          rename(3),
        );
        const open = (await server.next(responseTo(3), 'the answer to rename')).result as WorkspaceEdit;
        assert.deepEqual(open.documentChanges?.find((d) => d.textDocument.uri === varsUri)?.textDocument.version, 7);
        server.send(
          {
            method: 'textDocument/didChange',
            params: { textDocument: { uri: varsUri, version: 8 }, contentChanges: [{ text: `# unsaved\n${vars}` }] },
          },
          rename(4),
        );
        const unsaved = await server.next(responseTo(4), 'the answer to rename');
        assert.equal(unsaved.error?.code, -32803);
        assert.match(unsaved.error!.message, /vars\.conf has changes that are not saved/);
      } finally {
        await stop(server);
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
