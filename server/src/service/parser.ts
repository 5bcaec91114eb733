// Builds the syntax tree from the tokens, with an explicit stack (no recursion, so
// 100,000 nested `{` are fine), decodes number values as nats-server does, and turns
// the lexer's problems into findings.

import type { FindingCode } from './findingCodes';
import { Finding } from './diagnostics';
import { LexProblem, Tk, TokenBuffer, scan, scanValue } from './lexer';
import { readDateTime, readFloat, readInteger } from './numbers';
import { ArrayNode, CommentNode, ConfigTree, Entry, KeyValueNode, MapNode, ValueNode } from './tree';

/** Placeholder while a container is open; replaced by its own array when it closes. */
const NONE: never[] = [];
import { SyntaxRules } from './versions';

export interface ParseResult {
  tree: ConfigTree;
  findings: Finding[];
  /** True when nats-server would stop reading this file with a parse error. */
  hasFatalSyntaxError: boolean;
  /** The file has `$references` or includes: worth a resolving walk. */
  hasReferences: boolean;
}

/** An open container. Frames are reused by depth: a large file opens hundreds of thousands of containers. */
class Frame {
  node: MapNode | ArrayNode;
  /** Where this container's entries (or items) begin in the builder's pending list. */
  from = 0;
  /** The entry that holds this container, to extend its span when it closes. */
  owner: KeyValueNode | undefined = undefined;
  /** The key waiting for its value: its text, offsets (keyStart -1: none) and quoting. */
  key = '';
  keyStart = -1;
  keyEnd = 0;
  keyQuoted = false;
  pendingSeparator: number | undefined = undefined;

  constructor(node: MapNode | ArrayNode) {
    this.node = node;
  }

  open(node: MapNode | ArrayNode, from: number, owner: KeyValueNode | undefined): void {
    this.node = node;
    this.from = from;
    this.owner = owner;
    this.keyStart = -1;
    this.pendingSeparator = undefined;
  }
}

export function parseConfig(text: string, rules: SyntaxRules): ParseResult {
  const builder = new TreeBuilder(text);
  const problems = scan(text, rules, (buffer, count) => {
    for (let i = 0; i < count; i++) builder.add(buffer, i);
  });
  return builder.finish(problems, rules);
}

/** One map or array value read on its own (see `scanValue`), with what reading it found. */
interface ValueParse {
  /** Undefined when no value begins at the offset asked. */
  value: ValueNode | undefined;
  comments: CommentNode[];
  findings: Finding[];
  hasReferences: boolean;
}

/** The map or array value whose opening bracket is at `start`, read no further than `end`. */
export function parseValue(text: string, rules: SyntaxRules, start: number, end: number): ValueParse {
  const builder = new TreeBuilder(text);
  builder.expectValue(start);
  const problems = scanValue(text, rules, start, end, (buffer, count) => {
    for (let i = 0; i < count; i++) builder.add(buffer, i);
  });
  const { tree, findings, hasReferences } = builder.finish(problems, rules);
  const holder = tree.root.entries[0];
  return {
    value: holder?.kind === 'keyValue' ? holder.value : undefined,
    comments: tree.comments,
    findings,
    hasReferences,
  };
}

/** Takes the tokens in order (in batches, as the lexer releases them) and grows the tree. */
class TreeBuilder {
  private readonly root: MapNode;
  private readonly comments: CommentNode[] = [];
  private readonly findings: Finding[] = [];
  /** The open containers, `depth` of them, the innermost last; frames beyond `depth` wait for reuse. */
  private readonly stack: Frame[];
  private depth = 1;
  /**
   * The entries and items of the open containers, innermost last. A container gets an
   * array of exactly its own size when it closes: pushing into a fresh array per map would
   * leave each with room for sixteen, which in large files costs more than the entries.
   */
  private readonly pending: (Entry | ValueNode)[] = [];
  /**
   * How many of `pending` are in use: the array itself never shrinks (setting its length on every
   * close would trim it and grow it again); slots beyond are stale and overwritten.
   */
  private pendingLength = 0;
  /** The kind of the last token other than a comment or separator (-1: none yet). */
  private lastSignificant = -1;
  private references = false;

  constructor(private readonly text: string) {
    this.root = { kind: 'map', start: 0, end: text.length, entries: NONE, closed: true };
    this.stack = [new Frame(this.root)];
  }

  /** The first value read will be held by a key of no name at `at` (a value read on its own). */
  expectValue(at: number): void {
    const top = this.stack[0];
    top.key = '';
    top.keyStart = at;
    top.keyEnd = at;
  }

  add(b: TokenBuffer, i: number): void {
    const kind: Tk = b.kind[i];
    if (kind !== Tk.Comment && kind !== Tk.KeySeparator) this.lastSignificant = kind;
    const frame = this.stack[this.depth - 1];
    switch (kind) {
      case Tk.Comment:
        this.comments.push({ start: b.start[i], end: b.end[i], text: b.value[i] });
        break;
      case Tk.Key:
        if (frame.node.kind !== 'map') break;
        if (frame.keyStart >= 0) this.keyWithoutValue(frame, false);
        frame.key = b.value[i];
        frame.keyStart = b.start[i];
        frame.keyEnd = b.end[i];
        frame.keyQuoted = b.quote(i) !== 'none';
        frame.pendingSeparator = undefined;
        break;
      case Tk.KeySeparator:
        frame.pendingSeparator = b.start[i];
        break;
      case Tk.Include: {
        this.references = true;
        if (frame.node.kind !== 'map') break;
        if (frame.keyStart >= 0) this.keyWithoutValue(frame, false);
        const start = b.start[i];
        this.addPending({
          kind: 'include',
          start,
          end: b.end[i],
          path: b.value[i],
          pathSpan: b.pathSpan[i]!,
          keywordSpan: { start, end: start + 'include'.length },
        });
        break;
      }
      case Tk.MapStart:
      case Tk.ArrayStart: {
        const node: MapNode | ArrayNode =
          kind === Tk.MapStart
            ? { kind: 'map', start: b.start[i], end: b.end[i], entries: NONE, closed: false }
            : { kind: 'array', start: b.start[i], end: b.end[i], items: NONE, closed: false };
        const owner = this.place(frame, node, node.end);
        const from = this.pendingLength;
        if (this.depth < this.stack.length) this.stack[this.depth].open(node, from, owner);
        else {
          const fresh = new Frame(node);
          fresh.open(node, from, owner);
          this.stack.push(fresh);
        }
        this.depth++;
        break;
      }
      case Tk.MapEnd:
      case Tk.ArrayEnd:
        if (this.depth > 1) this.closeFrame(b.end[i], true);
        break;
      default: {
        const value = scalar(b, i, this.findings);
        if (value?.kind === 'variable') this.references = true;
        if (value) this.place(frame, value, b.end[i]);
        // nats-server sets nothing
        else if (frame.node.kind === 'map' && frame.keyStart >= 0) this.keyWithoutValue(frame, false);
      }
    }
  }

  finish(problems: LexProblem[], rules: SyntaxRules): ParseResult {
    const { text, stack, findings } = this;
    for (const p of problems) {
      findings.push({
        span: p.span,
        severity: 'error',
        code: p.code,
        message: p.message,
        origin: p.fatal ? 'server' : 'lint',
        related: p.opened ? [{ span: p.opened, message: 'the string opens here' }] : undefined,
      });
    }
    while (this.depth > 1) this.closeFrame(text.length, false);
    const top = stack[0];
    const key = top.keyStart >= 0 ? { value: top.key, start: top.keyStart, end: top.keyEnd } : undefined;
    if (key) this.keyWithoutValue(top, false);
    this.root.entries = this.pending.slice(0, this.pendingLength) as Entry[];
    this.pending.length = 0;
    if (key) {
      if (this.lastSignificant === Tk.Key && key.value !== '}') {
        findings.push(
          rules.danglingKeyIsError
            ? {
                span: { start: text.length, end: text.length },
                severity: 'error',
                code: 'dangling-key',
                message: `config is invalid: the file ends after the key '${key.value}', which has no value.`,
                origin: 'server',
              }
            : {
                span: { start: key.start, end: key.end },
                severity: 'warning',
                code: 'dangling-key',
                message:
                  `The key '${key.value}' has no value; this nats-server version ` +
                  `ignores it silently (2.9.22 and later refuse the file).`,
                origin: 'lint',
              },
        );
      }
    }
    const fatal = findings.some((f) => f.origin === 'server' && f.severity === 'error');
    return {
      tree: { text, root: this.root, comments: this.comments },
      findings,
      hasFatalSyntaxError: fatal,
      hasReferences: this.references,
    };
  }

  private addPending(item: Entry | ValueNode): void {
    if (this.pendingLength === this.pending.length) this.pending.push(item);
    else this.pending[this.pendingLength] = item;
    this.pendingLength++;
  }

  /** Attaches a finished value (or a just-opened container) to the frame. */
  private place(frame: Frame, value: ValueNode, end: number): KeyValueNode | undefined {
    if (frame.node.kind === 'array') {
      this.addPending(value);
      return undefined;
    }
    if (frame.keyStart < 0) return undefined; // the lexer never emits a map value without a key
    const entry: KeyValueNode = {
      kind: 'keyValue',
      start: frame.keyStart,
      end, // passed in: reading it from nodes of every kind is slower
      key: frame.key,
      keyEnd: frame.keyEnd,
      keyQuoted: frame.keyQuoted,
      separator: frame.pendingSeparator,
      value,
    };
    this.addPending(entry);
    frame.keyStart = -1;
    frame.pendingSeparator = undefined;
    return entry;
  }

  /** Files the frame's pending key without a value; `atClose`: right before the map's `}`. */
  private keyWithoutValue(frame: Frame, atClose: boolean): void {
    const key = { value: frame.key, start: frame.keyStart, end: frame.keyEnd };
    const separator = frame.pendingSeparator;
    const end = separator !== undefined ? separator + 1 : key.end;
    this.addPending({
      kind: 'keyValue',
      start: key.start,
      end,
      key: key.value,
      keyEnd: key.end,
      keyQuoted: frame.keyQuoted,
      separator,
      value: undefined,
    });
    frame.keyStart = -1;
    frame.pendingSeparator = undefined;
    if (atClose) {
      this.findings.push({
        span: { start: key.start, end: key.end },
        severity: 'error',
        code: 'missing-value',
        message:
          `The key '${key.value}' has no value. nats-server does not report this: it ` +
          `files the enclosing map under '${key.value}' and loses the key that held it.`,
        origin: 'lint',
      });
    }
  }

  private closeFrame(end: number, closed: boolean): void {
    const frame = this.stack[--this.depth];
    if (frame.keyStart >= 0) this.keyWithoutValue(frame, closed);
    const node = frame.node;
    const own = this.pending.slice(frame.from, this.pendingLength);
    this.pendingLength = frame.from;
    if (node.kind === 'map') node.entries = own as Entry[];
    else node.items = own as ValueNode[];
    node.end = end;
    node.closed = closed;
    if (frame.owner) frame.owner.end = end;
    frame.owner = undefined; // let the tree go with the builder, not with a reused frame
  }
}

/** A value nats-server refuses or misreads: an error at the value. */
function valueError(
  findings: Finding[],
  start: number,
  end: number,
  code: FindingCode,
  message: string,
  origin: 'server' | 'lint',
): void {
  findings.push({ span: { start, end }, severity: 'error', code, message, origin });
}

function scalar(b: TokenBuffer, i: number, findings: Finding[]): ValueNode | undefined {
  // Object literals with one fixed shape per kind: this runs once per value of a large file.
  const start = b.start[i];
  const end = b.end[i];
  const text = b.value[i];
  switch (b.kind[i]) {
    case Tk.String:
      return { kind: 'string', start, end, value: text, quote: b.quote(i)! };
    case Tk.Bool: {
      const lower = text.toLowerCase();
      return { kind: 'bool', start, end, value: lower === 'true' || lower === 'yes' || lower === 'on' };
    }
    case Tk.Variable:
      return { kind: 'variable', start, end, name: text };
    case Tk.Float: {
      const f = readFloat(text);
      if ('error' in f) {
        valueError(findings, start, end, 'number-range', f.error, 'server');
        return undefined;
      }
      return { kind: 'float', start, end, value: f.value };
    }
    case Tk.DateTime: {
      const d = readDateTime(text);
      if (!d) {
        valueError(findings, start, end, 'datetime', `expected Zulu formatted DateTime, but got '${text}'`, 'server');
        return undefined;
      }
      return { kind: 'datetime', start, end, value: d };
    }
    case Tk.Integer: {
      const r = readInteger(text);
      if (r.kind === 'error') {
        valueError(findings, start, end, 'number-range', r.message, 'server');
        return undefined;
      }
      if (r.kind === 'dropped') {
        valueError(
          findings,
          start,
          end,
          'size-suffix',
          `'${text}' has the size suffix '${r.suffix}', which nats-server does not know: it drops ` +
            `this key without a word. Use k, m, g, t, p, e (×1000) or kb/ki/kib, mb, gb, … (×1024).`,
          'lint',
        );
        return undefined;
      }
      if (r.wrapped) {
        valueError(
          findings,
          start,
          end,
          'number-overflow',
          `'${text}' does not fit in 64 bits: nats-server silently wraps it to ${r.exact ?? r.value}.`,
          'lint',
        );
      }
      return { kind: 'integer', start, end, value: r.value, exact: r.exact, suffix: r.suffix };
    }
    default:
      return undefined;
  }
}
