// Rename a variable: the key that defines it and every `$reference` bound to that key, in
// the file and the files it includes.

import { ConfigModel } from './document';
import { KeyValueNode, Span, ValueNode, VariableNode, keySpan } from './tree';

export interface RenameEdit {
  file: string;
  span: Span;
  newText: string;
}

/** The defining key of the variable (or variable-defining key) at `offset`. */
function definitionAt(model: ConfigModel, offset: number): { entry: KeyValueNode; file: string } | undefined {
  for (const [node, binding] of model.bindings) {
    if (binding.kind !== 'key') continue;
    if (node.start <= offset && offset <= node.end && referenceFile(model, node) === model.root.path)
      return binding.definition;
    const def = binding.definition;
    if (def.file === model.root.path && def.entry.start <= offset && offset <= def.entry.keyEnd) return def;
  }
  return undefined;
}

/** The file a reference stands in. */
function referenceFile(model: ConfigModel, node: VariableNode): string | undefined {
  for (const f of model.files) {
    if (contains(f.tree.root, node)) return f.path;
  }
  return undefined;
}

function contains(root: ValueNode, target: ValueNode): boolean {
  const work: ValueNode[] = [root];
  while (work.length > 0) {
    const n = work.pop()!;
    if (n === target) return true;
    if (n.kind === 'map') for (const e of n.entries) if (e.kind === 'keyValue' && e.value) work.push(e.value);
    if (n.kind === 'array') work.push(...n.items);
  }
  return false;
}

/** Edits that rename the variable at `offset` to `newName`, or undefined when there is none there. */
export function renameVariable(model: ConfigModel, offset: number, newName: string): RenameEdit[] | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) return undefined;
  const def = definitionAt(model, offset);
  if (!def) return undefined;
  const edits: RenameEdit[] = [
    { file: def.file, span: keySpan(def.entry), newText: def.entry.keyQuoted ? `"${newName}"` : newName },
  ];
  for (const [node, binding] of model.bindings) {
    if (binding.kind === 'key' && binding.definition.entry === def.entry) {
      const file = referenceFile(model, node);
      if (file) edits.push({ file, span: node, newText: `$${newName}` });
    }
  }
  return edits;
}
