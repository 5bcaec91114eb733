// Runs inside desktop VS Code's extension host (see run.ts): activation, diagnostics, completion
// and one live command against a real nats-server, through the public VS Code API.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { connect } from '@nats-io/transport-node';
import { startServer } from '../support/nats-server';

const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

async function until<T>(read: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const steps: [string, () => Promise<void>][] = [
  [
    'activation: nats-3.conf opens as nats-conf and the extension starts',
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(workspace(), 'nats-3.conf'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'nats-conf');
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'nats-conf-vscode');
      assert.ok(ext, 'the extension is installed');
      await until(() => ext.isActive, 'activation');
    },
  ],
  [
    'diagnostics: the duration trap and the cross-node broken route',
    async () => {
      const uri = vscode.Uri.file(path.join(workspace(), 'nats-3.conf'));
      const codes = await until(() => {
        const c = vscode.languages
          .getDiagnostics(uri)
          .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
        return c.includes('duration-as-size') && c.includes('route-port') ? c : undefined;
      }, 'the findings');
      assert.ok(codes.includes('jetstream-quorum'));
    },
  ],
  [
    'completion inside cluster { offers tls and authorization',
    async () => {
      const uri = vscode.Uri.file(path.join(workspace(), 'nats-3.conf'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(9, 4),
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const l of ['tls', 'authorization']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    },
  ],
  [
    'NATS: Connect and NATS: Publish reach a real nats-server',
    async () => {
      const server = await startServer((port) => `listen: 127.0.0.1:${port}\n`);
      const nc = await connect({ servers: server.url });
      try {
        const got = new Promise<string>((resolve) =>
          nc.subscribe('desktop.test', { callback: (_e, m) => resolve(m.string()) }),
        );
        await nc.flush();
        await vscode.commands.executeCommand('nats.connect', { url: server.url });
        await vscode.commands.executeCommand('nats.publish', {
          subject: 'desktop.test',
          payload: 'from desktop VS Code',
        });
        assert.equal(await got, 'from desktop VS Code');
        await vscode.commands.executeCommand('nats.disconnect');
      } finally {
        await nc.close();
        await server.stop();
      }
    },
  ],
];

export async function run(): Promise<void> {
  const failed: string[] = [];
  for (const [name, step] of steps) {
    try {
      await step();
      console.log(`ok - ${name}`);
    } catch (e) {
      failed.push(name);
      console.log(`not ok - ${name}: ${(e as Error).message}`);
    }
  }
  if (failed.length) throw new Error(`${failed.length} of ${steps.length} desktop tests failed`);
}
