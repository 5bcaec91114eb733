// The language service: one object per client (the language server, the CLI, a test) that owns
// the documents it has read, the files each one includes and their results. Text in, plain data
// out; nothing here knows about LSP or VS Code. A file changed on disk invalidates every document
// that read it, directly or through other includes.

import { Diagnostic, compareDiagnostics, toDiagnostic } from './diagnostics';
import { ConfigHost, ConfigModel, readConfig } from './document';
import { unsuppressed } from './suppressions';
import { validateConfig } from './validation';
import { checkRules } from './rules';
import { NEWEST_VERSION, ServerVersion } from './versions';
import { fileIdentity } from './includes';
import type { Range } from './positions';
import { complete, type CompletionItem } from './completion';
import { hover, type Hover } from './hover';
import { documentSymbols, type ConfigSymbol } from './symbols';
import { foldingRanges, type FoldingRange } from './folding';
import { selectionSpans } from './selection';
import { definition, documentLinks, type DocumentLink, type Location } from './navigation';
import { codeActions, type CodeAction } from './codeActions';
import { format, type FormattingOptions, type TextEdit } from './formatting';
import { renameVariable, type RenameEdit } from './rename';
import { clusterDiagnostics } from './cluster/clusterDiagnostics';
import { clusterTopology, type Topology } from './cluster/topology';
import type { Span } from './tree';
import { VirtualFiles, isVirtualPath } from './deploy/virtualFiles';
import type { ConfigCheckOptions, DeployContext } from './deploy/context';
import { checkDeployment, type DeploymentOptions, type DeploymentResult } from './deploy/deployment';
import { commandWordAt } from './deploy/commandWords';
import { flagCompletions, flagHover } from './deploy/flags';
import { helmValuesCompletion, helmValuesHover } from './deploy/helm/helmValues';
import { readYamlFile } from './yaml/yamlFile';

export type RuleSetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface LanguageServiceOptions {
  host: ConfigHost;
  /** The nats-server release to judge by; the newest known when omitted. */
  version?: ServerVersion;
  /** Per finding code: another severity, or off (advice the user turned off). */
  rules?: Readonly<Record<string, RuleSetting>>;
}

/** A document as the caller has it. `version` tells texts apart cheaply (an editor's version, a file's mtime). */
export interface DocumentRef {
  path: string;
  text: string;
  version?: number | string;
}

export interface CheckResult {
  model: ConfigModel;
  /** Findings of the file and of every file it includes, in file and position order, rule settings applied. */
  diagnostics: Diagnostic[];
}

export interface LanguageService {
  readonly options: Readonly<LanguageServiceOptions>;
  /** New settings: every result is stale. */
  configure(options: Partial<LanguageServiceOptions>): void;
  /** The document read and checked; the result is kept until its version (or text) or a file it reads changes. */
  check(doc: DocumentRef): CheckResult;
  /**
   * A file changed, appeared or went away (on disk or in the editor): results that read it are dropped.
   * Returns the paths of the documents whose results were dropped (the file's own, and its includers').
   */
  fileChanged(path: string): string[];
  /** The document is closed: its result is dropped. */
  forget(path: string): void;
  /** The documents with a result that read `path`, directly or not (the document itself included). */
  readersOf(path: string): string[];
  /** The files a document's result read (itself and every include target, whether it could be read or not). */
  filesReadBy(path: string): string[];
  complete(doc: DocumentRef, offset: number): CompletionItem[];
  hover(doc: DocumentRef, offset: number): Hover | undefined;
  symbols(doc: DocumentRef, maxDepth?: number): ConfigSymbol[];
  folding(doc: DocumentRef, limit?: number): FoldingRange[];
  selection(doc: DocumentRef, offset: number): Span[];
  definition(doc: DocumentRef, offset: number): Location | undefined;
  links(doc: DocumentRef): DocumentLink[];
  /** Quick fixes for the document's findings in `range`, and for `more` of them (the cross-node ones). */
  codeActions(doc: DocumentRef, range: Range, more?: readonly Diagnostic[]): CodeAction[];
  format(doc: DocumentRef, options: FormattingOptions, range?: Range): TextEdit[];
  rename(doc: DocumentRef, offset: number, newName: string): RenameEdit[] | undefined;
  /** Findings across the node configs of clusters (rule settings applied). */
  cluster(models: readonly ConfigModel[]): Diagnostic[];
  topology(models: readonly ConfigModel[]): Topology;
  /** The rule settings applied to findings computed elsewhere (drift from a running cluster). */
  applyRules(diagnostics: Diagnostic[]): Diagnostic[];
  /**
   * A YAML document on its own (Kubernetes manifests, a Compose file, nats chart values): its findings at
   * YAML places, what it was read as (no roles: nothing of NATS), its nodes. Kept until its version changes.
   */
  checkYaml(doc: DocumentRef): DeploymentResult;
  /** Completion inside a config embedded in a YAML document (undefined: the offset is in none). */
  completeYaml(doc: DocumentRef, offset: number): CompletionItem[] | undefined;
  /** Hover inside a config embedded in a YAML document (its span in the YAML). */
  hoverYaml(doc: DocumentRef, offset: number): Hover | undefined;
  /** The files of a deployment checked together: manifests, Compose files, Helm values and `.conf` files. */
  deployment(files: readonly DocumentRef[], options?: DeploymentOptions): DeploymentResult;
}

/** A YAML document's deployment check, with what completion and hover inside it need. */
interface YamlEntry {
  key: number | string;
  result: DeploymentResult;
  context: DeployContext;
}

interface CacheEntry {
  key: number | string;
  result: CheckResult;
  /** Identities of every file the result depends on. */
  reads: Set<string>;
}

export function createLanguageService(initial: LanguageServiceOptions): LanguageService {
  let options: LanguageServiceOptions = { ...initial };
  const cache = new Map<string, CacheEntry>();

  const applyRules = (diagnostics: Diagnostic[]): Diagnostic[] => {
    const rules = options.rules;
    if (!rules || Object.keys(rules).length === 0) return diagnostics;
    const kept = diagnostics.filter((d) => rules[d.code] !== 'off');
    for (const d of kept) {
      const override = rules[d.code];
      if (override && override !== 'off') d.severity = override;
    }
    return kept;
  };

  const run = (doc: DocumentRef, baseHost = options.host, version = options.version): CacheEntry => {
    // Every file the check opens or looks for (includes, certificates, credentials), so that a
    // change to any of them drops this result; later reads (hover, cluster checks) count too.
    const reads = new Set<string>([fileIdentity(doc.path)]);
    const host = recordingReads(baseHost, reads);
    const model = readConfig(doc.path, doc.text, { version: version ?? NEWEST_VERSION, host });
    validateConfig(model);
    checkRules(model);
    const linesOf = (other: string) => model.files.find((f) => f.path === other)?.lines;
    const found: Diagnostic[] = [];
    for (const file of model.files) {
      for (const finding of unsuppressed(file)) found.push(toDiagnostic(file.path, file.lines, finding, linesOf));
    }
    const diagnostics = applyRules(found).sort(compareDiagnostics);
    for (const file of model.files) reads.add(fileIdentity(file.path));
    for (const included of model.includes.values()) reads.add(fileIdentity(included.target));
    return { key: doc.version ?? doc.text, result: { model, diagnostics }, reads };
  };

  const check = (doc: DocumentRef): CheckResult => {
    const key = doc.version ?? doc.text;
    const hit = cache.get(doc.path);
    if (hit && hit.key === key) return hit.result;
    const entry = run(doc);
    cache.set(doc.path, entry);
    return entry.result;
  };

  const yamlCache = new Map<string, YamlEntry>();

  /** A deployment's context: its virtual files, and configs checked with their own host, release and environment. */
  const deployContext = (): DeployContext & { cluster(models: readonly ConfigModel[]): Diagnostic[] } => {
    const files = new VirtualFiles();
    const checks = new Map<string, CheckResult>();
    return {
      version: options.version ?? NEWEST_VERSION,
      host: options.host,
      files,
      check(doc, how: ConfigCheckOptions = {}) {
        // Plain files are the service's own documents (cached across calls, invalidated on change).
        if (!isVirtualPath(doc.path) && !how.env && !how.version && !how.host) return check(doc);
        const id = JSON.stringify([doc.path, doc.text, how.env ?? null, how.version ?? null, !!how.host]);
        const hit = how.host ? undefined : checks.get(id);
        if (hit) return hit;
        const result = run(doc, how.host ?? files.host(options.host, how.env), how.version ?? options.version).result;
        // Without the container's environment, a variable the config does not define may come from the pod.
        if (how.env === undefined && isVirtualPath(doc.path))
          result.diagnostics = result.diagnostics.filter((d) => d.code !== 'variable-undefined');
        // A ConfigMap's keys are files side by side: an include into a folder (`accounts/resolver.conf`,
        // `/etc/nats/auth.conf`) comes from another volume mounted there, which the manifests need not show.
        if (isVirtualPath(doc.path)) {
          const elsewhere = [...result.model.includes]
            .filter(([node, included]) => !included.file && /[\\/]/.test(node.path))
            .map(([node]) => `'${node.path}'`);
          if (elsewhere.length)
            result.diagnostics = result.diagnostics.filter(
              (d) => d.code !== 'include-unreadable' || !elsewhere.some((p) => d.message.includes(p)),
            );
        }
        if (!how.host) checks.set(id, result);
        return result;
      },
      cluster: (models) => applyRules(clusterDiagnostics(models)),
    };
  };

  const yamlEntry = (doc: DocumentRef): YamlEntry => {
    const key = doc.version ?? doc.text;
    const hit = yamlCache.get(doc.path);
    if (hit && hit.key === key) return hit;
    const context = deployContext();
    const result = checkDeployment([doc], context);
    const entry = { key, result, context };
    yamlCache.set(doc.path, entry);
    return entry;
  };

  /** The embedded config at a YAML offset, checked, and the offset in its text. */
  const embeddedAt = (doc: DocumentRef, offset: number) => {
    const { context } = yamlEntry(doc);
    const at = context.files.at(doc.path, offset);
    if (!at) return undefined;
    const checked = context.check({ path: at.file.path, text: at.file.entry.embedded.text });
    return { ...at, model: checked.model, files: context.files };
  };

  const readersOf = (path: string): string[] => {
    const identity = fileIdentity(path);
    return [...cache].filter(([, entry]) => entry.reads.has(identity)).map(([doc]) => doc);
  };

  return {
    get options() {
      return options;
    },
    configure(changes) {
      options = { ...options, ...changes };
      cache.clear();
      yamlCache.clear();
    },
    check,
    fileChanged(path) {
      const stale = readersOf(path);
      for (const doc of stale) cache.delete(doc);
      return stale;
    },
    forget(path) {
      cache.delete(path);
      yamlCache.delete(path);
    },
    readersOf,
    filesReadBy(path) {
      return [...(cache.get(path)?.reads ?? [])];
    },
    complete: (doc, offset) => complete(check(doc).model, offset),
    hover: (doc, offset) => hover(check(doc).model, offset),
    symbols: (doc, maxDepth) => documentSymbols(check(doc).model.root.tree, maxDepth),
    folding: (doc, limit) => {
      const { root } = check(doc).model;
      return foldingRanges(root.tree, root.lines, limit);
    },
    selection: (doc, offset) => selectionSpans(check(doc).model.root.tree, offset),
    definition: (doc, offset) => definition(check(doc).model, offset),
    links: (doc) => documentLinks(check(doc).model),
    codeActions: (doc, range, more = []) => {
      const { model, diagnostics } = check(doc);
      return codeActions(model.root, [...diagnostics, ...more], range);
    },
    format: (doc, formatting, range) => format(check(doc).model.root, formatting, range),
    rename: (doc, offset, newName) => renameVariable(check(doc).model, offset, newName),
    cluster: (models) => applyRules(clusterDiagnostics(models)),
    topology: (models) => clusterTopology(models),
    applyRules,
    checkYaml: (doc) => yamlEntry(doc).result,
    completeYaml: (doc, offset) => {
      const at = embeddedAt(doc, offset);
      if (!at) {
        // A nats-server flag in a command: `--clu` → `--cluster_name`.
        const file = readYamlFile(doc.path, doc.text);
        // A values file of the nats chart: its keys and values.
        if (yamlEntry(doc).result.roles.get(doc.path)?.includes('helm-values'))
          return helmValuesCompletion(file, offset);
        const word = commandWordAt(file, offset);
        if (!word || !word.prefix.startsWith('-') || word.prefix.includes('=')) return undefined;
        return flagCompletions(word.prefix, options.version ?? NEWEST_VERSION).map((f) => ({
          label: f.label,
          kind: 'key' as const,
          detail: f.detail,
          documentation: f.documentation,
          insertText: f.insertText,
          snippet: false,
          replace: { start: word.prefixSpan.start, end: word.span.end },
        }));
      }
      return complete(at.model, at.offset).map((item) => ({
        ...item,
        replace: at.files.span(at.file, item.replace),
        insertText: at.files.newText(at.file, item.insertText),
      }));
    },
    hoverYaml: (doc, offset) => {
      const at = embeddedAt(doc, offset);
      if (!at) {
        const file = readYamlFile(doc.path, doc.text);
        if (yamlEntry(doc).result.roles.get(doc.path)?.includes('helm-values')) return helmValuesHover(file, offset);
        const word = commandWordAt(file, offset);
        const text = word?.word.startsWith('-') ? flagHover(word.word, options.version ?? NEWEST_VERSION) : undefined;
        return text && word ? { contents: text, span: word.span } : undefined;
      }
      const found = at && hover(at.model, at.offset);
      return found && at ? { contents: found.contents, span: at.files.span(at.file, found.span) } : undefined;
    },
    deployment: (files, deploymentOptions) => checkDeployment(files, deployContext(), deploymentOptions),
  };
}

/** `host`, noting the identity of every file read or looked for in `reads`. */
function recordingReads(host: ConfigHost, reads: Set<string>): ConfigHost {
  const fileStatus = host.fileStatus;
  const listDirectory = host.listDirectory;
  return {
    env: host.env,
    cwd: host.cwd,
    readFile: (path) => (reads.add(fileIdentity(path)), host.readFile(path)),
    ...(fileStatus && { fileStatus: (path: string) => (reads.add(fileIdentity(path)), fileStatus.call(host, path)) }),
    ...(listDirectory && { listDirectory: (path: string) => listDirectory.call(host, path) }),
  };
}
