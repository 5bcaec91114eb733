// JetStream at start: a domain name without '.', '*', '>' or spaces, and in a cluster a
// server_name, a cluster name and routes (or a leaf node remote) to the other nodes.

import type { FindingCode } from '../findingCodes';
import { valueUnknown } from '../effective';
import { jetstreamOn } from '../shared/jetstream';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'startup-jetstream-domain',
  'startup-jetstream-cluster',
] as const satisfies readonly FindingCode[];

export function checkJetStream(ctx: RuleContext): void {
  const setting = ctx.top.get('jetstream');
  if (!setting) return;
  const js = setting.value;
  const block = ctx.top.block('jetstream');
  // Unlike jetstreamEnabled, a block's `disabled: true` counts here too.
  const enabled = jetstreamOn(js, block) && !(js?.kind === 'map' && block?.bool('disabled') === true);
  const domain = block?.get('domain');
  if (domain?.value?.kind === 'string' && domain.value.value !== '' && /[.*>\s]/.test(domain.value.value)) {
    ctx.report(
      domain,
      'error',
      'startup-jetstream-domain',
      `invalid domain name: may not contain ., * or >: ${REFUSED_AT_START}`,
      'server',
      true,
    );
  }
  if (!enabled) return;
  const cluster = ctx.top.block('cluster');
  if (!cluster || !ctx.listens(cluster)) return;
  const refuse = (message: string) => ctx.report(setting, 'error', 'startup-jetstream-cluster', message, 'server');
  // What an include not read here (a Secret mounted beside the config) sets is not known.
  if (ctx.top.unread() || cluster.unread()) return;
  // (A server_name from an unset $VARIABLE is reported as such; it counts as set here.)
  if (!ctx.top.get('server_name')) {
    refuse(`jetstream cluster requires \`server_name\` to be set: ${REFUSED_AT_START}`);
  } else if (!cluster.string('name') && !valueUnknown(cluster.get('name'))) {
    refuse(`jetstream cluster requires \`cluster.name\` to be set: ${REFUSED_AT_START}`);
  } else {
    const routesSetting = cluster.get('routes');
    const routes = routesSetting?.value;
    const remotes = ctx.top.block('leafnodes', 'leaf')?.get('remotes')?.value;
    const hasRoutes =
      routes?.kind === 'array' ? routes.items.length > 0 : routes !== undefined || valueUnknown(routesSetting);
    const hasRemotes = remotes?.kind === 'array' && remotes.items.length > 0;
    if (hasRoutes || hasRemotes) return;
    refuse(
      'JetStream cluster requires configured routes or solicited leafnode for the system account: ' +
        'list the other nodes in cluster.routes (nats-server refuses to start; nats-server -t does not check this).',
    );
  }
}
