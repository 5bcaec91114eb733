// `# nats-conf-disable-next-line [CODE, …]`: silences findings that start on the next line
// (all of them, or only those codes), in the CLI and the editor alike.

import { ConfigFile } from './document';
import { Finding } from './diagnostics';
import { closestFindingCode, isFindingCode } from './findingCodes';

const DIRECTIVE = /^\s*nats-conf-disable-next-line\b(.*)$/;

/** The file's findings without those its directives silence. */
export function unsuppressed(file: ConfigFile): Finding[] {
  const rules = new Map<number, Set<string> | 'all'>();
  const extra: Finding[] = [];
  for (const comment of file.tree.comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const line = file.lines.position(comment.start).line + 1;
    const codes = m[1].split(/[\s,]+/).filter((c) => c !== '');
    const unknown = codes.filter((c) => !isFindingCode(c));
    if (unknown.length) extra.push(unknownCodes(comment, unknown));
    const existing = rules.get(line);
    if (codes.length === 0 || existing === 'all') rules.set(line, 'all');
    else rules.set(line, new Set([...(existing ?? []), ...codes]));
  }
  if (rules.size === 0) return file.findings;
  const kept = file.findings.filter((f) => {
    const rule = rules.get(file.lines.position(f.span.start).line);
    return !(rule === 'all' || rule?.has(f.code));
  });
  return extra.length ? [...kept, ...extra] : kept;
}

/** A directive naming codes no finding has silences nothing: a typo the author would not see. */
function unknownCodes(comment: { start: number; end: number }, unknown: string[]): Finding {
  const named = unknown.map((code) => {
    const near = closestFindingCode(code);
    return `'${code}'${near ? ` (did you mean '${near}'?)` : ''}`;
  });
  const what = unknown.length === 1 ? 'is no finding code' : 'are no finding codes';
  return {
    span: { start: comment.start, end: comment.end },
    severity: 'warning',
    code: 'suppression-unknown',
    message: `${named.join(', ')} ${what}: this directive does not silence ${unknown.length === 1 ? 'it' : 'them'}.`,
    origin: 'lint',
  };
}
