// Whether a `jetstream` setting turns JetStream on, as nats-server reads it: at the top level
// and in an account.

import { EffectiveMap } from '../effective';
import { ValueNode } from '../tree';

/** The top level's `jetstream`: true, "enabled"/"enable", or a block that does not say `enabled: false`. */
export function jetstreamEnabled(top: EffectiveMap): boolean {
  return jetstreamOn(top.get('jetstream')?.value, top.block('jetstream'));
}

/** A `jetstream` value: a block is on unless `block` (its view, where `enabled` is read) says `enabled: false`. */
export function jetstreamOn(value: ValueNode | undefined, block?: EffectiveMap): boolean {
  if (value?.kind === 'bool') return value.value;
  if (value?.kind === 'string') return /^enabled?$/i.test(value.value);
  if (value?.kind === 'map') return block?.bool('enabled') !== false;
  return false;
}
