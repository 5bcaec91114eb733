// Formatting, conservative: each line is indented by its nesting depth and loses trailing
// blanks; nothing else changes (comments, blank lines, quoting, separators stay as written).
// Text inside multi-line strings is never touched. Files nats-server cannot parse are left
// alone. Running it twice changes nothing the second time.

import { ConfigFile } from './document';
import { Range } from './positions';
import { KeyValueNode, MapNode, Span, ValueNode } from './tree';

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** Between a key and its value (not before a block's `{`): keep as written (default), or write `: ` or ` = `. */
  separator?: 'keep' | ':' | '=';
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits for the whole file, or for the lines a range touches. */
export function format(file: ConfigFile, options: FormattingOptions, range?: Range): TextEdit[] {
  if (file.findings.some((f) => f.code === 'syntax' && f.severity === 'error')) return [];
  const { text } = file.tree;
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const containers: Span[] = [];
  const strings: Span[] = [];
  const gaps: KeyValueNode[] = [];
  collect(file.tree.root, text, containers, strings, gaps);
  // Separator rewrites, per line: [start, end, text] within the line's content.
  const rewrites = new Map<number, [number, number, string][]>();
  if (options.separator && options.separator !== 'keep') {
    const wanted = options.separator === ':' ? ': ' : ' = ';
    for (const e of gaps) {
      const value = e.value!;
      const gap = text.slice(e.keyEnd, value.start);
      if (gap.includes('\n') || gap.includes('\r') || gap === wanted) continue;
      const line = file.lines.position(e.keyEnd).line;
      const lineStart = file.lines.offset({ line, character: 0 });
      const list = rewrites.get(line) ?? [];
      list.push([e.keyEnd - lineStart, value.start - lineStart, wanted]);
      rewrites.set(line, list);
    }
  }

  // Depth at each line start, by a sweep over container openings and closings.
  const events: [number, number][] = [];
  for (const c of containers) {
    events.push([c.start + 1, 1]);
    events.push([c.end, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const edits: TextEdit[] = [];
  const first = range ? range.start.line : 0;
  const last = range ? range.end.line : file.lines.lineCount - 1;
  let depth = 0;
  let e = 0;
  for (let line = 0; line < file.lines.lineCount; line++) {
    const start = file.lines.offset({ line, character: 0 });
    while (e < events.length && events[e][0] <= start) depth += events[e++][1];
    if (line < first || line > last) continue;
    const nextLine = text.indexOf('\n', start);
    const end = nextLine === -1 ? text.length : nextLine;
    const content = text.slice(start, end).replace(/\r$/, '');
    if (strings.some((s) => s.start < start && start < s.end)) continue; // inside a multi-line string
    const endsInString = strings.some((s) => s.start < end && end < s.end);
    let rewritten = content;
    for (const [from, to, by] of (rewrites.get(line) ?? []).sort((a, b) => b[0] - a[0]))
      rewritten = rewritten.slice(0, from) + by + rewritten.slice(to);
    const body = rewritten.replace(/^[ \t]+/, '');
    const trimmed = endsInString ? body : body.replace(/[ \t]+$/, '');
    const closes = /^[}\]]/.test(trimmed) ? 1 : 0;
    const wanted = trimmed === '' ? '' : unit.repeat(Math.max(0, depth - closes)) + trimmed;
    if (wanted !== content) {
      edits.push({
        range: { start: { line, character: 0 }, end: { line, character: content.length } },
        newText: wanted,
      });
    }
  }
  return edits;
}

/**
 * Containers (maps and arrays below the top), strings spanning lines, and entries whose separator may be
 * rewritten (all but blocks).
 */
function collect(root: MapNode, text: string, containers: Span[], strings: Span[], gaps: KeyValueNode[]): void {
  const work: ValueNode[] = [root];
  while (work.length > 0) {
    const node = work.pop()!;
    if (node.kind === 'map') {
      if (node !== root) containers.push({ start: node.start, end: node.closed ? node.end : text.length + 1 });
      for (const e of node.entries) {
        if (e.kind !== 'keyValue' || !e.value) continue;
        work.push(e.value);
        if (e.value.kind !== 'map') gaps.push(e);
      }
    } else if (node.kind === 'array') {
      containers.push({ start: node.start, end: node.closed ? node.end : text.length + 1 });
      for (const item of node.items) work.push(item);
    } else if (node.kind === 'string' && node.quote !== 'none' && text.slice(node.start, node.end).includes('\n')) {
      strings.push({ start: node.start, end: node.end });
    }
  }
}
