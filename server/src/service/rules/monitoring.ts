// The monitoring listener cannot start with both an HTTP and an HTTPS port, nor HTTPS without
// the server's TLS: nats-server refuses to start (which `nats-server -t` does not check).

import { Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-monitoring'] as const satisfies readonly FindingCode[];

/** http and https both set. */
export function checkMonitoringPorts(ctx: RuleContext): void {
  const http = ctx.top.get('http_port', 'monitor_port') ?? ctx.top.get('http');
  const https = ctx.top.get('https_port') ?? ctx.top.get('https');
  if (!http || !https) return;
  const port = (s: Setting) =>
    s.value?.kind === 'integer' ? String(s.value.value) : s.value?.kind === 'string' ? s.value.value : '?';
  refuse(ctx, https, `can't specify both HTTP (${port(http)}) and HTTPs (${port(https)}) ports: ${REFUSED_AT_START}`);
}

/** HTTPS alone, without a tls block for its certificate. */
export function checkMonitoringTls(ctx: RuleContext): void {
  const https = ctx.top.get('https_port') ?? ctx.top.get('https');
  const port = https?.value?.kind === 'integer' ? https.value.value : https?.value?.kind === 'string' ? 1 : 0;
  if (!https || port === 0 || ctx.top.get('http_port', 'monitor_port', 'http')) return;
  if (ctx.top.get('tls')?.value?.kind === 'map') return;
  refuse(
    ctx,
    https,
    'TLS cert and key required for HTTPS: add a tls block with cert_file and key_file, ' +
      'or use http_port (nats-server refuses to start; nats-server -t does not check this).',
  );
}

function refuse(ctx: RuleContext, https: Setting, why: string): void {
  ctx.report(https, 'error', 'startup-monitoring', `Can't start monitoring: ${why}`, 'server');
}
