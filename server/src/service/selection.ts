// Selection ranges: from the word at a position outward, entry by entry and block by block,
// to the whole file (what "expand selection" walks through).

import { ConfigTree, Span, ValueNode, keySpan } from './tree';

/** The spans around `offset`, innermost first. */
export function selectionSpans(tree: ConfigTree, offset: number): Span[] {
  const chain: Span[] = [{ start: 0, end: tree.text.length }];
  let node: ValueNode = tree.root;
  // Each turn goes one node deeper: the loop ends at the innermost node around the offset.
  for (;;) {
    let next: ValueNode | undefined;
    if (node.kind === 'map') {
      for (const e of node.entries) {
        if (e.start > offset || offset > e.end) continue;
        chain.push({ start: e.start, end: e.end });
        if (e.kind === 'include') {
          if (e.pathSpan.start <= offset && offset <= e.pathSpan.end) chain.push(e.pathSpan);
          break;
        }
        if (offset <= e.keyEnd) chain.push(keySpan(e));
        else if (e.value && e.value.start <= offset && offset <= e.value.end) next = e.value;
        break;
      }
    } else if (node.kind === 'array') {
      next = node.items.find((i) => i.start <= offset && offset <= i.end);
    }
    if (!next) break;
    chain.push({ start: next.start, end: next.end });
    node = next;
  }
  // Innermost first, without repeats (the spans nest, so a repeat is next to its twin).
  const out: Span[] = [];
  for (const s of chain.reverse()) {
    const last = out[out.length - 1];
    if (!last || last.start !== s.start || last.end !== s.end) out.push(s);
  }
  return out;
}
