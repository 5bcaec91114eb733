// Hover from the service: each case is a config with `|` marking the cursor, and what the
// editor must show there.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at } from '../support/cursor';

const hoverText = (marked: string) => {
  const { service, doc, offset } = at(marked);
  return service.hover(doc, offset)?.contents;
};

describe('hover', () => {
  test('a key: description, type, default, releases, docs', () => {
    const text = hoverText('cluster {\n  pool_|size: 3\n}\n')!;
    assert.match(text, /^\*\*pool_size\*\* \(cluster\)/);
    assert.match(text, /\*\*Available:\*\* since nats-server 2\.10\.0/);
    assert.match(text, /\*\*Default:\*\*/);
    assert.match(text, /\[Documentation\]\(https:\/\/docs\.nats\.io\//);
  });

  test("an option without a docs link of its own shows its block's; one with its own shows that", () => {
    const link = (marked: string) => /\[Documentation\]\(([^)]+)\)/.exec(hoverText(marked)!)?.[1];
    const conf = 'https://docs.nats.io/running-a-nats-service/configuration';
    assert.equal(link('cluster {\n  no_adver|tise: true\n}\n'), `${conf}/clustering/cluster_config`);
    assert.equal(link('cluster {\n  pool_|size: 3\n}\n'), `${conf}/clustering/v2_routes`);
    assert.equal(link('tls {\n  ver|ify: true\n}\n'), `${conf}/securing_nats/tls`);
  });

  test('the type in words, as validation says it', () => {
    assert.match(hoverText('lis|ten: 4222\n')!, /\*\*Type:\*\* a "host:port" string or a port number/);
    assert.match(hoverText('cluster {\n  rou|tes: []\n}\n')!, /\*\*Type:\*\* a list of URLs/);
    const sync = hoverText('jetstream {\n  sync|_interval: always\n}\n')!;
    assert.match(sync, /\*\*Type:\*\* a quoted duration such as "2m" or one of `always`/);
  });

  test('a size in bytes; the 2m trap; a duration in words', () => {
    assert.equal(
      hoverText('jetstream { max_memory_store: 1G|i }\n'),
      '`1Gi` = 1,073,741,824 bytes (binary: Gi is a power of 1024).',
    );
    assert.match(
      hoverText('ping_interval: 2|m\n')!,
      /2,000,000: a size, not a duration\. As ping_interval it means 2,000,000 seconds \(about 23 days\)/,
    );
    assert.equal(hoverText('write_deadline: "1|0s"\n'), 'A duration of 10 seconds.');
  });

  test('a $reference: its value and where it is defined', () => {
    assert.equal(hoverText('PORT: 4222\nport: $P|ORT\n'), '`$PORT` = `4222`, defined in this file on line 1.');
  });

  test('nothing to say between entries', () => {
    assert.equal(hoverText('port: 4222\n|\n'), undefined);
  });
});
