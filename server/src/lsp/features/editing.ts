// textDocument/formatting, rangeFormatting and rename.

import type { Connection, TextDocuments, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { format, renameVariable } from '../../service';
import { forDocument } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerEditing(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onDocumentFormatting((params) =>
    forDocument<TextEdit[]>(connection, documents, params.textDocument.uri, 'formatting', [], (doc) =>
      format(workspace.check(doc).model.root, { ...params.options, separator: workspace.settings.separator }),
    ),
  );
  connection.onDocumentRangeFormatting((params) =>
    forDocument<TextEdit[]>(connection, documents, params.textDocument.uri, 'range formatting', [], (doc) =>
      format(workspace.check(doc).model.root, { ...params.options, separator: workspace.settings.separator }, params.range),
    ),
  );
  connection.onRenameRequest((params) =>
    forDocument<WorkspaceEdit | null>(connection, documents, params.textDocument.uri, 'rename', null, (doc) => {
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
