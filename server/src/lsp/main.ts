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
import * as path from 'node:path';
import { checkConfig, parseServerVersion, type Diagnostic, type ServerVersion } from '../service';
import { nodeHost } from '../node/nodeHost';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const severities: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where nats-server is taken to run: relative TLS and JWT paths resolve against it (default: the workspace folder). */
let baseFolder = process.cwd();
/** The release to check against (default: the newest known). */
let version: ServerVersion | undefined;

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (folder) baseFolder = URI.toPath(folder);
  const options = (params.initializationOptions ?? {}) as { serverVersion?: string; serverWorkingDirectory?: string };
  if (options.serverWorkingDirectory) baseFolder = path.resolve(baseFolder, options.serverWorkingDirectory);
  if (options.serverVersion) version = parseServerVersion(options.serverVersion);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'nats-language-server' },
  };
});

function validate(doc: TextDocument): void {
  try {
    const file = URI.toPath(doc.uri);
    const { diagnostics } = checkConfig(file, doc.getText(), { host: nodeHost(process.env, baseFolder), version });
    const own: LspDiagnostic[] = diagnostics
      .filter((d) => d.file === file)
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
