// What nats-server refuses on its command line (Go's flag package, then its own checks of the
// values), in a Compose service's `command:` or a Kubernetes container's `command`/`args`: it
// prints the message and exits before it reads the config.

import type { Diagnostic } from '../../diagnostics';
import type { FindingCode } from '../../findingCodes';
import type { Span } from '../../tree';
import type { YamlFile } from '../../yaml/yamlFile';
import type { FlagErrorKind, ParsedFlags } from '../flags';

/** @public The finding codes this file reports. */
export const codes = [
  'flag-unknown',
  'flag-value',
  'flag-argument',
  'flag-refused',
] as const satisfies readonly FindingCode[];

const FLAG_CODES: Record<FlagErrorKind, FindingCode> = {
  unknown: 'flag-unknown',
  value: 'flag-value',
  argument: 'flag-argument',
  refused: 'flag-refused',
};

/** One refusal, at its place in the YAML. */
export function flagFinding(file: YamlFile, span: Span, kind: FlagErrorKind, message: string): Diagnostic {
  return {
    file: file.path,
    range: file.lines.range(span),
    severity: 'error',
    code: FLAG_CODES[kind],
    message,
    origin: 'server',
  };
}

/** Every refusal of a parsed command line, in nats-server's words; `who` names the service or container. */
export function flagFindings(file: YamlFile, flags: ParsedFlags, who: string): Diagnostic[] {
  return flags.errors.map((e) => flagFinding(file, e.span, e.kind, `nats-server: ${e.message} (${who})`));
}
