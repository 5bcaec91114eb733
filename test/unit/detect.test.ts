// Recognising a NATS config among other .conf files (client/src/detect.ts).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { looksLikeNatsConfig } from '../../server/src/service/detect';
import { REPO } from '../support/cli';

describe('NATS content in a .conf file', () => {
  test('every config of the setup guide is recognised', () => {
    const dir = path.join(REPO, 'test', 'fixtures', 'seed');
    for (const name of fs.readdirSync(dir))
      assert.ok(looksLikeNatsConfig(fs.readFileSync(path.join(dir, name), 'utf8')), name);
  });

  test('other formats that share .conf are not', () => {
    const others = [
      'worker_processes 1;\nhttp {\n  server {\n    listen 80;\n    location / { root /var/www; }\n  }\n}\n',
      '[program:app]\ncommand=/usr/bin/app\nautostart=true\n',
      '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n',
      'nameserver 1.1.1.1\nsearch example.com\n',
      '# a comment\nkey=value\n',
    ];
    for (const text of others) assert.equal(looksLikeNatsConfig(text), false, text);
  });
});
