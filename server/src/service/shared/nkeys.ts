// NATS nkeys as nats-server's nkeys library reads them: base32 (RFC 4648, no padding) of a prefix
// byte, the key and a CRC-16/XMODEM checksum (little-endian). Public keys start with O, A, U, N, C
// (X for curve keys); seeds with S and a second letter for the kind of key they make.

import * as crypto from 'node:crypto';

export type NkeyKind = 'operator' | 'account' | 'user' | 'server' | 'cluster' | 'curve';

const PREFIX: Record<NkeyKind, number> = {
  operator: 14 << 3,
  account: 0,
  user: 20 << 3,
  server: 13 << 3,
  cluster: 2 << 3,
  curve: 23 << 3,
};
const SEED_PREFIX = 18 << 3;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES = new Map([...ALPHABET].map((ch, i) => [ch, i]));

/** Go's base32 decoding (standard alphabet, no padding); line breaks are skipped, as Go does. */
function base32Decode(text: string): Uint8Array | undefined {
  const chars = text.replace(/[\r\n]/g, '');
  // A last group of 1, 3 or 6 characters encodes no whole byte: no encoder writes it.
  if ([1, 3, 6].includes(chars.length % 8)) return undefined;
  const out: number[] = [];
  let value = 0;
  let bits = 0;
  for (const ch of chars) {
    const v = VALUES.get(ch);
    if (v === undefined) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** CRC-16/XMODEM (polynomial 0x1021, initial value 0), as the nkeys library computes it. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The bytes before the checksum, when the text decodes and its checksum matches. */
function decodeChecked(text: string): Uint8Array | undefined {
  const raw = base32Decode(text);
  if (!raw || raw.length < 4) return undefined;
  const body = raw.subarray(0, raw.length - 2);
  const crc = raw[raw.length - 2] | (raw[raw.length - 1] << 8);
  return crc16(body) === crc ? body : undefined;
}

function kindOf(prefix: number): NkeyKind | undefined {
  return (Object.keys(PREFIX) as NkeyKind[]).find((k) => PREFIX[k] === prefix);
}

/** The kind of a public nkey whose encoding and checksum hold (nkeys' FromPublicKey); undefined otherwise. */
export function publicKeyKind(key: string): NkeyKind | undefined {
  const body = decodeChecked(key);
  return body ? kindOf(body[0]) : undefined;
}

/** nkeys' IsValidPublicXxxKey: the encoding and checksum hold and the prefix is `kind`'s (length unchecked). */
export function isValidPublicKey(key: string, kind: NkeyKind): boolean {
  return publicKeyKind(key) === kind;
}

/** A seed as nkeys' DecodeSeed reads it: the kind of key it makes and its raw bytes. */
export function decodeSeed(seed: string): { kind: NkeyKind; raw: Uint8Array } | undefined {
  const body = decodeChecked(seed);
  if (!body || body.length < 2 || (body[0] & 0xf8) !== SEED_PREFIX) return undefined;
  const kind = kindOf(((body[0] & 7) << 5) | ((body[1] & 0xf8) >> 3));
  return kind ? { kind, raw: body.subarray(2) } : undefined;
}

function encodePublic(kind: NkeyKind, raw: Uint8Array): string {
  const body = Uint8Array.from([PREFIX[kind], ...raw]);
  const crc = crc16(body);
  return base32Encode(Uint8Array.from([...body, crc & 0xff, crc >> 8]));
}

// An Ed25519 private key in PKCS#8 DER is this header followed by the 32-byte seed.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The public key of an Ed25519 seed (`SU…` gives `U…`); undefined for curve seeds or a seed of the wrong size. */
export function publicKeyOfSeed(seed: string): string | undefined {
  const decoded = decodeSeed(seed);
  if (!decoded || decoded.kind === 'curve' || decoded.raw.length !== 32) return undefined;
  try {
    const key = crypto.createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519, decoded.raw]),
      format: 'der',
      type: 'pkcs8',
    });
    const x = crypto.createPublicKey(key).export({ format: 'jwk' }).x;
    return x ? encodePublic(decoded.kind, Buffer.from(x, 'base64url')) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `signature` over `data` verifies with the public nkey `key` (Ed25519). */
export function verifySignature(key: string, data: Uint8Array, signature: Uint8Array): boolean {
  const body = decodeChecked(key);
  if (!body || !kindOf(body[0]) || body[0] === PREFIX.curve || body.length !== 33) return false;
  try {
    const publicKey = crypto.createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(body.subarray(1)).toString('base64url') },
      format: 'jwk',
    });
    return crypto.verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}

/** How a kind of key is named in messages. */
const NKEY_NAMES: Record<NkeyKind, string> = {
  operator: 'an operator key (O…)',
  account: 'an account key (A…)',
  user: 'a user key (U…)',
  server: 'a server key (N…)',
  cluster: 'a cluster key (C…)',
  curve: 'a curve key (X…)',
};

/** What a key that is not of the kind wanted is instead, in words (for messages). */
export function describeKey(key: string): string {
  const kind = publicKeyKind(key);
  if (kind) return `it is ${NKEY_NAMES[kind]}`;
  const seed = decodeSeed(key);
  if (seed) return `it is a seed (a private key), not a public key`;
  if (key.length === 0) return 'it is empty';
  return /^[A-Z2-7]+$/.test(key) ? 'its checksum does not match (a character is wrong or missing)' : 'it is no nkey';
}
