// Quick fixes for the findings in a range: each finding's own repairs (a misspelled key, a
// duration to quote), and silencing it with `# nats-conf-disable-next-line CODE`.

import { Diagnostic } from './diagnostics';
import { ConfigFile } from './document';
import { Range } from './positions';

export interface CodeAction {
  title: string;
  diagnostic: Diagnostic;
  edits: { range: Range; newText: string }[];
  /** The fix an editor may apply on its own ("fix all"). */
  preferred: boolean;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Actions for `file`'s diagnostics that touch `range`. */
export function codeActions(file: ConfigFile, diagnostics: readonly Diagnostic[], range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.file !== file.path || !overlaps(d.range, range)) continue;
    for (const fix of d.fixes ?? [])
      actions.push({ title: fix.title, diagnostic: d, edits: fix.edits, preferred: true });
    const line = d.range.start.line;
    const lineText = file.tree.text.slice(
      file.lines.offset({ line, character: 0 }),
      file.lines.offset({ line: line + 1, character: 0 }),
    );
    const indent = /^[ \t]*/.exec(lineText)![0];
    actions.push({
      title: `Silence '${d.code}' on this line`,
      diagnostic: d,
      edits: [
        {
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          newText: `${indent}# nats-conf-disable-next-line ${d.code}\n`,
        },
      ],
      preferred: false,
    });
  }
  return actions;
}
