// The language service: one object per client (the language server, the CLI, a test) that owns
// the documents it has read, the files each one includes and their results. Text in, plain data
// out; nothing here knows about LSP or VS Code. A file changed on disk invalidates every document
// that read it, directly or through other includes.

import { Diagnostic, compareDiagnostics, toDiagnostic } from './diagnostics';
import { ConfigHost, ConfigModel, isSelfContained, readConfig, rereadConfig } from './document';
import { unsuppressed } from './suppressions';
import { validateConfig } from './validation';
import { checkRules } from './rules';
import { NEWEST_VERSION, ServerVersion } from './versions';
import { fileIdentity } from './includes';
import type { Range } from './positions';
import { complete, completeIn, type CompletionItem } from './completion';
import { cursorContextAfterChange } from './cursor';
import { changedLines, sameNesting, toNewOffset, toOldOffset } from './textChanges';
import type { ChangedLines, EditedText, TextLike, Untouched } from './textChanges';
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
import { VirtualFiles, fromAnotherVolume, isVirtualPath } from './deploy/virtualFiles';
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
  /**
   * Large documents are checked again and again as someone types (an editor): each check keeps what
   * it found per block and per account, and the check of the next version takes over what the edit
   * left alone (subtreeMemo.ts). Off, a one-off check (the CLI) keeps nothing.
   */
  incremental?: boolean;
}

/** A document as the caller has it. `version` tells texts apart cheaply (an editor's version, a file's mtime). */
export interface DocumentRef {
  path: string;
  /** May be made on first use (a getter): answers from the last reading use `edited` instead, when given. */
  text: string;
  version?: number | string;
  /**
   * The same text, as an editor keeps it while someone types: the edits to an earlier text. Answers
   * from the last reading (LastRead 'prefer') read it a stretch at a time, and `text` is not made;
   * a reading from the last one does not compare what no edit touched.
   */
  edited?: EditedText;
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
  /** The document read (parsed, variables and includes resolved) but not checked: what requests need. */
  read(doc: DocumentRef): ConfigModel;
  /**
   * After an edit, the document's next reading reads only the block around the edit: it is large, and
   * its last reading stands alone and found nothing (see `rereadConfig`). Otherwise it is read whole.
   */
  readsOnlyAroundEdits(path: string): boolean;
  complete(doc: DocumentRef, offset: number, lastRead?: LastRead): CompletionItem[];
  hover(doc: DocumentRef, offset: number, lastRead?: LastRead): Hover | undefined;
  symbols(doc: DocumentRef, maxDepth?: number): ConfigSymbol[];
  folding(doc: DocumentRef, limit?: number): FoldingRange[];
  selection(doc: DocumentRef, offset: number): Span[];
  definition(doc: DocumentRef, offset: number): Location | undefined;
  links(doc: DocumentRef): DocumentLink[];
  /** Quick fixes for the document's findings in `range`, and for `more` of them (the cross-node ones). */
  /** `lastRead` 'prefer': none for a large document not checked at this version yet, rather than a check now. */
  codeActions(doc: DocumentRef, range: Range, more?: readonly Diagnostic[], lastRead?: LastRead): CodeAction[];
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

/** A document read (parsed, variables and includes resolved), and checked once asked. */
interface CacheEntry {
  key: number | string;
  /** The text read: requests on later versions answer from this reading where the change allows. */
  text: string;
  model: ConfigModel;
  /** The findings, once checked. */
  result?: CheckResult;
  /** How the latest version asked about differs from this reading. */
  since?: { key: number | string; text: string | EditedText; change: ChangedLines | undefined };
  /** Identities of every file the result depends on. */
  reads: Set<string>;
  /** The reading found nothing to report and read no other file nor variable: the next may start from it. */
  selfContained: boolean;
}

/**
 * How a request answers when the document changed since it was last read: 'read' (read it now,
 * the default), or 'prefer': a large document is not read again for it (that takes as long as a
 * few keystrokes), the answer comes from its last reading where the change cannot have moved what
 * the answer depends on, and there is none otherwise until the next reading (the check after a
 * pause in typing). Small documents are read again either way.
 */
export type LastRead = 'read' | 'prefer';

/** A large document: below this size it is read again for a request (that takes a few milliseconds). */
export const LARGE_DOCUMENT_CHARS = 64 * 1024;

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

  /** The document read with `baseHost` and `version`: its model and every file it opened. */
  const readDocument = (doc: DocumentRef, baseHost = options.host, version = options.version): CacheEntry => {
    // Every file the check opens or looks for (includes, certificates, credentials), so that a
    // change to any of them drops this result; later reads (hover, cluster checks) count too.
    const reads = new Set<string>([fileIdentity(doc.path)]);
    const host = recordingReads(baseHost, reads);
    const model = readConfig(doc.path, doc.text, { version: version ?? NEWEST_VERSION, host });
    for (const file of model.files) reads.add(fileIdentity(file.path));
    for (const included of model.includes.values()) reads.add(fileIdentity(included.target));
    return { key: keyOf(doc), text: doc.text, model, reads, selfContained: isSelfContained(model) };
  };

  /** A large document whose last reading the next may start from (see `rereadDocument`). */
  const readsAroundEdits = (previous: CacheEntry, textLength: number) =>
    previous.selfContained && textLength >= LARGE_DOCUMENT_CHARS;

  /**
   * A large document read again from its last reading, where only the block around the edit needs
   * reading anew (undefined: read it all). The last reading stays as it was: requests may answer from it.
   */
  const rereadDocument = (previous: CacheEntry, doc: DocumentRef): CacheEntry | undefined => {
    if (!readsAroundEdits(previous, doc.text.length)) return undefined;
    const reads = new Set<string>([fileIdentity(doc.path)]);
    const untouched = untouchedSince(doc, previous.text);
    const model = rereadConfig(previous.model, doc.text, recordingReads(options.host, reads), untouched);
    return model && { key: keyOf(doc), text: doc.text, model, reads, selfContained: true };
  };

  /** The findings of a document read. */
  const checkRead = (entry: CacheEntry): CheckResult => {
    if (entry.result) return entry.result;
    const { model } = entry;
    // Only a large document is read again from its last reading (where records are taken over).
    const remember = options.incremental === true && entry.text.length >= LARGE_DOCUMENT_CHARS;
    validateConfig(model, remember);
    checkRules(model, remember);
    const linesOf = (other: string) => model.files.find((f) => f.path === other)?.lines;
    const found: Diagnostic[] = [];
    for (const file of model.files) {
      for (const finding of unsuppressed(file)) found.push(toDiagnostic(file.path, file.lines, finding, linesOf));
    }
    // Files the rules opened (certificates, credentials) were recorded by the host as they were read.
    entry.result = { model, diagnostics: applyRules(found).sort(compareDiagnostics) };
    return entry.result;
  };

  const run = (doc: DocumentRef, baseHost = options.host, version = options.version): CheckResult =>
    checkRead(readDocument(doc, baseHost, version));

  const readEntry = (doc: DocumentRef): CacheEntry => {
    const key = keyOf(doc);
    const hit = cache.get(doc.path);
    if (hit && hit.key === key) return hit;
    const entry = (hit && rereadDocument(hit, doc)) ?? readDocument(doc);
    cache.set(doc.path, entry);
    return entry;
  };

  const check = (doc: DocumentRef): CheckResult => checkRead(readEntry(doc));

  /**
   * The last reading of a document that changed since, and how: for a request that may answer
   * from it (undefined: read it now, or the document is small enough to read again).
   */
  const lastReading = (doc: DocumentRef, lastRead: LastRead) => {
    if (lastRead === 'read') return undefined;
    const text = doc.edited ?? doc.text;
    if (text.length < LARGE_DOCUMENT_CHARS) return undefined;
    const hit = cache.get(doc.path);
    const key = keyOf(doc);
    if (!hit || hit.key === key) return undefined;
    // Completion and hover come in pairs for one version: the comparison serves both.
    if (hit.since?.key !== key || hit.since.text !== text)
      hit.since = { key, text, change: changedLines(hit.text, text, untouchedSince(doc, hit.text)) };
    return { entry: hit, change: hit.since.change, text };
  };

  /** Completion from the last reading: undefined where the change may have moved what it depends on. */
  const completeFromLastRead = (entry: CacheEntry, change: ChangedLines | undefined, now: TextLike, offset: number) => {
    const { model, text } = entry;
    if (!change) return complete(model, offset);
    const old = toOldOffset(change, offset);
    if (old === undefined) {
      // On a changed line: the blocks from the reading up to the changed lines, from the text after.
      const ctx = cursorContextAfterChange(model.root.tree.root, text, change.start, now, offset);
      return ctx && completeIn(model, ctx, offset, change.start);
    }
    // The cursor's line is as it was: the answer of then, at today's place, unless blocks moved above it.
    if (offset > change.newEnd && !sameNesting(change, text, now)) return undefined;
    return complete(model, old).map((item) => ({ ...item, replace: mapSpan(change, item.replace) ?? item.replace }));
  };

  const hoverFromLastRead = (entry: CacheEntry, change: ChangedLines | undefined, now: TextLike, offset: number) => {
    if (!change) return hover(entry.model, offset);
    const old = toOldOffset(change, offset);
    // On a changed line, or after a change that moved blocks: nothing said rather than something stale.
    if (old === undefined || (offset > change.newEnd && !sameNesting(change, entry.text, now))) return undefined;
    const found = hover(entry.model, old);
    const span = found && mapSpan(change, found.span);
    return found && span ? { ...found, span } : undefined;
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
        // A host of the caller's (a Compose container's) reads from other volumes as the virtual files do.
        const host = how.host
          ? { ...how.host, mountedElsewhere: fromAnotherVolume }
          : files.host(options.host, how.env);
        const result = run(doc, host, how.version ?? options.version);
        // Without the container's environment, a variable the config does not define may come from the pod.
        if (how.env === undefined && isVirtualPath(doc.path))
          result.diagnostics = result.diagnostics.filter((d) => d.code !== 'variable-undefined');
        if (!how.host) checks.set(id, result);
        return result;
      },
      cluster: (models) => applyRules(clusterDiagnostics(models)),
    };
  };

  const yamlEntry = (doc: DocumentRef): YamlEntry => {
    const key = keyOf(doc);
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
    read: (doc) => readEntry(doc).model,
    readsOnlyAroundEdits(path) {
      const last = cache.get(path);
      return last !== undefined && readsAroundEdits(last, last.text.length);
    },
    complete: (doc, offset, lastRead = 'read') => {
      const last = lastReading(doc, lastRead);
      if (last) return completeFromLastRead(last.entry, last.change, last.text, offset) ?? [];
      return complete(readEntry(doc).model, offset);
    },
    hover: (doc, offset, lastRead = 'read') => {
      const last = lastReading(doc, lastRead);
      if (last) return hoverFromLastRead(last.entry, last.change, last.text, offset);
      return hover(readEntry(doc).model, offset);
    },
    symbols: (doc, maxDepth) => documentSymbols(readEntry(doc).model.root.tree, maxDepth),
    folding: (doc, limit) => {
      const { root } = readEntry(doc).model;
      return foldingRanges(root.tree, root.lines, limit);
    },
    selection: (doc, offset) => selectionSpans(readEntry(doc).model.root.tree, offset),
    definition: (doc, offset) => definition(readEntry(doc).model, offset),
    links: (doc) => documentLinks(readEntry(doc).model),
    codeActions: (doc, range, more = [], lastRead = 'read') => {
      const hit = cache.get(doc.path);
      const checked = hit?.result !== undefined && hit.key === keyOf(doc);
      if (!checked && lastRead === 'prefer' && (doc.edited ?? doc.text).length >= LARGE_DOCUMENT_CHARS) return [];
      const { model, diagnostics } = check(doc);
      return codeActions(model.root, [...diagnostics, ...more], range);
    },
    format: (doc, formatting, range) => format(readEntry(doc).model.root, formatting, range),
    rename: (doc, offset, newName) => renameVariable(readEntry(doc).model, offset, newName),
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

/** What tells two texts of a document apart: the caller's version, else the text itself. */
/** What no edit touched since `read`, when the document is edits to that very text (not compared then). */
function untouchedSince(doc: DocumentRef, read: string): Untouched | undefined {
  return doc.edited?.from === read ? doc.edited.untouched : undefined;
}

function keyOf(doc: DocumentRef): number | string {
  return doc.version ?? doc.text;
}

/** An old span outside the changed lines, in the new text (undefined: it touches them). */
function mapSpan(change: ChangedLines, span: Span): Span | undefined {
  const start = toNewOffset(change, span.start);
  const end = toNewOffset(change, span.end);
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

/** `host`, noting the identity of every file read or looked for in `reads`. */
function recordingReads(host: ConfigHost, reads: Set<string>): ConfigHost {
  const fileStatus = host.fileStatus;
  const listDirectory = host.listDirectory;
  const mountedElsewhere = host.mountedElsewhere;
  const locateInclude = host.locateInclude;
  return {
    env: host.env,
    cwd: host.cwd,
    ...(mountedElsewhere && { mountedElsewhere: mountedElsewhere.bind(host) }),
    ...(locateInclude && { locateInclude: locateInclude.bind(host) }),
    readFile: (path) => (reads.add(fileIdentity(path)), host.readFile(path)),
    ...(fileStatus && { fileStatus: (path: string) => (reads.add(fileIdentity(path)), fileStatus.call(host, path)) }),
    ...(listDirectory && { listDirectory: (path: string) => listDirectory.call(host, path) }),
  };
}
