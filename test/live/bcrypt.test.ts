// The setup guide's `password: "$2a$11$..."` placeholder against a real nats-server: it starts,
// takes the placeholder for a bcrypt hash, and refuses every login as that user (whatever the
// client sends, the placeholder itself included), while a well-formed hash logs its user in.
// bcrypt-malformed reports the first and not the second.

import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { check } from '../support/service';
import { startServer, type RunningServer } from '../support/nats-server';

// A published bcrypt test vector (OpenBSD / crypt_blowfish): the hash of "U*U" at cost 5.
const GOOD_HASH = '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';
const PLACEHOLDER = '$2a$11$...';

const config = (port: number) =>
  `listen: 127.0.0.1:${port}\n` +
  'authorization {\n' +
  '  users: [\n' +
  `    {user: publisher, password: "${PLACEHOLDER}"}\n` +
  `    {user: good, password: "${GOOD_HASH}"}\n` +
  '  ]\n' +
  '}\n';

/** Logs in with a raw CONNECT (verbose) and PING: `+OK` then `PONG`, or nats-server's `-ERR`. */
function login(port: number, user: string, pass: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to CONNECT: ${received}`));
    }, 5000);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (!sent && received.includes('\r\n')) {
        sent = true;
        socket.write(`CONNECT ${JSON.stringify({ user, pass, verbose: true })}\r\nPING\r\n`);
      }
      const answer = received
        .split('\r\n')
        .slice(1)
        .find((l) => /^(PONG|-ERR)/.test(l));
      if (answer) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer);
      }
    });
  });
}

describe('a bcrypt placeholder on a real nats-server', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer(config);
  });
  after(async () => {
    await server?.stop();
  });

  test('every login as the placeholder user is refused, the placeholder itself included', async () => {
    assert.equal(await login(server.port, 'publisher', 'secret'), "-ERR 'Authorization Violation'");
    assert.equal(await login(server.port, 'publisher', PLACEHOLDER), "-ERR 'Authorization Violation'");
  });

  test('a well-formed hash logs its user in (and only with the right password)', async () => {
    assert.equal(await login(server.port, 'good', 'U*U'), 'PONG');
    assert.equal(await login(server.port, 'good', 'wrong'), "-ERR 'Authorization Violation'");
  });

  test('bcrypt-malformed reports the placeholder, not the real hash', () => {
    const found = check(config(4222)).diagnostics.filter((d) => d.code === 'bcrypt-malformed');
    assert.deepEqual(
      found.map((d) => d.range.start.line + 1),
      [4],
    );
  });
});
