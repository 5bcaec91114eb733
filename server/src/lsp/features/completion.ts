// textDocument/completion over the service's completion, as snippets or plain text and with
// markdown or plain documentation, as the editor can take them.

import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type CompletionItem as ServiceCompletion, type CompletionKind } from '../../service';
import { markup, snippetToPlainText, type EditorAbilities } from '../clientCapabilities';
import { afterPendingReads, forDocument } from '../runSafe';
import type { Lines, Workspace } from '../workspace';

/**
 * A snippet as plain text on one line (`tls {\n\t$0\n}` → `tls { }`): editors without snippets
 * may insert through a line-based completion menu (Vim's complete(), as Neovim 0.7's omnifunc
 * does), which writes each newline as a NUL character.
 */
function plainCompletionText(snippet: string): string {
  return snippetToPlainText(snippet).replace(/\s*\n\s*/g, ' ');
}

const kinds: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  block: CompletionItemKind.Module,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
};

export function registerCompletion(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  editor: EditorAbilities,
): void {
  const toLsp = (items: readonly ServiceCompletion[], lines: Lines): CompletionItem[] =>
    items.map((item) => {
      const snippet = item.snippet && editor.snippets;
      return {
        label: item.label,
        kind: kinds[item.kind],
        detail: item.detail,
        documentation: item.documentation ? markup(item.documentation, editor.completionMarkdown) : undefined,
        textEdit: {
          range: lines.range(item.replace),
          newText: item.snippet && !snippet ? plainCompletionText(item.insertText) : item.insertText,
        },
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: item.sortText,
        tags: item.deprecated ? [1] : undefined,
      };
    });
  connection.onCompletion(async (params, token) => {
    await afterPendingReads();
    return forDocument<CompletionItem[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'completion', token },
      [],
      (doc) => {
        const lines = workspace.lines(doc);
        const items = workspace.service.complete(
          workspace.lastReadingRef(doc),
          lines.offset(params.position),
          'prefer',
        );
        return toLsp(items, lines);
      },
      // In a YAML document: inside an embedded config, or a nats-server flag of a command; else nothing.
      (doc) => {
        const text = doc.getText();
        const lines = new LineIndex(text);
        const items = workspace.service.completeYaml(workspace.ref(doc), lines.offset(params.position));
        return items ? toLsp(items, lines) : [];
      },
    );
  });
}
