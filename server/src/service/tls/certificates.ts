// Certificates, keys and CA bundles as nats-server reads them (tls.LoadX509KeyPair for cert_file
// and key_file, CertPool.AppendCertsFromPEM for ca_file), with Go's own error wording, and the
// checks Go's crypto/x509 makes of a peer: host names against SANs, and chains to a root.

import { KeyObject, X509Certificate, createPrivateKey, createPublicKey, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { detached } from '../shared/detached';
import type { ConfigHost } from '../document';
import { serverPath } from '../shared/serverPaths';
import { PemBlock, decodePem } from './pem';

export interface CertificateSummary {
  /** Go's pkix.Name form: most specific first (`CN=nats-server,O=Acme`). */
  subject: string;
  issuer: string;
  commonName: string | undefined;
  dnsNames: string[];
  /** From subjectAltName, normalised ('127.0.0.1', '::1'). */
  ipAddresses: string[];
  notBefore: Date;
  notAfter: Date;
  /** Extended key usage names ('serverAuth', 'clientAuth', or OIDs); undefined when the extension is absent. */
  extKeyUsage: string[] | undefined;
  isCA: boolean;
  /** 'RSA', 'EC P-256', 'Ed25519', or the algorithm's name. */
  keyType: string;
  keyBits: number | undefined;
  /** Colon-separated hex, as X509Certificate gives it. */
  fingerprint256: string;
  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: what `pinned_certs` lists. */
  publicKeySha256: string;
  serialNumber: string;
  /** Issued by itself (subject and issuer match and its own key verifies the signature). */
  selfSigned: boolean;
  x509: X509Certificate;
}

export interface KeySummary {
  /** 'RSA', 'EC P-256', 'Ed25519'. */
  keyType: string;
  keyBits: number | undefined;
  /** The PEM block's type ('RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY'). */
  pemType: string;
  key: KeyObject;
}

/** Why Go cannot use a key pair, and which of the two files it is about. */
export interface PairError {
  /** Go's error (after nats-server's `error parsing X509 certificate/key pair: `). */
  error: string;
  file: 'cert' | 'key';
  /** The key is encrypted (Go cannot read encrypted keys: nats-server has no passphrase option). */
  encrypted?: boolean;
  /** The key is readable but belongs to another certificate. */
  mismatch?: boolean;
}

export type PairRead = { certificates: CertificateSummary[]; key: KeySummary } | PairError;

/** nats-server's wording when a tls block's certificate and key cannot be loaded. */
export const PAIR_ERROR_PREFIX = 'error parsing X509 certificate/key pair: ';
/** nats-server's wording when ca_file holds no certificate it can use. */
export const CA_ERROR = 'failed to parse root ca certificate';

const EKU_NAMES: Record<string, string> = {
  '2.5.29.37.0': 'any',
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** The curves Go's crypto/x509 reads, by OpenSSL's name. */
const CURVES: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
  secp224r1: 'P-224',
};

function describeKey(key: KeyObject): { keyType: string; keyBits: number | undefined; goKnows: boolean } {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa') return { keyType: 'RSA', keyBits: details.modulusLength, goKnows: true };
  if (type === 'ec') {
    const curve = details.namedCurve ?? '';
    const name = CURVES[curve];
    return { keyType: `EC ${name ?? curve}`, keyBits: name ? Number(name.slice(2)) : undefined, goKnows: !!name };
  }
  if (type === 'ed25519') return { keyType: 'Ed25519', keyBits: undefined, goKnows: true };
  return { keyType: String(type ?? 'unknown').toUpperCase(), keyBits: details.modulusLength, goKnows: false };
}

/** Node's one-attribute-per-line name, in Go's order and form (most specific first, commas). */
function goName(name: string): string {
  return name.split('\n').filter(Boolean).reverse().join(',');
}

function commonNameOf(subject: string): string | undefined {
  let cn: string | undefined;
  // Go keeps the last CN of the name.
  for (const line of subject.split('\n')) if (line.startsWith('CN=')) cn = line.slice(3);
  return cn;
}

/** Node's subjectAltName text: `DNS:a, IP Address:1.2.3.4, DNS:"quoted, if need be"`. */
function parseSubjectAltName(text: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  if (!text) return { dns, ip };
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon < 0) break;
    const kind = text.slice(i, colon);
    let value: string;
    let j = colon + 1;
    if (text[j] === '"') {
      // JSON-quoted, since Node escapes names holding commas or quotes.
      let k = j + 1;
      while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(text.slice(j, k + 1)) as string;
      } catch {
        value = text.slice(j + 1, k);
      }
      j = k + 1;
    } else {
      const comma = text.indexOf(', ', j);
      const stop = comma < 0 ? text.length : comma;
      value = text.slice(j, stop);
      j = stop;
    }
    if (kind === 'DNS') dns.push(value);
    else if (kind === 'IP Address') ip.push(normaliseIp(value) ?? value);
    i = text.startsWith(', ', j) ? j + 2 : j + 1;
  }
  return { dns, ip };
}

/** An address as 16 bytes (IPv4 as IPv4-mapped, as Go's net.IP holds it), or undefined when it is none. */
function ipBytes(text: string): number[] | undefined {
  const v = isIP(text);
  if (v === 4) return [...new Array<number>(10).fill(0), 0xff, 0xff, ...text.split('.').map(Number)];
  if (v !== 6 || text.includes('%')) return undefined;
  let s = text;
  let tail: number[] = [];
  const last = s.lastIndexOf(':');
  const dotted = s.slice(last + 1);
  if (dotted.includes('.')) {
    // An embedded IPv4 tail stands for the last two groups.
    const o = dotted.split('.').map(Number);
    tail = [(o[0] << 8) | o[1], (o[2] << 8) | o[3]];
    s = s.slice(0, last + 1) + '0:0';
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  let all: number[];
  if (rest === undefined) all = groups(head);
  else {
    const h = groups(head);
    const r = groups(rest);
    all = [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
  }
  if (tail.length) all = [...all.slice(0, 6), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** An address in Go's net.IP.String() form: '127.0.0.1', '::1', 'fe80::1:2'. */
export function normaliseIp(text: string): string | undefined {
  const b = ipBytes(text);
  if (!b) return undefined;
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  // The longest run of two or more zero groups becomes '::' (the first, on a tie).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

/** A summary of one DER certificate, or Go's reason to refuse it. */
function summarise(der: Buffer): CertificateSummary | { error: string } {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return { error: 'x509: malformed certificate' };
  }
  let key: ReturnType<typeof describeKey>;
  let spki: Buffer;
  try {
    key = describeKey(x509.publicKey);
    spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    return { error: 'x509: unsupported public key algorithm' };
  }
  if (key.keyType.startsWith('EC ') && key.keyBits === undefined) return { error: 'x509: unsupported elliptic curve' };
  const san = parseSubjectAltName(x509.subjectAltName);
  let selfSigned = false;
  try {
    selfSigned = x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    selfSigned = false;
  }
  const eku = x509.keyUsage as string[] | undefined;
  return {
    subject: goName(x509.subject),
    issuer: goName(x509.issuer),
    commonName: commonNameOf(x509.subject),
    dnsNames: san.dns,
    ipAddresses: san.ip,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    extKeyUsage: eku ? eku.map((oid) => EKU_NAMES[oid] ?? oid) : undefined,
    isCA: x509.ca,
    keyType: key.keyType,
    keyBits: key.keyBits,
    fingerprint256: x509.fingerprint256,
    publicKeySha256: createHash('sha256').update(spki).digest('hex'),
    serialNumber: x509.serialNumber,
    selfSigned,
    x509,
  };
}

/** A private key as Go's tls.parsePrivateKey reads it: PKCS #1, PKCS #8 (RSA, ECDSA, Ed25519), SEC 1. */
function parsePrivateKey(block: PemBlock): KeySummary | undefined {
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    try {
      const key = createPrivateKey({ key: block.bytes, format: 'der', type });
      const d = describeKey(key);
      if (!d.goKnows) return undefined;
      return { keyType: d.keyType, keyBits: d.keyBits, pemType: block.type, key };
    } catch {
      // Go tries the next form too.
    }
  }
  return undefined;
}

const isKeyBlock = (b: PemBlock) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY');

/** Go's `%v` of a []string. */
const goList = (items: string[]) => `[${items.join(' ')}]`;

/** The CERTIFICATE blocks of cert_file, or Go's reason when there is none. */
function certificateBlocks(text: string): PemBlock[] | string {
  const blocks = decodePem(text);
  const chain = blocks.filter((b) => b.type === 'CERTIFICATE');
  if (chain.length) return chain;
  const skipped = blocks.map((b) => b.type);
  if (skipped.length === 0) return 'tls: failed to find any PEM data in certificate input';
  if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY'))
    return (
      'tls: failed to find certificate PEM data in certificate input, but did find a private key; ' +
      'PEM inputs may have been switched'
    );
  return (
    'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks ' +
    `of the following types: ${goList(skipped)}`
  );
}

/** The first private key block of key_file, or Go's reason when there is none. */
function keyBlockOf(text: string): PemBlock | string {
  const skipped: string[] = [];
  for (const b of decodePem(text)) {
    if (isKeyBlock(b)) return b;
    skipped.push(b.type);
  }
  if (skipped.length === 0) return 'tls: failed to find any PEM data in key input';
  if (skipped.length === 1 && skipped[0] === 'CERTIFICATE')
    return 'tls: found a certificate rather than a key in the PEM for the private key';
  return (
    'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping ' +
    `PEM blocks of the following types: ${goList(skipped)}`
  );
}

function keyError(block: PemBlock): PairError {
  const encrypted =
    block.headers['Proc-Type']?.includes('ENCRYPTED') === true || block.type === 'ENCRYPTED PRIVATE KEY';
  return { file: 'key', error: 'tls: failed to parse private key', ...(encrypted ? { encrypted } : {}) };
}

/** The chain after the leaf: sent as is, Go does not parse it when loading. */
function restOfChain(chain: PemBlock[]): CertificateSummary[] {
  return chain.slice(1).flatMap((b) => {
    const c = summarise(b.bytes);
    return 'error' in c ? [] : [c];
  });
}

/** cert_file alone, as Go reads it for a pair: the chain (its first certificate must parse), or Go's error. */
export function readCertificateChain(text: string): { certificates: CertificateSummary[] } | { error: string } {
  const chain = certificateBlocks(text);
  if (typeof chain === 'string') return { error: chain };
  const leaf = summarise(chain[0].bytes);
  return 'error' in leaf ? leaf : { certificates: [leaf, ...restOfChain(chain)] };
}

/** key_file alone, as Go reads it for a pair: the key, or Go's error. */
export function readPrivateKey(text: string): { key: KeySummary } | PairError {
  const block = keyBlockOf(text);
  if (typeof block === 'string') return { file: 'key', error: block };
  const key = parsePrivateKey(block);
  return key ? { key } : keyError(block);
}

/**
 * A certificate and key as tls.X509KeyPair reads them (the texts of cert_file and key_file): the
 * first error Go meets, in Go's order and wording, or the chain and the key.
 */
export function readKeyPair(certText: string, keyText: string): PairRead {
  const chain = certificateBlocks(certText);
  if (typeof chain === 'string') return { file: 'cert', error: chain };
  const keyBlock = keyBlockOf(keyText);
  if (typeof keyBlock === 'string') return { file: 'key', error: keyBlock };
  const leaf = summarise(chain[0].bytes);
  if ('error' in leaf) return { file: 'cert', error: leaf.error };
  const key = parsePrivateKey(keyBlock);
  if (!key) return keyError(keyBlock);
  if (leaf.x509.publicKey.asymmetricKeyType !== key.key.asymmetricKeyType)
    return { file: 'key', error: 'tls: private key type does not match public key type', mismatch: true };
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!spki(leaf.x509.publicKey).equals(spki(createPublicKey(key.key))))
    return { file: 'key', error: 'tls: private key does not match public key', mismatch: true };
  return { certificates: [leaf, ...restOfChain(chain)], key };
}

/** A CA bundle as CertPool.AppendCertsFromPEM reads it: CERTIFICATE blocks without headers that parse. */
export function readCaBundle(text: string): { certificates: CertificateSummary[] } | { error: string } {
  const certificates: CertificateSummary[] = [];
  for (const b of decodePem(text)) {
    if (b.type !== 'CERTIFICATE' || Object.keys(b.headers).length !== 0) continue;
    const c = summarise(b.bytes);
    if (!('error' in c)) certificates.push(c);
  }
  return certificates.length ? { certificates } : { error: CA_ERROR };
}

// Parsing is cheap, but hover and the rules ask about the same files on every keystroke.
const MEMO_LIMIT = 64;
const memo = new Map<string, unknown>();
function memoise<T>(key: string, make: () => T): T {
  if (memo.has(key)) {
    const value = memo.get(key) as T;
    memo.delete(key);
    memo.set(detached(key), value);
    return value;
  }
  const value = make();
  memo.set(detached(key), value);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  return value;
}

/**
 * A file's text as nats-server would open it (relative paths against the working directory), or
 * why not. Hosts that cannot tell files (no `fileStatus`) are not read.
 */
export function readServerFile(host: ConfigHost, path: string): { text: string; resolved: string } | { error: string } {
  const resolved = serverPath(host, path);
  if (!host.fileStatus) return { error: 'files are not read here' };
  const status = host.fileStatus(resolved);
  const reasons = {
    missing: 'no such file or directory',
    directory: 'is a directory',
    unreadable: 'permission denied',
  };
  if (status !== 'file') return { error: `open ${path}: ${reasons[status]}` };
  try {
    const read = host.readFile(resolved);
    return 'text' in read ? { text: read.text, resolved } : { error: `open ${path}: ${read.error}` };
  } catch (e) {
    return { error: `open ${path}: ${String(e)}` };
  }
}

/** Every certificate in a PEM file (a CA bundle has several), or why nats-server cannot read it. */
export function readCertificates(
  host: ConfigHost,
  path: string,
): { certificates: CertificateSummary[] } | { error: string } {
  const file = readServerFile(host, path);
  if ('error' in file) return file;
  return memoise(`ca\0${file.resolved}\0${file.text}`, () => readCaBundle(file.text));
}

/** Go's toLowerCaseASCII. */
const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Go's validHostname: labels of letters, digits, `-` (not first) and `_`; a pattern may start with `*`. */
function validHostname(host: string, isPattern: boolean): boolean {
  if (!isPattern && host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return false;
  return host.split('.').every((part, i) => {
    if (part === '') return false;
    if (isPattern && i === 0 && part === '*') return true;
    return /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(part);
  });
}

function matchHostnames(pattern: string, host: string): boolean {
  pattern = lowerAscii(pattern);
  host = lowerAscii(host.endsWith('.') ? host.slice(0, -1) : host);
  if (!pattern || !host) return false;
  const p = pattern.split('.');
  const h = host.split('.');
  if (p.length !== h.length) return false;
  return p.every((part, i) => (i === 0 && part === '*') || part === h[i]);
}

function matchExactly(a: string, b: string): boolean {
  if (a === '' || a === '.' || b === '' || b === '.') return false;
  return lowerAscii(a) === lowerAscii(b);
}

/**
 * Go's VerifyHostname: DNS SANs (with the leftmost-label wildcard rule, case-insensitive, trailing
 * dot ignored), IP SANs for IP hosts; the Common Name is NEVER used (Go ≥1.15).
 */
export function certificateMatchesHost(cert: CertificateSummary, host: string): boolean {
  const candidateIp = host.length >= 3 && host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const ip = ipBytes(candidateIp);
  if (ip) return cert.ipAddresses.some((a) => ipBytes(a)?.every((b, i) => b === ip[i]) === true);
  const name = lowerAscii(host);
  const validName = validHostname(name, false);
  return cert.dnsNames.some((pattern) =>
    validName && validHostname(pattern, true) ? matchHostnames(pattern, name) : matchExactly(pattern, name),
  );
}

/** Whether `issuer` issued `cert`: its name is cert's issuer and its key verifies cert's signature. */
function issuedBy(cert: CertificateSummary, issuer: CertificateSummary): boolean {
  try {
    return cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

/**
 * The leaf chains to one of `roots` (directly or through `intermediates`): issuer name matches and
 * signature verifies (X509Certificate.checkIssued + verify(publicKey)). A root itself is trusted as is.
 */
export function chainsTo(
  leaf: CertificateSummary,
  roots: readonly CertificateSummary[],
  intermediates: readonly CertificateSummary[] = [],
): boolean {
  const seen = new Set<string>();
  const walk = (cert: CertificateSummary, depth: number): boolean => {
    if (roots.some((r) => r.fingerprint256 === cert.fingerprint256)) return true;
    if (roots.some((r) => issuedBy(cert, r))) return true;
    if (depth >= 8) return false;
    for (const next of intermediates) {
      if (seen.has(next.fingerprint256) || next.fingerprint256 === cert.fingerprint256) continue;
      if (!issuedBy(cert, next)) continue;
      seen.add(next.fingerprint256);
      if (walk(next, depth + 1)) return true;
    }
    return false;
  };
  return walk(leaf, 0);
}

/** Whole days from `now` until the certificate expires; once expired, minus the whole days since. */
export function daysLeft(cert: CertificateSummary, now = new Date()): number {
  const ms = cert.notAfter.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / 86_400_000) : -Math.floor(-ms / 86_400_000);
}
