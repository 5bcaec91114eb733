// textDocument/formatting, rangeFormatting and rename: edits for the version they were
// computed against, refused when the editor has already sent a newer one (see ../edits.ts).

import type { Connection, TextDocuments, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { EditAnswers, FileEdits } from '../edits';
import { forDocument } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerEditing(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  answers: EditAnswers,
): void {
  connection.onDocumentFormatting((params, token) =>
    forDocument<TextEdit[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'formatting', token },
      [],
      (doc) => {
        answers.ensureLatest(doc, 'formatting');
        return workspace.service.format(workspace.ref(doc), {
          ...params.options,
          separator: workspace.settings.separator,
        });
      },
    ),
  );
  connection.onDocumentRangeFormatting((params, token) =>
    forDocument<TextEdit[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'range formatting', token },
      [],
      (doc) => {
        answers.ensureLatest(doc, 'formatting');
        return workspace.service.format(
          workspace.ref(doc),
          { ...params.options, separator: workspace.settings.separator },
          params.range,
        );
      },
    ),
  );
  connection.onRenameRequest((params, token) =>
    forDocument<WorkspaceEdit | null>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'rename', token },
      null,
      (doc) => {
        // The position is in the editor's latest text; it must be the text at hand.
        answers.ensureLatest(doc, 'rename');
        const model = workspace.read(doc);
        const edits = workspace.service.rename(workspace.ref(doc), doc.offsetAt(params.position), params.newName);
        if (!edits) return null;
        const byFile = new Map<string, TextEdit[]>();
        for (const e of edits) {
          const file = model.files.find((f) => f.path === e.file);
          if (file)
            byFile.set(e.file, [
              ...(byFile.get(e.file) ?? []),
              { range: file.lines.range(e.span), newText: e.newText },
            ]);
        }
        const files: FileEdits[] = [...byFile].map(([file, fileEdits]) => {
          if (file === model.root.path) return { uri: doc.uri, version: doc.version, edits: fileEdits };
          const included = model.files.find((f) => f.path === file)!;
          return answers.forFileOnDisk(URI.fromPath(path.resolve(file)), included.tree.text, fileEdits, 'rename');
        });
        return answers.workspaceEdit(files);
      },
    ),
  );
}
