// The language server under an editor's load, over stdio: time from didOpen to diagnostics
// (a 200-line config and the 3 MB one), completion and hover latency on the 3 MB one
// (median and 95th percentile), fresh diagnostics after a one-line edit, and the server's
// resident memory. Prints figures; asserts nothing.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { initialize, launchLanguageServer, stopLanguageServer } from '../test/support/lsp';

const REPO = path.resolve(__dirname, '..');
const BIG = path.join(REPO, '.bench', 'accounts-3mb.conf');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function smallConfig(): string {
  const lines = [
    'server_name: n1',
    'host: 127.0.0.1',
    'port: 4222',
    'http_port: 8222',
    'cluster {',
    '  name: c',
    '  port: 6222',
    '  routes: [',
  ];
  for (let i = 0; lines.length < 180; i++) lines.push(`    nats-route://127.0.0.1:${7000 + i}`);
  lines.push('  ]', '}', 'authorization {', '  users: [');
  while (lines.length < 198) lines.push(`    { user: u${lines.length}, password: "p${lines.length}" }`);
  lines.push('  ]', '}');
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  if (!fs.existsSync(BIG)) throw new Error('run bench/check-bench.ts first (npm run bench does)');
  const big = fs.readFileSync(BIG, 'utf8');
  const server = launchLanguageServer();
  const { child, connection } = server;
  const waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
    waiting.get(p.uri)?.(p),
  );
  const diagnosticsOf = (uri: string) => new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(uri, resolve));
  await initialize(connection, {});

  const timeOpen = async (uri: string, text: string) => {
    const got = diagnosticsOf(uri);
    const t0 = performance.now();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    await got;
    return performance.now() - t0;
  };
  // Warm the server as an editor session would, then measure.
  await timeOpen('file:///bench/warm.conf', smallConfig());
  const small = [];
  for (let i = 0; i < 20; i++) small.push(await timeOpen(`file:///bench/small-${i}.conf`, smallConfig()));
  const bigUri = 'file:///bench/big.conf';
  const openBig = await timeOpen(bigUri, big);

  const lines = big.split('\n');
  const completion: number[] = [];
  const hover: number[] = [];
  for (let i = 0; i < 100; i++) {
    const line = Math.floor((i * 7919) % (lines.length - 1));
    const character = Math.min(lines[line].length, 6);
    let t0 = performance.now();
    await connection.sendRequest('textDocument/completion', {
      textDocument: { uri: bigUri },
      position: { line, character },
    });
    completion.push(performance.now() - t0);
    t0 = performance.now();
    await connection.sendRequest('textDocument/hover', {
      textDocument: { uri: bigUri },
      position: { line, character },
    });
    hover.push(performance.now() - t0);
  }

  // A one-line edit: change one user's name; time to the new diagnostics (the typing pause included).
  const editLine = lines.findIndex((l) => l.includes('user: "u'));
  const got = diagnosticsOf(bigUri);
  const t0 = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: bigUri, version: 2 },
    contentChanges: [
      { range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: 0 } }, text: ' ' },
    ],
  });
  await got;
  const rediagnose = performance.now() - t0;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

  console.log(
    `language server: 200-line config, didOpen → diagnostics: median ${percentile(small, 50).toFixed(1)} ms ` +
      '(goal < 20 ms)',
  );
  console.log(`language server: 3 MB config, didOpen → diagnostics: ${openBig.toFixed(0)} ms`);
  console.log(
    `language server: 3 MB config, completion: median ${percentile(completion, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(completion, 95).toFixed(1)} ms (goal p95 < 20 ms)`,
  );
  console.log(
    `language server: 3 MB config, hover: median ${percentile(hover, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(hover, 95).toFixed(1)} ms`,
  );
  console.log(
    `language server: 3 MB config, one-line edit → fresh diagnostics: ${rediagnose.toFixed(0)} ms, ` +
      'with a 100 ms typing pause (goal < 300 ms)',
  );
  console.log(`language server: resident memory with the 3 MB config open: ${rss.toFixed(0)} MB (goal < 300 MB)`);

  await stopLanguageServer(server);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
