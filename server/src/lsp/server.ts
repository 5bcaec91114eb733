// The language server: capabilities and the features, wired to a connection. Each feature
// lives in features/, over the pure language service.

import * as path from 'node:path';
import { ProposedFeatures, TextDocuments, TextDocumentSyncKind, createConnection, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseServerVersion } from '../service';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerOutline, registerSelection } from './features/outline';
import { registerNavigation } from './features/navigation';
import { registerCodeActions } from './features/codeActions';
import { registerEditing } from './features/editing';
import { CodeActionKind } from 'vscode-languageserver/node';
import { URI } from './uri';
import { Workspace } from './workspace';

interface InitializationOptions {
  serverVersion?: string;
  serverWorkingDirectory?: string;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace({ version: undefined, baseFolder: process.cwd() });

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    let baseFolder = folder ? URI.toPath(folder) : process.cwd();
    if (options.serverWorkingDirectory) baseFolder = path.resolve(baseFolder, options.serverWorkingDirectory);
    workspace.settings = { version: options.serverVersion ? parseServerVersion(options.serverVersion) : undefined, baseFolder };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['$', ' ', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        renameProvider: true,
      },
      serverInfo: { name: 'nats-language-server' },
    };
  });

  registerDiagnostics(connection, documents, workspace);
  registerCompletion(connection, documents, workspace);
  registerHover(connection, documents, workspace);
  registerOutline(connection, documents, workspace);
  registerSelection(connection, documents, workspace);
  registerNavigation(connection, documents, workspace);
  registerCodeActions(connection, documents, workspace);
  registerEditing(connection, documents, workspace);

  documents.listen(connection);
  connection.listen();
}
