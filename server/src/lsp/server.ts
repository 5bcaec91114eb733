// The language server: capabilities and the features, wired to a connection. Each feature
// lives in features/, over the pure language service.

import * as path from 'node:path';
import { TextDocuments, TextDocumentSyncKind, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { EditorDocument } from './editorDocument';
import { clusterTopology, parseServerVersion, topologySvg } from '../service';
import { runSafe } from './runSafe';
import { registerCompletion } from './features/completion';
import { registerDiagnostics, toLspDiagnostic } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerOutline, registerSelection } from './features/outline';
import { registerNavigation } from './features/navigation';
import { registerCodeActions } from './features/codeActions';
import { registerEditing } from './features/editing';
import { CodeActionKind } from 'vscode-languageserver/node';
import { URI } from './uri';
import { Workspace } from './workspace';
import { ClusterPeers } from './clusterPeers';
import { IncludeWatcher } from './includeWatcher';
import { configuredNodes } from '../live/drift';
import type { ClusterHealth } from '../live/health';
import type { EditorConnection } from './connection';
import { editorAbilities, type EditorAbilities } from './clientCapabilities';
import { EditAnswers } from './edits';
import { mergeSettings, readSettings, type ClientSettings, type SettingsLayer } from './settings';

export function startServer({ connection, announced }: EditorConnection): void {
  const documents = new TextDocuments(EditorDocument);
  // Filled in at initialize, from what the editor declares.
  const editor: EditorAbilities = editorAbilities(undefined);
  const answers = new EditAnswers(documents, announced, editor);
  const workspace = new Workspace({ version: undefined, baseFolder: process.cwd(), rules: {}, separator: 'keep' });
  let workspaceFolder = process.cwd();
  let canAskConfiguration = false;
  const peers = new ClusterPeers(workspace, documents);
  const includes = new IncludeWatcher(connection);
  // After each round of checks: the files the open documents include, watched.
  const watchIncludes = () =>
    includes.watch(
      documents.all().flatMap((doc) => {
        const own = URI.toPath(doc.uri);
        return workspace.service.filesReadBy(own).filter((f) => f !== own);
      }),
    );
  const diagnostics = registerDiagnostics(connection, documents, workspace, peers, watchIncludes);

  // The settings, one layer per source, later ones winning setting by setting: initializationOptions,
  // then what didChangeConfiguration carried, then what workspace/configuration answered.
  const layers: { initialization: SettingsLayer; pushed: SettingsLayer; asked: SettingsLayer } = {
    initialization: new Map(),
    pushed: new Map(),
    asked: new Map(),
  };
  const applyLayers = () => apply(mergeSettings(layers.initialization, layers.pushed, layers.asked));
  const apply = (settings: ClientSettings) => {
    const baseFolder = settings.serverWorkingDirectory
      ? path.resolve(workspaceFolder, settings.serverWorkingDirectory)
      : workspaceFolder;
    workspace.settings = {
      version: settings.serverVersion ? parseServerVersion(settings.serverVersion) : undefined,
      baseFolder,
      rules: settings.rules ?? {},
      separator: settings.format?.separator ?? 'keep',
    };
    peers.enabled = settings.cluster?.enabled !== false;
    peers.globs = settings.cluster?.nodes ?? [];
    peers.changed();
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder) workspaceFolder = URI.toPath(folder);
    peers.folder = folder ? workspaceFolder : undefined;
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    diagnostics.pull = params.capabilities.textDocument?.diagnostic !== undefined;
    const watching = params.capabilities.workspace?.didChangeWatchedFiles;
    includes.enabled = watching?.dynamicRegistration === true;
    includes.relativePatterns = watching?.relativePatternSupport === true;
    Object.assign(editor, editorAbilities(params.capabilities));
    layers.initialization = readSettings(params.initializationOptions);
    applyLayers();
    return {
      capabilities: {
        // Pulled where the client can (it asks when it needs them), pushed otherwise.
        diagnosticProvider: diagnostics.pull ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
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

  // Settings from workspace/configuration, where the client offers it: now, and on every change.
  const fetchSettings = async () => {
    if (!canAskConfiguration) return;
    try {
      const [settings] = (await connection.workspace.getConfiguration([{ section: 'nats' }])) as unknown[];
      layers.asked = readSettings(settings);
    } catch (err) {
      connection.console.error(`nats-language-server: reading settings failed: ${(err as Error)?.message ?? err}`);
    }
    applyLayers();
    diagnostics.refreshAll();
  };
  connection.onInitialized(() => void fetchSettings());
  // "NATS: Show cluster topology": the workspace's clusters as a drawing.
  connection.onRequest('nats/topology', () =>
    runSafe(connection, 'topology', { svg: '', nodes: 0, routes: 0, links: 0 }, () => {
      const topology = clusterTopology(peers.allNodes());
      return {
        svg: topologySvg(topology),
        nodes: topology.nodes.length,
        routes: topology.routes.length,
        links: topology.links.length,
      };
    }),
  );
  // "NATS: Compare with configs": where to reach the nodes the configs describe…
  connection.onRequest('nats/configuredNodes', () =>
    runSafe(connection, 'configured nodes', { names: [], monitors: [] }, () => configuredNodes(peers.allNodes())),
  );
  // …and the running cluster's health, compared with them from now on (null: stop comparing).
  // Open documents get the findings with their others (and keep them through edits); the client
  // shows those of files not open from the answer, as pulled diagnostics cover visible files only.
  connection.onRequest('nats/compareLive', (params: { health: ClusterHealth | null }) =>
    runSafe(
      connection,
      'comparing with the running cluster',
      { files: [] as { uri: string; findings: number; diagnostics: LspDiagnostic[] }[] },
      () => {
        peers.setLive(params?.health ?? undefined);
        diagnostics.refreshAll();
        const byFile = new Map<string, LspDiagnostic[]>();
        for (const d of peers.liveDiagnostics()) {
          const uri = URI.fromPath(path.resolve(d.file));
          byFile.set(uri, [...(byFile.get(uri) ?? []), toLspDiagnostic(d, uri)]);
        }
        return { files: [...byFile].map(([uri, found]) => ({ uri, findings: found.length, diagnostics: found })) };
      },
    ),
  );
  // A node config changed on disk: the cross-node findings of the open files may change.
  connection.onDidChangeWatchedFiles((params) => {
    // The file's own result and those of every document that includes it, directly or not, are stale.
    for (const change of params.changes) peers.changed(URI.toPath(change.uri));
    diagnostics.refreshAll();
  });
  // Editors that cannot be asked send the settings with the change (in any of the three forms);
  // those that can are asked again.
  connection.onDidChangeConfiguration((params) => {
    const pushed = readSettings(params?.settings);
    if (pushed.size > 0 || !canAskConfiguration) layers.pushed = pushed;
    if (canAskConfiguration) return void fetchSettings();
    applyLayers();
    diagnostics.refreshAll();
  });
  registerCompletion(connection, documents, workspace, editor);
  registerHover(connection, documents, workspace, editor);
  registerOutline(connection, documents, workspace, editor);
  registerSelection(connection, documents, workspace);
  registerNavigation(connection, documents, workspace);
  registerCodeActions(connection, documents, workspace, answers, peers);
  registerEditing(connection, documents, workspace, answers);

  documents.listen(connection);
  connection.listen();
}
