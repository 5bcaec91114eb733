// textDocument/hover over the service's hover.

import { MarkupKind, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from '../../service';
import { forDocument } from '../runSafe';
import type { Workspace } from '../workspace';

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onHover((params) =>
    forDocument<Hover | null>(connection, documents, params.textDocument.uri, 'hover', null, (doc) => {
      const result = workspace.check(doc);
      const found = hover(result.model, doc.offsetAt(params.position));
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: result.model.root.lines.range(found.span) };
    }),
  );
}
