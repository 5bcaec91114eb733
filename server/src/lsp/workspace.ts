// The documents the editor has open, each checked once per version (results cached), with
// the settings that shape a check.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkConfig, type CheckResult, type Diagnostic, type ServerVersion } from '../service';
import { nodeHost } from '../node/nodeHost';
import { URI } from './uri';

export type RuleSetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
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
  private readonly cache = new Map<string, { version: number; result: CheckResult }>();

  constructor(public settings: Settings) {}

  /** The check of a document at its current version. */
  check(doc: TextDocument): CheckResult {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    const off = Object.entries(this.settings.rules)
      .filter(([, v]) => v === 'off')
      .map(([code]) => code);
    const result = checkConfig(URI.toPath(doc.uri), doc.getText(), {
      host: nodeHost(process.env, this.settings.baseFolder),
      version: this.settings.version,
      disable: off,
    });
    this.adjust(result.diagnostics);
    this.cache.set(doc.uri, { version: doc.version, result });
    return result;
  }

  /** The user's per-rule settings applied: codes turned off dropped, severities changed. */
  adjust(diagnostics: Diagnostic[]): Diagnostic[] {
    const kept = diagnostics.filter((d) => this.settings.rules[d.code] !== 'off');
    for (const d of kept) {
      const override = this.settings.rules[d.code];
      if (override && override !== 'off') d.severity = override;
    }
    return kept;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Settings changed: every result is stale. */
  invalidate(): void {
    this.cache.clear();
  }
}
