// JetStream across a cluster: on every node or none (replicas cannot be placed elsewhere), on
// an odd number of at least three (a quorum survives failures), in one domain (one meta group).

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import { Member, label, unique } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'jetstream-partial',
  'jetstream-quorum',
  'jetstream-domain',
] as const satisfies readonly FindingCode[];

export function checkJetStream(ctx: ClusterContext, group: Member[]): void {
  const js = group.filter((m) => m.node.jetstream);
  if (js.length > 0 && js.length < group.length) {
    for (const m of unique(group.filter((x) => !x.node.jetstream))) {
      ctx.report(
        m,
        keySpan(m.node.cluster!.setting.entry),
        'warning',
        'jetstream-partial',
        `JetStream runs on ${js.map(label).join(', ')} but not on this node of the same cluster: ` +
          'streams cannot place replicas here.',
        { member: js[0], span: keySpan(js[0].node.jetstream!.entry), message: `JetStream on ${label(js[0])}` },
      );
    }
  }
  if (js.length > 0 && (js.length < 3 || js.length % 2 === 0)) {
    const tolerated = Math.floor((js.length - 1) / 2);
    // A quorum of n nodes is a majority: floor(n / 2) + 1.
    const quorum = Math.floor(js.length / 2) + 1;
    const why =
      js.length < 3
        ? `only ${js.length} JetStream node${js.length === 1 ? '' : 's'}: ` +
          (js.length === 1
            ? 'no stream can be replicated, and losing it stops JetStream'
            : `their quorum is ${quorum} of ${js.length}, so losing either stops the meta group and replicated streams`)
        : `${js.length} JetStream nodes, an even number: ` +
          `they survive ${tolerated} failure${tolerated === 1 ? '' : 's'}, no more than ${js.length - 1} would`;
    for (const m of unique(js)) {
      ctx.report(
        m,
        keySpan(m.node.jetstream!.entry),
        'warning',
        'jetstream-quorum',
        `This cluster has ${why}; run an odd number, at least three.`,
      );
    }
  }
  const domainOf = (m: Member) => m.node.domain ?? '';
  const domains = new Map<string, Member>();
  for (const m of js) domains.set(domainOf(m), domains.get(domainOf(m)) ?? m);
  if (domains.size < 2) return;
  for (const m of unique(js)) {
    const other = [...domains.values()].find((x) => domainOf(x) !== domainOf(m))!;
    ctx.report(
      m,
      ctx.at(m.node.domainSetting, m.node.jetstream!),
      'error',
      'jetstream-domain',
      `JetStream domains differ in this cluster ('${domainOf(m)}' here, '${domainOf(other)}' on ${label(other)}): ` +
        'they never form one meta group.',
      {
        member: other,
        span: ctx.at(other.node.domainSetting, other.node.jetstream!),
        message: `the domain on ${label(other)}`,
      },
    );
  }
}
