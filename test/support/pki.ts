// A throw-away PKI for tests, made with the openssl command line in a temporary folder: CAs,
// certificates issued by them (SANs, extended key usages, validity in the past or the future),
// encrypted and mismatched keys, and the setup guide's exact recipe (a server certificate without SAN).
// Keys are 2048-bit RSA or EC P-256 to keep it fast. The caller removes the folder with cleanup().

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A certificate and its key on disk, with their text (to hold in a memory host). */
export interface Issued {
  /** Base name of the files (`<name>.pem`, `<name>-key.pem`). */
  name: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export type Ca = Issued;

export interface IssueOptions {
  cn: string;
  dns?: string[];
  ip?: string[];
  /** Days of validity from now (default 365). */
  days?: number;
  /** Valid from/until these dates instead (both or either; the other defaults around now). */
  notBefore?: Date;
  notAfter?: Date;
  /** Expired yesterday (valid for the 30 days before). */
  expired?: true;
  /** Valid only from tomorrow. */
  notYetValid?: true;
  eku?: ('serverAuth' | 'clientAuth')[];
  /** No subjectAltName at all (the default when neither dns nor ip is given, too). */
  noSan?: true;
  /** A CA certificate (basicConstraints CA:TRUE), for intermediates. */
  isCa?: true;
  keyType?: 'rsa' | 'ec';
  /** Base name of the files (default: the CN made file-safe). */
  name?: string;
}

export interface Pki {
  dir: string;
  /** A self-signed CA. */
  makeCa(name: string, options?: { keyType?: 'rsa' | 'ec'; days?: number }): Ca;
  /** A certificate `ca` signs. */
  issue(ca: Ca, options: IssueOptions): Issued;
  /** `issued`'s key, encrypted with a passphrase (traditional `Proc-Type: 4,ENCRYPTED` PEM unless `pkcs8`). */
  encryptedKey(issued: Issued, options?: { pkcs8?: boolean }): { file: string; text: string };
  /** A fresh key that matches no certificate. */
  otherKey(keyType?: 'rsa' | 'ec'): { file: string; text: string };
  /** The setup guide's recipe, verbatim: RSA CA "/CN=NATS CA", server "/CN=nats-server", no SAN. */
  guideRecipe(): { ca: Ca; server: Issued };
  /** Writes `text` to `name` in the folder; returns the path. */
  write(name: string, text: string): string;
  cleanup(): void;
}

export function createPki(): Pki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-conf-pki-'));
  let serial = 1000;
  const at = (name: string) => path.join(dir, name);
  const read = (name: string) => fs.readFileSync(at(name), 'utf8');
  const ssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr || r.error}`);
    return r.stdout;
  };
  const used = new Set<string>();
  const unique = (base: string) => {
    const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_') || 'cert';
    let name = safe;
    for (let i = 2; used.has(name); i++) name = `${safe}-${i}`;
    used.add(name);
    return name;
  };
  const keyTypes = new Map<string, 'rsa' | 'ec'>();
  const newKey = (file: string, keyType: 'rsa' | 'ec' = 'rsa') => {
    keyTypes.set(file.replace(/-key\.pem$/, ''), keyType);
    if (keyType === 'ec') ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file);
    else ssl('genrsa', '-out', file, '2048');
  };
  // openssl ca's date form: YYYYMMDDHHMMSSZ.
  const asn1 = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, 'Z');

  const pki: Pki = {
    dir,
    makeCa(name, options = {}) {
      const base = unique(name);
      newKey(`${base}-key.pem`, options.keyType);
      ssl(
        'req',
        '-new',
        '-x509',
        '-key',
        `${base}-key.pem`,
        '-out',
        `${base}.pem`,
        '-days',
        String(options.days ?? 365),
        '-subj',
        `/CN=${name}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      );
      return issued(base);
    },
    issue(ca, o) {
      const base = unique(o.name ?? o.cn);
      newKey(`${base}-key.pem`, o.keyType);
      ssl('req', '-new', '-key', `${base}-key.pem`, '-out', `${base}.csr`, '-subj', `/CN=${o.cn}`);
      const ext: string[] = [];
      const san = [...(o.dns ?? []).map((d) => `DNS:${d}`), ...(o.ip ?? []).map((i) => `IP:${i}`)];
      if (san.length && !o.noSan) ext.push(`subjectAltName=${san.join(',')}`);
      if (o.eku?.length) ext.push(`extendedKeyUsage=${o.eku.join(',')}`);
      ext.push(o.isCa ? 'basicConstraints=critical,CA:TRUE' : 'basicConstraints=CA:FALSE');
      if (o.isCa) ext.push('keyUsage=critical,keyCertSign,cRLSign,digitalSignature');
      fs.writeFileSync(at(`${base}.ext`), ext.join('\n') + '\n');
      const day = 86_400_000;
      let from = o.notBefore;
      let until = o.notAfter;
      if (o.expired) [from, until] = [new Date(Date.now() - 31 * day), new Date(Date.now() - day)];
      if (o.notYetValid) [from, until] = [new Date(Date.now() + day), new Date(Date.now() + 366 * day)];
      if (from || until) {
        // `openssl x509 -req` (3.0) has no -not_before: `openssl ca` sets both dates.
        from ??= new Date(Date.now() - 60_000);
        until ??= new Date(from.getTime() + (o.days ?? 365) * day);
        const db = at(`${base}.db`);
        fs.writeFileSync(db, '');
        fs.writeFileSync(at(`${base}.serial`), `${(serial++).toString(16).padStart(4, '0')}\n`);
        fs.writeFileSync(
          at(`${base}.cnf`),
          [
            '[ca]',
            'default_ca = this',
            '[this]',
            `database = ${db}`,
            `serial = ${at(`${base}.serial`)}`,
            `new_certs_dir = ${dir}`,
            'default_md = sha256',
            'policy = any',
            'unique_subject = no',
            '[any]',
            'commonName = supplied',
          ].join('\n') + '\n',
        );
        ssl(
          'ca',
          '-batch',
          '-notext',
          '-config',
          `${base}.cnf`,
          '-cert',
          ca.certFile,
          '-keyfile',
          ca.keyFile,
          '-in',
          `${base}.csr`,
          '-out',
          `${base}.pem`,
          '-startdate',
          asn1(from),
          '-enddate',
          asn1(until),
          '-extfile',
          `${base}.ext`,
        );
      } else {
        ssl(
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          ca.certFile,
          '-CAkey',
          ca.keyFile,
          '-set_serial',
          String(serial++),
          '-days',
          String(o.days ?? 365),
          '-sha256',
          '-extfile',
          `${base}.ext`,
          '-out',
          `${base}.pem`,
        );
      }
      return issued(base);
    },
    encryptedKey(of, options = {}) {
      const name = unique(`${of.name}-encrypted-key.pem`);
      if (options.pkcs8)
        ssl('pkcs8', '-topk8', '-in', of.keyFile, '-out', name, '-v2', 'aes-256-cbc', '-passout', 'pass:secret');
      // -traditional: the PEM with `Proc-Type: 4,ENCRYPTED` headers that Go's x509.IsEncryptedPEMBlock knows.
      else if (keyTypes.get(of.name) === 'ec')
        ssl('ec', '-in', of.keyFile, '-out', name, '-aes256', '-passout', 'pass:secret');
      else ssl('rsa', '-in', of.keyFile, '-out', name, '-aes256', '-traditional', '-passout', 'pass:secret');
      return { file: at(name), text: read(name) };
    },
    otherKey(keyType = 'rsa') {
      const name = unique('other-key.pem');
      newKey(name, keyType);
      return { file: at(name), text: read(name) };
    },
    guideRecipe() {
      // The commands of the setup guide, as an operator would paste them.
      const ca = unique('guide-ca');
      const server = unique('guide-server');
      ssl('genrsa', '-out', `${ca}-key.pem`, '2048');
      ssl('req', '-new', '-x509', '-days', '365', '-key', `${ca}-key.pem`, '-out', `${ca}.pem`, '-subj', '/CN=NATS CA');
      ssl('genrsa', '-out', `${server}-key.pem`, '2048');
      ssl('req', '-new', '-key', `${server}-key.pem`, '-out', `${server}.csr`, '-subj', '/CN=nats-server');
      ssl(
        'x509',
        '-req',
        '-days',
        '365',
        '-in',
        `${server}.csr`,
        '-CA',
        `${ca}.pem`,
        '-CAkey',
        `${ca}-key.pem`,
        '-CAcreateserial',
        '-out',
        `${server}.pem`,
      );
      return { ca: issued(ca), server: issued(server) };
    },
    write(name, text) {
      fs.writeFileSync(at(name), text);
      return at(name);
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  function issued(base: string): Issued {
    return {
      name: base,
      certFile: at(`${base}.pem`),
      keyFile: at(`${base}-key.pem`),
      cert: read(`${base}.pem`),
      key: read(`${base}-key.pem`),
    };
  }
  return pki;
}
