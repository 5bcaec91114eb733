// What hover shows on cert_file, key_file and ca_file: the certificate (subject, SANs, issuer,
// validity, key, fingerprint), the key (type, size, whether it is the certificate's), the CAs of a
// bundle. Read as nats-server reads them; never throws (hover must answer whatever the files hold).

import type { ConfigModel } from '../document';
import type { Setting } from '../effective';
import type { KeyValueNode, MapNode } from '../tree';
import { CertificateSummary, daysLeft } from './certificates';
import { TlsMaterial, tlsMaterial } from './tlsBlock';

const FILE_KEYS = ['cert_file', 'key_file', 'ca_file'];

const NO_SAN = 'none (Go ignores the Common Name: no host name matches it)';

const day = (d: Date) => d.toISOString().slice(0, 10);

function validity(c: CertificateSummary, now: Date): string {
  const range = `${day(c.notBefore)} → ${day(c.notAfter)}`;
  if (now < c.notBefore) return `${range} (**not valid yet**)`;
  const left = daysLeft(c, now);
  if (now > c.notAfter) return `${range} (**expired${left < 0 ? ` ${-left} day${left === -1 ? '' : 's'} ago` : ''}**)`;
  return `${range} (${left} day${left === 1 ? '' : 's'} left)`;
}

function keyText(keyType: string, keyBits: number | undefined): string {
  return keyBits && !keyType.includes(String(keyBits)) ? `${keyType} ${keyBits} bits` : keyType;
}

function describeCertificate(c: CertificateSummary, now: Date): string[] {
  const sans = [...c.dnsNames.map((d) => `DNS:${d}`), ...c.ipAddresses.map((i) => `IP:${i}`)];
  return [
    `**Subject:** \`${c.subject || '(empty)'}\``,
    `**SANs:** ${sans.length ? sans.map((s) => `\`${s}\``).join(', ') : NO_SAN}`,
    `**Issuer:** \`${c.issuer || '(empty)'}\`${c.selfSigned ? ' (self-signed)' : ''}`,
    `**Valid:** ${validity(c, now)}`,
    `**Key:** ${keyText(c.keyType, c.keyBits)}`,
    ...(c.extKeyUsage ? [`**Extended key usage:** ${c.extKeyUsage.join(', ')}`] : []),
    ...(c.isCA ? ['**CA:** yes'] : []),
    `**SHA-256:** \`${c.fingerprint256}\``,
  ];
}

function describe(m: TlsMaterial, key: string, entry: KeyValueNode): string | undefined {
  const now = new Date();
  if (key === 'ca_file') {
    const read = m.caFile?.read;
    if (!read) return undefined;
    if ('error' in read) return `nats-server: ${read.error}.`;
    const n = read.certificates.length;
    const lines = [`**${n} CA certificate${n === 1 ? '' : 's'}**`];
    for (const c of read.certificates.slice(0, 20))
      lines.push(`- \`${c.subject || '(empty)'}\`: ${validity(c, now)}${c.isCA ? '' : ' (not a CA certificate)'}`);
    if (n > 20) lines.push(`- … and ${n - 20} more`);
    return lines.join('  \n');
  }
  const pair = m.pairs.find((p) => p.certFile.setting.entry === entry || p.keyFile.setting.entry === entry);
  if (key === 'cert_file') {
    const read = pair?.certFile.read ?? m.certFile?.read;
    if (!read) return undefined;
    if ('error' in read) return `nats-server: ${read.error}.`;
    const [leaf, ...chain] = read.certificates;
    const lines = describeCertificate(leaf, now);
    if (chain.length) lines.push(`**Chain:** ${chain.map((c) => `\`${c.subject}\` (${validity(c, now)})`).join('; ')}`);
    return lines.join('  \n');
  }
  const read = pair?.keyFile.read;
  if (!read) {
    // Go stopped before the key (the certificate is unreadable); say nothing about it.
    return undefined;
  }
  if ('error' in read) return `nats-server: ${read.error}.`;
  const matches =
    read.matchesCertificate === true
      ? 'it is the private key of the certificate in cert_file'
      : read.matchesCertificate === false
        ? '**it is not the private key of the certificate in cert_file**'
        : undefined;
  return [`**Key:** ${keyText(read.key.keyType, read.key.keyBits)} (${read.key.pemType})`, matches]
    .filter(Boolean)
    .join('  \n');
}

/**
 * The certificate text for a `cert_file`, `key_file` or `ca_file` entry of `map` (a TLS block or an
 * entry of `certs` in the root file), or undefined.
 */
export function tlsFileHover(model: ConfigModel, map: MapNode, entry: KeyValueNode): string | undefined {
  const key = entry.key.toLowerCase();
  if (!FILE_KEYS.includes(key) || !model.host.fileStatus) return undefined;
  try {
    // An entry of `certs` is read alone, as one pair of its own.
    const tls: Setting = { entry, value: map, file: model.root };
    return describe(tlsMaterial(model, tls), key, entry);
  } catch {
    return undefined;
  }
}
