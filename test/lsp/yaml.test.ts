// YAML documents over stdio, as an editor beside Red Hat's YAML extension sends them (language id
// `yaml`, never changed): a ConfigMap's embedded `nats.conf: |` gets its findings at their YAML line,
// completion and hover work inside it; a YAML file with nothing of NATS gets no finding; features
// that would read the YAML as a config (formatting, symbols) give nothing.

import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { URI } from '../../server/src/lsp/uri';
import { initialize, launchLanguageServer, stopLanguageServer, PublishedDiagnostics } from '../support/lsp';
import { guideYaml } from '../support/guide';

/** 0-based line and character of `needle` (plus `shift` characters) in `text`. */
function positionOf(text: string, needle: string, shift = 0) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `'${needle}' not in the text`);
  const before = text.slice(0, i + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const TYPO =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nats-config\n  namespace: nats\ndata:\n' +
  '  nats.conf: |\n    port: 4222\n    prot: 4222\n    jetstream {\n      max_mem\n    }\n';
const WEB =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n' +
  '      containers:\n        - name: web\n          image: nginx:1.25\n          args: [--port, "80"]\n';

describe('YAML documents over stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let dir: string;
  let published: PublishedDiagnostics;

  before(async () => {
    // Each document in a folder of its own: its neighbours on disk take no part.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-yaml-'));
    for (const sub of ['guide', 'typo', 'web']) fs.mkdirSync(path.join(dir, sub));
    // The guide's StatefulSet and Services beside its ConfigMap, on disk only: read with it.
    for (const name of ['nats-statefulset.yaml', 'nats-services.yaml'])
      fs.writeFileSync(path.join(dir, 'guide', name), guideYaml(name));
    ({ child, connection } = launchLanguageServer());
    published = new PublishedDiagnostics(connection);
    await initialize(connection, { rootUri: URI.fromPath(dir) });
  });
  after(async () => {
    await stopLanguageServer({ child, connection });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const diagnosticsFor = (uri: string) => published.for(uri);

  const open = async (name: string, text: string, languageId = 'yaml') => {
    const uri = URI.fromPath(path.join(dir, name));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  };

  test("the guide's ConfigMap beside its StatefulSet: its one finding at its YAML line, our source", async () => {
    const yaml = guideYaml('nats-configmap.yaml');
    const uri = await open('guide/nats-configmap.yaml', yaml);
    const { diagnostics } = await diagnosticsFor(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start]),
      [['no-authorization', positionOf(yaml, 'port: 4222')]],
    );
    assert.match(diagnostics[0].source ?? '', /^nats-conf/);
    // The StatefulSet on disk was read with it: its three replicas are the topology's nodes.
    const topology = (await connection.sendRequest('nats/topology')) as { nodes: number };
    assert.equal(topology.nodes, 3);
  });

  test('a typo inside nats.conf: | is an error at its line; completion and hover there', async () => {
    const uri = await open('typo/nats.yaml', TYPO);
    const { diagnostics } = await diagnosticsFor(uri);
    const unknown = diagnostics.find((d) => d.code === 'unknown-key');
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.deepEqual(unknown.range, {
      start: positionOf(TYPO, 'prot:'),
      end: positionOf(TYPO, 'prot:', 4),
    });

    const completion = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(TYPO, 'max_mem', 'max_mem'.length),
    })) as CompletionItem[] | CompletionList;
    const items = Array.isArray(completion) ? completion : completion.items;
    const item = items.find((i) => i.label === 'max_memory_store');
    assert.ok(item, items.map((i) => i.label).join(', '));
    const edit = item.textEdit as { range: { start: unknown; end: unknown } };
    assert.deepEqual(edit.range, {
      start: positionOf(TYPO, 'max_mem'),
      end: positionOf(TYPO, 'max_mem', 'max_mem'.length),
    });

    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(TYPO, 'port', 1),
    })) as Hover | null;
    assert.ok(hover);
    assert.match(JSON.stringify(hover.contents), /port/);
    assert.deepEqual(hover.range, { start: positionOf(TYPO, 'port'), end: positionOf(TYPO, 'port', 4) });

    // Outside the embedded config: neither.
    const outside = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 2 },
    })) as Hover | null;
    assert.equal(outside, null);
  });

  test('a YAML with nothing of NATS: no finding, and nothing read as a config', async () => {
    const uri = await open('web/web.yaml', WEB);
    const { diagnostics } = await diagnosticsFor(uri);
    assert.deepEqual(diagnostics, []);
    const formatting = await connection.sendRequest('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(formatting ?? [], []);
    const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols ?? [], []);
    const completion = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(WEB, '--port', 3),
    })) as CompletionItem[] | CompletionList | null;
    assert.deepEqual(Array.isArray(completion) ? completion : (completion?.items ?? []), []);
  });
});
