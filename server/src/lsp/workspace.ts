// The language service as the editor's session uses it: open documents named by URI and
// checked at their version, with the settings that shape a check or a formatting.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createLanguageService,
  type CheckResult,
  type DocumentRef,
  type LanguageService,
  type RuleSetting,
  type ServerVersion,
} from '../service';
import { nodeHost } from '../node/nodeHost';
import { URI } from './uri';

export type { RuleSetting };

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
    return { host: nodeHost(process.env, s.baseFolder), version: s.version, rules: s.rules };
  }

  /** An open document as the service takes it. */
  ref(doc: TextDocument): DocumentRef {
    return { path: URI.toPath(doc.uri), text: doc.getText(), version: doc.version };
  }

  /** The check of a document at its current version. */
  check(doc: TextDocument): CheckResult {
    return this.service.check(this.ref(doc));
  }

  forget(uri: string): void {
    this.service.forget(URI.toPath(uri));
  }
}
