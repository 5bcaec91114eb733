// The `nats.*` settings as editors send them: bare (`{"serverVersion": "2.9"}`), under `nats`
// (`{"nats": {"serverVersion": "2.9"}}`) or with dotted keys (`{"nats.serverVersion": "2.9"}`,
// `{"format.separator": ":"}`), in initializationOptions, in workspace/configuration answers and
// in workspace/didChangeConfiguration. All read to one shape.

import type { RuleSetting } from './workspace';

export interface ClientSettings {
  serverVersion?: string;
  serverWorkingDirectory?: string;
  rules?: Record<string, RuleSetting>;
  format?: { separator?: 'keep' | ':' | '=' };
  cluster?: { enabled?: boolean; nodes?: string[] };
}

/** Each setting by its dotted name (without `nats.`), as one layer of settings gives it. */
export type SettingsLayer = Map<string, unknown>;

/** The settings this server reads; `rules` is a map of its own (`rules.trace-enabled` is one rule). */
const NAMES = [
  'serverVersion',
  'serverWorkingDirectory',
  'rules',
  'format.separator',
  'cluster.enabled',
  'cluster.nodes',
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings found in a payload, whichever of the three forms it uses (others' keys ignored). */
export function readSettings(payload: unknown): SettingsLayer {
  const found: SettingsLayer = new Map();
  const rules: Record<string, unknown> = {};
  let anyRule = false;
  const visit = (value: unknown, name: string) => {
    if (name === 'nats' || name.startsWith('nats.')) name = name.slice(5);
    if (name === 'rules' && isObject(value)) {
      Object.assign(rules, value);
      anyRule = true;
      return;
    }
    if (name.startsWith('rules.')) {
      rules[name.slice(6)] = value;
      anyRule = true;
      return;
    }
    if (NAMES.includes(name)) {
      found.set(name, value);
      return;
    }
    if (isObject(value) && (name === '' || NAMES.some((n) => n.startsWith(`${name}.`)))) {
      for (const [key, inner] of Object.entries(value)) visit(inner, name ? `${name}.${key}` : key);
    }
  };
  if (isObject(payload)) visit(payload, '');
  if (anyRule) found.set('rules', rules);
  return found;
}

/** Layers merged, later ones winning setting by setting, into the settings' shape. */
export function mergeSettings(...layers: SettingsLayer[]): ClientSettings {
  const all: SettingsLayer = new Map();
  for (const layer of layers) for (const [k, v] of layer) all.set(k, v);
  const text = (k: string) => (typeof all.get(k) === 'string' ? (all.get(k) as string) : undefined);
  const settings: ClientSettings = {
    serverVersion: text('serverVersion'),
    serverWorkingDirectory: text('serverWorkingDirectory'),
  };
  const rules = all.get('rules');
  if (isObject(rules))
    settings.rules = Object.fromEntries(Object.entries(rules).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      RuleSetting
    >;
  const separator = all.get('format.separator');
  if (separator === 'keep' || separator === ':' || separator === '=') settings.format = { separator };
  const enabled = all.get('cluster.enabled');
  const nodes = all.get('cluster.nodes');
  settings.cluster = {
    enabled: typeof enabled === 'boolean' ? enabled : undefined,
    nodes: Array.isArray(nodes) ? nodes.filter((n): n is string => typeof n === 'string') : undefined,
  };
  return settings;
}
