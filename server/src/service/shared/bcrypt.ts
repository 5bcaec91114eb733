// bcrypt hashes, as nats-server tells them apart: where a password is compared as a hash, and
// where the config reader takes an unquoted `$2a$…` for text instead of a variable reference.

/** nats-server's isBcrypt: `$2a$`, `$2b$`, `$2x$` or `$2y$`, two digits of cost, then `$`. */
export function isBcryptHash(password: string): boolean {
  return /^\$2[abxy]\$\d\d\$/.test(password);
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
