// textDocument/codeAction: the service's quick fixes for the diagnostics in the range.

import { CodeActionKind, type CodeAction, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../service';
import { forDocument } from '../runSafe';
import type { Workspace } from '../workspace';

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onCodeAction((params) =>
    forDocument<CodeAction[]>(connection, documents, params.textDocument.uri, 'code actions', [], (doc) => {
      const result = workspace.check(doc);
      return codeActions(result.model.root, result.diagnostics, params.range).map((a) => ({
        title: a.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: a.preferred,
        diagnostics: [{ range: a.diagnostic.range, message: a.diagnostic.message, code: a.diagnostic.code }],
        edit: { changes: { [doc.uri]: a.edits } },
      }));
    }),
  );
}
