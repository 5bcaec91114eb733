// The `nats` CLI's contexts, the connection store NATS users already have: where they live,
// which one is selected, and how one becomes connect options. Plain Node, no vscode import;
// the extension and `nats-conf health`/`drift` share it.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { splitUrl, splitUserPassword } from '../service/shared/urls';

/** A context as natscli writes it (ADR-21); unknown fields are kept as they are. */
export interface NatsContext {
  description?: string;
  url?: string;
  token?: string;
  user?: string;
  password?: string;
  creds?: string;
  nkey?: string;
  cert?: string;
  key?: string;
  ca?: string;
  tls_first?: boolean;
  inbox_prefix?: string;
  jetstream_domain?: string;
  jetstream_api_prefix?: string;
  user_jwt?: string;
  user_seed?: string;
  socks_proxy?: string;
  windows_cert_store?: string;
  [field: string]: unknown;
}

interface ContextEntry {
  name: string;
  file: string;
  context: NatsContext;
}

/** A context that cannot be used, with what to check; never carries a secret. */
export class ContextError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ContextError';
  }
}

type Env = Record<string, string | undefined>;

/** natscli's root: $XDG_CONFIG_HOME/nats, else <home>/.config/nats, on every OS. */
export function contextRoot(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || env.USERPROFILE || os.homedir(), '.config');
  return path.join(base, 'nats');
}

export function listContexts(env: Env = process.env): ContextEntry[] {
  const dir = path.join(contextRoot(env), 'context');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: ContextEntry[] = [];
  for (const f of names.sort()) {
    try {
      out.push(readContextFile(path.join(dir, f)));
    } catch {
      // A broken file is skipped in the list; loading it by name says what is wrong.
    }
  }
  return out;
}

/** The selected context's name: NATS_CONTEXT, else context.txt; undefined when none. */
export function selectedContextName(env: Env = process.env): string | undefined {
  if (env.NATS_CONTEXT) return env.NATS_CONTEXT;
  try {
    const name = fs.readFileSync(path.join(contextRoot(env), 'context.txt'), 'utf8').trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** A context by name, or by a path to a .json file (as `nats --context` accepts). */
export function loadContext(nameOrFile: string, env: Env = process.env): ContextEntry {
  if (nameOrFile.endsWith('.json')) return readContextFile(nameOrFile);
  if (!nameOrFile || nameOrFile.includes('..') || /[/\\]/.test(nameOrFile))
    throw new ContextError(`'${nameOrFile}' is not a context name: names may not be empty or hold '..', '/' or '\\'.`);
  return readContextFile(path.join(contextRoot(env), 'context', `${nameOrFile}.json`));
}

function readContextFile(file: string): ContextEntry {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ContextError(`No NATS context at ${file}: list them with 'nats context ls'.`, file);
  }
  let context: unknown;
  try {
    context = JSON.parse(text);
  } catch (e) {
    throw new ContextError(`${file} is not valid JSON (${(e as Error).message}).`, file);
  }
  if (!context || typeof context !== 'object' || Array.isArray(context))
    throw new ContextError(`${file} does not hold a JSON object.`, file);
  return { name: path.basename(file, '.json'), file, context: context as NatsContext };
}

/** `~` and `$VAR`/`${VAR}` in paths, as natscli expands them. */
export function expandPath(p: string, env: Env = process.env): string {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const expanded = p.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, a: string, b: string) => env[a ?? b] ?? '',
  );
  return expanded === '~' ? home : expanded.startsWith('~/') ? path.join(home, expanded.slice(2)) : expanded;
}

/**
 * A credential value (creds, nkey, password, token…): file://, env://, data: URIs, or
 * `literal` (a password) / a path (creds, nkey). op:// and nsc:// need their own CLIs.
 */
export function resolveCredential(
  value: string,
  kind: 'literal' | 'file',
  field: string,
  env: Env = process.env,
): Uint8Array {
  const enc = (s: string) => new TextEncoder().encode(s);
  if (value.startsWith('env://')) {
    const name = value.slice('env://'.length);
    const v = env[name];
    if (v === undefined) throw new ContextError(`'${field}' names the environment variable ${name}, which is not set.`);
    return enc(v);
  }
  if (value.startsWith('data:')) {
    const comma = value.indexOf(',');
    if (comma < 0) throw new ContextError(`'${field}' is a data: URI without data.`);
    const meta = value.slice(5, comma);
    const data = value.slice(comma + 1);
    return meta.endsWith(';base64') ? new Uint8Array(Buffer.from(data, 'base64')) : enc(decodeURIComponent(data));
  }
  if (value.startsWith('op://') || value.startsWith('nsc://')) {
    throw new ContextError(
      `'${field}' uses ${value.split(':')[0]}://, which needs ` +
        `the ${value.startsWith('op:') ? '1Password op' : 'nsc'} command; use a file, env:// ` +
        `or data: reference here.`,
    );
  }
  if (kind === 'literal' && !value.startsWith('file://')) return enc(value);
  const file = expandPath(value.startsWith('file://') ? value.slice('file://'.length) : value, env);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new ContextError(`'${field}' names ${file}, which cannot be read.`);
  }
}

/** A server URL's parts: the scheme, the userinfo (as written, not decoded) and the rest (host:port…). */
interface ServerUrl {
  /** Undefined for a bare host:port. */
  scheme?: string;
  /** `user:password@`: both; `token@`: the token; none (or empty) userinfo: neither. */
  user?: string;
  password?: string;
  token?: string;
  rest: string;
}

/** The userinfo runs to the last '@' of the authority, as in Go's url.Parse (which the nats CLI uses). */
export function splitServerUrl(raw: string): ServerUrl {
  const parts = splitUrl(raw);
  if (!parts) return { rest: raw };
  const { scheme, userinfo, rest } = parts;
  if (!userinfo) return { scheme, rest };
  const { user, password } = splitUserPassword(userinfo);
  return password !== undefined ? { scheme, user, password, rest } : { scheme, token: user, rest };
}

/**
 * `nats://user:pass@host` → `nats://user:***@host`; a token in userinfo is masked whole. A
 * comma-separated list (a context's `url`) has every URL masked, not only the first.
 */
export function redactUrl(url: string): string {
  // Each URL of a list: its userinfo runs to the last '@' (a password may hold '@'), as Go reads it.
  // A list splits only where a scheme follows its comma: a password may hold ',' too.
  const urls = url.split(/,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i);
  return urls
    .map((one) => {
      const lead = /^\s*/.exec(one)![0];
      const parts = splitUrl(one.slice(lead.length));
      if (parts?.userinfo === undefined) return one;
      const colon = parts.userinfo.indexOf(':');
      const shown = colon >= 0 ? `${parts.userinfo.slice(0, colon)}:***` : '***';
      return `${lead}${parts.scheme}://${shown}@${parts.rest}`;
    })
    .join(',');
}
