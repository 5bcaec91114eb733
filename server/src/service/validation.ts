// Checks a read configuration against the option catalogue, as nats-server's option
// processing would for the chosen release: unknown keys, value types, the unit traps
// (durations written as sizes or plain numbers, quoted sizes), enumerations and ranges.

import {
  availableIn,
  block,
  findOption,
  sinceText,
  suggestions,
  type BlockId,
  type BlockSpec,
  type DurationValue,
  type OptionSpec,
  type SizeValue,
  type StringValue,
  type ValueSpec,
  type IntegerValue,
} from './catalogue/catalogue';
import { Finding } from './diagnostics';
import { ConfigFile, ConfigModel, resolveValue, standsAlone } from './document';
import { quotedVariableFinding } from './variables';
import { parseListenString } from './listeners';
import { describeSeconds, parseGoDuration } from './durations';
import { dirname, isAbsolute, join } from 'node:path';
import { serverPath } from './shared/serverPaths';
import { ArrayNode, KeyValueNode, MapNode, Span, ValueNode, keySpan } from './tree';
import { compareVersions, formatVersion, type ServerVersion } from './versions';
import { keepSubtreeRecord, keptFindings, subtreeRecord, takeOverFindings } from './subtreeMemo';
import { describeForm, describeForms } from './catalogue/describe';

/** Names NATS gives its own accounts and subject spaces: "$SYS" written in quotes means just that. */
const NATS_DOLLAR_NAMES = new Set([
  'SYS',
  'G',
  'JS',
  'KV',
  'O',
  'OBJ',
  'MQTT',
  'NRG',
  'JSC',
  'GR',
  'LDS',
  'SRV',
  'ACC',
  'JSAPI',
]);

/** An option a key names, available in the release checked, with the forms that release reads. */
interface KnownOption {
  option: OptionSpec;
  read: readonly ValueSpec[];
}

/** Keys remembered per block and check: enough for every spelling in use, bounded for generated keys. */
const KNOWN_KEYS_KEPT = 4096;

/** How a validation went: maps checked entry by entry, and maps whose findings were taken over. */
interface ValidationStats {
  checked: number;
  reused: number;
}

/**
 * Adds the catalogue findings of every file of the model to that file's findings; `remember`: keeps
 * what was found per block, and takes over what a check of an earlier reading found in the blocks
 * left alone.
 */
export function validateConfig(model: ConfigModel, remember = false): ValidationStats {
  const validator = new Validator(model, remember);
  validator.run();
  return { checked: validator.checked, reused: validator.reused };
}

/**
 * Maps this deep (the top level is 0; an array counts as a level) keep what was found in them for
 * the next reading (subtreeMemo.ts): the blocks an edit leaves alone, such as the accounts beside
 * the one edited, without a record for each of their thousands of users.
 */
const RECORDED_DEPTH = 3;

/** What validation found in a map and under it (subtreeMemo.ts). */
interface SubtreeRecord {
  /** What the map was checked as, and for which release. */
  blockId: BlockId;
  version: ServerVersion;
  /** Every finding of the map and what it holds, spans counted from the map's start. */
  findings: Finding[];
  /** Unknown keys looked up for a "did you mean" (each check has a budget of them). */
  suggestions: number;
  /** A message names a line: taken over only while the map starts on the same line. */
  line: number | undefined;
}

/** A map whose findings are being gathered: those added since `from`, until the queue is back to `height`. */
interface OpenRecord {
  map: MapNode;
  blockId: BlockId;
  file: ConfigFile;
  height: number;
  from: number;
  suggestions: number;
  contextReads: number;
  lineReads: number;
  exhausted: number;
}

class Validator {
  /**
   * The maps still to check, with the block each is checked as and its file (a stack, in three
   * arrays: one object less for each of the tens of thousands of maps of large configs).
   */
  private readonly queuedMaps: MapNode[] = [];
  private readonly queuedBlocks: BlockId[] = [];
  private readonly queuedFiles: ConfigFile[] = [];
  private readonly queuedDepths: number[] = [];
  /** The depth of the map being checked, and how many arrays deep in it the value being checked is. */
  private depth = 0;
  private arrays = 0;
  /**
   * Findings are taken over from the last reading's, and kept for the next one, only in a file that
   * stands alone: no include, no `$reference` (what a map means depends on nothing outside it).
   */
  private readonly memo: boolean;
  private readonly open: OpenRecord[] = [];
  /** Counts of what makes a map's findings depend on more than the map (never kept), or on its line. */
  private contextReads = 0;
  private lineReads = 0;
  private suggestionLookups = 0;
  /** Unknown keys met after the suggestion budget ran out. */
  private exhausted = 0;
  checked = 0;
  reused = 0;
  /** Per block, the keys already met that name an available option (large configs repeat a few keys). */
  private readonly knownKeys = new Map<BlockId, Map<string, KnownOption>>();
  /** An included file validated in a given block once, however often it is included there. */
  private readonly seen = new Set<string>();
  /** Unknown keys that still get a "did you mean": bounds the work on generated or garbage files. */
  private suggestionsLeft = 2_000;

  constructor(
    private readonly model: ConfigModel,
    remember: boolean,
  ) {
    this.memo = remember && standsAlone(model);
  }

  /** A map to check, held by the map being checked (or the top level: `depth` 0). */
  private enqueue(map: MapNode, blockId: BlockId, file: ConfigFile, depth = this.depth + 1 + this.arrays): void {
    this.queuedMaps.push(map);
    this.queuedBlocks.push(blockId);
    this.queuedFiles.push(file);
    this.queuedDepths.push(depth);
  }

  run(): void {
    this.enqueue(this.model.root.tree.root, 'top', this.model.root, 0);
    while (this.queuedMaps.length > 0) {
      if (this.open.length > 0) this.closeRecords(this.queuedMaps.length);
      const map = this.queuedMaps.pop()!;
      const blockId = this.queuedBlocks.pop()!;
      const file = this.queuedFiles.pop()!;
      const depth = this.queuedDepths.pop()!;
      if (this.memo && this.takeOver(map, blockId, file)) continue;
      const spec = block(blockId);
      if (!spec) continue;
      this.checked++;
      this.depth = depth;
      if (this.memo && depth >= 1 && depth <= RECORDED_DEPTH) {
        this.open.push({
          map,
          blockId,
          file,
          height: this.queuedMaps.length,
          from: file.findings.length,
          suggestions: this.suggestionLookups,
          contextReads: this.contextReads,
          lineReads: this.lineReads,
          exhausted: this.exhausted,
        });
      }
      let known = this.knownKeys.get(blockId);
      if (!known) this.knownKeys.set(blockId, (known = new Map()));
      const entries = map.entries;
      // A key set again later in the same map never reaches nats-server's option processing.
      const last = entries.length > 16 ? lastIndexByKey(map) : undefined;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (entry.kind === 'keyValue') {
          if (!entry.value) continue;
          const laterAt = last
            ? last.get(entry.key) !== i
              ? (entries[last.get(entry.key)!] as KeyValueNode)
              : undefined
            : setLater(map, i, entry.key);
          if (laterAt) {
            this.lineReads++;
            this.report(file, {
              span: keySpan(entry),
              severity: 'warning',
              code: 'duplicate-key',
              message:
                `'${entry.key}' is set again on line ${file.lines.lineNumber(laterAt.start)}: ` +
                `nats-server keeps only the last value, so this one has no effect.`,
              origin: 'lint',
              related: [{ span: keySpan(laterAt), message: 'the value nats-server keeps' }],
            });
            continue; // it never reaches nats-server's option processing
          }
        }
        if (entry.kind === 'include') {
          const included = this.model.includes.get(entry)?.file;
          const key = `${included?.path}\0${blockId}`;
          if (included && !this.seen.has(key)) {
            this.seen.add(key);
            this.enqueue(included.tree.root, blockId, included);
          }
          continue;
        }
        const option = known.get(entry.key);
        if (option)
          this.value(entry, option.option.values, option.option.name, file, option.option, undefined, option.read);
        else this.entry(entry, spec, file, known);
      }
    }
    this.closeRecords(0);
  }

  /**
   * Keeps what was found in each map whose part of the queue is done (the queue back to its height):
   * its findings are those added since it was taken off the queue.
   */
  private closeRecords(height: number): void {
    const open = this.open;
    while (open.length > 0 && open[open.length - 1].height >= height) {
      const r = open.pop()!;
      // Depending on the environment, the file system or the keys of the whole file, or with a
      // suggestion refused for want of budget: checked again every time.
      const kept = r.contextReads === this.contextReads && r.exhausted === this.exhausted;
      keepSubtreeRecord(
        r.map,
        'validation',
        kept
          ? {
              blockId: r.blockId,
              version: this.model.version,
              findings: keptFindings(r.file.findings, r.from, r.map),
              suggestions: this.suggestionLookups - r.suggestions,
              line: r.lineReads === this.lineReads ? undefined : r.file.lines.lineNumber(r.map.start),
            }
          : undefined,
      );
    }
  }

  /** Takes over the findings of a map unchanged since the last reading's check: true when it did. */
  private takeOver(map: MapNode, blockId: BlockId, file: ConfigFile): boolean {
    const record = subtreeRecord<SubtreeRecord>(map, 'validation');
    if (!record || record.blockId !== blockId || compareVersions(record.version, this.model.version) !== 0)
      return false;
    // Each unknown key gets its "did you mean" while the budget lasts: only if it lasts for all of them.
    if (record.suggestions > this.suggestionsLeft) return false;
    if (record.line !== undefined && file.lines.lineNumber(map.start) !== record.line) return false;
    takeOverFindings(file.findings, record.findings, map);
    this.suggestionsLeft -= record.suggestions;
    this.suggestionLookups += record.suggestions;
    if (record.line !== undefined) this.lineReads++;
    this.reused++;
    return true;
  }

  private report(file: ConfigFile, finding: Finding): void {
    file.findings.push(finding);
  }

  /** Checks an entry whose key is not yet `known` in its block (remembered there when it names an available option). */
  private entry(entry: KeyValueNode, spec: BlockSpec, file: ConfigFile, known: Map<string, KnownOption>): void {
    const option = findOption(spec.id, entry.key);
    const version = this.model.version;
    if (!option) {
      if (spec.additionalKeys) {
        this.value(entry, spec.additionalKeys.values, `${entry.key}`, file);
        return;
      }
      if (spec.variablesExempt !== false && this.model.usedAsVariable.has(entry)) return;
      // Suggestions are for typos a person made: a file of thousands of unknown keys is something else.
      this.suggestionLookups++;
      if (this.suggestionsLeft <= 0) this.exhausted++;
      const [suggestion] = this.suggestionsLeft-- > 0 ? suggestions(spec.id, entry.key, version) : [];
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      this.report(file, {
        span: keySpan(entry),
        severity: 'error',
        code: 'unknown-key',
        message: `${unknownField(spec, shown(entry.key))}: ${spec.title} has no option '${shown(entry.key)}'.${hint}`,
        origin: 'server',
        fixes: suggestion
          ? [
              {
                title: `Change to '${suggestion}'`,
                edits: [{ span: keySpan(entry), newText: entry.keyQuoted ? `"${suggestion}"` : suggestion }],
              },
            ]
          : undefined,
      });
      return;
    }
    if (!availableIn(option, version)) {
      this.report(file, {
        span: keySpan(entry),
        severity: 'error',
        code: 'option-version',
        message:
          `${unknownField(spec, entry.key)}: '${option.name}' is available since ` +
          `nats-server ${sinceText(option.since)}, not in ${formatVersion(version)}.`,
        origin: 'server',
      });
      return;
    }
    const read = this.formsRead(option.values);
    if (known.size < KNOWN_KEYS_KEPT) known.set(entry.key, { option, read });
    this.value(entry, option.values, option.name, file, option, undefined, read);
  }

  /** Checks one value (of an entry, or an array item) against the forms it may take. */
  private value(
    entry: KeyValueNode,
    forms: readonly ValueSpec[],
    name: string,
    file: ConfigFile,
    option?: OptionSpec,
    node?: ValueNode,
    read: readonly ValueSpec[] = this.formsRead(forms),
  ): void {
    const written = node ?? entry.value;
    if (!written) return;
    // A $reference stands for the value it resolves to; report at the reference.
    const value = written.kind === 'variable' ? this.resolve(written) : written;
    if (!value) return;
    const at: Span = written;
    for (const form of preferred(value, read)) {
      const verdict = this.match(value, form, name, at, file, option);
      if (verdict !== 'mismatch') return;
    }
    if (this.unreadForm(value, forms, read, name, at, file)) return;
    this.report(file, {
      span: at,
      severity: 'error',
      code: 'value-type',
      message: `'${name}' expects ${describeForms(forms)}; found ${describeValue(value)}.`,
      origin: 'server',
    });
  }

  /** The forms of each option already asked about, as the chosen release reads them. */
  private readonly read = new Map<readonly ValueSpec[], readonly ValueSpec[]>();

  /** The forms the chosen release reads (worked out once per option and check). */
  private formsRead(forms: readonly ValueSpec[]): readonly ValueSpec[] {
    let read = this.read.get(forms);
    if (!read) this.read.set(forms, (read = this.formsReadNow(forms)));
    return read;
  }

  private formsReadNow(forms: readonly ValueSpec[]): readonly ValueSpec[] {
    if (!forms.some((f) => f.since !== undefined || f.until !== undefined || f.unread !== undefined)) return forms;
    return forms.filter(
      (f) =>
        !(f.unread !== undefined && f.since === undefined && f.until === undefined) &&
        availableIn(f, this.model.version),
    );
  }

  /**
   * A value of a form other releases read but this one does not: refused (`reconnect:
   * "1s"` before 2.10.12), or taken without a word and replaced (a string timeout before
   * 2.11.2 is 1 second). True when reported.
   */
  private unreadForm(
    value: ValueNode,
    forms: readonly ValueSpec[],
    read: readonly ValueSpec[],
    name: string,
    at: Span,
    file: ConfigFile,
  ): boolean {
    const form = forms.find((f) => !read.includes(f) && kindFits(value, f));
    if (!form) return false;
    const release = formatVersion(this.model.version);
    const when =
      form.since !== undefined
        ? ` (such a value is read from ${sinceText(form.since)} on)`
        : form.until !== undefined
          ? ` (such a value is read before ${form.until} only)`
          : '';
    // A duration where whole seconds are read: say the number to write.
    const ns =
      value.kind === 'string' &&
      form.type === 'duration' &&
      read.some((f) => f.type === 'integer' && f.unit === 'seconds')
        ? parseGoDuration(value.value)
        : undefined;
    const seconds = ns !== undefined && ns % 1e9 === 0 ? ns / 1e9 : undefined;
    const advice = seconds !== undefined ? ` Write ${seconds} (seconds).` : '';
    const fixes =
      seconds !== undefined && at === value
        ? [{ title: `Write it as seconds: ${seconds}`, edits: [{ span: value, newText: String(seconds) }] }]
        : undefined;
    if (form.unread !== undefined) {
      this.report(file, {
        span: at,
        severity: 'warning',
        code: 'value-unread',
        message:
          `'${name}': nats-server ${release} does not ` +
          `read ${describeValue(value)} here${when}: it ${form.unread}.${advice}`,
        origin: 'lint',
        fixes,
      });
    } else {
      const expected = describeForms(read, { releases: false });
      this.report(file, {
        span: at,
        severity: 'error',
        code: 'value-version',
        message:
          `'${name}' expects ${expected} in nats-server ${release}; ` +
          `it refuses ${describeValue(value)}${when}.${advice}`,
        origin: 'server',
        fixes,
      });
    }
    return true;
  }

  private resolve(node: ValueNode): ValueNode | undefined {
    return resolveValue(this.model, node);
  }

  /** 'ok' (including findings reported here), or 'mismatch' when the form does not apply. */
  private match(
    value: ValueNode,
    form: ValueSpec,
    name: string,
    at: Span,
    file: ConfigFile,
    option?: OptionSpec,
  ): 'ok' | 'mismatch' {
    switch (form.type) {
      case 'string':
        if (value.kind !== 'string') return 'mismatch';
        this.stringValue(value.value, form, name, at, file);
        if (value === at) this.stringAdvice(value, form, name, file);
        return 'ok';
      case 'boolean':
        return value.kind === 'bool' ? 'ok' : 'mismatch';
      case 'float':
        if (value.kind !== 'float' && value.kind !== 'integer') return 'mismatch';
        this.range(value.value, form.min, form.max, name, at, file);
        return 'ok';
      case 'integer':
        if (value.kind !== 'integer') return 'mismatch';
        this.integerValue(value, form, name, at, file);
        return 'ok';
      case 'size':
        return this.sizeValue(value, form, name, at, file);
      case 'duration':
        return this.durationValue(value, form, name, at, file);
      case 'datetime':
        return value.kind === 'datetime' ? 'ok' : 'mismatch';
      case 'map':
        if (value.kind !== 'map') return 'mismatch';
        this.enqueue(value, form.block, file);
        return 'ok';
      case 'array':
        if (value.kind !== 'array') return 'mismatch';
        if (form.minItems !== undefined && value.items.length < form.minItems) {
          this.report(file, {
            span: at,
            severity: 'error',
            code: 'value-range',
            message: `'${name}' cannot be empty.`,
            origin: 'server',
          });
        }
        this.arrayValue(value, form.items, name, file, option);
        return 'ok';
    }
  }

  private arrayValue(
    array: ArrayNode,
    items: readonly ValueSpec[],
    name: string,
    file: ConfigFile,
    option?: OptionSpec,
  ): void {
    this.arrays++;
    for (const item of array.items) {
      const value = item.kind === 'variable' ? this.resolve(item) : item;
      if (!value) continue;
      let matched = false;
      for (const form of preferred(value, items)) {
        if (this.match(value, form, name, item, file, option) !== 'mismatch') {
          matched = true;
          break;
        }
      }
      if (!matched) {
        this.report(file, {
          span: item,
          severity: 'error',
          code: 'value-type',
          message: `'${name}' expects ${describeForm({ type: 'array', items })}; found ${describeValue(value)} in it.`,
          origin: 'server',
        });
      }
    }
    this.arrays--;
  }

  /** Advice on a string written in the file (not reached through a variable). */
  private stringAdvice(
    value: Extract<ValueNode, { kind: 'string' }>,
    form: StringValue,
    name: string,
    file: ConfigFile,
  ): void {
    const quoted = quotedVariableFinding(value);
    if (quoted && this.variableMeant(value.value.slice(1), form)) this.report(file, quoted);
  }

  /**
   * Whether a quoted "$NAME" was plausibly meant as a variable: the name is defined (a key
   * of the config, or in the environment), or the option takes free text and the name is
   * none of the literal names NATS itself gives accounts and subjects ($SYS, $G, …).
   */
  private variableMeant(name: string, form: StringValue): boolean {
    this.contextReads++;
    if (this.model.host.env[name] !== undefined || this.definedKeys().has(name)) return true;
    if (form.format === 'account' || form.format === 'subject') return false;
    return !NATS_DOLLAR_NAMES.has(name.toUpperCase());
  }

  private keys: Set<string> | undefined;

  /**
   * Every key holding a plain value, in every file read (variables may be defined in any enclosing block or
   * include).
   */
  private definedKeys(): Set<string> {
    if (this.keys) return this.keys;
    const keys = (this.keys = new Set<string>());
    for (const file of this.model.files) {
      const values: ValueNode[] = [file.tree.root];
      while (values.length > 0) {
        const v = values.pop()!;
        if (v.kind === 'array') values.push(...v.items);
        if (v.kind !== 'map') continue;
        for (const e of v.entries) {
          if (e.kind !== 'keyValue' || !e.value) continue;
          // A block (an account named SYS) is no value a string option could have meant.
          if (e.value.kind === 'map' || e.value.kind === 'array') values.push(e.value);
          else keys.add(e.key);
        }
      }
    }
    return keys;
  }

  private stringValue(text: string, form: StringValue, name: string, at: Span, file: ConfigFile): void {
    if (form.mustExist) this.fileExists(text, name, at, file, form.mustExist === 'later');
    if (form.format === 'listen') {
      const address = parseListenString(text);
      if ('error' in address)
        this.report(file, {
          span: at,
          severity: 'error',
          code: 'listen-syntax',
          message:
            `${address.error}: '${name}' takes "host:port" (an ` +
            `IPv6 host in brackets: "[::1]:4222") or a port number.`,
          origin: 'server',
        });
    }
    if (!form.enum) return;
    const found = form.caseSensitive
      ? form.enum.includes(text)
      : form.enum.some((e) => e.toLowerCase() === text.toLowerCase());
    if (found) return;
    this.report(file, {
      span: at,
      severity: 'error',
      code: 'value-enum',
      message:
        `'${name}' must be one of ${form.enum.map((e) => `'${e}'`).join(', ')}` +
        `${form.caseSensitive ? ' (exactly so written)' : ''}; found '${text}'.`,
      origin: 'server',
    });
  }

  /**
   * A file nats-server opens while reading the config (so `nats-server -t` fails without
   * it). Relative paths resolve against nats-server's working directory, not the config's
   * folder, which is a common surprise: say so when the file is there instead.
   */
  private fileExists(text: string, name: string, at: Span, file: ConfigFile, whenUsed: boolean): void {
    this.contextReads++;
    const host = this.model.host;
    if (!host.fileStatus || text === '' || text.startsWith('eyJ')) return; // eyJ…: an inline JWT
    const cwd = host.cwd ?? '.';
    const target = serverPath(host, text);
    const status = host.fileStatus(target);
    if (status === 'file') return;
    const reason =
      status === 'missing'
        ? 'no such file or directory'
        : status === 'directory'
          ? 'is a directory'
          : 'permission denied';
    let hint = '';
    if (!isAbsolute(text)) {
      const besideConfig = join(dirname(file.path), text);
      if (host.fileStatus(besideConfig) === 'file')
        hint =
          ` It is at ${besideConfig}, next to the config, but nats-server resolves '${name}' ` +
          `against its working directory (${cwd}): give the path from there, or an absolute one.`;
      else hint = ` (resolved against nats-server's working directory, ${cwd})`;
    }
    this.report(file, {
      span: at,
      severity: whenUsed ? 'warning' : 'error',
      code: 'file-missing',
      message: whenUsed
        ? `'${name}': open ${text}: ${reason}: nats-server starts, but fails each time it needs the file.${hint}`
        : `'${name}': open ${text}: ${reason}.${hint}`,
      origin: whenUsed ? 'lint' : 'server',
    });
  }

  private integerValue(
    value: Extract<ValueNode, { kind: 'integer' }>,
    form: IntegerValue,
    name: string,
    at: Span,
    file: ConfigFile,
  ): void {
    if (form.unit === 'seconds' && /^[mMhH]/.test(value.suffix)) {
      this.report(file, {
        span: at,
        severity: 'error',
        code: 'seconds-as-size',
        message:
          `'${name}' counts seconds; '${file.tree.text.slice(value.start, value.end)}' is the ` +
          `number ${value.value} (an unquoted ${value.suffix} is a size suffix), ` +
          `about ${describeSeconds(value.value)}.`,
        origin: 'lint',
      });
    }
    this.range(value.value, form.min, form.max, name, at, file);
  }

  private range(
    n: number,
    min: number | undefined,
    max: number | undefined,
    name: string,
    at: Span,
    file: ConfigFile,
  ): void {
    if ((min === undefined || n >= min) && (max === undefined || n <= max)) return;
    const bounds =
      min !== undefined && max !== undefined
        ? `between ${min} and ${max}`
        : min !== undefined
          ? `at least ${min}`
          : `at most ${max}`;
    this.report(file, {
      span: at,
      severity: 'error',
      code: 'value-range',
      message: `'${name}' must be ${bounds}; found ${n}.`,
      origin: 'server',
    });
  }

  private sizeValue(value: ValueNode, form: SizeValue, name: string, at: Span, file: ConfigFile): 'ok' | 'mismatch' {
    if (value.kind === 'integer') {
      this.range(value.value, form.min, form.max, name, at, file);
      return 'ok';
    }
    if (value.kind !== 'string' || form.string !== 'storage') return 'mismatch';
    // nats-server's getStorageSize: digits, then at most one upper-case K, M, G or T (binary).
    const m = /^(\d+)([KMGT]?)$/.exec(value.value);
    if (!m) {
      this.report(file, {
        span: at,
        severity: 'error',
        code: 'size-string',
        message:
          `'${name}' as a quoted string takes digits and one upper-case K, M, G or T (binary): ` +
          `nats-server cannot read "${value.value}". Write it unquoted, e.g. 10Gi or 10GB.`,
        origin: 'server',
      });
      return 'ok';
    }
    if (m[2]) {
      const bytes = Number(m[1]) * 1024 ** ' KMGT'.indexOf(m[2]);
      this.report(file, {
        span: at,
        severity: 'information',
        code: 'size-string',
        message:
          `"${value.value}" in quotes is ${bytes} bytes (binary, ${m[2]}i); ` +
          `unquoted ${value.value} would be ${Number(m[1]) * 1000 ** ' KMGT'.indexOf(m[2])}. ` +
          `Writing ${m[1]}${m[2]}i unquoted says the same without the trap.`,
        origin: 'lint',
      });
    }
    return 'ok';
  }

  private durationValue(
    value: ValueNode,
    form: DurationValue,
    name: string,
    at: Span,
    file: ConfigFile,
  ): 'ok' | 'mismatch' {
    if (value.kind === 'string') {
      const ns = parseGoDuration(value.value);
      if (ns === undefined) {
        this.report(file, {
          span: at,
          severity: 'error',
          code: 'duration-syntax',
          message:
            `'${name}' expects a duration such as "10s", "2m" or "1h30m"; ` +
            `nats-server cannot read "${value.value}" (units: ns, us, ms, s, m, h).`,
          origin: 'server',
        });
        return 'ok';
      }
      this.durationRange(ns, form, name, value.value, at, file);
      return 'ok';
    }
    if (value.kind !== 'integer') return 'mismatch';
    const raw = file.tree.text.slice(value.start, value.end);
    if (value.suffix !== '') {
      // `2m` unquoted: a size, 2,000,000; as seconds about 23 days.
      const meant = `${raw.replace(/[bBiI]+$/, '')}`;
      this.report(file, {
        span: at,
        severity: 'error',
        code: 'duration-as-size',
        message:
          form.integer === 'error'
            ? `'${name}' expects a duration such as "${meant}"; found the number ${value.value}, ` +
              `because an unquoted ${raw} is a size. Write "${meant}" in quotes.`
            : `'${name}' expects a duration such as "${meant}"; found the number ${value.value}, ` +
              `because an unquoted ${raw} is a size: nats-server takes it as ${value.value} ` +
              `seconds (about ${describeSeconds(value.value)}). Write "${meant}" in quotes.`,
        origin: 'server',
        fixes:
          at === value
            ? [{ title: `Quote it: "${meant}"`, edits: [{ span: value, newText: `"${meant}"` }] }]
            : undefined,
      });
      return 'ok';
    }
    if (form.integer === 'error') return 'mismatch';
    if (form.integer === 'seconds-warning') {
      this.report(file, {
        span: at,
        severity: 'warning',
        code: 'duration-integer',
        message:
          `invalid use of field "${name}": ${name} should be converted to a ` +
          `duration. ${value.value} is read as ${value.value} seconds; write "${value.value}s".`,
        origin: 'server',
        fixes:
          at === value
            ? [
                {
                  title: `Write it as a duration: "${value.value}s"`,
                  edits: [{ span: value, newText: `"${value.value}s"` }],
                },
              ]
            : undefined,
      });
    }
    this.durationRange(value.value * 1e9, form, name, raw, at, file);
    return 'ok';
  }

  private durationRange(
    ns: number,
    form: DurationValue,
    name: string,
    written: string,
    at: Span,
    file: ConfigFile,
  ): void {
    const min = form.min !== undefined ? parseGoDuration(form.min) : undefined;
    const max = form.max !== undefined ? parseGoDuration(form.max) : undefined;
    if ((min === undefined || ns >= min) && (max === undefined || ns <= max)) return;
    const bounds =
      min !== undefined && max !== undefined
        ? `between ${form.min} and ${form.max}`
        : min !== undefined
          ? `at least ${form.min}`
          : `at most ${form.max}`;
    this.report(file, {
      span: at,
      severity: 'error',
      code: 'value-range',
      message: `'${name}' must be ${bounds}; found ${written}.`,
      origin: 'server',
    });
  }
}

/** Whether a value is of the kind a form takes (before its own checks). */
function kindFits(value: ValueNode, form: ValueSpec): boolean {
  switch (form.type) {
    case 'string':
      return value.kind === 'string';
    case 'boolean':
      return value.kind === 'bool';
    case 'float':
      return value.kind === 'float' || value.kind === 'integer';
    case 'integer':
      return value.kind === 'integer';
    case 'size':
      return value.kind === 'integer' || (value.kind === 'string' && form.string === 'storage');
    case 'duration':
      return value.kind === 'string' || (value.kind === 'integer' && form.integer !== 'error');
    case 'datetime':
      return value.kind === 'datetime';
    case 'map':
      return value.kind === 'map';
    case 'array':
      return value.kind === 'array';
  }
}

/**
 * The forms in the order to try them: a word one form lists by name (`sync_interval: always`)
 * is that form's, before another form (a duration) claims the string and finds it unreadable…
 */
function preferred(value: ValueNode, forms: readonly ValueSpec[]): readonly ValueSpec[] {
  if (value.kind !== 'string' || forms.length < 2) return forms;
  const word = value.value.toLowerCase();
  const named =
    forms.find(
      (f) =>
        f.type === 'string' && f.enum?.some((e) => (f.caseSensitive ? e === value.value : e.toLowerCase() === word)),
    ) ??
    // …and a duration a duration form reads (`handshake_first: "50ms"` beside its words).
    forms.find((f) => f.type === 'duration' && parseGoDuration(value.value) !== undefined);
  return named ? [named, ...forms.filter((f) => f !== named)] : forms;
}

function lastIndexByKey(map: MapNode): Map<string, number> {
  const last = new Map<string, number>();
  map.entries.forEach((e, i) => {
    if (e.kind === 'keyValue' && e.value) last.set(e.key, i);
  });
  return last;
}

function setLater(map: MapNode, index: number, key: string): KeyValueNode | undefined {
  for (let j = index + 1; j < map.entries.length; j++) {
    const e = map.entries[j];
    if (e.kind === 'keyValue' && e.value && e.key === key) return e;
  }
  return undefined;
}

/** A key as messages show it: a runaway one (a whole line of junk) elided. */
function shown(key: string): string {
  return key.length > 80 ? `${key.slice(0, 60)}…(${key.length} characters)` : key;
}

function unknownField(spec: BlockSpec, key: string): string {
  return (spec.unknownField ?? 'unknown field "%s"').replace('%s', key);
}

function describeValue(v: ValueNode): string {
  switch (v.kind) {
    case 'string':
      return `the string "${v.value.length > 40 ? v.value.slice(0, 40) + '…' : v.value}"`;
    case 'integer':
      return `the number ${v.value}`;
    case 'float':
      return `the number ${v.value}`;
    case 'bool':
      return `the boolean ${v.value}`;
    case 'map':
      return 'a block { … }';
    case 'array':
      return 'a list [ … ]';
    case 'datetime':
      return 'a date-time';
    case 'variable':
      return `$${v.name}`;
  }
}
