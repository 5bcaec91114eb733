// bcrypt hashes, as nats-server tells them apart: where a password is compared as a hash, and
// where the config reader takes an unquoted `$2a$…` for text instead of a variable reference.

/** nats-server's isBcrypt: `$2a$`, `$2b$`, `$2x$` or `$2y$`, two digits of cost, then `$`. */
export function isBcryptHash(password: string): boolean {
  // By character code: asked of every password and token of large configs.
  if (password.length < 7) return false;
  const variant = password.charCodeAt(2);
  return (
    password.charCodeAt(0) === 0x24 && // $
    password.charCodeAt(1) === 0x32 && // 2
    (variant === 0x61 || variant === 0x62 || variant === 0x78 || variant === 0x79) && // a b x y
    password.charCodeAt(3) === 0x24 &&
    isAsciiDigit(password.charCodeAt(4)) &&
    isAsciiDigit(password.charCodeAt(5)) &&
    password.charCodeAt(6) === 0x24
  );
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A `$name` reference the config reader keeps as the text `$name`: only the `$2a$` variant
 * (nats-server special-cases that prefix alone).
 */
export function isBcryptReference(name: string): boolean {
  return name.startsWith('2a$');
}

/** A `$name` reference that starts like a bcrypt hash of any variant: it must be quoted (unless `$2a$`). */
export function looksLikeBcryptReference(name: string): boolean {
  return /^2[abxy]\$/.test(name);
}
