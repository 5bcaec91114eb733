// textDocument/completion over the service's completion.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, type CompletionKind } from '../../service';
import { forDocument } from '../runSafe';
import type { Workspace } from '../workspace';

const kinds: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  block: CompletionItemKind.Module,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
};

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onCompletion((params) =>
    forDocument<CompletionItem[]>(connection, documents, params.textDocument.uri, 'completion', [], (doc) => {
      const result = workspace.check(doc);
      const lines = result.model.root.lines;
      return complete(result.model, doc.offsetAt(params.position)).map((item) => ({
        label: item.label,
        kind: kinds[item.kind],
        detail: item.detail,
        documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
        textEdit: { range: lines.range(item.replace), newText: item.insertText },
        insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: item.sortText,
        tags: item.deprecated ? [1] : undefined,
      }));
    }),
  );
}
