// The JSON Schema generated from the catalogue: the checked-in schemas/nats-server-config.schema.json
// is what the catalogue gives today (a catalogue change without `npm run build` fails here), it
// holds every option, and the setup guide's configs fit it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { blocks, optionDocs } from '../../server/src/service/catalogue/catalogue';
import {
  catalogueJsonSchema,
  catalogueJsonSchemaText,
  type JsonSchema,
} from '../../server/src/service/catalogue/jsonSchema';
import {
  createLanguageService,
  resolveValue,
  type ConfigHost,
  type ConfigModel,
  type MapNode,
  type ValueNode,
} from '../../server/src/service';
import { REPO } from '../support/cli';

const FILE = path.join(REPO, 'schemas', 'nats-server-config.schema.json');
const schema = catalogueJsonSchema();
const defs = schema.$defs!;
const property = (block: string, name: string) => defs[block].properties![name];

describe('the JSON Schema of the config', () => {
  test('the checked-in file is what the catalogue gives (run `npm run build` after changing it)', () => {
    assert.equal(fs.readFileSync(FILE, 'utf8'), catalogueJsonSchemaText());
  });

  test('every option and alias of every block is a property, with its releases and docs link', () => {
    const problems: string[] = [];
    for (const spec of blocks()) {
      const def = defs[spec.id];
      if (!def) {
        problems.push(`no definition for ${spec.id}`);
        continue;
      }
      for (const option of spec.options) {
        const p = def.properties?.[option.name];
        if (!p) problems.push(`${spec.id}.${option.name} is missing`);
        else {
          const x = p['x-nats'] ?? {};
          if (x.since !== option.since) problems.push(`${spec.id}.${option.name}: since ${String(x.since)}`);
          if (x.docs !== optionDocs(option)) problems.push(`${spec.id}.${option.name}: docs ${String(x.docs)}`);
          if (p.description !== option.description) problems.push(`${spec.id}.${option.name}: description`);
        }
        for (const alias of option.aliases ?? []) {
          if (def.properties?.[alias]?.$ref !== `#/$defs/${spec.id}/properties/${option.name}`) {
            problems.push(`${spec.id}.${alias} does not refer to ${option.name}`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every $ref resolves', () => {
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, w] of Object.entries(v)) {
          if (k === '$ref') refs.push(w as string);
          else walk(w);
        }
      }
    };
    walk(schema);
    assert.ok(refs.length > 100);
    assert.deepEqual(
      refs.filter((r) => resolve(schema, r) === undefined),
      [],
    );
  });

  test('units, releases and aliases in x-nats', () => {
    const maxMemory = property('jetstream', 'max_memory_store');
    assert.equal(maxMemory['x-nats']?.unit, 'bytes');
    assert.deepEqual(maxMemory['x-nats']?.aliases, ['max_mem_store', 'max_mem']);
    assert.deepEqual(
      maxMemory.anyOf?.map((s) => s.type),
      ['integer', 'string'],
      'an integer, or a quoted "10G"',
    );
    assert.equal(property('cluster', 'pool_size')['x-nats']?.since, '2.10.0');
    assert.deepEqual(property('top', 'write_timeout')['x-nats']?.since, ['2.11.11', '2.12.2']);
    assert.equal(property('top', 'ping_interval')['x-nats']?.unit, 'duration');
    assert.equal(property('top', 'port')['x-nats']?.unit, 'port');
    assert.equal(property('top', 'port').default, 4222);
    // A form read from some release on: its own since.
    const reconnect = property('leafnodes', 'reconnect').anyOf!;
    assert.deepEqual(
      reconnect.map((s) => [s.type, s['x-nats']?.since, s['x-nats']?.until]),
      [
        ['integer', undefined, '2.10.12'],
        ['string', '2.10.12', undefined],
        ['integer', '2.10.12', undefined],
      ],
    );
  });

  test('an option inherits its block docs link; one of its own stays', () => {
    assert.equal(property('cluster', 'no_advertise')['x-nats']?.docs, defs.cluster['x-nats']?.docs);
    assert.match(String(property('cluster', 'pool_size')['x-nats']?.docs), /v2_routes/);
  });

  test('unknown keys: refused where nats-server refuses them; chosen keys take the block forms', () => {
    assert.equal(defs.tls.additionalProperties, false);
    assert.equal(defs.tls['x-nats']?.unknownKeys, 'refused');
    assert.equal(defs.top.additionalProperties, false);
    assert.match(String(defs.top['x-nats']?.unknownKeys), /\$variable/);
    const account = defs.accounts.additionalProperties;
    assert.equal(account && account.$ref, '#/$defs/account');
    assert.equal(defs.tls.properties!.cipher_suites.items?.enum?.includes('TLS_AES_128_GCM_SHA256'), true);
  });

  test('for one release: the options and forms it reads', () => {
    const old = catalogueJsonSchema('2.9');
    assert.equal(old.$defs!.cluster.properties!.pool_size, undefined);
    assert.deepEqual(old.$defs!.leafnodes.properties!.reconnect.type, 'integer');
    assert.equal(catalogueJsonSchema('2.10').$defs!.cluster.properties!.pool_size.type, 'integer');
    assert.throws(() => catalogueJsonSchema('next'));
  });

  test("the setup guide's configs fit the schema", () => {
    const seed = path.join(REPO, 'test', 'fixtures', 'seed');
    const names = fs.readdirSync(seed).filter((n) => n.endsWith('.conf'));
    assert.ok(names.length >= 5);
    const problems = names.flatMap((name) => {
      const file = path.join(seed, name);
      return fits(file, fs.readFileSync(file, 'utf8'));
    });
    assert.deepEqual(problems, []);
  });

  test('a misspelt key, a word for a number and a string for a block do not fit', () => {
    const text = 'prot: 4222\nport: "abc"\ncluster: "c"\njetstream { max_file_store: "10 GB" }\nTLS { verify: true }\n';
    assert.deepEqual(fits('/bad.conf', text), [
      'bad.conf: unknown key prot',
      'bad.conf.port: not a number',
      'bad.conf.cluster: not a block',
      'bad.conf.jetstream: {"max_file_store":"10 GB"} fits none of the forms',
    ]);
  });
});

/** What in a config does not fit the schema (keys of most blocks are matched regardless of case). */
function fits(file: string, text: string): string[] {
  const host: ConfigHost = {
    env: { NATS_SERVER_NAME: 'nats-0' },
    cwd: '/',
    readFile: (p) => (fs.existsSync(p) ? { text: fs.readFileSync(p, 'utf8') } : { error: 'no such file or directory' }),
  };
  const { model } = createLanguageService({ host }).check({ path: file, text });
  return validate(schema, { $ref: '#/$defs/top' }, toJson(model, model.root.tree.root), path.basename(file));
}

// ---- a small validator for the keywords the generator uses --------------------------------

function resolve(root: JsonSchema, ref: string): JsonSchema | undefined {
  let at: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) at = (at as Record<string, unknown> | undefined)?.[part];
  return at as JsonSchema | undefined;
}

function validate(root: JsonSchema, schema: JsonSchema, value: unknown, where: string): string[] {
  if (schema.$ref) return validate(root, resolve(root, schema.$ref)!, value, where);
  if (schema.anyOf) {
    const fits = schema.anyOf.some((s) => validate(root, s, value, where).length === 0);
    return fits ? [] : [`${where}: ${JSON.stringify(value)} fits none of the forms`];
  }
  const problems: string[] = [];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  switch (schema.type) {
    case 'object': {
      if (kind !== 'object') return [`${where}: not a block`];
      const folded = schema['x-nats']?.caseSensitiveKeys === false;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const name = folded ? key.toLowerCase() : key;
        const sub = schema.properties?.[name] ?? schema.additionalProperties;
        if (sub === false || sub === undefined) problems.push(`${where}: unknown key ${key}`);
        else problems.push(...validate(root, sub, v, `${where}.${key}`));
      }
      return problems;
    }
    case 'array':
      if (kind !== 'array') return [`${where}: not a list`];
      if ((value as unknown[]).length < (schema.minItems ?? 0)) return [`${where}: too short`];
      return (value as unknown[]).flatMap((v, i) => validate(root, schema.items!, v, `${where}[${i}]`));
    case 'integer':
    case 'number':
      if (kind !== 'number') return [`${where}: not a number`];
      if (schema.type === 'integer' && !Number.isInteger(value)) return [`${where}: not an integer`];
      if (schema.minimum !== undefined && (value as number) < schema.minimum) problems.push(`${where}: below minimum`);
      if (schema.maximum !== undefined && (value as number) > schema.maximum) problems.push(`${where}: above maximum`);
      return problems;
    case 'string':
      if (kind !== 'string') return [`${where}: not a string`];
      if (schema.enum && !schema.enum.includes(value as string)) problems.push(`${where}: not one of the words`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value as string)) problems.push(`${where}: pattern`);
      return problems;
    case 'boolean':
      return kind === 'boolean' ? [] : [`${where}: not true or false`];
    default:
      return [];
  }
}

/** A map as JSON, as nats-server holds it: includes merged, `$references` resolved, variable-only keys left out. */
function toJson(model: ConfigModel, map: MapNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of map.entries) {
    if (entry.kind === 'include') {
      const included = model.includes.get(entry)?.file;
      if (included) Object.assign(out, toJson(model, included.tree.root));
      continue;
    }
    if (!entry.value || model.usedAsVariable.has(entry)) continue;
    out[entry.key] = valueJson(model, entry.value);
  }
  return out;
}

function valueJson(model: ConfigModel, node: ValueNode): unknown {
  const value = node.kind === 'variable' ? resolveValue(model, node) : node;
  switch (value?.kind) {
    case 'map':
      return toJson(model, value);
    case 'array':
      return value.items.map((item) => valueJson(model, item));
    case 'string':
    case 'integer':
    case 'float':
    case 'bool':
      return value.value;
    case 'datetime':
      return value.value?.toISOString() ?? null;
    default:
      return null;
  }
}
