// Credentials material a config names: nkeys (users, accounts, trusted operators, and from 2.10
// the auth callout and leaf node keys), JWTs (the operator, resolver_preload) and leaf node
// credentials files. nats-server refuses bad nkeys and JWTs while reading the config (with the
// wording reported here); it reads a remote's credentials file only when it dials, and a bad one
// leaves the remote unconnected for good, so that is advice.

import { ConfigFile, resolveValue } from '../document';
import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { decodeClaims, decodeJwt, parseCredentials, parseDecoratedJwt, type NatsJwt } from '../shared/jwts';
import { describeKey, decodeSeed, isValidPublicKey, publicKeyOfSeed } from '../shared/nkeys';
import { serverPath } from '../shared/serverPaths';
import { Span } from '../tree';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'nkey-invalid',
  'jwt-invalid',
  'startup-pinned-account',
  'credentials-file',
  'preload-account',
] as const satisfies readonly FindingCode[];

/** A string of the config, where it is written (an array item is its own place). */
interface Written {
  text: string;
  file: ConfigFile;
  span: Span;
}

function written(setting: Setting | undefined): Written | undefined {
  const v = setting?.value;
  return v?.kind === 'string' && setting?.entry.value
    ? { text: v.value, file: setting.file, span: setting.entry.value }
    : undefined;
}

/** A string, or each string of an array, of a setting. */
function writtenItems(ctx: RuleContext, setting: Setting | undefined): Written[] {
  const v = setting?.value;
  if (!setting || !v) return [];
  if (v.kind !== 'array') return [written(setting)].filter((w): w is Written => !!w);
  return v.items.flatMap((item) => {
    const value = resolveValue(ctx.model, item);
    return value?.kind === 'string' ? [{ text: value.value, file: setting.file, span: item }] : [];
  });
}

const refuse = (ctx: RuleContext, at: Written, code: FindingCode, message: string) =>
  ctx.report({ file: at.file, span: at.span }, 'error', code, message, 'server');

// ---- nkeys (while reading) ----------------------------------------------------------------

export function checkNkeys(ctx: RuleContext): void {
  const auth = ctx.top.block('authorization');
  checkUserNkeys(ctx, auth?.get('users'));
  ctx.eachAccount('nkey-invalid users', (account) => checkUserNkeys(ctx, ctx.accountUsers(account)));
  ctx.eachAccount('nkey-invalid account', (account) => {
    for (const setting of ctx.settingsOf(account, 'nkey')) {
      const nkey = written(setting);
      if (nkey && !isValidPublicKey(nkey.text, 'account'))
        refuse(
          ctx,
          nkey,
          'nkey-invalid',
          `Not a valid public nkey for an account: "${nkey.text}": ${why(nkey.text, 'A')}.`,
        );
    }
  });
  for (const key of writtenItems(ctx, ctx.top.get('trusted', 'trusted_keys'))) {
    if (!isValidPublicKey(key.text, 'operator'))
      refuse(
        ctx,
        key,
        'nkey-invalid',
        `trust key "${key.text}" required to be a valid public operator nkey: ${why(key.text, 'O')}.`,
      );
  }
  if (ctx.since(2, 10, 0)) checkCalloutKeys(ctx, auth?.block('auth_callout'));
  if (ctx.since(2, 10, 8)) checkLeafnodeKeys(ctx);
}

function checkUserNkeys(ctx: RuleContext, list: Setting | undefined): void {
  for (const user of ctx.usersOf(list)) {
    const nkey = written(user.get('nkey'));
    if (nkey && !isValidPublicKey(nkey.text, 'user'))
      refuse(ctx, nkey, 'nkey-invalid', `Not a valid public nkey for a user: ${why(nkey.text, 'U')}.`);
  }
}

/** Why a key is not the public key wanted (`letter`: the letter such keys start with). */
function why(key: string, letter: string): string {
  return `${describeKey(key)}; a public ${KINDS[letter]} key is 56 characters starting with ${letter}`;
}

const KINDS: Record<string, string> = { U: 'user', A: 'account', O: 'operator', X: 'curve' };

function checkCalloutKeys(ctx: RuleContext, callout: EffectiveMap | undefined): void {
  const issuer = written(callout?.get('issuer'));
  if (issuer && !isValidPublicKey(issuer.text, 'account'))
    refuse(
      ctx,
      issuer,
      'nkey-invalid',
      `Expected callout user to be a valid public account nkey, got "${issuer.text}": ${why(issuer.text, 'A')}.`,
    );
  const xkey = written(callout?.get('xkey', 'key'));
  if (xkey && !isValidPublicKey(xkey.text, 'curve'))
    refuse(
      ctx,
      xkey,
      'nkey-invalid',
      `Expected callout xkey to be a valid public xkey, got "${xkey.text}": ${why(xkey.text, 'X')}.`,
    );
}

function checkLeafnodeKeys(ctx: RuleContext): void {
  const leaf = ctx.top.block('leafnodes', 'leaf');
  const nkey = written(leaf?.block('authorization')?.get('nkey'));
  if (nkey && !isValidPublicKey(nkey.text, 'user'))
    refuse(ctx, nkey, 'nkey-invalid', `Not a valid public nkey for leafnode authorization: ${why(nkey.text, 'U')}.`);
  for (const remote of remotesOf(ctx)) {
    const seed = written(remote.get('nkey', 'seed'));
    if (seed && decodeSeed(seed.text)?.kind !== 'user')
      refuse(
        ctx,
        seed,
        'nkey-invalid',
        `Remote leafnode nkey is not a valid seed: "${seed.text}": it takes the user's seed (SU…), ` +
          'as `nsc` or `nk -gen user` writes it.',
      );
  }
}

function remotesOf(ctx: RuleContext): EffectiveMap[] {
  const remotes = ctx.top.block('leafnodes', 'leaf')?.get('remotes');
  if (remotes?.value?.kind !== 'array') return [];
  return remotes.value.items.flatMap((item) => {
    const remote = resolveValue(ctx.model, item);
    return remote?.kind === 'map' ? [new EffectiveMap(ctx.model, remote, remotes.file)] : [];
  });
}

// ---- JWTs (while reading) ------------------------------------------------------------------

/** An operator JWT as nats-server reads it: from the file named, else inline. */
interface OperatorJwt {
  at: Written;
  /** The file it was read from (undefined: written inline). */
  path?: string;
  result: ReturnType<typeof decodeJwt>;
}

const operatorCache = new WeakMap<RuleContext, OperatorJwt[]>();

/** The operator JWTs the config names (a list from 2.11 on), read and decoded once per check. */
function operatorJwts(ctx: RuleContext): OperatorJwt[] {
  const cached = operatorCache.get(ctx);
  if (cached) return cached;
  const setting = ctx.operator();
  // Before 2.11 nats-server refuses a list of operators whatever it holds.
  const items = setting?.value?.kind === 'array' && !ctx.since(2, 11, 0) ? [] : writtenItems(ctx, setting);
  const jwts = items.flatMap((at) => {
    const source = readOperator(ctx, at.text);
    if (!source) return [];
    return [{ at, path: source.path, result: decodeClaims(parseDecoratedJwt(source.contents), 'operator') }];
  });
  operatorCache.set(ctx, jwts);
  return jwts;
}

/**
 * readOperatorJWT: the file when it can be read, else the text itself when it starts like a JWT.
 * Undefined when the file is missing (file-missing says so) or files are not checked.
 */
function readOperator(ctx: RuleContext, text: string): { contents: string; path?: string } | undefined {
  const host = ctx.model.host;
  if (host.fileStatus && text !== '') {
    const path = serverPath(host, text);
    if (host.fileStatus(path) === 'file') {
      const read = host.readFile(path);
      return 'text' in read ? { contents: read.text, path } : undefined;
    }
  }
  return text.startsWith('eyJ') ? { contents: text } : undefined;
}

export function checkJwts(ctx: RuleContext): void {
  for (const op of operatorJwts(ctx)) {
    if (!('error' in op.result)) continue;
    const where = op.path ? `${op.at.text} holds` : 'the inline value is';
    refuse(
      ctx,
      op.at,
      'jwt-invalid',
      `error parsing operator JWT: ${op.result.error}: ${operatorHint(op.result.error, where)}`,
    );
  }
  for (const entry of preloads(ctx)) {
    const result = decodeClaims(entry.at.text, 'account');
    if (!('error' in result)) continue;
    refuse(
      ctx,
      entry.at,
      'jwt-invalid',
      `invalid account JWT: the value for ${entry.key} is no account JWT nats-server can read (${result.error}); ` +
        'resolver_preload maps account public keys to their JWTs (`nsc describe account --raw`).',
    );
  }
}

function operatorHint(error: string, where: string): string {
  const kind = /^not operator claim/.test(error) ? 'another kind of JWT' : undefined;
  if (kind) return `${where} ${kind}, not the operator's; use the operator's JWT (\`nsc describe operator --raw\`).`;
  if (error === 'expected 3 chunks') return `${where} no JWT; operator takes the operator's JWT or a file holding it.`;
  if (/signature|prefixes/.test(error))
    return `${where} a JWT whose signature does not hold (altered or cut short after signing).`;
  return `${where} no JWT nats-server can read.`;
}

/** The entries of resolver_preload whose value is a string: the account key and the JWT. */
function preloads(ctx: RuleContext): { key: string; at: Written }[] {
  const preload = ctx.top.get('resolver_preload');
  if (preload?.value?.kind !== 'map') return [];
  return preload.value.entries.flatMap((e) => {
    if (e.kind !== 'keyValue' || !e.value) return [];
    const value = resolveValue(ctx.model, e.value);
    return value?.kind === 'string'
      ? [{ key: e.key, at: { text: value.value, file: preload.file, span: e.value } }]
      : [];
  });
}

// ---- at start --------------------------------------------------------------------------------

/** validateTrustedOperators: in operator mode each pinned account must be an account public key. */
export function checkPinnedAccounts(ctx: RuleContext): void {
  if (!ctx.operator()) return;
  for (const key of writtenItems(ctx, ctx.top.get('resolver_pinned_accounts'))) {
    if (isValidPublicKey(key.text, 'account')) continue;
    ctx.report(
      { file: key.file, span: key.span },
      'error',
      'startup-pinned-account',
      `pinned account key "${key.text}" is not a valid public account nkey: ${why(key.text, 'A')}; ` + REFUSED_AT_START,
      'server',
    );
  }
}

// ---- advice --------------------------------------------------------------------------------

export function checkCredentialsFiles(ctx: RuleContext): void {
  const host = ctx.model.host;
  if (!host.fileStatus) return;
  for (const remote of remotesOf(ctx)) {
    const creds = written(remote.get('credentials', 'creds'));
    if (!creds || creds.text === '' || creds.text.startsWith('~')) continue;
    const path = serverPath(host, creds.text);
    if (host.fileStatus(path) !== 'file') continue; // file-missing reports it
    const read = host.readFile(path);
    if (!('text' in read)) continue;
    const flaw = credentialsFlaw(read.text);
    if (!flaw) continue;
    ctx.report(
      { file: creds.file, span: creds.span },
      'error',
      'credentials-file',
      `LeafNode Remote Credentials file "${creds.text}" ${flaw}. nats-server starts, but this remote never ` +
        'connects; a credentials file holds the user JWT and the user seed, as `nsc generate creds` writes it.',
      'lint',
    );
  }
}

/** What keeps a credentials file from logging a leaf node in (nats-server's wording first); undefined when sound. */
function credentialsFlaw(contents: string): string | undefined {
  const parts = parseCredentials(contents);
  if (!parts) {
    const crlf = /-{3,}\r\n/.test(contents) ? ' (its Windows line ends hide the blocks from nats-server)' : '';
    return `malformed: it has no user JWT block followed by a seed block${crlf}`;
  }
  const seed = decodeSeed(parts.seed);
  if (!seed) return 'has malformed seed: its second block holds no nkey seed';
  const claims = decodeClaims(parts.jwt, 'user');
  if ('error' in claims) {
    const other = claims.error === 'not user claim' ? decodeJwt(parts.jwt) : undefined;
    const kind = other && 'jwt' in other ? `it holds ${article(other.jwt.kind)} JWT` : claims.error;
    return `has malformed user jwt: ${kind}`;
  }
  if (seed.kind !== 'user')
    return `holds ${article(seed.kind)} seed, not the user's (SU…), so the remote refuses the login`;
  const publicKey = publicKeyOfSeed(parts.seed);
  if (publicKey && publicKey !== claims.jwt.subject)
    return (
      `holds the seed of ${publicKey}, not of the JWT's user ${claims.jwt.subject} (the two blocks come ` +
      'from different credentials), so the remote refuses the login'
    );
  return undefined;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word || 'untyped'}`);

/**
 * resolver_preload accounts nats-server reads but never loads: listed under a key that is not the
 * JWT's subject, or signed by a key the config does not trust (the operators' keys, `trusted`).
 */
export function checkPreloadAccounts(ctx: RuleContext): void {
  const trusted = trustedKeys(ctx);
  for (const entry of preloads(ctx)) {
    const result = decodeClaims(entry.at.text, 'account');
    if ('error' in result) continue; // jwt-invalid
    const { subject, issuer } = result.jwt;
    let problem: string | undefined;
    if (subject !== entry.key) problem = `its JWT is the account ${subject}'s, not ${entry.key}'s`;
    else if (trusted && !trusted.has(issuer))
      problem = `its JWT is signed by ${issuer}, which is neither a trusted operator nor one of its signing keys`;
    if (!problem) continue;
    ctx.report(
      { file: entry.at.file, span: entry.at.span },
      'error',
      'preload-account',
      `resolver_preload ${entry.key}: ${problem}; nats-server starts, but the account never loads and its users ` +
        'cannot log in.',
      'lint',
    );
  }
}

/** The keys account JWTs may be signed with; undefined when unknown (no operator read, no trusted keys). */
function trustedKeys(ctx: RuleContext): Set<string> | undefined {
  const keys = new Set(writtenItems(ctx, ctx.top.get('trusted', 'trusted_keys')).map((k) => k.text));
  const ops = operatorJwts(ctx);
  if (ctx.operator() && (ops.length === 0 || ops.some((op) => 'error' in op.result))) return undefined;
  for (const op of ops) if ('jwt' in op.result) for (const k of operatorKeys(op.result.jwt)) keys.add(k);
  return keys.size > 0 ? keys : undefined;
}

function operatorKeys(op: NatsJwt): string[] {
  const signing = op.nats.signing_keys;
  const keys = Array.isArray(signing) ? signing.filter((k): k is string => typeof k === 'string') : [];
  return op.nats.strict_signing_key_usage === true ? keys : [op.subject, ...keys];
}
