// Value forms in words: one wording for hover (Markdown) and for validation messages (plain
// text), e.g. `a port number`, `one of 'auto', 'always'`, `a list of subjects`.

import { block, sinceText } from './catalogue';
import type { FormReleases, StringValue, ValueSpec } from './schema';

interface DescribeOptions {
  /** Words and names in backticks (hover) rather than single quotes (messages). */
  markdown?: boolean;
  /** Say which releases read a form that not all of them read (`(from 2.10.4)`). Default: true. */
  releases?: boolean;
}

/**
 * The forms an option (or a list's items) takes, in words: `a "host:port" string or a port
 * number`. A form no release reads (`unread` alone) is left out, unless it is the only one.
 */
export function describeForms(forms: readonly ValueSpec[], options: DescribeOptions = {}): string {
  const read = forms.filter((f) => !neverRead(f));
  // A fraction beside whole seconds (or a duration that takes them) counts seconds too.
  const seconds = forms.some(
    (f) => (f.type === 'integer' && f.unit === 'seconds') || (f.type === 'duration' && f.integer === 'seconds'),
  );
  const words = [...new Set((read.length > 0 ? read : forms).map((f) => describeForm(f, options, seconds)))];
  return joinAlternatives(words);
}

/** One form in words. */
export function describeForm(form: ValueSpec, options: DescribeOptions = {}, seconds = false): string {
  const releases = options.releases === false ? '' : releasesOf(form);
  return phrase(form, options.markdown ?? false, false, seconds) + releases;
}

function neverRead(form: FormReleases): boolean {
  return form.unread !== undefined && form.since === undefined && form.until === undefined;
}

function releasesOf(form: FormReleases): string {
  const from = form.since !== undefined ? `from ${sinceText(form.since)}` : '';
  const until = form.until !== undefined ? `until ${form.until}` : '';
  return from || until ? ` (${[from, until].filter(Boolean).join(' ')})` : '';
}

/** `a, b or c`; `a, or b, or c` when a phrase has commas or alternatives of its own. */
function joinAlternatives(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  if (words.some((w) => w.includes(',') || w.includes(' or '))) return words.join(', or ');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A form as a noun phrase: singular (`a subject`), or plural for a list's items (`subjects`). */
function phrase(form: ValueSpec, markdown: boolean, plural: boolean, seconds = false): string {
  const quote = (word: string) => (markdown ? `\`${word}\`` : `'${word}'`);
  const pick = (one: string, many: string) => (plural ? many : one);
  switch (form.type) {
    case 'string':
      if (form.enum) return `${pick('one of', 'any of')} ${form.enum.map(quote).join(', ')}`;
      return stringPhrase(form, plural);
    case 'integer': {
      const range = rangeWords(form.min, form.max);
      switch (form.unit) {
        case 'bytes':
          return pick('a size in bytes', 'sizes in bytes') + range;
        case 'seconds':
          return pick('a number of seconds', 'numbers of seconds') + range;
        case 'milliseconds':
          return pick('a number of milliseconds', 'numbers of milliseconds') + range;
        case 'port':
          return pick('a port number', 'port numbers') + range;
        case 'percent':
          return pick('a percentage', 'percentages') + range;
        default:
          return pick('an integer', 'integers') + range;
      }
    }
    case 'float':
      if (seconds) return pick('a number of seconds', 'numbers of seconds') + rangeWords(form.min, form.max);
      return pick('a number', 'numbers') + rangeWords(form.min, form.max);
    case 'boolean':
      return pick('true or false', 'true or false values');
    case 'duration': {
      // Quoted: an unquoted 2m is a size (2,000,000), not two minutes.
      const range = rangeWords(form.min, form.max);
      return `${pick('a quoted duration', 'quoted durations')}${range} such as "2m"`;
    }
    case 'size': {
      const range = rangeWords(form.min, form.max);
      const size = range ? pick(`a size in bytes${range}`, `sizes in bytes${range}`) : pick('a size', 'sizes');
      return `${size} such as 64MB (MB = 1024², M = 1000²)`;
    }
    case 'datetime':
      return pick('a date-time such as 2024-01-31T12:00:00Z', 'date-times such as 2024-01-31T12:00:00Z');
    case 'map':
      return blockPhrase(block(form.block)?.title ?? form.block, quote, plural);
    case 'array': {
      const items = [...new Set(form.items.map((f) => phrase(f, markdown, true)))];
      return `${pick('a list', 'lists')} of ${joinAlternatives(items)}`;
    }
  }
}

function stringPhrase(form: StringValue, plural: boolean): string {
  const [one, many] = STRING_FORMATS[form.format ?? 'text'];
  return plural ? many : one;
}

const STRING_FORMATS: Record<NonNullable<StringValue['format']> | 'text', readonly [string, string]> = {
  text: ['a string', 'strings'],
  url: ['a URL', 'URLs'],
  host: ['a host name or IP address', 'host names or IP addresses'],
  hostport: ['a host or "host:port"', 'hosts or "host:port" strings'],
  listen: ['a "host:port" string', '"host:port" strings'],
  path: ['a path', 'paths'],
  subject: ['a subject', 'subjects'],
  nkey: ['an nkey', 'nkeys'],
  jwt: ['a JWT', 'JWTs'],
  account: ['an account name', 'account names'],
  name: ['a name', 'names'],
  'bcrypt-or-plain': ['a secret (plain or a bcrypt hash)', 'secrets (plain or bcrypt hashes)'],
};

function rangeWords(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/**
 * A block by its title: `a user in authorization.users` as it stands (plural: `users in
 * authorization.users`), any other title as `a 'cluster' block` (`'cluster' blocks`).
 */
function blockPhrase(title: string, quote: (word: string) => string, plural: boolean): string {
  const article = /^(an?) (.*)$/.exec(title);
  if (!article) {
    if (plural) return `${quote(title)} blocks`;
    return `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${quote(title)} block`;
  }
  if (!plural) return title;
  // The head noun is the last word before the first preposition: "certificate pair in tls.certs".
  const rest = article[2];
  const at = rest.search(/ (in|of|for) /);
  const head = at < 0 ? rest : rest.slice(0, at);
  return pluralWord(head) + (at < 0 ? '' : rest.slice(at));
}

function pluralWord(words: string): string {
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(words)) return `${words}es`;
  return `${words}s`;
}
