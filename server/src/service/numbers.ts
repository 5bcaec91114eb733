// What nats-server makes of a number token: size suffixes (k = 1000, kb/ki/kib = 1024, …),
// int64 range and silent wrap-around, floats and Zulu datetimes (conf/parse.go processItem).

import { isDigit } from './lexer';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const DECIMAL: Record<string, bigint> = {
  k: 10n ** 3n,
  m: 10n ** 6n,
  g: 10n ** 9n,
  t: 10n ** 12n,
  p: 10n ** 15n,
  e: 10n ** 18n,
};
const BINARY: Record<string, bigint> = {
  k: 1n << 10n,
  m: 1n << 20n,
  g: 1n << 30n,
  t: 1n << 40n,
  p: 1n << 50n,
  e: 1n << 60n,
};

/** The multiplier of a size suffix, or undefined when nats-server has no case for it. */
function sizeMultiplier(suffix: string): bigint | undefined {
  if (suffix === '') return 1n;
  const s = suffix.toLowerCase();
  const unit = s[0];
  if (!(unit in DECIMAL)) return undefined;
  const rest = s.slice(1);
  if (rest === '') return DECIMAL[unit];
  if (rest === 'b' || rest === 'i' || rest === 'ib') return BINARY[unit];
  return undefined;
}

type IntegerReading =
  | { kind: 'ok'; value: number; exact: bigint | undefined; suffix: string; wrapped: boolean }
  | { kind: 'dropped'; suffix: string }
  | { kind: 'error'; message: string };

const PLAIN_INTEGER = /^(-?[0-9]{1,15})([A-Za-z]*)$/;

/** Reads an integer token's text (`-12`, `64MB`, `1Gi`) as nats-server does. */
export function readInteger(raw: string): IntegerReading {
  // Fast path: up to 15 digits times a multiplier that keeps the product exact in a double.
  const fast = PLAIN_INTEGER.exec(raw);
  if (fast) {
    const mult = sizeMultiplier(fast[2]);
    if (mult === undefined) return { kind: 'dropped', suffix: fast[2] };
    const value = Number(fast[1]) * Number(mult);
    if (Number.isSafeInteger(value)) return { kind: 'ok', value, exact: undefined, suffix: fast[2], wrapped: false };
  }
  let digitsEnd = 0;
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (!isDigit(cp) && ch !== '-') break;
    digitsEnd += ch.length;
  }
  const digits = raw.slice(0, digitsEnd);
  const suffix = raw.slice(digitsEnd);
  if (!/^-?[0-9]+$/.test(digits)) return { kind: 'error', message: `expected integer, but got '${raw}'` };
  const n = BigInt(digits);
  if (n < INT64_MIN || n > INT64_MAX) return { kind: 'error', message: `integer '${raw}' is out of the range` };
  const mult = sizeMultiplier(suffix.trim());
  if (mult === undefined) return { kind: 'dropped', suffix };
  const product = n * mult;
  const exact = BigInt.asIntN(64, product); // nats-server does not check the multiplication
  const value = Number(exact);
  return {
    kind: 'ok',
    value,
    exact: Number.isSafeInteger(value) ? undefined : exact,
    suffix,
    wrapped: exact !== product,
  };
}

export function readFloat(raw: string): { value: number } | { error: string } {
  const value = Number(raw);
  if (!Number.isFinite(value)) return { error: `float '${raw}' is out of the range` };
  return { value };
}

/** `YYYY-MM-DDTHH:MM:SSZ` with a real calendar date, as Go's time.Parse demands. */
export function readDateTime(raw: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(raw);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}
