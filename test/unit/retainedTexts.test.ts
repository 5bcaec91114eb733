// A language server checks a large document again after every pause in the typing, for hours.
// Caches that outlive a check (known keys, suggestions, parsed route URLs, certificate files)
// must not keep the texts they were cut from alive: a key sliced from a 1 MB text is, to V8, a
// view into the whole text. Measured here by the heap's large-object space (where such texts
// live) after a full garbage collection.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../support/service';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Bytes in use in the large-object space after a full collection. */
function largeObjectBytes(): number {
  collectGarbage();
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')!.space_used_size;
}

/** `word` with its letter at `i` in capitals: another spelling nats-server reads the same. */
function capitalAt(word: string, i: number): string {
  return word.slice(0, i) + word[i].toUpperCase() + word.slice(i + 1);
}

/** A config of about 1 MB whose keys and values reach every cache that outlives a check. */
function largeConfig(n: number): string {
  const lines = [
    `server_name: node_${n}`,
    // Keys new to the caches in each version, as typing makes them: an unknown key (its
    // suggestions) and a known key of 13 characters or more spelled another way (known keys).
    `max_connectionz_${n}: 10`,
    `${capitalAt('max_connections', n % 15)}: 100`,
    'cluster {',
    '  name: c',
    '  port: 6222',
    `  routes: [ "nats-route://node-${n}.example.internal:6222" ]`, // a parsed route URL
    '}',
    'accounts {',
  ];
  let size = 0;
  for (let a = 0; size < 1_000_000; a++) {
    const user = `{ user: "user_with_a_long_name_${a}", password: "secret_${a}" }`;
    const line = `  ACCOUNT_NUMBER_${a}_${n} { users: [ ${user} ] }`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('}', '');
  return lines.join('\n');
}

test('checking many versions of a large document keeps none of the old texts alive', () => {
  // One check first: what a check keeps for good (code, catalogue indexes) is not counted.
  createLanguageService({ host: memoryHost({}) }).check({ path: '/etc/nats/warm.conf', text: largeConfig(99) });
  const before = largeObjectBytes();
  let size = 0;
  for (let n = 0; n < 8; n++) {
    const text = largeConfig(n);
    size = text.length;
    const result = createLanguageService({ host: memoryHost({}) }).check({ path: `/etc/nats/n${n}.conf`, text });
    assert.ok(
      result.diagnostics.some((d) => d.code === 'unknown-key' && /max_connectionz/.test(d.message)),
      'the unknown key got its suggestions',
    );
  }
  const grown = largeObjectBytes() - before;
  // Kept alive, each 1 MB text would add 1 MB; none is in use any more.
  assert.ok(grown < 2 * size, `large-object space grew by ${(grown / 1e6).toFixed(1)} MB over 8 checks of 1 MB texts`);
});
