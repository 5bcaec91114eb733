// Text held in a YAML scalar (a NATS config under `nats.conf: |`, a `command: >` of flags), with
// the way back from each of its characters to where that character is written in the YAML file:
// findings in the embedded text are reported at their YAML line and column, whatever the style
// (literal `|`, folded `>`, plain, 'single' or "double" quoted with escapes).

import { isScalar, type Node } from 'yaml';
import type { Span } from '../tree';
import { lastAtOrBefore } from '../shared/sortedSearch';

export interface EmbeddedText {
  /** The scalar's value, as the YAML reader gives it. */
  text: string;
  /** The YAML offset of the embedded text's offset `i` (0 ≤ i ≤ text.length). */
  toSource(i: number): number;
  /** The embedded offset written at YAML offset `offset`, or undefined outside the scalar's text. */
  fromSource(offset: number): number | undefined;
  /** Where the scalar is written. */
  span: Span;
}

/** YAML's double-quoted escapes of one character after the backslash. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

/** A double-quoted escape at `p` (source[p] is the backslash): its length and what it stands for. */
function escapeAt(source: string, p: number): { length: number; text: string } {
  const c = source[p + 1];
  if (c === undefined) return { length: 1, text: '' };
  if (c === '\n' || c === '\r') {
    // A line continuation: the break and the next line's indentation vanish.
    let q = p + 1;
    if (source[q] === '\r' && source[q + 1] === '\n') q++;
    q++;
    while (source[q] === ' ' || source[q] === '\t') q++;
    return { length: q - p, text: '' };
  }
  const hex = { x: 2, u: 4, U: 8 }[c as 'x' | 'u' | 'U'];
  if (hex) {
    const code = parseInt(source.slice(p + 2, p + 2 + hex), 16);
    return { length: 2 + hex, text: Number.isNaN(code) ? '' : String.fromCodePoint(code) };
  }
  return { length: 2, text: ESCAPES[c] ?? c };
}

/**
 * The scalar's text with its offsets in `source`. Each character of the value is matched, in order,
 * to the next place in the source that writes it: indentation, quotes, folded line breaks and
 * escapes are stepped over, so every character that is not white space maps to where it stands.
 */
export function embeddedText(node: Node, source: string): EmbeddedText | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const text = node.value === null || node.value === undefined ? '' : String(node.value);
  const [start, end] = node.range;
  const style = node.type;
  let p = start;
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    // The header (`|`, `>-`, `|2`, a comment) ends at the first line break.
    const nl = source.indexOf('\n', start);
    p = nl < 0 || nl >= end ? end : nl + 1;
  } else if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') p = start + 1;
  const offsets = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let placed = false;
    while (p < end && !placed) {
      const s = source[p];
      if (style === 'QUOTE_DOUBLE' && s === '\\') {
        const esc = escapeAt(source, p);
        if (esc.text === '') {
          p += esc.length;
          continue;
        }
        if (esc.text[0] === c) {
          // A character outside the BMP is two UTF-16 units from one escape.
          offsets[i] = p;
          if (esc.text.length === 2 && i + 1 < text.length) offsets[++i] = p;
          p += esc.length;
          placed = true;
          continue;
        }
        p += esc.length;
        continue;
      }
      if (style === 'QUOTE_SINGLE' && s === "'" && source[p + 1] === "'" && c === "'") {
        offsets[i] = p;
        p += 2;
        placed = true;
        continue;
      }
      // A folded line break stands for a space; CRLF for one line feed.
      if (s === c || ((c === ' ' || c === '\n') && (s === '\n' || s === '\r'))) {
        offsets[i] = p;
        p += s === '\r' && source[p + 1] === '\n' && c === '\n' ? 2 : 1;
        placed = true;
        continue;
      }
      p++;
    }
    if (!placed) offsets[i] = Math.min(p, end);
  }
  offsets[text.length] = Math.min(p, end);
  const toSource = (i: number) => offsets[Math.max(0, Math.min(text.length, Math.floor(i)))];
  const fromSource = (offset: number): number | undefined => {
    if (offset < start || offset > end) return undefined;
    // The last embedded character written at or before `offset`.
    const lo = lastAtOrBefore(offsets, offset);
    return lo >= 0 ? lo + (offsets[lo] < offset && lo < text.length ? 1 : 0) : undefined;
  };
  return { text, toSource, fromSource, span: { start, end } };
}
