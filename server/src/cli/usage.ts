// Usage text shared by the commands (kept apart from nats-conf.ts and health.ts, which are bundled apart).

/** The first line of a usage text, for usage mistakes: the whole text is one --help away. */
export function shortUsage(usage: string, command: string): string {
  return `${usage.split('\n')[0]}\n(${command} --help for more)`;
}

/** `--flag=value` as the flag and its value; anything else as itself, with no value. */
export function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}
