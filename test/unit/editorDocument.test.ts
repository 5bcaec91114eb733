// The language server's document (server/src/lsp/editorDocument.ts) keeps an open file as pieces of
// text, edit by edit. Whatever the edits, it must be the document the editor library's own
// TextDocument gives (text, lines, positions, offsets), and what it says changed since the text last
// read must be what comparing the two texts says. Edits here are random but seeded.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditorDocument } from '../../server/src/lsp/editorDocument';
import { changedLines } from '../../server/src/service/textChanges';
import { randoms } from '../support/random';

const BITS = ['a', 'key: value', ' ', '\n', '\r\n', '\r', '{', '}', '# c', 'x'.repeat(20), '\n\n', '"s"'];

function randomText(random: (n: number) => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += BITS[random(BITS.length)];
  return text;
}

/**
 * A random change to the reference's text: mostly small edits, some reversed ranges, some positions past
 * a line's end or before the first line. (Not past the last line: there the editor library's own
 * document miscounts its lines, where ours, counting from offsets, does not.)
 */
function randomChange(random: (n: number) => number, reference: TextDocument): TextDocumentContentChangeEvent {
  const kind = random(20);
  if (kind === 0) return { text: randomText(random, random(30)) };
  const at = () => reference.positionAt(random(reference.getText().length + 1));
  let range: Range;
  if (kind === 1)
    range = { start: { line: random(reference.lineCount + 1) - 1, character: random(40) - 2 }, end: at() };
  else {
    const start = at();
    const end = random(3) === 0 ? at() : start; // reversed ranges too: editors may send them either way
    range = { start, end };
  }
  const text = random(3) === 0 ? '' : randomText(random, 1 + random(3));
  return { range, text };
}

function assertSame(mine: EditorDocument, reference: TextDocument, random: (n: number) => number, label: string) {
  const text = reference.getText();
  assert.equal(mine.length, text.length, label);
  assert.equal(mine.lineCount, reference.lineCount, label);
  for (let i = 0; i < 20; i++) {
    const offset = random(text.length + 5) - 2;
    assert.deepEqual(mine.positionAt(offset), reference.positionAt(offset), `${label}: positionAt(${offset})`);
    const position = { line: random(reference.lineCount + 2) - 1, character: random(30) - 1 };
    assert.equal(
      mine.offsetAt(position),
      reference.offsetAt(position),
      `${label}: offsetAt(${JSON.stringify(position)})`,
    );
    const line = random(reference.lineCount + 2) - 1;
    assert.deepEqual(mine.getLineRange(line), reference.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(mine.getEOLCharacters(line), reference.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
    const range = {
      start: reference.positionAt(random(text.length + 1)),
      end: reference.positionAt(random(text.length + 1)),
    };
    // Ranges end first too: read as a string's substring reads them.
    assert.equal(mine.getText(range), reference.getText(range), `${label}: getText(range)`);
  }
}

describe("the language server's document, kept as pieces", () => {
  test("random edits: the same text, lines, positions and offsets as the editor library's document", () => {
    const random = randoms(11);
    for (let run = 0; run < 60; run++) {
      const initial = randomText(random, random(60));
      const reference = TextDocument.create('file:///x.conf', 'nats-conf', 0, initial);
      const mine = EditorDocument.create('file:///x.conf', 'nats-conf', 0, initial);
      for (let version = 1; version <= 40; version++) {
        // Now and then two changes in one message, the second's range on the text the first made.
        const changes = [randomChange(random, reference)];
        TextDocument.update(reference, changes, version);
        if (random(4) === 0) {
          changes.push(randomChange(random, reference));
          TextDocument.update(reference, changes.slice(1), version);
        }
        EditorDocument.update(mine, changes, version);
        const label = `run ${run}, version ${version}`;
        assert.equal(mine.version, version);
        // Positions and lines first, read from the pieces; then the text made whole.
        assertSame(mine, reference, random, label);
        if (random(3) === 0) assert.equal(mine.getText(), reference.getText(), label);
      }
      assert.equal(mine.getText(), reference.getText());
    }
  });

  test('what changed since the text last read, told without comparing the texts, is what comparing them finds', () => {
    const random = randoms(5);
    let compared = 0;
    for (let run = 0; run < 40; run++) {
      const initial = randomText(random, 200 + random(200));
      const reference = TextDocument.create('file:///x.conf', 'nats-conf', 0, initial);
      const mine = EditorDocument.create('file:///x.conf', 'nats-conf', 0, initial);
      let read = mine.readText();
      for (let version = 1; version <= 30; version++) {
        const changes = [randomChange(random, reference)];
        TextDocument.update(reference, changes, version);
        EditorDocument.update(mine, changes, version);
        const edited = mine.sinceRead();
        assert.equal(edited.from, read);
        const now = reference.getText();
        assert.deepEqual(
          changedLines(read, edited, edited.untouched),
          changedLines(read, now),
          `run ${run} v${version}`,
        );
        compared++;
        // Read as a string would be, at random places.
        for (let i = 0; i < 10; i++) {
          const a = random(now.length + 6) - 3;
          const b = random(now.length + 6) - 3;
          assert.equal(edited.charAt(a), now.charAt(a));
          assert.ok(Object.is(edited.charCodeAt(a), now.charCodeAt(a)));
          assert.equal(edited.slice(a, b), now.slice(a, b));
          assert.equal(edited.slice(a), now.slice(a));
          for (const search of ['\n', '{', 'key', ''])
            assert.equal(edited.indexOf(search, a), now.indexOf(search, a), `indexOf(${JSON.stringify(search)}, ${a})`);
          for (const search of ['\n', '}', 'value', ''])
            assert.equal(
              edited.lastIndexOf(search, a),
              now.lastIndexOf(search, a),
              `lastIndexOf(${JSON.stringify(search)}, ${a})`,
            );
        }
        // Now and then the server reads the text whole: edits are counted from it after.
        if (random(5) === 0) {
          read = mine.readText();
          assert.equal(read, now);
          assert.equal(changedLines(read, mine.sinceRead(), mine.sinceRead().untouched), undefined);
        }
      }
    }
    assert.equal(compared, 1200);
  });

  test('typing into a large text keeps it in pieces: the text is made whole only when read whole', () => {
    const base = 'accounts {\n' + '  A { users: [ { user: a, password: b } ] }\n'.repeat(2000) + '}\n';
    const mine = EditorDocument.create('file:///big.conf', 'nats-conf', 0, base);
    const read = mine.readText();
    assert.equal(read, base);
    let expected = base;
    const at = base.indexOf('password: b', 50_000) + 'password: '.length;
    for (let i = 0; i < 50; i++) {
      const position = mine.positionAt(at + i);
      EditorDocument.update(mine, [{ range: { start: position, end: position }, text: 'x' }], i + 1);
      expected = expected.slice(0, at + i) + 'x' + expected.slice(at + i);
    }
    const edited = mine.sinceRead();
    assert.equal(edited.from, read, 'still counted from the text read');
    assert.deepEqual(edited.untouched, { start: at, end: base.length - at });
    const change = changedLines(read, edited, edited.untouched)!;
    assert.equal(edited.slice(change.start, change.newEnd), expected.slice(change.start, change.newEnd));
    assert.equal(mine.getText(), expected);
  });
});
