// The certificates, keys and CA bundles TLS blocks name, read as nats-server reads them: what it
// refuses while reading the config (a file that is no PEM certificate or key, an encrypted key, a
// key of another certificate, a ca_file without a certificate; `nats-server -t` fails), and
// certificates out of their validity period or close to its end (advice: nats-server starts,
// peers refuse the handshake).

import { ConfigModel } from '../document';
import type { FindingCode } from '../findingCodes';
import { CertificateSummary, daysLeft } from '../tls/certificates';
import { Setting } from '../effective';
import { TlsFile, TlsMaterial, TlsRefusal, tlsBlocksOf, tlsMaterial, type CertificatesRead } from '../tls/tlsBlock';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = [
  'tls-certificate-unreadable',
  'tls-key-unreadable',
  'tls-key-encrypted',
  'tls-key-mismatch',
  'tls-ca-empty',
  'tls-expired',
  'tls-expiring',
] as const satisfies readonly FindingCode[];

/** Days before the end of a certificate's validity when it is worth a warning. */
const EXPIRING_DAYS = 30;

// Both checks here and certificateUse read the same blocks: read them once per check of a model.
const materials = new WeakMap<ConfigModel, TlsMaterial[]>();
function materialsOf(ctx: RuleContext): TlsMaterial[] {
  let found = materials.get(ctx.model);
  if (!found) {
    found = tlsBlocksOf(ctx.model, ctx.top).flatMap(({ tls, where }) => {
      try {
        return [tlsMaterial(ctx.model, tls, where)];
      } catch {
        return []; // Whatever a host or a file does, the other findings still come.
      }
    });
    materials.set(ctx.model, found);
  }
  return found;
}

/** A TLS block's material as read for the checks above (the same block, read once per check), else read now. */
export function tlsMaterialOnce(ctx: RuleContext, tls: Setting): TlsMaterial {
  const known = materialsOf(ctx).find((m) => m.tls.value === tls.value && m.tls.file === tls.file);
  return known ?? tlsMaterial(ctx.model, tls);
}

const CODE: Record<TlsRefusal['kind'], (typeof codes)[number]> = {
  certificate: 'tls-certificate-unreadable',
  key: 'tls-key-unreadable',
  'key-encrypted': 'tls-key-encrypted',
  'key-mismatch': 'tls-key-mismatch',
  ca: 'tls-ca-empty',
};

/** What nats-server refuses in the files of each TLS block while reading the config. */
export function checkTlsFiles(ctx: RuleContext): void {
  for (const m of materialsOf(ctx)) {
    const r = m.refusal;
    if (!r || parseTlsRefuses(m)) continue;
    ctx.report(r.setting, 'error', CODE[r.kind], `${r.message}. ${explain(m, r)}`, 'server', true);
  }
}

/** Findings that are no error of parseTLS: files it does not open, and the files GenTLSConfig reads. */
const AFTER_PARSE: ReadonlySet<string> = new Set<string>(['file-missing', 'tls-pair', ...codes]);

/**
 * Whether nats-server refuses the block before reading its files: any error of parseTLS (an unknown
 * key, a wrong value, known URLs outside cluster and gateway) returns before GenTLSConfig opens them.
 * The options and the earlier rules have reported those by now.
 */
function parseTlsRefuses(m: TlsMaterial): boolean {
  const map = m.tls.value;
  if (map?.kind !== 'map') return false;
  return m.tls.file.findings.some(
    (f) =>
      f.origin === 'server' &&
      f.severity === 'error' &&
      !AFTER_PARSE.has(f.code) &&
      f.span.start >= map.start &&
      f.span.end <= map.end,
  );
}

function pathOf(setting: TlsRefusal['setting']): string {
  return setting.value?.kind === 'string' ? setting.value.value : '';
}

/** A sentence after nats-server's own words: what the file holds instead, and what to do. */
function explain(m: TlsMaterial, r: TlsRefusal): string {
  const path = pathOf(r.setting);
  const message = r.message;
  switch (r.kind) {
    case 'certificate':
      if (message.includes('PEM inputs may have been switched'))
        return `'${path}' holds a private key: are cert_file and key_file swapped?`;
      if (message.includes('x509:')) return `The certificate in '${path}' is damaged or of a kind Go cannot read.`;
      return (
        'cert_file must be a PEM certificate (-----BEGIN CERTIFICATE-----); a DER one converts with ' +
        `\`openssl x509 -inform der -in ${path} -out cert.pem\`.`
      );
    case 'key':
      if (message.includes('found a certificate rather than a key'))
        return `'${path}' holds a certificate: key_file takes the private key.`;
      return `key_file must be a PEM private key (PKCS #1, PKCS #8 or SEC 1: RSA, ECDSA or Ed25519).`;
    case 'key-encrypted':
      return (
        `'${path}' is encrypted with a passphrase, which nats-server has no option for: ` +
        `decrypt it (\`openssl pkey -in ${path} -out plain-key.pem\`) and protect the file by its permissions.`
      );
    case 'key-mismatch': {
      const subject = m.pairs.find((p) => p.keyFile.setting === r.setting)?.certFile.read;
      const of = subject && 'certificates' in subject ? ` (${subject.certificates[0].subject || 'no subject'})` : '';
      return `'${path}' is not the private key of the certificate in cert_file${of}.`;
    }
    case 'ca':
      return `'${path}' holds no PEM certificate Go can read (-----BEGIN CERTIFICATE----- without headers).`;
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Certificates out of their validity period, or close to its end. */
export function checkTlsValidity(ctx: RuleContext): void {
  const now = new Date();
  for (const m of materialsOf(ctx)) {
    const files: { file: TlsFile<CertificatesRead>; bundle: boolean }[] = m.pairs.map((p) => ({
      file: p.certFile,
      bundle: false,
    }));
    if (m.certFile && !m.pairs.some((p) => p.certFile === m.certFile)) files.push({ file: m.certFile, bundle: false });
    if (m.caFile) files.push({ file: m.caFile, bundle: true });
    for (const { file, bundle } of files) {
      const read = file.read;
      if (!read || !('certificates' in read)) continue;
      const valid = (c: CertificateSummary) => c.notBefore <= now && now <= c.notAfter;
      const several = read.certificates.length > 1;
      for (const cert of read.certificates) {
        const which = several ? `'${cert.subject}' in '${file.path}'` : `'${file.path}' (${cert.subject})`;
        const what = bundle ? `The CA ${which}` : `The certificate ${which}`;
        // A bundle with other CAs still valid keeps working for the peers they signed.
        const othersValid = bundle && read.certificates.some((c) => c !== cert && valid(c));
        if (now < cert.notBefore) {
          ctx.report(
            file.setting,
            othersValid ? 'warning' : 'error',
            'tls-expired',
            `${what} is not valid before ${day(cert.notBefore)}: ` +
              `peers refuse it until then (is the clock of the machine that made it right?).`,
            'lint',
            true,
          );
        } else if (now > cert.notAfter) {
          const ago = -daysLeft(cert, now);
          ctx.report(
            file.setting,
            othersValid ? 'warning' : 'error',
            'tls-expired',
            `${what} expired on ${day(cert.notAfter)}${ago > 0 ? ` (${ago} day${ago === 1 ? '' : 's'} ago)` : ''}: ` +
              (bundle
                ? 'certificates it signed are refused.'
                : 'peers refuse the handshake; nats-server still starts with it.'),
            'lint',
            true,
          );
        } else {
          const left = daysLeft(cert, now);
          if (left >= EXPIRING_DAYS) continue;
          ctx.report(
            file.setting,
            'warning',
            'tls-expiring',
            `${what} expires ${left === 0 ? 'within a day' : `in ${left} day${left === 1 ? '' : 's'}`} ` +
              `(${day(cert.notAfter)}): renew it before then.`,
            'lint',
            true,
          );
        }
      }
    }
  }
}
