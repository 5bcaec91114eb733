// The syntax tree of one configuration file. Plain data: every node keeps its exact
// offsets into the text, so callers (checker, editor features) map them to lines
// and columns with a LineIndex. (A map or array that an edit moved holds its entries
// or items behind a getter until first read: reread.ts.)

export interface Span {
  /** Offset of the first UTF-16 code unit. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
}

export type ValueNode =
  StringNode | BoolNode | IntegerNode | FloatNode | DateTimeNode | VariableNode | MapNode | ArrayNode;

/** Scalars: their text as written is `tree.text.slice(start, end)`. */
type NodeBase = Span;

export type StringQuote = 'double' | 'single' | 'none' | 'block';

export interface StringNode extends NodeBase {
  kind: 'string';
  /** The value after escape processing. */
  value: string;
  quote: StringQuote;
}

export interface BoolNode extends NodeBase {
  kind: 'bool';
  value: boolean;
}

export interface IntegerNode extends NodeBase {
  kind: 'integer';
  /** The value after the size suffix is applied (as nats-server's int64 holds it). */
  value: number;
  /** The exact value, set only where `value` loses precision (beyond 2^53). */
  exact?: bigint;
  /** The size suffix as written (`k`, `Gi`, `MB`…), or '' for a plain number. */
  suffix: string;
}

export interface FloatNode extends NodeBase {
  kind: 'float';
  value: number;
}

export interface DateTimeNode extends NodeBase {
  kind: 'datetime';
  value: Date | undefined;
}

export interface VariableNode extends NodeBase {
  kind: 'variable';
  /** The name looked up: everything after `$`. */
  name: string;
}

export interface MapNode extends Span {
  kind: 'map';
  entries: Entry[];
  /** False when the closing `}` is missing. */
  closed: boolean;
}

export interface ArrayNode extends Span {
  kind: 'array';
  items: ValueNode[];
  closed: boolean;
}

export type Entry = KeyValueNode | IncludeNode;

/**
 * `key = value` in a map. The key is kept inline (not as a node of its own): large
 * files hold hundreds of thousands of entries, and one object less each counts.
 */
export interface KeyValueNode extends Span {
  kind: 'keyValue';
  /** The key as written, without quotes; `start` is where it begins (at its quote, if quoted). */
  key: string;
  /** Offset just past the key (and its closing quote). */
  keyEnd: number;
  keyQuoted: boolean;
  /** Offset of the `:` or `=` between key and value, if any (it is one character). */
  separator: number | undefined;
  /** Undefined when the value is missing (a syntax error, or nats-server drops it). */
  value: ValueNode | undefined;
}

/** The span of an entry's key. */
export function keySpan(entry: KeyValueNode): Span {
  return { start: entry.start, end: entry.keyEnd };
}

export interface IncludeNode extends Span {
  kind: 'include';
  /** The path as written, without quotes. */
  path: string;
  pathSpan: Span;
  keywordSpan: Span;
}

export interface CommentNode extends Span {
  /** The comment text without its `#` or `//`. */
  text: string;
}

/** The parsed file: the top-level map, comments, and the syntax findings. */
export interface ConfigTree {
  text: string;
  root: MapNode;
  comments: CommentNode[];
}
