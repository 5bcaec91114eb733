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

test('a large document read again version after version keeps only its first and last texts alive', () => {
  // As the language server checks it while someone types: each version is read from the last (only
  // the edited block anew) and takes over the findings of the blocks left alone. The block read anew,
  // and the findings kept, must not keep their version's text alive.
  const lines = ['server_name: typed', 'accounts {'];
  for (let a = 0; lines.length < 22_000; a++) {
    lines.push(`  ACCOUNT_NUMBER_${a} {`);
    lines.push(`    users: [ { user: "user_with_a_long_name_${a}", unknown_long_key_${a}: 1 } ]`, '  }');
  }
  lines.push('}', '');
  let text = lines.join('\n');
  const service = createLanguageService({ host: memoryHost({}), incremental: true });
  service.check({ path: '/etc/nats/typed.conf', text, version: 0 });
  const before = largeObjectBytes();
  for (let version = 1; version <= 8; version++) {
    // Each version edits another account: its block is read anew, its records are made anew.
    const at = text.indexOf(`unknown_long_key_${version * 700}:`);
    text = text.slice(0, at) + 'x' + text.slice(at);
    const result = service.check({ path: '/etc/nats/typed.conf', text, version });
    assert.ok(result.diagnostics.some((d) => d.message.includes(`xunknown_long_key_${version * 700}`)));
  }
  const grown = largeObjectBytes() - before;
  // The last text is one; kept alive, every earlier one would add as much again.
  assert.ok(
    grown < 3 * text.length,
    `large-object space grew by ${(grown / 1e6).toFixed(1)} MB over 8 versions of 1 MB`,
  );
});
