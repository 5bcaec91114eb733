// Whether a `.conf` file that VS Code did not recognise holds a NATS server config: plain
// module (no vscode import), so it is tested on its own.

/** Top-level keys that only nats-server configs use together with this syntax. */
const NATS_KEYS = /^[ \t]*(jetstream|cluster|leafnodes|gateway|server_name|accounts|authorization|system_account|max_payload|ping_interval|http_port|websocket|mqtt)[ \t]*(\{|:|=)/m;
/** Shapes of other `.conf` formats that share the extension (nginx, supervisor, systemd, Apache). */
const OTHER_FORMATS = /^[ \t]*(server[ \t]*\{|location[ \t]|upstream[ \t]|http[ \t]*\{|\[program:|\[Unit\]|\[Service\]|<VirtualHost|worker_processes[ \t])/m;

export function looksLikeNatsConfig(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  if (OTHER_FORMATS.test(head)) return false;
  const hits = head.match(new RegExp(NATS_KEYS.source, 'gm'))?.length ?? 0;
  return hits >= 1 && (hits >= 2 || /cluster[ \t]*\{[\s\S]*routes/.test(head) || /jetstream[ \t]*(\{|:[ \t]*(enabled|true))/.test(head));
}
