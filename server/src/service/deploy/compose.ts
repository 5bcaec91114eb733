// Docker Compose files: the services that run nats-server, each read as the node it starts. The
// official image's ENTRYPOINT is `/nats-server` (the alpine variant's is a script that prepends
// `nats-server` to arguments starting with `-`) and `command:` replaces its CMD, so the command's
// words are nats-server's arguments. They are parsed as the image's release parses them, a config
// file they name is read from the volume that mounts it, and the flags become the config text
// nats-server would hold: the config checks run on it, and their findings go back to the flag.

import { imageVersion, isAlpineImage, isNatsImage } from './images';
import * as path from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { readConfig, type ConfigHost, type ConfigModel } from '../document';
import { createLanguageService, type RuleSetting } from '../languageService';
import { LineIndex, type Range } from '../positions';
import type { Span } from '../tree';
import { NEWEST_VERSION, type ServerVersion } from '../versions';
import { embeddedText } from '../yaml/embeddedText';
import { keyText, nodeAt, scalarString, spanOf, type YamlFile } from '../yaml/yamlFile';
import { setHostNames } from '../cluster/members';
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
  target: string;
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
  /** The `-c` file: its path in the container, and the host file mounted there (if any). */
  config?: { path: string; span: Span; hostPath: string | undefined; builtIn: boolean };
  /** A word before the flags that stops them (the scratch image's `nats-server` program name). */
  problem?: { span: Span; message: string };
}

/** A service as a node of the deployment: its config (the `-c` file with the flags applied). */
export interface ComposeNode extends DeploymentNode {
  service: ComposeService;
  synthesized: SynthesizedConfig;
  /** The `-c` file's host path and text, when read. */
  base?: { hostPath: string; text: string; lines: LineIndex };
}

const isServerProgram = (word: string) => path.posix.basename(word) === 'nats-server';

/** A `command:`/`entrypoint:` value as words with their places: a string split as Compose does, or a list. */
function commandWords(
  node: Node | undefined,
  source: string,
): { words: ArgWord[]; error?: { span: Span; message: string } } | undefined {
  if (!node) return undefined;
  if (isSeq(node)) {
    const words: ArgWord[] = [];
    for (const item of node.items) {
      const text = scalarString(item);
      const span = spanOf(item as Node);
      if (text === undefined || !span) continue;
      // A quoted item's span is its text's, without the quotes.
      const embedded = embeddedText(item as Node, source);
      words.push({
        text,
        span: embedded && text ? { start: embedded.toSource(0), end: embedded.toSource(text.length - 1) + 1 } : span,
      });
    }
    return { words };
  }
  const embedded = embeddedText(node, source);
  if (!embedded) return undefined;
  return splitCommandWords(embedded);
}

/** The services of a Compose file (its first document with `services:`). */
export function composeServices(file: YamlFile): ComposeService[] {
  const document = file.documents.find((d) => isMap(nodeAt(d.doc.contents, ['services'])));
  const services = document && nodeAt(document.doc.contents, ['services']);
  if (!services || !isMap(services)) return [];
  const folder = path.dirname(file.path);
  const out: ComposeService[] = [];
  for (const pair of services.items) {
    const name = keyText(pair);
    const body = pair.value as Node | null;
    if (name === undefined || !isMap(body)) continue;
    const keySpan = spanOf(pair.key as Node) ?? { start: 0, end: 0 };
    const imageNode = nodeAt(body, ['image']);
    const image = scalarString(imageNode);
    const command = commandWords(nodeAt(body, ['command']), file.text);
    const entrypoint = commandWords(nodeAt(body, ['entrypoint']), file.text);
    const commandSpan = spanOf(nodeAt(body, ['command'])) ?? keySpan;
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
      ports: portsOf(nodeAt(body, ['ports'])),
      mounts: mountsOf(nodeAt(body, ['volumes']), folder),
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
    service.hostNames = hostNamesOf(name, body);
    service.networks = networksOf(body);
    service.flags = parseServerFlags(service.args, service.version);
    if (service.flags.configFile !== undefined) {
      const workdir = scalarString(nodeAt(body, ['working_dir'])) || '/';
      const target = path.posix.resolve(workdir, service.flags.configFile);
      const mount = [...service.mounts]
        .reverse()
        .find((m) => target === m.target || target.startsWith(m.target.replace(/\/?$/, '/')));
      const hostPath =
        mount?.hostPath === undefined
          ? undefined
          : path.join(mount.hostPath, path.posix.relative(mount.target, target));
      // The images' own files: a config nats-server finds without a volume.
      const builtIn = !mount && (target === '/nats-server.conf' || target === '/etc/nats/nats-server.conf');
      service.config = { path: target, span: service.flags.configSpan ?? commandSpan, hostPath, builtIn };
    }
    out.push(service);
  }
  return out;
}

/** Host names Docker's DNS resolves to the service's containers. */
function hostNamesOf(name: string, body: Node): string[] {
  const names = [name];
  for (const key of ['container_name', 'hostname']) {
    const v = scalarString(nodeAt(body, [key]));
    if (v) names.push(v);
  }
  const networks = nodeAt(body, ['networks']);
  if (isMap(networks)) {
    for (const pair of networks.items) {
      const aliases = nodeAt(pair.value, ['aliases']);
      if (isSeq(aliases)) for (const a of aliases.items) if (scalarString(a)) names.push(scalarString(a)!);
    }
  }
  return [...new Set(names)];
}

function networksOf(body: Node): string[] {
  const networks = nodeAt(body, ['networks']);
  if (isSeq(networks)) return networks.items.map(scalarString).filter((n): n is string => !!n);
  if (isMap(networks)) return networks.items.map((p) => keyText(p)).filter((n): n is string => !!n);
  // Without `networks:`, a service is on the project's default network.
  return ['default'];
}

/** `ports:` in short (`[IP:]HOST:CONTAINER[/proto]`, ranges) and long syntax. */
function portsOf(node: Node | undefined): PublishedPort[] {
  if (!isSeq(node)) return [];
  const out: PublishedPort[] = [];
  for (const item of node.items as Node[]) {
    const span = spanOf(item) ?? { start: 0, end: 0 };
    if (isMap(item)) {
      const published = scalarString(nodeAt(item, ['published']));
      const target = Number(scalarString(nodeAt(item, ['target'])));
      const protocol = scalarString(nodeAt(item, ['protocol'])) || 'tcp';
      const hostIp = scalarString(nodeAt(item, ['host_ip'])) || '0.0.0.0';
      for (const port of range(published)) out.push({ hostIp, port, protocol, target: target || undefined, span });
      continue;
    }
    const text = scalarString(item);
    if (!text) continue;
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

/** `volumes:` of a service: bind mounts (host paths) and named volumes. */
function mountsOf(node: Node | undefined, folder: string): Mount[] {
  if (!isSeq(node)) return [];
  const out: Mount[] = [];
  for (const item of node.items as Node[]) {
    const span = spanOf(item) ?? { start: 0, end: 0 };
    let source: string | undefined;
    let target: string | undefined;
    if (isMap(item)) {
      source = scalarString(nodeAt(item, ['source']));
      target = scalarString(nodeAt(item, ['target']));
    } else {
      const parts = (scalarString(item) ?? '').split(':');
      if (parts.length >= 2) [source, target] = parts;
      else target = parts[0];
    }
    if (!target) continue;
    const isPath = !!source && /^(\.{1,2}(\/|$)|\/|~)/.test(source);
    const hostPath = isPath && !source!.startsWith('~') ? path.resolve(folder, source!) : undefined;
    out.push({ hostPath, target: path.posix.normalize(target), span });
  }
  return out;
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
export function composeNodes(file: YamlFile, host: ConfigHost, services = composeServices(file)): ComposeNode[] {
  const nodes: ComposeNode[] = [];
  for (const service of services) {
    const flags = service.flags;
    if (!flags || flags.errors.length || flags.exits) continue;
    // The image's built-in config is not known here: its node cannot be judged.
    if (service.config?.builtIn || service.defaultCommand) continue;
    let base: ComposeNode['base'];
    if (service.config?.hostPath) {
      const read = host.readFile(service.config.hostPath);
      if ('error' in read) continue;
      base = { hostPath: service.config.hostPath, text: read.text, lines: new LineIndex(read.text) };
    } else if (service.config) continue;
    const synthesized = flagsAsConfig(flags, base?.text ?? '', service.version);
    const folder = nodeFolder(file, service);
    const configPath = `${folder}/${service.name}.conf`;
    const model = readConfig(configPath, synthesized.text, {
      version: service.version,
      host: containerHost(host, folder, base),
    });
    setHostNames(model, service.hostNames);
    nodes.push({ name: service.name, model, file: file.path, service, synthesized, ...(base && { base }) });
  }
  return nodes;
}

/** Files as the container sees them: includes next to the `-c` file come from its host folder. */
function containerHost(host: ConfigHost, folder: string, base: ComposeNode['base']): ConfigHost {
  return {
    env: {},
    cwd: '/',
    readFile: (p) => {
      if (base && p.startsWith(folder + '/'))
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
  const services = composeServices(file);
  const nodes = composeNodes(file, host, services);
  const out = checkCompose(file, services, nodes);
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
  const services = composeServices(file);
  if (services.length === 0) return { diagnostics: [], nodes: [] };
  const nodes = composeNodes(file, ctx.host, services);
  const diagnostics = checkCompose(file, services, nodes);
  for (const node of nodes) {
    const result = ctx.check(
      { path: node.model.root.path, text: node.synthesized.text },
      { version: node.service.version, host: node.model.host, env: {} },
    );
    for (const d of result.diagnostics) {
      const moved = remapComposeDiagnostic(file, nodes, d);
      if (moved) diagnostics.push(moved);
    }
  }
  return {
    diagnostics: dedupe(diagnostics),
    nodes,
    remap: (d: Diagnostic) => remapComposeDiagnostic(file, nodes, d),
  };
}
