// The checker's two stable output formats.

import { Diagnostic } from '../service';

/** Control characters would break the one-line-per-finding contract. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

export function formatText(diagnostics: Diagnostic[], fileCount: number, version: string): string {
  const lines = diagnostics.map(
    (d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${oneLine(d.message)} [${d.code}]`,
  );
  const count = (severity: Diagnostic['severity'], noun: string) => {
    const n = diagnostics.filter((d) => d.severity === severity).length;
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  };
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  lines.push(`${count('error', 'error')}, ${count('warning', 'warning')} in ${files} (nats-server ${version})`);
  return lines.join('\n') + '\n';
}

export function formatJson(diagnostics: Diagnostic[]): string {
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
    }) + '\n'
  );
}
