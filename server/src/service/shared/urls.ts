// URLs as Go's net/url reads them: nats-server parses route, gateway and leaf node URLs with
// url.Parse, and so do the NATS clients. What the checks need: the scheme, the userinfo (split
// at the LAST '@' of the authority, so a password may hold '@'), percent-decoding, host and port.

/** A URL read as url.Parse reads it. */
interface ParsedUrl {
  /** Lower-cased, as Go keeps it; '' when there is none. */
  scheme: string;
  /** Decoded; undefined without userinfo. */
  user: string | undefined;
  /** Decoded; undefined when the userinfo has no ':'. */
  password: string | undefined;
  /** Go's Hostname(): the host without its port, IPv6 brackets removed; '' without an authority. */
  hostname: string;
  /** Go's Port(): the digits after the host's last ':', '' when there are none. */
  port: string;
}

/** The URL's parts, or undefined where url.Parse returns an error. */
export function parseUrl(raw: string): ParsedUrl | undefined {
  const hash = raw.indexOf('#');
  const url = hash < 0 ? raw : raw.slice(0, hash);
  if (hash >= 0 && percentDecode(raw.slice(hash + 1)) === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- Go refuses control characters in a URL
  if (/[\x00-\x1f\x7f]/.test(url)) return undefined; // "invalid control character in URL"
  const scheme = schemeOf(url);
  if (scheme === undefined) return undefined; // "missing protocol scheme"
  let rest = url.slice(scheme ? scheme.length + 1 : 0);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const none: ParsedUrl = {
    scheme: scheme.toLowerCase(),
    user: undefined,
    password: undefined,
    hostname: '',
    port: '',
  };
  if (!rest.startsWith('/')) {
    if (scheme) return none; // opaque: no host
    if (rest.split('/')[0].includes(':')) return undefined; // "first path segment in URL cannot contain colon"
  }
  if (!rest.startsWith('//') || (!scheme && rest.startsWith('///'))) {
    return percentDecode(rest) === undefined ? undefined : none; // a path, no authority
  }
  const slash = rest.indexOf('/', 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  if (slash >= 0 && percentDecode(rest.slice(slash)) === undefined) return undefined;
  const { userinfo, hostPort } = splitAuthority(authority);
  const host = parseHost(hostPort);
  if (host === undefined) return undefined;
  const parsed = { ...none, ...splitHost(host) };
  if (userinfo === undefined) return parsed;
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return undefined; // "invalid userinfo"
  const written = splitUserPassword(userinfo);
  const user = percentDecode(written.user);
  const password = written.password === undefined ? undefined : percentDecode(written.password);
  if (user === undefined || (written.password !== undefined && password === undefined)) return undefined;
  return { ...parsed, user, password };
}

/**
 * `scheme://[userinfo@]rest` as written, nothing decoded: the userinfo runs to the last '@' of
 * the authority (which ends at the first '/', '?' or '#'). Undefined without `scheme://`.
 */
export function splitUrl(raw: string): { scheme: string; userinfo: string | undefined; rest: string } | undefined {
  const start = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  if (!start) return undefined;
  const afterScheme = raw.slice(start[0].length);
  const end = afterScheme.search(/[/?#]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  const { userinfo } = splitAuthority(authority);
  const rest = userinfo === undefined ? afterScheme : afterScheme.slice(userinfo.length + 1);
  return { scheme: start[1], userinfo, rest };
}

/** The URL as written without its userinfo (credentials are not shown). */
export function withoutUserinfo(raw: string): string {
  const parts = splitUrl(raw);
  return parts?.userinfo === undefined ? raw : `${parts.scheme}://${parts.rest}`;
}

/** Userinfo as Go splits it: the user up to the first ':', the password (if any) after it. */
export function splitUserPassword(userinfo: string): { user: string; password: string | undefined } {
  const colon = userinfo.indexOf(':');
  return colon < 0
    ? { user: userinfo, password: undefined }
    : { user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/** An authority's userinfo (before its last '@') and host[:port]. */
function splitAuthority(authority: string): { userinfo: string | undefined; hostPort: string } {
  const at = authority.lastIndexOf('@');
  return at < 0
    ? { userinfo: undefined, hostPort: authority }
    : { userinfo: authority.slice(0, at), hostPort: authority.slice(at + 1) };
}

/** Go's getScheme: '' when there is none, undefined when the URL starts with ':'. */
function schemeOf(url: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*(?=:)|^:/.exec(url);
  if (!m) return '';
  return m[0] === ':' ? undefined : m[0];
}

/** Go's parseHost: host[:port] checked and decoded, or undefined. */
function parseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validOptionalPort(host.slice(close + 1))) return undefined;
    // An IPv6 zone (RFC 6874) starts at %25 and may escape more than a host may.
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const parts = [
        percentDecode(host.slice(0, zone), 'host'),
        percentDecode(host.slice(zone, close), 'zone'),
        percentDecode(host.slice(close), 'host'),
      ];
      return parts.some((p) => p === undefined) ? undefined : parts.join('');
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return undefined;
  }
  return percentDecode(host, 'host');
}

/** Go's URL.Hostname and URL.Port. */
function splitHost(host: string): { hostname: string; port: string } {
  let hostname = host;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    [hostname, port] = [host.slice(0, colon), host.slice(colon + 1)];
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** '' or ':' followed by digits. */
function validOptionalPort(colonPort: string): boolean {
  return colonPort === '' || /^:\d*$/.test(colonPort);
}

/** ASCII a host may hold unescaped: letters, digits, `-._~` and the sub-delimiters Go lets through. */
const HOST_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/;

/**
 * Go's unescape: %XX sequences decoded (the bytes read as UTF-8), undefined for a malformed
 * one. In a host only non-ASCII bytes (and %25) may be escaped, and only host characters
 * written; a zone may escape any character a host may hold.
 */
function percentDecode(text: string, mode: 'host' | 'zone' | 'other' = 'other'): string | undefined {
  // Nothing escaped (nearly every URL): only a host's characters need checking.
  if (!text.includes('%')) {
    if (mode === 'other') return text;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) < 0x80 && !HOST_CHARACTER.test(text[i])) return undefined;
    }
    return text;
  }
  const bytes: number[] = [];
  let escaped = false;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      const byte = parseInt(hex, 16);
      if (mode === 'host' && byte < 0x80 && hex !== '25') return undefined;
      if (mode === 'zone' && hex !== '25' && byte !== 0x20 && !HOST_CHARACTER.test(String.fromCharCode(byte))) {
        return undefined;
      }
      bytes.push(byte);
      escaped = true;
      i += 3;
      continue;
    }
    // "invalid character in host name"
    if (mode !== 'other' && text.charCodeAt(i) < 0x80 && !HOST_CHARACTER.test(text[i])) return undefined;
    const character = String.fromCodePoint(text.codePointAt(i)!);
    bytes.push(...UTF8.encode(character));
    i += character.length;
  }
  return escaped ? new TextDecoder().decode(new Uint8Array(bytes)) : text;
}

const UTF8 = new TextEncoder();
