// Live clusters from the command palette: connect (a nats CLI context or a URL), publish,
// subscribe, request, reply and cluster health. This file only wires VS Code to the plain
// modules of server/src/live, which hold the NATS logic and are tested against real servers.

import { commands, OutputChannel, StatusBarAlignment, window, type ExtensionContext, type SecretStorage, type StatusBarItem } from 'vscode';
import { LiveConnection, type LiveStatus } from '../../server/src/live/connection';
import { listContexts, loadContext, redactUrl, selectedContextName, type NatsContext } from '../../server/src/live/contexts';
import { explainFailure } from '../../server/src/live/failures';
import { healthFromSystemAccount, healthText } from '../../server/src/live/health';
import { parseHeaders, publish, reply, request, subscribe, type LiveSubscription, type Responder, type ShownMessage } from '../../server/src/live/messaging';

let live: LiveConnection | undefined;
let label = '';
let statusItem: StatusBarItem;
let output: OutputChannel;
const running: { label: string; stop: () => Promise<void> }[] = [];

export function registerLiveCommands(context: ExtensionContext): void {
  output = window.createOutputChannel('NATS');
  statusItem = window.createStatusBarItem(StatusBarAlignment.Left, 50);
  statusItem.command = 'nats.connect';
  showState(undefined);
  const secrets = context.secrets;
  const guard = (name: string, run: () => Promise<void>) =>
    commands.registerCommand(name, async () => {
      try {
        await run();
      } catch (e) {
        void window.showErrorMessage(explainFailure(e, { servers: live?.shown }));
      }
    });
  context.subscriptions.push(
    output,
    statusItem,
    guard('nats.connect', () => connectCommand(secrets)),
    guard('nats.disconnect', async () => {
      await stopAll();
      await live?.close();
      live = undefined;
      showState(undefined);
    }),
    guard('nats.publish', publishCommand),
    guard('nats.subscribe', subscribeCommand),
    guard('nats.request', requestCommand),
    guard('nats.reply', replyCommand),
    guard('nats.stop', stopCommand),
    guard('nats.clusterHealth', healthCommand),
    { dispose: () => void stopAll().then(() => live?.close()) },
  );
}

function showState(s: LiveStatus | undefined): void {
  if (!s || s.state === 'closed') {
    statusItem.text = '$(plug) NATS: not connected';
    statusItem.tooltip = 'Connect to a NATS server (a nats CLI context or a URL)';
  } else {
    const icon = s.state === 'connected' ? '$(radio-tower)' : '$(sync~spin)';
    statusItem.text = `${icon} NATS ${label}${s.state === 'connected' ? '' : `: ${s.state}`}`;
    statusItem.tooltip = `${s.state} to ${s.server ?? live?.shown.join(', ')}${s.cluster ? `, cluster ${s.cluster}` : ''}${s.reconnects ? `, ${s.reconnects} reconnects` : ''}`;
  }
  statusItem.show();
}

/** A nats CLI context, or a URL typed in; a password typed in is kept in SecretStorage only. */
async function connectCommand(secrets: SecretStorage): Promise<void> {
  const contexts = listContexts();
  const selected = selectedContextName();
  const picked = await window.showQuickPick(
    [
      ...contexts.map((c) => ({ label: c.name, description: `${c.name === selected ? '(selected) ' : ''}${redactUrl(c.context.url ?? 'nats://127.0.0.1:4222')}`, detail: c.context.description || undefined })),
      { label: '$(edit) Enter a server URL…', description: 'nats://host:4222, several separated by commas' },
    ],
    { title: 'Connect to NATS', placeHolder: contexts.length ? 'A nats CLI context, or a URL' : 'No nats CLI contexts found: enter a URL' },
  );
  if (!picked) return;
  let ctx: NatsContext;
  if (picked.label.startsWith('$(edit)')) {
    const url = await window.showInputBox({ title: 'NATS server URL', value: 'nats://127.0.0.1:4222', ignoreFocusOut: true });
    if (!url) return;
    const user = await window.showInputBox({ title: 'User (empty: none)', ignoreFocusOut: true });
    const key = `nats.password:${redactUrl(url)}:${user ?? ''}`;
    let password = user ? await secrets.get(key) : undefined;
    if (user && password === undefined) {
      password = await window.showInputBox({ title: `Password for ${user}`, password: true, ignoreFocusOut: true });
      if (password) await secrets.store(key, password);
    }
    ctx = { url, user: user || undefined, password: password || undefined };
    label = redactUrl(url.split(',')[0]);
  } else {
    ctx = loadContext(picked.label).context;
    label = picked.label;
  }
  await stopAll();
  await live?.close();
  live = await LiveConnection.open(ctx, { name: 'VS Code NATS' });
  live.onStatus(showState);
  showState(live.current);
  output.appendLine(`connected to ${live.current.server}${live.current.cluster ? ` (cluster ${live.current.cluster})` : ''}`);
}

async function connection(): Promise<LiveConnection> {
  if (!live || live.nc.isClosed()) await commands.executeCommand('nats.connect');
  if (!live || live.nc.isClosed()) throw new Error('Not connected to NATS.');
  return live;
}

async function ask(title: string, value = '', placeHolder?: string): Promise<string | undefined> {
  return window.showInputBox({ title, value, placeHolder, ignoreFocusOut: true });
}

/** The selection, else the whole file, else a typed payload. */
async function payloadFromEditor(): Promise<string | undefined> {
  const editor = window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const typed = await ask('Payload (empty: the active file)', '');
  return typed === undefined ? undefined : typed || editor?.document.getText() || '';
}

function print(m: ShownMessage, prefix = ''): void {
  output.appendLine(`${prefix}[${new Date(m.time).toISOString()}] ${m.subject}${m.reply ? ` (reply ${m.reply})` : ''} ${m.size} B`);
  for (const [k, v] of m.headers) output.appendLine(`  ${k}: ${v}`);
  output.appendLine(m.payload.replace(/^/gm, '  '));
}

/** The connection, a subject, then one more answer (`then`); undefined when the user cancels. */
async function subjectAnd(title: string, value: string, placeHolder: string, then: () => Promise<string | undefined>): Promise<{ nc: LiveConnection['nc']; subject: string; more: string } | undefined> {
  const nc = (await connection()).nc;
  const subject = await ask(title, value, placeHolder);
  if (!subject) return undefined;
  const more = await then();
  return more === undefined ? undefined : { nc, subject, more };
}

async function publishCommand(): Promise<void> {
  const asked = await subjectAnd('Publish to subject', '', 'orders.new', payloadFromEditor);
  if (!asked) return;
  const { nc, subject, more: payload } = asked;
  const headers = await ask('Headers (K: V; separate several with ;)', '');
  const n = await publish(nc, { subject, payload, headers: headers ? parseHeaders(headers.split(';').join('\n')) : undefined });
  output.appendLine(`published ${n} message to ${subject}`);
  void window.setStatusBarMessage(`NATS: published to ${subject}`, 3000);
}

async function subscribeCommand(): Promise<void> {
  const asked = await subjectAnd('Subscribe to subject (wildcards * and >)', '>', 'orders.>', () => ask('Queue group (empty: none)'));
  if (!asked) return;
  const { nc, subject, more: queue } = asked;
  const sub: LiveSubscription = await subscribe(nc, subject, { queue: queue || undefined, capacity: 1000 });
  // Messages are printed in batches, so a flood does not freeze the output.
  let pending: ShownMessage[] = [];
  let arrived = 0;
  let timer: NodeJS.Timeout | undefined;
  sub.onMessage = (m) => {
    arrived++;
    if (pending.length < 200) pending.push(m);
    timer ??= setTimeout(() => {
      timer = undefined;
      for (const p of pending) print(p, `${subject} `);
      if (arrived > pending.length) output.appendLine(`… ${subject}: ${arrived - pending.length} more messages in the last 250 ms (${sub.received} in all)`);
      pending = [];
      arrived = 0;
    }, 250);
  };
  running.push({ label: `subscription ${subject}${queue ? ` (queue ${queue})` : ''}`, stop: () => sub.stop() });
  output.show(true);
  output.appendLine(`subscribed to ${subject}`);
}

async function requestCommand(): Promise<void> {
  const asked = await subjectAnd('Request on subject', '', 'svc.echo', payloadFromEditor);
  if (!asked) return;
  const { nc, subject, more: payload } = asked;
  const timeout = Number((await ask('Timeout (ms)', '2000')) ?? 2000) || 2000;
  try {
    const replies = await request(nc, { subject, payload, timeoutMs: timeout });
    output.show(true);
    for (const r of replies) print(r, 'reply ');
  } catch (e) {
    void window.showErrorMessage(explainFailure(e, { subject, timeoutMs: timeout }));
  }
}

async function replyCommand(): Promise<void> {
  const asked = await subjectAnd('Answer requests on subject', '', 'svc.echo', () => ask('Reply body (empty: echo each request)'));
  if (!asked) return;
  const { nc, subject, more: body } = asked;
  const responder: Responder = await reply(nc, subject, { body: body || undefined });
  running.push({ label: `responder ${subject}`, stop: () => responder.stop() });
  output.appendLine(`answering requests on ${subject} (${body ? 'fixed body' : 'echo'})`);
}

async function stopCommand(): Promise<void> {
  if (!running.length) {
    void window.showInformationMessage('No NATS subscription or responder is running.');
    return;
  }
  const picked = await window.showQuickPick(running.map((r) => r.label), { title: 'Stop', canPickMany: true });
  for (const label of picked ?? []) {
    const i = running.findIndex((r) => r.label === label);
    if (i >= 0) await running.splice(i, 1)[0].stop();
    output.appendLine(`stopped ${label}`);
  }
}

async function stopAll(): Promise<void> {
  for (const r of running.splice(0)) await r.stop().catch(() => undefined);
}

async function healthCommand(): Promise<void> {
  const nc = (await connection()).nc;
  const health = await healthFromSystemAccount(nc, { timeoutMs: 1500 });
  if (!health.nodes.length) {
    void window.showWarningMessage('No server answered on $SYS: connect with a system account user to see every node (or run nats-conf health --monitor URLs).');
    return;
  }
  output.show(true);
  output.appendLine(healthText(health));
}
