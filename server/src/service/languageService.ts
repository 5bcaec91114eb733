// The language service's entry point: text in, plain data out. The CLI, the language
// server and the tests all call these functions; nothing here knows about LSP or VS Code.

import { Diagnostic, compareDiagnostics, toDiagnostic } from './diagnostics';
import { ConfigHost, ConfigModel, readConfig } from './document';
import { unsuppressed } from './suppressions';
import { validateConfig } from './validation';
import { checkRules } from './rules';
import { NEWEST_VERSION, ServerVersion } from './versions';

export interface CheckOptions {
  /** The nats-server release to judge by; the newest known when omitted. */
  version?: ServerVersion;
  host: ConfigHost;
  /** Finding codes not to report (advice the user turned off). */
  disable?: readonly string[];
}

export interface CheckResult {
  model: ConfigModel;
  /** Findings of the file and of every file it includes, in file and position order. */
  diagnostics: Diagnostic[];
}

export function checkConfig(path: string, text: string, options: CheckOptions): CheckResult {
  const model = readConfig(path, text, { version: options.version ?? NEWEST_VERSION, host: options.host });
  validateConfig(model);
  checkRules(model);
  const diagnostics: Diagnostic[] = [];
  for (const file of model.files) {
    for (const finding of unsuppressed(file)) {
      if (options.disable?.includes(finding.code)) continue;
      diagnostics.push(toDiagnostic(file.path, file.lines, finding, (other) => model.files.find((f) => f.path === other)?.lines));
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { model, diagnostics };
}
