// The VS Code extension: starts the NATS language server for nats-conf documents, shows the
// release being checked against, and offers NATS for other `.conf` files that hold one.

import * as path from 'node:path';
import {
  commands,
  languages,
  StatusBarAlignment,
  ViewColumn,
  window,
  workspace,
  ConfigurationTarget,
  type ExtensionContext,
  type TextDocument,
  type WebviewPanel,
} from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { looksLikeNatsConfig } from '../../server/src/service/detect';
import { registerLiveCommands } from './live';

const LANGUAGE = 'nats-conf';
let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'dist', 'nats-language-server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const settings = workspace.getConfiguration('nats');
  const clientOptions: LanguageClientOptions = {
    // YAML documents too (Kubernetes manifests, Compose files, nats chart values), as the language they
    // are: the server adds its findings to those holding NATS and stays silent on the others.
    documentSelector: [
      { language: LANGUAGE },
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
      { language: 'dockercompose', scheme: 'file' },
    ],
    initializationOptions: {
      serverVersion: settings.get<string>('serverVersion', ''),
      serverWorkingDirectory: settings.get<string>('serverWorkingDirectory', ''),
      rules: settings.get<Record<string, string>>('rules', {}),
    },
    // The server reads nats.* through workspace/configuration and hears of changes, and of
    // .conf files changing on disk (cross-node checks read peers that are not open).
    // Manifests beside an open one are read from disk as well.
    synchronize: {
      configurationSection: 'nats',
      fileEvents: [
        workspace.createFileSystemWatcher('**/*.conf'),
        workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
      ],
    },
  };
  // vscode-languageclient restarts a server that dies (up to a few times in a row).
  client = new LanguageClient('nats', 'NATS Configuration', serverOptions, clientOptions);

  // The release being checked against, while a NATS config is in the editor.
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  status.command = { title: 'NATS settings', command: 'workbench.action.openSettings', arguments: ['nats'] };
  const showStatus = () => {
    const version = workspace.getConfiguration('nats').get<string>('serverVersion', '') || 'newest';
    status.text = `NATS ${version}`;
    status.tooltip = 'nats-server release the configuration is checked against';
    if (window.activeTextEditor?.document.languageId === LANGUAGE) status.show();
    else status.hide();
  };

  context.subscriptions.push(
    status,
    window.onDidChangeActiveTextEditor(showStatus),
    workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('nats') && showStatus()),
    commands.registerCommand('nats.treatAsNatsConfig', () => treatAsNats(window.activeTextEditor?.document)),
    commands.registerCommand('nats.showTopology', () => showTopology()),
    workspace.onDidOpenTextDocument((doc) => void offerNats(doc)),
  );
  registerLiveCommands(context, () => client);
  showStatus();
  for (const doc of workspace.textDocuments) void offerNats(doc);
  await client.start();
}

/** Makes this file (by name) a NATS config for good: a files.associations entry. */
async function treatAsNats(doc: TextDocument | undefined): Promise<void> {
  if (!doc) return;
  const associations = { ...(workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {}) };
  associations[`**/${path.basename(doc.fileName)}`] = LANGUAGE;
  await workspace.getConfiguration('files').update('associations', associations, ConfigurationTarget.Workspace);
  await languages.setTextDocumentLanguage(doc, LANGUAGE);
}

/** A `.conf` file opened as something else that holds a NATS config: switch, or ask, per nats.detect. */
async function offerNats(doc: TextDocument): Promise<void> {
  if (doc.languageId === LANGUAGE || !doc.fileName.endsWith('.conf') || !looksLikeNatsConfig(doc.getText())) return;
  const mode = workspace.getConfiguration('nats').get<string>('detect', 'ask');
  if (mode === 'off') return;
  if (mode === 'switch') {
    await languages.setTextDocumentLanguage(doc, LANGUAGE);
    return;
  }
  const answer = await window.showInformationMessage(
    `${path.basename(doc.fileName)} looks like a NATS server config.`,
    'Open as NATS config',
    'Always for this file',
  );
  if (answer === 'Open as NATS config') await languages.setTextDocumentLanguage(doc, LANGUAGE);
  if (answer === 'Always for this file') await treatAsNats(doc);
}

/** The workspace's clusters as the language server draws them; redrawn while the view is open. */
let topologyPanel: WebviewPanel | undefined;

async function showTopology(): Promise<void> {
  if (!client) return;
  if (topologyPanel) {
    topologyPanel.reveal(undefined, true);
    return drawTopology(topologyPanel);
  }
  const panel = window.createWebviewPanel(
    'natsTopology',
    'NATS cluster topology',
    { viewColumn: ViewColumn.Beside, preserveFocus: true },
    { enableScripts: false },
  );
  topologyPanel = panel;
  let timer: NodeJS.Timeout | undefined;
  // Edits to any NATS config (open, saved, or on disk) may change the picture: redraw after a pause.
  const redraw = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void drawTopology(panel), 400);
  };
  const watcher = workspace.createFileSystemWatcher('**/*.conf');
  const subscriptions = [
    workspace.onDidChangeTextDocument((e) => e.document.languageId === LANGUAGE && redraw()),
    watcher.onDidChange(redraw),
    watcher.onDidCreate(redraw),
    watcher.onDidDelete(redraw),
    watcher,
  ];
  panel.onDidDispose(() => {
    clearTimeout(timer);
    subscriptions.forEach((d) => d.dispose());
    topologyPanel = undefined;
  });
  await drawTopology(panel);
}

async function drawTopology(panel: WebviewPanel): Promise<void> {
  if (!client) return;
  try {
    const { svg, nodes } = await client.sendRequest<{ svg: string; nodes: number }>('nats/topology');
    panel.webview.html =
      '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" ' +
      `content="default-src 'none'; style-src 'unsafe-inline';"></head>` +
      '<body style="background:#fff">' +
      `${nodes ? svg : '<p>No node configs with a cluster, gateway or leaf node block here.</p>'}</body></html>`;
  } catch {
    // The view was closed, or the server is restarting: the next edit draws again.
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
