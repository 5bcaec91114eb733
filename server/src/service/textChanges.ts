// What changed between two versions of a text, and whether the change can have moved the
// structure around it. While someone types in a large file, completion and hover answer from
// the last reading of it: offsets outside the changed lines are mapped across, and the changed
// lines are read on their own where their brackets, strings and comments are as before.

/** The changed lines of a new text against an older one: offsets in each, whole lines. */
export interface ChangedLines {
  /** Where the first changed line starts (the same in both texts). */
  start: number;
  /** Where the changed lines end in the old text (before its newline, or at its end). */
  oldEnd: number;
  /** Where they end in the new text. */
  newEnd: number;
}

/**
 * A text read a character or a stretch at a time: a string, or an editor's document kept as the
 * edits made to it, which reading this way never makes whole (a 3.6 MB copy on every keystroke).
 */
export interface TextLike {
  readonly length: number;
  charAt(index: number): string;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
}

/** How many characters at the start and at the end of a text no edit touched. */
export interface Untouched {
  start: number;
  end: number;
}

/** A text as an editor has it after edits to an earlier one (see `DocumentRef.edited`). */
export interface EditedText extends TextLike {
  /** The text the edits were made to. */
  readonly from: string;
  readonly untouched: Untouched;
}

/** Compared in slices first: an equality test of two slices runs natively, far faster than char by char. */
const SLICE = 4096;

function commonPrefix(a: string, b: TextLike, n: number, from: number): number {
  let i = from;
  while (i + SLICE <= n && a.slice(i, i + SLICE) === b.slice(i, i + SLICE)) i += SLICE;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: TextLike, limit: number, from: number): number {
  let i = from;
  while (
    i + SLICE <= limit &&
    a.slice(a.length - i - SLICE, a.length - i) === b.slice(b.length - i - SLICE, b.length - i)
  )
    i += SLICE;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * The lines that differ (undefined: the texts are equal). `untouched`, when the new text is the old
 * one edited: what no edit touched, which need not be compared.
 */
export function changedLines(
  oldText: string,
  newText: string | TextLike,
  untouched?: Untouched,
): ChangedLines | undefined {
  if (oldText === newText) return undefined;
  const n = Math.min(oldText.length, newText.length);
  const prefix = commonPrefix(oldText, newText, n, Math.min(untouched?.start ?? 0, n));
  if (prefix === n && oldText.length === newText.length) return undefined;
  const limit = n - prefix;
  const suffix = commonSuffix(oldText, newText, limit, Math.min(untouched?.end ?? 0, limit));
  const start = prefix === 0 ? 0 : oldText.lastIndexOf('\n', prefix - 1) + 1;
  const nl = oldText.indexOf('\n', oldText.length - suffix);
  const oldEnd = nl < 0 ? oldText.length : nl;
  // The suffix is common, so the distance to the end of the line is the same in both texts.
  return { start, oldEnd, newEnd: newText.length - (oldText.length - oldEnd) };
}

/** A new offset outside the changed lines, in the old text (undefined: inside them). */
export function toOldOffset(change: ChangedLines, offset: number): number | undefined {
  if (offset < change.start) return offset;
  if (offset > change.newEnd) return offset - change.newEnd + change.oldEnd;
  return undefined;
}

/** An old offset outside the changed lines, in the new text (undefined: inside them). */
export function toNewOffset(change: ChangedLines, offset: number): number | undefined {
  if (offset < change.start) return offset;
  if (offset > change.oldEnd) return offset - change.oldEnd + change.newEnd;
  return undefined;
}

/** The brackets of a stretch of config text outside strings and comments, and how it ends. */
interface Brackets {
  chars: string;
  /** The stretch ends inside a string or comment ('"', "'", '#'), or not (''). */
  open: string;
}

/**
 * Two stretches with the same brackets (outside strings and comments, in order) that end the
 * same way nest the same: the blocks around and after them are the ones a reading of either found.
 */
function brackets(text: TextLike, from: number, to: number): Brackets {
  const found: Brackets = { chars: '', open: '' };
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      // A quoted string: up to its closing quote (a backslash escapes in double quotes), which may be lines away.
      let j = i + 1;
      while (j < to && text.charCodeAt(j) !== c) j += c === 0x22 && text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (j >= to) return { ...found, open: text.charAt(i) };
      i = j + 1;
    } else if (c === 0x23 || (c === 0x2f && text.charCodeAt(i + 1) === 0x2f)) {
      // A comment: to the end of its line.
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      if (end > to) return { ...found, open: '#' };
      i = end;
    } else {
      if (c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29) {
        found.chars += text.charAt(i);
      }
      i++;
    }
  }
  return found;
}

/** Whether the changed lines nest exactly as before. */
export function sameNesting(change: ChangedLines, oldText: string, newText: TextLike): boolean {
  const before = brackets(oldText, change.start, change.oldEnd);
  const after = brackets(newText, change.start, change.newEnd);
  return before.chars === after.chars && before.open === after.open;
}
