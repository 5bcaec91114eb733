// Findings as plain data. A finding belongs to one file and points at offsets in it;
// `toDiagnostic` turns it into lines and columns for the CLI and the language server.

import { LineIndex, Range } from './positions';
import { Span } from './tree';
import type { FindingCode } from './findingCodes';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * server: nats-server itself reports it for the chosen version (refuses the file,
 *         refuses to start, or prints a warning);
 * lint:   advice beyond the server's own checks, including what it silently gets wrong;
 * cluster: needs several node configs read together.
 */
export type Origin = 'server' | 'lint' | 'cluster' | 'live';

/** A change that repairs a finding, in the finding's own file. */
export interface Fix {
  title: string;
  edits: { span: Span; newText: string }[];
}

export interface Finding {
  span: Span;
  severity: Severity;
  /** Stable identifier, e.g. `syntax`, `include-cycle`: a key of the registry (findingCodes.ts). */
  code: FindingCode;
  message: string;
  origin: Origin;
  fixes?: Fix[];
  /** The other end of a finding (where a string opens, the later duplicate, …); `file` defaults to the finding's. */
  related?: { file?: string; span: Span; message: string }[];
}

export interface Diagnostic {
  /** The file's path as the caller named it (an included file: as nats-server joins it). */
  file: string;
  range: Range;
  severity: Severity;
  code: FindingCode;
  message: string;
  origin: Origin;
  /** Repairs, in `file` (not part of the CLI's JSON). */
  fixes?: { title: string; edits: { range: Range; newText: string }[] }[];
  /** Other places the finding concerns (not part of the CLI's JSON). */
  related?: { file: string; range: Range; message: string }[];
}

/** `linesOf` gives the line index of another file, for related places there. */
export function toDiagnostic(
  file: string,
  lines: LineIndex,
  f: Finding,
  linesOf?: (file: string) => LineIndex | undefined,
): Diagnostic {
  const d: Diagnostic = {
    file,
    range: lines.range(f.span),
    severity: f.severity,
    code: f.code,
    message: f.message,
    origin: f.origin,
  };
  if (f.fixes)
    d.fixes = f.fixes.map((x) => ({
      title: x.title,
      edits: x.edits.map((e) => ({ range: lines.range(e.span), newText: e.newText })),
    }));
  if (f.related) {
    d.related = [];
    for (const r of f.related) {
      const other = r.file === undefined || r.file === file ? lines : linesOf?.(r.file);
      if (other) d.related.push({ file: r.file ?? file, range: other.range(r.span), message: r.message });
    }
  }
  return d;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
