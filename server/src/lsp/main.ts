// The language server: `nats-language-server --stdio` (or node IPC when VS Code starts it).
// A thin adapter: documents in, the language service's diagnostics out. The editing
// features (completion, hover, …) arrive with the editing issue.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { URI } from './uri';
import { checkConfig, type Diagnostic } from '../service';
import { nodeHost } from '../node/nodeHost';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const severities: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where nats-server is taken to run: relative TLS and JWT paths resolve against it (the workspace folder). */
let baseFolder = process.cwd();

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (folder) baseFolder = URI.toPath(folder);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'nats-language-server' },
  };
});

function validate(doc: TextDocument): void {
  try {
    const path = URI.toPath(doc.uri);
    const { diagnostics } = checkConfig(path, doc.getText(), { host: nodeHost(process.env, baseFolder) });
    const own: LspDiagnostic[] = diagnostics
      .filter((d) => d.file === path)
      .map((d) => ({ range: d.range, severity: severities[d.severity], code: d.code, message: d.message, source: `nats-conf (${d.origin})` }));
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: own });
  } catch (err) {
    connection.console.error(`nats-language-server: checking ${doc.uri} failed: ${(err as Error)?.message ?? err}`);
  }
}

documents.onDidChangeContent((e) => validate(e.document));
documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();
