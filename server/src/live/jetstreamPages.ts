// The pages of the JetStream view's webview: a stream's message (drawn as the messages view draws
// one), a key's value, and a key's history. Plain HTML with no script; every value is escaped.

import type { KvValue, StreamMessage } from './jetstream';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE =
  `body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); ` +
  `color: var(--vscode-foreground); padding: 0 12px; }
pre { margin: 2px 0 0; white-space: pre-wrap; word-break: break-all; font-family: var(--vscode-editor-font-family); }
.msg { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 4px 0; }
.muted { opacity: .7; }
.bad { color: var(--vscode-errorForeground, #c33); }`;

function page(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ` +
    `content="default-src 'none'; style-src 'unsafe-inline';"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><h2>${escapeHtml(title)}</h2>${body}</body></html>`
  );
}

/** A stream's message: sequence, time, subject, size, headers, payload. */
export function streamMessageHtml(m: StreamMessage): string {
  const headers = m.headers.map(([k, v]) => `<div class="muted">${escapeHtml(k)}: ${escapeHtml(v)}</div>`).join('');
  return page(
    `${m.stream} #${m.seq}`,
    `<div class="msg"><div class="meta">${escapeHtml(new Date(m.time).toISOString())}  ${escapeHtml(m.subject)}` +
      `  ${m.size} B</div>${headers}<pre class="payload">${escapeHtml(m.payload)}</pre></div>`,
  );
}

function valueHtml(v: KvValue): string {
  const op = v.operation === 'PUT' ? '' : ` <span class="bad">${v.operation === 'DEL' ? 'deleted' : 'purged'}</span>`;
  return (
    `<div class="msg"><div class="meta">revision ${v.revision}${op}  ${escapeHtml(v.created)}  ${v.length} B</div>` +
    (v.operation === 'PUT' ? `<pre class="payload">${escapeHtml(v.value)}</pre>` : '') +
    `</div>`
  );
}

/** A key's value (or its history, newest first). */
export function kvValuesHtml(bucket: string, key: string, values: KvValue[], history: boolean): string {
  const body = values.length
    ? [...values].reverse().map(valueHtml).join('')
    : `<p class="muted">The key ${escapeHtml(key)} has no value.</p>`;
  return page(`${bucket} / ${key}${history ? ' (history)' : ''}`, body);
}
