// Offsets to zero-based lines and UTF-16 characters (the LSP's default encoding).
// Like nats-server, only `\n` starts a new line; a lone `\r` does not.

import { Span } from './tree';
import { lastAtOrBefore } from './shared/sortedSearch';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, o); // the first line starts at 0
    return { line, character: o - this.starts[line] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineEnd = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] - 1 : this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  /** One-based line number of an offset, as nats-server counts lines. */
  lineNumber(offset: number): number {
    return this.position(offset).line + 1;
  }
}
