// A connection (a natscli context, or one added in the editor) as @nats-io/transport-node
// connect options. The client ignores URL userinfo and `tls://`, so both are lifted out here.

import * as fs from 'node:fs';
import {
  credsAuthenticator,
  jwtAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type ConnectionOptions,
} from '@nats-io/transport-node';
import { ContextError, expandPath, redactUrl, resolveCredential, splitServerUrl, type NatsContext } from './contexts';

type Env = Record<string, string | undefined>;

interface ConnectPlan {
  options: ConnectionOptions;
  /** The servers as shown to people: userinfo masked. */
  shown: string[];
}

const DEFAULT_URL = 'nats://127.0.0.1:4222';

/** Connect options for a context; `name` is the connection name servers see in /connz. */
export function connectOptionsFor(context: NatsContext, name = 'nats-conf', env: Env = process.env): ConnectPlan {
  if (context.socks_proxy)
    throw new ContextError(
      `This context connects through the SOCKS proxy ${context.socks_proxy}, ` +
        `which the NATS client here does not support.`,
    );
  if (context.windows_cert_store)
    throw new ContextError(
      'This context takes its certificate from the Windows certificate store, ' +
        'which the NATS client here does not support: use cert and key files.',
    );
  const urls = serverUrls(context);
  const servers: string[] = [];
  let tls = false;
  let user: string | undefined;
  let pass: string | undefined;
  let token: string | undefined;
  for (const raw of urls) {
    const url = splitServerUrl(raw);
    if (!url.scheme) {
      servers.push(raw);
      continue;
    }
    if (/^wss?$/i.test(url.scheme))
      throw new ContextError(
        `${redactUrl(raw)} is a websocket URL; connect to the server's NATS port (nats:// or tls://) instead.`,
      );
    if (url.scheme.toLowerCase() === 'tls') tls = true;
    if (url.user !== undefined) {
      user ??= decodeURIComponent(url.user);
      pass ??= decodeURIComponent(url.password!);
    } else if (url.token !== undefined) token ??= decodeURIComponent(url.token);
    servers.push(url.rest.replace(/\/$/, ''));
  }
  const options: ConnectionOptions = { servers, name, maxReconnectAttempts: -1, waitOnFirstConnect: false };
  // Explicit fields win over URL userinfo. natscli sends a user without a password as a token.
  const literal = (v: string | undefined, field: string) =>
    v ? new TextDecoder().decode(resolveCredential(v, 'literal', field, env)) : undefined;
  const ctxUser = literal(context.user, 'user');
  const ctxPass = literal(context.password, 'password');
  const ctxToken = literal(context.token, 'token');
  if (ctxUser && !ctxPass) token = ctxUser;
  else if (ctxUser) [user, pass] = [ctxUser, ctxPass];
  if (ctxToken) token = ctxToken;
  if (user !== undefined) [options.user, options.pass] = [user, pass];
  if (token !== undefined && user === undefined) options.token = token;

  const authenticators: Authenticator[] = [];
  if (context.creds) authenticators.push(credsAuthenticator(resolveCredential(context.creds, 'file', 'creds', env)));
  if (context.nkey)
    authenticators.push(nkeyAuthenticator(seedOf(resolveCredential(context.nkey, 'file', 'nkey', env))));
  if (context.user_jwt)
    authenticators.push(
      jwtAuthenticator(
        literal(context.user_jwt, 'user_jwt')!,
        context.user_seed ? seedOf(resolveCredential(context.user_seed, 'literal', 'user_seed', env)) : undefined,
      ),
    );
  if (authenticators.length) options.authenticator = authenticators.length === 1 ? authenticators[0] : authenticators;

  if (tls || context.cert || context.key || context.ca || context.tls_first) {
    const file = (v: string | undefined, field: string) => {
      if (!v) return undefined;
      const p = expandPath(v, env);
      if (!fs.existsSync(p)) throw new ContextError(`'${field}' names ${p}, which does not exist.`);
      return p;
    };
    options.tls = {
      certFile: file(context.cert, 'cert'),
      keyFile: file(context.key, 'key'),
      caFile: file(context.ca, 'ca'),
      handshakeFirst: context.tls_first || undefined,
    };
    for (const k of Object.keys(options.tls) as (keyof typeof options.tls)[])
      if (options.tls[k] === undefined) delete options.tls[k];
  }
  if (context.inbox_prefix) options.inboxPrefix = context.inbox_prefix;
  return { options, shown: shownServers(context) };
}

/** A context's servers as its url lists them (none: this machine's 4222). */
function serverUrls(context: NatsContext): string[] {
  return (context.url?.trim() ? context.url : DEFAULT_URL)
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

/** A context's servers as shown to people: userinfo masked. */
export function shownServers(context: NatsContext): string[] {
  return serverUrls(context).map(redactUrl);
}

/** The seed line of an nkey seed file (comments and blank lines around it are allowed). */
function seedOf(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const seed = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => /^S[A-Z2-7]{20,}$/.test(l));
  if (!seed) throw new ContextError('The nkey seed file holds no seed (a line starting with S).');
  return new TextEncoder().encode(seed);
}
