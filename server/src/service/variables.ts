// `$NAME` references, resolved as nats-server resolves them (conf/parse.go
// lookupVariable): the bcrypt special case `$2a$…`, then the keys already read in the
// enclosing maps (innermost first; arrays are not scopes), then the process
// environment, whose value is read again as a config value.

import { Finding } from './diagnostics';
import { parseConfig } from './parser';
import { KeyValueNode, ValueNode } from './tree';
import { SyntaxRules } from './versions';
import { isBcryptReference, looksLikeBcryptReference } from './shared/bcrypt';
import type { FindingCode } from './findingCodes';

export interface KeyDefinition {
  entry: KeyValueNode;
  /** The file the key was written in (an included file's keys count where they are included). */
  file: string;
}

export type VariableBinding =
  | { kind: 'key'; definition: KeyDefinition }
  | {
      kind: 'environment';
      name: string;
      text: string;
      value: ValueNode | undefined;
      /** Set where the deployment defines it but its value is not known here (`unknownValue`). */
      unknown?: true;
    }
  | { kind: 'bcrypt'; value: string };

/**
 * The keys visible at a point of the file: those read so far in the maps that enclose it.
 * One flat stack (a map's keys are dropped when it closes), since keys are defined far
 * more often than looked up.
 */
export class ScopeChain {
  private readonly names: string[] = [];
  private readonly entries: KeyValueNode[] = [];
  private readonly files: string[] = [];
  private readonly marks: number[] = [];

  push(): void {
    this.marks.push(this.names.length);
  }

  pop(): void {
    const mark = this.marks.pop() ?? 0;
    this.names.length = mark;
    this.entries.length = mark;
    this.files.length = mark;
  }

  /** Later keys replace earlier ones, as in nats-server's map. Names match exactly (case too). */
  define(name: string, entry: KeyValueNode, file: string): void {
    this.names.push(name);
    this.entries.push(entry);
    this.files.push(file);
  }

  lookup(name: string): KeyDefinition | undefined {
    for (let i = this.names.length - 1; i >= 0; i--) {
      if (this.names[i] === name) return { entry: this.entries[i], file: this.files[i] };
    }
    return undefined;
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * A variable a deployment defines (from a Secret not given, the shell that runs Compose) whose value
 * is not known here. A NUL starts it, which no real environment value holds: the reference reads as
 * the stand-in text after it, and no finding is made of its value's form.
 */
export function unknownValue(standIn: string): string {
  return '\0' + standIn;
}

export const isUnknownValue = (text: string): boolean => text.charCodeAt(0) === 0;

type LookupResult = { binding: VariableBinding } | { error: string; code: FindingCode };

/**
 * Resolves one reference. `line` is the reference's 1-based line, for nats-server's wording.
 * `active` holds the environment names being expanded, to catch cycles.
 */
export function lookupVariable(
  name: string,
  line: number,
  scopes: ScopeChain,
  env: Environment,
  rules: SyntaxRules,
  active: Set<string> = new Set(),
): LookupResult {
  if (isBcryptReference(name)) return { binding: { kind: 'bcrypt', value: '$' + name } };
  const definition = scopes.lookup(name);
  if (definition) return { binding: { kind: 'key', definition } };
  if (active.has(name)) {
    const crash = rules.envCycleDetected
      ? ''
      : ' (this nats-server version does not detect the cycle and crashes with a stack overflow)';
    return { error: `variable reference cycle for '${name}'${crash}`, code: 'variable-cycle' };
  }
  let text = env[name];
  if (text === undefined) return { error: notFound(name, line), code: notFoundCode(name) };
  let unknown = isUnknownValue(text);
  if (unknown) text = text.slice(1);
  // nats-server reads the value as the text of `pk=<value>`.
  const parsed = parseConfig(`pk=${text}`, rules);
  const failure = parsed.findings.find((f) => f.origin === 'server' && f.severity === 'error');
  if (failure) {
    return {
      error: `variable reference for '${name}' on line ${line} could not be parsed: ${failure.message}`,
      code: 'variable-environment',
    };
  }
  const entry = parsed.tree.root.entries.find((e): e is KeyValueNode => e.kind === 'keyValue' && e.key === 'pk');
  let value = entry?.value;
  if (value?.kind === 'variable') {
    active.add(name);
    const inner = lookupVariable(value.name, 1, new ScopeChain(), env, rules, active);
    active.delete(name);
    if ('error' in inner)
      return {
        error: `variable reference for '${name}' on line ${line} could not be parsed: ${inner.error}`,
        code: inner.code,
      };
    if (inner.binding.kind === 'environment' && inner.binding.unknown) unknown = true;
    value = bindingValue(inner.binding);
  }
  return { binding: { kind: 'environment', name, text, value, ...(unknown && { unknown }) } };
}

/** The value a binding stands for (undefined for a key with no value). */
export function bindingValue(b: VariableBinding): ValueNode | undefined {
  switch (b.kind) {
    case 'key':
      return b.definition.entry.value;
    case 'environment':
      return b.value;
    case 'bcrypt':
      return { kind: 'string', value: b.value, quote: 'none', start: 0, end: 0 };
  }
}

function notFound(name: string, line: number): string {
  const base = `variable reference for '${name}' on line ${line} can not be found`;
  if (name.startsWith('{'))
    return `${base}: nats-server has no \${VAR} syntax; write $${name.slice(1).replace(/}$/, '')}`;
  if (looksLikeBcryptReference(name)) return `${base}: a bcrypt hash other than $2a$ must be quoted ("$${name}")`;
  if (name === '') return `${base}: a lone '$' starts a variable reference`;
  return base;
}

function notFoundCode(name: string): FindingCode {
  if (name.startsWith('{')) return 'variable-braces';
  if (looksLikeBcryptReference(name)) return 'bcrypt-unquoted';
  return 'variable-undefined';
}

/** A quoted `"$NAME"` is literal text in nats-server; say so, since it is rarely meant. */
export function quotedVariableFinding(node: ValueNode): Finding | undefined {
  if (
    node.kind !== 'string' ||
    node.value.charCodeAt(0) !== 0x24 ||
    (node.quote !== 'double' && node.quote !== 'single')
  )
    return undefined;
  if (!/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(node.value)) return undefined;
  return {
    span: node,
    severity: 'warning',
    code: 'quoted-variable',
    message:
      `nats-server does not expand variables inside quotes: this is the ` +
      `literal text '${node.value}'. Remove the quotes to use the variable.`,
    origin: 'lint',
  };
}
