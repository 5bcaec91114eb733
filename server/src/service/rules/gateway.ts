// validateGatewayOptions at start: a gateway (a name or a port) needs both, each remote gateway
// a name and a URL, and the gateway's name must be the cluster's.

import { resolveValue } from '../document';
import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-gateway'] as const satisfies readonly FindingCode[];

export function checkGateway(ctx: RuleContext): void {
  const gw = ctx.top.block('gateway');
  if (!gw) return;
  const name = gw.string('name');
  const port = ctx.listens(gw);
  if (!name && !port) return; // no gateway
  const refuse = (at: Setting, message: string) =>
    ctx.report(at, 'error', 'startup-gateway', `${message}: ${REFUSED_AT_START}`, 'server');
  if (!name) return void refuse(ctx.top.get('gateway')!, 'gateway has no name');
  if (!port) return void refuse(gw.get('name')!, `gateway "${name}" has no port specified (select -1 for random port)`);
  const remotesSetting = gw.get('gateways');
  const remotes = remotesSetting?.value;
  if (remotes?.kind === 'array') {
    remotes.items.forEach((item, i) => {
      const remote = resolveValue(ctx.model, item);
      if (remote?.kind !== 'map') return;
      const r = new EffectiveMap(ctx.model, remote, remotesSetting!.file);
      const remoteName = r.string('name');
      const urls = r.get('urls')?.value;
      const hasUrl = r.get('url') !== undefined || (urls?.kind === 'array' && urls.items.length > 0);
      const at = { file: remotesSetting!.file, span: item };
      if (!remoteName) {
        ctx.report(
          at,
          'error',
          'startup-gateway',
          `gateway in the list ${i} has no name: ${REFUSED_AT_START}`,
          'server',
        );
      } else if (!hasUrl) {
        ctx.report(at, 'error', 'startup-gateway', `gateway "${remoteName}" has no URL: ${REFUSED_AT_START}`, 'server');
      }
    });
  }
  const clusterName = ctx.top.block('cluster')?.string('name');
  if (clusterName !== undefined && clusterName !== name) {
    ctx.report(
      gw.get('name')!,
      'error',
      'startup-gateway',
      `cluster name "${clusterName}" does not match gateway name "${name}": ` +
        'they must be equal, or nats-server refuses to start.',
      'server',
      true,
    );
  }
}
