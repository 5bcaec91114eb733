// `include` paths: joined onto the including file's folder exactly as nats-server's
// filepath.Join does (an absolute path is joined too), and the checks nats-server lacks:
// a file that includes itself (nats-server recurses until its stack overflows) and
// chains too deep to be meant.

import * as path from 'node:path';
import { Finding } from './diagnostics';
import { IncludeNode, Span } from './tree';

/** Deeper than any real setup; stops runaway chains of distinct generated files. */
export const MAX_INCLUDE_DEPTH = 32;

/** The path nats-server opens for `include <written>` inside `includingFile`. */
export function includeTarget(includingFile: string, written: string): string {
  return path.join(path.dirname(includingFile), written);
}

/** Identity of a file for cycle detection. */
export function fileIdentity(file: string): string {
  return path.resolve(file);
}

/** Findings about the include statement itself, before the file is read. */
export function includeStatementFindings(node: IncludeNode, target: string): Finding[] {
  const findings: Finding[] = [];
  if (path.isAbsolute(node.path)) {
    findings.push({
      span: node.pathSpan,
      severity: 'warning',
      code: 'include-absolute',
      message:
        `nats-server joins include paths onto the including file's folder, even ` +
        `absolute ones: it opens '${target}'. Write the path relative to this file.`,
      origin: 'lint',
    });
  }
  return findings;
}

export function includeCycleFinding(node: IncludeNode, chain: readonly string[], target: string): Finding {
  const names = [...chain, target].map((p) => path.basename(p));
  return {
    span: node,
    severity: 'error',
    code: 'include-cycle',
    message: `include cycle: ${names.join(' → ')}. nats-server would include these files forever until it crashes.`,
    origin: 'server',
  };
}

export function includeDepthFinding(node: IncludeNode): Finding {
  return {
    span: node,
    severity: 'error',
    code: 'include-depth',
    message: `includes nest more than ${MAX_INCLUDE_DEPTH} files deep; the rest of the chain is not read.`,
    origin: 'lint',
  };
}

export function includeReadFinding(node: IncludeNode, target: string, reason: string): Finding {
  return {
    span: node.pathSpan.end > node.pathSpan.start ? node.pathSpan : node,
    severity: 'error',
    code: 'include-unreadable',
    message: `error parsing include file '${node.path}', open ${target}: ${reason}`,
    origin: 'server',
  };
}

export function includedErrorsFinding(node: IncludeNode, target: string, first: string, firstSpan?: Span): Finding {
  return {
    span: node,
    severity: 'error',
    code: 'include-errors',
    message: `error parsing include file '${node.path}': ${target} has errors (${first})`,
    origin: 'server',
    related: firstSpan
      ? [{ file: target, span: firstSpan, message: 'the first error in the included file' }]
      : undefined,
  };
}
