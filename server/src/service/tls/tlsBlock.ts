// What a TLS block names, read as nats-server reads it (GenTLSConfig): the certificate and key
// (tls.LoadX509KeyPair), the CA bundle (CertPool.AppendCertsFromPEM), and the first refusal nats-server
// meets, in its order: the pair (or each pair of `certs`) first, the CA bundle only after.
// Every TLS block of a config is listed with where it stands, for the rules and the cluster checks.

import type { ConfigModel } from '../document';
import { parseGoDuration } from '../durations';
import { EffectiveMap, Setting, effectiveTop } from '../effective';
import { compareVersions } from '../versions';
import {
  CA_ERROR,
  CertificateSummary,
  KeySummary,
  PAIR_ERROR_PREFIX,
  PairRead,
  readCaBundle,
  readCertificateChain,
  readKeyPair,
  readPrivateKey,
  readServerFile,
} from './certificates';

/**
 * Where a TLS block stands: 'client' (top-level `tls`), 'cluster', 'gateway', 'gateway remote'
 * (`gateway.gateways[].tls`), 'leafnodes', 'leafnode remote' (`leafnodes.remotes[].tls`), 'websocket',
 * 'mqtt', 'resolver_tls'. The first six match RuleContext.tlsBlocks().
 */
export type TlsWhere =
  | 'client'
  | 'cluster'
  | 'gateway'
  | 'gateway remote'
  | 'leafnodes'
  | 'leafnode remote'
  | 'websocket'
  | 'mqtt'
  | 'resolver_tls';

export interface TlsBlockRef {
  tls: Setting;
  where: TlsWhere;
  /** For remotes: the entry's position in its list, and its `name` (gateways) or first `url`/`urls` entry. */
  remote?: { index: number; name?: string; url?: string; entry: EffectiveMap };
}

/** A file a TLS block names. `read` is undefined when the host cannot tell files or the file is not there. */
export interface TlsFile<R> {
  setting: Setting;
  /** As written (after `$reference` resolution). */
  path: string;
  read?: R;
}

export type CertificatesRead = { certificates: CertificateSummary[] } | { error: string };
export type KeyRead = { key: KeySummary; matchesCertificate?: boolean } | { error: string };

/** One certificate/key pair: `cert_file`/`key_file`, or an entry of `certs` (2.10.8+). */
export interface TlsPair {
  certFile: TlsFile<CertificatesRead>;
  keyFile: TlsFile<KeyRead>;
  /** Both files as Go loads them together; undefined unless both were read. */
  read?: PairRead;
  /** In a `certs` list: 1-based position and count (nats-server's `pair 2/3`). */
  ordinal?: { index: number; of: number };
}

/** What nats-server refuses in the block while reading the config (`nats-server -t` fails). */
export interface TlsRefusal {
  /** The cert_file, key_file or ca_file setting it is about. */
  setting: Setting;
  /** nats-server's message (without the `file:line:col: ` it puts before). */
  message: string;
  kind: 'certificate' | 'key' | 'key-encrypted' | 'key-mismatch' | 'ca';
}

export interface TlsMaterial {
  tls: Setting;
  block: EffectiveMap;
  certFile?: TlsFile<CertificatesRead>;
  keyFile?: TlsFile<KeyRead>;
  caFile?: TlsFile<CertificatesRead>;
  /** `cert_file`/`key_file` (when both are set) and each entry of `certs`, in nats-server's order. */
  pairs: TlsPair[];
  /** The first refusal nats-server meets in GenTLSConfig, if any. */
  refusal?: TlsRefusal;
  /** The certificate this block presents (the first of `certs`), when it could be read. */
  certificate?: CertificateSummary;
  /** The rest of cert_file's chain (intermediates), as written. */
  intermediates: CertificateSummary[];
  /** The CAs of ca_file that Go's pool holds ([] when none or unread). */
  cas: CertificateSummary[];
  /** `verify`, `verify_and_map` or `verify_cert_and_check_known_urls` (not forced: see `verifyForced`). */
  verify: boolean;
  /** Routes and gateways always require and verify the peer's certificate, whatever `verify` says. */
  verifyForced: boolean;
  insecure: boolean;
  /** `pinned_certs`, lower-case hex SHA-256 of the peer's SubjectPublicKeyInfo. */
  pinnedCerts: string[];
  /** `timeout` in seconds, when set. */
  timeout?: number;
  /** `cert_store` is set: the certificate comes from the Windows store, not from files. */
  certStore: boolean;
}

const stringOf = (s: Setting | undefined) => (s?.value?.kind === 'string' ? s.value.value : undefined);

/** Every TLS block of the config (maps only), with where it stands. */
export function tlsBlocksOf(model: ConfigModel, top: EffectiveMap = effectiveTop(model)): TlsBlockRef[] {
  const blocks: TlsBlockRef[] = [];
  const add = (tls: Setting | undefined, where: TlsWhere, remote?: TlsBlockRef['remote']) => {
    if (tls?.value?.kind === 'map') blocks.push({ tls, where, ...(remote ? { remote } : {}) });
  };
  const remotes = (list: Setting | undefined, where: TlsWhere) => {
    if (list?.value?.kind !== 'array') return;
    list.value.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const entry = new EffectiveMap(model, item, list.file);
      const urls = entry.get('urls')?.value;
      const url =
        entry.string('url') ??
        (urls?.kind === 'array' && urls.items[0]?.kind === 'string' ? urls.items[0].value : undefined);
      add(entry.get('tls'), where, { index, name: entry.string('name'), url, entry });
    });
  };
  add(top.get('tls'), 'client');
  add(top.block('cluster')?.get('tls'), 'cluster');
  const gateway = top.block('gateway');
  add(gateway?.get('tls'), 'gateway');
  remotes(gateway?.get('gateways'), 'gateway remote');
  const leafnodes = top.block('leafnodes', 'leaf');
  add(leafnodes?.get('tls'), 'leafnodes');
  remotes(leafnodes?.get('remotes'), 'leafnode remote');
  add(top.block('websocket', 'ws')?.get('tls'), 'websocket');
  add(top.block('mqtt')?.get('tls'), 'mqtt');
  add(top.get('resolver_tls'), 'resolver_tls');
  return blocks;
}

function fileSetting(setting: Setting | undefined): { setting: Setting; path: string } | undefined {
  const path = stringOf(setting);
  return setting && path !== undefined && path !== '' ? { setting, path } : undefined;
}

/** Reads a pair; files only when the host can tell them, and only when both are there. */
function readPair(
  model: ConfigModel,
  cert: { setting: Setting; path: string },
  key: { setting: Setting; path: string },
) {
  const host = model.host;
  const pair: TlsPair = { certFile: { ...cert }, keyFile: { ...key } };
  if (!host.fileStatus) return pair;
  const certText = readServerFile(host, cert.path);
  const keyText = readServerFile(host, key.path);
  if ('text' in certText) pair.certFile.read = readCertificateChain(certText.text);
  if ('text' in certText && 'text' in keyText) {
    pair.read = readKeyPair(certText.text, keyText.text);
    const r = pair.read;
    if ('key' in r) pair.keyFile.read = { key: r.key, matchesCertificate: true };
    else if (r.file === 'key' && r.mismatch) {
      // Go read the key, it is just not this certificate's: say what it is.
      const alone = readPrivateKey(keyText.text);
      pair.keyFile.read = 'key' in alone ? { key: alone.key, matchesCertificate: false } : { error: r.error };
    } else if (r.file === 'key') pair.keyFile.read = { error: r.error };
  }
  return pair;
}

function refusalOf(pair: TlsPair, read: PairRead): TlsRefusal | undefined {
  if ('key' in read) return undefined;
  const of = pair.ordinal ? ` ${pair.ordinal.index}/${pair.ordinal.of}` : '';
  // nats-server (2.10.8+) numbers the pairs of `certs`: "error parsing X509 certificate/key pair 2/3: …".
  const message = `${PAIR_ERROR_PREFIX.replace(/: $/, `${of}: `)}${read.error}`;
  if (read.file === 'cert') return { setting: pair.certFile.setting, message, kind: 'certificate' };
  const kind = read.encrypted ? 'key-encrypted' : read.mismatch ? 'key-mismatch' : 'key';
  return { setting: pair.keyFile.setting, message, kind };
}

/** What a TLS block (a setting holding a map) names, and what nats-server makes of it. */
export function tlsMaterial(model: ConfigModel, tls: Setting, where?: TlsWhere): TlsMaterial {
  const map =
    tls.value?.kind === 'map' ? tls.value : { kind: 'map' as const, entries: [], closed: true, start: 0, end: 0 };
  const block = new EffectiveMap(model, map, tls.file);
  const bool = (name: string) => block.bool(name) === true;
  const pinned = block.get('pinned_certs')?.value;
  const timeoutValue = block.get('timeout')?.value;
  const timeout =
    timeoutValue?.kind === 'integer' || timeoutValue?.kind === 'float'
      ? timeoutValue.value
      : timeoutValue?.kind === 'string'
        ? (parseGoDuration(timeoutValue.value) ?? NaN) / 1e9
        : undefined;
  const material: TlsMaterial = {
    tls,
    block,
    pairs: [],
    intermediates: [],
    cas: [],
    verify: bool('verify') || bool('verify_and_map') || bool('verify_cert_and_check_known_urls'),
    verifyForced: where === 'cluster' || where === 'gateway' || where === 'gateway remote',
    insecure: bool('insecure'),
    pinnedCerts:
      pinned?.kind === 'array' ? pinned.items.flatMap((i) => (i.kind === 'string' ? [i.value.toLowerCase()] : [])) : [],
    ...(timeout !== undefined && !Number.isNaN(timeout) ? { timeout } : {}),
    certStore: block.get('cert_store') !== undefined,
  };
  const cert = fileSetting(block.get('cert_file'));
  const key = fileSetting(block.get('key_file'));
  const ca = fileSetting(block.get('ca_file'));
  const certsSetting = block.get('certs', 'certificates');
  // `certs` exists from 2.10.8; before, nats-server refuses the key itself.
  const certsKnown = compareVersions(model.version, { major: 2, minor: 10, patch: 8 }) >= 0;
  if (cert && key) {
    const pair = readPair(model, cert, key);
    material.pairs.push(pair);
    material.certFile = pair.certFile;
    material.keyFile = pair.keyFile;
  } else {
    if (cert) material.certFile = { ...cert };
    if (key) material.keyFile = { ...key };
    if (cert && model.host.fileStatus) {
      const text = readServerFile(model.host, cert.path);
      if ('text' in text) material.certFile!.read = readCertificateChain(text.text);
    }
  }
  if (!cert && certsKnown && certsSetting?.value?.kind === 'array') {
    const items = certsSetting.value.items;
    items.forEach((item, i) => {
      if (item.kind !== 'map') return;
      // The keys of a `certs` entry are matched exactly (lower case), unlike the rest of the block.
      const get = (name: string): Setting | undefined => {
        for (const e of item.entries)
          if (e.kind === 'keyValue' && e.key === name && e.value)
            return { entry: e, value: e.value, file: certsSetting.file };
        return undefined;
      };
      const c = fileSetting(get('cert_file'));
      const k = fileSetting(get('key_file'));
      if (!c || !k) return;
      const pair = readPair(model, c, k);
      pair.ordinal = { index: i + 1, of: items.length };
      material.pairs.push(pair);
    });
  }
  if (ca) {
    material.caFile = { ...ca };
    if (model.host.fileStatus) {
      const text = readServerFile(model.host, ca.path);
      if ('text' in text) material.caFile.read = readCaBundle(text.text);
    }
    const read = material.caFile.read;
    if (read && 'certificates' in read) material.cas = read.certificates;
  }
  const first = material.pairs[0]?.certFile.read ?? material.certFile?.read;
  if (first && 'certificates' in first) {
    material.certificate = first.certificates[0];
    material.intermediates = first.certificates.slice(1);
  }
  material.refusal = refusal(material, !!cert, !!key, certsKnown && !!certsSetting);
  return material;
}

/** GenTLSConfig's first error about files: a pair (in order), then the CA bundle. */
function refusal(m: TlsMaterial, cert: boolean, key: boolean, certs: boolean): TlsRefusal | undefined {
  // A certificate without its key (tls-pair), beside `certs` (tls-conflict) or with cert_store stops
  // nats-server before any file is read.
  if (cert !== key || m.certStore || (cert && certs)) return undefined;
  for (const pair of m.pairs) {
    // An unreadable file: nats-server fails to open it (file-missing says so); nothing after is read.
    if (!pair.read) return undefined;
    const r = refusalOf(pair, pair.read);
    if (r) return r;
  }
  const ca = m.caFile?.read;
  if (m.caFile && ca && 'error' in ca) return { setting: m.caFile.setting, message: CA_ERROR, kind: 'ca' };
  return undefined;
}
