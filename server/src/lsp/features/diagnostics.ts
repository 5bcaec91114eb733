// Diagnostics: pushed on open and save at once, at once after a lone edit (when its check is quick),
// and after a short pause while typing; never sent again unchanged (a pull that names the last
// report is answered "unchanged", a push of the same findings for the same version is skipped).

import type { Connection, Diagnostic as LspDiagnostic, TextDocuments } from 'vscode-languageserver/node';
import { DiagnosticSeverity, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../service';
import * as path from 'node:path';
import { runSafe } from '../runSafe';
import { URI } from '../uri';
import type { Workspace } from '../workspace';
import type { ClusterPeers } from '../clusterPeers';
import { isYamlDocument } from '../yamlDocuments';

const severities: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A finding as LSP sends it; `uri` is its file's (related places in the same file keep it). */
export function toLspDiagnostic(d: Diagnostic, uri: string = URI.fromPath(path.resolve(d.file))): LspDiagnostic {
  return {
    range: d.range,
    severity: severities[d.severity],
    code: d.code,
    message: d.message,
    source: `nats-conf (${d.origin})`,
    relatedInformation: d.related?.map((r) => ({
      location: { uri: r.file === d.file ? uri : URI.fromPath(path.resolve(r.file)), range: r.range },
      message: r.message,
    })),
  };
}

/** Two lists of findings as LSP sends them, equal in every field (a list is compared in order). */
export function sameDiagnostics(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      !sameRange(x.range, y.range) ||
      x.severity !== y.severity ||
      x.code !== y.code ||
      x.message !== y.message ||
      x.source !== y.source ||
      (x.relatedInformation?.length ?? 0) !== (y.relatedInformation?.length ?? 0)
    )
      return false;
    const related = y.relatedInformation ?? [];
    for (const [j, r] of (x.relatedInformation ?? []).entries()) {
      const other = related[j];
      if (r.message !== other.message || r.location.uri !== other.location.uri) return false;
      if (!sameRange(r.location.range, other.location.range)) return false;
    }
  }
  return true;
}

function sameRange(a: LspDiagnostic['range'], b: LspDiagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** An editor cannot show more per file (a generated file of a million unknown keys would stall it). */
const MAX_DIAGNOSTICS = 2000;

/** Pause after the last keystroke before a document is checked again. */
const TYPING_DELAY_MS = 100;
/**
 * An edit to a document that had been still this long is checked at once, without the pause: a lone
 * keystroke, a paste or a quick fix shows its findings as soon as they are known. The edits that
 * follow it within this time are typing, and wait for the pause.
 */
const STILL_MS = 500;
/**
 * ... provided its check is expected to take less than this: a check that long (a large file read
 * whole) would hold up the answers to the keystrokes that may follow, so it waits for the pause.
 */
const QUICK_CHECK_MS = 150;

/**
 * How long to wait after an edit before checking: none for a lone edit whose check is quick.
 * `expectedCheckMs`: the time of the document's last check that read it as this one will (see
 * `registerDiagnostics`); undefined when there was none.
 */
export function typingPause(now: number, lastEdit: number | undefined, expectedCheckMs: number | undefined): number {
  const lone = lastEdit === undefined || now - lastEdit >= STILL_MS;
  return lone && (expectedCheckMs ?? 0) < QUICK_CHECK_MS ? 0 : TYPING_DELAY_MS;
}

interface DiagnosticsFeature {
  /** Check every open document again (settings changed). */
  refreshAll(): void;
  /** The client pulls diagnostics (textDocument/diagnostic): do not push them. */
  pull: boolean;
}

export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  peers: ClusterPeers,
  checked: () => void = () => undefined,
): DiagnosticsFeature {
  const timers = new Map<string, NodeJS.Timeout>();

  /**
   * How long each document's last check took, its reading (see `readThenYield`) included; and its last
   * check that read only the block around an edit. The check after an edit is expected to take as
   * long as the last that read as it will: the first edit after opening a large file reads a block,
   * not the whole file as the opening did.
   */
  const checkMs = new Map<string, number>();
  const aroundEditCheckMs = new Map<string, number>();
  const readMs = new Map<string, { version: number; ms: number; aroundEdit: boolean }>();
  const compute = (doc: TextDocument): LspDiagnostic[] => {
    const started = performance.now();
    const shown = check(doc);
    const read = readMs.get(doc.uri);
    const thisRead = read?.version === doc.version ? read : undefined;
    const ms = performance.now() - started + (thisRead?.ms ?? 0);
    checkMs.set(doc.uri, ms);
    if (thisRead?.aroundEdit) aroundEditCheckMs.set(doc.uri, ms);
    return shown;
  };
  const expectedCheckMs = (doc: TextDocument) =>
    (workspace.readsOnlyAroundEdits(doc) ? aroundEditCheckMs : checkMs).get(doc.uri);
  const check = (doc: TextDocument): LspDiagnostic[] =>
    runSafe<LspDiagnostic[]>(connection, `checking ${doc.uri}`, [], () => {
      const file = URI.toPath(doc.uri);
      // A YAML document: its manifests' findings (none when it holds nothing of NATS), never read as a config.
      const all = isYamlDocument(doc)
        ? peers.yaml.diagnosticsFor(doc)
        : [...workspace.check(doc).diagnostics.filter((d) => d.file === file), ...peers.diagnosticsFor(file)];
      const shown = all.slice(0, MAX_DIAGNOSTICS).map((d) => toLspDiagnostic(d, doc.uri));
      if (all.length > MAX_DIAGNOSTICS) {
        shown.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: 'more-findings',
          message:
            `${(all.length - MAX_DIAGNOSTICS).toLocaleString('en-US')} more findings are not shown ` +
            `(${all.length.toLocaleString('en-US')} in all): \`nats-conf check\` lists every one.`,
          source: 'nats-conf',
        });
      }
      runSafe(connection, 'watching included files', undefined, checked);
      return shown;
    });
  const feature: DiagnosticsFeature = {
    pull: false,
    refreshAll: () => {
      if (feature.pull) void connection.languages.diagnostics.refresh();
      else documents.all().forEach(now);
    },
  };
  /**
   * The version and findings last published per document: opening a document also reports it changed,
   * once is enough; the same findings again for the same version are not sent (after a peer's check).
   */
  const published = new Map<string, { version: number; diagnostics: LspDiagnostic[] }>();
  const publish = (doc: TextDocument) => {
    if (feature.pull) return;
    const before = published.get(doc.uri);
    const diagnostics = compute(doc);
    published.set(doc.uri, { version: doc.version, diagnostics });
    if (before?.version === doc.version && sameDiagnostics(diagnostics, before.diagnostics)) return;
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };
  /** When each document last changed, and when its check may run: a pulled check waits for it too. */
  const changedAt = new Map<string, number>();
  const checkAt = new Map<string, number>();
  /**
   * Reads the document, then lets the messages that came meanwhile (requests, newer edits) through
   * before it is checked: true when it is still the current version then. A large document's reading
   * is the first half of its check, and requests answer from the last reading without waiting for it.
   */
  const readThenYield = async (doc: TextDocument): Promise<boolean> => {
    const started = performance.now();
    const aroundEdit = !isYamlDocument(doc) && workspace.readsOnlyAroundEdits(doc);
    if (!isYamlDocument(doc)) runSafe(connection, `reading ${doc.uri}`, undefined, () => void workspace.read(doc));
    readMs.set(doc.uri, { version: doc.version, ms: performance.now() - started, aroundEdit });
    await new Promise((resolve) => setImmediate(resolve));
    return documents.get(doc.uri)?.version === doc.version;
  };
  /** The last full report pulled per document, and a counter that names each (its result id). */
  const reported = new Map<string, { resultId: string; items: LspDiagnostic[] }>();
  let results = 0;
  // Editors that pull ask again on every change, cancelling the request before: each request waits
  // until the document's check may run (the typing pause), and one cancelled meanwhile is answered
  // without a check (the editor asks again for the new version).
  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    for (;;) {
      const wait = (checkAt.get(uri) ?? 0) - Date.now();
      if (wait <= 0 || token.isCancellationRequested) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const doc = documents.get(uri);
    const current = doc && !token.isCancellationRequested && (await readThenYield(doc));
    if (token.isCancellationRequested || (doc && !current))
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    const items = doc ? compute(doc) : [];
    // As the client saw them last: say so, and send nothing (2,000 findings of a large file are 1.1 MB).
    const last = reported.get(uri);
    if (last && params.previousResultId === last.resultId && sameDiagnostics(items, last.items))
      return { kind: 'unchanged', resultId: last.resultId };
    const resultId = String(++results);
    reported.set(uri, { resultId, items });
    return { kind: 'full', resultId, items };
  });
  const now = (doc: TextDocument) => {
    clearTimeout(timers.get(doc.uri));
    timers.delete(doc.uri);
    publish(doc);
  };

  const opened = new Map<string, number>();
  documents.onDidOpen((e) => {
    opened.set(e.document.uri, e.document.version);
    now(e.document);
  });
  documents.onDidSave((e) => now(e.document));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    // Opening a document reports it changed as well: no typing to wait for then.
    let pause = 0;
    if (opened.get(uri) !== e.document.version) {
      const now = Date.now();
      pause = typingPause(now, changedAt.get(uri), expectedCheckMs(e.document));
      changedAt.set(uri, now);
      checkAt.set(uri, now + pause);
    }
    if (!feature.pull && published.get(uri)?.version === e.document.version) return;
    clearTimeout(timers.get(uri));
    const timer = setTimeout(async () => {
      const current = documents.get(uri);
      // A newer edit while this one was read replaced the timer: that edit's check publishes.
      if (current && (await readThenYield(current)) && timers.get(uri) === timer) publish(current);
      if (timers.get(uri) !== timer) return;
      timers.delete(uri);
      // Peers' cross-node findings may have changed with it.
      for (const other of documents.all()) if (other.uri !== uri && !timers.has(other.uri)) publish(other);
    }, pause);
    timers.set(uri, timer);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    workspace.forget(e.document.uri);
    published.delete(e.document.uri);
    changedAt.delete(e.document.uri);
    checkAt.delete(e.document.uri);
    checkMs.delete(e.document.uri);
    aroundEditCheckMs.delete(e.document.uri);
    readMs.delete(e.document.uri);
    opened.delete(e.document.uri);
    reported.delete(e.document.uri);
    if (!feature.pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return feature;
}
