// NATS nkeys, JWTs and credentials files for tests, made with node:crypto's Ed25519 at test time
// (no private seed is ever written into the repository). Written independently of the service's
// own decoder (server/src/service/shared/nkeys.ts), so that each checks the other.

import * as crypto from 'node:crypto';

export type NkeyKind = 'operator' | 'account' | 'user' | 'server' | 'cluster';

/** The first byte of an encoded public key, per kind (the letter it base32-encodes to). */
const PREFIX: Record<NkeyKind, number> = {
  operator: 14 << 3, // O
  account: 0, // A
  user: 20 << 3, // U
  server: 13 << 3, // N
  cluster: 2 << 3, // C
};
const SEED_PREFIX = 18 << 3; // S

export interface KeyPair {
  kind: NkeyKind;
  /** The public nkey (`U…`, `A…`, …). */
  publicKey: string;
  /** The seed (`SU…`, `SA…`, …). */
  seed: string;
  privateKey: crypto.KeyObject;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** CRC-16/XMODEM (polynomial 0x1021, initial 0), bit by bit. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function withChecksum(body: number[]): string {
  const crc = crc16(Uint8Array.from(body));
  return base32(Uint8Array.from([...body, crc & 0xff, crc >> 8]));
}

export function encodePublic(kind: NkeyKind, raw: Uint8Array): string {
  return withChecksum([PREFIX[kind], ...raw]);
}

export function encodeSeed(kind: NkeyKind, raw: Uint8Array): string {
  const p = PREFIX[kind];
  return withChecksum([SEED_PREFIX | (p >> 5), (p & 31) << 3, ...raw]);
}

export function keyPair(kind: NkeyKind): KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { kind, publicKey: encodePublic(kind, x), seed: encodeSeed(kind, d), privateKey };
}

/** A key with one character changed (the checksum no longer matches). */
export function corrupt(key: string, at = 10): string {
  return key.slice(0, at) + (key[at] === 'A' ? 'B' : 'A') + key.slice(at + 1);
}

export type ClaimKind = 'operator' | 'account' | 'user' | 'activation';

/** A signed NATS JWT (v2): `sub` is its subject's public key, `issuer` signs it. */
export function signJwt(
  kind: ClaimKind,
  subject: string,
  issuer: KeyPair,
  nats: Record<string, unknown> = {},
  header: Record<string, string> = { typ: 'JWT', alg: 'ed25519-nkey' },
): string {
  const claims = {
    jti: crypto.randomBytes(16).toString('hex').toUpperCase(),
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.publicKey,
    name: kind,
    sub: subject,
    nats: { ...defaults(kind), ...nats, type: kind, version: 2 },
  };
  const signed = `${b64(header)}.${b64(claims)}`;
  const sig = crypto.sign(null, Buffer.from(signed), issuer.privateKey).toString('base64url');
  return `${signed}.${sig}`;
}

function defaults(kind: ClaimKind): Record<string, unknown> {
  if (kind === 'account') return { limits: { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, conn: -1 } };
  if (kind === 'user') return { subs: -1, data: -1, payload: -1 };
  return {};
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A `.creds` file as `nsc` writes it. */
export function credsFile(jwt: string, seed: string): string {
  return (
    `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n` +
    '************************* IMPORTANT *************************\n' +
    'NKEY Seed printed below can be used to sign and prove identity.\n' +
    'NKEYs are sensitive and should be treated as secrets.\n\n' +
    `-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n\n` +
    '*************************************************************\n'
  );
}

/** An operator, an account it signs and a user of that account, with the user's credentials. */
export function operatorSetup(): {
  operator: KeyPair;
  account: KeyPair;
  user: KeyPair;
  operatorJwt: string;
  accountJwt: string;
  userJwt: string;
  creds: string;
} {
  const operator = keyPair('operator');
  const account = keyPair('account');
  const user = keyPair('user');
  const operatorJwt = signJwt('operator', operator.publicKey, operator);
  const accountJwt = signJwt('account', account.publicKey, operator);
  const userJwt = signJwt('user', user.publicKey, account);
  return { operator, account, user, operatorJwt, accountJwt, userJwt, creds: credsFile(userJwt, user.seed) };
}
