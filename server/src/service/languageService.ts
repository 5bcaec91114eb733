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

  const run = (doc: DocumentRef): CacheEntry => {
    // Every file the check opens or looks for (includes, certificates, credentials), so that a
    // change to any of them drops this result; later reads (hover, cluster checks) count too.
    const reads = new Set<string>([fileIdentity(doc.path)]);
    const host = recordingReads(options.host, reads);
    const model = readConfig(doc.path, doc.text, { version: options.version ?? NEWEST_VERSION, host });
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
    },
    check,
    fileChanged(path) {
      const stale = readersOf(path);
      for (const doc of stale) cache.delete(doc);
      return stale;
    },
    forget(path) {
      cache.delete(path);
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
