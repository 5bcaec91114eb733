// The setup guide our users follow (test/fixtures/seed): its tuning example hides two real
// mistakes, which must be caught; the other examples must draw nothing nats-server would
// object to. They are checked as on the guide's machines: the TLS example's certificates
// exist there, and Kubernetes sets NATS_SERVER_NAME.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createLanguageService, parseServerVersion, type ConfigHost } from '../../server/src/service';
import { REPO } from '../support/cli';
import { GUIDE } from '../support/guide';

const SEED = path.join(REPO, 'test', 'fixtures', 'seed');
const CERTS = ['/etc/nats/certs/server.pem', '/etc/nats/certs/server-key.pem', '/etc/nats/certs/ca.pem'];
const VERSIONS = ['2.9', '2.10', '2.11', '2.12', '2.14'];

function checkSeed(name: string, version: string) {
  const file = path.join(SEED, name);
  const host: ConfigHost = {
    env: { NATS_SERVER_NAME: 'nats-0' },
    cwd: '/',
    readFile: (p) => (fs.existsSync(p) ? { text: fs.readFileSync(p, 'utf8') } : { error: 'no such file or directory' }),
    fileStatus: (p) => (CERTS.includes(p) ? 'file' : 'missing'),
  };
  return createLanguageService({ version: parseServerVersion(version), host }).check({
    path: file,
    text: fs.readFileSync(file, 'utf8'),
  }).diagnostics;
}

describe('the setup guide', () => {
  test('the tuning example: ping_interval 2m in every release, pool_size before 2.10', () => {
    for (const version of VERSIONS) {
      const server = checkSeed('nats-performance.conf', version).filter((d) => d.origin === 'server');
      const expected = [`20:16 duration-as-size`, ...(version === '2.9' ? ['28:5 option-version'] : [])];
      assert.deepEqual(
        server.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`),
        expected,
        version,
      );
    }
  });

  const others = fs.readdirSync(SEED).filter((n) => n !== 'nats-performance.conf');
  for (const name of others) {
    test(`${name}: nothing nats-server would object to, in any release`, () => {
      for (const version of VERSIONS) {
        const server = checkSeed(name, version).filter((d) => d.origin === 'server');
        assert.deepEqual(server, [], `${name} with ${version}`);
      }
    });
  }
});

describe('the setup guide itself', () => {
  // The tests read test/fixtures/guide/nats-cluster-setup-guide.md; where the shared folder the
  // guide comes from is at hand (../shared/seed), the copy must be the same text.
  const shared = path.join(REPO, '..', 'shared', 'seed', 'nats-cluster-setup-guide.md');
  test('the copy in test/fixtures/guide is the guide, verbatim', { skip: !fs.existsSync(shared) }, () => {
    assert.equal(fs.readFileSync(GUIDE, 'utf8'), fs.readFileSync(shared, 'utf8'));
  });
});
