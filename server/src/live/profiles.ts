// Connections added in the editor (beside the nats CLI's contexts). A profile is what may be
// written to settings: servers, user name, file paths, TLS options. Its one secret (a password
// or a token) never is: the caller keeps it in a secret store, and hands it back to connect.

import { ContextError, redactUrl, splitServerUrl, type NatsContext } from './contexts';

export type ProfileAuth = 'none' | 'user' | 'token' | 'nkey' | 'creds';

export interface ConnectionProfile {
  name: string;
  /** Several for failover; userinfo is never kept here (see splitUrlSecrets). */
  servers: string[];
  auth: ProfileAuth;
  user?: string;
  /** NKey seed file (auth 'nkey'). */
  nkey?: string;
  /** Credentials file (auth 'creds'). */
  creds?: string;
  cert?: string;
  key?: string;
  ca?: string;
  tlsFirst?: boolean;
  inboxPrefix?: string;
  /** The name servers see in /connz. */
  connectionName?: string;
}

/** The key a profile's secret is stored under. */
export function secretKey(profileName: string): string {
  return `nats.connection.secret:${profileName}`;
}

/** Whether the profile's auth needs a secret (a password or a token) to connect. */
function needsSecret(p: ConnectionProfile): 'password' | 'token' | undefined {
  return p.auth === 'user' ? 'password' : p.auth === 'token' ? 'token' : undefined;
}

/**
 * Server URLs as typed, with any userinfo taken out: `nats://alice:pw@h:4222` gives the URL
 * `nats://h:4222`, user alice and the secret pw; `nats://tok@h` gives the token tok.
 */
function splitUrlSecrets(text: string): { servers: string[]; user?: string; secret?: string; auth?: 'user' | 'token' } {
  const out: { servers: string[]; user?: string; secret?: string; auth?: 'user' | 'token' } = { servers: [] };
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const url = splitServerUrl(raw);
    out.servers.push(url.scheme ? `${url.scheme}://${url.rest}` : raw);
    if (out.auth) continue;
    if (url.user !== undefined)
      Object.assign(out, { auth: 'user', user: decode(url.user), secret: decode(url.password!) });
    else if (url.token !== undefined) Object.assign(out, { auth: 'token', secret: decode(url.token) });
  }
  return out;
}

/** What is wrong with a profile before it is saved, or undefined. */
function profileProblem(p: ConnectionProfile): string | undefined {
  if (!p.name.trim()) return 'A connection needs a name.';
  if (!p.servers.length) return 'A connection needs at least one server URL.';
  for (const s of p.servers) {
    if (/@/.test(s))
      return `${redactUrl(s)} holds credentials: give them as the connection's user and password or token instead.`;
    if (!/^(nats|tls):\/\/[^\s/]+$|^[^\s/:]+(:\d+)?$/i.test(s))
      return `'${s}' is not a NATS server URL (nats://host:4222 or tls://host:4222).`;
  }
  if (p.auth === 'user' && !p.user) return 'User authentication needs a user name.';
  if (p.auth === 'nkey' && !p.nkey) return 'NKey authentication needs the seed file.';
  if (p.auth === 'creds' && !p.creds) return 'Credentials authentication needs the .creds file.';
  if (!!p.cert !== !!p.key) return 'A client certificate needs both the cert and the key file.';
  return undefined;
}

/** The profile as a nats CLI context, with its secret (from the secret store) filled in. */
export function profileToContext(p: ConnectionProfile, secret?: string): NatsContext {
  const needed = needsSecret(p);
  if (needed && secret === undefined)
    throw new ContextError(`The connection '${p.name}' has no stored ${needed}: add the connection again.`);
  const ctx: NatsContext = { url: p.servers.join(','), description: p.name };
  if (p.auth === 'user') [ctx.user, ctx.password] = [p.user, secret];
  if (p.auth === 'token') ctx.token = secret;
  if (p.auth === 'nkey') ctx.nkey = p.nkey;
  if (p.auth === 'creds') ctx.creds = p.creds;
  if (p.cert) [ctx.cert, ctx.key] = [p.cert, p.key];
  if (p.ca) ctx.ca = p.ca;
  if (p.tlsFirst) ctx.tls_first = true;
  if (p.inboxPrefix) ctx.inbox_prefix = p.inboxPrefix;
  return ctx;
}

/** One line for a picker: the servers (masked) and how it authenticates. */
export function profileSummary(p: ConnectionProfile): string {
  const auth = p.auth === 'user' ? `user ${p.user}` : p.auth === 'none' ? 'no auth' : p.auth;
  return (
    `${p.servers.map(redactUrl).join(', ')} ` +
    `· ${auth}${p.cert || p.ca || p.tlsFirst || p.servers.some((s) => /^tls:/i.test(s)) ? ' · TLS' : ''}`
  );
}

/** Profiles as read back from settings: anything malformed is left out, never thrown. */
export function readProfiles(value: unknown): ConnectionProfile[] {
  if (!Array.isArray(value)) return [];
  const auths: ProfileAuth[] = ['none', 'user', 'token', 'nkey', 'creds'];
  return value.filter(
    (p): p is ConnectionProfile =>
      !!p &&
      typeof p === 'object' &&
      typeof p.name === 'string' &&
      Array.isArray(p.servers) &&
      p.servers.every((s: unknown) => typeof s === 'string') &&
      auths.includes(p.auth),
  );
}

/** What the "Add a connection" questions gave, as typed. */
type ProfileAnswers = Omit<ConnectionProfile, 'servers' | 'auth'> & {
  /** One or several URLs, comma separated; userinfo in them is taken out. */
  urls: string;
  auth?: ProfileAuth;
  /** A password or token typed in. */
  secret?: string;
};

/** The profile to save in settings, and apart from it, the secret to keep in the secret store. */
export function buildProfile(a: ProfileAnswers): { profile: ConnectionProfile; secret?: string; problem?: string } {
  const split = splitUrlSecrets(a.urls);
  const auth: ProfileAuth = a.auth ?? split.auth ?? 'none';
  const profile: ConnectionProfile = { name: a.name.trim(), servers: split.servers, auth };
  if (auth === 'user') profile.user = a.user || split.user;
  if (auth === 'nkey') profile.nkey = a.nkey;
  if (auth === 'creds') profile.creds = a.creds;
  for (const k of ['cert', 'key', 'ca', 'inboxPrefix', 'connectionName'] as const) if (a[k]) profile[k] = a[k];
  if (a.tlsFirst) profile.tlsFirst = true;
  const secret = needsSecret(profile) ? (a.secret ?? split.secret) : undefined;
  const problem =
    profileProblem(profile) ??
    (needsSecret(profile) && !secret ? `This connection needs a ${needsSecret(profile)}.` : undefined);
  return { profile, secret, problem };
}
