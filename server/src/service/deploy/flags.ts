// nats-server's command-line flags, by release, as our own data: their names and aliases, the
// kind of value each takes and the option it sets. Parsed the way Go's `flag` package reads them
// (nats-server hands its arguments to a FlagSet), with its wording for what it refuses, and turned
// into the config text nats-server would hold after reading `-c FILE` and then the flags again, so
// that the config checks run on what the command line says.

import { parseConfig } from '../parser';
import { parseUrl } from '../shared/urls';
import type { KeyValueNode, MapNode, Span } from '../tree';
import { NEWEST_VERSION, compareVersions, syntaxRules, type ServerVersion } from '../versions';
import type { EmbeddedText } from '../yaml/embeddedText';

/** How Go's flag package reads the value: Bool takes no separate argument, the others do. */
type FlagKind = 'bool' | 'int' | 'int64' | 'string';

interface FlagInfo {
  /** Every spelling nats-server defines (without dashes); the first is the one shown. */
  names: readonly string[];
  kind: FlagKind;
  /** What the value is, in the usage text's words. */
  placeholder?: string;
  summary: string;
  /** The config option it sets, as a path of config keys (undefined: none, e.g. `-c`, `-h`). */
  option?: readonly string[];
  /** First release that has it (x.y.z), per release line: `{ '2.9': '2.9.21' }` and every later line. */
  since?: { line: string; release: string };
}

const F = (
  names: string[],
  kind: FlagKind,
  summary: string,
  option?: string[],
  placeholder?: string,
  since?: FlagInfo['since'],
): FlagInfo => ({
  names,
  kind,
  summary,
  ...(option && { option }),
  ...(placeholder && { placeholder }),
  ...(since && { since }),
});

/**
 * The flag set of `ConfigureOptions` (server/opts.go), unchanged from 2.9.0 to 2.14 but for
 * `--logtime_utc` (2.9.21 and 2.10.0 on).
 */
const SERVER_FLAGS: readonly FlagInfo[] = [
  F(['port', 'p'], 'int', 'Port for client connections (default 4222; -1: a random port).', ['port'], 'port'),
  F(['addr', 'a', 'net'], 'string', 'Host address to bind to (default 0.0.0.0).', ['host'], 'host'),
  F(['name', 'n', 'server_name'], 'string', 'Server name (default: generated).', ['server_name'], 'server_name'),
  F(['pid', 'P'], 'string', 'File to write the process id to.', ['pid_file'], 'file'),
  F(['http_port', 'm'], 'int', 'Port for HTTP monitoring.', ['http_port'], 'port'),
  F(['https_port', 'ms'], 'int', 'Port for HTTPS monitoring.', ['https_port'], 'port'),
  F(['config', 'c'], 'string', 'Configuration file; the other flags override what it sets.', undefined, 'file'),
  F(['t'], 'bool', 'Test the configuration file and exit.'),
  F(['signal', 'sl'], 'string', 'Send a signal to a running nats-server and exit.', undefined, 'signal[=pid]'),
  F(['client_advertise'], 'string', 'Client URL advertised to other servers.', ['client_advertise'], 'host:port'),
  F(['ports_file_dir'], 'string', 'Directory for a ports file.', ['ports_file_dir'], 'dir'),
  F(['log', 'l'], 'string', 'File to write the log to.', ['log_file'], 'file'),
  F(['logtime', 'T'], 'bool', 'Timestamp log entries (default true; `-T=false` turns it off).', ['logtime']),
  F(['logtime_utc'], 'bool', 'Log timestamps in UTC.', ['logtime_utc'], undefined, {
    line: '2.9',
    release: '2.9.21',
  }),
  F(['syslog', 's'], 'bool', 'Log to syslog (or the Windows event log).', ['syslog']),
  F(['remote_syslog', 'r'], 'string', 'Remote syslog address (udp://localhost:514).', ['remote_syslog'], 'addr'),
  F(['debug', 'D'], 'bool', 'Debug logging.', ['debug']),
  F(['trace', 'V'], 'bool', 'Trace the raw protocol.', ['trace']),
  F(['VV'], 'bool', 'Verbose trace (the system account too).', ['trace_verbose']),
  F(['DV'], 'bool', 'Debug and trace.', ['debug']),
  F(['DVV'], 'bool', 'Debug and verbose trace.', ['trace_verbose']),
  F(
    ['log_size_limit'],
    'int64',
    'Log file size limit in bytes (a plain number: no suffix).',
    ['log_size_limit'],
    'limit',
  ),
  F(['max_traced_msg_len'], 'int', 'Longest traced message shown.', ['max_traced_msg_len'], 'len'),
  F(['jetstream', 'js'], 'bool', 'Enable JetStream.', ['jetstream']),
  F(['store_dir', 'sd'], 'string', 'JetStream storage directory.', ['store_dir'], 'dir'),
  F(['user'], 'string', 'User required of client connections.', ['authorization', 'user'], 'user'),
  F(['pass'], 'string', 'Password required of client connections.', ['authorization', 'password'], 'password'),
  F(['auth'], 'string', 'Token required of client connections.', ['authorization', 'token'], 'token'),
  F(['tls'], 'bool', 'Enable TLS for clients, without verifying them (needs --tlscert and --tlskey).', ['tls']),
  F(['tlscert'], 'string', 'Server certificate file.', ['tls', 'cert_file'], 'file'),
  F(['tlskey'], 'string', "The server certificate's private key file.", ['tls', 'key_file'], 'file'),
  F(['tlsverify'], 'bool', 'Enable TLS and verify client certificates.', ['tls', 'verify']),
  F(['tlscacert'], 'string', 'CA certificates to verify clients with.', ['tls', 'ca_file'], 'file'),
  F(['routes'], 'string', 'Routes to solicit, comma-separated URLs.', ['cluster', 'routes'], 'url,url'),
  F(['cluster', 'cluster_listen'], 'string', 'Cluster listen URL (nats://host:port).', ['cluster', 'listen'], 'url'),
  F(['cluster_name'], 'string', 'Cluster name (default: generated).', ['cluster', 'name'], 'name'),
  F(['cluster_advertise'], 'string', 'Cluster URL advertised to other servers.', ['cluster', 'advertise'], 'host:port'),
  F(['no_advertise'], 'bool', 'Do not advertise cluster members to clients.', ['cluster', 'no_advertise']),
  F(['connect_retries'], 'int', 'Connect retries for implicit routes.', ['cluster', 'connect_retries'], 'number'),
  F(['profile'], 'int', 'Profiling HTTP port.', ['prof_port'], 'port'),
  F(['help', 'h'], 'bool', 'Show the usage text and exit.'),
  F(['version', 'v'], 'bool', 'Show the version and exit.'),
  F(['help_tls'], 'bool', 'Show TLS help and exit.'),
];

function available(flag: FlagInfo, version: ServerVersion): boolean {
  if (!flag.since) return true;
  const [major, minor] = flag.since.line.split('.').map(Number);
  const [, , patch] = flag.since.release.split('.').map(Number);
  const first = { major, minor, patch };
  // From `since` in its line, and in every later line.
  if (version.major === major && version.minor === minor) return compareVersions(version, first) >= 0;
  return compareVersions(version, first) > 0;
}

/** The flag named `name` (no dashes) in `version`'s flag set. */
function flagNamed(name: string, version: ServerVersion = NEWEST_VERSION): FlagInfo | undefined {
  return SERVER_FLAGS.find((f) => f.names.includes(name) && available(f, version));
}

/** One argument of the command line, and where it is written. */
export interface ArgWord {
  text: string;
  span: Span;
  /** Made with a value not known here (a `$(VAR)` from a Secret not given): its text is a stand-in. */
  unknown?: true;
}

export interface ParsedFlag {
  /** As written, without dashes or value. */
  name: string;
  flag: FlagInfo;
  /** The value as Go's flag package received it (booleans: `true` when bare). */
  value?: string;
  /** The flag as written (for a separate value: the flag word only). */
  span: Span;
  valueSpan?: Span;
}

export type FlagErrorKind = 'unknown' | 'value' | 'argument' | 'refused';

export interface FlagError {
  span: Span;
  /** nats-server's own message. */
  message: string;
  /** unknown: not a flag of this release (or bad syntax); value: a value Go cannot read or a missing one;
   * argument: a word after the flags; refused: what ConfigureOptions refuses after reading them. */
  kind: FlagErrorKind;
}

export interface ParsedFlags {
  flags: ParsedFlag[];
  /** `-c`/`--config`: the last one given (Go keeps the last value). */
  configFile?: string;
  configSpan?: Span;
  /** The arguments after the flags (nats-server accepts only `version` or `help` there). */
  rest: ArgWord[];
  errors: FlagError[];
  /** The server prints something and exits rather than running (`-h`, `version`, `-t`, `-sl`). */
  exits: boolean;
}

const BOOL_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool. */
function goBool(text: string): boolean | undefined {
  if (!BOOL_VALUES.has(text)) return undefined;
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text);
}

/** Go's strconv.ParseInt(text, 0, 64): the value, or the flag package's word for the failure. */
export function goInt(text: string): { value: bigint } | { error: 'parse error' | 'value out of range' } {
  let s = text;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) [base, s, prefixed] = [16, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [base, s, prefixed] = [2, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [base, s, prefixed] = [8, s.slice(2), true];
  else if (/^0./.test(s)) [base, s, prefixed] = [8, s.slice(1), true];
  // Underscores only between digits (or after a base prefix), as base 0 allows them.
  if (s.includes('_')) {
    const joined = (prefixed ? '0' : '') + s;
    if (/^_|_$|__/.test(joined)) return { error: 'parse error' };
    s = s.replace(/_/g, '');
  }
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!digits.test(s)) return { error: 'parse error' };
  let value = 0n;
  for (const c of s.toLowerCase()) value = value * BigInt(base) + BigInt(parseInt(c, 16));
  if (negative) value = -value;
  if (value > 9223372036854775807n || value < -9223372036854775808n) return { error: 'value out of range' };
  return { value };
}

const union = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

/**
 * The arguments read as nats-server reads them: Go's FlagSet (`-f`, `--f`, `-f=v`, `-f v`;
 * booleans only as `-f` or `-f=v`; `--` ends the flags; the first word that is no flag ends them
 * too), then what ConfigureOptions itself refuses. Parsing stops at the first error, as Go's does.
 */
export function parseServerFlags(args: readonly ArgWord[], version: ServerVersion = NEWEST_VERSION): ParsedFlags {
  const out: ParsedFlags = { flags: [], rest: [], errors: [], exits: false };
  let i = 0;
  const fail = (span: Span, message: string, kind: FlagErrorKind) => {
    out.errors.push({ span, message, kind });
    out.exits = true;
  };
  for (; i < args.length; i++) {
    const word = args[i];
    const s = word.text;
    if (s.length < 2 || s[0] !== '-') break;
    let dashes = 1;
    if (s[1] === '-') {
      dashes = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(dashes);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') {
      fail(word.span, `bad flag syntax: ${s}`, 'unknown');
      return out;
    }
    let value: string | undefined;
    let valueSpan: Span | undefined;
    const eq = name.indexOf('=', 1);
    let flagSpan = word.span;
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
      // The word's span covers both; the name ends at the `=`.
      const nameEnd = word.span.start + dashes + eq;
      flagSpan = { start: word.span.start, end: Math.min(word.span.end, nameEnd) };
      valueSpan = { start: Math.min(word.span.end, nameEnd + 1), end: word.span.end };
    }
    const flag = flagNamed(name, version);
    if (!flag) {
      fail(flagSpan, `flag provided but not defined: -${name}`, 'unknown');
      return out;
    }
    if (flag.kind === 'bool') {
      if (value !== undefined && goBool(value) === undefined) {
        fail(valueSpan ?? word.span, `invalid boolean value ${goQuote(value)} for -${name}: parse error`, 'value');
        return out;
      }
      out.flags.push({ name, flag, value: value ?? 'true', span: flagSpan, ...(valueSpan && { valueSpan }) });
    } else {
      if (value === undefined) {
        const next = args[i + 1];
        if (!next) {
          fail(word.span, `flag needs an argument: -${name}`, 'value');
          return out;
        }
        value = next.text;
        valueSpan = next.span;
        i++;
      }
      if (flag.kind !== 'string') {
        const n = goInt(value);
        if ('error' in n) {
          fail(valueSpan ?? word.span, `invalid value ${goQuote(value)} for flag -${name}: ${n.error}`, 'value');
          return out;
        }
      }
      out.flags.push({ name, flag, value, span: flagSpan, valueSpan });
    }
  }
  out.rest = args.slice(i);
  const given = (n: string) => out.flags.filter((f) => f.flag.names[0] === n);
  const last = (n: string) => given(n).at(-1);
  for (const f of out.flags) {
    const canonical = f.flag.names[0];
    if (['help', 'version', 'help_tls', 't', 'signal'].includes(canonical) && f.value !== 'false') out.exits = true;
  }
  const config = last('config');
  if (config) {
    out.configFile = config.value;
    out.configSpan = config.valueSpan ?? config.span;
  }
  if (out.exits) return out;
  const first = out.rest[0];
  if (first) {
    const lower = first.text.toLowerCase();
    if (lower === 'version' || lower === 'help') out.exits = true;
    else fail(first.span, `unrecognized command: ${goQuote(first.text)}`, 'argument');
    return out;
  }
  refusals(out);
  return out;
}

/** What ConfigureOptions refuses once the flags are read (the checks that need no config file). */
function refusals(out: ParsedFlags): void {
  const fail = (span: Span, message: string) => {
    out.errors.push({ span, message, kind: 'refused' });
    out.exits = true;
  };
  const last = (n: string) => out.flags.filter((f) => f.flag.names[0] === n).at(-1);
  const cluster = last('cluster');
  if (cluster?.value) {
    const message = clusterUrlError(cluster.value);
    if (message) fail(cluster.valueSpan ?? cluster.span, message);
  }
  // Any -tls* flag replaces the client TLS with the flags' own, unless -tls=false is given: Go
  // visits the flags set in name order, so `tls` is seen before the others wherever it stands.
  const tlsFlags = out.flags.filter((f) => f.flag.names[0].startsWith('tls'));
  const tls = last('tls');
  const tlsDisabled = tls !== undefined && goBool(tls.value ?? 'true') === false;
  const tlsOverride = !tlsDisabled && tlsFlags.length > 0;
  if (tlsOverride && out.errors.length === 0) {
    const tlsFlag = tlsFlags[0];
    if (!last('tlscert')?.value) fail(tlsFlag.span, 'TLS Server certificate must be present and valid');
    else if (!last('tlskey')?.value) fail(tlsFlag.span, 'TLS Server private key must be present and valid');
  }
  // Without a config file, routes need --cluster (a config file may give the cluster port instead).
  const routes = last('routes');
  if (routes?.value && !cluster?.value && out.configFile === undefined && out.errors.length === 0) {
    fail(routes.span, 'solicited routes require cluster capabilities, e.g. --cluster');
  }
}

/** What overrideCluster says of a `--cluster` URL, or undefined when it takes it. */
export function clusterUrlError(raw: string): string | undefined {
  const value = raw.endsWith(':-1') ? `${raw.slice(0, -3)}:0` : raw;
  const parsed = parseUrl(value);
  if (!parsed) {
    if (value.startsWith(':')) return `parse ${goQuote(value)}: missing protocol scheme`;
    if (/^[^:/]*:/.test(value) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      return `parse ${goQuote(value)}: first path segment in URL cannot contain colon`;
    }
    const port = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/]*)(:[^/]*)/i.exec(value)?.[1];
    if (port && !/^:\d*$/.test(port)) return `parse ${goQuote(value)}: invalid port ${goQuote(port)} after host`;
    return `parse ${goQuote(value)}: invalid URL`;
  }
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (!/:\d*$/.test(hostPort) || (hostPort.startsWith('[') && !/\]:\d*$/.test(hostPort))) {
    return hostPort ? `address ${hostPort}: missing port in address` : 'missing port in address';
  }
  // fmt.Sscan of an empty port.
  if (hostPort.endsWith(':')) return 'EOF';
  if (parsed.user !== undefined && parsed.password === undefined) return 'expected cluster password to be set';
  return undefined;
}

/** Go's %q for the printable ASCII nats-server's messages quote. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// A Compose `command:` string, split into words as Compose splits it (shell words: quotes and
// backslashes; no expansion), each word with its place in the YAML file.

export function splitCommandWords(embedded: EmbeddedText): {
  words: ArgWord[];
  error?: { span: Span; message: string };
} {
  const text = embedded.text;
  const words: ArgWord[] = [];
  let i = 0;
  const spanOf = (from: number, to: number): Span => {
    const start = embedded.toSource(from);
    const end = to > from ? embedded.toSource(to - 1) + 1 : start;
    return { start, end: Math.max(start, end) };
  };
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let word = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0)
          return { words, error: { span: spanOf(i, text.length), message: 'invalid command line string' } };
        word += text.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') word += text[i + 1];
            i += 2;
          } else if (text[i] === '"') {
            closed = true;
            i++;
            break;
          } else word += text[i++];
        }
        if (!closed)
          return { words, error: { span: spanOf(start, text.length), message: 'invalid command line string' } };
      } else if (c === '\\') {
        if (i + 1 < text.length && text[i + 1] !== '\n') word += text[i + 1];
        i += 2;
      } else word += text[i++];
    }
    words.push({ text: word, span: spanOf(start, Math.min(i, text.length)) });
  }
  return { words };
}

// ---------------------------------------------------------------------------------------------
// The flags as config text.

/** Where a piece of the synthesized config comes from: a flag (its span in the YAML) or the base file. */
export interface SynthesizedSegment {
  /** Offsets in the synthesized text. */
  start: number;
  end: number;
  /** The flag's place (in the YAML, or wherever the argument words came from). */
  flagSpan?: Span;
  /** Or the offset in the base config text this segment copies from. */
  baseStart?: number;
}

export interface SynthesizedConfig {
  text: string;
  segments: SynthesizedSegment[];
  /** Blocks the flags set that the base text has not: written anew at its end (`cluster { … }`). */
  addedBlocks: string[];
  /** Where offset `offset` of the synthesized text stands: a flag's span, or an offset in the base config. */
  origin(offset: number): { flagSpan: Span } | { baseOffset: number } | undefined;
}

/** A config string as nats-server's lexer reads it back (always quoted: flags may hold anything). */
function confString(s: string): string {
  return JSON.stringify(s);
}

/** One option the flags set: the config key path and the value text. */
interface Setting {
  path: string[];
  text: string;
  span: Span;
}

/** The options the flags set, in nats-server's order of precedence (a later flag wins). */
function settingsOf(parsed: ParsedFlags): Setting[] {
  const out: Setting[] = [];
  const set = (path: string[], text: string, f: ParsedFlag) => {
    const i = out.findIndex((s) => s.path.join('.') === path.join('.'));
    if (i >= 0) out.splice(i, 1);
    out.push({ path, text, span: f.valueSpan ? union(f.span, f.valueSpan) : f.span });
  };
  for (const f of parsed.flags) {
    const canonical = f.flag.names[0];
    const value = f.value ?? 'true';
    if (!f.flag.option) continue;
    if (f.flag.kind === 'bool') {
      const on = goBool(value) ?? true;
      if (canonical === 'jetstream') {
        if (on) set(['jetstream'], 'enabled', f);
        continue;
      }
      if (canonical === 'DV' || canonical === 'DVV') {
        set(['debug'], String(on), f);
        set(['trace'], String(on), f);
        if (canonical === 'DVV') set(['trace_verbose'], String(on), f);
        continue;
      }
      if (canonical === 'VV') set(['trace'], String(on), f);
      if (canonical === 'tls' || canonical === 'tlsverify') {
        if (canonical === 'tlsverify') set(['tls', 'verify'], String(on), f);
        continue;
      }
      set([...f.flag.option], String(on), f);
      continue;
    }
    if (f.flag.kind !== 'string') {
      const n = goInt(value);
      if ('value' in n) set([...f.flag.option], n.value.toString(), f);
      continue;
    }
    if (canonical === 'routes') {
      const urls = value
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      set(['cluster', 'routes'], `[${urls.map(confString).join(', ')}]`, f);
      continue;
    }
    if (canonical === 'cluster') {
      if (!value || clusterUrlError(value)) continue;
      const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
      const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
      set(['cluster', 'listen'], confString(hostPort), f);
      const parsedUrl = parseUrl(value.endsWith(':-1') ? `${value.slice(0, -3)}:0` : value);
      if (parsedUrl?.user !== undefined) {
        set(
          ['cluster', 'authorization'],
          `{ user: ${confString(parsedUrl.user)}, password: ${confString(parsedUrl.password ?? '')} }`,
          f,
        );
      }
      continue;
    }
    set([...f.flag.option], confString(value), f);
  }
  return out;
}

/**
 * The options the flags set as NATS config text, merged into the `-c` file's text when given as
 * nats-server does (it reads the file, then the flags again: each flag's value replaces the file's).
 * Values the file sets are replaced where they stand; the others are added to their block (or a
 * new block at the end). `origin` maps every offset back to the flag or to the base file.
 */
export function flagsAsConfig(
  parsed: ParsedFlags,
  baseConfigText = '',
  version: ServerVersion = NEWEST_VERSION,
): SynthesizedConfig {
  const settings = settingsOf(parsed);
  const tree = parseConfig(baseConfigText, syntaxRules(version)).tree;
  // Edits on the base text: [start, end) replaced by text from the flag at span.
  const edits: { start: number; end: number; text: string; span: Span }[] = [];
  const added: Setting[] = [];
  const findEntry = (map: MapNode, key: string): KeyValueNode | undefined =>
    map.entries.filter((e): e is KeyValueNode => e.kind === 'keyValue' && e.key.toLowerCase() === key).at(-1);
  for (const s of settings) {
    let map: MapNode | undefined = tree.root;
    const blockPath = s.path.slice(0, -1);
    for (const key of blockPath) {
      const entry: KeyValueNode | undefined = map ? findEntry(map, key) : undefined;
      map = entry?.value?.kind === 'map' ? entry.value : undefined;
    }
    const key = s.path[s.path.length - 1];
    // A store_dir flag goes where the file keeps it: inside `jetstream { }` when the file has that block.
    if (s.path.join('.') === 'store_dir') {
      const js = findEntry(tree.root, 'jetstream');
      if (js?.value?.kind === 'map') {
        const inner =
          findEntry(js.value, 'store_dir') ?? findEntry(js.value, 'store') ?? findEntry(js.value, 'storedir');
        if (inner?.value) edits.push({ start: inner.value.start, end: inner.value.end, text: s.text, span: s.span });
        else
          edits.push({
            start: js.value.end - 1,
            end: js.value.end - 1,
            text: `\n  store_dir: ${s.text}\n`,
            span: s.span,
          });
        continue;
      }
    }
    // --cluster sets the cluster's host and port (overrideCluster): the file's host, port and listen give way.
    if (s.path.join('.') === 'cluster.listen' && map) {
      const own = map.entries.filter(
        (e): e is KeyValueNode => e.kind === 'keyValue' && ['listen', 'host', 'port'].includes(e.key.toLowerCase()),
      );
      if (own.length) {
        own.forEach((e, i) =>
          edits.push({ start: e.start, end: e.end, text: i ? '' : `listen: ${s.text}`, span: s.span }),
        );
        continue;
      }
    }
    const existing = map ? findEntry(map, key) : undefined;
    // `-js` keeps a file's `jetstream { }` block as it is (the block already enables it).
    if (s.path.join('.') === 'jetstream' && existing?.value?.kind === 'map') continue;
    if (existing?.value) {
      edits.push({ start: existing.value.start, end: existing.value.end, text: s.text, span: s.span });
    } else if (map && map !== tree.root && map.closed) {
      edits.push({ start: map.end - 1, end: map.end - 1, text: `\n  ${key}: ${s.text}\n`, span: s.span });
    } else if (map === tree.root || blockPath.length === 0) {
      added.push(s);
    } else added.push(s);
  }
  edits.sort((a, b) => a.start - b.start);
  let text = '';
  const segments: SynthesizedSegment[] = [];
  let at = 0;
  const copy = (from: number, to: number) => {
    if (to <= from) return;
    segments.push({ start: text.length, end: text.length + to - from, baseStart: from });
    text += baseConfigText.slice(from, to);
  };
  const emit = (t: string, span: Span) => {
    segments.push({ start: text.length, end: text.length + t.length, flagSpan: span });
    text += t;
  };
  for (const e of edits) {
    if (e.start < at) continue; // two flags on one value: the later one is in `settings` already
    copy(at, e.start);
    emit(e.text, e.span);
    at = e.end;
  }
  copy(at, baseConfigText.length);
  if (added.length && text && !text.endsWith('\n')) text += '\n';
  // Settings not in the file: top-level keys, then one block per block name.
  const blocks = new Map<string, Setting[]>();
  for (const s of added) {
    if (s.path.length === 1) {
      emit(`${s.path[0]}: ${s.text}`, s.span);
      text += '\n';
    } else blocks.set(s.path[0], [...(blocks.get(s.path[0]) ?? []), s]);
  }
  for (const [block, list] of blocks) {
    text += `${block} {\n`;
    for (const s of list) {
      text += '  ';
      emit(`${s.path.slice(1).join('.')}: ${s.text}`, s.span);
      text += '\n';
    }
    text += '}\n';
  }
  const origin = (offset: number): ReturnType<SynthesizedConfig['origin']> => {
    const seg = segments.find((g) => offset >= g.start && offset < g.end) ?? segments.find((g) => offset === g.end);
    if (!seg) {
      // Between segments (a block's braces): the nearest flag before it.
      const before = [...segments].reverse().find((g) => g.end <= offset && g.flagSpan);
      return before?.flagSpan ? { flagSpan: before.flagSpan } : undefined;
    }
    if (seg.flagSpan) return { flagSpan: seg.flagSpan };
    return { baseOffset: seg.baseStart! + (offset - seg.start) };
  };
  return { text, segments, origin, addedBlocks: [...blocks.keys()] };
}

// ---------------------------------------------------------------------------------------------
// Editor help.

interface FlagCompletion {
  /** `--cluster_name`. */
  label: string;
  /** What to insert (with a trailing space for a flag that takes a value). */
  insertText: string;
  detail: string;
  documentation: string;
}

function dashed(name: string): string {
  return name.length <= 3 && name !== 'pid' && name !== 'tls' && name !== 'log' ? `-${name}` : `--${name}`;
}

/** Flags of `version` whose spellings start with `prefix` (its dashes ignored). */
export function flagCompletions(prefix: string, version: ServerVersion = NEWEST_VERSION): FlagCompletion[] {
  const bare = prefix.replace(/^-{1,2}/, '');
  const out: FlagCompletion[] = [];
  for (const flag of SERVER_FLAGS) {
    if (!available(flag, version)) continue;
    for (const name of flag.names) {
      if (!name.startsWith(bare)) continue;
      const label =
        prefix.startsWith('--') || (!prefix.startsWith('-') && name.length > 3) ? `--${name}` : dashed(name);
      out.push({
        label,
        insertText: flag.kind === 'bool' ? label : `${label} `,
        detail: describeFlag(flag),
        documentation: flag.summary,
      });
    }
  }
  return out;
}

function describeFlag(flag: FlagInfo): string {
  const spellings = flag.names.map(dashed).join(', ');
  return flag.kind === 'bool' ? spellings : `${spellings} <${flag.placeholder ?? 'value'}>`;
}

/** Hover text (markdown) for a flag as written (`--routes`, `-m`, `-js=true`), or undefined. */
export function flagHover(written: string, version: ServerVersion = NEWEST_VERSION): string | undefined {
  const name = written.replace(/^-{1,2}/, '').split('=')[0];
  const flag = SERVER_FLAGS.find((f) => f.names.includes(name));
  if (!flag) return undefined;
  const lines = [`\`${describeFlag(flag)}\``, '', flag.summary];
  if (flag.option) lines.push('', `Sets \`${flag.option.join('.')}\`; it overrides the config file's value.`);
  const kind = {
    bool: 'a boolean: `-f` or `-f=false`, never `-f false`',
    int: 'an integer',
    int64: 'an integer',
    string: 'text',
  };
  lines.push('', `Value: ${kind[flag.kind]}.`);
  if (!available(flag, version)) lines.push('', `Not in this release: from ${flag.since!.release}.`);
  return lines.join('\n');
}
