// What a node's config says about leaf node connections: the listener a hub accepts leaf
// nodes on (its authorization and TLS), and the remotes a leaf node dials.

import type { ConfigModel } from '../document';
import { EffectiveMap, Setting } from '../effective';
import { accountBlocks, usersOf, userName } from '../shared/accountUsers';
import { Span } from '../tree';
import { listenOf, mapsOf, urlsOf, type Route, type ServerListener } from './nodes';

export interface LeafUser {
  user: string | undefined;
  password: string | undefined;
  account: string | undefined;
}

/** One of `leafnodes.remotes`: a hub this node dials. */
export interface LeafRemote {
  /** The remote as written (the map). */
  span: Span;
  urls: Route[];
  /** A credentials file: the hub checks its JWT, which cannot be judged here. */
  credentials: string | undefined;
  /** The local account the connection is bound to on this side. */
  account: string | undefined;
  accountSetting: Setting | undefined;
  /** The remote's own tls block: leafnodes.tls is the listener's, not used to dial. */
  tls: Setting | undefined;
}

export interface LeafnodesConfig extends ServerListener {
  /** A port is set (without one nats-server opens no leaf node listener). */
  listening: boolean;
  account: string | undefined;
  /** `leafnodes.authorization.users`, when written. */
  users: LeafUser[] | undefined;
  /** `verify_and_map` in the leaf node tls: with `users`, a remote is the user its certificate names. */
  tlsMap: boolean;
  remotes: LeafRemote[];
  /**
   * Without leaf node authorization, a leaf connection that names a user is checked against
   * the client users (`authorization.users`, accounts' users): those, or undefined where other
   * ways of logging in (a single user, token, nkeys, an operator, auth callout) make it uncertain.
   */
  clientUsers: LeafUser[] | undefined;
}

const userOf = (u: EffectiveMap, account?: string): LeafUser => ({
  user: userName(u),
  password: u.string('password', 'pass'),
  account: u.string('account') ?? account,
});

export function leafnodesOf(model: ConfigModel, top: EffectiveMap): LeafnodesConfig | undefined {
  const setting = top.get('leafnodes', 'leaf');
  const leaf = top.block('leafnodes', 'leaf');
  if (!setting || !leaf) return undefined;
  const listen = listenOf(leaf.get('listen'));
  const port = leaf.number('port') ?? listen.port;
  const auth = leaf.block('authorization');
  const usersSetting = auth?.get('users');
  const remotes = mapsOf(model, leaf.get('remotes')).map(({ view: r, span }): LeafRemote => ({
    span,
    urls: urlsOf(r.get('urls', 'url')),
    credentials: r.string('credentials', 'creds'),
    account: r.string('account', 'local'),
    accountSetting: r.get('account', 'local'),
    tls: r.get('tls'),
  }));
  return {
    setting,
    listening: port !== undefined && port !== 0,
    host: leaf.string('host', 'net') ?? listen.host ?? '0.0.0.0',
    port,
    portSetting: leaf.get('port') ?? leaf.get('listen'),
    advertise: leaf.string('advertise'),
    user: auth?.string('user', 'username'),
    password: auth?.string('password', 'pass'),
    account: auth?.string('account'),
    users: usersSetting ? usersOf(model, usersSetting).map((u) => userOf(u)) : undefined,
    tlsMap: leaf.block('tls')?.bool('verify_and_map') === true,
    authSetting: leaf.get('authorization'),
    tls: leaf.get('tls'),
    remotes,
    clientUsers: clientUsersOf(model, top),
  };
}

function clientUsersOf(model: ConfigModel, top: EffectiveMap): LeafUser[] | undefined {
  const auth = top.block('authorization');
  const otherLogins =
    top.get('operator', 'operators', 'trusted', 'trusted_keys', 'nkeys') !== undefined ||
    auth?.get('user', 'username', 'token', 'auth_callout', 'nkeys') !== undefined;
  if (otherLogins) return undefined;
  const users = usersOf(model, auth?.get('users')).map((u) => userOf(u));
  for (const a of accountBlocks(top)) {
    const view = new EffectiveMap(model, a.map, a.file);
    users.push(...usersOf(model, view.get('users')).map((u) => userOf(u, a.name)));
    if (view.get('nkey', 'nkeys') !== undefined) return undefined;
  }
  return users.some((u) => u.user === undefined) ? undefined : users;
}
