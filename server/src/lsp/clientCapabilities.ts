// What the editor says it can take: snippets, markdown, versioned workspace edits. Editors
// that cannot take snippets insert their syntax as text (Neovim 0.7 inserted NUL characters),
// so they get plain text; likewise plain text where markdown is not understood.

import { MarkupKind, type ClientCapabilities, type MarkupContent } from 'vscode-languageserver/node';

export interface EditorAbilities {
  /** Completion edits may be snippets ($0, ${1:text}). */
  snippets: boolean;
  /** Hover contents may be markdown. */
  hoverMarkdown: boolean;
  /** Completion documentation may be markdown. */
  completionMarkdown: boolean;
  /** Workspace edits may be versioned documentChanges. */
  documentChanges: boolean;
  /** The most folding ranges the editor wants for one document. */
  foldingLimit: number;
}

/** Markdown unless the editor names formats without it (an editor that names none gets markdown, as ever). */
const takesMarkdown = (formats: MarkupKind[] | undefined) =>
  !Array.isArray(formats) || formats.includes(MarkupKind.Markdown);

export function editorAbilities(capabilities: ClientCapabilities | undefined): EditorAbilities {
  const text = capabilities?.textDocument;
  return {
    snippets: text?.completion?.completionItem?.snippetSupport === true,
    hoverMarkdown: takesMarkdown(text?.hover?.contentFormat),
    completionMarkdown: takesMarkdown(text?.completion?.completionItem?.documentationFormat),
    documentChanges: capabilities?.workspace?.workspaceEdit?.documentChanges === true,
    // VS Code shows at most 5,000; a client may say fewer.
    foldingLimit: Math.min(5000, Math.max(0, text?.foldingRange?.rangeLimit ?? 5000)),
  };
}

/** Markdown as the editor takes it: as is, or as plain text. */
export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown
    ? { kind: MarkupKind.Markdown, value: markdown }
    : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}

/**
 * A snippet as the text it inserts: tab stops ($0, $1, ${1}) removed, placeholders
 * (${1:text}, nested too) and choices (${1|a,b|}: the first) replaced by their text, and
 * escapes (\$, \}, \\) unescaped.
 */
export function snippetToPlainText(snippet: string): string {
  let out = '';
  // Placeholders open inside one another: `}` closes the innermost.
  let open = 0;
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[++i];
      continue;
    }
    if (c === '$') {
      const stop = /^\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i, i + 64));
      if (stop) {
        i += stop[0].length - 1;
        continue;
      }
      const placeholder = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)(:|\||\})/.exec(snippet.slice(i, i + 64));
      if (placeholder) {
        i += placeholder[0].length - 1;
        if (placeholder[2] === ':') open++;
        if (placeholder[2] === '|') {
          // A choice: its first option.
          const end = snippet.indexOf('|}', i + 1);
          const options = snippet.slice(i + 1, end < 0 ? undefined : end);
          out += (/^(?:\\.|[^,\\])*/.exec(options)?.[0] ?? '').replace(/\\(.)/g, '$1');
          i = end < 0 ? snippet.length : end + 1;
        }
        continue;
      }
    }
    if (c === '}' && open > 0) {
      open--;
      continue;
    }
    out += c;
  }
  return out;
}

/** Markdown as plain text: code spans and bold without their marks, links as `text (address)`. */
function markdownToPlainText(markdown: string): string {
  // Code spans first, kept apart, so nothing inside them is read as markdown.
  const spans: string[] = [];
  let text = markdown.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, __, code: string) => {
    spans.push(code.trim() === '' ? code : code.replace(/^ (.*) $/s, '$1'));
    return `\u0000${spans.length - 1}\u0000`;
  });
  text = text
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_, label: string, target: string) =>
      label === target ? target : `${label} (${target})`,
    )
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    // Markdown's hard line breaks (two spaces, then the newline): just the newline.
    .replace(/ {2,}\n/g, '\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
  // eslint-disable-next-line no-control-regex -- NUL marks the spans kept aside above
  return text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => spans[Number(n)]);
}
