// The users of accounts and of the authorization block, as nats-server holds them (includes
// merged, variables resolved): one walk for every check that asks who may log in.

import { ConfigFile, ConfigModel, resolveValue } from '../document';
import { EffectiveMap, Setting } from '../effective';
import { MapNode } from '../tree';

/** An account defined as a map, as written (one entry of `accounts`). */
export interface AccountBlock {
  name: string;
  map: MapNode;
  /** The file `accounts` is written in. */
  file: ConfigFile;
}

/** The accounts defined as maps, in the order written (duplicates included). */
export function accountBlocks(top: EffectiveMap): AccountBlock[] {
  const accounts = top.get('accounts');
  if (accounts?.value?.kind !== 'map') return [];
  const blocks: AccountBlock[] = [];
  for (const a of accounts.value.entries) {
    if (a.kind === 'keyValue' && a.value?.kind === 'map')
      blocks.push({ name: a.key, map: a.value, file: accounts.file });
  }
  return blocks;
}

/** Whether a `users` setting lists at least one user. */
export function hasUsers(list: Setting | undefined): boolean {
  return list?.value?.kind === 'array' && list.value.items.length > 0;
}

/** The users of a `users` list: each item that is (or names) a map. */
export function usersOf(model: ConfigModel, list: Setting | undefined): EffectiveMap[] {
  if (list?.value?.kind !== 'array') return [];
  // A loop, not flatMap: tens of thousands of users in large configs, and no array per user.
  const users: EffectiveMap[] = [];
  for (const item of list.value.items) {
    const user = resolveValue(model, item);
    if (user?.kind === 'map') users.push(new EffectiveMap(model, user, list.file));
  }
  return users;
}

/** A user's name (`user`, else `username`). */
export function userName(user: EffectiveMap): string | undefined {
  return user.string('user', 'username');
}
