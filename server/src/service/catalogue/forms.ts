// Value forms that several options share, declared once: blocks/*.ts import them. A form
// used by one option only stays written out where that option is.

import type { StringValue, ValueSpec } from './schema';

// ---- plain values ------------------------------------------------------------------------

export const BOOLEAN: ValueSpec = { type: 'boolean' };
export const STRING: StringValue = { type: 'string' };
/** An integer or a fraction (`0.5`). */
export const FLOAT: ValueSpec = { type: 'float' };
export const INTEGER: ValueSpec = { type: 'integer' };
export const COUNT: ValueSpec = { type: 'integer', unit: 'count' };
export const NON_NEGATIVE_COUNT: ValueSpec = { type: 'integer', min: 0, unit: 'count' };
export const PORT: ValueSpec = { type: 'integer', unit: 'port' };
export const SECONDS: ValueSpec = { type: 'integer', unit: 'seconds' };
/** 1 to 100, beside a string form such as "25%" where nats-server reads one. */
const PERCENT: ValueSpec = { type: 'integer', min: 1, max: 100, unit: 'percent' };

// ---- sizes and durations -----------------------------------------------------------------

/** An integer size only (suffixes from the lexer; a string is a type error). */
export const SIZE: ValueSpec = { type: 'size' };
/** Go's int32 limit, for sizes nats-server keeps in an int32. */
const INT32_MAX = 2147483647;
export const INT32_SIZE: ValueSpec = { type: 'size', max: INT32_MAX };
/** An integer size (lexer suffixes), or a quoted string read by getStorageSize ("10G" = 10 GiB). */
export const STORAGE_SIZE: ValueSpec = { type: 'size', string: 'storage' };
/** nats-server's parseDuration: a Go duration string, or an integer of seconds with a warning. */
export const DURATION: ValueSpec = { type: 'duration', integer: 'seconds-warning' };
/** A direct time.ParseDuration on a string: an integer is a type error. */
export const STRICT_DURATION: ValueSpec = { type: 'duration', integer: 'error' };
/** A Go duration string, or an integer taken as plain seconds (no warning). */
export const DURATION_OR_SECONDS: ValueSpec = { type: 'duration', integer: 'seconds' };
/** Seconds as an integer or float, or a Go duration string (parsed directly, no warning). */
export const SECONDS_OR_DURATION: readonly ValueSpec[] = [FLOAT, DURATION_OR_SECONDS];

// ---- text with a meaning -----------------------------------------------------------------

export const HOST: StringValue = { type: 'string', format: 'host' };
export const HOSTPORT: StringValue = { type: 'string', format: 'hostport' };
export const NAME: StringValue = { type: 'string', format: 'name' };
export const URL: StringValue = { type: 'string', format: 'url' };
export const PATH: StringValue = { type: 'string', format: 'path' };
/** A file nats-server opens while loading the configuration (so `-t` fails if it is missing). */
export const OPENED_FILE: StringValue = { type: 'string', format: 'path', mustExist: true };
export const NKEY: StringValue = { type: 'string', format: 'nkey' };
export const JWT: StringValue = { type: 'string', format: 'jwt' };
export const ACCOUNT: StringValue = { type: 'string', format: 'account' };
export const SUBJECT: StringValue = { type: 'string', format: 'subject' };
/** A password or token: plain text or a bcrypt hash (`$2a$…`). */
export const SECRET: StringValue = { type: 'string', format: 'bcrypt-or-plain' };

/** `enabled`/`disabled` for jetstream, at the top level and in an account. */
export const JETSTREAM_SWITCH: StringValue = {
  type: 'string',
  enum: ['enabled', 'enable', 'disabled', 'disable'],
  caseSensitive: false,
};

/** The write_timeout policy words, matched exactly (parseWriteDeadlinePolicy). */
export const WRITE_TIMEOUT_POLICY: StringValue = {
  type: 'string',
  enum: ['default', 'close', 'retry'],
  caseSensitive: true,
};

/** chacha/chachapoly/aes, matched case-insensitively (jetstream.cipher and tpm.cipher alike). */
export const STORE_CIPHER: StringValue = {
  type: 'string',
  enum: ['chachapoly', 'chacha', 'aes'],
  caseSensitive: false,
};

/**
 * Compression modes, checked case-insensitively at server start
 * (validateAndNormalizeCompressionOption), not while the file is parsed.
 */
const COMPRESSION_MODES: readonly string[] = [
  'off',
  'disabled',
  'false',
  'accept',
  'on',
  'enabled',
  'true',
  's2_fast',
  'fast',
  's2_better',
  'better',
  's2_best',
  'best',
  's2_auto',
  'auto',
  'not_supported',
  'not supported',
];
export const COMPRESSION_MODE: StringValue = { type: 'string', enum: COMPRESSION_MODES };

// ---- lists -------------------------------------------------------------------------------

export const STRING_LIST: ValueSpec = { type: 'array', items: [STRING] };
export const URL_LIST: ValueSpec = { type: 'array', items: [URL] };
const SUBJECT_LIST: ValueSpec = { type: 'array', items: [SUBJECT] };
export const ACCOUNT_LIST: ValueSpec = { type: 'array', items: [ACCOUNT] };

/** parseStringArray and its like: one value, or an array of such values. */
export function oneOrList(item: ValueSpec): readonly ValueSpec[] {
  return [item, { type: 'array', items: [item] }];
}

// ---- blocks ------------------------------------------------------------------------------

export const TLS_MAP: ValueSpec = { type: 'map', block: 'tls' };
export const AUTHORIZATION_MAP: ValueSpec = { type: 'map', block: 'authorization' };
export const SIMPLE_AUTHORIZATION_MAP: ValueSpec = { type: 'map', block: 'simple_authorization' };
export const AUTH_CALLOUT_MAP: ValueSpec = { type: 'map', block: 'auth_callout' };
export const PERMISSIONS_MAP: ValueSpec = { type: 'map', block: 'permissions' };
export const MAPPINGS_MAP: ValueSpec = { type: 'map', block: 'mappings' };
export const IMPORT_SOURCE_MAP: ValueSpec = { type: 'map', block: 'import.source' };
export const MAPPING_DESTINATION_MAP: ValueSpec = { type: 'map', block: 'mapping_destination' };
/** authorization.users, an account's users (and the users list cluster authorization refuses). */
export const USER_LIST: ValueSpec = { type: 'array', items: [{ type: 'map', block: 'user' }] };

// ---- several forms -----------------------------------------------------------------------

/**
 * parseListen, for every listener's `listen` (and monitoring's `http`/`https`): an integer
 * port, or "host:port" as Go's net.SplitHostPort splits it with an integer port.
 */
export const LISTEN: readonly ValueSpec[] = [{ type: 'string', format: 'listen' }, PORT];

/**
 * An authorization timeout: seconds as a number; a duration string is read from 2.11.2,
 * while earlier releases take no notice of a string and use 1 second.
 */
export const AUTH_TIMEOUT: readonly ValueSpec[] = [
  SECONDS,
  FLOAT,
  { type: 'duration', integer: 'seconds', since: '2.11.2', unread: 'uses a timeout of 1 second instead' },
];

/** parseCompression: a mode word, a boolean (true = the block's "on" mode, false = off), or a map. */
export const COMPRESSION: readonly ValueSpec[] = [COMPRESSION_MODE, BOOLEAN, { type: 'map', block: 'compression' }];

/** allow / deny of a permission: a list of subjects, or one. */
export const SUBJECTS: readonly ValueSpec[] = [SUBJECT_LIST, SUBJECT];

/** publish / subscribe: a subject, a list of subjects (the "old style"), or {allow, deny}. */
export const SUBJECT_PERMISSION: readonly ValueSpec[] = [
  { type: 'map', block: 'subject_permission' },
  SUBJECT_LIST,
  SUBJECT,
];

/** A percentage: 1-100, or a string such as "25%" (sampling of traces and service latency). */
export const SAMPLING: readonly ValueSpec[] = [PERCENT, STRING];
