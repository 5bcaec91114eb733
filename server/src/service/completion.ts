// Completion: the keys valid in the block at the cursor (for the chosen release), and the
// values the option there accepts, from the catalogue; `$variables` in scope.

import { availableIn, block, type OptionSpec, type ValueSpec } from './catalogue/catalogue';
import { ConfigModel } from './document';
import { cursorContext, type CursorContext } from './cursor';
import { KeyValueNode, MapNode, Span } from './tree';
import { optionDocumentation } from './hover';

export type CompletionKind = 'key' | 'value' | 'variable' | 'block';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text to insert; a snippet (with $1, $0 tab stops) when `snippet` is set. */
  insertText: string;
  snippet: boolean;
  /** The text the item replaces (the word typed so far). */
  replace: Span;
  deprecated?: boolean;
  /** Orders items: lower first. */
  sortText?: string;
}

export function complete(model: ConfigModel, offset: number): CompletionItem[] {
  const { tree } = model.root;
  return completeIn(model, cursorContext(tree.root, tree.text, offset), offset, offset);
}

/**
 * Completion in a context found already; `treeOffset` is the position in the tree's text (it
 * differs from `offset` where the text changed since the tree was read).
 */
export function completeIn(
  model: ConfigModel,
  ctx: CursorContext,
  offset: number,
  treeOffset: number,
): CompletionItem[] {
  const replace = { start: ctx.prefixStart, end: offset };
  if (ctx.prefix.startsWith('$')) return variables(ctx.map, ctx.path, model.root.tree.root, treeOffset, replace);
  if (ctx.writingValue) {
    if (!ctx.option) return [];
    const isPath = ctx.option.values.some((f) => f.type === 'string' && f.format === 'path');
    return isPath
      ? [...paths(model, ctx.prefix, replace), ...values(ctx.option, replace)]
      : values(ctx.option, replace);
  }
  if (!ctx.blockId) return [];
  return keys(model, ctx.blockId, ctx.map, ctx.valueOf, replace, ctx.typedKeys);
}

function keys(
  model: ConfigModel,
  blockId: string,
  map: MapNode,
  editing: KeyValueNode | undefined,
  replace: Span,
  typedKeys: readonly string[] = [],
): CompletionItem[] {
  const spec = block(blockId);
  if (!spec) return [];
  const present = new Set(
    map.entries
      .filter((e): e is KeyValueNode => e.kind === 'keyValue' && e !== editing && e.start !== replace.start)
      .map((e) => e.key.toLowerCase()),
  );
  for (const key of typedKeys) present.add(key.toLowerCase());
  const items: CompletionItem[] = [];
  for (const option of spec.options) {
    if (!availableIn(option, model.version)) continue;
    const names = [option.name, ...(option.aliases ?? [])];
    if (names.some((n) => present.has(n.toLowerCase()))) continue;
    const isBlock = option.values[0]?.type === 'map';
    items.push({
      label: option.name,
      kind: isBlock ? 'block' : 'key',
      detail: typeLine(option.values),
      documentation: optionDocumentation(option),
      insertText: isBlock ? `${option.name} {\n\t$0\n}` : `${option.name}: $0`,
      snippet: true,
      replace,
      deprecated: option.deprecated !== undefined,
      sortText: `${option.deprecated ? '1' : '0'}${option.name}`,
    });
  }
  return items;
}

function values(option: OptionSpec, replace: Span): CompletionItem[] {
  const items: CompletionItem[] = [];
  const add = (label: string, insertText: string, detail: string, snippet = false) => {
    if (!items.some((i) => i.label === label))
      items.push({
        label,
        kind: 'value',
        detail,
        insertText,
        snippet,
        replace,
        sortText: String(items.length).padStart(3, '0'),
      });
  };
  const walk = (forms: readonly ValueSpec[]) => {
    for (const form of forms) {
      switch (form.type) {
        case 'string':
          for (const word of form.enum ?? []) add(word, word, `a value of ${option.name}`);
          break;
        case 'boolean':
          add('true', 'true', 'boolean');
          add('false', 'false', 'boolean');
          break;
        case 'duration':
          // Quoted: an unquoted 2m would be the number 2,000,000.
          for (const d of ['"10s"', '"30s"', '"2m"', '"1h"']) add(d, d, 'a duration (quoted: unquoted 2m is a size)');
          break;
        case 'size':
          for (const s of ['1MB', '64MB', '1GB', '10GB'])
            add(s, s, 'a size: MB/GB are binary (1024²/1024³), M/G decimal');
          break;
        case 'integer':
          if (form.unit === 'port') {
            add('-1', '-1', 'a random free port');
          }
          break;
        case 'map': {
          const child = block(form.block);
          add('{ … }', '{\n\t$0\n}', child ? `a ${child.title} block` : 'a block', true);
          break;
        }
        case 'array':
          add('[ … ]', '[\n\t$0\n]', 'a list', true);
          break;
        default:
          break;
      }
    }
  };
  walk(option.values);
  if (option.default && !items.length) add(option.default, option.default, 'the default');
  return items;
}

/** Files and folders for a path being typed, relative to nats-server's working directory. */
function paths(model: ConfigModel, prefix: string, replace: Span): CompletionItem[] {
  const host = model.host;
  if (!host.listDirectory) return [];
  const quote = /^["']/.exec(prefix)?.[0] ?? '';
  const typed = prefix.slice(quote.length);
  const slash = typed.lastIndexOf('/');
  const folderTyped = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const folder = folderTyped.startsWith('/') ? folderTyped : `${host.cwd ?? '.'}/${folderTyped}`;
  return host
    .listDirectory(folder || '/')
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({
      label: name,
      kind: 'value' as const,
      detail: name.endsWith('/') ? 'folder' : 'file',
      insertText: `${quote}${folderTyped}${name}${name.endsWith('/') || !quote ? '' : quote}`,
      snippet: false,
      replace,
      sortText: `${name.endsWith('/') ? '0' : '1'}${name}`,
    }));
}

/** Keys defined before the position in the enclosing maps: what a `$reference` here can name. */
function variables(map: MapNode, path: KeyValueNode[], root: MapNode, offset: number, replace: Span): CompletionItem[] {
  const maps: MapNode[] = [root];
  for (const e of path) if (e.value?.kind === 'map') maps.push(e.value);
  if (maps[maps.length - 1] !== map) maps.push(map);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (let i = maps.length - 1; i >= 0; i--) {
    for (const e of maps[i].entries) {
      // Only keys whose value is complete before the reference (not the entry being written).
      if (e.kind !== 'keyValue' || !e.value || e.end >= offset || seen.has(e.key)) continue;
      seen.add(e.key);
      items.push({
        label: `$${e.key}`,
        kind: 'variable',
        detail: 'defined earlier in this file',
        insertText: `$${e.key}`,
        snippet: false,
        replace,
      });
    }
  }
  return items;
}

/** `integer (bytes) or string`: the forms an option takes, in a few words. */
function typeLine(forms: readonly ValueSpec[]): string {
  const words = forms.map((f) => {
    switch (f.type) {
      case 'string':
        return f.enum ? f.enum.join(' | ') : f.format ? `string (${f.format})` : 'string';
      case 'integer':
        return f.unit ? `integer (${f.unit})` : 'integer';
      case 'duration':
        return 'duration ("10s", "2m")';
      case 'size':
        return 'size (64MB, 1GiB)';
      case 'map':
        return `{ ${block(f.block)?.title ?? f.block} }`;
      case 'array':
        return `[ ${typeLine(f.items)} ]`;
      default:
        return f.type;
    }
  });
  return [...new Set(words)].join(' or ');
}
