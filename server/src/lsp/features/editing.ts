// textDocument/formatting, rangeFormatting and rename.

import type { Connection, TextDocuments, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { format, renameVariable } from '../../service';
import { runSafe } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerEditing(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onDocumentFormatting((params) =>
    runSafe<TextEdit[]>(connection, 'formatting', [], () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? format(workspace.check(doc).model.root, { ...params.options, separator: workspace.settings.separator }) : [];
    }),
  );
  connection.onDocumentRangeFormatting((params) =>
    runSafe<TextEdit[]>(connection, 'range formatting', [], () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? format(workspace.check(doc).model.root, { ...params.options, separator: workspace.settings.separator }, params.range) : [];
    }),
  );
  connection.onRenameRequest((params) =>
    runSafe<WorkspaceEdit | null>(connection, 'rename', null, () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const { model } = workspace.check(doc);
      const edits = renameVariable(model, doc.offsetAt(params.position), params.newName);
      if (!edits) return null;
      const changes: Record<string, TextEdit[]> = {};
      for (const e of edits) {
        const file = model.files.find((f) => f.path === e.file);
        if (!file) continue;
        const uri = e.file === model.root.path ? doc.uri : URI.fromPath(path.resolve(e.file));
        (changes[uri] ??= []).push({ range: file.lines.range(e.span), newText: e.newText });
      }
      return { changes };
    }),
  );
}
