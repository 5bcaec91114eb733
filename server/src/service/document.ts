// One configuration read as nats-server reads it: the file is parsed, then walked in
// document order (with an explicit stack: nesting depth is unbounded) to pull in
// includes and resolve `$variables` against the keys read so far.

import { Finding } from './diagnostics';
import {
  MAX_INCLUDE_DEPTH,
  fileIdentity,
  includeCycleFinding,
  includeDepthFinding,
  includeReadFinding,
  includeStatementFindings,
  includeTarget,
  includedErrorsFinding,
} from './includes';
import { parseConfig } from './parser';
import { rereadTree } from './reread';
import type { Untouched } from './textChanges';
import { LineIndex } from './positions';
import { ArrayNode, ConfigTree, IncludeNode, KeyValueNode, MapNode, ValueNode, VariableNode } from './tree';
import { Environment, ScopeChain, VariableBinding, bindingValue, lookupVariable } from './variables';
import { ServerVersion, SyntaxRules, syntaxRules } from './versions';

/** What the service needs from the outside world. */
export interface ConfigHost {
  /** The file's text, or the reason it cannot be read (`no such file or directory`). */
  readFile(path: string): { text: string } | { error: string };
  /** The process environment nats-server would see. */
  env: Environment;
  /**
   * Whether a file nats-server would open is there (TLS certificates, operator JWTs, …). Without it, such
   * files are not checked.
   */
  fileStatus?(path: string): FileStatus;
  /** The working directory nats-server runs in: relative TLS, JWT and credentials paths resolve against it. */
  cwd?: string;
  /** The entries of a folder, for completing file paths (names; folders end with `/`). */
  listDirectory?(path: string): string[];
  /**
   * Whether an include as written in `includer` reads a file this host cannot show but that is there
   * all the same (a ConfigMap's config including from another volume mounted into a folder): when it
   * cannot be read, that is not a finding.
   */
  mountedElsewhere?(includer: string, written: string): boolean;
  /**
   * Where the file an include opens is found when not at `target` itself: a container's folder
   * where another volume (a Secret's key) is mounted. Undefined: at `target`.
   */
  locateInclude?(target: string): string | undefined;
}

export type FileStatus = 'file' | 'directory' | 'missing' | 'unreadable';

export interface ConfigFile {
  /** As the caller named it; included files: as nats-server joins the path. */
  path: string;
  tree: ConfigTree;
  lines: LineIndex;
  findings: Finding[];
  /** nats-server would refuse this file (or one it includes). */
  hasErrors: boolean;
}

export interface IncludedFile {
  target: string;
  file: ConfigFile | undefined;
}

export interface ConfigModel {
  root: ConfigFile;
  /** Every file read, the root first. */
  files: ConfigFile[];
  /** What each `$reference` stands for. */
  bindings: Map<VariableNode, VariableBinding>;
  /** Keys that a `$reference` used: nats-server exempts them from the unknown-field check. */
  usedAsVariable: Set<KeyValueNode>;
  includes: Map<IncludeNode, IncludedFile>;
  version: ServerVersion;
  host: ConfigHost;
}

/**
 * What a value stands for: a `$reference` is followed (through chains of them) to its value.
 * Undefined for an environment value the deployment sets but that is not known here: no check
 * judges a value it cannot see.
 */
export function resolveValue(model: ConfigModel, node: ValueNode | undefined): ValueNode | undefined {
  for (let hops = 0; node?.kind === 'variable' && hops < 64; hops++) {
    const binding = model.bindings.get(node);
    if (binding?.kind === 'environment' && binding.unknown) return undefined;
    node = binding ? bindingValue(binding) : undefined;
  }
  return node?.kind === 'variable' ? undefined : node;
}

interface ReadOptions {
  version: ServerVersion;
  host: ConfigHost;
}

export function readConfig(path: string, text: string, options: ReadOptions): ConfigModel {
  const reader = new ConfigReader(options);
  const root = reader.read(path, text, []);
  return {
    root,
    files: reader.files,
    bindings: reader.bindings,
    usedAsVariable: reader.usedAsVariable,
    includes: reader.includes,
    version: options.version,
    host: options.host,
  };
}

/**
 * The config read again after an edit, from `previous`, where only the innermost map or array
 * around the edit needs reading anew (reread.ts). `previous` must be a reading that found nothing
 * to report and read nothing else (no includes, no `$references`): see `isSelfContained`.
 * Undefined: read it all.
 */
export function rereadConfig(
  previous: ConfigModel,
  text: string,
  host: ConfigHost,
  untouched?: Untouched,
): ConfigModel | undefined {
  const tree = rereadTree(previous.root.tree, text, syntaxRules(previous.version), untouched);
  if (!tree) return undefined;
  // Neither a byte-order mark nor an empty file can come of it: either would have changed the
  // first line or the top level, which no container holds.
  let lines: LineIndex | undefined;
  const file: ConfigFile = {
    path: previous.root.path,
    tree,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    findings: [],
    hasErrors: false,
  };
  return {
    root: file,
    files: [file],
    bindings: new Map(),
    usedAsVariable: new Set(),
    includes: new Map(),
    version: previous.version,
    host,
  };
}

/** A reading (not yet checked) that found nothing to report and read no other file nor variable. */
export function isSelfContained(model: ConfigModel): boolean {
  return standsAlone(model) && model.root.findings.length === 0;
}

/**
 * A config of one file with no include and no `$reference`: what each of its blocks means depends on
 * that block alone (what a check found in an unchanged block may be taken over: subtreeMemo.ts).
 */
export function standsAlone(model: ConfigModel): boolean {
  return model.files.length === 1 && model.includes.size === 0 && model.bindings.size === 0;
}

type WalkFrame =
  | { kind: 'map'; node: MapNode; index: number; owner: KeyValueNode | undefined }
  | { kind: 'array'; node: ArrayNode; index: number; owner: KeyValueNode | undefined };

class ConfigReader {
  readonly files: ConfigFile[] = [];
  readonly bindings = new Map<VariableNode, VariableBinding>();
  readonly usedAsVariable = new Set<KeyValueNode>();
  readonly includes = new Map<IncludeNode, IncludedFile>();
  private readonly rules: SyntaxRules;
  /** Each file is read once, however often it is included: its meaning does not depend on the includer. */
  private readonly cache = new Map<string, ConfigFile>();

  constructor(private readonly options: ReadOptions) {
    this.rules = syntaxRules(options.version);
  }

  read(path: string, text: string, chain: readonly string[]): ConfigFile {
    const parsed = parseConfig(text, this.rules);
    let lines: LineIndex | undefined;
    const file: ConfigFile = {
      path,
      tree: parsed.tree,
      // Built on first use: a clean file never needs one.
      get lines() {
        return (lines ??= new LineIndex(text));
      },
      findings: parsed.findings,
      hasErrors: parsed.hasFatalSyntaxError,
    };
    this.files.push(file);
    this.cache.set(fileIdentity(path), file);
    this.fileChecks(file);
    if (parsed.hasReferences) this.walk(file, [...chain, fileIdentity(path)]);
    file.hasErrors ||= file.findings.some((f) => f.severity === 'error' && f.origin === 'server');
    return file;
  }

  private fileChecks(file: ConfigFile): void {
    const { text, root } = file.tree;
    if (text.charCodeAt(0) === 0xfeff) {
      file.findings.push({
        span: { start: 0, end: 1 },
        severity: 'error',
        code: 'byte-order-mark',
        message:
          'The file starts with a byte-order mark: nats-server reads it as part of ' +
          'the first key, which it then refuses. Save the file as UTF-8 without BOM.',
        origin: 'server',
      });
    }
    if (
      this.rules.emptyConfigWarning &&
      root.entries.length === 0 &&
      !file.findings.some((f) => f.severity === 'error')
    ) {
      file.findings.push({
        span: { start: 0, end: 0 },
        severity: 'warning',
        code: 'empty-config',
        message: 'config has no values or is empty',
        origin: 'server',
      });
    }
  }

  private walk(file: ConfigFile, chain: readonly string[]): void {
    const scopes = new ScopeChain();
    scopes.push();
    const stack: WalkFrame[] = [{ kind: 'map', node: file.tree.root, index: 0, owner: undefined }];
    const define = (entry: KeyValueNode) => scopes.define(entry.key, entry, file.path);

    const visitValue = (value: ValueNode, owner: KeyValueNode | undefined): boolean => {
      switch (value.kind) {
        case 'map':
          scopes.push();
          stack.push({ kind: 'map', node: value, index: 0, owner });
          return false;
        case 'array':
          stack.push({ kind: 'array', node: value, index: 0, owner });
          return false;
        case 'variable':
          this.resolveVariable(file, value, scopes);
          return true;
        default:
          return true;
      }
    };

    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.kind === 'map') {
        if (frame.index >= frame.node.entries.length) {
          stack.pop();
          scopes.pop();
          if (frame.owner) define(frame.owner); // a map's key is set when the map closes
          continue;
        }
        const entry = frame.node.entries[frame.index++];
        if (entry.kind === 'include') {
          const included = this.include(file, entry, chain);
          for (const e of included?.tree.root.entries ?? []) {
            if (e.kind === 'keyValue' && e.value) scopes.define(e.key, e, included!.path);
          }
          continue;
        }
        if (!entry.value) continue; // nats-server sets nothing for a key without a value
        if (visitValue(entry.value, entry)) define(entry);
      } else {
        if (frame.index >= frame.node.items.length) {
          stack.pop();
          if (frame.owner) define(frame.owner);
          continue;
        }
        visitValue(frame.node.items[frame.index++], undefined);
      }
    }
  }

  private resolveVariable(file: ConfigFile, node: VariableNode, scopes: ScopeChain): void {
    const line = file.lines.lineNumber(node.start);
    const result = lookupVariable(node.name, line, scopes, this.options.host.env, this.rules);
    if ('binding' in result) {
      this.bindings.set(node, result.binding);
      if (result.binding.kind === 'key') this.usedAsVariable.add(result.binding.definition.entry);
      return;
    }
    file.findings.push({ span: node, severity: 'error', code: result.code, message: result.error, origin: 'server' });
  }

  private include(file: ConfigFile, node: IncludeNode, chain: readonly string[]): ConfigFile | undefined {
    const joined = includeTarget(file.path, node.path);
    file.findings.push(...includeStatementFindings(node, joined));
    const target = this.options.host.locateInclude?.(joined) ?? joined;
    const identity = fileIdentity(target);
    const record: IncludedFile = { target, file: undefined };
    this.includes.set(node, record);
    if (chain.includes(identity)) {
      file.findings.push(includeCycleFinding(node, chain, identity));
      return undefined;
    }
    if (chain.length > MAX_INCLUDE_DEPTH) {
      file.findings.push(includeDepthFinding(node));
      return undefined;
    }
    let included = this.cache.get(identity);
    if (!included) {
      const content = this.options.host.readFile(target);
      if ('error' in content) {
        if (!this.options.host.mountedElsewhere?.(file.path, node.path))
          file.findings.push(includeReadFinding(node, target, content.error));
        return undefined;
      }
      included = this.read(target, content.text, chain);
    }
    record.file = included;
    if (included.hasErrors) {
      const first = included.findings.find((f) => f.severity === 'error' && f.origin === 'server');
      const where = first ? `line ${included.lines.lineNumber(first.span.start)}: ${first.message}` : 'see that file';
      file.findings.push(includedErrorsFinding(node, included.path, where, first?.span));
    }
    return included;
  }
}
