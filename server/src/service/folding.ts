// Folding ranges: blocks and lists that span lines, runs of comment lines, block strings.

import { LineIndex } from './positions';
import { ConfigTree, MapNode, ValueNode } from './tree';

export interface FoldingRange {
  /** Zero-based lines. */
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

/**
 * At most `limit` ranges (an editor shows no more; LSP clients may say their own limit):
 * the outermost blocks first, so a file nested thousands deep still folds at the top.
 */
export function foldingRanges(tree: ConfigTree, lines: LineIndex, limit = 5000): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind: FoldingRange['kind']) => {
    if (out.length >= limit) return;
    const s = lines.position(start).line;
    const e = lines.position(end).line;
    if (e > s) out.push({ startLine: s, endLine: kind === 'region' ? Math.max(s, e - 1) : e, kind });
  };
  // Breadth first: outer blocks before inner ones.
  const work: ValueNode[] = [tree.root];
  for (let next = 0; next < work.length && out.length < limit; next++) {
    const node = work[next];
    if (node.kind === 'map') {
      if (node !== tree.root) add(node.start, node.end, 'region');
      for (const e of (node as MapNode).entries) if (e.kind === 'keyValue' && e.value) work.push(e.value);
    } else if (node.kind === 'array') {
      add(node.start, node.end, 'region');
      for (const item of node.items) work.push(item);
    } else if (node.kind === 'string' && node.quote === 'block') {
      add(node.start, node.end, 'region');
    }
  }
  // Consecutive comment lines fold together.
  let runStart = -1;
  let prevLine = -2;
  for (const c of tree.comments) {
    const line = lines.position(c.start).line;
    if (line !== prevLine + 1) {
      if (runStart >= 0 && prevLine > runStart) out.push({ startLine: runStart, endLine: prevLine, kind: 'comment' });
      runStart = line;
    }
    prevLine = line;
  }
  if (runStart >= 0 && prevLine > runStart) out.push({ startLine: runStart, endLine: prevLine, kind: 'comment' });
  return out.sort((a, b) => a.startLine - b.startLine);
}
