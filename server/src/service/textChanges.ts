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

/** Compared in slices first: an equality test of two slices runs natively, far faster than char by char. */
const SLICE = 4096;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + SLICE <= n && a.slice(i, i + SLICE) === b.slice(i, i + SLICE)) i += SLICE;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (
    i + SLICE <= limit &&
    a.slice(a.length - i - SLICE, a.length - i) === b.slice(b.length - i - SLICE, b.length - i)
  )
    i += SLICE;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The lines that differ (undefined: the texts are equal). */
export function changedLines(oldText: string, newText: string): ChangedLines | undefined {
  if (oldText === newText) return undefined;
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - prefix);
  const start = oldText.lastIndexOf('\n', prefix - 1) + 1;
  // The suffix is common, so the distance to the end of the line is the same in both texts.
  const lineEnd = (text: string, from: number) => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl;
  };
  return {
    start,
    oldEnd: lineEnd(oldText, oldText.length - suffix),
    newEnd: lineEnd(newText, newText.length - suffix),
  };
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
function brackets(text: string, from: number, to: number): Brackets {
  const found: Brackets = { chars: '', open: '' };
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      // A quoted string: up to its closing quote (a backslash escapes in double quotes), which may be lines away.
      let j = i + 1;
      while (j < to && text.charCodeAt(j) !== c) j += c === 0x22 && text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (j >= to) return { ...found, open: text[i] };
      i = j + 1;
    } else if (c === 0x23 || (c === 0x2f && text.charCodeAt(i + 1) === 0x2f)) {
      // A comment: to the end of its line.
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      if (end > to) return { ...found, open: '#' };
      i = end;
    } else {
      if (c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29) {
        found.chars += text[i];
      }
      i++;
    }
  }
  return found;
}

/** Whether the changed lines nest exactly as before. */
export function sameNesting(change: ChangedLines, oldText: string, newText: string): boolean {
  const before = brackets(oldText, change.start, change.oldEnd);
  const after = brackets(newText, change.start, change.newEnd);
  return before.chars === after.chars && before.open === after.open;
}
