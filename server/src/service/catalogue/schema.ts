// The shape of the option catalogue: what nats-server accepts in each block, by release.
// The data lives in blocks/*.ts (one file per area), the value forms they share in forms.ts;
// validation, completion and hover all read it through catalogue.ts.

/**
 * A release, `2.10.0`. For options backported to several lines, `since` lists the first
 * release in each line (`['2.11.11', '2.12.2']`): available from that patch in those
 * lines, and in every later line.
 */
export type Since = string | readonly string[];

/** What one form of a value may be. An option lists every form it accepts. */
export type ValueSpec = (
  | StringValue
  | IntegerValue
  | { type: 'float'; min?: number; max?: number }
  | { type: 'boolean' }
  | DurationValue
  | SizeValue
  | { type: 'map'; block: BlockId }
  | { type: 'array'; items: readonly ValueSpec[]; minItems?: number }
  | { type: 'datetime' }
) &
  FormReleases;

/**
 * The releases that read one form of a value, where that differs from the option's own
 * (`reconnect` took whole seconds only, then durations from 2.10.12).
 */
export interface FormReleases {
  /** First release that reads this form. */
  since?: Since;
  /** First release that no longer reads it. */
  until?: string;
  /**
   * Releases that do not read this form accept it and do something else, said here
   * ("uses a timeout of 1 second instead"); without it they refuse it. A form with this and no
   * since/until is read by no release.
   */
  unread?: string;
}

export interface StringValue {
  type: 'string';
  /** The only accepted words. */
  enum?: readonly string[];
  /** Whether `enum` is matched case-sensitively (nats-server differs by option). Default: false. */
  caseSensitive?: boolean;
  /** What the text means, for checks and hover. */
  format?:
    | 'url'
    | 'host'
    | 'hostport'
    | 'listen'
    | 'path'
    | 'subject'
    | 'nkey'
    | 'jwt'
    | 'account'
    | 'name'
    | 'bcrypt-or-plain';
  /**
   * For path formats: a file nats-server needs. `true`: opened while reading the config
   * (`nats-server -t` fails without it); `'later'`: opened when used (a leaf node
   * connecting), so the server starts and the feature fails.
   */
  mustExist?: boolean | 'later';
}

export interface IntegerValue {
  type: 'integer';
  min?: number;
  max?: number;
  /** What the number counts. `bytes` values take size suffixes (1k, 1Mi, 1GB). */
  unit?: 'bytes' | 'seconds' | 'milliseconds' | 'count' | 'port' | 'percent';
}

/**
 * A duration. `integer: 'seconds-warning'` is nats-server's parseDuration: an integer is
 * taken as seconds with the warning "should be converted to a duration" (fatal under -t);
 * `'error'` is a direct time.ParseDuration: an integer is a type error; `'seconds'`: an
 * integer is plain seconds, no warning.
 */
export interface DurationValue {
  type: 'duration';
  integer: 'seconds-warning' | 'error' | 'seconds';
  /** Go duration syntax, inclusive bounds, e.g. '30s'. */
  min?: string;
  max?: string;
}

/**
 * A size in bytes written as an integer (suffixes allowed). `string: 'storage'`: a quoted
 * string is also read, by nats-server's getStorageSize (one upper-case K/M/G/T, binary).
 */
export interface SizeValue {
  type: 'size';
  string?: 'storage';
  min?: number;
  max?: number;
}

export interface OptionSpec {
  /** The canonical name, lower-case, as nats-server matches it. */
  name: string;
  /** Other names nats-server accepts for the same option. */
  aliases?: readonly string[];
  /** Every accepted form; the first is the usual one (completion, messages). */
  values: readonly ValueSpec[];
  /** The default as an operator would write it (`4222`, `"2m"`, `true`), or a phrase. */
  default?: string;
  /** First release with this option (absent: in every release from 2.9.0). */
  since?: Since;
  /** First release without it, if it was removed. */
  until?: string;
  /** One line, for hover and completion. */
  description: string;
  /** The docs.nats.io page, where it is not the block's (see optionDocs). */
  docs?: string;
  /** Set when nats-server still reads it but advises another option. */
  deprecated?: string;
}

export type BlockId = string;

export interface BlockSpec {
  id: BlockId;
  /** How a user would name this block (`cluster`, `TLS`, `a user in authorization.users`). */
  title: string;
  options: readonly OptionSpec[];
  /** Keys are matched ignoring case (most blocks). A few nats-server blocks are case-sensitive. */
  caseSensitive?: boolean;
  /**
   * For maps whose keys the user chooses (account names, subject mappings, …): what
   * any other key's value may be. Without it, an unlisted key is an unknown field.
   */
  additionalKeys?: { description: string; values: readonly ValueSpec[] };
  /**
   * nats-server's wording for an unknown key here, `%s` standing for the key, e.g.
   * `error parsing tls config, unknown field "%s"`. Default: `unknown field "%s"`.
   */
  unknownField?: string;
  /**
   * false where a key used as a `$variable` is still an unknown field (tls, ocsp, mapping destinations).
   * Default: true.
   */
  variablesExempt?: boolean;
  /** The docs.nats.io page of the block, and of each of its options that names no other. */
  docs: string;
}
