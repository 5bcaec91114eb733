// The VS Code extension: starts the NATS language server for nats-conf documents.

import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'dist', 'nats-language-server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const settings = workspace.getConfiguration('natsConf');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'nats-conf' }],
    initializationOptions: {
      serverVersion: settings.get<string>('serverVersion', ''),
      serverWorkingDirectory: settings.get<string>('serverWorkingDirectory', ''),
      rules: settings.get<Record<string, string>>('rules', {}),
    },
    // The server reads natsConf.* through workspace/configuration and hears of changes.
    synchronize: { configurationSection: 'natsConf' },
  };
  client = new LanguageClient('natsConf', 'NATS Configuration', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
