// textDocument/definition and textDocument/documentLink.

import type { Connection, DocumentLink, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { forDocument } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerNavigation(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
): void {
  connection.onDefinition((params, token) =>
    forDocument<Location | null>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'definition', token },
      null,
      (doc) => {
        const model = workspace.read(doc);
        const found = workspace.service.definition(workspace.ref(doc), doc.offsetAt(params.position));
        if (!found) return null;
        const file = model.files.find((f) => f.path === found.file);
        if (!file) return null;
        return { uri: URI.fromPath(path.resolve(found.file)), range: file.lines.range(found.span) };
      },
    ),
  );
  connection.onDocumentLinks((params, token) =>
    forDocument<DocumentLink[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'document links', token },
      [],
      (doc) => {
        const model = workspace.read(doc);
        return workspace.service
          .links(workspace.ref(doc))
          .map((l) => ({ range: model.root.lines.range(l.span), target: URI.fromPath(path.resolve(l.target)) }));
      },
    ),
  );
}
