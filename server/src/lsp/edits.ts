// Answers that change text (rename, formatting, quick fixes) are computed against one version
// of a document; an editor that has moved on would apply them at stale offsets. So: refuse
// with ContentModified when the editor has already sent a newer version (the change is read,
// not yet handled), and say which version each edit is for (versioned documentChanges) where
// the editor takes them, so it can reject an answer that crossed its next edit in flight.

import * as path from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorAbilities } from './clientCapabilities';
import type { AnnouncedVersions } from './connection';

/** Edits to one file, and the version of the open document they are for (null: the file on disk). */
export interface FileEdits {
  uri: string;
  version: number | null;
  edits: TextEdit[];
}

export class EditAnswers {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly announced: AnnouncedVersions,
    private readonly editor: EditorAbilities,
  ) {}

  /** Throws ContentModified when the editor has sent another version of `doc` than the one at hand. */
  ensureLatest(doc: TextDocument, what: string): void {
    if (this.announced.changedSince(doc.uri, doc.version)) {
      throw new ResponseError(
        LSPErrorCodes.ContentModified,
        `${fileName(doc.uri)} changed after the ${what} was asked for ` +
          `(its version ${doc.version} is no longer the latest): ask again.`,
      );
    }
  }

  /**
   * The edits to a file the service read from disk (an included file): for its open document
   * if it holds the same text, refused if it holds other text (unsaved changes the offsets do not match).
   */
  forFileOnDisk(uri: string, textRead: string, edits: TextEdit[], what: string): FileEdits {
    const open = this.documents.get(uri);
    if (!open) return { uri, version: null, edits };
    this.ensureLatest(open, what);
    if (open.getText() !== textRead) {
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `${fileName(uri)} has changes that are not saved: save it, then ${what} again.`,
      );
    }
    return { uri, version: open.version, edits };
  }

  /** A WorkspaceEdit: versioned documentChanges where the editor takes them, else changes by URI. */
  workspaceEdit(files: FileEdits[]): WorkspaceEdit {
    if (this.editor.documentChanges) {
      return {
        documentChanges: files.map((f) => ({ textDocument: { uri: f.uri, version: f.version }, edits: f.edits })),
      };
    }
    const changes: Record<string, TextEdit[]> = {};
    for (const f of files) (changes[f.uri] ??= []).push(...f.edits);
    return { changes };
  }
}

/** The file name a URI ends with, for messages. */
function fileName(uri: string): string {
  try {
    return path.posix.basename(decodeURIComponent(uri));
  } catch {
    return path.posix.basename(uri);
  }
}
