// Diagnostics: pushed on open and save at once, and after a short pause while typing.

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

/** An editor cannot show more per file (a generated file of a million unknown keys would stall it). */
const MAX_DIAGNOSTICS = 2000;

/** Pause after the last keystroke before a document is checked again. */
const TYPING_DELAY_MS = 100;

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

  const compute = (doc: TextDocument): LspDiagnostic[] =>
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
  /** The version last published per document: opening a document also reports it changed, once is enough. */
  const published = new Map<string, number>();
  const publish = (doc: TextDocument) => {
    if (feature.pull) return;
    published.set(doc.uri, doc.version);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: compute(doc) });
  };
  /** When each document last changed: a pulled check waits for a pause in the typing too. */
  const changedAt = new Map<string, number>();
  // Editors that pull ask again on every change, cancelling the request before: each request waits
  // until the document has been still for the typing pause, and one cancelled meanwhile is answered
  // without a check (the editor asks again for the new version).
  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    for (;;) {
      const wait = (changedAt.get(uri) ?? 0) + TYPING_DELAY_MS - Date.now();
      if (wait <= 0 || token.isCancellationRequested) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (token.isCancellationRequested)
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    const doc = documents.get(uri);
    return { kind: 'full', items: doc ? compute(doc) : [] };
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
    // Opening a document reports it changed as well: no typing to wait for then.
    if (opened.get(e.document.uri) !== e.document.version) changedAt.set(e.document.uri, Date.now());
    if (!feature.pull && published.get(e.document.uri) === e.document.version) return;
    clearTimeout(timers.get(e.document.uri));
    timers.set(
      e.document.uri,
      setTimeout(() => {
        timers.delete(e.document.uri);
        const current = documents.get(e.document.uri);
        if (current) publish(current);
        // Peers' cross-node findings may have changed with it.
        for (const other of documents.all()) if (other.uri !== e.document.uri && !timers.has(other.uri)) publish(other);
      }, TYPING_DELAY_MS),
    );
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    workspace.forget(e.document.uri);
    published.delete(e.document.uri);
    changedAt.delete(e.document.uri);
    opened.delete(e.document.uri);
    if (!feature.pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return feature;
}
