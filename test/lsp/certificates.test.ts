// Certificates in the editor: two node configs whose route TLS uses the setup guide's certificate
// (no subjectAltName), one of them open. The cross-node finding arrives on the route, and the quick
// fix at its line writes the openssl commands for a certificate with the name the peer is dialled by.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from '../../server/src/lsp/uri';
import { initialize, launchLanguageServer, stopLanguageServer } from '../support/lsp';
import { createPki, type Pki } from '../support/pki';

/** A node routing to `peer`, its cluster TLS with the guide's certificate; the route on line 10. */
const node = (name: string, peer: string, cert: string, key: string, ca: string) =>
  [
    `server_name: ${name}`,
    'cluster {',
    '  name: guide',
    '  port: 6222',
    '  tls {',
    `    cert_file: "${cert}"`,
    `    key_file: "${key}"`,
    `    ca_file: "${ca}"`,
    '  }',
    `  routes: [ nats-route://${peer}.example.com:6222 ]`,
    '}',
    '',
  ].join('\n');

describe('nats-language-server: certificates across node configs', () => {
  let pki: Pki;
  before(() => (pki = createPki()));
  after(() => pki.cleanup());

  test("the guide's certificate: a finding on the route, and a quick fix with the openssl commands", async () => {
    const { ca, server: cert } = pki.guideRecipe();
    const text = node('nats-1', 'nats-2', cert.certFile, cert.keyFile, ca.certFile);
    pki.write('nats-1.conf', text);
    pki.write('nats-2.conf', node('nats-2', 'nats-1', cert.certFile, cert.keyFile, ca.certFile));
    const server = launchLanguageServer();
    const uri = URI.fromPath(path.join(pki.dir, 'nats-1.conf'));
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === uri && p.diagnostics.some((d) => d.code === 'tls-peer-name')) resolve(p);
      }),
    );
    try {
      await initialize(server.connection, { rootUri: URI.fromPath(pki.dir) });
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'nats-conf', version: 1, text },
      });
      const { diagnostics } = await published;
      const finding = diagnostics.find((d) => d.code === 'tls-peer-name')!;
      assert.equal(finding.range.start.line, 9);
      assert.match(finding.message, /Common Name \(CN=nats-server\)/);
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: finding.range,
        context: { diagnostics: [finding] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.title.startsWith('Write the openssl commands'));
      assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      const edit = JSON.stringify(fix.edit);
      assert.match(edit, /# openssl x509 -req -days 365/);
      assert.match(edit, /subjectAltName=DNS:nats-2\.example\.com/);
      assert.ok(fs.existsSync(cert.certFile));
    } finally {
      await stopLanguageServer(server);
    }
  });
});
