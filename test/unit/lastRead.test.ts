// Answers from the last reading of a large document (LastRead 'prefer'): while someone types,
// completion and hover answer from the reading before the typing, never from a new reading. Each
// answer they give must be the one a fresh reading of the text at that moment gives; where the
// change may have moved what an answer depends on they give none, never a wrong one.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService, type CompletionItem, type LanguageService } from '../../server/src/service';
import { changedLines, sameNesting, toNewOffset, toOldOffset } from '../../server/src/service/textChanges';
import { memoryHost } from '../support/service';
import { EditorDocument } from '../../server/src/lsp/editorDocument';

const PATH = '/etc/nats/big.conf';

/** A config well above the size from which documents are not read again for a request. */
function bigConfig(): string {
  const lines = ['server_name: big', 'port: 4222', 'accounts {'];
  for (let a = 0; a < 60; a++) {
    lines.push(`  ACC_${a} {`, '    users: [');
    for (let u = 0; u < 10; u++)
      lines.push(
        `      { user: "u_${a}_${u}", password: "pw-${a}-${u}", permissions: { publish: ` +
          `{ allow: ["orders.${a}.>"] }, subscribe: ["_INBOX.>"] } }`,
      );
    lines.push('    ]', '  }');
  }
  lines.push('}', 'cluster {', '  name: c', '  port: 6222', '}', '');
  return lines.join('\n');
}

const fresh = () => createLanguageService({ host: memoryHost({}) });
const labels = (items: CompletionItem[]) => items.map((i) => `${i.label}@${i.replace.start}-${i.replace.end}`);

const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '"': '"' };

/**
 * Types `typed` one character at a time at `at` of `base` as an editor does: an opening bracket or
 * quote comes with its closer, and typing a closer over the same character steps over it. Calls
 * `step` with the text and cursor after each character.
 */
function typeInto(base: string, at: number, typed: string, step: (text: string, cursor: number, n: number) => void) {
  let text = base;
  let cursor = at;
  for (let n = 1; n <= typed.length; n++) {
    const c = typed[n - 1];
    if (text[cursor] === c && (c === '}' || c === ']' || c === '"')) cursor++;
    else {
      text = text.slice(0, cursor) + c + (CLOSERS[c] ?? '') + text.slice(cursor);
      cursor++;
    }
    step(text, cursor, n);
  }
}

describe('what changed between two versions of a text', () => {
  test('the changed lines, whole, and offsets outside them mapped both ways', () => {
    const before = 'a: 1\nb: 2\nc: 3\n';
    const after = 'a: 1\nb: 22\nc: 3\n';
    const change = changedLines(before, after)!;
    assert.deepEqual(change, { start: 5, oldEnd: 9, newEnd: 10 });
    assert.equal(toOldOffset(change, 2), 2);
    assert.equal(toOldOffset(change, 7), undefined, 'on the changed line');
    assert.equal(toOldOffset(change, 12), 11);
    assert.equal(toNewOffset(change, 11), 12);
    assert.equal(changedLines(before, before), undefined);
    // Lines added and removed: the line they touch counts as changed.
    assert.deepEqual(changedLines('x\ny\n', 'x\nnew\nlines\ny\n'), { start: 2, oldEnd: 3, newEnd: 13 });
    assert.deepEqual(changedLines('x\nold\ny\n', 'x\ny\n'), { start: 2, oldEnd: 7, newEnd: 3 });
  });

  test('nesting: brackets outside strings and comments, and how the lines end', () => {
    const nests = (before: string, after: string) => sameNesting(changedLines(before, after)!, before, after);
    assert.ok(nests('a {\n  k: v\n}\n', 'a {\n  key: value\n}\n'), 'words typed');
    assert.ok(nests('a {\n  k: "v"\n}\n', 'a {\n  k: "v}"\n}\n'), 'a bracket inside a string');
    assert.ok(nests('a {\n  k: v\n}\n', 'a {\n  k: v # }\n}\n'), 'a bracket in a comment');
    assert.ok(!nests('a {\n  k: v\n}\n', 'a {\n  k: {\n}\n'), 'a block opened');
    assert.ok(!nests('a {\n  k: v\n}\n', 'a {\n  k: "v\n}\n'), 'a string left open');
    assert.ok(!nests('a {\n  k: v }\n', 'a {\n  k: v # }\n'), 'a closing bracket commented out');
  });
});

describe('answers from the last reading of a large document', () => {
  test('typing a user into a list, character by character: each completion as a fresh reading gives, or none', () => {
    const base = bigConfig();
    const service = fresh();
    service.check({ path: PATH, text: base, version: 1 });
    const model = service.read({ path: PATH, text: base, version: 1 });
    // New lines in ACC_7's users list, typed after `users: [` (Enter, then the user).
    const at = base.indexOf('\n', base.indexOf('  ACC_7 {') + 12);
    const typed =
      '\n      { user: "new", password: "pw", permissions: { publish: "a.>", sub' +
      'scribe: ["_INBOX.>"] } }\n      { nkey: UA, allowed_connection_types: ["STANDARD"] }';
    let answered = 0;
    let asked = 0;
    typeInto(base, at, typed, (text, cursor, n) => {
      // nats-server reads a word and the bracket glued after it (`{ u}`) as one key: not a moment to compare.
      if (!/[\s:=,{[]/.test(text[cursor - 1]) && !/\s/.test(text[cursor])) return;
      const exact = fresh().complete({ path: PATH, text, version: 1 }, cursor);
      const last = service.complete({ path: PATH, text, version: n + 1 }, cursor, 'prefer');
      if (exact.length > 0) asked++;
      if (last.length === 0) return;
      answered++;
      assert.deepEqual(labels(last), labels(exact), `after typing ${JSON.stringify(typed.slice(0, n))}`);
    });
    assert.ok(answered >= asked * 0.8, `${answered} answers where a fresh reading gives ${asked}`);
    assert.equal(
      service.read({ path: PATH, text: base, version: 1 }),
      model,
      'the document was not read again while typing',
    );
  });

  test("typing into the language server's document: the same answers from its edits, its text never made whole", () => {
    const base = bigConfig();
    const doc = EditorDocument.create('file:///etc/nats/big.conf', 'nats-conf', 1, base);
    const viaEdits = fresh();
    const viaTexts = fresh();
    viaEdits.check({ path: PATH, text: doc.readText(), version: 1 });
    viaTexts.check({ path: PATH, text: base, version: 1 });
    let madeWhole = 0;
    const at = base.indexOf('\n', base.indexOf('  ACC_7 {') + 12);
    const typed = '\n      { user: "new", password: "pw", permissions: { publish: "a.>", subscribe: ["_INBOX.>"] } }';
    let previous = base;
    let answered = 0;
    let checks = 0;
    typeInto(base, at, typed, (text, cursor, n) => {
      // The editor sends the edit as a range of the text before it, as the smallest change.
      let p = 0;
      while (p < previous.length && previous[p] === text[p]) p++;
      let q = 0;
      while (q < previous.length - p && previous[previous.length - 1 - q] === text[text.length - 1 - q]) q++;
      const range = { start: doc.positionAt(p), end: doc.positionAt(previous.length - q) };
      EditorDocument.update(doc, [{ range, text: text.slice(p, text.length - q) }], n + 1);
      previous = text;
      const ref = {
        path: PATH,
        version: n + 1,
        get text() {
          madeWhole++;
          return doc.getText();
        },
        edited: doc.sinceRead(),
      };
      const fromEdits = viaEdits.complete(ref, cursor, 'prefer');
      assert.deepEqual(fromEdits, viaTexts.complete({ path: PATH, text, version: n + 1 }, cursor, 'prefer'));
      if (fromEdits.length > 0) answered++;
      // Now and then a check, as after a pause: read from the last reading, told what the edits left alone.
      if (n % 10 === 0) {
        const edited = doc.sinceRead();
        const checked = viaEdits.check({ path: PATH, version: n + 1, text: doc.readText(), edited });
        const alike = viaTexts.check({ path: PATH, text, version: n + 1 });
        assert.deepEqual(checked.diagnostics, alike.diagnostics);
        assert.deepEqual(checked.diagnostics, fresh().check({ path: PATH, text, version: n + 1 }).diagnostics);
        checks++;
      }
      const hoverAt = text.indexOf('name: c') + 2;
      assert.deepEqual(
        viaEdits.hover(ref, hoverAt, 'prefer'),
        viaTexts.hover({ path: PATH, text, version: n + 1 }, hoverAt, 'prefer'),
      );
    });
    assert.ok(answered > typed.length / 2, `${answered} answers`);
    assert.equal(madeWhole, 0, 'the text was not made whole for an answer');
    assert.ok(checks >= 8);
  });

  test('completion and hover on lines the typing did not touch, before and after it', () => {
    const base = bigConfig();
    const service = fresh();
    service.check({ path: PATH, text: base, version: 1 });
    // A value changed in ACC_3 (same nesting).
    const at = base.indexOf('pw-3-4') + 'pw-3-4'.length;
    const text = base.slice(0, at) + '-longer' + base.slice(at);
    const exact = fresh();
    const probes = [
      base.indexOf('port: 4222') + 2,
      base.indexOf('ACC_1 {') + 2,
      text.indexOf('allow: ["orders.5') + 3,
      text.indexOf('name: c') + 2,
      text.indexOf('  port: 6222') + 4,
    ];
    for (const offset of probes) {
      const hoverNow = exact.hover({ path: PATH, text, version: 1 }, offset);
      const hoverLast = service.hover({ path: PATH, text, version: 2 }, offset, 'prefer');
      assert.ok(hoverNow, `a hover at ${offset}`);
      assert.deepEqual(hoverLast, hoverNow, `hover at ${offset}`);
      const lineEnd = text.indexOf('\n', offset);
      assert.deepEqual(
        labels(service.complete({ path: PATH, text, version: 2 }, lineEnd, 'prefer')),
        labels(exact.complete({ path: PATH, text, version: 1 }, lineEnd)),
        `completion at the end of the line of ${offset}`,
      );
    }
  });

  test('after a change that opened a block: nothing after it, rather than an answer of the old blocks', () => {
    const base = bigConfig();
    const service: LanguageService = fresh();
    service.check({ path: PATH, text: base, version: 1 });
    const at = base.indexOf('  ACC_5 {');
    const text = `${base.slice(0, at)}  jetstream {\n${base.slice(at)}`;
    const after = text.indexOf('name: c') + 2;
    assert.equal(service.hover({ path: PATH, text, version: 2 }, after, 'prefer'), undefined);
    assert.deepEqual(service.complete({ path: PATH, text, version: 2 }, text.indexOf('\n', after), 'prefer'), []);
    // Before the change, answers stay.
    const before = text.indexOf('port: 4222') + 2;
    assert.deepEqual(
      service.hover({ path: PATH, text, version: 2 }, before, 'prefer'),
      fresh().hover({ path: PATH, text, version: 1 }, before),
    );
    // Asked to read ('read', the default), the service reads the text as it is now.
    assert.ok(service.hover({ path: PATH, text, version: 2 }, after));
  });

  test('a small document is read again for each request: its answers are always fresh', () => {
    const service = fresh();
    const small = 'cluster {\n  name: c\n}\n';
    service.check({ path: PATH, text: small, version: 1 });
    const text = 'cluster {\n  name: c\n  \n}\njetstream {\n  \n}\n';
    const items = service.complete({ path: PATH, text, version: 2 }, text.lastIndexOf('  \n') + 2, 'prefer');
    assert.ok(items.some((i) => i.label === 'store_dir'));
  });
});
