// A gateway URL must reach a gateway listener, and a leaf node remote URL a leaf node
// listener: another port answers with the wrong INFO ("Attempt to connect to gateway using
// wrong port", "attempted to connect to wrong port"), and no port at all fails a gateway
// ("missing port in address"). A host no config answers to is only marked as not checked.

import * as path from 'node:path';
import type { FindingCode } from '../../findingCodes';
import { GatewayDial, LeafDial } from '../links';
import { label, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'gateway-port',
  'gateway-unresolved',
  'leafnode-port',
  'leafnode-unresolved',
] as const satisfies readonly FindingCode[];

const PORT_NAMES: Record<string, string> = {
  client: 'its client port',
  monitoring: 'its monitoring port',
  cluster: 'its route port',
  gateway: 'its gateway port',
  leafnode: 'its leaf node port',
};

/** Whether the URL reaches the listener it is meant for; when not, says so. */
export function checkLinkPort(ctx: ClusterContext, kind: 'gateway', d: GatewayDial): boolean;
export function checkLinkPort(ctx: ClusterContext, kind: 'leafnode', d: LeafDial): boolean;
export function checkLinkPort(ctx: ClusterContext, kind: 'gateway' | 'leafnode', d: GatewayDial | LeafDial): boolean {
  const what = kind === 'gateway' ? 'gateway' : 'leaf node';
  const report = (
    severity: 'error' | 'information',
    message: string,
    related?: Parameters<ClusterContext['report']>[5],
  ) =>
    ctx.report(
      d.from,
      d.url.span,
      severity,
      `${kind}-${severity === 'error' ? 'port' : 'unresolved'}`,
      message,
      related,
    );
  if (!d.to) {
    const address = `${d.url.host}${d.url.port ? `:${d.url.port}` : ''}`;
    const files = d.ambiguous && unique(d.ambiguous).map((m) => path.basename(m.node.file.path));
    report(
      'information',
      files
        ? `${files.length} configs answer to ${d.url.host} (${files.join(', ')}): this ${what} URL is not checked.`
        : `No node among the configs checked together answers to ${address}: this ${what} URL is not checked.`,
    );
    return false;
  }
  if (d.port === kind) return true;
  const name = label(d.to);
  const listener = kind === 'gateway' ? d.to.node.gateway : d.to.node.leafnodes;
  const port = kind === 'gateway' ? d.to.node.gateway?.port : d.to.node.leafnodes?.listening && listener?.port;
  const related = ctx.relatedAt(d.to, listener?.portSetting, `${name}'s ${what} port`);
  if (d.url.port === undefined) {
    report(
      'error',
      `This gateway URL has no port: nats-server has no default and retries forever ("missing port in address"). ` +
        `${name}'s gateway port is ${port || 'not set'}.`,
      related,
    );
    return false;
  }
  const reached = PORT_NAMES[d.port] ?? `a port nothing listens on for ${what} connections`;
  report(
    'error',
    `This ${what} URL reaches ${name} on ${d.url.port}, ${reached}; ` +
      (port ? `${name} listens for ${what} connections on ${port}.` : `${name} has no ${what} listener.`) +
      (d.port === 'none' || d.port === 'monitoring'
        ? ''
        : kind === 'gateway'
          ? ' nats-server logs "Attempt to connect to gateway … using wrong port".'
          : ' nats-server logs "attempted to connect to wrong port".'),
    related,
  );
  return false;
}
