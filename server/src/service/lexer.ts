// The tokenizer. nats-server's grammar lives in its lexer: whether `]`, `;` or `#` ends
// a value, what a digit-first word becomes, where a key may start, all depend on the
// state it is in. This scanner follows the same states (conf/lex.go is the authority;
// reference §1) so that every value reads exactly as nats-server reads it, including
// the traps. It never throws and always ends: after an error it records it, skips to a
// point where reading can resume (end of line, a separator, or the container's closer),
// and goes on, so the parser still gets the rest of the file.

import { SyntaxRules } from './versions';
import { Span, StringQuote } from './tree';
import type { FindingCode } from './findingCodes';

export type TokenKind =
  | 'key'
  | 'keySeparator'
  | 'string'
  | 'bool'
  | 'integer'
  | 'float'
  | 'datetime'
  | 'variable'
  | 'include'
  | 'mapStart'
  | 'mapEnd'
  | 'arrayStart'
  | 'arrayEnd'
  | 'comment';

export interface Token extends Span {
  kind: TokenKind;
  /**
   * key/string/include: the text without quotes, escapes applied; variable: the name;
   * comment: the text after the marker; others: the raw text.
   */
  value: string;
  /** Strings and keys: how the text was quoted. */
  quote?: StringQuote;
  /** include: the span of the path without quotes. */
  pathSpan?: Span;
}

/** A place where nats-server stops reading the file, or a reading it gets wrong. */
export interface LexProblem {
  span: Span;
  message: string;
  code: FindingCode;
  /** Where the construct in trouble began (an unterminated string's quote). */
  opened?: Span;
  /** false: nats-server reads it without complaint, but not as the author meant. */
  fatal: boolean;
}

interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
}

/** Token kinds as the buffer stores them (one byte a token), in the order of KINDS. */
export const enum Tk {
  Key,
  KeySeparator,
  String,
  Bool,
  Integer,
  Float,
  DateTime,
  Variable,
  Include,
  MapStart,
  MapEnd,
  ArrayStart,
  ArrayEnd,
  Comment,
}

const KINDS: readonly TokenKind[] = [
  'key',
  'keySeparator',
  'string',
  'bool',
  'integer',
  'float',
  'datetime',
  'variable',
  'include',
  'mapStart',
  'mapEnd',
  'arrayStart',
  'arrayEnd',
  'comment',
];

/** Quotes as the buffer stores them: 0 for a token that has none (neither key nor string). */
const QUOTES: readonly (StringQuote | undefined)[] = [undefined, 'none', 'double', 'single', 'block'];
const enum Q {
  Unset,
  None,
  Double,
  Single,
  Block,
}

/**
 * Tokens not yet handed over, as columns rather than an object each: a large file has millions of
 * tokens, and the parser copies what it keeps (keys into entries, values into nodes) anyway.
 */
export class TokenBuffer {
  length = 0;
  kind = new Uint8Array(BATCH * 2);
  start = new Int32Array(BATCH * 2);
  end = new Int32Array(BATCH * 2);
  quoteCode = new Uint8Array(BATCH * 2);
  value: string[] = [];
  /** include: the span of the path without quotes; only read for includes (stale for other kinds). */
  pathSpan: (Span | undefined)[] = [];

  push(kind: Tk, value: string, start: number, end: number, quote: Q): void {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.quoteCode[i] = quote;
    this.value[i] = value;
    this.length = i + 1;
  }

  pushInclude(path: string, start: number, end: number, quote: Q, pathSpan: Span): void {
    this.push(Tk.Include, path, start, end, quote);
    this.pathSpan[this.length - 1] = pathSpan;
  }

  quote(i: number): StringQuote | undefined {
    return QUOTES[this.quoteCode[i]];
  }

  /** Forgets the first `count` tokens (they were handed over). */
  drop(count: number): void {
    const rest = this.length - count;
    if (rest > 0) {
      this.kind.copyWithin(0, count, this.length);
      this.start.copyWithin(0, count, this.length);
      this.end.copyWithin(0, count, this.length);
      this.quoteCode.copyWithin(0, count, this.length);
      // A loop: copyWithin on plain arrays is slow, and few tokens remain.
      const { value, pathSpan } = this;
      for (let j = 0; j < rest; j++) {
        value[j] = value[count + j];
        pathSpan[j] = pathSpan[count + j];
      }
    }
    // The columns keep their size (shrinking the arrays would only have them grow again); the
    // strings left beyond `length` are overwritten by the next batch.
    this.length = Math.max(0, rest);
  }

  /** Token `i` as an object (for callers of `tokenize`). */
  token(i: number): Token {
    return {
      kind: KINDS[this.kind[i]],
      value: this.value[i],
      start: this.start[i],
      end: this.end[i],
      quote: this.quote(i),
      pathSpan: this.kind[i] === Tk.Include ? this.pathSpan[i] : undefined,
    };
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const start = new Int32Array(n);
    start.set(this.start);
    this.start = start;
    const end = new Int32Array(n);
    end.set(this.end);
    this.end = end;
    const quoteCode = new Uint8Array(n);
    quoteCode.set(this.quoteCode);
    this.quoteCode = quoteCode;
  }
}

const EOF = 0; // nats-server reads a NUL character as the end of input, too.
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DQ = 0x22;
const HASH = 0x23;
const DOLLAR = 0x24;
const SQ = 0x27;
const LPAREN = 0x28;
const RPAREN = 0x29;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMI = 0x3b;
const EQUALS = 0x3d;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

const enum Mode {
  Top,
  TopValueEnd,
  BlockStart,
  BlockValueEnd,
  BlockEnd,
  MapKeyStart,
  MapValueEnd,
  ArrayValue,
  ArrayValueEnd,
  Value,
  Done,
  Failed,
}

type ContainerKind = 'top' | 'block' | 'map' | 'array';

interface Container {
  kind: ContainerKind;
  /** Length of the return stack when the container opened. */
  depth: number;
  body: Mode;
  /** Offset of its `{` or `[`. */
  opened: number;
}

/** Saved reading state, to read a stretch again as the author meant once an error shows they meant it otherwise. */
interface Snapshot {
  /** Where reading resumes. */
  offset: number;
  mode: Mode;
  stack: Mode[];
  containers: Container[];
  tokenCount: number;
  /** Added to the message of the error that triggers the replay. */
  hint?: string;
}

/** Go's unicode.IsSpace. */
function isUnicodeSpace(r: number): boolean {
  if (r <= 0xff) return r === SPACE || (r >= TAB && r <= CR) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

const ND = /^\p{Nd}$/u;
/** Go's unicode.IsDigit: any decimal digit, not only ASCII. */
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return ND.test(String.fromCodePoint(r));
}

function isBlank(r: number): boolean {
  return r === SPACE || r === TAB;
}
function isNewline(r: number): boolean {
  return r === LF || r === CR;
}
function isKeySeparator(r: number): boolean {
  return r === COLON || r === EQUALS;
}
function isSizeSuffix(r: number): boolean {
  switch (r | 0x20) {
    case 0x6b: // k
    case 0x6d: // m
    case 0x67: // g
    case 0x74: // t
    case 0x70: // p
    case 0x65: // e
      return true;
  }
  return false;
}
function isHex(r: number): boolean {
  return (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x66);
}
/** Ends a number (but not `]`: see the quirk in lexNumber). */
function endsNumber(r: number): boolean {
  return isNewline(r) || r === EOF || r === RBRACE || r === SEMI || r === COMMA || isBlank(r);
}

const BOOLEANS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

/**
 * Reads the whole text. With `sink`, tokens are handed over in order, in batches, as
 * soon as no recovery can take them back (so a large file never holds all its tokens
 * at once), and the result's `tokens` is empty.
 */
export function tokenize(text: string, rules: SyntaxRules, sink?: (batch: readonly Token[]) => void): LexResult {
  const all: Token[] = [];
  const problems = scan(text, rules, (buffer, count) => {
    const batch: Token[] = [];
    for (let i = 0; i < count; i++) batch.push(buffer.token(i));
    if (sink) sink(batch);
    else for (const t of batch) all.push(t);
  });
  return { tokens: all, problems };
}

/**
 * Reads the whole text, handing the tokens over in order, in batches: the first `count` tokens of
 * `buffer`, valid until `sink` returns. Returns the problems found.
 */
export function scan(
  text: string,
  rules: SyntaxRules,
  sink: (buffer: TokenBuffer, count: number) => void,
): LexProblem[] {
  return new Lexer(text, rules, sink, 0, text.length).run(Mode.Top);
}

/**
 * Reads the one map or array value whose opening bracket is at `start`, as nats-server reads it there
 * (inside a map or an array, the value's reading does not depend on what holds it), and stops after
 * its closing bracket. The text from `end` on is not read: it counts as the end of input.
 */
export function scanValue(
  text: string,
  rules: SyntaxRules,
  start: number,
  end: number,
  sink: (buffer: TokenBuffer, count: number) => void,
): LexProblem[] {
  return new Lexer(text, rules, sink, start, end).run(Mode.Value, Mode.Done);
}

/** Slots of the table of short texts shared between tokens (a power of two). */
const INTERN_SLOTS = 4096;
/** Texts longer than this are sliced afresh: long values rarely repeat. */
const INTERN_MAX = 32;

/** Tokens kept back before handing a batch over. */
const BATCH = 2048;

class Lexer {
  private pos = 0;
  private width = 0;
  /** Start of the text the current token has not yet emitted. */
  private start = 0;
  /** Where the current token began (quotes and escapes included). */
  private tokenStart = 0;
  /** Text already decoded from escapes in the current string. */
  private parts = '';
  private readonly stack: Mode[] = [];
  /**
   * The open containers, `containerCount` of them, the innermost last; the objects beyond are kept
   * for reuse (a large file opens hundreds of thousands of maps and arrays).
   */
  private readonly containers: Container[] = [{ kind: 'top', depth: 0, body: Mode.Top, opened: 0 }];
  private containerCount = 1;
  /** Tokens not yet handed to the sink (recovery may still take some back). */
  private readonly tokens = new TokenBuffer();
  private nextFlush = BATCH;
  private readonly problems: LexProblem[] = [];
  private readonly len: number;
  private pendingQuirk: Snapshot | undefined;
  /** Set while a map value that began on a line after its key is being read (its line and the next stay unflushed). */
  private pendingValue: Snapshot | undefined;
  /** The last key emitted (its text and offset), for messages about its value. */
  private lastKey: string | undefined;
  private lastKeyStart = 0;
  private readonly quirkFixes = new Set<number>();
  private lastRecovery = -1;
  /** Recent short texts by a hash of their characters: keys and values repeat by the thousand in large files. */
  private readonly interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);
  private errorConsumedNewline = false;

  constructor(
    private readonly text: string,
    private readonly rules: SyntaxRules,
    private readonly sink: (buffer: TokenBuffer, count: number) => void,
    from: number,
    to: number,
  ) {
    this.pos = from;
    this.start = from;
    this.len = to;
  }

  /** Reads from `mode` until done; `returnTo`: the mode the first value returns to when it ends. */
  run(mode: Mode, returnTo?: Mode): LexProblem[] {
    if (returnTo !== undefined) this.push(returnTo);
    while (mode !== Mode.Done) {
      mode = this.step(mode);
      if (mode === Mode.Failed) mode = this.recover();
    }
    this.sink(this.tokens, this.tokens.length);
    this.tokens.drop(this.tokens.length);
    return this.problems;
  }

  /** Hands over the tokens that no recovery can take back any more. */
  private flush(): void {
    // Recovery may drop the tokens of the current and the previous line, and replay from a snapshot.
    const lineStart = this.text.lastIndexOf('\n', this.text.lastIndexOf('\n', this.pos - 1) - 1) + 1;
    let safe = this.tokens.length;
    while (safe > 0 && this.tokens.start[safe - 1] >= lineStart) safe--;
    if (this.pendingQuirk) safe = Math.min(safe, this.pendingQuirk.tokenCount);
    if (this.pendingValue) safe = Math.min(safe, this.pendingValue.tokenCount);
    this.nextFlush = this.tokens.length + BATCH;
    if (safe === 0) return;
    this.sink(this.tokens, safe);
    this.tokens.drop(safe);
    this.nextFlush -= safe;
    if (this.pendingQuirk) this.pendingQuirk.tokenCount -= safe;
    if (this.pendingValue) this.pendingValue.tokenCount -= safe;
  }

  private step(mode: Mode): Mode {
    switch (mode) {
      case Mode.Top:
        return this.lexTop();
      case Mode.TopValueEnd:
        return this.lexTopValueEnd();
      case Mode.BlockStart:
        return this.lexBlockStart();
      case Mode.BlockValueEnd:
        return this.lexBlockValueEnd();
      case Mode.BlockEnd:
        return this.lexBlockEnd();
      case Mode.MapKeyStart:
        return this.lexMapKeyStart();
      case Mode.MapValueEnd:
        return this.lexMapValueEnd();
      case Mode.ArrayValue:
        return this.lexArrayValue();
      case Mode.ArrayValueEnd:
        return this.lexArrayValueEnd();
      case Mode.Value:
        return this.lexValue();
      default:
        return Mode.Done;
    }
  }

  // ---- reading ----------------------------------------------------------------

  private next(): number {
    if (this.pos >= this.len) {
      this.width = 0;
      return EOF;
    }
    const c = this.text.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.len) {
      const d = this.text.charCodeAt(this.pos + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        this.width = 2;
        this.pos += 2;
        return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      }
    }
    this.width = 1;
    this.pos += 1;
    return c;
  }

  /**
   * Moves past the characters that are neither `a`, `b`, NUL nor the end: what `next()` would read
   * one at a time to no effect inside a string or comment (a surrogate half is never one of them).
   */
  private skipPlain(a: number, b: number): void {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c === a || c === b || c === EOF) break;
      p++;
    }
    this.pos = p;
  }

  /** Moves past the ASCII characters that cannot end an unquoted key (`:`, `=`, white space, NUL). */
  private skipKeyChars(): void {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      // Printable ASCII other than the separators; anything else goes the careful way.
      if (c <= SPACE || c >= 0x7f || c === COLON || c === EQUALS) break;
      p++;
    }
    this.pos = p;
  }

  /**
   * Moves past ASCII white space, new lines included, and starts the next token after it: what
   * the loops that read and ignore white space one rune at a time would do, in one tight loop.
   */
  private skipSpace(): void {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c !== SPACE && (c < TAB || c > CR)) break;
      p++;
    }
    if (p !== this.pos) {
      this.pos = p;
      this.start = p;
    }
  }

  /** Moves past spaces and tabs (the caller decides whether they start the next token). */
  private skipBlanks(): void {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c !== SPACE && c !== TAB) break;
      p++;
    }
    this.pos = p;
  }

  /**
   * `text.slice(start, end)`, the same string as a recent token's where the text is the same: one
   * string for the thousands of `user` keys of a large file, kept once in its tree.
   */
  private textOf(start: number, end: number): string {
    const n = end - start;
    if (n > INTERN_MAX || n <= 0) return this.text.slice(start, end);
    const text = this.text;
    // A hash of the length and the characters at both ends, where texts that differ usually do.
    const last = end - 1;
    let h = Math.imul(n, 0x9e3779b1) ^ text.charCodeAt(start);
    h = Math.imul(h ^ text.charCodeAt(last), 0x85ebca6b);
    h = Math.imul(h ^ text.charCodeAt(last - (n >> 2)), 0xc2b2ae35);
    h = Math.imul(h ^ text.charCodeAt(start + (n >> 1)), 0x27d4eb2f);
    return this.internedText(start, end, h);
  }

  /**
   * `textOf` for a loop that has read the characters already and hashed them (any hash: it only
   * picks the slot).
   */
  private internedText(start: number, end: number, hash: number): string {
    const fresh = this.text.slice(start, end);
    if (end - start > INTERN_MAX) return fresh;
    const slot = (hash ^ (hash >>> 15)) & (INTERN_SLOTS - 1);
    // Slicing and comparing the strings (natively) costs less than comparing character by
    // character; the slice of a repeated text is short-lived garbage.
    const known = this.interned[slot];
    if (known === fresh) return known;
    this.interned[slot] = fresh;
    return fresh;
  }

  /** Moves past the printable ASCII characters that neither end an unquoted word nor start an escape. */
  private skipWordChars(): void {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c <= SPACE || c >= 0x7f || c === SEMI || c === COMMA || c === RBRACKET || c === RBRACE) break;
      if (c === BACKSLASH || c === SQ) break;
      p++;
    }
    this.pos = p;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private ignore(): void {
    this.start = this.pos;
  }

  private push(mode: Mode): void {
    this.stack.push(mode);
  }

  private pop(): Mode {
    const m = this.stack.pop();
    if (m === undefined) return this.fail('BUG in lexer: no states to pop.');
    return m;
  }

  private emit(kind: Tk, value: string, start: number, end: number, quote = Q.Unset): void {
    this.tokens.push(kind, value, start, end, quote);
    this.start = this.pos;
    if (this.tokens.length >= this.nextFlush) this.flush();
  }

  /** Records a syntax error at the rune just read (or at `span`) and asks for recovery. */
  private fail(message: string, span?: Span): Mode {
    const at: Span =
      span ?? (this.width > 0 ? { start: this.pos - this.width, end: this.pos } : { start: this.pos, end: this.pos });
    this.errorConsumedNewline = !span && this.width > 0 && isNewline(this.text.charCodeAt(this.pos - 1));
    this.problem(at, message, 'syntax', true);
    return Mode.Failed;
  }

  private problem(span: Span, message: string, code: FindingCode, fatal: boolean): void {
    if (this.problems.some((p) => p.span.start === span.start && p.message === message)) return;
    this.problems.push({ span, message, code, fatal });
  }

  /** How a rune appears in nats-server's messages, made readable. */
  private show(r: number): string {
    if (r === EOF) return this.width === 0 ? 'EOF' : '\\x00';
    if (r === LF) return '\\n';
    if (r === CR) return '\\r';
    if (r === TAB) return '\\t';
    return String.fromCodePoint(r);
  }

  // ---- recovery ---------------------------------------------------------------

  private recover(): Mode {
    // The error may come from an earlier reading that was legal but not what the author
    // meant: a number right before `]` (the array stayed open), or a map key whose value
    // is missing (the next line became its value). Read that stretch again as meant.
    const replay = this.pendingQuirk ?? this.pendingValue;
    this.pendingQuirk = undefined;
    this.pendingValue = undefined;
    if (replay) {
      if (replay.hint) this.problems[this.problems.length - 1].message += ` (${replay.hint})`;
      if (replay.mode === Mode.Value) this.quirkFixes.add(replay.offset);
      this.pos = replay.offset;
      this.start = replay.offset;
      this.parts = '';
      this.stack.length = 0;
      this.stack.push(...replay.stack);
      this.restoreContainers(replay.containers);
      this.tokens.length = replay.tokenCount;
      return replay.mode;
    }
    if (this.pos >= this.len) return Mode.Done;
    const frame = this.innermost();
    const errorAt = this.problems[this.problems.length - 1].span.start;
    if (frame.kind === 'array' && this.containerCount > 1 && this.lineOf(frame.opened) < this.lineOf(errorAt)) {
      // An array still open on a later line that fails: most likely its `]` is missing.
      // Close it at the end of the line before, and read this line in the enclosing container.
      const lineStart = this.text.lastIndexOf('\n', errorAt - 1) + 1;
      while (this.tokens.length > 0 && this.tokens.start[this.tokens.length - 1] >= lineStart) this.tokens.length--;
      this.tokens.push(Tk.ArrayEnd, '', lineStart - 1, lineStart - 1, Q.Unset);
      this.containerCount--;
      this.stack.length = frame.depth;
      this.pos = lineStart - 1;
      this.start = this.pos;
      this.parts = '';
      this.lastRecovery = this.pos;
      return this.pop();
    }
    if (!this.errorConsumedNewline) {
      while (this.pos < this.len) {
        const c = this.text.charCodeAt(this.pos);
        if (c === LF || c === CR) {
          this.pos++;
          break;
        }
        if (c === COMMA || (c === SEMI && frame.kind !== 'array')) {
          this.pos++;
          break;
        }
        if (c === RBRACE && (frame.kind === 'map' || frame.kind === 'block')) break;
        if (c === RBRACKET && frame.kind === 'array') break;
        if (c === RBRACE && frame.kind === 'array' && this.containerCount > 1) {
          // `[ a` then the map's `}`: take the `]` as missing and let the map close.
          this.tokens.push(Tk.ArrayEnd, '', this.pos, this.pos, Q.Unset);
          this.containerCount--;
          this.stack.length = frame.depth;
          this.start = this.pos;
          this.lastRecovery = this.pos;
          return this.pop();
        }
        this.pos++;
      }
    }
    if (this.pos === this.lastRecovery) this.pos++; // always make progress
    this.lastRecovery = this.pos;
    this.stack.length = frame.depth;
    this.start = this.pos;
    this.parts = '';
    return this.pos > this.len ? Mode.Done : frame.body;
  }

  private open(kind: ContainerKind, body: Mode): void {
    const depth = this.stack.length;
    const opened = this.pos - 1;
    if (this.containerCount === this.containers.length) this.containers.push({ kind, depth, body, opened });
    else {
      const c = this.containers[this.containerCount];
      c.kind = kind;
      c.depth = depth;
      c.body = body;
      c.opened = opened;
    }
    this.containerCount++;
  }

  private innermost(): Container {
    return this.containers[this.containerCount - 1];
  }

  /** Copies of the open containers, for a snapshot. */
  private savedContainers(): Container[] {
    return this.containers.slice(0, this.containerCount).map((c) => ({ ...c }));
  }

  /** Opens the saved containers again, copied into the pool (the snapshot stays as it was). */
  private restoreContainers(saved: Container[]): void {
    for (let i = 0; i < saved.length; i++) {
      const c = saved[i];
      if (i === this.containers.length) this.containers.push({ ...c });
      else Object.assign(this.containers[i], c);
    }
    this.containerCount = saved.length;
  }

  private lineOf(offset: number): number {
    return 1 + countNewlines(this.text, offset);
  }

  private close(): void {
    if (this.containerCount > 1) this.containerCount--;
  }

  /** nats-server ends at EOF quietly only when nothing is pending. */
  private endOfInput(): Mode {
    if (this.pos > this.start) return this.fail('Unexpected EOF.', { start: this.start, end: this.pos });
    return Mode.Done;
  }

  // ---- top level and top-level blocks -----------------------------------------

  private lexTop(): Mode {
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        this.ignore();
        continue;
      }
      const comment = this.comment(r, Mode.Top);
      if (comment !== undefined) return comment;
      if (r === SLASH || r === EOF) return this.endOfInput();
      if (r === LBRACE) {
        this.ignore();
        if (!this.rules.topLevelBlocks) continue; // before 2.10.16 a top-level `{` is skipped
        this.push(Mode.Top);
        this.open('block', Mode.BlockStart);
        return Mode.BlockStart;
      }
      this.backup();
      this.push(Mode.TopValueEnd);
      return this.lexKeyStart();
    }
  }

  private lexTopValueEnd(): Mode {
    for (;;) {
      const r = this.next();
      const comment = this.comment(r, Mode.Top);
      if (comment !== undefined) return comment;
      if (r === SLASH || isBlank(r)) continue; // a lone `/` after a value reads as a blank
      if (isNewline(r) || r === EOF || r === SEMI || r === COMMA || r === RBRACE) {
        this.ignore();
        return Mode.Top;
      }
      return this.fail(
        `Expected a top-level value to end with a new line, comment or EOF, but got '${this.show(r)}' instead.`,
      );
    }
  }

  private lexBlockStart(): Mode {
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        this.ignore();
        continue;
      }
      const comment = this.comment(r, Mode.BlockStart);
      if (comment !== undefined) return comment;
      if (r === SLASH || r === EOF) return this.endOfInput();
      if (r === LBRACE) {
        this.push(Mode.BlockEnd);
        this.ignore();
        this.open('block', Mode.BlockStart);
        continue;
      }
      if (r === RBRACE) {
        this.ignore();
        this.close();
        return this.pop();
      }
      this.backup();
      this.push(Mode.BlockValueEnd);
      return this.lexKeyStart();
    }
  }

  private lexBlockValueEnd(): Mode {
    for (;;) {
      const r = this.next();
      const comment = this.comment(r, Mode.BlockValueEnd);
      if (comment !== undefined) return comment;
      if (r === SLASH || isBlank(r)) continue;
      if (isNewline(r) || r === SEMI || r === COMMA) {
        this.ignore();
        return Mode.BlockStart;
      }
      if (r === RBRACE) {
        this.backup();
        return Mode.BlockEnd;
      }
      return this.fail(
        `Expected a block-level value to end with a new line, comment or EOF, but got '${this.show(r)}' instead.`,
      );
    }
  }

  private lexBlockEnd(): Mode {
    for (;;) {
      const r = this.next();
      const comment = this.comment(r, Mode.BlockStart);
      if (comment !== undefined) return comment;
      if (r === SLASH || isNewline(r) || isBlank(r)) continue;
      if (r === SEMI || r === COMMA) {
        this.ignore();
        return Mode.BlockStart;
      }
      if (r === RBRACE) {
        this.ignore();
        this.close();
        return this.pop();
      }
      return this.fail(`Expected a block-level to end with a '}', but got '${this.show(r)}' instead.`);
    }
  }

  // ---- keys -------------------------------------------------------------------

  /** A key at the top level or in a top-level block. */
  private lexKeyStart(): Mode {
    for (;;) {
      const r = this.peek();
      if (isKeySeparator(r)) return this.fail(`Unexpected key separator '${this.show(r)}'`, this.spanAhead());
      if (isUnicodeSpace(r)) {
        this.next();
        this.ignore();
        continue;
      }
      if (r === DQ || r === SQ) {
        this.next();
        this.ignore();
        return this.lexQuotedKey(r, false);
      }
      this.ignore();
      this.next();
      break;
    }
    for (;;) {
      this.skipKeyChars();
      const r = this.peek();
      if (isUnicodeSpace(r)) return this.keyOrInclude(undefined, () => this.lexKeyEnd());
      if (isKeySeparator(r) || r === EOF) {
        this.emitKey();
        return this.lexKeyEnd();
      }
      this.next();
    }
  }

  /** A quoted key (no escapes: it ends at the next matching quote). */
  private lexQuotedKey(quote: number, inMap: boolean): Mode {
    const open = this.pos - 1;
    for (;;) {
      const r = this.peek();
      if (r === quote) {
        this.emitKey(undefined, quote === DQ ? Q.Double : Q.Single, open);
        this.next();
        this.ignore();
        return inMap ? this.lexMapKeyEnd() : this.lexKeyEnd();
      }
      if (r === EOF) {
        if (inMap) {
          return this.fail(
            quote === DQ
              ? 'Unexpected EOF processing double quoted map key.'
              : 'Unexpected EOF processing quoted map key.',
            this.spanAhead(),
          );
        }
        if (this.pos > this.start) return this.fail('Unexpected EOF.', this.spanAhead());
        return Mode.Done;
      }
      this.next();
    }
  }

  /** `key`: its text when the caller has it already. */
  private emitKey(key = this.textOf(this.start, this.pos), quote = Q.None, open?: number): void {
    const start = open ?? this.start;
    const end = quote !== Q.None ? this.pos + 1 : this.pos;
    this.lastKey = key;
    this.lastKeyStart = start;
    this.emit(Tk.Key, key, start, end, quote);
  }

  /**
   * The usual map key, printable ASCII right before its `:` or `=`, read in one loop: emits the key
   * and the separator, leaving everything as lexMapKeyStart and lexMapKeyEnd would, and returns
   * true. Otherwise reads nothing and returns false.
   */
  private plainKey(): boolean {
    const text = this.text;
    const len = this.len;
    const keyStart = this.pos;
    if (keyStart >= len) return false;
    const first = text.charCodeAt(keyStart);
    // What lexMapKeyStart reads as the first character of an unquoted key.
    if (first <= SPACE || first >= 0x7f) return false;
    switch (first) {
      case COLON:
      case EQUALS:
      case RBRACKET:
      case RBRACE:
      case HASH:
      case SLASH:
      case SQ:
      case DQ:
        return false;
    }
    let keyEnd = keyStart + 1;
    let c = 0;
    let hash = first;
    for (; keyEnd < len; keyEnd++) {
      c = text.charCodeAt(keyEnd);
      if (c <= SPACE || c >= 0x7f || c === COLON || c === EQUALS) break;
      hash = Math.imul(hash ^ c, 0x9e3779b1);
    }
    if (keyEnd >= len || (c !== COLON && c !== EQUALS)) return false;
    this.start = keyStart;
    this.pos = keyEnd;
    this.emitKey(this.internedText(keyStart, keyEnd, hash));
    this.pos = keyEnd + 1;
    this.width = 1;
    this.emit(Tk.KeySeparator, c === COLON ? ':' : '=', keyEnd, keyEnd + 1);
    return true;
  }

  /** An unquoted key followed by white space: the `include` keyword, or an ordinary key. */
  private keyOrInclude(push: Mode | undefined, otherwise: () => Mode): Mode {
    if (this.pos - this.start === 7 && this.text.slice(this.start, this.pos).toLowerCase() === 'include') {
      const keywordStart = this.start;
      this.ignore();
      if (push !== undefined) this.push(push);
      return this.lexInclude(keywordStart);
    }
    this.emitKey();
    return otherwise();
  }

  private lexKeyEnd(): Mode {
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        this.ignore();
        continue;
      }
      if (isKeySeparator(r)) {
        this.emit(Tk.KeySeparator, String.fromCharCode(r), this.pos - 1, this.pos);
        return this.lexValue();
      }
      if (r === EOF) return Mode.Done; // a key with no value at the end: the parser decides
      this.backup();
      return this.lexValue();
    }
  }

  private lexMapKeyStart(): Mode {
    for (;;) {
      // A value that ends is followed by its end here rather than through `run` (a loop, not a
      // call: a map holds any number of entries).
      let mode = this.lexMapEntry();
      if (mode === Mode.MapValueEnd) mode = this.lexMapValueEnd();
      if (mode !== Mode.MapKeyStart) return mode;
    }
  }

  /** One entry of a map: its key, separator and value (or the map's end, a comment, an error). */
  private lexMapEntry(): Mode {
    this.skipSpace();
    if (this.plainKey()) return this.lexMapValueStart();
    for (;;) {
      const r = this.peek();
      if (isKeySeparator(r)) return this.fail(`Unexpected key separator '${this.show(r)}'.`, this.spanAhead());
      if (r === RBRACKET) return this.fail(`Unexpected array end '${this.show(r)}' processing map.`, this.spanAhead());
      if (isUnicodeSpace(r)) {
        this.next();
        this.ignore();
        continue;
      }
      if (r === RBRACE) {
        this.next();
        return this.lexMapEnd();
      }
      if (r === HASH || r === SLASH) {
        this.next();
        const comment = this.comment(r, Mode.MapKeyStart);
        if (comment !== undefined) return comment;
        // nats-server drops a lone `/` here: `/key` reads as `key`
      } else if (r === SQ || r === DQ) {
        this.next();
        this.ignore();
        return this.lexQuotedKey(r, true);
      } else if (r === EOF) {
        const open = this.innermost();
        return this.fail(
          `Unexpected EOF processing map: the '{' on line ${this.lineOf(open.opened)} is never closed.`,
          this.spanAhead(),
        );
      }
      this.ignore();
      this.next();
      break;
    }
    for (;;) {
      this.skipKeyChars();
      const r = this.peek();
      if (r === EOF) return this.fail('Unexpected EOF processing map key.', this.spanAhead());
      if (isUnicodeSpace(r)) return this.keyOrInclude(Mode.MapValueEnd, () => this.lexMapKeyEnd());
      if (isKeySeparator(r)) {
        this.emitKey();
        return this.lexMapKeyEnd();
      }
      this.next();
    }
  }

  private lexMapKeyEnd(): Mode {
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        this.ignore();
        continue;
      }
      if (isKeySeparator(r)) {
        this.emit(Tk.KeySeparator, String.fromCharCode(r), this.pos - 1, this.pos);
        break;
      }
      this.backup();
      break;
    }
    return this.lexMapValueStart();
  }

  /** After a map key and its separator, if any: up to the value, then the value. */
  private lexMapValueStart(): Mode {
    const key = this.lastKey;
    const keyStart = this.lastKeyStart;
    let lineStart = -1;
    this.skipBlanks(); // each would be read and ignored below
    this.ignore();
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        if (r === LF) lineStart = this.pos;
        this.ignore();
        continue;
      }
      if (r === COMMA) return this.fail('Unexpected map value terminator ",".');
      if (r === RBRACE) return this.lexMapEnd(); // a key with no value; the parser reports it
      this.backup();
      if (lineStart >= 0 && r !== LBRACE && r !== LBRACKET) {
        // Legal, but usually a key still waiting for its value: remember how to read it so.
        this.pendingValue = {
          offset: lineStart,
          mode: Mode.MapKeyStart,
          stack: [...this.stack],
          containers: this.savedContainers(),
          tokenCount: this.tokens.length,
          hint:
            `'${key}' on line ${this.lineOf(key === undefined ? 0 : keyStart)} ` +
            `has no value, so nats-server read the next line as its value`,
        };
      }
      if (r === DQ && this.plainDoubleQuoted()) return Mode.MapValueEnd;
      this.push(Mode.MapValueEnd);
      return this.lexValue();
    }
  }

  private lexMapValueEnd(): Mode {
    this.skipBlanks();
    for (;;) {
      const r = this.next();
      if (isBlank(r)) continue;
      const comment = this.comment(r, Mode.MapValueEnd);
      if (comment !== undefined) return comment;
      if (r === SLASH || r === SEMI || r === COMMA || isNewline(r)) {
        // (a lone `/` ends a map value like a comma)
        this.pendingValue = undefined;
        this.ignore();
        return Mode.MapKeyStart;
      }
      if (r === RBRACE) {
        this.pendingValue = undefined;
        return this.lexMapEnd();
      }
      return this.fail(
        `Expected a map value terminator "," or a map terminator "}", but got '${this.show(r)}' instead.`,
      );
    }
  }

  private lexMapEnd(): Mode {
    return this.lexContainerEnd(Tk.MapEnd);
  }

  /** The closer was just read: emit it, leave the container, go back to what follows it. */
  private lexContainerEnd(kind: Tk.MapEnd | Tk.ArrayEnd): Mode {
    this.ignore();
    this.emit(kind, kind === Tk.MapEnd ? '}' : ']', this.pos - 1, this.pos);
    this.close();
    return this.pop();
  }

  // ---- arrays -----------------------------------------------------------------

  private lexArrayValue(): Mode {
    this.skipSpace();
    for (;;) {
      const r = this.next();
      if (isUnicodeSpace(r)) {
        this.ignore();
        continue;
      }
      const comment = this.comment(r, Mode.ArrayValue);
      if (comment !== undefined) return comment;
      // nats-server names a lone `/` a comma here
      if (r === COMMA || r === SLASH)
        return this.fail("Unexpected array value terminator ','.", { start: this.pos - 1, end: this.pos });
      if (r === RBRACKET) return this.lexArrayEnd();
      this.backup();
      if (r === DQ && this.plainDoubleQuoted()) return Mode.ArrayValueEnd;
      this.push(Mode.ArrayValueEnd);
      return this.lexValue();
    }
  }

  private lexArrayValueEnd(): Mode {
    this.skipBlanks();
    for (;;) {
      const r = this.next();
      if (isBlank(r)) continue;
      const comment = this.comment(r, Mode.ArrayValueEnd);
      if (comment !== undefined) return comment;
      if (r === COMMA || r === SLASH || isNewline(r)) {
        // (a lone `/` ends an array value like a comma)
        this.ignore();
        // Straight on to the next item (no dispatch): reading it returns before any nested value.
        return this.lexArrayValue();
      }
      if (r === RBRACKET) return this.lexArrayEnd();
      const open = this.innermost();
      const openLine = this.lineOf(open.opened);
      const hint =
        open.kind === 'array' && openLine < this.lineOf(this.pos - this.width)
          ? ` (is a ']' missing? the '[' on line ${openLine} is still open)`
          : '';
      return this.fail(
        `Expected an array value terminator "," or an array terminator "]", but got '${this.show(r)}' instead.${hint}`,
      );
    }
  }

  private lexArrayEnd(): Mode {
    return this.lexContainerEnd(Tk.ArrayEnd);
  }

  // ---- values -----------------------------------------------------------------

  private lexValue(): Mode {
    this.skipBlanks(); // the token starts after them (below)
    for (;;) {
      const r = this.next();
      if (isBlank(r)) {
        this.ignore();
        continue;
      }
      this.tokenStart = this.pos - this.width;
      this.start = this.tokenStart;
      this.parts = '';
      switch (r) {
        case LBRACKET:
          this.ignore();
          this.emit(Tk.ArrayStart, '[', this.pos - 1, this.pos);
          this.open('array', Mode.ArrayValue);
          return Mode.ArrayValue;
        case LBRACE:
          this.ignore();
          this.emit(Tk.MapStart, '{', this.pos - 1, this.pos);
          this.open('map', Mode.MapKeyStart);
          return Mode.MapKeyStart;
        case SQ:
          this.ignore();
          return this.lexSingleQuoted();
        case DQ:
          this.ignore();
          return this.lexDoubleQuoted();
        case MINUS:
          return this.lexNegativeNumber();
        case LPAREN:
          this.ignore();
          return this.lexBlockString();
        case DOT:
          return this.fail('Floats must start with a digit');
      }
      if (isDigit(r)) {
        this.backup();
        return this.lexNumber();
      }
      if (isNewline(r)) return this.fail('Expected value but found new line');
      this.backup();
      return this.lexUnquoted();
    }
  }

  /**
   * At a `"` that starts a value: when the string has no escape and closes, reads it in one loop,
   * leaving everything as lexValue would, and returns true; otherwise reads nothing (false).
   */
  private plainDoubleQuoted(): boolean {
    const text = this.text;
    const len = this.len;
    const open = this.pos;
    let close = open + 1;
    let hash = 0;
    for (; close < len; close++) {
      const c = text.charCodeAt(close);
      if (c === DQ) break;
      if (c === BACKSLASH || c === EOF) return false;
      hash = Math.imul(hash ^ c, 0x9e3779b1);
    }
    if (close >= len) return false;
    this.tokenStart = open;
    this.parts = '';
    this.pos = close;
    const value = close === open + 1 ? '' : this.internedText(open + 1, close, hash);
    this.emit(Tk.String, value, open, close + 1, Q.Double);
    this.pos = close + 1;
    this.width = 1;
    this.start = this.pos;
    return true;
  }

  private lexSingleQuoted(): Mode {
    for (;;) {
      this.skipPlain(SQ, SQ);
      const r = this.next();
      if (r === SQ) {
        this.backup();
        this.emitString(Q.Single, this.pos + 1);
        this.next();
        this.ignore();
        return this.pop();
      }
      if (r === EOF) return this.unterminated('single');
    }
  }

  private lexDoubleQuoted(): Mode {
    for (;;) {
      this.skipPlain(DQ, BACKSLASH);
      const r = this.next();
      if (r === BACKSLASH) {
        this.lexEscape(); // a bad escape is reported and kept as written
        continue;
      }
      if (r === DQ) {
        this.backup();
        this.emitString(Q.Double, this.pos + 1);
        this.next();
        this.ignore();
        return this.pop();
      }
      if (r === EOF) return this.unterminated('double');
    }
  }

  /**
   * A quoted string that reaches the end of the file. nats-server fails at EOF (or, when
   * nothing follows the last escape, ends quietly). To keep the rest of the file usable,
   * the string is taken to end with its first line and reading goes on after it.
   */
  private unterminated(quote: 'single' | 'double'): Mode {
    if (this.pos <= this.start && this.width === 0) return Mode.Done;
    const open = this.tokenStart;
    const mark = quote === 'double' ? '"' : "'";
    const line = 1 + countNewlines(this.text, open);
    this.fail(`Unexpected EOF: the ${mark}-quoted string opened on line ${line} is never closed.`, {
      start: this.pos,
      end: this.pos,
    });
    this.problems[this.problems.length - 1].opened = { start: open, end: open + 1 };
    let eol = open + 1;
    while (eol < this.len && !isNewline(this.text.charCodeAt(eol))) eol++;
    this.pos = eol;
    this.start = open + 1;
    this.parts = '';
    this.emitString(quote === 'double' ? Q.Double : Q.Single, eol);
    return this.pop();
  }

  /**
   * After a backslash: one escape of `\t \n \r \" \\ \xHH`. On a bad one, nats-server stops;
   * we report it, keep the text as written and read on to the end of the string.
   */
  private lexEscape(): void {
    const backslash = this.pos - 1;
    this.parts += this.text.slice(this.start, backslash);
    if (!this.decodeEscape()) {
      this.pos = backslash + 1; // resume right after the backslash, which stays in the text
      this.parts += '\\';
      this.start = this.pos;
    }
  }

  private decodeEscape(): boolean {
    const r = this.next();
    let decoded: string;
    switch (r) {
      case 0x78: {
        // \xHH
        const a = this.next();
        if (isNewline(a)) {
          this.fail("Expected two hexadecimal digits after '\\x', but hit end of line");
          return false;
        }
        const b = this.next();
        if (isNewline(b)) {
          this.fail("Expected two hexadecimal digits after '\\x', but hit end of line");
          return false;
        }
        if (!isHex(a) || !isHex(b) || b === EOF) {
          const got = String.fromCodePoint(a) + (b === EOF ? '' : String.fromCodePoint(b));
          this.fail(`Expected two hexadecimal digits after '\\x', but got '${got}'`, {
            start: this.pos - got.length,
            end: this.pos,
          });
          return false;
        }
        decoded = String.fromCharCode(parseInt(String.fromCharCode(a, b), 16));
        break;
      }
      case 0x74:
        decoded = '\t';
        break;
      case 0x6e:
        decoded = '\n';
        break;
      case 0x72:
        decoded = '\r';
        break;
      case DQ:
        decoded = '"';
        break;
      case BACKSLASH:
        decoded = '\\';
        break;
      default:
        this.fail(
          `Invalid escape character '${this.show(r)}'. Only the following ` +
            `escape characters are allowed: \\xXX, \\t, \\n, \\r, \\", \\\\.`,
        );
        return false;
    }
    this.parts += decoded;
    this.start = this.pos;
    return true;
  }

  private emitString(quote: Q, end: number): void {
    const value =
      this.parts === '' ? this.textOf(this.start, this.pos) : this.parts + this.text.slice(this.start, this.pos);
    this.parts = '';
    this.emit(Tk.String, value, this.tokenStart, end, quote);
  }

  /** An unquoted word: a string, a boolean or a `$variable`, ending at a terminator. */
  private lexUnquoted(): Mode {
    for (;;) {
      this.skipWordChars();
      const r = this.next();
      if (r === BACKSLASH) {
        this.lexEscape();
        continue;
      }
      if (isNewline(r) || r === EOF || r === SEMI || r === COMMA || r === RBRACKET || r === RBRACE || isBlank(r)) {
        this.backup();
        if (this.parts.length > 0) {
          this.emitString(Q.None, this.pos);
          return this.pop();
        }
        const word = this.textOf(this.start, this.pos);
        if (word.length <= 5 && BOOLEANS.has(word.toLowerCase())) this.emit(Tk.Bool, word, this.tokenStart, this.pos);
        else if (word.charCodeAt(0) === DOLLAR) this.emit(Tk.Variable, word.slice(1), this.tokenStart, this.pos);
        else this.emit(Tk.String, word, this.tokenStart, this.pos, Q.None);
        return this.pop();
      }
      if (r === SQ) {
        // A quote ends the word and is swallowed; what follows is an error in the caller.
        this.backup();
        this.emitString(Q.None, this.pos);
        this.next();
        this.ignore();
        return this.pop();
      }
    }
  }

  /** A block string: `(` up to a line that holds only `)`. */
  private lexBlockString(): Mode {
    for (;;) {
      const r = this.next();
      if (r === RPAREN) {
        this.backup();
        this.backup();
        if (this.next() !== LF) {
          this.next();
          continue;
        }
        this.next();
        const after = this.next();
        if (after === LF || after === EOF) {
          this.backup();
          this.backup();
          this.emitString(Q.Block, Math.min(this.len, this.pos + 1));
          this.next();
          this.ignore();
          return this.pop();
        }
        this.backup();
        continue;
      }
      if (r === EOF) return this.fail('Unexpected EOF processing block.');
    }
  }

  // ---- numbers, sizes, dates, IP addresses -------------------------------------

  private lexNumber(): Mode {
    this.next(); // the first digit
    for (;;) {
      const r = this.next();
      if (r === MINUS) {
        if (this.pos - this.tokenStart !== 5) return this.fail('All ISO8601 dates must be in full Zulu form.');
        return this.lexDate();
      }
      if (isDigit(r)) continue;
      if (r === DOT) return this.lexFloat();
      if (isSizeSuffix(r)) return this.lexSizeSuffix();
      if (r === RBRACKET && this.quirkFixes.has(this.tokenStart)) {
        this.backup();
        this.emit(Tk.Integer, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
        return this.pop();
      }
      if (!endsNumber(r) && !isDigit(r)) {
        if (r === RBRACKET && this.innermost().kind === 'array') this.noteBracketQuirk();
        return this.lexUnquoted(); // `10s`, `2fast`: the whole word is a string
      }
      this.backup();
      this.emit(Tk.Integer, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
      return this.pop();
    }
  }

  /**
   * nats-server does not end an integer at `]`: `[1, 2]` reads `2]` as a string and the
   * array stays open. Report it here, where the mistake is; if reading later fails
   * because of it, recovery comes back here and closes the array.
   */
  private noteBracketQuirk(): void {
    const start = this.tokenStart;
    const word = this.text.slice(start, this.pos);
    this.problem(
      { start, end: this.pos },
      `nats-server reads '${word}' as the string "${word}", so this ` +
        `']' does not close the array: put a space or a comma before ']'.`,
      'integer-before-bracket',
      false,
    );
    if (this.pendingQuirk) return;
    this.pendingQuirk = {
      offset: start,
      mode: Mode.Value,
      stack: [...this.stack],
      containers: this.savedContainers(),
      tokenCount: this.tokens.length,
    };
  }

  private lexSizeSuffix(): Mode {
    for (;;) {
      const r = this.next();
      if (r === 0x62 || r === 0x42 || r === 0x69 || r === 0x49) continue; // b B i I
      this.backup();
      if (endsNumber(r) || isDigit(r)) {
        this.emit(Tk.Integer, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
        return this.pop();
      }
      return this.lexUnquoted(); // `2ms`, `1kx`: a string
    }
  }

  private lexDate(): Mode {
    const format = '00-00T00:00:00Z';
    for (let i = 0; i < format.length; i++) {
      const f = format.charCodeAt(i);
      const r = this.next();
      if (f === 0x30) {
        if (!isDigit(r)) return this.fail(`Expected digit in ISO8601 datetime, but found '${this.show(r)}' instead.`);
      } else if (f !== r) {
        return this.fail(`Expected '${format[i]}' in ISO8601 datetime, but found '${this.show(r)}' instead.`);
      }
    }
    this.emit(Tk.DateTime, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
    return this.pop();
  }

  private lexNegativeNumber(): Mode {
    const r = this.next();
    if (!isDigit(r)) {
      if (r === DOT) return this.fail("Floats must start with a digit, not '.'.");
      return this.fail(`Expected a digit but got '${this.show(r)}'.`);
    }
    for (;;) {
      const d = this.next();
      if (isDigit(d)) continue;
      if (d === DOT) return this.lexFloat();
      if (isSizeSuffix(d)) return this.lexSizeSuffix();
      this.backup();
      this.emit(Tk.Integer, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
      return this.pop();
    }
  }

  /** After `digits.`: a float, or an IP address when a second `.` follows. */
  private lexFloat(): Mode {
    const r = this.next();
    if (!isDigit(r)) return this.fail(`Floats must have a digit after the '.', but got '${this.show(r)}' instead.`);
    for (;;) {
      const d = this.next();
      if (isDigit(d)) continue;
      if (d === DOT) {
        for (;;) {
          const c = this.next();
          if (isDigit(c) || c === DOT || c === COLON || c === MINUS) continue;
          this.backup();
          this.emit(Tk.String, this.text.slice(this.start, this.pos), this.tokenStart, this.pos, Q.None);
          return this.pop();
        }
      }
      this.backup();
      this.emit(Tk.Float, this.text.slice(this.start, this.pos), this.tokenStart, this.pos);
      return this.pop();
    }
  }

  // ---- include ----------------------------------------------------------------

  private lexInclude(keywordStart: number): Mode {
    let r = this.next();
    while (isBlank(r)) {
      this.ignore();
      r = this.next();
    }
    const quote = r === DQ ? Q.Double : r === SQ ? Q.Single : Q.None;
    const emitInclude = (pathStart: number, pathEnd: number, end: number): void => {
      this.tokens.pushInclude(this.text.slice(pathStart, pathEnd), keywordStart, end, quote, {
        start: pathStart,
        end: pathEnd,
      });
      this.start = this.pos;
      if (this.tokens.length >= this.nextFlush) this.flush();
    };
    if (r === SQ || r === DQ) {
      this.ignore();
      const closing = r;
      for (;;) {
        const c = this.next();
        if (c === closing) {
          emitInclude(this.start, this.pos - 1, this.pos);
          this.ignore();
          return this.pop();
        }
        if (c === EOF)
          return this.fail(
            closing === SQ ? 'Unexpected EOF in quoted include' : 'Unexpected EOF in double quoted include',
          );
      }
    }
    if (r === LBRACKET) return this.fail('Expected include value but found start of an array');
    if (r === LBRACE) return this.fail('Expected include value but found start of a map');
    if (r === LPAREN) return this.fail('Expected include value but found start of a block');
    if (isDigit(r) || r === MINUS) return this.fail('Expected include value but found start of a number');
    if (r === BACKSLASH) return this.fail('Expected include value but found escape sequence');
    if (isNewline(r)) return this.fail('Expected include value but found new line');
    this.backup();
    for (;;) {
      const c = this.next();
      if (isNewline(c) || c === EOF || c === SEMI || c === RBRACE || isBlank(c)) {
        this.backup();
        emitInclude(this.start, this.pos, this.pos);
        return this.pop();
      }
      if (c === SQ) {
        this.backup();
        emitInclude(this.start, this.pos, this.pos);
        this.next();
        this.ignore();
        return this.pop();
      }
    }
  }

  // ---- comments ---------------------------------------------------------------

  /**
   * `r` was just read: if it starts a comment (`#` or `//`), reads it and returns the mode
   * to go on in (`resume`). Otherwise undefined; after a lone `/` only the `/` is read.
   */
  private comment(r: number, resume: Mode): Mode | undefined {
    if (r === HASH) {
      this.push(resume);
      return this.lexComment(1);
    }
    if (r === SLASH) {
      if (this.next() === SLASH) {
        this.push(resume);
        return this.lexComment(2);
      }
      this.backup();
    }
    return undefined;
  }

  /** A comment; its marker (`#` or `//`, `markerLength` long) was just read. */
  private lexComment(markerLength: number): Mode {
    const open = this.pos - markerLength;
    this.ignore();
    this.skipPlain(LF, CR);
    for (;;) {
      const r = this.peek();
      if (isNewline(r) || r === EOF) break;
      this.next();
    }
    this.emit(Tk.Comment, this.text.slice(this.start, this.pos), open, this.pos);
    return this.pop();
  }

  /** The span of the rune at the current position (for errors found by peeking). */
  private spanAhead(): Span {
    if (this.pos >= this.len) return { start: this.pos, end: this.pos };
    const c = this.text.charCodeAt(this.pos);
    return { start: this.pos, end: this.pos + (c >= 0xd800 && c <= 0xdbff ? 2 : 1) };
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
