// NATS JWTs as nats-server's jwt library (v2) decodes them: `header.payload.signature` in
// unpadded base64url, a header {"typ":"JWT","alg":"ed25519-nkey"}, claims naming their kind
// (`nats.type`, or `type` in version 1 JWTs), issuer and subject, and an Ed25519 signature by the
// issuer's nkey. Errors carry the library's wording, which nats-server prints after its own.

import { isValidPublicKey, publicKeyKind, verifySignature, type NkeyKind } from './nkeys';

export interface NatsJwt {
  /** `operator`, `account`, `user`, `activation`, `authorization`, or another word (a generic claim). */
  kind: string;
  issuer: string;
  subject: string;
  /** The `nats` section of a version 2 JWT (the v1 fields of an older one). */
  nats: Record<string, unknown>;
}

type JwtResult = { jwt: NatsJwt } | { error: string };

/** The kinds nats-server expects in a config, with the issuer each must have. */
type ExpectedKind = 'operator' | 'account' | 'user';

const ISSUER: Record<string, NkeyKind> = { operator: 'operator', account: 'operator', user: 'account' };
// The kinds the library knows and loads; any other word is a generic claim (checked as version 1).
const KNOWN = new Set(['operator', 'account', 'user', 'activation', 'authorization']);

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Go's base64.RawURLEncoding: no padding; line breaks are skipped, as Go does. */
function base64UrlDecode(text: string): Uint8Array | { error: string } {
  const chars = text.replace(/[\r\n]/g, '');
  if (!BASE64URL.test(chars)) {
    const bad = [...chars].findIndex((ch) => !/[A-Za-z0-9_-]/.test(ch));
    return { error: `illegal base64 data at input byte ${bad}` };
  }
  if (chars.length % 4 === 1) return { error: `illegal base64 data at input byte ${chars.length - 1}` };
  return Buffer.from(chars, 'base64url');
}

function parseJson(bytes: Uint8Array): { value: Record<string, unknown> } | { error: string } {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { value: value as Record<string, unknown> };
    return { error: `json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value` };
  } catch {
    const first = text.trimStart()[0];
    if (first === undefined) return { error: 'unexpected end of JSON input' };
    if (!/[{["\-0-9tfn]/.test(first)) return { error: `invalid character '${first}' looking for beginning of value` };
    return { error: 'the JSON does not parse' };
  }
}

/** A field as Go's encoding/json finds it: the exact name first, else one differing in case only. */
function field(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : obj[key];
}

function text(obj: Record<string, unknown>, name: string): string | { error: string } {
  const v = field(obj, name);
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : { error: `json: cannot unmarshal ${typeof v} into Go struct field ${name}` };
}

/** jwt.Decode: the claims of a token, once its header, payload and signature hold; else the library's error. */
export function decodeJwt(token: string): JwtResult {
  const chunks = token.split('.');
  if (chunks.length !== 3) return { error: 'expected 3 chunks' };

  const headerBytes = base64UrlDecode(chunks[0]);
  if ('error' in headerBytes) return headerBytes;
  const parsedHeader = parseJson(headerBytes);
  if ('error' in parsedHeader) return parsedHeader;
  const header = parsedHeader.value;
  const typ = text(header, 'typ');
  const alg = text(header, 'alg');
  if (typeof typ !== 'string') return typ;
  if (typeof alg !== 'string') return alg;
  if (typ.toUpperCase() !== 'JWT') return { error: `not supported type "${typ}"` };
  if (alg.toLowerCase() !== 'ed25519' && alg.toLowerCase() !== 'ed25519-nkey')
    return { error: `unexpected "${alg}" algorithm` };

  const payloadBytes = base64UrlDecode(chunks[1]);
  if ('error' in payloadBytes) return payloadBytes;
  const claims = parseJson(payloadBytes);
  if ('error' in claims) return claims;
  const loaded = loadClaims(claims.value);
  if ('error' in loaded) return loaded;

  const signature = base64UrlDecode(chunks[2]);
  if ('error' in signature) return signature;
  const { jwt, version } = loaded;
  // Version 1 JWTs (and generic claims) sign the payload alone; version 2 signs header and payload.
  const signed = version <= 1 ? chunks[1] : token.slice(0, chunks[0].length + chunks[1].length + 1);
  if (!publicKeyKind(jwt.issuer) || !verifySignature(jwt.issuer, Buffer.from(signed), signature))
    return { error: `claim failed V${version <= 1 ? 1 : 2} signature verification` };

  const issuerKind = ISSUER[jwt.kind] ?? (jwt.kind === 'activation' ? 'account' : undefined);
  if (issuerKind && !isValidPublicKey(jwt.issuer, issuerKind))
    return { error: `unable to validate expected prefixes - [${issuerKind}]` };
  return { jwt };
}

function loadClaims(claims: Record<string, unknown>): { jwt: NatsJwt; version: number } | { error: string } {
  const natsValue = field(claims, 'nats');
  const nats = natsValue && typeof natsValue === 'object' ? (natsValue as Record<string, unknown>) : {};
  const v1Type = text(claims, 'type');
  const v2Type = text(nats, 'type');
  const issuer = text(claims, 'iss');
  const subject = text(claims, 'sub');
  for (const v of [v1Type, v2Type, issuer, subject]) if (typeof v !== 'string') return v;
  const declared = field(nats, 'version');
  const version = v1Type !== '' ? 1 : typeof declared === 'number' ? declared : 0;
  if (version > 2) return { error: 'JWT was generated by a newer version ' };
  const kind = ((v1Type as string) || (v2Type as string)).toString();
  if (kind === 'cluster') return { error: 'ClusterClaims are not supported' };
  if (kind === 'server') return { error: 'ServerClaims are not supported' };
  const known = KNOWN.has(kind);
  if (known && version !== 1 && version !== 2)
    return { error: `library supports version 2 or less - received ${version}` };
  return {
    jwt: { kind, issuer: issuer as string, subject: subject as string, nats },
    version: known ? version : -1,
  };
}

/** jwt.DecodeOperatorClaims / DecodeAccountClaims / DecodeUserClaims: a JWT of that kind, or the error. */
export function decodeClaims(token: string, kind: ExpectedKind): JwtResult {
  const result = decodeJwt(token);
  if ('error' in result) return result;
  return result.jwt.kind === kind ? result : { error: `not ${kind} claim` };
}

// An armoured block as nats-server's jwt library finds them: a dashed line, one line of content, a dashed
// line (Go's `.` is `[^\n]` here).
const DECORATED = /\s*(?:(?:-{3,}[^\n]*-{3,}\r?\n)([\w\-.=]+)(?:\r?\n-{3,}[^\n]*-{3,}(?:\r?\n|$)))/g;

/** jwt.ParseDecoratedJWT: the content of the first armoured block, or the whole text when there is none. */
export function parseDecoratedJwt(contents: string): string {
  DECORATED.lastIndex = 0;
  const first = DECORATED.exec(contents);
  return first ? first[1] : contents;
}

// The credentials file as a leaf node remote reads it (nats-server's credsRe: Unix line ends only).
const CREDS = /\s*(?:(?:-{3,}[^\n]*-{3,}\n)([^\n]+)(?:\n\s*-{3,}[^\n]*-{3,}\n))/g;

/** The first two armoured blocks of a credentials file (the JWT, then the seed); undefined with fewer. */
export function parseCredentials(contents: string): { jwt: string; seed: string } | undefined {
  const items = [...contents.matchAll(CREDS)];
  return items.length < 2 ? undefined : { jwt: items[0][1], seed: items[1][1] };
}
