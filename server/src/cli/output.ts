// The checker's two stable output formats.

import { Diagnostic } from '../service';

/** Control characters would break the one-line-per-finding contract. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** A file given on the command line that could not be read, and why (`no such file or directory`). */
export interface Unreadable {
  file: string;
  message: string;
}

/**
 * The findings, then one summary line: `E errors, W warnings, I information in N files (nats-server X)`,
 * N counting the files checked; `; U files could not be read` is added when some were not, so that
 * a run that read nothing never reads as a clean one.
 */
export function formatText(diagnostics: Diagnostic[], fileCount: number, version: string, unreadableCount = 0): string {
  const lines = diagnostics.map(
    (d) =>
      `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}` +
      `: ${d.severity}: ${oneLine(d.message)} [${d.code}]`,
  );
  const counted = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const counts = [
    plural(counted('error'), 'error'),
    plural(counted('warning'), 'warning'),
    `${counted('information')} information`,
  ];
  // Hints come only from a severity changed in an editor's settings: named when there are some.
  if (counted('hint')) counts.push(plural(counted('hint'), 'hint'));
  const unreadable = unreadableCount ? `; ${plural(unreadableCount, 'file')} could not be read` : '';
  lines.push(`${counts.join(', ')} in ${plural(fileCount, 'file')} (nats-server ${version})${unreadable}`);
  return lines.join('\n') + '\n';
}

/** `unreadable` appears only when a file could not be read, so the usual output is unchanged. */
export function formatJson(diagnostics: Diagnostic[], unreadable: Unreadable[] = []): string {
  return (
    JSON.stringify({
      diagnostics: diagnostics.map((d) => ({
        file: d.file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: d.message,
        origin: d.origin,
      })),
      ...(unreadable.length ? { unreadable: unreadable.map((u) => ({ file: u.file, message: u.message })) } : {}),
    }) + '\n'
  );
}
