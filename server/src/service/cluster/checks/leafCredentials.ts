// The credentials a leaf node remote sends (the URL's user and password, else those of the
// first of its URLs that has some) against the hub's rules: `leafnodes.authorization` with a
// user, or with users, admits only those (with their password); without it, a remote that
// names a user must be one of the hub's users (authorization or accounts), while a remote
// naming none is admitted. A credentials file (a JWT) and bcrypt passwords are not judged.

import type { FindingCode } from '../../findingCodes';
import { isBcryptHash } from '../../shared/bcrypt';
import { LeafUser } from '../leafnodes';
import { LeafDial } from '../links';
import { label } from '../members';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['leafnode-credentials'] as const satisfies readonly FindingCode[];

/** For a URL that reaches a leaf node port. */
export function checkLeafCredentials(ctx: ClusterContext, d: LeafDial): void {
  if (d.remote.credentials !== undefined) return;
  const to = d.to!;
  const hub = to.node.leafnodes!;
  const sent = d.url.user !== undefined ? d.url : d.remote.urls.find((u) => u.user !== undefined);
  const user = sent?.user;
  const password = sent?.password ?? '';
  const name = label(to);
  let allowed: LeafUser[];
  let where: string;
  if (hub.user !== undefined) {
    allowed = [{ user: hub.user, password: hub.password, account: hub.account }];
    where = `${name}'s leaf node authorization`;
  } else if (hub.users?.length) {
    // verify_and_map: the user is the one the remote's certificate names (leafCertificateUsers.ts).
    if (hub.tlsMap) return;
    allowed = hub.users;
    where = `${name}'s leaf node authorization users`;
  } else {
    // No leaf node authorization: only a user the remote names is checked, against the client users.
    if (user === undefined || !hub.clientUsers?.length) return;
    allowed = hub.clientUsers;
    where = `${name}'s users`;
  }
  // A user known by nkey only: who is who cannot be told here.
  if (allowed.some((u) => u.user === undefined)) return;
  const related = ctx.relatedAt(to, hub.user !== undefined || hub.users ? hub.authSetting : undefined, where);
  const refuse = (message: string) =>
    ctx.report(
      d.from,
      d.url.span,
      'error',
      'leafnode-credentials',
      `${message}: ${name} refuses this leaf node connection ("authentication error") and it is retried forever.`,
      related,
    );
  if (user === undefined) {
    return refuse(`${where} requires a user, and this remote sends none (write nats://user:password@…)`);
  }
  const match = allowed.find((u) => u.user === user);
  if (!match) return refuse(`The user "${user}" is not among ${where}`);
  const comparable = match.password !== undefined && !isBcryptHash(match.password);
  if (comparable && match.password !== password) {
    refuse(`The password for "${user}" does not match ${where}`);
  }
}
