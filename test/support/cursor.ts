// A config with its cursor marked, opened in a language service: what the feature tests
// (completion, hover, navigation, selection, rename…) ask the service about.
//
//   const { service, doc, offset } = at('cluster {\n  |\n}\n');
//   service.complete(doc, offset);

import {
  createLanguageService,
  parseServerVersion,
  type CheckResult,
  type DocumentRef,
  type LanguageService,
} from '../../server/src/service';
import { memoryHost } from './service';

/** The cursor marker, unless a test names another (for a config that holds a `|` itself). */
export const MARKER = '|';

export interface OpenOptions {
  /** Other files the host holds (includes, certificates), by path. */
  files?: Record<string, string>;
  /** The environment `$VARIABLES` are looked up in. */
  env?: Record<string, string>;
  /** The nats-server release to judge by (`2.10`, `2.9.22`); the newest known when omitted. */
  version?: string;
  /** The document's path (default `main.conf`). */
  path?: string;
}

export interface Opened {
  service: LanguageService;
  doc: DocumentRef;
  /** `service.check(doc)`: the model and the findings. */
  result: CheckResult;
}

export interface AtCursor extends Opened {
  /** The cursor's offset in `doc.text` (UTF-16 code units). */
  offset: number;
}

/** The text without its marker, and where the marker was. Throws unless it is there exactly once. */
export function cursorOffset(marked: string, marker = MARKER): { text: string; offset: number } {
  if (marker === '') throw new Error('the cursor marker cannot be empty');
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker '${marker}' in the config ${JSON.stringify(marked)}`);
  const again = marked.indexOf(marker, offset + marker.length);
  if (again >= 0) {
    const where = `(at ${offset} and ${again}) in ${JSON.stringify(marked)}`;
    throw new Error(
      `the cursor marker '${marker}' appears more than once ${where}: mark one place, or pass another marker`,
    );
  }
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/** A config (no cursor) opened in a service of its own, with the other files in memory. */
export function open(text: string, options: OpenOptions = {}): Opened {
  const path = options.path ?? 'main.conf';
  const host = memoryHost({ [path]: text, ...options.files }, options.env);
  const version = options.version === undefined ? undefined : parseServerVersion(options.version);
  if (options.version !== undefined && !version) throw new Error(`not a release: ${options.version}`);
  const service = createLanguageService({ host, version });
  const doc: DocumentRef = { path, text };
  return { service, doc, result: service.check(doc) };
}

/** A config with the cursor marked by `|` (exactly once), opened in a service of its own. */
export function at(marked: string, options: OpenOptions & { marker?: string } = {}): AtCursor {
  const { text, offset } = cursorOffset(marked, options.marker);
  return { ...open(text, options), offset };
}
