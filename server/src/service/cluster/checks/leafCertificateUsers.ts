// A hub whose leaf node tls says `verify_and_map`, with `authorization { users }`, takes the
// remote's user from its certificate: an email, DNS or URI subjectAltName, or the subject as
// one string ("CN=leaf,O=Acme"), must be one of the users, or the hub refuses the connection
// ("authentication error"). Matching here is looser than nats-server's (the subject's parts in any
// order), so that a certificate nats-server would map is never reported.

import type { FindingCode } from '../../findingCodes';
import type { CertificateSummary } from '../../tls/certificates';
import { keySpan } from '../../tree';
import type { LeafDial } from '../links';
import { label } from '../members';
import { PresentedCache } from '../presented';
import { ClusterContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['leafnode-certificate-user'] as const satisfies readonly FindingCode[];

/** The names nats-server tries as the user, from a certificate's subjectAltName. */
function alternativeNames(cert: CertificateSummary): string[] {
  const san = cert.x509.subjectAltName ?? '';
  const names = [...cert.dnsNames];
  for (const part of san.split(/,\s*/)) {
    const m = /^(email|URI):(.*)$/.exec(part.trim());
    if (m) names.push(m[2].replace(/^"|"$/g, ''));
  }
  return names;
}

/** `K=V` parts of a distinguished name, keys upper-cased, sorted; undefined where the text is no simple DN. */
function dnParts(dn: string): string[] | undefined {
  if (/[\\+"]/.test(dn)) return undefined;
  const parts = dn.split(/[,\n]/).map((p) => p.trim());
  if (!parts.every((p) => /^[A-Za-z][\w.-]*=/.test(p))) return undefined;
  return parts.map((p) => p.replace(/^[^=]+/, (k) => k.toUpperCase())).sort();
}

/** Go's order of a subject's parts when nats-server writes it as one string: CN first, C last. */
const SUBJECT_ORDER = ['CN', 'SERIALNUMBER', 'POSTALCODE', 'STREET', 'ST', 'L', 'OU', 'O', 'C'];

/** The subject as nats-server compares it with user names (`CN=leaf,O=Acme`). */
function subjectAsUser(cert: CertificateSummary): string {
  const rank = (p: string) => {
    const i = SUBJECT_ORDER.indexOf(p.slice(0, p.indexOf('=')).toUpperCase());
    return i < 0 ? SUBJECT_ORDER.length : i;
  };
  return cert.x509.subject
    .split('\n')
    .filter((p) => p.includes('='))
    .sort((a, b) => rank(a) - rank(b))
    .join(',');
}

/** Whether nats-server could map the certificate to `user` (when unsure: yes). */
function mayMap(cert: CertificateSummary, user: string): boolean {
  if (alternativeNames(cert).includes(user)) return true;
  if (!user.includes('=')) return false;
  const wanted = dnParts(user);
  const have = dnParts(cert.x509.subject);
  return !wanted || !have || wanted.join(',') === have.join(',');
}

export function checkLeafCertificateUsers(ctx: ClusterContext, dials: readonly LeafDial[], presented: PresentedCache) {
  const seen = new Set<unknown>();
  for (const d of dials) {
    const hub = d.to?.node.leafnodes;
    if (!hub?.tlsMap || hub.user !== undefined || !hub.users?.length || seen.has(d.remote)) continue;
    const users = hub.users.map((u) => u.user);
    if (users.some((u) => u === undefined)) continue;
    const shown = presented.of(d.from.node.model, d.remote.tls);
    const cert = shown?.leaf;
    if (!cert || !shown.certSetting) continue;
    seen.add(d.remote);
    if (users.some((u) => mayMap(cert, u!))) continue;
    const names = alternativeNames(cert);
    ctx.report(
      d.from,
      keySpan(shown.certSetting.entry),
      'error',
      'leafnode-certificate-user',
      `${label(d.to!)} maps leaf node certificates to users (verify_and_map), and this remote's certificate ` +
        `(subject ${subjectAsUser(cert)}${names.length ? `, SANs ${names.join(', ')}` : ''}) names none of its users ` +
        `(${users.join(', ')}): the hub refuses the connection ("authentication error"). Add a user named ` +
        `"${subjectAsUser(cert)}" to the hub's leaf node authorization, or issue the certificate for one of them.`,
      ctx.relatedAt(d.to!, hub.authSetting, `the users ${label(d.to!)} maps certificates to`),
    );
  }
}
