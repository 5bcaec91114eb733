// textDocument/documentSymbol and textDocument/foldingRange.

import {
  FoldingRangeKind,
  SymbolKind,
  type Connection,
  type DocumentSymbol,
  type FoldingRange,
  type SelectionRange,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type ConfigSymbol, type LineIndex, type SymbolKind as ServiceSymbolKind } from '../../service';
import { forDocument } from '../runSafe';
import type { Workspace } from '../workspace';
import type { EditorAbilities } from '../clientCapabilities';

/**
 * Answers are nested JSON, and JSON.stringify overflows the stack a few thousand levels down:
 * outlines stop at this depth (saying how many levels are not shown), selection ranges keep
 * the innermost and the outermost levels.
 */
const MAX_OUTLINE_DEPTH = 200;
const INNERMOST_SELECTIONS = 150;
const OUTERMOST_SELECTIONS = 50;

const kinds: Record<ServiceSymbolKind, SymbolKind> = {
  block: SymbolKind.Namespace,
  list: SymbolKind.Array,
  setting: SymbolKind.Property,
  include: SymbolKind.File,
};

export function registerOutline(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  editor: EditorAbilities,
): void {
  connection.onDocumentSymbol((params, token) =>
    forDocument<DocumentSymbol[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'document symbols', token },
      [],
      (doc) => {
        const { root } = workspace.read(doc);
        return workspace.service.symbols(workspace.ref(doc), MAX_OUTLINE_DEPTH).map((s) => toSymbol(s, root.lines));
      },
    ),
  );
  connection.onFoldingRanges((params, token) =>
    forDocument<FoldingRange[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'folding ranges', token },
      [],
      (doc) => {
        return workspace.service.folding(workspace.ref(doc), editor.foldingLimit).map((f) => ({
          startLine: f.startLine,
          endLine: f.endLine,
          kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
        }));
      },
    ),
  );
}

export function registerSelection(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
): void {
  connection.onSelectionRanges((params, token) =>
    forDocument<SelectionRange[]>(
      connection,
      documents,
      params.textDocument.uri,
      { what: 'selection ranges', token },
      [],
      (doc) => {
        const { root } = workspace.read(doc);
        return params.positions.map((p) => {
          let spans = workspace.service.selection(workspace.ref(doc), doc.offsetAt(p));
          if (spans.length > INNERMOST_SELECTIONS + OUTERMOST_SELECTIONS)
            spans = [...spans.slice(0, INNERMOST_SELECTIONS), ...spans.slice(-OUTERMOST_SELECTIONS)];
          let parent: SelectionRange | undefined;
          for (const s of [...spans].reverse()) parent = { range: root.lines.range(s), parent };
          return parent ?? { range: { start: p, end: p } };
        });
      },
    ),
  );
}

/** Converts without recursion: outlines can be deep. */
function toSymbol(top: ConfigSymbol, lines: LineIndex): DocumentSymbol {
  const convert = (s: ConfigSymbol): DocumentSymbol => ({
    name: s.name || ' ',
    detail: s.detail,
    kind: kinds[s.kind],
    range: lines.range(s.span),
    selectionRange: lines.range(s.selection),
    children: [],
  });
  const root = convert(top);
  const work: [ConfigSymbol, DocumentSymbol][] = [[top, root]];
  while (work.length > 0) {
    const [from, to] = work.pop()!;
    for (const child of from.children) {
      const converted = convert(child);
      to.children!.push(converted);
      work.push([child, converted]);
    }
  }
  return root;
}
