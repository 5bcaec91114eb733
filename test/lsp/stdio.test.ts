// The language server over stdio, driven by a real JSON-RPC client as any LSP editor would.

import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from '../../server/src/lsp/uri';
import { after, before, describe, test } from 'node:test';
import type { ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { initialize, launchLanguageServer, stopLanguageServer, PublishedDiagnostics } from '../support/lsp';
import { routedNode } from '../support/configs';
import { generateAccountsConfig } from '../../bench/generate';

describe('nats-language-server --stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let published: PublishedDiagnostics;

  before(async () => {
    ({ child, connection } = launchLanguageServer());
    published = new PublishedDiagnostics(connection);
    const init = await initialize(connection, {});
    assert.equal((init as { serverInfo?: { name: string } }).serverInfo?.name, 'nats-language-server');
  });

  after(async () => {
    await stopLanguageServer({ child, connection });
  });

  const diagnosticsFor = (uri: string) => published.for(uri);

  test('a broken document gets diagnostics at the right place', async () => {
    const uri = 'file:///tmp/nats-lsp-test/broken.conf';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'nats-conf',
        version: 1,
        text: 'host: 127.0.0.1\ncluster {\n  port: 6222 name: c\n}\n',
      },
    });
    const { diagnostics } = await diagnosticsFor(uri);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: 13 }, end: { line: 2, character: 14 } });
    assert.equal(diagnostics[0].code, 'syntax');
    assert.equal(diagnostics[0].severity, 1);
  });

  test('any bytes: the server answers and stays up', async () => {
    const uri = 'file:///tmp/nats-lsp-test/garbage.conf';
    const text = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    const { diagnostics } = await diagnosticsFor(uri);
    assert.ok(diagnostics.length > 0);
    assert.equal(child.exitCode, null);
  });
});

describe('nats-language-server: settings passed at initialize', () => {
  test('serverVersion 2.9: an option from 2.10 is an unknown field', async () => {
    const { child, connection } = launchLanguageServer();
    const got = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    try {
      await initialize(connection, { initializationOptions: { serverVersion: '2.9' } });
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: 'file:///tmp/nats-lsp-test/pool.conf',
          languageId: 'nats-conf',
          version: 1,
          text: 'host: 127.0.0.1\ncluster {\n  port: 6222\n  pool_size: 3\n}\n',
        },
      });
      const { diagnostics } = await got;
      assert.deepEqual(
        diagnostics.map((d) => [d.range.start.line, d.code]),
        [[3, 'option-version']],
      );
    } finally {
      await stopLanguageServer({ child, connection });
    }
  });
});

describe('nats-language-server: editing features over stdio, in a broken file', () => {
  const uri = 'file:///tmp/nats-lsp-test/edit.conf';
  // A syntax error on line 1, and the cluster block is not closed.
  const text =
    'port: 4222 5\n' +
    'server_name: $NAME\n' +
    'NAME: later\n' +
    'jetstream {\n' +
    '  max_memory_store: 1Gi\n' +
    '}\n' +
    'cluster {\n' +
    '  name: c\n' +
    '  \n';
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;

  before(async () => {
    ({ child, connection } = launchLanguageServer());
    await initialize(connection, {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
  });
  after(async () => {
    await stopLanguageServer({ child, connection });
  });

  test('completion offers the cluster options inside the unclosed cluster block', async () => {
    const items = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 8, character: 2 },
    })) as { label: string; textEdit?: unknown }[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('routes') && labels.includes('port'));
    assert.ok(!labels.includes('name') && !labels.includes('jetstream'));
  });

  test('hover on a size says what it is in bytes', async () => {
    const h = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 21 },
    })) as { contents: { value: string }; range: unknown };
    assert.equal(h.contents.value, '`1Gi` = 1,073,741,824 bytes (binary: Gi is a power of 1024).');
    assert.deepEqual(h.range, { start: { line: 4, character: 20 }, end: { line: 4, character: 23 } });
  });

  test('document symbols and folding ranges', async () => {
    const symbols = (await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
      name: string;
      children?: { name: string }[];
    }[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['port', 'server_name', 'NAME', 'jetstream', 'cluster'],
    );
    assert.deepEqual(
      symbols[3].children?.map((c) => c.name),
      ['max_memory_store'],
    );
    const folds = (await connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as {
      startLine: number;
      endLine: number;
    }[];
    assert.ok(folds.some((f) => f.startLine === 3 && f.endLine === 4));
  });

  test('document links and selection ranges', async () => {
    const links = (await connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as unknown[];
    assert.deepEqual(links, []); // this file points to no files
    const ranges = (await connection.sendRequest('textDocument/selectionRange', {
      textDocument: { uri },
      positions: [{ line: 4, character: 21 }],
    })) as { range: { start: { line: number } }; parent?: unknown }[];
    assert.equal(ranges.length, 1);
    assert.equal(ranges[0].range.start.line, 4);
    assert.ok(ranges[0].parent);
  });

  test('a request for a document the server does not know gets an empty answer, and the server stays up', async () => {
    const items = await connection.sendRequest('textDocument/completion', {
      textDocument: { uri: 'file:///nope.conf' },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(items, []);
    assert.equal(child.exitCode, null);
  });
});

describe('nats-language-server: definition, quick fixes, formatting and rename over stdio', () => {
  const uri = 'file:///tmp/nats-lsp-test/fix.conf';
  const text = 'host: 127.0.0.1\nPORT: 4222\nhttp_port: $PORT\nping_interval: 2m\ncluster {\nname: c\n}\n';
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;

  before(async () => {
    ({ child, connection } = launchLanguageServer());
    await initialize(connection, {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
  });
  after(async () => {
    await stopLanguageServer({ child, connection });
  });

  test('definition of $PORT is the PORT key', async () => {
    const loc = (await connection.sendRequest('textDocument/definition', {
      textDocument: { uri },
      position: { line: 2, character: 13 },
    })) as { uri: string; range: unknown };
    assert.equal(loc.uri, uri);
    assert.deepEqual(loc.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });

  test('a quick fix quotes the unquoted 2m', async () => {
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 15 }, end: { line: 3, character: 17 } },
      context: { diagnostics: [] },
    })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    const quote = actions.find((a) => a.title === 'Quote it: "2m"');
    assert.deepEqual(
      quote?.edit.changes[uri].map((e) => e.newText),
      ['"2m"'],
    );
  });

  test('formatting indents the cluster block', async () => {
    const edits = (await connection.sendRequest('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    })) as { range: { start: { line: number } }; newText: string }[];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [[5, '  name: c']],
    );
  });

  test('rename PORT renames the key and its reference', async () => {
    const edit = (await connection.sendRequest('textDocument/rename', {
      textDocument: { uri },
      position: { line: 1, character: 1 },
      newName: 'WEB',
    })) as { changes: Record<string, { newText: string }[]> };
    assert.deepEqual(
      edit.changes[uri].map((e) => e.newText),
      ['WEB', '$WEB'],
    );
  });
});

describe('nats-language-server: settings through workspace/configuration', () => {
  test('the release, and rules turned off or to another severity, apply and re-check on change', async () => {
    const { child, connection } = launchLanguageServer();
    let settings: Record<string, unknown> = { serverVersion: '2.9', rules: { 'trace-enabled': 'off' } };
    connection.onRequest('workspace/configuration', () => [settings]);
    const published: PublishDiagnosticsParams[] = [];
    let wake: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      wake?.();
    });
    const next = (count: number) =>
      new Promise<PublishDiagnosticsParams>((resolve) => {
        wake = () => published.length >= count && resolve(published[count - 1]);
        wake();
      });
    try {
      await initialize(connection, { capabilities: { workspace: { configuration: true } } });
      await new Promise((r) => setTimeout(r, 200)); // the server asks for the settings once initialized
      const uri = 'file:///tmp/nats-lsp-test/settings.conf';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'nats-conf',
          version: 1,
          text: 'host: 127.0.0.1\ntrace: true\ncluster {\n  port: 6222\n  pool_size: 3\n}\n',
        },
      });
      const first = await next(1);
      assert.deepEqual(
        first.diagnostics.map((d) => d.code),
        ['option-version'],
      );
      settings = { serverVersion: '2.10', rules: { 'trace-enabled': 'warning' } };
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const second = await next(2);
      assert.deepEqual(
        second.diagnostics.map((d) => [d.code, d.severity]),
        [['trace-enabled', 2]],
      );
    } finally {
      await stopLanguageServer({ child, connection });
    }
  });
});

describe('nats-language-server: pull diagnostics, for clients that ask for them', () => {
  test('textDocument/diagnostic answers with the findings, and nothing is pushed', async () => {
    const { child, connection } = launchLanguageServer();
    let pushed = 0;
    connection.onNotification('textDocument/publishDiagnostics', () => pushed++);
    try {
      const init = (await initialize(connection, { capabilities: { textDocument: { diagnostic: {} } } })) as {
        capabilities: { diagnosticProvider?: unknown };
      };
      assert.ok(init.capabilities.diagnosticProvider);
      const uri = 'file:///tmp/nats-lsp-test/pull.conf';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'nats-conf', version: 1, text: 'host: 127.0.0.1\nping_interval: 2m\n' },
      });
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
        kind: string;
        items: { code: string }[];
      };
      assert.equal(report.kind, 'full');
      assert.deepEqual(
        report.items.map((d) => d.code),
        ['duration-as-size'],
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(pushed, 0);
    } finally {
      await stopLanguageServer({ child, connection });
    }
  });
});

describe('nats-language-server: a 3 MB config', () => {
  test('opens, gets diagnostics, and answers completion and hover', async () => {
    const text = generateAccountsConfig(3 * 1024 * 1024);
    const { child, connection } = launchLanguageServer();
    const got = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    try {
      await initialize(connection, {});
      const uri = 'file:///tmp/nats-lsp-test/big.conf';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'nats-conf', version: 1, text },
      });
      const { diagnostics } = await got;
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 1),
        [],
      );
      const line = text.split('\n').findIndex((l) => l.includes('permissions: {'));
      const items = (await connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: line + 1, character: 10 },
      })) as { label: string }[];
      assert.ok(
        items.some((i) => ['publish', 'subscribe', 'allow_responses'].includes(i.label)),
        JSON.stringify(items.map((i) => i.label)),
      );
      const h = (await connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: line + 1, character: 12 },
      })) as unknown;
      assert.ok(h === null || typeof h === 'object');
    } finally {
      await stopLanguageServer({ child, connection });
    }
  });
});

describe('nats-language-server: edits', () => {
  test('didChange: fresh diagnostics for the new text', async () => {
    const { child, connection } = launchLanguageServer();
    const published: PublishDiagnosticsParams[] = [];
    let wake: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      wake?.();
    });
    const nth = (n: number) =>
      new Promise<PublishDiagnosticsParams>((resolve) => {
        wake = () => published.length >= n && resolve(published[n - 1]);
        wake();
      });
    try {
      await initialize(connection, {});
      const uri = 'file:///tmp/nats-lsp-test/change.conf';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'nats-conf', version: 1, text: 'host: 127.0.0.1\nping_interval: "2m"\n' },
      });
      assert.deepEqual((await nth(1)).diagnostics, []);
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 19 } }, text: '2m' }],
      });
      const second = await nth(2);
      assert.equal(second.version, 2);
      assert.deepEqual(
        second.diagnostics.map((d) => d.code),
        ['duration-as-size'],
      );
    } finally {
      await stopLanguageServer({ child, connection });
    }
  });
});

describe('nats-language-server: cross-node findings in the editor', () => {
  test('an open node config gets the findings it shares with a peer that is only on disk', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-cluster-'));
    fs.writeFileSync(path.join(folder, 'nats-2.conf'), routedNode('nats-2', 'west', 'nats-1'));
    fs.mkdirSync(path.join(folder, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'node_modules', 'x', 'nats-9.conf'), routedNode('nats-9', 'other', 'nats-1'));
    const { diagnostics } = await openInFolder(folder, 'nats-1.conf', routedNode('nats-1', 'east', 'nats-2'));
    const cluster = diagnostics.filter((d) => typeof d.source === 'string' && d.source.includes('cluster'));
    assert.deepEqual(
      cluster.map((d) => [d.range.start.line, d.code]),
      [[3, 'cluster-name']],
    );
    assert.equal(
      (cluster[0].relatedInformation ?? [])[0]?.location.uri,
      URI.fromPath(path.join(folder, 'nats-2.conf')),
    );
  });
});

/**
 * The first diagnostics a language server started on `folder` publishes for `name` opened with `text`;
 * the server stopped and the folder removed after.
 */
async function openInFolder(folder: string, name: string, text: string): Promise<PublishDiagnosticsParams> {
  const { child, connection } = launchLanguageServer();
  const got = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', resolve),
  );
  try {
    await initialize(connection, { rootUri: URI.fromPath(folder) });
    const uri = URI.fromPath(path.join(folder, name));
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nats-conf', version: 1, text },
    });
    return await got;
  } finally {
    await stopLanguageServer({ child, connection });
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('nats-language-server: a shared config the nodes include', () => {
  test('is no node of its own: no cross-node finding counts it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-shared-'));
    const common = [
      'authorization { token: "a-long-enough-token-1234" }',
      'jetstream { store_dir: /data }',
      'cluster { name: c, port: 6222, routes: [ nats://nats-1:6222, nats://nats-2:6222 ] }',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(folder, 'nats-common.conf'), common);
    const node = (name: string) => `server_name: ${name}\ninclude ./nats-common.conf\n`;
    const { diagnostics } = await openInFolder(folder, 'nats-1.conf', node('nats-1'));
    // Counted as a node, the shared file made nats-1 one of two JetStream nodes (a quorum of 2 of 2).
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
    );
  });
});

describe('nats-language-server: the topology request', () => {
  test("nats/topology draws the workspace's cluster, the broken route marked", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-topology-'));
    const node = (name: string, peer: string, port: number) =>
      `server_name: ${name}\ncluster {\n  name: c\n  port: 6222\n  routes: [ nats-route://${peer}:${port} ]\n}\n`;
    fs.writeFileSync(path.join(folder, 'nats-1.conf'), node('nats-1', 'nats-2', 6222));
    fs.writeFileSync(path.join(folder, 'nats-2.conf'), node('nats-2', 'nats-1', 4222));
    const { child, connection } = launchLanguageServer();
    try {
      await initialize(connection, { rootUri: URI.fromPath(folder) });
      const t = (await connection.sendRequest('nats/topology')) as { svg: string; nodes: number; routes: number };
      assert.deepEqual([t.nodes, t.routes], [2, 2]);
      assert.match(t.svg, /class="route broken" data-problem="route-port"/);
    } finally {
      await stopLanguageServer({ child, connection });
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
