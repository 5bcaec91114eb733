// Docker Compose's variables: `$NAME`, `${NAME}` and their forms with a default (`:-`, `-`), an
// error (`:?`, `?`) or a replacement (`:+`, `+`), and `$$` for a `$`, interpolated in every value
// before Compose reads it; the `.env` file beside the Compose file that sets them; and a service's
// container environment (`environment:`, `env_file:`), which a config's `$NAME` reads.
//
// The shell that runs `docker compose` is not known here (it sets variables too, and wins over
// `.env`). So a variable `.env` does not set counts as unset where the text says what happens then
// (a default), and as unknown where it does not: a value that depends on one is not judged.

import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ConfigHost } from '../document';
import { unknownValue, type Environment } from '../variables';
import { keyText, nodeAt, scalarString } from '../yaml/yamlFile';

/** Variables `.env` sets, by name; undefined: set, to a value not known here (made with an unknown one). */
export type ComposeVariables = ReadonlyMap<string, string | undefined>;

export const NO_VARIABLES: ComposeVariables = new Map();

/** Stands for an unknown variable's value in `interpolateMarked`'s result: no YAML value holds a NUL. */
export const UNKNOWN_PART = '\0';

const NAME = /^[_A-Za-z][_A-Za-z0-9]*/;

/**
 * The text after interpolation, each part that depends on a variable nothing here sets written as
 * `UNKNOWN_PART`; undefined for a template Compose refuses ("Invalid template").
 */
export function interpolateMarked(text: string, vars: ComposeVariables): string | undefined {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2);
      if (close < 0) return undefined;
      const value = braced(text.slice(dollar + 2, close), vars);
      if (value === undefined) return undefined;
      out += value;
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (!name) return undefined;
      out += vars.get(name) ?? UNKNOWN_PART;
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

/** A value a variable not known here sets. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** A YAML scalar's value after interpolation (undefined: no scalar there). */
export function scalarValue(node: unknown, vars: ComposeVariables): string | typeof UNKNOWN | undefined {
  const raw = scalarString(node);
  return raw === undefined ? undefined : (interpolate(raw, vars) ?? UNKNOWN);
}

/** The value after interpolation; undefined when it depends on a variable nothing here sets, or is invalid. */
export function interpolate(text: string, vars: ComposeVariables): string | undefined {
  const out = interpolateMarked(text, vars);
  return out === undefined || out.includes(UNKNOWN_PART) ? undefined : out;
}

/** The `}` that closes a `${` whose body starts at `from` (bodies nest: `${A:-${B}}`). */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:?word`, `NAME?word`, `NAME:+word`, `NAME+word`. */
function braced(body: string, vars: ComposeVariables): string | undefined {
  const name = NAME.exec(body)?.[0];
  if (!name) return undefined;
  const rest = body.slice(name.length);
  const value = vars.get(name);
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (rest !== '' && !op) return undefined;
  if (!op || (value === undefined && vars.has(name))) return value ?? UNKNOWN_PART;
  const word = () => interpolateMarked(rest.slice(op.length), vars);
  // `:` also treats an empty value as unset.
  const set = value !== undefined && (value !== '' || !op.startsWith(':'));
  switch (op.replace(':', '')) {
    case '-':
      return set ? value : word();
    case '+':
      return set ? word() : '';
    default:
      // Compose stops with the message when unset; the shell may set it.
      return set ? value : UNKNOWN_PART;
  }
}

/**
 * A dotenv file as Compose reads it: `NAME=value` lines (`export ` allowed), `#` comments,
 * single quotes literal, double quotes with escapes; unquoted and double-quoted values are
 * interpolated with the variables set before them. A value that depends on an unknown variable is
 * set to undefined (unknown).
 */
export function parseDotEnv(text: string, outer: ComposeVariables = NO_VARIABLES): Map<string, string | undefined> {
  const vars = new Map(outer);
  const set = new Map<string, string | undefined>();
  let i = 0;
  while (i < text.length) {
    const eol = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    const line = text.slice(i, eol).replace(/\r$/, '');
    const m = /^\s*(?:export\s+)?([_A-Za-z][_A-Za-z0-9.-]*)\s*=\s*/.exec(line);
    if (!m) {
      i = eol + 1;
      continue;
    }
    const name = m[1];
    const start = i + m[0].length;
    const quote = text[start];
    let value: string | undefined;
    if (quote === "'" || quote === '"') {
      const close = closingQuote(text, start + 1, quote);
      if (close < 0) break; // Compose refuses the file: nothing after is read
      const raw = text.slice(start + 1, close);
      value = quote === "'" ? raw : interpolate(unescapeDouble(raw), vars);
      const after = text.indexOf('\n', close);
      i = after < 0 ? text.length : after + 1;
    } else {
      const raw = line
        .slice(m[0].length)
        .replace(/(^|\s)#.*$/, '')
        .trim();
      value = interpolate(raw, vars);
      i = eol + 1;
    }
    vars.set(name, value);
    set.set(name, value);
  }
  return set;
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(raw: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
  return raw.replace(/\\(.)/g, (whole, c: string) => escapes[c] ?? whole);
}

/** The variables of the `.env` file in the Compose file's folder (none when it cannot be read). */
export function composeVariables(composePath: string, host: ConfigHost): ComposeVariables {
  const read = host.readFile(path.join(path.dirname(composePath), '.env'));
  return 'error' in read ? NO_VARIABLES : parseDotEnv(read.text);
}

/** How a service sets its container's environment, as written (files are read later, with a host). */
export interface EnvironmentSpec {
  /** `env_file:` entries: absolute paths, and whether Compose requires them. */
  files: { path: string; required: boolean }[];
  /** `environment:` entries in order; value undefined: taken from the shell (`- NAME`, `NAME:`). */
  entries: { name: string; value: string | undefined }[];
}

export function environmentSpec(body: Node, folder: string): EnvironmentSpec {
  const files: EnvironmentSpec['files'] = [];
  const envFile = nodeAt(body, ['env_file']);
  for (const item of isSeq(envFile) ? envFile.items : envFile ? [envFile] : []) {
    const file = isMap(item) ? scalarString(nodeAt(item, ['path'])) : scalarString(item);
    const required = isMap(item) ? scalarString(nodeAt(item, ['required'])) !== 'false' : true;
    if (file !== undefined) files.push({ path: path.resolve(folder, file), required });
  }
  const entries: EnvironmentSpec['entries'] = [];
  const env = nodeAt(body, ['environment']);
  if (isSeq(env)) {
    for (const item of env.items) {
      const text = scalarString(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      entries.push(eq < 0 ? { name: text, value: undefined } : { name: text.slice(0, eq), value: text.slice(eq + 1) });
    }
  } else if (isMap(env)) {
    for (const pair of env.items) {
      const name = keyText(pair);
      // `NAME:` (no value, or null) is taken from the shell, as `- NAME` is.
      const value = pair.value as Node | null;
      const given = isScalar(value) && value.value !== null ? scalarString(value) : undefined;
      if (name !== undefined) entries.push({ name, value: given });
    }
  }
  return { files, entries };
}

/**
 * The container's environment: Docker's HOSTNAME (the `hostname:` given, else the container's id),
 * the image's PATH and HOME, the `env_file:` files, then `environment:`. Values not known here are
 * `unknownValue`s. Undefined when a required env file cannot be read (Compose stops; the names it
 * would set are not known).
 */
export function containerEnvironment(
  spec: EnvironmentSpec,
  hostname: string | undefined,
  vars: ComposeVariables,
  host: ConfigHost,
): Environment | undefined {
  const unknown = (name: string) => unknownValue(`unknown-${name.toLowerCase()}`);
  const env: Record<string, string> = {
    HOSTNAME: hostname ?? unknown('hostname'),
    PATH: unknown('path'),
    HOME: unknown('home'),
  };
  for (const file of spec.files) {
    const read = host.readFile(file.path);
    if ('error' in read) {
      if (file.required) return undefined;
      continue;
    }
    // An env file's values are interpolated with the variables Compose knows, not with each other's container values.
    for (const [name, value] of parseDotEnv(read.text, vars)) env[name] = value ?? unknown(name);
  }
  for (const { name, value } of spec.entries) {
    const known = value === undefined ? vars.get(name) : interpolate(value, vars);
    env[name] = known ?? unknown(name);
  }
  return env;
}
