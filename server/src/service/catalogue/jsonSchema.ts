// A JSON Schema (draft 2020-12) of the nats-server configuration, generated from the
// catalogue: one definition per block, one property per option (and per alias), with the
// releases, units, aliases and docs link of each in `x-nats`. The build writes it to
// schemas/nats-server-config.schema.json; a test holds the file to the catalogue.
//
// What JSON Schema cannot say is said in `x-nats` instead: keys matched regardless of case
// (most blocks), a key defined only to be used as a `$variable` (not an unknown key where
// nats-server allows that), and forms read by some releases only.

import { formatVersion, NEWEST_VERSION, OLDEST_VERSION, parseServerVersion, type ServerVersion } from '../versions';
import { availableIn, blocks, optionDocs } from './catalogue';
import type { BlockSpec, FormReleases, OptionSpec, StringValue, ValueSpec } from './schema';

/** A JSON Schema object (only the keywords used here are typed). */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | false;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  enum?: readonly string[];
  examples?: readonly string[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  deprecated?: boolean;
  'x-nats'?: Record<string, unknown>;
}

/** Go's time.ParseDuration, as durations.ts reads it. */
const GO_DURATION = '^[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$';
/** getStorageSize: digits and at most one upper-case K, M, G or T (binary). */
const STORAGE_SIZE = '^\\d+[KMGT]?$';

/**
 * The schema of every block and option, for one release (options and forms it does not
 * read left out), or for all of them (the default: releases said in `x-nats`).
 */
export function catalogueJsonSchema(version?: string | ServerVersion): JsonSchema {
  const release = typeof version === 'string' ? parseServerVersion(version) : version;
  if (version !== undefined && !release) throw new Error(`not a nats-server release: ${String(version)}`);
  const $defs: Record<string, JsonSchema> = {};
  for (const spec of blocks()) $defs[spec.id] = blockSchema(spec, release);
  const releases = release
    ? { serverVersion: formatVersion(release) }
    : { releases: { oldest: formatVersion(OLDEST_VERSION), newest: formatVersion(NEWEST_VERSION) } };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'nats-server configuration',
    description:
      `The options nats-server ${release ? formatVersion(release) : 'releases'} read, by block, ` +
      'from the nats-conf option catalogue. Generated: do not edit.',
    $ref: '#/$defs/top',
    'x-nats': releases,
    $defs,
  };
}

/** The schema as the build writes it: two-space JSON with a final newline. */
export function catalogueJsonSchemaText(version?: string | ServerVersion): string {
  return `${JSON.stringify(catalogueJsonSchema(version), null, 2)}\n`;
}

function blockSchema(spec: BlockSpec, release: ServerVersion | undefined): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const option of spec.options) {
    if (release && !availableIn(option, release)) continue;
    properties[option.name] = optionSchema(option, release);
  }
  for (const option of spec.options) {
    if (release && !availableIn(option, release)) continue;
    for (const alias of option.aliases ?? []) {
      properties[alias] ??= {
        $ref: `#/$defs/${spec.id}/properties/${option.name}`,
        description: `Another name for ${option.name}.`,
        'x-nats': { aliasOf: option.name },
      };
    }
  }
  const xNats: Record<string, unknown> = {
    docs: spec.docs,
    caseSensitiveKeys: spec.caseSensitive ?? false,
  };
  if (!spec.additionalKeys) {
    xNats.unknownKeys = spec.variablesExempt === false ? 'refused' : 'refused, unless the key is used as a $variable';
  }
  const additional = spec.additionalKeys
    ? { description: spec.additionalKeys.description, ...alternatives(formsFor(spec.additionalKeys.values, release)) }
    : false;
  return { type: 'object', title: spec.title, properties, additionalProperties: additional, 'x-nats': xNats };
}

function optionSchema(option: OptionSpec, release: ServerVersion | undefined): JsonSchema {
  const forms = formsFor(option.values, release);
  const schema: JsonSchema = { description: option.description, ...alternatives(forms) };
  const fallback = jsonDefault(option.default, schema);
  if (fallback !== undefined) schema.default = fallback;
  if (option.deprecated) schema.deprecated = true;
  const unit = forms.map(unitOf).find((u) => u !== undefined);
  const xNats: Record<string, unknown> = {
    ...schema['x-nats'],
    ...(option.since !== undefined ? { since: option.since } : {}),
    ...(option.until !== undefined ? { until: option.until } : {}),
    ...(unit ? { unit } : {}),
    ...(option.aliases?.length ? { aliases: option.aliases } : {}),
    // The default as written, where it is a phrase rather than a JSON value.
    ...(option.default !== undefined && fallback === undefined ? { default: option.default } : {}),
    ...(option.deprecated ? { deprecated: option.deprecated } : {}),
    ...(optionDocs(option) ? { docs: optionDocs(option) } : {}),
  };
  delete schema['x-nats'];
  return { ...schema, 'x-nats': xNats };
}

/** The forms a release reads (all of them, without a release). */
function formsFor(forms: readonly ValueSpec[], release: ServerVersion | undefined): readonly ValueSpec[] {
  if (!release) return forms;
  const read = forms.filter((f) =>
    f.since === undefined && f.until === undefined ? f.unread === undefined : availableIn(f, release),
  );
  return read.length > 0 ? read : forms;
}

/** One schema, or anyOf when there are several. */
function alternatives(forms: readonly ValueSpec[]): JsonSchema {
  const schemas = forms.flatMap(formSchemas);
  return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
}

function formSchemas(form: ValueSpec): JsonSchema[] {
  const releases = releasesOf(form);
  const withReleases = (s: JsonSchema): JsonSchema =>
    releases ? { ...s, 'x-nats': { ...s['x-nats'], ...releases } } : s;
  switch (form.type) {
    case 'string':
      return [withReleases(stringSchema(form))];
    case 'integer': {
      const unit = form.unit ? { 'x-nats': { unit: form.unit } } : {};
      return [withReleases({ type: 'integer', ...bounds(form.min, form.max), ...unit })];
    }
    case 'float':
      return [withReleases({ type: 'number', ...bounds(form.min, form.max) })];
    case 'boolean':
      return [withReleases({ type: 'boolean' })];
    case 'datetime':
      return [withReleases({ type: 'string', format: 'date-time' })];
    case 'map':
      return [withReleases({ $ref: `#/$defs/${form.block}` })];
    case 'array': {
      const items = alternatives(form.items);
      const minItems = form.minItems !== undefined ? { minItems: form.minItems } : {};
      return [withReleases({ type: 'array', items, ...minItems })];
    }
    case 'size': {
      const integer: JsonSchema = { type: 'integer', ...bounds(form.min, form.max), 'x-nats': { unit: 'bytes' } };
      if (form.string !== 'storage') return [withReleases(integer)];
      const quoted: JsonSchema = {
        type: 'string',
        pattern: STORAGE_SIZE,
        'x-nats': { unit: 'bytes', binarySuffixes: true },
      };
      return [withReleases(integer), withReleases(quoted)];
    }
    case 'duration': {
      const limits = { ...(form.min ? { minimum: form.min } : {}), ...(form.max ? { maximum: form.max } : {}) };
      const text: JsonSchema = { type: 'string', pattern: GO_DURATION, 'x-nats': { unit: 'duration', ...limits } };
      if (form.integer === 'error') return [withReleases(text)];
      const warning =
        form.integer === 'seconds-warning' ? { warning: 'read as seconds, with a warning: write a duration' } : {};
      const seconds: JsonSchema = { type: 'integer', 'x-nats': { unit: 'seconds', ...warning } };
      return [withReleases(text), withReleases(seconds)];
    }
  }
}

function stringSchema(form: StringValue): JsonSchema {
  const xNats: Record<string, unknown> = {};
  if (form.format) xNats.format = form.format;
  if (form.mustExist) xNats.mustExist = form.mustExist;
  const schema: JsonSchema = { type: 'string' };
  if (form.enum && form.caseSensitive) schema.enum = form.enum;
  else if (form.enum) {
    // Matched regardless of case, which enum cannot say: a pattern, and the words as examples.
    schema.pattern = `^(${form.enum.map(anyCase).join('|')})$`;
    schema.examples = form.enum;
    xNats.caseSensitive = false;
  }
  return Object.keys(xNats).length > 0 ? { ...schema, 'x-nats': xNats } : schema;
}

/** A regular expression matching a word in any case: `[oO][fF][fF]`. */
function anyCase(word: string): string {
  return [...word]
    .map((c) => {
      if (c.toLowerCase() !== c.toUpperCase()) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
      return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
}

function bounds(min: number | undefined, max: number | undefined): { minimum?: number; maximum?: number } {
  return { ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
}

function releasesOf(form: FormReleases): Record<string, unknown> | undefined {
  if (form.since === undefined && form.until === undefined && form.unread === undefined) return undefined;
  return {
    ...(form.since !== undefined ? { since: form.since } : {}),
    ...(form.until !== undefined ? { until: form.until } : {}),
    ...(form.unread !== undefined ? { unread: `other releases accept it, and nats-server ${form.unread}` } : {}),
  };
}

/** What the number of an option counts: its first form's unit (sizes: bytes). */
function unitOf(form: ValueSpec): string | undefined {
  switch (form.type) {
    case 'integer':
      return form.unit;
    case 'size':
      return 'bytes';
    case 'duration':
      return 'duration';
    default:
      return undefined;
  }
}

/** The catalogue's default as a JSON value, where it is one (`4222`, `"2m"`, `true`) of a type the option takes. */
function jsonDefault(written: string | undefined, schema: JsonSchema): unknown {
  if (written === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(written);
  } catch {
    return undefined;
  }
  const kind = Array.isArray(value) ? 'array' : typeof value;
  const types = new Set((schema.anyOf ?? [schema]).map((s) => s.type));
  const fits =
    (kind === 'string' && types.has('string')) ||
    (kind === 'boolean' && types.has('boolean')) ||
    (kind === 'array' && types.has('array')) ||
    (kind === 'number' && (types.has('number') || (types.has('integer') && Number.isInteger(value))));
  return fits ? value : undefined;
}
