// An open document as the editor sends it, edit by edit, kept as pieces of text rather than one
// string. The usual editor document splices each edit into its text, and V8 then copies the whole
// text: 3.6 MB on every keystroke in a large config, most of the server's work while someone types
// and most of its garbage. Here an edit costs only the pieces around it; the text is made whole
// when something reads it whole (a check), once per version. Answers from the last reading
// (completion, hover) read the pieces a stretch at a time, with the edits since that reading.

import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { EditedText, TextLike, Untouched } from '../service';
import { lastAtOrBefore } from '../service/shared/sortedSearch';

const LF = 0x0a;
const CR = 0x0d;

/** A text as pieces in order: slices of an earlier text and the texts of edits, never joined to be read. */
class PieceText implements TextLike {
  /** The piece last read: reading runs forward, so the next read is mostly in it. */
  private last = 0;

  constructor(
    readonly pieces: readonly string[],
    /** Where each piece starts in the text. */
    readonly starts: readonly number[],
    readonly length: number,
  ) {}

  /** The index of the piece holding `offset` (0 ≤ offset < length). */
  private pieceAt(offset: number): number {
    const { starts, pieces } = this;
    const last = this.last;
    if (starts[last] <= offset && offset < starts[last] + pieces[last].length) return last;
    // No piece is empty (but an empty text's, never read): the last one starting at or before it holds it.
    return (this.last = lastAtOrBefore(starts, offset));
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const k = this.pieceAt(index);
    return this.pieces[k].charCodeAt(index - this.starts[k]);
  }

  charAt(index: number): string {
    if (!(index >= 0 && index < this.length)) return '';
    const k = this.pieceAt(index);
    return this.pieces[k].charAt(index - this.starts[k]);
  }

  slice(start = 0, end = this.length): string {
    const from = clampIndex(start, this.length);
    const to = clampIndex(end, this.length);
    if (from >= to) return '';
    const parts: string[] = [];
    for (let k = this.pieceAt(from); k < this.pieces.length && this.starts[k] < to; k++) {
      const at = this.starts[k];
      parts.push(this.pieces[k].slice(Math.max(0, from - at), to - at));
    }
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  indexOf(search: string, from = 0): number {
    const start = Math.min(Math.max(Math.trunc(from) || 0, 0), this.length);
    if (search.length !== 1) {
      const found = this.slice(start).indexOf(search);
      return found < 0 ? -1 : start + found;
    }
    if (start >= this.length) return -1;
    for (let k = this.pieceAt(start); k < this.pieces.length; k++) {
      const at = this.starts[k];
      const found = this.pieces[k].indexOf(search, Math.max(0, start - at));
      if (found >= 0) return at + found;
    }
    return -1;
  }

  lastIndexOf(search: string, from = Infinity): number {
    const at = Math.max(Number.isNaN(from) ? Infinity : Math.trunc(from), 0);
    if (search.length === 0) return Math.min(at, this.length);
    if (this.length === 0) return -1;
    const start = Math.min(at, this.length - 1);
    if (search.length !== 1) return this.slice(0, start + search.length).lastIndexOf(search, start);
    for (let k = this.pieceAt(start); k >= 0; k--) {
      const at = this.starts[k];
      const found = this.pieces[k].lastIndexOf(search, start - at);
      if (found >= 0) return at + found;
    }
    return -1;
  }

  /** This text with `start`..`end` replaced by `text`: the pieces around are sliced, not copied. */
  replaced(start: number, end: number, text: string): PieceText {
    const { pieces, starts } = this;
    if (this.length === 0) return PieceText.of(text);
    const first = start < this.length ? this.pieceAt(start) : pieces.length - 1;
    const last = end < this.length ? this.pieceAt(end) : pieces.length - 1;
    const head = pieces[first].slice(0, start - starts[first]);
    const tail = pieces[last].slice(end - starts[last]);
    const nextPieces = pieces.slice(0, first);
    const nextStarts = starts.slice(0, first);
    let at = starts[first];
    const add = (piece: string) => {
      if (piece.length === 0) return;
      nextPieces.push(piece);
      nextStarts.push(at);
      at += piece.length;
    };
    add(head);
    add(text);
    add(tail);
    for (let k = last + 1; k < pieces.length; k++) add(pieces[k]);
    if (nextPieces.length === 0) return PieceText.of('');
    return new PieceText(nextPieces, nextStarts, at);
  }

  static of(text: string): PieceText {
    return new PieceText([text], [0], text.length);
  }
}

/** A version of a document as edits to the text last read made it (what `DocumentRef.edited` holds). */
class EditedPieceText extends PieceText implements EditedText {
  constructor(
    text: PieceText,
    readonly from: string,
    readonly untouched: Untouched,
  ) {
    super(text.pieces, text.starts, text.length);
  }
}

/** An index as String.prototype.slice takes it: negative from the end, then within 0..length. */
function clampIndex(index: number, length: number): number {
  const i = Math.trunc(index) || 0;
  return i < 0 ? Math.max(length + i, 0) : Math.min(i, length);
}

function isEndOfLine(c: number): boolean {
  return c === LF || c === CR;
}

/** Where lines start in `text` (after \n, \r or \r\n), each shifted by `offset`. */
function lineStartsIn(text: string, offset: number, first: number[] = []): number[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isEndOfLine(c)) continue;
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    first.push(offset + i + 1);
  }
  return first;
}

/** The document of an open file, as the editor's edits made it (see the header). */
export class EditorDocument implements TextDocument {
  private text: PieceText;
  /** The text at this version, once made whole. */
  private whole: string | undefined;
  /** Where each line starts; undefined until asked, or after an edit joined a \r and a \n. */
  private lineStarts: number[] | undefined;
  /** The text last handed over to be read (`readText`), and what no edit since touched at its ends. */
  private readFrom: string;
  private untouched: Untouched = { start: Infinity, end: Infinity };
  /** The edits since `readFrom`, as the service takes them, made once per version. */
  private edited: EditedText | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.text = PieceText.of(content);
    this.whole = content;
    this.readFrom = content;
  }

  /** For TextDocuments: a new document. */
  static create(uri: string, languageId: string, version: number, content: string): EditorDocument {
    return new EditorDocument(uri, languageId, version, content);
  }

  /** For TextDocuments: the document with the editor's changes applied, in order. */
  static update(document: EditorDocument, changes: TextDocumentContentChangeEvent[], version: number): EditorDocument {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const range = wellFormed(change.range);
        document.replace(document.offsetAt(range.start), document.offsetAt(range.end), change.text);
      } else document.replace(0, document.length, change.text);
    }
    document.version = version;
    return document;
  }

  get length(): number {
    return this.text.length;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      // As a string's substring: a range given end first reads the same.
      if (this.whole !== undefined) return this.whole.substring(start, end);
      return this.text.slice(Math.min(start, end), Math.max(start, end));
    }
    if (this.whole === undefined) {
      const { pieces } = this.text;
      this.whole = pieces.length === 1 ? pieces[0] : pieces.join('');
      this.text = PieceText.of(this.whole);
    }
    return this.whole;
  }

  /** The whole text, handed over to be read: later edits are counted from it (see `sinceRead`). */
  readText(): string {
    const text = this.getText();
    this.readFrom = text;
    this.untouched = { start: Infinity, end: Infinity };
    this.edited = undefined;
    return text;
  }

  /** The text as the edits since the last `readText` made it, read without making it whole. */
  sinceRead(): EditedText {
    return (this.edited ??= new EditedPieceText(this.text, this.readFrom, { ...this.untouched }));
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.length), 0);
    const starts = this.lines();
    const line = lastAtOrBefore(starts, at);
    return { line, character: this.beforeEndOfLine(at, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lines();
    if (position.line >= starts.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    return this.beforeEndOfLine(Math.min(lineStart + position.character, this.nextLineStart(position.line)), lineStart);
  }

  /** The line without its line break (the last line for a line past it), as the editor library gives it. */
  getLineRange(line: number): Range {
    const starts = this.lines();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= starts.length) {
      const lastLine = starts.length - 1;
      return {
        start: { line: lastLine, character: 0 },
        end: { line: lastLine, character: this.length - starts[lastLine] },
      };
    }
    const end = this.beforeEndOfLine(this.nextLineStart(line), starts[line]);
    return { start: { line, character: 0 }, end: { line, character: end - starts[line] } };
  }

  /** The line break ending `line`: \n, \r\n, \r, or nothing on the last line. */
  getEOLCharacters(line: number): string {
    const starts = this.lines();
    if (line < 0 || line >= starts.length) return '';
    const next = this.nextLineStart(line);
    return this.text.slice(this.beforeEndOfLine(next, starts[line]), next);
  }

  /** Where the line after `line` starts (the text's end after the last line). */
  private nextLineStart(line: number): number {
    const starts = this.lines();
    return line + 1 < starts.length ? starts[line + 1] : this.length;
  }

  /** An offset on a line's end of line moved back to before it (a position never points inside one). */
  private beforeEndOfLine(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isEndOfLine(this.text.charCodeAt(at - 1))) at--;
    return at;
  }

  private lines(): number[] {
    return (this.lineStarts ??= lineStartsIn(this.getText(), 0, [0]));
  }

  private replace(start: number, end: number, text: string): void {
    const before = this.text;
    this.untouched = {
      start: Math.min(this.untouched.start, start),
      end: Math.min(this.untouched.end, before.length - end),
    };
    const starts = this.lineStarts;
    this.text = before.replaced(start, end, text);
    this.whole = this.text.pieces.length === 1 ? this.text.pieces[0] : undefined;
    this.edited = undefined;
    if (!starts) return;
    // A \r and a \n brought together are one line break: the lines are counted again when next asked.
    const insertedEnd = start + text.length;
    const now = this.text;
    if (
      (now.charCodeAt(start - 1) === CR && now.charCodeAt(start) === LF) ||
      (now.charCodeAt(insertedEnd - 1) === CR && now.charCodeAt(insertedEnd) === LF)
    ) {
      this.lineStarts = undefined;
      return;
    }
    // The line starts in start+1..end go, those of the text put in come, and the rest move.
    const first = lastAtOrBefore(starts, start) + 1;
    const last = lastAtOrBefore(starts, end) + 1;
    const added = lineStartsIn(text, start);
    if (added.length < 10_000) starts.splice(first, last - first, ...added);
    else this.lineStarts = [...starts.slice(0, first), ...added, ...starts.slice(last)];
    const moved = this.lineStarts ?? starts;
    const delta = text.length - (end - start);
    if (delta !== 0) for (let i = first + added.length; i < moved.length; i++) moved[i] += delta;
  }
}

/** A range with its start before its end, as an editor may send it either way. */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character))
    return { start: end, end: start };
  return range;
}

/** The whole text of a document handed over to be read, and, for an editor document, edits counted from it. */
export function readText(doc: TextDocument): string {
  return doc instanceof EditorDocument ? doc.readText() : doc.getText();
}

/** An editor document's edits since its text was last read (see `DocumentRef.edited`); none for another document. */
export function editsSinceRead(doc: TextDocument): EditedText | undefined {
  return doc instanceof EditorDocument ? doc.sinceRead() : undefined;
}

/** The length of a document's text, without making it whole. */
export function textLength(doc: TextDocument): number {
  return doc instanceof EditorDocument ? doc.length : doc.getText().length;
}
