// The pages of the two live views: messages of the running subscriptions, and cluster health.
// Plain HTML for a webview; every value from the network is escaped (or set as text by the
// page's script), and the pages allow no script but their own.

import { assessHealth, healthSummary, type ClusterHealth } from './health';
import { redactUrl } from './contexts';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE =
  `
body { font-family: var(--vscode-font-family); font-size: ` +
  `var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px ` +
  `solid var(--vscode-panel-border, #8884); vertical-align: top; }
.bad { color: var(--vscode-errorForeground, #c33); }
.ok { color: var(--vscode-testing-iconPassed, #3a3); }
.muted { opacity: .7; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); ` +
  `border: none; padding: 2px 8px; margin-left: 4px; cursor: pointer; }
pre { margin: 2px 0 0; white-space: pre-wrap; word-break: break-all; font-family: var(--vscode-editor-font-family); }
.msg { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 4px 0; }
.sub { padding: 4px 0; }
td.name { white-space: nowrap; }
`;

/** Cluster health as a table: one row per node, then the nodes that did not answer. */
export function healthHtml(h: ClusterHealth, title: string): string {
  const rows = h.nodes.map((n) => {
    const js = n.jetstream
      ? `on · meta leader ${escapeHtml(n.meta_leader ?? 'none')} · ${n.streams ?? 0} streams`
      : 'off';
    const routes = n.routes.length
      ? n.routes
          .map((r) => `${escapeHtml(r.peer)}${r.rtt ? ` <span class="muted">(${escapeHtml(r.rtt)})</span>` : ''}`)
          .join(', ')
      : '<span class="bad">none</span>';
    return (
      `<tr class="node"><td class="name">${escapeHtml(n.server_name)}</td>` +
      `<td class="cluster">${escapeHtml(n.cluster ?? '')}</td><td>${escapeHtml(n.version)}</td>` +
      `<td>${escapeHtml(n.uptime ?? '?')}</td><td>${n.connections ?? 0}</td><td ` +
      `class="${n.healthz === 'ok' ? 'ok' : 'bad'}">${escapeHtml(n.healthz)}</td><td>${js}</td><td ` +
      `class="routes">${routes}</td></tr>`
    );
  });
  const a = assessHealth(h);
  const why = new Map((h.failures ?? []).map((f) => [f.source, f.reason]));
  for (const u of h.unreachable)
    rows.push(
      `<tr class="node"><td class="bad">${escapeHtml(redactUrl(u))}</td><td colspan="7" class="bad">does not ` +
        `answer${why.has(u) ? `: ${escapeHtml(why.get(u)!)}` : ''}</td></tr>`,
    );
  for (const m of a.missing)
    rows.push(
      `<tr class="node"><td class="bad">${escapeHtml(m.name ?? m.address ?? '?')}</td><td colspan="7" ` +
        `class="bad">missing: expected by ${escapeHtml(m.expected_by.join(', '))}</td></tr>`,
    );
  const others = a.problems.filter((p) => p.kind !== 'unreachable' && p.kind !== 'missing');
  const verdict = !h.nodes.length
    ? '<p class="bad">No node answered.</p>'
    : a.healthy
      ? `<p class="ok">Healthy: ${h.nodes.length} nodes, fully routed.</p>`
      : `<p class="bad">${escapeHtml(healthSummary(h, a).replace(/^not healthy/, 'Not healthy'))}.</p>` +
        (others.length
          ? `<ul class="problems">${others.map((p) => `<li class="bad">${escapeHtml(p.message)}</li>`).join('')}</ul>`
          : '');
  const source = h.nodes[0]
    ? `<p class="muted">` +
      `Read ${h.nodes[0].source === '$SYS' ? 'through the system account ($SYS)' : 'from the monitoring ports'} ` +
      `at ${new Date().toLocaleTimeString()}.</p>`
    : '';
  return page(
    title,
    `<h2>${escapeHtml(title)}</h2>${verdict}<table><thead><tr><th>Node</th><th>Cluster</th><th>` +
      `Version</th><th>Uptime</th><th>Connections</th><th>/healthz</th><th>JetStream</th><th>Routes ` +
      `(RTT)</th></tr></thead><tbody>${rows.join('')}</tbody></table>${source}`,
  );
}

/**
 * The messages view: a page whose script receives FeedBatch lists and subscription lists
 * (postMessage) and keeps at most `maxRows` messages on screen, newest first.
 */
export function messagesHtml(nonce: string, maxRows = 500): string {
  const script =
    `
const vscode = acquireVsCodeApi();
const subs = document.getElementById('subs');
const list = document.getElementById('messages');
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) ` +
    `e.className = cls; if (text !== undefined) e.textContent = text; return e; };
function renderSubs(items) {
  subs.replaceChildren();
  if (!items.length) subs.append(el('p', 'muted', 'No subscription is running: run "NATS: Subscribe to a subject".'));
  for (const s of items) {
    const row = el('div', 'sub');
    row.dataset.id = s.id;
    row.append(el('b', '', s.label), el('span', 'muted count', ' ' + s.received ` +
    `+ ' received' + (s.dropped ? ', ' + s.dropped + ' no longer kept' : '')));
    for (const [action, text] of [['stop', 'Stop'], ['save', 'Save messages…']]) {
      const b = el('button', '', text);
      b.onclick = () => vscode.postMessage({ type: action, id: s.id });
      row.append(b);
    }
    subs.append(row);
  }
}
function renderBatch(batches) {
  const frag = document.createDocumentFragment();
  for (const b of batches) {
    const row = subs.querySelector('[data-id="' + b.id + '"] .count');
    if (row) row.textContent = ' ' + b.received + ' received' + (b.dropped ? ', ' + b.dropped + ' no longer kept' : '');
    if (b.skipped) frag.prepend(el('div', 'msg muted', '… ' + ` +
    `b.skipped + ' more on ' + b.label + ' (only the newest are drawn)'));
    for (const m of b.messages) {
      const d = el('div', 'msg');
      d.append(el('div', 'meta', new Date(m.time).toLocaleTimeString() + '  ' ` +
    `+ m.subject + (m.reply ? '  reply ' + m.reply : '') + '  ' + m.size + ' B'));
      for (const [k, v] of m.headers) d.append(el('div', 'muted', k + ': ' + v));
      d.append(el('pre', 'payload', m.payload));
      frag.prepend(d);
    }
  }
  list.prepend(frag);
  while (list.childElementCount > ${maxRows}) list.lastElementChild.remove();
}
document.getElementById('clear').onclick = () => list.replaceChildren();
window.addEventListener('message', (e) => {
  if (e.data.type === 'subscriptions') renderSubs(e.data.items);
  else if (e.data.type === 'batch') renderBatch(e.data.batches);
});
vscode.postMessage({ type: 'ready' });
`;
  return page(
    'NATS messages',
    `<h2>Subscriptions <button id="clear">Clear messages</button></h2><div id="subs"></div><h2>Messages <span ` +
      `class="muted">(newest first)</span></h2><div id="messages"></div><script nonce="${nonce}">${script}` +
      `</script>`,
    nonce,
  );
}

function page(title: string, body: string, nonce?: string): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline';${nonce ? ` script-src 'nonce-${nonce}';` : ''}`;
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ` +
    `content="${csp}"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}
