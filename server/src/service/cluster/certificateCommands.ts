// The openssl commands that issue a node's certificate with the names its peers dial, signed by
// the CA its peers trust (the ca_file beside it), usable for routes and gateways (client and
// server) as well as leaf nodes.

import * as path from 'node:path';
import type { Presented } from './presented';

/** Shell lines: a key and request for `who`, then the CA's signature with `sans` and both key usages. */
export function certificateCommands(who: string, sans: string[], server: Presented): string[] {
  const base = who.replace(/[^A-Za-z0-9._-]+/g, '-') || 'server';
  const ca = server.caPath ?? 'ca.pem';
  const caKey = ca.replace(/(\.[A-Za-z]+)?$/, (ext) => `-key${ext || '.pem'}`);
  const dir = server.certPath ? path.posix.dirname(server.certPath.replace(/\\/g, '/')) : '.';
  const out = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
  const ext = `subjectAltName=${sans.join(',')}\\nextendedKeyUsage=serverAuth,clientAuth`;
  return [
    `Issue ${who}'s certificate with the names its peers dial (nats-conf):`,
    `openssl req -new -newkey rsa:2048 -nodes -keyout ${out(`${base}-key.pem`)} ` +
      `-out ${base}.csr -subj "/CN=${who}"`,
    `openssl x509 -req -days 365 -in ${base}.csr -CA ${ca} -CAkey ${caKey} -CAcreateserial ` +
      `-out ${out(`${base}.pem`)} -extfile <(printf "${ext}")`,
    `then cert_file: ${out(`${base}.pem`)} and key_file: ${out(`${base}-key.pem`)} on ${who}`,
  ];
}
