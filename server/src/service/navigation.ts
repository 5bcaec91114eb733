// Go to definition (`$VAR` to the key it names, `include` to the file) and document links
// (included files, certificate, key and CA files).

import { ConfigModel } from './document';
import { findOption } from './catalogue/catalogue';
import { includeTarget } from './includes';
import { IncludeNode, MapNode, Span, ValueNode, VariableNode, keySpan } from './tree';
import { isAbsolute, join } from 'node:path';

export interface Location {
  /** The file, as the model names it. */
  file: string;
  span: Span;
}

export interface DocumentLink {
  span: Span;
  /** The file the link opens (absolute, or relative to the current directory). */
  target: string;
}

/** Where the thing at `offset` is defined. */
export function definition(model: ConfigModel, offset: number): Location | undefined {
  const root = model.root;
  const node = nodeAt(root.tree.root, offset);
  if (node?.kind === 'variable') {
    const binding = model.bindings.get(node);
    if (binding?.kind === 'key') return { file: binding.definition.file, span: keySpan(binding.definition.entry) };
    return undefined;
  }
  if (node?.kind === 'include') {
    const target = model.includes.get(node)?.file;
    if (target) return { file: target.path, span: { start: 0, end: 0 } };
  }
  return undefined;
}

/** Links for included files and for files nats-server opens (resolved against `cwd`). */
export function documentLinks(model: ConfigModel): DocumentLink[] {
  const root = model.root;
  const links: DocumentLink[] = [];
  const cwd = model.host.cwd ?? '.';
  const work: { map: MapNode; blockId: string | undefined }[] = [{ map: root.tree.root, blockId: 'top' }];
  while (work.length > 0) {
    const { map, blockId } = work.pop()!;
    for (const e of map.entries) {
      if (e.kind === 'include') {
        links.push({ span: e.pathSpan, target: includeTarget(root.path, e.path) });
        continue;
      }
      const v = e.value;
      if (!v) continue;
      const option = blockId ? findOption(blockId, e.key) : undefined;
      if (v.kind === 'map') {
        const child = option?.values.find((f) => f.type === 'map');
        work.push({ map: v, blockId: child?.type === 'map' ? child.block : undefined });
      } else if (v.kind === 'array') {
        for (const item of v.items) if (item.kind === 'map') work.push({ map: item, blockId: undefined });
      } else if (
        v.kind === 'string' &&
        option?.values.some((f) => f.type === 'string' && f.format === 'path') &&
        v.value !== ''
      ) {
        links.push({ span: v, target: isAbsolute(v.value) ? v.value : join(cwd, v.value) });
      }
    }
  }
  return links;
}

/** The variable or include at `offset`, if any. */
function nodeAt(root: MapNode, offset: number): VariableNode | IncludeNode | undefined {
  const work: ValueNode[] = [root];
  while (work.length > 0) {
    const node = work.pop()!;
    if (node.kind === 'variable' && node.start <= offset && offset <= node.end) return node;
    if (node.kind === 'map') {
      for (const e of node.entries) {
        if (e.kind === 'include') {
          if (e.start <= offset && offset <= e.end) return e;
        } else if (e.value && e.start <= offset && offset <= e.end) work.push(e.value);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) if (item.start <= offset && offset <= item.end) work.push(item);
    }
  }
  return undefined;
}
