// The catalogue against nats-server's own source: every key its option parser switches
// on (listed per parse function from server/opts.go at HEAD and at each x.y.0 release, by
// scripts/extract-option-keys.mjs) is in the catalogue, available exactly in the releases
// whose parser has it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  availableIn,
  block,
  blockOf,
  blocks,
  findOption,
  type ValueSpec,
} from '../../server/src/service/catalogue/catalogue';
import { parseServerVersion } from '../../server/src/service';
import { REPO } from '../support/cli';

/** Which catalogue blocks hold the keys of each parse function. */
const BLOCKS_OF: Record<string, string[]> = {
  processConfigFileLine: ['top', 'ocsp'],
  parseCluster: ['cluster'],
  parseCompression: ['compression'],
  parseGateway: ['gateway'],
  parseGateways: ['gateway.remote'],
  parseJetStreamForAccount: ['account.jetstream'],
  parseJetStreamLimits: ['jetstream.limits'],
  parseJetStreamLimitsBatch: ['jetstream.limits.batch'],
  parseJetStreamTPM: ['jetstream.tpm'],
  parseJetStream: ['jetstream'],
  parseLeafNodes: ['leafnodes'],
  parseLeafAuthorization: ['leafnodes.authorization'],
  parseLeafUsers: ['leafnodes.user'],
  parseRemoteLeafNodes: ['leafnodes.remote', 'leafnodes.remote.proxy'],
  parseAccountMapDest: ['mapping_destination'],
  parseAccountLimits: ['account.limits'],
  parseAccountMsgTrace: ['msg_trace'],
  parseAccounts: ['account'],
  parseAccount: ['import.source'],
  parseExportStreamOrService: ['export'],
  parseImportStreamOrService: ['import'],
  parseAuthorization: ['authorization'],
  parseUsers: ['user'],
  parseAuthCallout: ['auth_callout'],
  parseUserPermissions: ['permissions'],
  parseAllowResponses: ['allow_responses'],
  parseSubjectPermission: ['subject_permission'],
  parseTLS: ['tls', 'tls.cert'],
  parseSimpleAuth: ['simple_authorization'],
  parseWebsocket: ['websocket'],
  parseMQTT: ['mqtt'],
  parseProxies: ['proxies'],
  parseProxiesTrusted: ['proxies.trusted'],
};

/** Functions whose `case` labels are values or command-line flags, not config keys. */
const NOT_KEYS = new Set(['parseWriteDeadlinePolicy', 'setJetStreamEkCipher', 'ConfigureOptions']);

/** Labels that are values of an option switched on inside the function (not keys). */
const VALUE_LABELS: Record<string, string[]> = {
  processConfigFileLine: ['CACHE', 'FULL', 'MEM', 'MEMORY'],
  parseTLS: ['true', 'on', 'false', 'off', 'auto', 'auto_fallback'],
  parseExportStreamOrService: ['single', 'singleton', 'chunk', 'chunked'],
  parseJetStream: ['disabled', 'disable'],
  parseJetStreamForAccount: ['enabled', 'enable', 'disabled', 'disable', 'owner'],
};

interface Extracted {
  revision: string;
  functions: Record<string, string[][]>;
}

const load = (name: string): Extracted =>
  JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', `opts-keys-${name}.json`), 'utf8'));

function keysOf(extracted: Extracted): { fn: string; label: string }[] {
  const out: { fn: string; label: string }[] = [];
  for (const [fn, groups] of Object.entries(extracted.functions)) {
    if (NOT_KEYS.has(fn)) continue;
    for (const group of groups)
      for (const label of group) if (!VALUE_LABELS[fn]?.includes(label)) out.push({ fn, label });
  }
  return out;
}

function optionFor(fn: string, label: string) {
  for (const id of BLOCKS_OF[fn] ?? []) {
    const option = findOption(id, label);
    if (option) return option;
  }
  return undefined;
}

describe('the option catalogue', () => {
  const head = load('head');

  test('every parse function of the newest opts.go is mapped to catalogue blocks', () => {
    const unmapped = Object.keys(head.functions).filter((fn) => !NOT_KEYS.has(fn) && !BLOCKS_OF[fn]);
    assert.deepEqual(unmapped, []);
    for (const ids of Object.values(BLOCKS_OF))
      for (const id of ids.slice(0, 1)) assert.ok(block(id), `block '${id}' is missing`);
  });

  test(`every key of the newest opts.go is in the catalogue (${head.revision})`, () => {
    const missing = keysOf(head)
      .filter(({ fn, label }) => !optionFor(fn, label))
      .map(({ fn, label }) => `${fn}: ${label}`);
    assert.deepEqual(missing, []);
  });

  for (const tag of ['v2.9.0', 'v2.10.0', 'v2.11.0', 'v2.12.0', 'v2.14.0']) {
    test(`availability matches the parser of ${tag}`, () => {
      const version = parseServerVersion(tag)!;
      const at = load(tag);
      const present = new Set(keysOf(at).map(({ fn, label }) => `${fn}\0${label}`));
      const problems: string[] = [];
      for (const { fn, label } of keysOf(head)) {
        const option = optionFor(fn, label);
        if (!option) continue;
        const names = [option.name, ...(option.aliases ?? [])];
        const anyNamePresent = names.some((n) => present.has(`${fn}\0${n}`));
        const available = availableIn(option, version);
        if (present.has(`${fn}\0${label}`) && !available)
          problems.push(`${fn}: '${label}' is in ${tag}, but the catalogue says since ${JSON.stringify(option.since)}`);
        if (!anyNamePresent && available)
          problems.push(`${fn}: '${option.name}' is not in ${tag}, but the catalogue has it available`);
      }
      assert.deepEqual([...new Set(problems)], []);
    });
  }

  test('every block a value refers to exists, every option is described, docs links are not repeated', () => {
    const problems: string[] = [];
    const walk = (forms: readonly ValueSpec[], where: string) => {
      for (const f of forms) {
        if (f.type === 'map' && !block(f.block)) problems.push(`${where} refers to missing block '${f.block}'`);
        if (f.type === 'array') walk(f.items, where);
      }
    };
    for (const b of blocks()) {
      if (!b.docs.startsWith('https://docs.nats.io/')) problems.push(`${b.id} docs is not a docs.nats.io page`);
      if (b.additionalKeys) walk(b.additionalKeys.values, `${b.id}.*`);
      for (const o of b.options) {
        walk(o.values, `${b.id}.${o.name}`);
        if (!o.description || o.description.length < 8) problems.push(`${b.id}.${o.name} has no description`);
        if (o.name !== o.name.toLowerCase() && !b.caseSensitive) problems.push(`${b.id}.${o.name} is not lower-case`);
        if (o.docs && !o.docs.startsWith('https://docs.nats.io/'))
          problems.push(`${b.id}.${o.name} docs is not a docs.nats.io page`);
        if (o.docs === b.docs) problems.push(`${b.id}.${o.name} repeats its block's docs link (inherited)`);
        if (blockOf(o) !== b) problems.push(`${b.id}.${o.name} is an option object of another block too`);
        if (o.values.length === 0) problems.push(`${b.id}.${o.name} accepts no value`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
