// `# nats-conf-disable-next-line [CODE, …]`: silences findings that start on the next line
// (all of them, or only those codes), in the CLI and the editor alike.

import { ConfigFile } from './document';
import { Finding } from './diagnostics';

const DIRECTIVE = /^\s*nats-conf-disable-next-line\b(.*)$/;

/** The file's findings without those its directives silence. */
export function unsuppressed(file: ConfigFile): Finding[] {
  const rules = new Map<number, Set<string> | 'all'>();
  for (const comment of file.tree.comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const line = file.lines.position(comment.start).line + 1;
    const codes = m[1].split(/[\s,]+/).filter((c) => c !== '');
    const existing = rules.get(line);
    if (codes.length === 0 || existing === 'all') rules.set(line, 'all');
    else rules.set(line, new Set([...(existing ?? []), ...codes]));
  }
  if (rules.size === 0) return file.findings;
  return file.findings.filter((f) => {
    const rule = rules.get(file.lines.position(f.span.start).line);
    return !(rule === 'all' || rule?.has(f.code));
  });
}
