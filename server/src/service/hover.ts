// Hover: for a key, what the option is (type, default, releases, docs); for a value, what
// nats-server makes of it (1Gi in bytes, a duration in words, the 2m trap); for a
// `$reference`, its value and where it is defined.

import { block, findOption, optionDocs, sinceText, type OptionSpec } from './catalogue/catalogue';
import { describeForms } from './catalogue/describe';
import { ConfigModel } from './document';
import { cursorContext } from './cursor';
import { describeSeconds, parseGoDuration } from './durations';
import { KeyValueNode, MapNode, Span, ValueNode, keySpan } from './tree';
import { bindingValue } from './variables';
import { tlsFileHover } from './tls/hoverText';

export interface Hover {
  /** Markdown. */
  contents: string;
  span: Span;
}

export function optionDocumentation(option: OptionSpec): string {
  const lines = [option.description, ''];
  lines.push(`**Type:** ${describeForms(option.values, { markdown: true })}`);
  if (option.aliases?.length) lines.push(`**Also written:** ${option.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (option.default) lines.push(`**Default:** ${option.default}`);
  lines.push(
    `**Available:**` +
      ` ${option.since ? `since nats-server ${sinceText(option.since)}` : 'in every release from 2.9'}` +
      `${option.until ? `, until ${option.until}` : ''}`,
  );
  if (option.deprecated) lines.push(`**Deprecated:** ${option.deprecated}`);
  const docs = optionDocs(option);
  if (docs) lines.push(`[Documentation](${docs})`);
  return lines.join('  \n');
}

export function hover(model: ConfigModel, offset: number): Hover | undefined {
  const { tree } = model.root;
  const ctx = cursorContext(tree.root, tree.text, offset);
  for (const e of ctx.map.entries) {
    if (e.kind !== 'keyValue') continue;
    if (e.start <= offset && offset < e.keyEnd)
      return withTlsFile(model, ctx.map, e, ctx.blockId, keyHover(e, ctx.blockId));
    const v = e.value;
    if (!v) continue;
    const option = ctx.blockId ? findOption(ctx.blockId, e.key) : undefined;
    if (v.kind === 'string' && v.start <= offset && offset < v.end)
      return withTlsFile(model, ctx.map, e, ctx.blockId, valueHover(model, v, option), v);
    if (v.kind === 'array') {
      const item = v.items.find((i) => i.kind !== 'map' && i.kind !== 'array' && i.start <= offset && offset < i.end);
      if (item) return valueHover(model, item, option);
    } else if (v.kind !== 'map' && v.start <= offset && offset < v.end) return valueHover(model, v, option);
  }
  return undefined;
}

/** On cert_file, key_file and ca_file of a TLS block: what the file holds, after the option's text. */
function withTlsFile(
  model: ConfigModel,
  map: MapNode,
  entry: KeyValueNode,
  blockId: string | undefined,
  hover: Hover | undefined,
  span: Span = hover?.span ?? keySpan(entry),
): Hover | undefined {
  if (blockId !== 'tls' && blockId !== 'tls.cert') return hover;
  const text = tlsFileHover(model, map, entry);
  if (!text) return hover;
  return { span: hover?.span ?? span, contents: hover ? `${hover.contents}\n\n---\n\n${text}` : text };
}

function keyHover(entry: KeyValueNode, blockId: string | undefined): Hover {
  const option = blockId ? findOption(blockId, entry.key) : undefined;
  const title = block(blockId ?? '')?.title;
  if (!option) {
    return {
      span: keySpan(entry),
      contents: blockId ? `\`${entry.key}\` is not an option of ${title}.` : `\`${entry.key}\``,
    };
  }
  return {
    span: keySpan(entry),
    contents: `**${option.name}**${title ? ` (${title})` : ''}\n\n${optionDocumentation(option)}`,
  };
}

function valueHover(model: ConfigModel, node: ValueNode, option: OptionSpec | undefined): Hover | undefined {
  const text = model.root.tree.text;
  const raw = text.slice(node.start, node.end);
  const expectsDuration = option?.values.some((f) => f.type === 'duration') ?? false;
  switch (node.kind) {
    case 'integer': {
      const n = node.value.toLocaleString('en-US');
      if (expectsDuration && node.suffix !== '') {
        return {
          span: node,
          contents:
            `\`${raw}\` is the number ${n}: a size, not a duration. As ${option!.name} ` +
            `it means ${n} seconds (about ${describeSeconds(node.value)}). Write ` +
            `\`"${raw}"\` for ${raw === '2m' ? 'two minutes' : 'the duration'}.`,
        };
      }
      if (node.suffix !== '') {
        const binary = /[bi]/i.test(node.suffix);
        return {
          span: node,
          contents:
            `\`${raw}\` = ${n} bytes (` +
            (binary
              ? `binary: ${node.suffix} is a power of 1024`
              : `decimal: ${node.suffix} is a power of 1000; ` +
                `${node.suffix}B or ${node.suffix}i would be a power of 1024`) +
            ').',
        };
      }
      if (expectsDuration)
        return {
          span: node,
          contents:
            `${n} seconds (about ${describeSeconds(node.value)}); nats-server ` +
            `asks for a duration string such as \`"${node.value}s"\`.`,
        };
      return undefined;
    }
    case 'string': {
      if (expectsDuration) {
        const ns = parseGoDuration(node.value);
        if (ns !== undefined) return { span: node, contents: `A duration of ${describeSeconds(ns / 1e9)}.` };
      }
      return undefined;
    }
    case 'variable': {
      const binding = model.bindings.get(node);
      if (!binding)
        return { span: node, contents: `\`$${node.name}\` is not defined before this line, nor in the environment.` };
      switch (binding.kind) {
        case 'key': {
          const file = binding.definition.file === model.root.path ? 'this file' : binding.definition.file;
          const where = model.files.find((f) => f.path === binding.definition.file);
          const value = bindingValue(binding);
          const shown = value && where ? where.tree.text.slice(value.start, value.end) : '';
          const line = where ? where.lines.lineNumber(binding.definition.entry.start) : undefined;
          return {
            span: node,
            contents: `\`$${node.name}\` = \`${shown}\`, defined in ${file}${line ? ` on line ${line}` : ''}.`,
          };
        }
        case 'environment':
          if (binding.unknown)
            return {
              span: node,
              contents: `\`$${node.name}\` comes from the environment; its value is not known here.`,
            };
          return { span: node, contents: `\`$${node.name}\` comes from the environment: \`${binding.text}\`.` };
        case 'bcrypt':
          return { span: node, contents: 'A bcrypt hash ($2a$), read as text.' };
      }
    }
  }
  return undefined;
}
