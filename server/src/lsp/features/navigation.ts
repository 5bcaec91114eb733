// textDocument/definition and textDocument/documentLink.

import type { Connection, DocumentLink, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { definition, documentLinks } from '../../service';
import { runSafe } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  connection.onDefinition((params) =>
    runSafe<Location | null>(connection, 'definition', null, () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const { model } = workspace.check(doc);
      const found = definition(model, doc.offsetAt(params.position));
      if (!found) return null;
      const file = model.files.find((f) => f.path === found.file);
      if (!file) return null;
      return { uri: URI.fromPath(path.resolve(found.file)), range: file.lines.range(found.span) };
    }),
  );
  connection.onDocumentLinks((params) =>
    runSafe<DocumentLink[]>(connection, 'document links', [], () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { model } = workspace.check(doc);
      return documentLinks(model).map((l) => ({ range: model.root.lines.range(l.span), target: URI.fromPath(path.resolve(l.target)) }));
    }),
  );
}
