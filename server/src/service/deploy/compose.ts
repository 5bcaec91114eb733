// Docker Compose files: the services that run nats-server, each read as the node it starts. The
// official image's ENTRYPOINT is `/nats-server` (the alpine variant's is a script that prepends
// `nats-server` to arguments starting with `-`) and `command:` replaces its CMD, so the command's
// words are nats-server's arguments. They are parsed as the image's release parses them, a config
// file they name is read from the volume that mounts it, and the flags become the config text
// nats-server would hold: the config checks run on it, and their findings go back to the flag.

import { imageVersion, isAlpineImage, isNatsImage } from './images';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { readConfig, type ConfigHost, type ConfigModel } from '../document';
import { createLanguageService, type RuleSetting } from '../languageService';
import { LineIndex, type Range } from '../positions';
import type { MapNode, Span } from '../tree';
import type { Environment } from '../variables';
import { NEWEST_VERSION, type ServerVersion } from '../versions';
import { embeddedText, type EmbeddedText } from '../yaml/embeddedText';
import { keyText, nodeAt, scalarString, spanOf, unaliased, type YamlFile } from '../yaml/yamlFile';
import { setHostNames } from '../cluster/members';
import {
  NO_VARIABLES,
  UNKNOWN,
  UNKNOWN_PART,
  composeVariables,
  containerEnvironment,
  environmentSpec,
  interpolate,
  interpolateMarked,
  scalarValue,
  type ComposeVariables,
  type EnvironmentSpec,
} from './composeVariables';
import { checkCompose } from './checks/composeChecks';
import type { DeployContext, DeployPart, DeploymentNode } from './context';
import {
  flagsAsConfig,
  parseServerFlags,
  splitCommandWords,
  type ArgWord,
  type ParsedFlags,
  type SynthesizedConfig,
} from './flags';

/** A port a service publishes on the host. */
export interface PublishedPort {
  hostIp: string;
  /** The host port (each of a range). */
  port: number;
  protocol: string;
  /** The container port it forwards to. */
  target: number | undefined;
  span: Span;
}

/** A volume entry: a host path (bind) or a named volume, mounted at `target`. */
export interface Mount {
  /** The host path (absolute, resolved against the Compose file's folder); undefined for a named volume. */
  hostPath: string | undefined;
  /** Where it is mounted; undefined when a variable not known here sets it. */
  target: string | undefined;
  /** The source is set by a variable not known here (or by the environment, or outside the file). */
  sourceUnknown?: true;
  /** A Compose config written in the file (`configs: {name: {content: |…}}`): its text, mapped to the YAML. */
  inline?: EmbeddedText;
  span: Span;
}

export interface ComposeService {
  name: string;
  /** Where the service's key is written. */
  keySpan: Span;
  image: string | undefined;
  imageSpan: Span | undefined;
  /** The release the image runs: its tag's, else the newest. */
  version: ServerVersion;
  /** nats-server's arguments, when the service runs it and they can be known. */
  args: ArgWord[] | undefined;
  /** `command:` as written (or the service key when the image's CMD is used). */
  commandSpan: Span;
  /** The command is the image's own (`--config nats-server.conf`). */
  defaultCommand: boolean;
  /** The arguments as nats-server reads them. */
  flags: ParsedFlags | undefined;
  /** Where nats-server is found: the service name, container_name, hostname, network aliases. */
  hostNames: string[];
  networks: string[];
  ports: PublishedPort[];
  mounts: Mount[];
  /**
   * The `-c` file: its path in the container, and the host file mounted there (if any); `unknown`:
   * a variable not known here decides which file (a mount's source or target, the working_dir).
   */
  config?: {
    path: string;
    span: Span;
    hostPath: string | undefined;
    builtIn: boolean;
    unknown?: true;
    inline?: EmbeddedText;
  };
  /** How the container's environment is set (`env_file:`, `environment:`). */
  environment: EnvironmentSpec;
  /** `hostname:`, when given and known (Docker's HOSTNAME in the container). */
  hostname: string | undefined;
  /** A host name or network of the service is set by a variable not known here. */
  namesUnknown: boolean;
  /**
   * Set by `composeNodes`: what the container's nats-server reads is not known here (a required env
   * file cannot be read, or the flags set a block an included file holds). No node, and no finding.
   */
  notKnown?: true;
  /** A word before the flags that stops them (the scratch image's `nats-server` program name). */
  problem?: { span: Span; message: string };
}

/** A service as a node of the deployment: its config (the `-c` file with the flags applied). */
export interface ComposeNode extends DeploymentNode {
  service: ComposeService;
  synthesized: SynthesizedConfig;
  /**
   * The `-c` file's host path and text, when read; a config written in the Compose file has its
   * text mapped to the YAML (`embedded`) and no folder of its own.
   */
  base?: { hostPath: string; text: string; lines: LineIndex; embedded?: EmbeddedText };
}

const isServerProgram = (word: string) => path.posix.basename(word) === 'nats-server';

type CommandWords = { words: ArgWord[]; error?: { span: Span; message: string } };

/**
 * A `command:`/`entrypoint:` value as words with their places: a string split as Compose does (after
 * interpolation), or a list. 'unknown' when a variable not known here sets a word.
 */
function commandWords(
  node: Node | undefined,
  source: string,
  vars: ComposeVariables,
): CommandWords | 'unknown' | undefined {
  if (!node) return undefined;
  if (isSeq(node)) {
    const words: ArgWord[] = [];
    for (const item of node.items) {
      const raw = scalarString(item);
      const span = spanOf(item as Node);
      if (raw === undefined || !span) continue;
      const text = interpolate(raw, vars);
      if (text === undefined) return 'unknown';
      // A quoted item's span is its text's, without the quotes (an interpolated one: the item's).
      const embedded = text === raw ? embeddedText(item as Node, source) : undefined;
      words.push({
        text,
        span: embedded && text ? { start: embedded.toSource(0), end: embedded.toSource(text.length - 1) + 1 } : span,
      });
    }
    return { words };
  }
  const embedded = embeddedText(node, source);
  if (!embedded) return undefined;
  const whole = interpolate(embedded.text, vars);
  if (whole === undefined) return 'unknown';
  const split = splitCommandWords(embedded);
  if (whole === embedded.text) return split;
  // Compose splits the interpolated string: the words keep their places where each word's own
  // interpolation gives the same words (a value with spaces or quotes would split otherwise).
  const after = splitCommandWords({ ...embedded, text: whole });
  const words = split.words.map((w) => ({ text: interpolate(w.text, vars), span: w.span }));
  const same =
    !split.error &&
    !after.error &&
    after.words.length === words.length &&
    words.every((w, i) => w.text === after.words[i].text);
  return same ? { words: words as ArgWord[] } : 'unknown';
}

/** The `services:` map of a Compose file's first document that has one, and that document's root. */
function servicesOf(file: YamlFile): { services: YAMLMap; root: unknown } | undefined {
  for (const d of file.documents) {
    const services = nodeAt(d.doc.contents, ['services']);
    if (isMap(services)) return { services, root: d.doc.contents };
  }
  return undefined;
}

/** The services of a Compose file (its first document with `services:`). */
export function composeServices(file: YamlFile, vars: ComposeVariables = NO_VARIABLES): ComposeService[] {
  const { services, root } = servicesOf(file) ?? {};
  if (!services) return [];
  const folder = path.dirname(file.path);
  const out: ComposeService[] = [];
  for (const pair of services.items) {
    const name = keyText(pair);
    const body = unaliased(pair.value) as Node | null;
    if (name === undefined || !isMap(body)) continue;
    const keySpan = spanOf(pair.key as Node) ?? { start: 0, end: 0 };
    const value = (node: unknown) => scalarValue(node, vars);
    const imageNode = nodeAt(body, ['image']);
    const image = value(imageNode);
    const command = commandWords(nodeAt(body, ['command']), file.text, vars);
    const entrypoint = commandWords(nodeAt(body, ['entrypoint']), file.text, vars);
    // What runs is not known here: the service is not judged.
    if (image === UNKNOWN || command === 'unknown' || entrypoint === 'unknown') continue;
    const commandSpan = spanOf(nodeAt(body, ['command'])) ?? keySpan;
    const names = hostNamesOf(name, body, vars);
    const networks = networksOf(body, vars);
    const hostname = value(nodeAt(body, ['hostname']));
    const service: ComposeService = {
      name,
      keySpan,
      image,
      imageSpan: spanOf(imageNode),
      version: (image && imageVersion(image)) || NEWEST_VERSION,
      args: undefined,
      commandSpan,
      defaultCommand: false,
      flags: undefined,
      hostNames: [],
      networks: [],
      ports: portsOf(nodeAt(body, ['ports']), vars),
      mounts: [
        ...mountsOf(nodeAt(body, ['volumes']), folder, vars),
        ...fileMounts(body, 'configs', root, folder, vars, file.text),
        ...fileMounts(body, 'secrets', root, folder, vars, file.text),
      ],
      environment: environmentSpec(body, folder),
      hostname: hostname === UNKNOWN ? undefined : hostname,
      namesUnknown: names.unknown || networks.unknown,
    };
    const natsImage = image !== undefined && isNatsImage(image);
    if (entrypoint) {
      // An entrypoint of its own: nats-server's arguments follow the program's name, if it is named.
      const all = [...entrypoint.words, ...(command?.words ?? [])];
      const at = all.findIndex((w) => isServerProgram(w.text));
      if (at >= 0 && at <= 1) service.args = all.slice(at + 1);
      else if (all.length === 0 && natsImage) service.args = [];
    } else if (natsImage) {
      const words = command?.words;
      if (command?.error) service.problem = command.error;
      if (!words) {
        // The image's CMD: its own config file (alpine: under /etc/nats).
        service.defaultCommand = true;
        const conf = isAlpineImage(image) ? '/etc/nats/nats-server.conf' : 'nats-server.conf';
        service.args = [
          { text: '--config', span: keySpan },
          { text: conf, span: keySpan },
        ];
      } else if (isAlpineImage(image)) {
        // docker-entrypoint.sh: `-…` first runs nats-server with them; `nats-server …` runs it; else another program.
        if (words.length === 0 || words[0].text.startsWith('-')) service.args = words;
        else if (isServerProgram(words[0].text)) service.args = words.slice(1);
      } else service.args = words;
    } else if (command) {
      const at = command.words.findIndex((w) => isServerProgram(w.text));
      if (at === 0) service.args = command.words.slice(1);
    }
    if (!service.args) continue;
    service.hostNames = names.names;
    service.networks = networks.names;
    service.flags = parseServerFlags(service.args, service.version);
    if (service.flags.configFile !== undefined) {
      const workdir = value(nodeAt(body, ['working_dir']));
      const target = path.posix.resolve(workdir === UNKNOWN ? '/' : workdir || '/', service.flags.configFile);
      const covers = (m: Mount) =>
        m.target !== undefined && (target === m.target || target.startsWith(m.target.replace(/\/?$/, '/')));
      const mount = [...service.mounts].reverse().find(covers);
      const hostPath =
        mount?.hostPath === undefined || mount.target === undefined
          ? undefined
          : path.join(mount.hostPath, path.posix.relative(mount.target, target));
      const inline = mount?.inline && mount.target === target ? mount.inline : undefined;
      // The images' own files: a config nats-server finds without a volume.
      const builtIn = !mount && (target === '/nats-server.conf' || target === '/etc/nats/nats-server.conf');
      const unknown =
        workdir === UNKNOWN || mount?.sourceUnknown || (!mount && service.mounts.some((m) => m.target === undefined));
      service.config = {
        path: target,
        span: service.flags.configSpan ?? commandSpan,
        hostPath: unknown ? undefined : hostPath,
        builtIn: !unknown && builtIn,
        ...(unknown && { unknown: true as const }),
        ...(!unknown && inline && { inline }),
      };
    }
    out.push(service);
  }
  return out;
}

/** Names, and whether a variable not known here sets one of them. */
interface KnownNames {
  names: string[];
  unknown: boolean;
}

/** The interpolated texts of some nodes, those known, and whether one was not. */
function knownTexts(nodes: unknown[], vars: ComposeVariables): KnownNames {
  const names: string[] = [];
  let unknown = false;
  for (const node of nodes) {
    const raw = scalarString(node);
    if (!raw) continue;
    const text = interpolate(raw, vars);
    if (text === undefined) unknown = true;
    else if (text) names.push(text);
  }
  return { names, unknown };
}

/** Host names Docker's DNS resolves to the service's containers. */
export function hostNamesOf(name: string, body: Node, vars: ComposeVariables): KnownNames {
  const nodes: unknown[] = [nodeAt(body, ['container_name']), nodeAt(body, ['hostname'])];
  const networks = nodeAt(body, ['networks']);
  if (isMap(networks)) {
    for (const pair of networks.items) {
      const aliases = nodeAt(pair.value, ['aliases']);
      if (isSeq(aliases)) nodes.push(...aliases.items);
    }
  }
  const known = knownTexts(nodes, vars);
  return { names: [...new Set([name, ...known.names])], unknown: known.unknown };
}

export function networksOf(body: Node, vars: ComposeVariables): KnownNames {
  const networks = nodeAt(body, ['networks']);
  if (isSeq(networks)) return knownTexts(networks.items, vars);
  // Keys are not interpolated.
  if (isMap(networks))
    return { names: networks.items.map((p) => keyText(p)).filter((n): n is string => !!n), unknown: false };
  // Without `networks:`, a service is on the project's default network.
  return { names: ['default'], unknown: false };
}

/** `ports:` in short (`[IP:]HOST:CONTAINER[/proto]`, ranges) and long syntax; those known here. */
function portsOf(node: Node | undefined, vars: ComposeVariables): PublishedPort[] {
  if (!isSeq(node)) return [];
  const out: PublishedPort[] = [];
  const value = (n: unknown) => scalarValue(n, vars);
  for (const item of node.items as Node[]) {
    const span = spanOf(item) ?? { start: 0, end: 0 };
    if (isMap(item)) {
      const fields = ['published', 'target', 'protocol', 'host_ip'].map((k) => value(nodeAt(item, [k])));
      const known = (f: typeof fields): f is (string | undefined)[] => !f.includes(UNKNOWN);
      if (!known(fields)) continue;
      const [published, target, protocol, hostIp] = fields;
      for (const port of range(published))
        out.push({
          hostIp: hostIp || '0.0.0.0',
          port,
          protocol: protocol || 'tcp',
          target: Number(target) || undefined,
          span,
        });
      continue;
    }
    const text = value(item);
    if (!text || text === UNKNOWN) continue;
    const [spec, protocol = 'tcp'] = text.split('/');
    // IPv6 host addresses are bracketed: split at the colons outside brackets.
    const parts = spec.match(/\[[^\]]*\]|[^:]+|(?<=:)(?=:)/g) ?? [];
    if (parts.length < 2) continue; // a container port only: Docker picks a free host port
    const containerPorts = range(parts[parts.length - 1]);
    const hostPorts = range(parts[parts.length - 2]);
    const hostIp = parts.length >= 3 ? (parts[0] ?? '').replace(/^\[|\]$/g, '') : '0.0.0.0';
    hostPorts.forEach((port, i) => out.push({ hostIp, port, protocol, target: containerPorts[i], span }));
  }
  return out;
}

function range(text: string | undefined): number[] {
  const m = text ? /^(\d+)(?:-(\d+))?$/.exec(text.trim()) : null;
  if (!m) return [];
  const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
  if (b < a || b - a > 65535) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * `volumes:` of a service: bind mounts (host paths) and named volumes. A part a variable not known
 * here sets is kept as unknown (a source), or leaves the mount's place unknown (a target).
 */
function mountsOf(node: Node | undefined, folder: string, vars: ComposeVariables): Mount[] {
  if (!isSeq(node)) return [];
  const out: Mount[] = [];
  const marked = (n: unknown) => {
    const raw = scalarString(n);
    return raw === undefined ? undefined : (interpolateMarked(raw, vars) ?? UNKNOWN_PART);
  };
  for (const item of node.items as Node[]) {
    const span = spanOf(item) ?? { start: 0, end: 0 };
    let source: string | undefined;
    let target: string | undefined;
    if (isMap(item)) {
      source = marked(nodeAt(item, ['source']));
      target = marked(nodeAt(item, ['target']));
    } else {
      const parts = (marked(item) ?? '').split(':');
      if (parts.length >= 2) [source, target] = parts;
      else target = parts[0];
    }
    if (!target) continue;
    if (target.includes(UNKNOWN_PART)) {
      out.push({ hostPath: undefined, target: undefined, span });
      continue;
    }
    if (source?.includes(UNKNOWN_PART)) {
      out.push({ hostPath: undefined, target: path.posix.normalize(target), sourceUnknown: true, span });
      continue;
    }
    const isPath = !!source && /^(\.{1,2}(\/|$)|\/|~)/.test(source);
    const hostPath = isPath && !source!.startsWith('~') ? hostPathOf(folder, source!) : undefined;
    out.push({ hostPath, target: path.posix.normalize(target), span });
  }
  return out;
}

/**
 * A service's `configs:` or `secrets:`: files Compose mounts (a config at `/<name>`, a secret under
 * `/run/secrets/`, unless a target is given) from the file's top-level definitions: a host `file:`,
 * or a config's `content:` written in the file. Contents from the environment, from outside the
 * file (`external:`), or changed by interpolation are not known here.
 */
function fileMounts(
  body: Node,
  kind: 'configs' | 'secrets',
  top: unknown,
  folder: string,
  vars: ComposeVariables,
  source: string,
): Mount[] {
  const list = nodeAt(body, [kind]);
  if (!isSeq(list)) return [];
  const out: Mount[] = [];
  for (const item of list.items as Node[]) {
    const span = spanOf(item) ?? { start: 0, end: 0 };
    const name = scalarValue(isMap(item) ? nodeAt(item, ['source']) : item, vars);
    const written = isMap(item) ? scalarValue(nodeAt(item, ['target']), vars) : undefined;
    if (name === undefined || name === UNKNOWN || written === UNKNOWN) {
      out.push({ hostPath: undefined, target: undefined, span });
      continue;
    }
    const under = kind === 'secrets' ? '/run/secrets' : '/';
    const target = path.posix.resolve(under, written || name);
    const definition = nodeAt(top, [kind, name]);
    const hostFile = scalarValue(nodeAt(definition, ['file']), vars);
    const content = nodeAt(definition, ['content']);
    const embedded = kind === 'configs' && isScalar(content) ? embeddedText(content, source) : undefined;
    if (typeof hostFile === 'string') out.push({ hostPath: hostPathOf(folder, hostFile), target, span });
    else if (embedded && interpolate(embedded.text, vars) === embedded.text && !/\binclude\b/.test(embedded.text))
      out.push({ hostPath: undefined, target, inline: embedded, span });
    else out.push({ hostPath: undefined, target, sourceUnknown: true, span });
  }
  return out;
}

/** A host path written in the Compose file, relative to its folder, in the form the Compose file's own path has. */
function hostPathOf(folder: string, written: string): string {
  return path.isAbsolute(written) ? path.normalize(written) : path.join(folder, written);
}

/** The folder of a service's synthesized config: below the Compose file, like embedded configs. */
function nodeFolder(file: YamlFile, service: ComposeService): string {
  return `${file.path}#compose/${service.name}`;
}

interface ComposeOptions {
  /** The release when the image names none (default: the newest). */
  version?: ServerVersion;
  rules?: Readonly<Record<string, RuleSetting>>;
}

/**
 * Each nats-server service as a node: the config nats-server would hold (the mounted `-c` file
 * read through `host`, the flags applied), at a path below the Compose file named for the service
 * (`docker-compose.yaml#compose/nats-1/nats-1.conf`), its DNS names declared for route resolution.
 */
export function composeNodes(
  file: YamlFile,
  host: ConfigHost,
  services = composeServices(file),
  vars: ComposeVariables = NO_VARIABLES,
): ComposeNode[] {
  const nodes: ComposeNode[] = [];
  for (const service of services) {
    const flags = service.flags;
    if (!flags || flags.errors.length || flags.exits) continue;
    // The image's built-in config is not known here: its node cannot be judged (a file mounted over
    // it, the usual way to configure the image without a command, is).
    if (service.config?.builtIn) continue;
    const env = containerEnvironment(service.environment, service.hostname, vars, host);
    if (!env) {
      service.notKnown = true;
      continue;
    }
    let base: ComposeNode['base'];
    if (service.config?.hostPath) {
      const read = host.readFile(service.config.hostPath);
      if ('error' in read) continue;
      base = { hostPath: service.config.hostPath, text: read.text, lines: new LineIndex(read.text) };
    } else if (service.config?.inline) {
      const text = service.config.inline.text;
      base = {
        hostPath: `${nodeFolder(file, service)}/inline`,
        text,
        lines: new LineIndex(text),
        embedded: service.config.inline,
      };
    } else if (service.config) continue;
    const synthesized = flagsAsConfig(flags, base?.text ?? '', service.version);
    const folder = nodeFolder(file, service);
    const configPath = `${folder}/${service.name}.conf`;
    const model = readConfig(configPath, synthesized.text, {
      version: service.version,
      host: containerHost(host, folder, base, env),
    });
    // A block the flags set that an included file holds (`include common.conf` with `cluster { name }`):
    // nats-server sets the flags' fields in it; the block written at the end would replace it. Not judged.
    if (synthesized.addedBlocks.some((block) => model.files.slice(1).some((f) => definesKey(f.tree.root, block)))) {
      service.notKnown = true;
      continue;
    }
    setHostNames(model, service.hostNames);
    nodes.push({ name: service.name, model, file: file.path, service, synthesized, ...(base && { base }) });
  }
  return nodes;
}

function definesKey(map: MapNode, key: string): boolean {
  return map.entries.some((e) => e.kind === 'keyValue' && e.key.toLowerCase() === key);
}

/** Files and environment as the container sees them: includes next to the `-c` file come from its host folder. */
function containerHost(host: ConfigHost, folder: string, base: ComposeNode['base'], env: Environment): ConfigHost {
  return {
    env,
    cwd: '/',
    readFile: (p) => {
      if (base && !base.embedded && p.startsWith(folder + '/'))
        return host.readFile(path.join(path.dirname(base.hostPath), p.slice(folder.length + 1)));
      return { error: 'no such file or directory' };
    },
  };
}

/** A diagnostic at a node's synthesized config, moved to the flag that set the value or to the mounted file. */
export function remapComposeDiagnostic(
  file: YamlFile,
  nodes: readonly ComposeNode[],
  d: Diagnostic,
): Diagnostic | undefined {
  const moveRange = (at: string, range: Range): { file: string; range: Range } | undefined => {
    const node = nodes.find((n) => n.model.root.path === at);
    if (!node) {
      const included = nodes.find((n) => n.base && at.startsWith(nodeFolder(file, n.service) + '/'));
      if (!included?.base) return undefined;
      return {
        file: path.join(path.dirname(included.base.hostPath), at.slice(nodeFolder(file, included.service).length + 1)),
        range,
      };
    }
    const lines = node.model.root.lines;
    const from = node.synthesized.origin(lines.offset(range.start));
    if (!from) return { file: file.path, range: file.lines.range(node.service.commandSpan) };
    if ('flagSpan' in from) return { file: file.path, range: file.lines.range(from.flagSpan) };
    const end = node.synthesized.origin(lines.offset(range.end));
    const endOffset = end && 'baseOffset' in end ? end.baseOffset : from.baseOffset;
    const embedded = node.base!.embedded;
    if (embedded) {
      const start = embedded.toSource(from.baseOffset);
      return {
        file: file.path,
        range: file.lines.range({ start, end: Math.max(start, embedded.toSource(endOffset)) }),
      };
    }
    return {
      file: node.base!.hostPath,
      range: node.base!.lines.range({ start: from.baseOffset, end: Math.max(from.baseOffset, endOffset) }),
    };
  };
  const moved = moveRange(d.file, d.range);
  if (!moved) return undefined;
  const out: Diagnostic = { ...d, ...moved };
  if (d.related) {
    out.related = d.related.map((r) => {
      const m = moveRange(r.file, r.range);
      return m ? { ...r, ...m } : r;
    });
  }
  // Edits written for the synthesized text do not fit the YAML.
  if (moved.file === file.path) delete out.fixes;
  return out;
}

/**
 * Every finding of a Compose file: its flags (unknown, ill-formed, refused), published host
 * ports two services claim, each service's config checks, and the cross-node checks over its
 * services, all at their places in the YAML (or in a mounted config file).
 */
export function composeDiagnostics(file: YamlFile, host: ConfigHost, options: ComposeOptions = {}): Diagnostic[] {
  const vars = composeVariables(file.path, host);
  const services = composeServices(file, vars);
  const nodes = composeNodes(file, host, services, vars);
  const out = checkCompose(file, services, nodes, vars);
  const models: ConfigModel[] = [];
  for (const node of nodes) {
    // Each service read as its container reads it (its host serves the mounted folder only).
    const service = createLanguageService({ host: node.model.host, version: node.service.version, ...rules(options) });
    const result = service.check({ path: node.model.root.path, text: node.synthesized.text });
    node.model = result.model;
    setHostNames(node.model, node.service.hostNames);
    models.push(node.model);
    for (const d of result.diagnostics) {
      const moved = remapComposeDiagnostic(file, nodes, d);
      if (moved) out.push(moved);
    }
  }
  if (models.length >= 2) {
    const service = createLanguageService({ host, version: options.version ?? NEWEST_VERSION, ...rules(options) });
    for (const d of service.cluster(models)) {
      const moved = remapComposeDiagnostic(file, nodes, d);
      if (moved) out.push(moved);
    }
  }
  return dedupe(out).sort(compareDiagnostics);
}

const rules = (o: ComposeOptions) => (o.rules ? { rules: o.rules } : {});

/** One finding per place and message (two flags mapped onto one value would repeat it). */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}\0${d.code}\0${d.range.start.line}:${d.range.start.character}\0${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * For the deployment orchestrator: the Compose file's own findings and each service's config
 * checks (mapped into the YAML), and its services as nodes; `remap` moves the cross-node findings
 * the orchestrator computes over them into the YAML.
 */
export function composeDeployment(file: YamlFile, ctx: DeployContext): DeployPart {
  const vars = composeVariables(file.path, ctx.host);
  const services = composeServices(file, vars);
  if (services.length === 0) return { diagnostics: [], nodes: [], configsChecked: configsRunUnread(file, [], vars) };
  const nodes = composeNodes(file, ctx.host, services, vars);
  const diagnostics = checkCompose(file, services, nodes, vars);
  for (const node of nodes) {
    const result = ctx.check(
      { path: node.model.root.path, text: node.synthesized.text },
      { version: node.service.version, host: node.model.host, env: node.model.host.env },
    );
    for (const d of result.diagnostics) {
      const moved = remapComposeDiagnostic(file, nodes, d);
      if (moved) diagnostics.push(moved);
    }
  }
  // A mounted config and the files it includes, read as the container reads them.
  const configsChecked = nodes.flatMap((node) => {
    if (!node.base || node.base.embedded) return [];
    const folder = nodeFolder(file, node.service);
    const hostFolder = path.dirname(node.base.hostPath);
    const included = node.model.files
      .slice(1)
      .filter((f) => f.path.startsWith(folder + '/'))
      .map((f) => path.join(hostFolder, f.path.slice(folder.length + 1)));
    return [node.base.hostPath, ...included].map((p) => path.resolve(p));
  });
  return {
    diagnostics: dedupe(diagnostics),
    nodes,
    remap: (d: Diagnostic) => remapComposeDiagnostic(file, nodes, d),
    configsChecked: [...configsChecked, ...configsRunUnread(file, nodes, vars)],
  };
}

/**
 * Host files a service that is no node here names on its command line through a bind mount
 * (`-c /data/nats-0.conf` with `./config:/data`): an image, entrypoint or command not known here
 * runs them, with flags that may add routes or a cluster. What they make is not judged, on their
 * own either.
 */
function configsRunUnread(file: YamlFile, nodes: readonly ComposeNode[], vars: ComposeVariables): string[] {
  const services = servicesOf(file)?.services;
  if (!services) return [];
  const modelled = new Set(nodes.map((n) => n.service.name));
  const folder = path.dirname(file.path);
  const found: string[] = [];
  for (const pair of services.items) {
    const name = keyText(pair);
    const body = unaliased(pair.value) as Node | null;
    if (name === undefined || modelled.has(name) || !isMap(body)) continue;
    const command = nodeAt(body, ['command']);
    const words = (isSeq(command) ? command.items.map((i) => scalarString(i) ?? '') : [scalarString(command) ?? ''])
      .join(' ')
      .split(/[\s=,"']+/);
    for (const mount of mountsOf(nodeAt(body, ['volumes']), folder, vars)) {
      if (!mount.hostPath || !mount.target) continue;
      for (const word of words)
        if (word === mount.target || word.startsWith(mount.target + '/'))
          found.push(path.resolve(path.join(mount.hostPath, word.slice(mount.target.length))));
    }
  }
  return found;
}
