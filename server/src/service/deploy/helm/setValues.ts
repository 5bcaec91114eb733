// The values of `helm install --set a.b=c,d[0].e={x,y}` as Helm's own parser (strvals) reads
// them: `.` nests, `[n]` indexes a list, `\` takes the next character literally, `,` separates
// assignments, `{x,y}` is a list; `--set` types `true`/`false`/`null` and integers (not floats),
// `--set-string` keeps text, `--set-json` reads JSON, `--set-file` names a file, `--set-literal`
// takes the rest of the word as the value. Each key and value keeps where it is written.

import type { Span } from '../../tree';
import type { KeyStep } from './chartKeys';

/** A shell word as the shell hands it to helm, with the source offset of each character. */
export interface Word {
  text: string;
  at: number[];
}

/** A value's shape, as the chart's templates will see it. */
export type ValueShape =
  | { kind: 'null' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'integer'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'list' }
  | { kind: 'map' };

interface Assignment {
  steps: KeyStep[];
  /** The key as written (`a\.b[0].c`). */
  keySpan: Span;
  value: ValueShape;
  valueSpan: Span;
}

export type SetFlag = '--set' | '--set-string' | '--set-json' | '--set-file' | '--set-literal';

const spanOfChars = (word: Word, from: number, to: number): Span =>
  to > from
    ? { start: word.at[from], end: word.at[to - 1] + 1 }
    : { start: word.at[from] ?? 0, end: word.at[from] ?? 0 };

/** Helm's typing of a `--set` value. */
export function typedValue(text: string, asString: boolean): ValueShape {
  if (asString) return { kind: 'string', text };
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true' };
  if (lower === 'null') return { kind: 'null' };
  // strconv.ParseInt, for text not starting with 0 (but `0` itself).
  if (text === '0' || (/^[+-]?[1-9]\d*$/.test(text) && Math.abs(Number(text)) <= 2 ** 63))
    return { kind: 'integer', text };
  return { kind: 'string', text };
}

function shapeOfJson(v: unknown): ValueShape {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'integer' : 'number', text: String(v) };
  if (typeof v === 'string') return { kind: 'string', text: v };
  return Array.isArray(v) ? { kind: 'list' } : { kind: 'map' };
}

/** The end of a JSON value starting at `i` (strings, nesting), or -1. */
function jsonEnd(text: string, i: number): number {
  let depth = 0;
  let quoted = false;
  for (let p = i; p < text.length; p++) {
    const c = text[p];
    if (quoted) {
      if (c === '\\') p++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) return p;
  }
  return depth === 0 && !quoted ? text.length : -1;
}

/**
 * The assignments of one flag's argument. What Helm would refuse (`a.=b`, a key without a value)
 * ends the reading: the assignments before it are kept.
 */
export function parseSetArgument(flag: SetFlag, word: Word): Assignment[] {
  const { text } = word;
  const out: Assignment[] = [];
  let i = 0;
  while (i < text.length) {
    const keyStart = i;
    const steps: KeyStep[] = [];
    let name = '';
    let stop = '';
    // The key: steps up to `=`.
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        name += text[++i];
        continue;
      }
      if (c === '.' || c === '=' || c === '[' || c === ',') {
        if (c === '[') {
          if (name) steps.push(name);
          name = '';
          const close = text.indexOf(']', i);
          const index = close < 0 ? NaN : Number(text.slice(i + 1, close));
          if (!Number.isInteger(index) || index < 0) return out;
          steps.push(index);
          i = close;
          if (text[i + 1] === '.') i++;
          continue;
        }
        if (c === '.') {
          if (!name) return out;
          steps.push(name);
          name = '';
          continue;
        }
        stop = c;
        break;
      }
      name += c;
    }
    if (name) steps.push(name);
    if (stop !== '=' || steps.length === 0) return out;
    const keySpan = spanOfChars(word, keyStart, i);
    i++; // the `=`
    const valueStart = i;
    let value: ValueShape;
    if (flag === '--set-literal') {
      value = { kind: 'string', text: text.slice(i) };
      i = text.length;
    } else if (flag === '--set-json') {
      const end = jsonEnd(text, i);
      if (end < 0) return out;
      try {
        value = shapeOfJson(JSON.parse(text.slice(i, end)));
      } catch {
        return out;
      }
      i = end;
    } else if (text[i] === '{' && flag !== '--set-file') {
      const close = text.indexOf('}', i);
      if (close < 0) return out;
      value = { kind: 'list' };
      i = close + 1;
    } else {
      let v = '';
      for (; i < text.length && text[i] !== ','; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i];
      }
      value = flag === '--set-file' ? { kind: 'string', text: v } : typedValue(v, flag === '--set-string');
    }
    out.push({ steps, keySpan, value, valueSpan: spanOfChars(word, valueStart, i) });
    if (text[i] === ',') i++;
  }
  return out;
}
