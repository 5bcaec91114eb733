// Paths nats-server opens (TLS files, JWTs, credentials) resolve against its working directory,
// not against the config's folder: absolute paths stay as written.

import { isAbsolute, join } from 'node:path';
import type { ConfigHost } from '../document';

/** Where nats-server, started in `host.cwd` (default `.`), finds `path`. */
export function serverPath(host: Pick<ConfigHost, 'cwd'>, path: string): string {
  return isAbsolute(path) ? path : join(host.cwd ?? '.', path);
}
