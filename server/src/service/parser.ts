// Builds the syntax tree from the tokens, with an explicit stack (no recursion, so
// 100,000 nested `{` are fine), decodes number values as nats-server does, and turns
// the lexer's problems into findings.

import type { FindingCode } from './findingCodes';
import { Finding } from './diagnostics';
import { LexProblem, Token, tokenize } from './lexer';
import { readDateTime, readFloat, readInteger } from './numbers';
import { ArrayNode, CommentNode, ConfigTree, Entry, KeyValueNode, MapNode, StringNode, ValueNode } from './tree';

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

interface Frame {
  node: MapNode | ArrayNode;
  /** Where this container's entries (or items) begin in the builder's pending list. */
  from: number;
  /** The entry that holds this container, to extend its span when it closes. */
  owner: KeyValueNode | undefined;
  /** The key token waiting for its value. */
  pendingKey: Token | undefined;
  pendingSeparator: number | undefined;
}

export function parseConfig(text: string, rules: SyntaxRules): ParseResult {
  const builder = new TreeBuilder(text);
  const { problems } = tokenize(text, rules, (batch) => {
    for (const t of batch) builder.add(t);
  });
  return builder.finish(problems, rules);
}

/** Takes the tokens in order (in batches, as the lexer releases them) and grows the tree. */
class TreeBuilder {
  private readonly root: MapNode;
  private readonly comments: CommentNode[] = [];
  private readonly findings: Finding[] = [];
  private readonly stack: Frame[];
  /**
   * The entries and items of the open containers, innermost last. A container gets an
   * array of exactly its own size when it closes: pushing into a fresh array per map would
   * leave each with room for sixteen, which in large files costs more than the entries.
   */
  private readonly pending: (Entry | ValueNode)[] = [];
  private lastSignificant: Token | undefined;
  private references = false;

  constructor(private readonly text: string) {
    this.root = { kind: 'map', start: 0, end: text.length, entries: NONE, closed: true };
    this.stack = [{ node: this.root, from: 0, owner: undefined, pendingKey: undefined, pendingSeparator: undefined }];
  }

  add(t: Token): void {
    if (t.kind !== 'comment' && t.kind !== 'keySeparator') this.lastSignificant = t;
    const frame = this.stack[this.stack.length - 1];
    switch (t.kind) {
      case 'comment':
        this.comments.push({ start: t.start, end: t.end, text: t.value });
        break;
      case 'key':
        if (frame.node.kind !== 'map') break;
        if (frame.pendingKey) this.keyWithoutValue(frame, false);
        frame.pendingKey = t;
        frame.pendingSeparator = undefined;
        break;
      case 'keySeparator':
        frame.pendingSeparator = t.start;
        break;
      case 'include':
        this.references = true;
        if (frame.node.kind !== 'map') break;
        if (frame.pendingKey) this.keyWithoutValue(frame, false);
        this.pending.push({
          kind: 'include',
          start: t.start,
          end: t.end,
          path: t.value,
          pathSpan: t.pathSpan!,
          keywordSpan: { start: t.start, end: t.start + 'include'.length },
        });
        break;
      case 'mapStart':
      case 'arrayStart': {
        const node: MapNode | ArrayNode =
          t.kind === 'mapStart'
            ? { kind: 'map', start: t.start, end: t.end, entries: NONE, closed: false }
            : { kind: 'array', start: t.start, end: t.end, items: NONE, closed: false };
        const owner = this.place(frame, node);
        this.stack.push({ node, from: this.pending.length, owner, pendingKey: undefined, pendingSeparator: undefined });
        break;
      }
      case 'mapEnd':
      case 'arrayEnd':
        if (this.stack.length > 1) this.closeFrame(t.end, true);
        break;
      default: {
        const value = scalar(t, this.findings);
        if (value?.kind === 'variable') this.references = true;
        if (value) this.place(frame, value);
        // nats-server sets nothing
        else if (frame.node.kind === 'map' && frame.pendingKey) this.keyWithoutValue(frame, false);
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
    while (stack.length > 1) this.closeFrame(text.length, false);
    const top = stack[0];
    const key = top.pendingKey;
    if (key) this.keyWithoutValue(top, false);
    this.root.entries = this.pending.slice(0) as Entry[];
    if (key) {
      if (this.lastSignificant?.kind === 'key' && key.value !== '}') {
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

  /** Attaches a finished value (or a just-opened container) to the frame. */
  private place(frame: Frame, value: ValueNode): KeyValueNode | undefined {
    if (frame.node.kind === 'array') {
      this.pending.push(value);
      return undefined;
    }
    const key = frame.pendingKey;
    if (!key) return undefined; // the lexer never emits a map value without a key
    const entry: KeyValueNode = {
      kind: 'keyValue',
      start: key.start,
      end: value.end,
      key: key.value,
      keyEnd: key.end,
      keyQuoted: key.quote !== 'none',
      separator: frame.pendingSeparator,
      value,
    };
    this.pending.push(entry);
    frame.pendingKey = undefined;
    frame.pendingSeparator = undefined;
    return entry;
  }

  /** Files the frame's pending key without a value; `atClose`: right before the map's `}`. */
  private keyWithoutValue(frame: Frame, atClose: boolean): void {
    const key = frame.pendingKey!;
    const separator = frame.pendingSeparator;
    const end = separator !== undefined ? separator + 1 : key.end;
    this.pending.push({
      kind: 'keyValue',
      start: key.start,
      end,
      key: key.value,
      keyEnd: key.end,
      keyQuoted: key.quote !== 'none',
      separator,
      value: undefined,
    });
    frame.pendingKey = undefined;
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
    const frame = this.stack.pop()!;
    if (frame.pendingKey) this.keyWithoutValue(frame, closed);
    const node = frame.node;
    const own = this.pending.slice(frame.from);
    this.pending.length = frame.from;
    if (node.kind === 'map') node.entries = own as Entry[];
    else node.items = own as ValueNode[];
    node.end = end;
    node.closed = closed;
    if (frame.owner) frame.owner.end = end;
  }
}

/** A value nats-server refuses or misreads: an error at the value. */
function valueError(
  findings: Finding[],
  t: Token,
  code: FindingCode,
  message: string,
  origin: 'server' | 'lint',
): void {
  findings.push({ span: { start: t.start, end: t.end }, severity: 'error', code, message, origin });
}

function scalar(t: Token, findings: Finding[]): ValueNode | undefined {
  // Object literals with one fixed shape per kind: this runs once per value of a large file.
  const { start, end } = t;
  switch (t.kind) {
    case 'string':
      // A string token already has a string node's fields (and one spare, pathSpan): keep
      // it as the node rather than copy it, which large files feel.
      return t as Token & StringNode;
    case 'bool': {
      const lower = t.value.toLowerCase();
      return { kind: 'bool', start, end, value: lower === 'true' || lower === 'yes' || lower === 'on' };
    }
    case 'variable':
      return { kind: 'variable', start, end, name: t.value };
    case 'float': {
      const f = readFloat(t.value);
      if ('error' in f) {
        valueError(findings, t, 'number-range', f.error, 'server');
        return undefined;
      }
      return { kind: 'float', start, end, value: f.value };
    }
    case 'datetime': {
      const d = readDateTime(t.value);
      if (!d) {
        valueError(findings, t, 'datetime', `expected Zulu formatted DateTime, but got '${t.value}'`, 'server');
        return undefined;
      }
      return { kind: 'datetime', start, end, value: d };
    }
    case 'integer': {
      const r = readInteger(t.value);
      if (r.kind === 'error') {
        valueError(findings, t, 'number-range', r.message, 'server');
        return undefined;
      }
      if (r.kind === 'dropped') {
        valueError(
          findings,
          t,
          'size-suffix',
          `'${t.value}' has the size suffix '${r.suffix}', which nats-server does not know: it drops ` +
            `this key without a word. Use k, m, g, t, p, e (×1000) or kb/ki/kib, mb, gb, … (×1024).`,
          'lint',
        );
        return undefined;
      }
      if (r.wrapped) {
        valueError(
          findings,
          t,
          'number-overflow',
          `'${t.value}' does not fit in 64 bits: nats-server silently wraps it to ${r.exact ?? r.value}.`,
          'lint',
        );
      }
      return { kind: 'integer', start, end, value: r.value, exact: r.exact, suffix: r.suffix };
    }
    default:
      return undefined;
  }
}
