// Builds the syntax tree from the tokens, with an explicit stack (no recursion, so
// 100,000 nested `{` are fine), decodes number values as nats-server does, and turns
// the lexer's problems into findings.

import { Finding } from './diagnostics';
import { Token, tokenize } from './lexer';
import { readDateTime, readFloat, readInteger } from './numbers';
import { ArrayNode, CommentNode, ConfigTree, KeyNode, KeyValueNode, MapNode, Span, ValueNode } from './tree';
import { SyntaxRules } from './versions';

export interface ParseResult {
  tree: ConfigTree;
  findings: Finding[];
  /** True when nats-server would stop reading this file with a parse error. */
  hasFatalSyntaxError: boolean;
}

interface Frame {
  node: MapNode | ArrayNode;
  /** The entry that holds this container, to extend its span when it closes. */
  owner: KeyValueNode | undefined;
  pendingKey: KeyNode | undefined;
  pendingSeparator: Span | undefined;
}

export function parseConfig(text: string, rules: SyntaxRules): ParseResult {
  const { tokens, problems } = tokenize(text, rules);
  const findings: Finding[] = [];
  let fatal = false;
  for (const p of problems) {
    if (p.fatal) fatal = true;
    findings.push({
      span: p.span,
      severity: 'error',
      code: p.code,
      message: p.message,
      origin: p.fatal ? 'server' : 'lint',
    });
  }

  const root: MapNode = { kind: 'map', start: 0, end: text.length, entries: [], closed: true };
  const comments: CommentNode[] = [];
  const stack: Frame[] = [{ node: root, owner: undefined, pendingKey: undefined, pendingSeparator: undefined }];

  const keyWithoutValue = (frame: Frame, key: KeyNode, separator: Span | undefined, why: 'next' | 'close') => {
    const entry: KeyValueNode = { kind: 'keyValue', start: key.start, end: separator?.end ?? key.end, key, separator, value: undefined };
    (frame.node as MapNode).entries.push(entry);
    if (why === 'close') {
      findings.push({
        span: key,
        severity: 'error',
        code: 'missing-value',
        message: `The key '${key.text}' has no value. nats-server does not report this: it files the enclosing map under '${key.text}' and loses the key that held it.`,
        origin: 'lint',
      });
    }
  };

  /** Attaches a finished value (or a just-opened container) to the current frame. */
  const place = (value: ValueNode): KeyValueNode | undefined => {
    const frame = stack[stack.length - 1];
    if (frame.node.kind === 'array') {
      frame.node.items.push(value);
      return undefined;
    }
    const key = frame.pendingKey;
    if (!key) return undefined; // the lexer never emits a map value without a key
    const entry: KeyValueNode = {
      kind: 'keyValue',
      start: key.start,
      end: value.end,
      key,
      separator: frame.pendingSeparator,
      value,
    };
    frame.node.entries.push(entry);
    frame.pendingKey = undefined;
    frame.pendingSeparator = undefined;
    return entry;
  };

  const closeFrame = (end: number, closed: boolean) => {
    const frame = stack.pop()!;
    if (frame.pendingKey) keyWithoutValue(frame, frame.pendingKey, frame.pendingSeparator, closed ? 'close' : 'next');
    frame.node.end = end;
    frame.node.closed = closed;
    if (frame.owner) frame.owner.end = end;
  };

  let lastSignificant: Token | undefined;
  for (const t of tokens) {
    if (t.kind !== 'comment' && t.kind !== 'keySeparator') lastSignificant = t;
    const frame = stack[stack.length - 1];
    switch (t.kind) {
      case 'comment':
        comments.push({ start: t.start, end: t.end, text: t.value });
        break;
      case 'key': {
        if (frame.node.kind !== 'map') break;
        if (frame.pendingKey) keyWithoutValue(frame, frame.pendingKey, frame.pendingSeparator, 'next');
        frame.pendingKey = { start: t.start, end: t.end, text: t.value, quoted: t.quote !== 'none' };
        frame.pendingSeparator = undefined;
        break;
      }
      case 'keySeparator':
        frame.pendingSeparator = { start: t.start, end: t.end };
        break;
      case 'include': {
        if (frame.node.kind !== 'map') break;
        if (frame.pendingKey) keyWithoutValue(frame, frame.pendingKey, frame.pendingSeparator, 'next');
        frame.pendingKey = undefined;
        frame.node.entries.push({
          kind: 'include',
          start: t.start,
          end: t.end,
          path: t.value,
          pathSpan: t.pathSpan!,
          keywordSpan: { start: t.start, end: t.start + 'include'.length },
        });
        break;
      }
      case 'mapStart':
      case 'arrayStart': {
        const node: MapNode | ArrayNode =
          t.kind === 'mapStart'
            ? { kind: 'map', start: t.start, end: t.end, entries: [], closed: false }
            : { kind: 'array', start: t.start, end: t.end, items: [], closed: false };
        const owner = place(node);
        stack.push({ node, owner, pendingKey: undefined, pendingSeparator: undefined });
        break;
      }
      case 'mapEnd':
      case 'arrayEnd':
        if (stack.length > 1) closeFrame(t.end, true);
        break;
      default: {
        const value = scalar(t, text, findings);
        if (value) place(value);
        else if (frame.node.kind === 'map' && frame.pendingKey) {
          // nats-server sets nothing for this value; keep the key in the tree without one.
          keyWithoutValue(frame, frame.pendingKey, frame.pendingSeparator, 'next');
          frame.pendingKey = undefined;
        }
      }
    }
  }
  while (stack.length > 1) closeFrame(text.length, false);
  const top = stack[0];
  if (top.pendingKey) {
    const key = top.pendingKey;
    keyWithoutValue(top, key, top.pendingSeparator, 'next');
    if (lastSignificant?.kind === 'key' && key.text !== '}') {
      findings.push(
        rules.danglingKeyIsError
          ? {
              span: { start: text.length, end: text.length },
              severity: 'error',
              code: 'dangling-key',
              message: `config is invalid: the file ends after the key '${key.text}', which has no value.`,
              origin: 'server',
            }
          : {
              span: key,
              severity: 'warning',
              code: 'dangling-key',
              message: `The key '${key.text}' has no value; this nats-server version ignores it silently (2.9.22 and later refuse the file).`,
              origin: 'lint',
            },
      );
      if (rules.danglingKeyIsError) fatal = true;
    }
  }

  fatal ||= findings.some((f) => f.origin === 'server' && f.severity === 'error');
  return { tree: { text, root, comments }, findings, hasFatalSyntaxError: fatal };
}

function scalar(t: Token, text: string, findings: Finding[]): ValueNode | undefined {
  const base = { start: t.start, end: t.end, raw: text.slice(t.start, t.end) };
  switch (t.kind) {
    case 'string':
      return { ...base, kind: 'string', value: t.value, quote: t.quote ?? 'none' };
    case 'bool':
      return { ...base, kind: 'bool', value: ['true', 'yes', 'on'].includes(t.value.toLowerCase()) };
    case 'variable':
      return { ...base, kind: 'variable', name: t.value };
    case 'float': {
      const f = readFloat(t.value);
      if ('error' in f) {
        findings.push({ span: t, severity: 'error', code: 'number-range', message: f.error, origin: 'server' });
        return undefined;
      }
      return { ...base, kind: 'float', value: f.value };
    }
    case 'datetime': {
      const d = readDateTime(t.value);
      if (!d) {
        findings.push({
          span: t,
          severity: 'error',
          code: 'datetime',
          message: `expected Zulu formatted DateTime, but got '${t.value}'`,
          origin: 'server',
        });
        return undefined;
      }
      return { ...base, kind: 'datetime', value: d };
    }
    case 'integer': {
      const r = readInteger(t.value);
      if (r.kind === 'error') {
        findings.push({ span: t, severity: 'error', code: 'number-range', message: r.message, origin: 'server' });
        return undefined;
      }
      if (r.kind === 'dropped') {
        findings.push({
          span: t,
          severity: 'error',
          code: 'size-suffix',
          message: `'${t.value}' has the size suffix '${r.suffix}', which nats-server does not know: it drops this key without a word. Use k, m, g, t, p, e (×1000) or kb/ki/kib, mb, gb, … (×1024).`,
          origin: 'lint',
        });
        return undefined;
      }
      if (r.wrapped) {
        findings.push({
          span: t,
          severity: 'error',
          code: 'number-overflow',
          message: `'${t.value}' does not fit in 64 bits: nats-server silently wraps it to ${r.exact}.`,
          origin: 'lint',
        });
      }
      return { ...base, kind: 'integer', value: Number(r.exact), exact: r.exact, suffix: r.suffix };
    }
    default:
      return undefined;
  }
}
