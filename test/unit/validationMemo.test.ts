// Validation takes over the findings of the maps an edit left alone (subtreeMemo.ts): the accounts
// before the edit (the same nodes) and after it (moved copies). Every check must find exactly what a
// check of a fresh reading finds, in the same order; maps whose findings depend on more than
// themselves (files on disk, the environment, other keys of the file) are checked again each time,
// and so is each "did you mean" the budget may not cover. Edits here are random but seeded.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { ConfigModel, isSelfContained, readConfig, rereadConfig } from '../../server/src/service/document';
import { checkRules } from '../../server/src/service/rules';
import { validateConfig } from '../../server/src/service/validation';
import { NEWEST_VERSION, OLDEST_VERSION, type ServerVersion } from '../../server/src/service/versions';
import type { Span } from '../../server/src/service/tree';
import { randoms } from '../support/random';
import { memoryHost } from '../support/service';

const PATH = '/etc/nats/accounts.conf';
const host = memoryHost({ '/etc/nats/certs/leaf.pem': 'x' }, { HOME_PW: 'x' });

/** Accounts whose blocks have findings of every kind validation makes, over several lines each. */
function accountsConfig(accounts: number, unknownPerAccount = 1): string {
  const lines = ['server_name: memo', 'accounts {'];
  for (let a = 0; a < accounts; a++) {
    lines.push(`  ACC_${a} {`, '    users: [');
    lines.push(`      { user: "u_${a}", password: "pw-${a}", permissions: { publish: ["a.${a}.>"] } }`);
    // A misspelt key (a "did you mean"), and a key set twice (its message names a line: taken over
    // only while its account stays on its line).
    lines.push(`      { user: "v_${a}", passwrd: "x" }`);
    if (a % 5 === 4) lines.push(`      { user: "w_${a}", user: "w2_${a}" }`);
    if (a % 7 === 0) lines.push(`      { user: "q_${a}", password: "$HOME_PW" }`); // depends on the environment
    // What the rules find in a users list: a malformed bcrypt hash, a bad nkey.
    if (a % 13 === 12) lines.push(`      { user: "b_${a}", password: "$2a$11$..." }`, '      { nkey: "UBAD" }');
    lines.push('    ]');
    lines.push(`    jetstream {`, `      max_mem: ${a % 3 === 0 ? '"1G"' : '1G'}`, '      max_file: 2Gi', '    }');
    for (let k = 1; k < unknownPerAccount; k++) lines.push(`    unknown_${k}: ${k}`);
    if (a % 11 === 0) lines.push('    exports: [ { stream: "e.>" }, { service: 7 } ]'); // a type error
    // What the rules find in an account: a bad nkey, an import with both a prefix and a `to`.
    if (a % 17 === 16) {
      lines.push('    nkey: "ABAD"');
      lines.push('    imports: [ { stream: { account: "ACC_0", subject: "s.>" }, prefix: "p", to: "t.>" } ]');
    }
    lines.push('  }');
  }
  lines.push('}');
  // Files on disk: one there, one missing.
  lines.push('leafnodes {', '  port: 7422', '  tls {', '    cert_file: "/etc/nats/certs/leaf.pem"');
  lines.push('    key_file: "/etc/nats/certs/leaf.key"', '  }', '}', '');
  return lines.join('\n');
}

/** What an operator types into an account: characters, new lines (moving what follows), keys, errors. */
const TYPED = [
  'a',
  ' ',
  '\n',
  '\n\n',
  'x: 1\n',
  '    bogus_key: 1\n',
  '    user: "again"\n',
  '    max_mem: 1G\n',
  '    jetstream: { max_memory: 1 }\n',
  '    passwrd: 2\n',
  '#',
];

/**
 * An edit inside the accounts: typed at a line start or mid-line, or a few characters deleted. Edits
 * pile up; one that breaks the file (a quote or bracket left open) is undone by the next.
 */
function editor(text: string, random: (n: number) => number): (last: string, clean: boolean) => string {
  let good = text;
  return (last, clean) => {
    if (clean) good = last;
    return randomEdit(good, random);
  };
}

function randomEdit(text: string, random: (n: number) => number): string {
  const from = text.indexOf('accounts {');
  const to = text.indexOf('\nleafnodes');
  let at = from + random(to - from);
  if (random(2) === 0) at = text.lastIndexOf('\n', at) + 1;
  if (random(6) === 0) return text.slice(0, at) + text.slice(at + 1 + random(6));
  return text.slice(0, at) + TYPED[random(TYPED.length)] + text.slice(at);
}

/**
 * The findings of a model, as plain data in their order. A span is its start and end (a fresh check
 * may point at the value's node itself, which holds more).
 */
function findingsOf(model: ConfigModel): unknown {
  const spans = (key: string, value: unknown) =>
    key === 'span' ? { start: (value as Span).start, end: (value as Span).end } : value;
  return JSON.parse(JSON.stringify(model.root.findings, spans));
}

function freshFindings(text: string, version: ServerVersion): unknown {
  const model = readConfig(PATH, text, { version, host });
  validateConfig(model);
  checkRules(model);
  return findingsOf(model);
}

describe('validation takes over the findings of the maps an edit left alone', () => {
  test('each check after an edit finds what a fresh check finds, in the same order', () => {
    for (const version of [OLDEST_VERSION, NEWEST_VERSION]) {
      const random = randoms(version === OLDEST_VERSION ? 3 : 4);
      let text = accountsConfig(120);
      let model = readConfig(PATH, text, { version, host });
      // As the service does: read from the last reading only when that reading found nothing.
      let selfContained = isSelfContained(model);
      validateConfig(model, true);
      checkRules(model, true);
      const edit = editor(text, random);
      let reread = 0;
      let reused = 0;
      let checked = 0;
      for (let n = 0; n < 150; n++) {
        text = edit(text, selfContained);
        const again = selfContained ? rereadConfig(model, text, host) : undefined;
        model = again ?? readConfig(PATH, text, { version, host });
        selfContained = isSelfContained(model);
        const stats = validateConfig(model, true);
        checkRules(model, true);
        assert.deepEqual(findingsOf(model), freshFindings(text, version), `edit ${n}:\n${text}`);
        if (!again) continue;
        reread++;
        reused += stats.reused;
        checked += stats.checked;
      }
      // After most edits read from the last reading, the accounts beside the edit were taken over.
      assert.ok(reread >= 30, `${reread} of 150 edits read from the last reading`);
      assert.ok(reused > reread * 60, `${reused} maps taken over in ${reread} checks, ${checked} checked`);
    }
  });

  test('a moved account takes over its findings, with their places and line numbers moved', () => {
    let text = accountsConfig(60);
    const model = readConfig(PATH, text, { version: NEWEST_VERSION, host });
    validateConfig(model, true);
    // Two lines typed into the first account: the accounts after it move by two lines.
    text = text.replace('  ACC_0 {\n', '  ACC_0 {\n    a: 1\n    b: 2\n');
    const again = rereadConfig(model, text, host);
    assert.ok(again, 'read from the last reading');
    const stats = validateConfig(again, true);
    // All but the edited account, those with a key set twice (they moved by two lines) and those
    // whose "$HOME_PW" depends on the environment, whole; of these, the blocks they hold.
    const whole = Array.from({ length: 59 }, (_, i) => i + 1).filter((a) => a % 5 !== 4 && a % 7 !== 0);
    assert.ok(stats.reused >= whole.length, `${stats.reused} maps taken over`);
    checkRules(again, true);
    assert.deepEqual(findingsOf(again), freshFindings(text, NEWEST_VERSION));
    // The key set twice in the last account: the finding at its first `user`, naming its line.
    const at = text.indexOf('{ user: "w_59"') + 2;
    const duplicate = again.root.findings.find((f) => f.code === 'duplicate-key' && f.span.start === at);
    assert.ok(duplicate, 'the key set twice in the last account');
    const line = text.slice(0, at).split('\n').length;
    assert.match(duplicate.message, new RegExp(`set again on line ${line}:`));
  });

  test('findings that depend on the rest of the file or on the disk are found again each time', () => {
    const files: Record<string, string> = { '/etc/nats/certs/leaf.pem': 'x' };
    const disk = memoryHost(files);
    // "$FOO" as a subject is meant as a variable only where the file defines FOO.
    let text = accountsConfig(40).replace('{ stream: "e.>" }', '{ stream: "$FOO" }');
    const read = () => readConfig(PATH, text, { version: NEWEST_VERSION, host: disk });
    let model = read();
    validateConfig(model, true);
    const quoted = (m: ConfigModel) => m.root.findings.filter((f) => f.code === 'quoted-variable').length;
    const missing = (m: ConfigModel) => m.root.findings.filter((f) => f.code === 'file-missing').length;
    const quotedBefore = quoted(model);
    assert.equal(missing(model), 1, 'the key file is missing');
    // FOO defined in another account; the key file written to disk meanwhile.
    text = text.replace('  ACC_30 {\n', '  ACC_30 {\n    FOO: 1\n');
    files['/etc/nats/certs/leaf.key'] = 'x';
    const again = rereadConfig(model, text, disk);
    assert.ok(again, 'read from the last reading');
    validateConfig(again, true);
    model = read();
    validateConfig(model);
    assert.equal(quoted(again), quoted(model));
    assert.equal(quoted(again), quotedBefore + 1, 'the quoted "$FOO" now names a key of the file');
    assert.equal(missing(again), 0, 'the key file is there now');
  });

  test('what was found for one release is not taken over for another', () => {
    // msg_trace in an account: from 2.11 on; 2.9 refuses it.
    const text = accountsConfig(30).replace('  ACC_5 {\n', '  ACC_5 {\n    msg_trace: { dest: "t" }\n');
    const old = readConfig(PATH, text, { version: OLDEST_VERSION, host });
    validateConfig(old, true);
    checkRules(old, true);
    assert.ok(old.root.findings.some((f) => f.code === 'option-version'));
    // The same tree checked for the newest release (its nodes carry what the oldest found).
    const newest: ConfigModel = { ...old, version: NEWEST_VERSION, root: { ...old.root, findings: [] } };
    newest.files = [newest.root];
    const stats = validateConfig(newest, true);
    checkRules(newest, true);
    assert.equal(stats.reused, 0);
    assert.deepEqual(findingsOf(newest), freshFindings(text, NEWEST_VERSION));
  });

  test('with more unknown keys than "did you mean" covers, only what the budget covers is taken over', () => {
    // 2,000 suggestions per check: 260 accounts of 8 unknown keys use them up.
    let text = accountsConfig(260, 8);
    let model = readConfig(PATH, text, { version: NEWEST_VERSION, host });
    let selfContained = isSelfContained(model);
    validateConfig(model, true);
    checkRules(model, true);
    // 60 more unknown keys in the last account (checked first), then gone again: the budget runs out
    // 60 keys earlier, then later again, and the accounts checked last lose their "did you mean" and
    // get it back.
    const original = text;
    const more = Array.from({ length: 60 }, (_, k) => `    more_${k}: 1\n`).join('');
    for (const next of [text.replace('  ACC_259 {\n', `  ACC_259 {\n${more}`), original]) {
      text = next;
      const again = rereadConfig(model, text, host);
      assert.ok(again, 'read from the last reading');
      model = again;
      validateConfig(model, true);
      checkRules(model, true);
      assert.deepEqual(findingsOf(model), freshFindings(text, NEWEST_VERSION));
    }
    const edit = editor(text, randoms(5));
    for (let n = 0; n < 25; n++) {
      text = edit(text, selfContained);
      const again = selfContained ? rereadConfig(model, text, host) : undefined;
      model = again ?? readConfig(PATH, text, { version: NEWEST_VERSION, host });
      selfContained = isSelfContained(model);
      validateConfig(model, true);
      checkRules(model, true);
      assert.deepEqual(findingsOf(model), freshFindings(text, NEWEST_VERSION), `edit ${n}`);
    }
  });

  test('the language service, read between checks as requests do: each check equals a fresh one', () => {
    const service = createLanguageService({ host, incremental: true });
    let text = accountsConfig(300);
    assert.ok(text.length > 64 * 1024, 'large enough to be read again from its last reading');
    service.check({ path: PATH, text, version: 0 });
    const random = randoms(6);
    const edit = editor(text, random);
    for (let version = 1; version <= 60; version++) {
      text = edit(text, isSelfContained(readConfig(PATH, text, { version: NEWEST_VERSION, host })));
      // Some versions are only read (a request), never checked: the next check reads from them.
      if (random(3) === 0) {
        service.read({ path: PATH, text, version });
        continue;
      }
      const result = service.check({ path: PATH, text, version });
      const freshly = createLanguageService({ host }).check({ path: PATH, text, version });
      assert.deepEqual(result.diagnostics, freshly.diagnostics, `version ${version}`);
    }
  });
});
