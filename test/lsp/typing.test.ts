// The server while someone types: a request cancelled before it runs is answered
// RequestCancelled (-32800) and never runs; in a large document, completion and hover answer from
// the last reading while edits keep coming, with the answer a fresh reading gives, and the
// diagnostics of the last version follow once the typing pauses.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sameDiagnostics, toLspDiagnostic, typingPause } from '../../server/src/lsp/features/diagnostics';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { nodeHost } from '../../server/src/node/nodeHost';
import { URI } from '../../server/src/lsp/uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { randoms } from '../support/random';
import { routedNode } from '../support/configs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchRawLanguageServer, responseTo, type RawLanguageServer, type RawMessage } from '../support/lsp';

const uri = 'file:///tmp/nats-lsp-test/typing.conf';

/** A config of about 400 KB: accounts with users. */
function largeConfig(): string {
  const lines = ['server_name: big', 'port: 4222', 'accounts {'];
  for (let a = 0; a < 200; a++) {
    lines.push(`  ACC_${a} {`, '    users: [');
    for (let u = 0; u < 10; u++) lines.push(`      { user: "u_${a}_${u}", password: "pw-${a}-${u}" }`);
    lines.push('    ]', '  }');
  }
  lines.push('}', 'cluster {', '  name: c', '}', '');
  return lines.join('\n');
}

async function started(text: string, pull = false): Promise<RawLanguageServer> {
  const server = launchRawLanguageServer();
  const capabilities = pull ? { textDocument: { diagnostic: {} } } : {};
  server.send(
    { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities } },
    { method: 'initialized', params: {} },
    { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'nats-conf', version: 1, text } } },
  );
  await server.next(responseTo(1), 'the answer to initialize');
  if (!pull) await server.next(diagnosticsOf(1), 'the diagnostics of the opened document');
  return server;
}

const edit = (version: number, line: number, text: string) => ({
  method: 'textDocument/didChange',
  params: {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }],
  },
});

const diagnosticsOf = (version: number) => (m: RawMessage) =>
  m.method === 'textDocument/publishDiagnostics' && (m.params as { version?: number }).version === version;

async function stop(server: RawLanguageServer): Promise<void> {
  server.send({ id: 9999, method: 'shutdown' });
  await server.next(responseTo(9999), 'the answer to shutdown');
  server.send({ method: 'exit' });
  await server.exited;
}

const completionAt = (id: number, line: number, character: number) => ({
  id,
  method: 'textDocument/completion',
  params: { textDocument: { uri }, position: { line, character } },
});

describe('nats-language-server while someone types', () => {
  test('a request cancelled while it waits is answered RequestCancelled; the others are answered', async () => {
    const server = await started('cluster {\n  \n}\n');
    try {
      // Written together: the cancel arrives while the completion still waits behind the hover.
      server.send(
        { id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 2 } } },
        completionAt(3, 1, 2),
        { method: '$/cancelRequest', params: { id: 3 } },
        completionAt(4, 1, 2),
      );
      const cancelled = await server.next(responseTo(3), 'the answer to the cancelled completion');
      assert.equal(cancelled.error?.code, -32800, JSON.stringify(cancelled));
      assert.equal(cancelled.result, undefined);
      const hover = await server.next(responseTo(2), 'the answer to hover');
      assert.ok(hover.result, JSON.stringify(hover));
      const completion = await server.next(responseTo(4), 'the answer to the completion not cancelled');
      assert.ok((completion.result as { label: string }[]).some((i) => i.label === 'routes'));
    } finally {
      await stop(server);
    }
  });

  test('typing in a large document: completion answers for each version, diagnostics follow the pause', async () => {
    const text = largeConfig();
    const server = await started(text);
    try {
      // A new user typed after ACC_5's `users: [`, one character per edit, a completion after each.
      const line = text.split('\n').indexOf('  ACC_5 {') + 1;
      const typed = '\n      { user: "new", pass';
      let position = { line, character: '    users: ['.length };
      for (let i = 0; i < typed.length; i++) {
        const c = typed[i];
        const next =
          c === '\n' ? { line: position.line + 1, character: 0 } : { ...position, character: position.character + 1 };
        server.send(
          {
            method: 'textDocument/didChange',
            params: {
              textDocument: { uri, version: i + 2 },
              contentChanges: [{ range: { start: position, end: position }, text: c }],
            },
          },
          completionAt(100 + i, next.line, next.character),
        );
        position = next;
      }
      const last = (await server.next(responseTo(100 + typed.length - 1), 'the last completion')).result as {
        label: string;
        textEdit: { range: { start: { line: number; character: number } } };
      }[];
      // `pass` in a user block: password, replacing the word from its start.
      const password = last.find((i) => i.label === 'password');
      assert.ok(password, JSON.stringify(last.map((i) => i.label)));
      assert.deepEqual(password.textEdit.range.start, { line: position.line, character: position.character - 4 });
      for (let i = 0; i < typed.length; i++) assert.ok(server.received.some(responseTo(100 + i)));
      // The check after the pause: the diagnostics of the last version.
      await server.next(diagnosticsOf(typed.length + 1), 'the diagnostics of the last version');
    } finally {
      await stop(server);
    }
  });

  test('a lone edit is checked without the typing pause; the edits that follow it soon are typing', async () => {
    const server = await started('cluster {\n  name: c\n}\n');
    try {
      // Still since it opened: the edit is checked at once. The next comes 80 ms later, within the
      // 100 ms typing pause: had the first waited for the pause, the second would have replaced it.
      server.send(edit(2, 1, '  bogus_a: 1\n'));
      await new Promise((resolve) => setTimeout(resolve, 80));
      server.send(edit(3, 1, '  bogus_b: 1\n'), edit(4, 1, '  bogus_c: 1\n'));
      const second = await server.next(diagnosticsOf(4), 'the diagnostics of the last edit');
      const published = server.received.filter((m) => m.method === 'textDocument/publishDiagnostics');
      const versions = published.map((m) => (m.params as { version?: number }).version);
      // The lone edit's own diagnostics; then typing: version 3 is replaced by 4 within the pause.
      assert.deepEqual(versions, [1, 2, 4]);
      const unknown = (second.params as { diagnostics: { code: string }[] }).diagnostics.filter(
        (d) => d.code === 'unknown-key',
      );
      assert.equal(unknown.length, 3, JSON.stringify(second.params));
    } finally {
      await stop(server);
    }
  });

  test('the pause before a check: none for a lone edit whose last check was quick', () => {
    assert.equal(typingPause(10_000, undefined, 5), 0, 'the first edit since the document opened');
    assert.equal(typingPause(10_000, 9_400, 5), 0, 'still for 600 ms');
    assert.equal(typingPause(10_000, 9_800, 5), 100, 'typing: the last edit 200 ms ago');
    assert.equal(typingPause(10_000, 9_400, 100), 0, 'still, its last check took 100 ms');
    assert.equal(typingPause(10_000, 9_000, 400), 100, 'still, but its last check took 400 ms');
  });

  test('diagnostics pulled while typing: a request the next edit cancels is answered without a check', async () => {
    const text = largeConfig();
    const server = await started(text, true);
    try {
      const pull = (id: number) => ({ id, method: 'textDocument/diagnostic', params: { textDocument: { uri } } });
      const line = text.split('\n').indexOf('cluster {') + 1;
      // As an editor that pulls does: a pull after each edit, the one before cancelled.
      server.send(edit(2, line, '  bogus_a: 1\n'), pull(10));
      server.send(edit(3, line, '  bogus_b: 1\n'), { method: '$/cancelRequest', params: { id: 10 } }, pull(11));
      const first = await server.next(responseTo(10), 'the answer to the cancelled pull');
      assert.ok(first.error && [-32800, -32802].includes(first.error.code), JSON.stringify(first));
      const second = (await server.next(responseTo(11), 'the answer to the last pull')).result as {
        items: { code: string; message: string }[];
      };
      const unknown = second.items.filter((d) => d.code === 'unknown-key').map((d) => d.message);
      assert.equal(unknown.length, 2, JSON.stringify(unknown));
      assert.ok(unknown.some((m) => m.includes('bogus_a')) && unknown.some((m) => m.includes('bogus_b')));
    } finally {
      await stop(server);
    }
  });

  test('diagnostics pulled again: "unchanged" where they are, in full under a new result id where not', async () => {
    const text = 'port: 4222\nbogus_key: 1\ncluster {\n  name: c\n}\n';
    const server = await started(text, true);
    type Report = { kind: string; resultId?: string; items?: { code: string }[] };
    const pull = async (id: number, previousResultId?: string) => {
      server.send({ id, method: 'textDocument/diagnostic', params: { textDocument: { uri }, previousResultId } });
      return (await server.next(responseTo(id), `the answer to pull ${id}`)).result as Report;
    };
    const unknownKeys = (report: Report) => report.items?.filter((d) => d.code === 'unknown-key').length;
    try {
      const first = await pull(10);
      assert.equal(first.kind, 'full');
      assert.ok(first.resultId);
      assert.equal(unknownKeys(first), 1);
      assert.deepEqual(await pull(11, first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // A comment after the findings moves none of them.
      server.send(edit(2, 5, '# a note\n'));
      assert.deepEqual(await pull(12, first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // Another unknown key: a full report, under a new id.
      server.send(edit(3, 1, 'bogus_two: 2\n'));
      const changed = await pull(13, first.resultId);
      assert.equal(changed.kind, 'full');
      assert.notEqual(changed.resultId, first.resultId);
      assert.equal(unknownKeys(changed), 2);
      // An id the server did not give last: a full report.
      assert.equal((await pull(14, 'not-an-id')).kind, 'full');
      assert.equal((await pull(15)).kind, 'full');
    } finally {
      await stop(server);
    }
  });

  test('two lists of findings are the same only when every field LSP sends is', () => {
    const finding: Diagnostic = {
      file: '/etc/nats/a.conf',
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
      severity: 'warning',
      code: 'unknown-key',
      message: 'm',
      origin: 'lint',
      related: [
        {
          file: '/etc/nats/a.conf',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          message: 'r',
        },
      ],
    };
    const base = toLspDiagnostic(finding, uri);
    // Every field sent is one compared: a new field must be compared too.
    assert.deepEqual(Object.keys(base).sort(), [
      'code',
      'message',
      'range',
      'relatedInformation',
      'severity',
      'source',
    ]);
    assert.ok(sameDiagnostics([base], [toLspDiagnostic(finding, uri)]));
    const variants = [
      { ...finding, range: { ...finding.range, end: { line: 1, character: 6 } } },
      { ...finding, severity: 'error' as const },
      { ...finding, code: 'unknown-block' as const },
      { ...finding, message: 'n' },
      { ...finding, origin: 'server' as const },
      { ...finding, related: undefined },
      { ...finding, related: [{ ...finding.related![0], message: 's' }] },
      { ...finding, related: [{ ...finding.related![0], file: '/etc/nats/b.conf' }] },
      { ...finding, related: [{ ...finding.related![0], range: finding.range }] },
    ];
    for (const v of variants)
      assert.ok(!sameDiagnostics([base], [toLspDiagnostic(v as Diagnostic, uri)]), JSON.stringify(v));
    assert.ok(!sameDiagnostics([base], [base, base]));
  });

  test('random edits to a large document, with pauses: the last diagnostics are a fresh check of it', async () => {
    const text = largeConfig();
    const server = await started(text);
    const reference = TextDocument.create(uri, 'nats-conf', 1, text);
    const random = randoms(23);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let version = 1;
    const send = async (at: number, end: number, inserted: string) => {
      const change = { range: { start: reference.positionAt(at), end: reference.positionAt(end) }, text: inserted };
      version++;
      TextDocument.update(reference, [change], version);
      server.send({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [change] },
      });
      // Typing, a pause in it, or stillness (a lone edit after it is checked at once).
      const pause = random(10);
      await sleep(pause === 0 ? 600 : pause === 1 ? 150 : random(15));
    };
    /** Somewhere in the `n`th password from `after` on: where typing keeps the file as it reads. */
    const inPassword = (after: number) => {
      const now = reference.getText();
      const found = now.indexOf('password: "', after + random(40_000));
      return found < 0 ? -1 : found + 'password: "'.length + random(3);
    };
    try {
      for (let i = 0; i < 40; i++) {
        const at = inPassword(0);
        if (at < 0) continue;
        const kind = random(10);
        if (kind < 6) await send(at, at, 'ab1 '[random(4)]);
        else if (kind === 6) await send(at, at + 1, '');
        else if (kind === 7) {
          // An unknown key on a line of its own (a finding, and lines below it moved).
          const lineStart = reference.getText().lastIndexOf('\n', at) + 1;
          await send(lineStart, lineStart, random(2) === 0 ? '      bogus_key: 1\n' : '      bogus_key: 1\r\n');
        } else {
          // A bracket or quote before the key, which breaks the file; edits after it; then it is taken out.
          const key = reference.getText().lastIndexOf('password', at);
          await send(key, key, '{["'[random(3)]);
          for (let k = random(3); k > 0; k--) {
            const later = inPassword(key + 1);
            if (later > key + 1) await send(later, later, 'x');
          }
          await send(key, key + 1, '');
        }
      }
      const pushed = (await server.next(diagnosticsOf(version), 'the diagnostics of the last version')).params as {
        diagnostics: ReturnType<typeof toLspDiagnostic>[];
      };
      const fresh = createLanguageService({ host: nodeHost(process.env) }).check({
        path: URI.toPath(uri),
        text: reference.getText(),
      });
      assert.ok(fresh.diagnostics.length > 0);
      // As sent: a field without a value is left out.
      const expected = JSON.parse(JSON.stringify(fresh.diagnostics.map((d) => toLspDiagnostic(d, uri))));
      assert.deepEqual(pushed.diagnostics, expected);
    } finally {
      await stop(server);
    }
  });

  test("another document's diagnostics are sent again only when its peer's edit changed them", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-peers-'));
    const server = launchRawLanguageServer();
    const one = URI.fromPath(path.join(folder, 'nats-1.conf'));
    const two = URI.fromPath(path.join(folder, 'nats-2.conf'));
    const published = (doc: string, version: number) => (m: RawMessage) =>
      m.method === 'textDocument/publishDiagnostics' &&
      (m.params as { uri: string; version?: number }).uri === doc &&
      (m.params as { version?: number }).version === version;
    const sentFor = (doc: string) =>
      server.received.filter(
        (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === doc,
      ).length;
    const change = (version: number, text: string) => ({
      method: 'textDocument/didChange',
      params: { textDocument: { uri: one, version }, contentChanges: [{ text }] },
    });
    // Messages come in order: once this answer is in, all that the server sent before it is.
    let ping = 500;
    const settled = async () => {
      const id = ++ping;
      server.send({
        id,
        method: 'textDocument/hover',
        params: { textDocument: { uri: one }, position: { line: 0, character: 0 } },
      });
      await server.next(responseTo(id), 'the answer to a hover');
    };
    try {
      server.send(
        { id: 1, method: 'initialize', params: { processId: null, rootUri: URI.fromPath(folder), capabilities: {} } },
        { method: 'initialized', params: {} },
        {
          method: 'textDocument/didOpen',
          params: {
            textDocument: {
              uri: one,
              languageId: 'nats-conf',
              version: 1,
              text: routedNode('nats-1', 'east', 'nats-2'),
            },
          },
        },
        {
          method: 'textDocument/didOpen',
          params: {
            textDocument: {
              uri: two,
              languageId: 'nats-conf',
              version: 1,
              text: routedNode('nats-2', 'east', 'nats-1'),
            },
          },
        },
      );
      await server.next(published(two, 1), 'the diagnostics of nats-2.conf');
      await settled();
      const before = sentFor(two);
      // A comment in nats-1.conf: nothing of nats-2.conf's changes, and nothing is sent for it.
      server.send(change(2, `# the first node\n${routedNode('nats-1', 'east', 'nats-2')}`));
      await server.next(published(one, 2), 'the diagnostics of the edited nats-1.conf');
      await settled();
      assert.equal(sentFor(two), before, 'nats-2.conf sent again unchanged');
      // Another cluster name: nats-2.conf gets a finding on its route, and is sent again.
      server.send(change(3, routedNode('nats-1', 'west', 'nats-2')));
      await server.next(published(one, 3), 'the diagnostics of nats-1.conf in another cluster');
      await settled();
      assert.equal(sentFor(two), before + 1);
      const last = server.received.filter(published(two, 1)).at(-1)!.params as { diagnostics: { code: string }[] };
      assert.ok(
        last.diagnostics.some((d) => d.code === 'cluster-name'),
        JSON.stringify(last.diagnostics),
      );
    } finally {
      await stop(server);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
