// textDocument/hover over the service's hover, in markdown or plain text as the editor takes it.

import type { Connection, Hover, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../service';
import { markup, type EditorAbilities } from '../clientCapabilities';
import { afterPendingReads, forDocument } from '../runSafe';
import type { Workspace } from '../workspace';

export function registerHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  editor: EditorAbilities,
): void {
  connection.onHover(async (params, token) => {
    await afterPendingReads();
    return forDocument<Hover | null>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'hover', token },
      null,
      (doc) => {
        const lines = workspace.lines(doc);
        const found = workspace.service.hover(workspace.lastReadingRef(doc), lines.offset(params.position), 'prefer');
        if (!found) return null;
        return { contents: markup(found.contents, editor.hoverMarkdown), range: lines.range(found.span) };
      },
      // In a YAML document: inside an embedded config, or a nats-server flag of a command.
      (doc) => {
        const lines = new LineIndex(doc.getText());
        const found = workspace.service.hoverYaml(workspace.ref(doc), lines.offset(params.position));
        return found
          ? { contents: markup(found.contents, editor.hoverMarkdown), range: lines.range(found.span) }
          : null;
      },
    );
  });
}
