// The language service as the editor's session uses it: open documents named by URI and
// checked at their version, with the settings that shape a check or a formatting.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LARGE_DOCUMENT_CHARS,
  LineIndex,
  createLanguageService,
  type ConfigModel,
  type Position,
  type Range,
  type Span,
  type CheckResult,
  type DocumentRef,
  type LanguageService,
  type RuleSetting,
  type ServerVersion,
} from '../service';
import { nodeHost } from '../node/nodeHost';
import { URI } from './uri';
import { editsSinceRead, readText, textLength } from './editorDocument';

export type { RuleSetting };

/** Offsets and positions of a document's text, as requests convert them. */
export interface Lines {
  offset(position: Position): number;
  range(span: Span): Range;
}

interface Settings {
  /** The release to check against (undefined: the newest known). */
  version: ServerVersion | undefined;
  /** Where nats-server runs: relative certificate paths resolve against it. */
  baseFolder: string;
  /** Per finding code: another severity, or off. */
  rules: Record<string, RuleSetting>;
  /** Formatting: the separator between keys and values. */
  separator: 'keep' | ':' | '=';
}

export class Workspace {
  readonly service: LanguageService;
  private current: Settings;

  constructor(settings: Settings) {
    this.current = settings;
    this.service = createLanguageService(this.serviceOptions(settings));
  }

  get settings(): Settings {
    return this.current;
  }

  /** New settings: every result is stale. */
  set settings(settings: Settings) {
    this.current = settings;
    this.service.configure(this.serviceOptions(settings));
  }

  private serviceOptions(s: Settings) {
    return { host: nodeHost(process.env, s.baseFolder), version: s.version, rules: s.rules, incremental: true };
  }

  /** An open document as the service takes it. */
  ref(doc: TextDocument): DocumentRef {
    // The edits since the last reading, taken before the text is handed over to be read (which resets them).
    const edited = editsSinceRead(doc);
    return { path: URI.toPath(doc.uri), text: readText(doc), version: doc.version, edited };
  }

  /**
   * An open document for a request that answers from the last reading while someone types: its
   * edits since that reading, and its text made whole only if the service reads it after all.
   */
  lastReadingRef(doc: TextDocument): DocumentRef {
    return {
      path: URI.toPath(doc.uri),
      get text() {
        return readText(doc);
      },
      version: doc.version,
      edited: editsSinceRead(doc),
    };
  }

  /** The document read at its current version (not checked): what most requests need. */
  read(doc: TextDocument): ConfigModel {
    return this.service.read(this.ref(doc));
  }

  /** After an edit, the document's next reading reads only the block around it (not the whole text). */
  readsOnlyAroundEdits(doc: TextDocument): boolean {
    return this.service.readsOnlyAroundEdits(URI.toPath(doc.uri));
  }

  /** Per large document: whether it held a carriage return when first asked about. */
  private carriageReturns = new Map<string, boolean>();

  /**
   * Offsets and positions in the document's current text. The editor's document keeps its line
   * starts up to date edit by edit, but counts a lone `\r` as a line break where nats-server does
   * not: a small text, or one with carriage returns, is indexed the service's way (per version).
   * An editor keeps a document's line endings as they are, so a large one is looked at once.
   */
  lines(doc: TextDocument): Lines {
    let returns = textLength(doc) < LARGE_DOCUMENT_CHARS || this.carriageReturns.get(doc.uri);
    if (returns === undefined) {
      returns = doc.getText().includes('\r');
      this.carriageReturns.set(doc.uri, returns);
    }
    if (!returns)
      return {
        offset: (p) => doc.offsetAt(p),
        range: (s) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) }),
      };
    const hit = this.lineIndexes.get(doc.uri);
    if (hit?.version === doc.version) return hit.lines;
    const lines = new LineIndex(doc.getText());
    this.lineIndexes.set(doc.uri, { version: doc.version, lines });
    return lines;
  }

  private lineIndexes = new Map<string, { version: number; lines: LineIndex }>();

  /** The check of a document at its current version. */
  check(doc: TextDocument): CheckResult {
    return this.service.check(this.ref(doc));
  }

  forget(uri: string): void {
    this.lineIndexes.delete(uri);
    this.carriageReturns.delete(uri);
    this.service.forget(URI.toPath(uri));
  }
}
