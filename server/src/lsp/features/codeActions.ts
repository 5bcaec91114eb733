// textDocument/codeAction: the service's quick fixes for the diagnostics in the range, as
// edits for the document's version (see ../edits.ts).

import { CodeActionKind, type CodeAction, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { EditAnswers } from '../edits';
import { forDocument } from '../runSafe';
import type { ClusterPeers } from '../clusterPeers';
import { URI } from '../uri';
import type { Workspace } from '../workspace';

export function registerCodeActions(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  answers: EditAnswers,
  peers: ClusterPeers,
): void {
  connection.onCodeAction((params, token) =>
    forDocument<CodeAction[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'code actions', token },
      [],
      (doc) => {
        answers.ensureLatest(doc, 'quick fix');
        // The cross-node findings in this file carry fixes too (a certificate's openssl commands, `advertise`).
        const cross = peers.diagnosticsFor(URI.toPath(doc.uri));
        // Fixes come with findings: in a large document not checked at this version yet (typing), none until
        // its check (the editor asks again when the new diagnostics arrive) rather than a check now.
        return workspace.service.codeActions(workspace.lastReadingRef(doc), params.range, cross, 'prefer').map((a) => ({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: a.preferred,
          diagnostics: [{ range: a.diagnostic.range, message: a.diagnostic.message, code: a.diagnostic.code }],
          edit: answers.workspaceEdit([{ uri: doc.uri, version: doc.version, edits: a.edits }]),
        }));
      },
      // A YAML document: the fixes its findings carry (edits inside an embedded config, already in YAML terms).
      (doc) => {
        answers.ensureLatest(doc, 'quick fix');
        const { start, end } = params.range;
        const before = (a: Position, b: Position) =>
          a.line < b.line || (a.line === b.line && a.character <= b.character);
        return peers.yaml
          .diagnosticsFor(doc)
          .filter((d) => d.fixes?.length && before(d.range.start, end) && before(start, d.range.end))
          .flatMap((d) =>
            d.fixes!.map((fix) => ({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [{ range: d.range, message: d.message, code: d.code }],
              edit: answers.workspaceEdit([{ uri: doc.uri, version: doc.version, edits: fix.edits }]),
            })),
          );
      },
    ),
  );
}
