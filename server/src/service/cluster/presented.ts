// What a node shows and trusts on a TLS connection between servers: the certificate its TLS
// block presents (cert_file's first certificate, the rest as intermediates) and the CAs of its
// ca_file. Read once per block for all the checks of one run; a file that cannot be read gives
// nothing here (the file's own checks say why), so no check guesses about it.

import type { ConfigModel } from '../document';
import { Setting } from '../effective';
import { CertificateSummary, certificateMatchesHost, chainsTo } from '../tls/certificates';
import { tlsMaterial } from '../tls/tlsBlock';

export interface Presented {
  /** The TLS block. */
  tls: Setting;
  model: ConfigModel;
  certSetting: Setting | undefined;
  certPath: string | undefined;
  /** The certificate presented, when cert_file and key_file load together. */
  leaf: CertificateSummary | undefined;
  intermediates: CertificateSummary[];
  caSetting: Setting | undefined;
  caPath: string | undefined;
  /** ca_file's certificates; undefined without a readable ca_file (the system's roots apply). */
  roots: CertificateSummary[] | undefined;
  /** `pinned_certs`: SHA-256 of the peers' public keys, lower-case hex. */
  pinned: { setting: Setting; keys: string[] } | undefined;
  /** `verify` (or a form of it) is set: a listener asks for the dialler's certificate. */
  verify: boolean;
  /** `insecure`: a dialler does not verify the certificate it is shown. */
  insecure: boolean;
}

/**
 * Presented material per TLS block, read once per run, and the certificate questions the checks
 * ask of it, answered once per distinct certificate: a full mesh of n nodes sharing one certificate
 * and CA asks the same n × (n − 1) times.
 */
export class PresentedCache {
  private readonly byBlock = new Map<Setting['entry'], Presented>();
  private readonly hostMatches = new Map<string, Map<string, boolean>>();
  private readonly chainKeys = new Map<Presented, string>();
  private readonly rootKeys = new Map<Presented, string>();
  private readonly chained = new Map<string, boolean>();

  of(model: ConfigModel, tls: Setting | undefined): Presented | undefined {
    if (!tls || tls.value?.kind !== 'map') return undefined;
    let hit = this.byBlock.get(tls.entry);
    if (!hit) this.byBlock.set(tls.entry, (hit = read(model, tls)));
    return hit;
  }

  /** certificateMatchesHost, by certificate (its SHA-256 fingerprint) and host. */
  matchesHost(cert: CertificateSummary, host: string): boolean {
    let byHost = this.hostMatches.get(cert.fingerprint256);
    if (!byHost) this.hostMatches.set(cert.fingerprint256, (byHost = new Map()));
    let hit = byHost.get(host);
    if (hit === undefined) byHost.set(host, (hit = certificateMatchesHost(cert, host)));
    return hit;
  }

  /** Whether `shown`'s certificate chains to `by`'s CAs (both present): a signature check per distinct pair. */
  chainsTo(shown: Presented, by: Presented): boolean {
    const certs = this.keyOf(this.chainKeys, shown, [shown.leaf!, ...shown.intermediates]);
    const key = `${certs}\n${this.keyOf(this.rootKeys, by, by.roots!)}`;
    let hit = this.chained.get(key);
    if (hit === undefined) this.chained.set(key, (hit = chainsTo(shown.leaf!, by.roots!, shown.intermediates)));
    return hit;
  }

  private keyOf(keys: Map<Presented, string>, p: Presented, certs: readonly CertificateSummary[]): string {
    let key = keys.get(p);
    if (key === undefined) keys.set(p, (key = certs.map((c) => c.fingerprint256).join(' ')));
    return key;
  }
}

function read(model: ConfigModel, tls: Setting): Presented {
  const m = tlsMaterial(model, tls);
  const pair = m.pairs[0]?.read;
  const pinnedSetting = m.block.get('pinned_certs');
  return {
    tls,
    model,
    certSetting: m.certFile?.setting,
    certPath: m.certFile?.path,
    // A pair nats-server refuses never reaches a handshake (its own finding says why).
    leaf: pair && 'key' in pair ? m.certificate : undefined,
    intermediates: m.intermediates,
    caSetting: m.caFile?.setting,
    caPath: m.caFile?.path,
    roots: m.cas.length ? m.cas : undefined,
    pinned: pinnedSetting ? { setting: pinnedSetting, keys: m.pinnedCerts } : undefined,
    verify: m.verify,
    insecure: m.insecure,
  };
}

/** How people recognise a certificate: its subject and names (`CN=nats-server, no subjectAltName`). */
export function describeCertificate(cert: CertificateSummary): string {
  const names = [...cert.dnsNames.map((d) => `DNS:${d}`), ...cert.ipAddresses.map((i) => `IP:${i}`)];
  return `${cert.subject || 'no subject'}, ${names.length ? `SANs ${names.join(', ')}` : 'no subjectAltName'}`;
}
