// The word under the cursor in the command of a container or Compose service that runs nats-server
// (`command:`, `args:`, `entrypoint:`, a string or a list), for completing and explaining its flags.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from '../tree';
import { embeddedText } from '../yaml/embeddedText';
import { keyText, type YamlFile } from '../yaml/yamlFile';
import { runsNatsServer } from './deployment';

const COMMAND_KEYS = new Set(['command', 'args', 'entrypoint']);

interface CommandWord {
  /** The word as written around the offset (`--cluster_na`). */
  word: string;
  /** Where the word stands in the YAML. */
  span: Span;
  /** Its part before the offset. */
  prefix: string;
  /** From the word's start to the offset: what a completion replaces. */
  prefixSpan: Span;
}

/** The command word at `offset`, when it is in the command of something that runs nats-server. */
export function commandWordAt(file: YamlFile, offset: number): CommandWord | undefined {
  for (const document of file.documents) {
    const [start, , end] = document.doc.range;
    if (offset < start || offset > end) continue;
    const found = scalarInCommand(document.doc.contents as Node | null, offset);
    if (!found) continue;
    const embedded = embeddedText(found, file.text);
    const at = embedded?.fromSource(offset);
    if (!embedded || at === undefined) return undefined;
    const { text } = embedded;
    let from = at;
    while (from > 0 && !/\s/.test(text[from - 1])) from--;
    let to = at;
    while (to < text.length && !/\s/.test(text[to])) to++;
    const word = text.slice(from, to);
    const startOffset = embedded.toSource(from);
    return {
      word,
      span: { start: startOffset, end: to > from ? embedded.toSource(to - 1) + 1 : startOffset },
      prefix: text.slice(from, at),
      prefixSpan: { start: startOffset, end: offset },
    };
  }
  return undefined;
}

/** The scalar holding `offset` below a command key of a map that runs nats-server. */
function scalarInCommand(node: Node | null, offset: number): Node | undefined {
  if (!node?.range || offset < node.range[0] || offset > node.range[1]) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = pair.value as Node | null;
      if (!value?.range || offset < value.range[0] || offset > value.range[1]) continue;
      const key = keyText(pair);
      if (key !== undefined && COMMAND_KEYS.has(key) && runsNatsServer(node)) {
        if (isScalar(value)) return value;
        if (isSeq(value)) return value.items.find((i) => isScalar(i) && inside(i as Node, offset)) as Node | undefined;
      }
      return scalarInCommand(value, offset);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = scalarInCommand(item as Node, offset);
      if (found) return found;
    }
  }
  return undefined;
}

const inside = (node: Node, offset: number) => !!node.range && offset >= node.range[0] && offset <= node.range[1];
