// Usage text shared by the commands (kept apart from nats-conf.ts and health.ts, which are bundled apart).

/** The first line of a usage text, for usage mistakes: the whole text is one --help away. */
export function shortUsage(usage: string, command: string): string {
  return `${usage.split('\n')[0]}\n(${command} --help for more)`;
}
