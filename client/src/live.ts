// Live clusters from the command palette and the editor's context menu: connections (nats CLI
// contexts, and connections added here), publish, subscribe, request, reply, cluster health and
// "Compare with configs". This file only asks the user and shows results; the NATS logic, what
// is logged and what the views draw come from the plain modules of server/src/live.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import {
  commands,
  ConfigurationTarget,
  languages,
  ProgressLocation,
  StatusBarAlignment,
  TabInputText,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Diagnostic,
  type DiagnosticCollection,
  type ExtensionContext,
  type OutputChannel,
  type QuickPickItem,
  type SecretStorage,
  type StatusBarItem,
  type WebviewPanel,
} from 'vscode';
import type { Diagnostic as LspDiagnostic, LanguageClient } from 'vscode-languageclient/node';
import {
  ContextError,
  listContexts,
  loadContext,
  redactUrl,
  selectedContextName,
  type NatsContext,
} from '../../server/src/live/contexts';
import { shownServers } from '../../server/src/live/connectOptions';
import type { ClusterHealth } from '../../server/src/live/health';
import { messagesJsonLines } from '../../server/src/live/messageFeed';
import { parseHeaders, type PublishRequest } from '../../server/src/live/messaging';
import {
  buildProfile,
  profileSummary,
  profileToContext,
  readProfiles,
  secretKey,
  type ConnectionProfile,
  type ProfileAuth,
} from '../../server/src/live/profiles';
import { LiveSession, type StatusView } from '../../server/src/live/session';
import { healthHtml, messagesHtml } from '../../server/src/live/views';
import { registerJetStreamView } from './jetstreamView';

let session: LiveSession;
let output: OutputChannel;
let statusItem: StatusBarItem;
let secrets: SecretStorage;
let messagesPanel: WebviewPanel | undefined;
let healthPanel: WebviewPanel | undefined;
let languageClient: () => LanguageClient | undefined;
/** Tells the JetStream view that the connection changed. */
let jetstreamChanged: (() => void) | undefined;

export function registerLiveCommands(context: ExtensionContext, client: () => LanguageClient | undefined): void {
  languageClient = client;
  secrets = context.secrets;
  output = window.createOutputChannel('NATS');
  statusItem = window.createStatusBarItem('nats.connection', StatusBarAlignment.Left, 50);
  statusItem.name = 'NATS connection';
  statusItem.command = 'nats.connect';
  session = new LiveSession({
    log: (line) => output.appendLine(`${new Date().toLocaleTimeString()} ${line}`),
    onStatus: showStatus,
    onMessages: (batches) => void messagesPanel?.webview.postMessage({ type: 'batch', batches }),
  });
  showStatus(session.status());
  jetstreamChanged = registerJetStreamView(context, {
    connection: () => (session.connected ? session.connection.nc : undefined),
    connect: connected,
    explain: (e) => session.explain(e),
    log: (line) => output.appendLine(`${new Date().toLocaleTimeString()} ${line}`),
  });
  // Every command ends in one clear message, never a stack trace; the session stays usable.
  const guard = (name: string, run: (...args: unknown[]) => Promise<unknown>) =>
    commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (e) {
        const message = session.explain(e);
        output.appendLine(`${new Date().toLocaleTimeString()} ${message}`);
        void window.showErrorMessage(message);
      }
    });
  context.subscriptions.push(
    output,
    statusItem,
    guard('nats.connect', (arg) => connectCommand(arg as { url?: string; context?: string } | undefined)),
    guard('nats.addConnection', () => addConnection(true)),
    guard('nats.removeConnection', removeConnection),
    guard('nats.disconnect', () => session.disconnect()),
    guard('nats.publish', (arg) => publishCommand(undefined, arg as Preset | undefined)),
    guard('nats.publishSelection', () => publishCommand('selection')),
    guard('nats.publishFile', () => publishCommand('file')),
    guard('nats.subscribe', subscribeCommand),
    guard('nats.showMessages', async () => showMessages()),
    guard('nats.saveMessages', (id) => saveMessages(typeof id === 'number' ? id : undefined)),
    guard('nats.request', requestCommand),
    guard('nats.reply', replyCommand),
    guard('nats.stop', stopCommand),
    guard('nats.clusterHealth', healthCommand),
    guard('nats.compareWithConfigs', compareCommand),
    guard('nats.stopComparing', stopComparing),
    window.tabGroups.onDidChangeTabs(() => liveFindings.length && showHiddenLiveFindings()),
    { dispose: () => liveCollection?.dispose() },
    { dispose: () => void session.disconnect().finally(() => session.dispose()) },
  );
}

function showStatus(view: StatusView): void {
  statusItem.text = view.text;
  statusItem.tooltip = view.tooltip;
  // Screen readers hear the server, cluster and state too, not only the name.
  statusItem.accessibilityInformation = { label: `${view.text.replace(/\$\([^)]*\)\s*/g, '')}, ${view.tooltip}` };
  statusItem.show();
  void commands.executeCommand('setContext', 'nats.connected', view.connected);
  jetstreamChanged?.();
  // Disconnecting stops the subscriptions: the messages view lists what still runs.
  postSubscriptions();
}

const ADD = '$(add) Add a connection…';

/** A nats CLI context, a connection saved here, or a new one; scripts and tests may name one. */
async function connectCommand(arg?: { url?: string; context?: string }): Promise<void> {
  if (arg?.url || arg?.context) {
    const ctx = arg.context ? loadContext(arg.context).context : { url: arg.url };
    await session.connect(ctx, arg.context ?? arg.url!);
    return;
  }
  const contexts = listContexts();
  const selected = selectedContextName();
  const saved = savedProfiles();
  const items: (QuickPickItem & {
    run?: () => Promise<{ ctx: NatsContext; label: string; connectionName?: string } | undefined>;
  })[] = [
    ...saved.map((p) => ({
      label: p.name,
      description: profileSummary(p),
      detail: 'saved in VS Code',
      run: async () => ({
        ctx: profileToContext(p, await secrets.get(secretKey(p.name))),
        label: p.name,
        connectionName: p.connectionName,
      }),
    })),
    ...contexts.map((c) => ({
      label: c.name,
      description: `${c.name === selected ? '(selected) ' : ''}${shownServers(c.context).join(', ')}`,
      detail: `nats CLI context${c.context.description ? `: ${c.context.description}` : ''}`,
      run: async () => ({ ctx: loadContext(c.name).context, label: c.name }),
    })),
    { label: ADD, description: 'servers, user and password, token, NKey, credentials, TLS' },
  ];
  const picked =
    items.length === 1
      ? items[0]
      : await window.showQuickPick(items, {
          title: 'Connect to NATS',
          placeHolder: 'A saved connection, a nats CLI context, or a new connection',
        });
  if (!picked) return;
  const target = picked.run ? await picked.run() : await addConnection(false);
  if (!target) return;
  await window.withProgress({ location: ProgressLocation.Window, title: `Connecting to ${target.label}` }, () =>
    session.connect(target.ctx, target.label, { connectionName: target.connectionName }),
  );
}

function savedProfiles(): ConnectionProfile[] {
  return readProfiles(workspace.getConfiguration('nats').get('connections'));
}

async function ask(title: string, value = '', placeHolder?: string, password = false): Promise<string | undefined> {
  return window.showInputBox({ title, value, placeHolder, password, ignoreFocusOut: true });
}

async function pickFile(title: string): Promise<string | undefined> {
  const files = await window.showOpenDialog({ title, canSelectMany: false, openLabel: 'Use this file' });
  return files?.[0]?.fsPath;
}

/** Asks for a connection, saves it (secret apart), and returns it ready to connect. */
async function addConnection(
  connectNow: boolean,
): Promise<{ ctx: NatsContext; label: string; connectionName?: string } | undefined> {
  const urls = await ask(
    'Server URLs (several, comma separated, for failover)',
    'nats://127.0.0.1:4222',
    'nats://host1:4222,nats://host2:4222 or tls://host:4222',
  );
  if (!urls) return undefined;
  // Credentials in the URL (nats://user:pass@host, nats://token@host) answer the question: they
  // are taken out of it and kept in the secret store.
  const answers: Parameters<typeof buildProfile>[0] = { name: '', urls };
  if (!/:\/\/[^@/\s]+@/.test(urls)) {
    const authPick = await window.showQuickPick(
      [
        { label: 'No authentication', auth: 'none' as ProfileAuth },
        { label: 'User and password', auth: 'user' as ProfileAuth },
        { label: 'Token', auth: 'token' as ProfileAuth },
        { label: 'NKey seed file', auth: 'nkey' as ProfileAuth },
        { label: 'Credentials file (.creds)', auth: 'creds' as ProfileAuth },
      ],
      { title: 'Authentication', ignoreFocusOut: true },
    );
    if (!authPick) return undefined;
    answers.auth = authPick.auth;
    if (authPick.auth === 'user') {
      answers.user = await ask('User');
      if (answers.user === undefined) return undefined;
      answers.secret = await ask(`Password for ${answers.user}`, '', undefined, true);
    } else if (authPick.auth === 'token') answers.secret = await ask('Token', '', undefined, true);
    else if (authPick.auth === 'nkey') answers.nkey = await pickFile('NKey seed file');
    else if (authPick.auth === 'creds') answers.creds = await pickFile('Credentials file');
  }
  const tls = await window.showQuickPick(
    [
      { label: 'Client certificate and key', id: 'cert' },
      { label: 'CA certificate (to trust the server)', id: 'ca' },
      { label: 'TLS first (handshake before the server greets)', id: 'first' },
      { label: 'Inbox prefix and connection name', id: 'more' },
    ],
    { title: 'TLS and more (optional: pick none to skip)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!tls) return undefined;
  const chosen = new Set(tls.map((t) => t.id));
  if (chosen.has('cert'))
    [answers.cert, answers.key] = [await pickFile('Client certificate (PEM)'), await pickFile('Client key (PEM)')];
  if (chosen.has('ca')) answers.ca = await pickFile('CA certificate (PEM)');
  if (chosen.has('first')) answers.tlsFirst = true;
  if (chosen.has('more')) {
    answers.inboxPrefix = (await ask('Inbox prefix (empty: _INBOX)')) || undefined;
    answers.connectionName = (await ask('Connection name servers show in /connz (empty: VS Code NATS)')) || undefined;
  }
  const name = await ask(
    'A name for this connection',
    redactUrl(urls.split(',')[0]).replace(/^[a-z]+:\/\/([^@]*@)?/i, ''),
  );
  if (!name) return undefined;
  answers.name = name;
  const { profile, secret, problem } = buildProfile(answers);
  if (problem) throw new ContextError(problem);
  // Settings get the profile; the password or token goes to the secret store only.
  const others = savedProfiles().filter((p) => p.name !== profile.name);
  await workspace.getConfiguration('nats').update('connections', [...others, profile], ConfigurationTarget.Global);
  if (secret !== undefined) await secrets.store(secretKey(profile.name), secret);
  else await secrets.delete(secretKey(profile.name));
  output.appendLine(
    `${new Date().toLocaleTimeString()} saved the connection ${profile.name}: ${profileSummary(profile)}`,
  );
  const target = {
    ctx: profileToContext(profile, secret),
    label: profile.name,
    connectionName: profile.connectionName,
  };
  if (connectNow) await session.connect(target.ctx, target.label, { connectionName: target.connectionName });
  return target;
}

async function removeConnection(): Promise<void> {
  const saved = savedProfiles();
  if (!saved.length)
    return void window.showInformationMessage(
      'No connection is saved in VS Code (nats CLI contexts are managed with `nats context`).',
    );
  const picked = await window.showQuickPick(
    saved.map((p) => ({ label: p.name, description: profileSummary(p) })),
    { title: 'Remove a saved connection', canPickMany: true },
  );
  if (!picked?.length) return;
  const gone = new Set(picked.map((p) => p.label));
  await workspace.getConfiguration('nats').update(
    'connections',
    saved.filter((p) => !gone.has(p.name)),
    ConfigurationTarget.Global,
  );
  for (const name of gone) await secrets.delete(secretKey(name));
}

/** The session's connection; when there is none, "Connect" runs first. */
async function connected(): Promise<boolean> {
  if (!session.connected) await commands.executeCommand('nats.connect');
  return session.connected;
}

/** The payload: the selection, the whole file, or typed (empty: the active file). */
async function payloadFrom(source: 'selection' | 'file' | undefined): Promise<string | undefined> {
  const editor = window.activeTextEditor;
  if (source === 'selection' && editor) return editor.document.getText(editor.selection);
  if (source === 'file' && editor) return editor.document.getText();
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const typed = await ask('Payload (empty: the active file)', '');
  return typed === undefined ? undefined : typed || editor?.document.getText() || '';
}

async function headersAsked(): Promise<PublishRequest['headers'] | null> {
  const text = await ask(
    'Headers (optional): Name: value, several separated by ;',
    '',
    'Content-Type: application/json; Nats-Msg-Id: 1',
  );
  return text === undefined ? null : headersFrom(text);
}

/** Headers typed on one line, `Name: value; Name: value`. */
function headersFrom(text: string): PublishRequest['headers'] {
  return parseHeaders(text.split(';').join('\n'));
}

/** Connected, then a subject, a payload and headers; undefined when the user cancels. */
async function askMessage(
  title: string,
  placeHolder: string,
  source?: 'selection' | 'file',
): Promise<(Pick<PublishRequest, 'subject' | 'payload' | 'headers'> & { payload: string }) | undefined> {
  if (!(await connected())) return undefined;
  const subject = await ask(title, '', placeHolder);
  if (!subject) return undefined;
  const payload = await payloadFrom(source);
  if (payload === undefined) return undefined;
  const headers = await headersAsked();
  return headers === null ? undefined : { subject, payload, headers };
}

/** A message given with the command (keybindings, scripts, tests): published once, nothing asked. */
type Preset = { subject: string; payload?: string; headers?: string };

async function publishCommand(source?: 'selection' | 'file', preset?: Preset): Promise<void> {
  if (preset?.subject) {
    await session.publish({
      subject: preset.subject,
      payload: preset.payload ?? '',
      headers: preset.headers ? headersFrom(preset.headers) : undefined,
    });
    return;
  }
  const message = await askMessage('Publish to subject', 'orders.new', source);
  if (!message) return;
  const { subject } = message;
  const how = await window.showQuickPick(
    [
      { label: 'Publish', id: 'once' },
      { label: 'Publish several times…', id: 'count' },
      { label: 'Publish with a reply subject…', id: 'reply' },
      { label: 'Publish to JetStream', description: 'waits for the ack: stream and sequence', id: 'js' },
    ],
    { title: `Publish to ${subject}` },
  );
  if (!how) return;
  const req: PublishRequest & { jetstream?: boolean } = { ...message };
  if (how.id === 'count') {
    const n = Number(await ask('How many messages', '10'));
    if (!Number.isInteger(n) || n < 1) return;
    req.count = n;
  } else if (how.id === 'reply') {
    req.reply = await ask('Reply subject', '', 'replies.me');
    if (!req.reply) return;
  } else if (how.id === 'js') req.jetstream = true;
  const line = await session.publish(req).catch((e) => {
    throw new ContextError(session.explain(e, { subject, jetstream: req.jetstream }));
  });
  void window.setStatusBarMessage(`NATS: ${line}`, 4000);
  if (req.jetstream) void window.showInformationMessage(line);
}

async function subscribeCommand(): Promise<void> {
  if (!(await connected())) return;
  const subject = await ask('Subscribe to subject (wildcards * and >)', '>', 'orders.>');
  if (!subject) return;
  const queue = await ask('Queue group (empty: none)');
  if (queue === undefined) return;
  showMessages();
  await session.subscribe(subject, queue).catch((e) => {
    throw new ContextError(session.explain(e, { subject }));
  });
  postSubscriptions();
}

/** The messages view: one panel for every subscription, each with Stop and Save. */
function showMessages(): void {
  if (messagesPanel) return messagesPanel.reveal(undefined, true);
  const panel = window.createWebviewPanel(
    'natsMessages',
    'NATS messages',
    { viewColumn: ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, retainContextWhenHidden: true },
  );
  messagesPanel = panel;
  panel.webview.html = messagesHtml(crypto.randomBytes(16).toString('base64'));
  panel.webview.onDidReceiveMessage(async (m: { type: string; id?: number }) => {
    if (m.type === 'ready') {
      postSubscriptions();
      // A view opened again shows what the running subscriptions kept meanwhile.
      const kept = session.kept();
      if (kept.some((b) => b.messages.length)) void panel.webview.postMessage({ type: 'batch', batches: kept });
    }
    if (m.type === 'stop' && m.id !== undefined) {
      await session.stop(m.id);
      postSubscriptions();
    }
    if (m.type === 'save' && m.id !== undefined) await commands.executeCommand('nats.saveMessages', m.id);
  });
  panel.onDidDispose(() => (messagesPanel = undefined));
}

function postSubscriptions(): void {
  const items = [...session.running.values()]
    .filter((r) => r.subscription)
    .map((r) => ({ id: r.id, label: r.label, received: r.subscription!.received, dropped: r.subscription!.dropped }));
  void messagesPanel?.webview.postMessage({ type: 'subscriptions', items });
}

/** The messages a subscription keeps, as JSON Lines in a file the user picks. */
async function saveMessages(id?: number): Promise<void> {
  const subs = [...session.running.values()].filter((r) => r.subscription);
  const run =
    id !== undefined
      ? session.running.get(id)
      : subs.length === 1
        ? subs[0]
        : await window
            .showQuickPick(
              subs.map((r) => ({ label: r.label, run: r })),
              { title: 'Save the messages of' },
            )
            .then((p) => p?.run);
  if (!run?.subscription) return void (subs.length || window.showInformationMessage('No subscription is running.'));
  const target = await window.showSaveDialog({
    title: `Save the messages of ${run.label}`,
    defaultUri: Uri.file(`${run.subject.replace(/[^\w.-]+/g, '_')}.jsonl`),
    filters: { 'JSON Lines': ['jsonl'] },
  });
  if (!target) return;
  const messages = run.subscription.messages();
  fs.writeFileSync(target.fsPath, messagesJsonLines(messages));
  output.appendLine(
    `${new Date().toLocaleTimeString()} saved ${messages.length} messages of ${run.label} to ${target.fsPath}`,
  );
}

async function requestCommand(): Promise<void> {
  const message = await askMessage('Request on subject', 'svc.echo');
  if (!message) return;
  const { subject } = message;
  const timeoutMs = Number(await ask('Timeout (ms)', '2000')) || 2000;
  const maxReplies = Number(await ask('Replies to wait for (more than 1: collect until the timeout)', '1')) || 1;
  await session.request({ ...message, timeoutMs, maxReplies }).catch((e) => {
    throw new ContextError(session.explain(e, { subject, timeoutMs }));
  });
  output.show(true);
}

async function replyCommand(): Promise<void> {
  if (!(await connected())) return;
  const subject = await ask('Answer requests on subject', '', 'svc.echo');
  if (!subject) return;
  const body = await ask('Reply body (empty: echo each request)');
  if (body === undefined) return;
  await session.reply(subject, body || undefined);
}

async function stopCommand(): Promise<void> {
  const running = [...session.running.values()];
  if (!running.length) return void window.showInformationMessage('No NATS subscription or responder is running.');
  const picked = await window.showQuickPick(
    running.map((r) => ({ label: r.label, description: r.kind, id: r.id })),
    { title: 'Stop', canPickMany: true },
  );
  for (const p of picked ?? []) await session.stop(p.id);
  postSubscriptions();
}

/** Health through $SYS, else from the monitoring ports the workspace configs give, else asked for. */
async function gatherHealth(): Promise<ClusterHealth | undefined> {
  const configured = (await languageClient()
    ?.sendRequest<{ names: string[]; monitors: string[] }>('nats/configuredNodes')
    .catch(() => undefined)) ?? { names: [], monitors: [] };
  let health = await session.health({ monitors: configured.monitors, expected: configured.names });
  if (!health.nodes.length) {
    const typed = await ask(
      "No node answered through $SYS or the configs' monitoring ports. Monitoring URLs to read",
      configured.monitors.join(',') || 'http://127.0.0.1:8222',
    );
    if (!typed) return undefined;
    health = await session.health({
      monitors: typed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (!health.nodes.length)
      throw new ContextError(
        `No monitoring endpoint answers (${health.unreachable.join(', ')}): check the http_port of the nodes.`,
      );
  }
  return health;
}

async function healthCommand(): Promise<void> {
  const health = await gatherHealth();
  if (!health) return;
  const title =
    'NATS cluster health' +
    `${session.connected ? ` (${session.status().text.replace(/^\$\([^)]*\) NATS /, '')})` : ''}`;
  if (!healthPanel) {
    healthPanel = window.createWebviewPanel(
      'natsHealth',
      'NATS cluster health',
      { viewColumn: ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false },
    );
    healthPanel.onDidDispose(() => (healthPanel = undefined));
  } else healthPanel.reveal(undefined, true);
  healthPanel.webview.html = healthHtml(health, title);
}

/**
 * The running cluster against the workspace's node configs: differences go to Problems. The
 * language server adds them to the files shown in tabs (and keeps them through edits); those of
 * files not shown are set here, and handed back to the server as their tabs open.
 */
async function compareCommand(): Promise<void> {
  const lc = languageClient();
  if (!lc) return;
  const health = await gatherHealth();
  if (!health) return;
  const { files } = await lc.sendRequest<{ files: { uri: string; findings: number; diagnostics: LspDiagnostic[] }[] }>(
    'nats/compareLive',
    { health },
  );
  liveFindings = await Promise.all(
    files.map(async (f) => ({ uri: f.uri, diagnostics: await lc.protocol2CodeConverter.asDiagnostics(f.diagnostics) })),
  );
  showHiddenLiveFindings();
  const n = files.reduce((a, f) => a + f.findings, 0);
  const answer = await window.showInformationMessage(
    n
      ? `The running cluster differs from the configs in ${n} place${n === 1 ? '' : 's'} ` +
          `(${files.length} file${files.length === 1 ? '' : 's'}): see Problems.`
      : `The running cluster (${health.nodes.length} nodes) matches the configs.`,
    ...(n ? ['Show Problems', 'Stop comparing'] : []),
  );
  if (answer === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
  if (answer === 'Stop comparing') await commands.executeCommand('nats.stopComparing');
}

let liveFindings: { uri: string; diagnostics: Diagnostic[] }[] = [];
let liveCollection: DiagnosticCollection | undefined;

/** The drift findings of files not shown in a tab (the server's pulled diagnostics cover the others). */
function showHiddenLiveFindings(): void {
  liveCollection ??= languages.createDiagnosticCollection('nats-live');
  const shown = new Set(
    window.tabGroups.all
      .flatMap((g) => g.tabs)
      .flatMap((t) => (t.input instanceof TabInputText ? [t.input.uri.toString()] : [])),
  );
  liveCollection.clear();
  for (const f of liveFindings)
    if (!shown.has(Uri.parse(f.uri).toString())) liveCollection.set(Uri.parse(f.uri), f.diagnostics);
}

async function stopComparing(): Promise<void> {
  liveFindings = [];
  liveCollection?.clear();
  await languageClient()?.sendRequest('nats/compareLive', { health: null });
}
