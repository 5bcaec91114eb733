// Whether a file holds a NATS server config: by its name (the names the extension claims),
// or, for other `.conf` files, by its content. Used by the extension (which files to offer
// to switch) and the language server (which open documents take part in cluster checks).

import * as path from 'node:path';

/** The file names the extension registers the language for: nats*.conf, *.nats.conf. */
export const NATS_CONFIG_NAME = /^(nats.*\.conf|.*\.nats\.conf)$/i;

/** A NATS config by its path: a NATS file name, or a `.conf` file under a `nats` folder. */
export function isNatsConfigPath(file: string): boolean {
  const name = path.basename(file);
  return NATS_CONFIG_NAME.test(name) || (name.endsWith('.conf') && file.split(/[\\/]/).slice(0, -1).includes('nats'));
}

/** Top-level keys that only nats-server configs use together with this syntax. */
const NATS_KEYS = new RegExp(
  '^[ \\t]*(jetstream|cluster|leafnodes|gateway|server_name|accounts|authorization|system_account|' +
    'max_payload|ping_interval|http_port|websocket|mqtt)[ \\t]*(\\{|:|=)',
  'm',
);
/** Shapes of other `.conf` formats that share the extension (nginx, supervisor, systemd, Apache). */
const OTHER_FORMATS = new RegExp(
  '^[ \\t]*(server[ \\t]*\\{|location[ \\t]|upstream[ \\t]|http[ \\t]*\\{|' +
    '\\[program:|\\[Unit\\]|\\[Service\\]|<VirtualHost|worker_processes[ \\t])',
  'm',
);

/** A `.conf` of another format (nginx, supervisor, systemd, Apache), by its shape. */
export function looksLikeOtherFormat(text: string): boolean {
  return OTHER_FORMATS.test(text.slice(0, 64 * 1024));
}

export function looksLikeNatsConfig(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  if (OTHER_FORMATS.test(head)) return false;
  const hits = head.match(new RegExp(NATS_KEYS.source, 'gm'))?.length ?? 0;
  return (
    hits >= 1 &&
    (hits >= 2 || /cluster[ \t]*\{[\s\S]*routes/.test(head) || /jetstream[ \t]*(\{|:[ \t]*(enabled|true))/.test(head))
  );
}

/** nats-server's own `{{ … }}`: a subject mapping function called (`{{wildcard(1)}}`, `{{ partition(3,1) }}`). */
const MAPPING_FUNCTION = /^\s*[A-Za-z]\w*\s*\([^{}]*\)\s*$/;

/**
 * Template expressions, as Helm and consul-template (Go templates) or Jinja write them:
 * `{{ .Values.x }}`, `{{ env "X" }}`, `{{- if … }}`, `{% … %}`. Such a file is rendered before
 * anything reads it: what the renderer makes of it is not known here.
 */
export function holdsTemplateExpressions(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  if (/\{%-?\s*\w/.test(head)) return true;
  for (const m of head.matchAll(/\{\{(.*?)\}\}/gs)) if (!MAPPING_FUNCTION.test(m[1])) return true;
  return false;
}
