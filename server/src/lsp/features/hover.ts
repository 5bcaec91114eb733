// textDocument/hover over the service's hover.

import { MarkupKind, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from '../../service';
import { runSafe } from '../runSafe';
import type { Workspace } from '../workspace';

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onHover((params) =>
    runSafe<Hover | null>(connection, 'hover', null, () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const result = workspace.check(doc);
      const found = hover(result.model, doc.offsetAt(params.position));
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: result.model.root.lines.range(found.span) };
    }),
  );
}
