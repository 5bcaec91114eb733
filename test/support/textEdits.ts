// Applies the service's edits (quick fixes, formatting) to a text, as an editor would.

export interface LineCharacter {
  line: number;
  character: number;
}

export interface RangeEdit {
  range: { start: LineCharacter; end: LineCharacter };
  newText: string;
}

/** The text with `edits` applied (ranges of the original text, applied from the last to the first). */
export function applyEdits(text: string, edits: readonly RangeEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: LineCharacter) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
