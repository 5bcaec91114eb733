// MQTT keeps its state in JetStream and needs a stable server name: checked at start (which
// `nats-server -t` does not). consumer_replicas is ignored, with a warning, from 2.9.12.

import { Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['mqtt-consumer-replicas', 'startup-mqtt'] as const satisfies readonly FindingCode[];

export function checkMqtt(ctx: RuleContext): void {
  const setting = ctx.top.get('mqtt');
  const mqtt = ctx.top.block('mqtt');
  if (!setting || !mqtt) return;
  const ignored = mqtt.get('consumer_replicas');
  if (ignored && ctx.since(2, 9, 12)) {
    ctx.report(
      ignored,
      'warning',
      'mqtt-consumer-replicas',
      'invalid use of field "consumer_replicas": consumer replicas setting ignored in this server version ' +
        '(consumers follow their stream since 2.9.12; a warning that makes nats-server -t fail). Remove it.',
      'server',
    );
  }
  if (!ctx.listens(mqtt)) return;
  const refuse = (message: string, at: Setting = setting) =>
    ctx.report(at, 'error', 'startup-mqtt', `${message}: ${REFUSED_AT_START}`, 'server');
  const portOf = (name: string) => ctx.listens(ctx.top.block(name));
  // From 2.10.4 the name is needed only where other servers are (a cluster or gateway).
  const nameNeeded = !ctx.since(2, 10, 4) || portOf('cluster') || portOf('gateway');
  if (nameNeeded && !ctx.top.get('server_name')) {
    return void refuse(
      `mqtt requires server name to be explicitly set${ctx.since(2, 10, 4) ? ' (with a cluster or gateway)' : ''}`,
    );
  }
  const remotes = ctx.top.block('leafnodes', 'leaf')?.get('remotes')?.value;
  const standalone =
    !portOf('cluster') &&
    !portOf('gateway') &&
    !portOf('leafnodes') &&
    !(remotes?.kind === 'array' && remotes.items.length > 0);
  if (standalone && !ctx.jetstreamEnabled()) {
    return void refuse('mqtt requires JetStream to be enabled if running in standalone mode');
  }
  // Before 2.9.12, consumer_replicas above stream_replicas is refused.
  const consumers = mqtt.number('consumer_replicas');
  const streams = mqtt.number('stream_replicas');
  if (
    !ctx.since(2, 9, 12) &&
    consumers !== undefined &&
    streams !== undefined &&
    consumers > 0 &&
    streams > 0 &&
    consumers > streams
  ) {
    refuse(
      `mqtt: consumer_replicas (${consumers}) cannot be higher than stream_replicas (${streams})`,
      mqtt.get('consumer_replicas'),
    );
  }
}
