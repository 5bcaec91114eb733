// NATS configs held in Kubernetes ConfigMaps and Secrets: each data entry whose key names a NATS
// config (`nats.conf`, `nats-*.conf`, `*.nats.conf`) or whose text reads like one. Every entry of
// such an object is kept with it, since a volume mounts them side by side: an `include` in one
// names another by its key. Secret `data` (and ConfigMap `binaryData`) is base64: the decoded text
// is checked, but its characters cannot be placed in the YAML, so findings there go to the key.

import { isMap, isScalar, type Node } from 'yaml';
import { NATS_CONFIG_NAME, holdsTemplateExpressions, looksLikeNatsConfig, looksLikeOtherFormat } from '../detect';
import type { Span } from '../tree';
import { embeddedText, type EmbeddedText } from '../yaml/embeddedText';
import { keyText, nodeAt, scalarString, spanOf, type YamlFile } from '../yaml/yamlFile';

export type ConfigObjectKind = 'ConfigMap' | 'Secret';

/** The section of a ConfigMap or Secret an entry is written in. */
export type DataField = 'data' | 'stringData' | 'binaryData';

/** One data entry of a ConfigMap or Secret. */
export interface DataEntry {
  key: string;
  field: DataField;
  /** Where the key is written. */
  keySpan: Span;
  /** Where the value is written. */
  valueSpan: Span;
  /** The entry's text (base64 decoded), with the way back to the YAML. */
  embedded: EmbeddedText;
  /** Base64 in the YAML: no character of the text has a place of its own there. */
  encoded: boolean;
}

/** A ConfigMap or Secret of a YAML file, with all its entries. */
export interface ConfigObject {
  yamlPath: string;
  /** Which document of the file (0-based). */
  documentIndex: number;
  kind: ConfigObjectKind;
  name: string;
  /** `metadata.namespace`, undefined when not written (the namespace it is applied in). */
  namespace: string | undefined;
  /** Where `metadata.name` is written (the whole document when it has none). */
  nameSpan: Span;
  /** Every entry by key (a Secret key in both `data` and `stringData`: the latter, as the API server merges them). */
  entries: Map<string, DataEntry>;
}

/** A data entry that holds a NATS config. */
export interface EmbeddedConfig {
  yamlPath: string;
  documentIndex: number;
  kind: ConfigObjectKind;
  name: string;
  namespace: string | undefined;
  key: string;
  field: DataField;
  keySpan: Span;
  embedded: EmbeddedText;
  encoded: boolean;
  /** The object's other entries by key (mounted beside this one: what its includes find). */
  siblings: Map<string, EmbeddedText>;
  /** The object it belongs to. */
  object: ConfigObject;
}

/** The ConfigMaps and Secrets of a YAML file (of a document the reader refused in part: what it could read). */
export function configObjects(file: YamlFile): ConfigObject[] {
  const objects: ConfigObject[] = [];
  file.documents.forEach((document, documentIndex) => {
    const root = document.doc.contents;
    if (!isMap(root)) return;
    const kind = scalarString(nodeAt(root, ['kind']));
    if (kind !== 'ConfigMap' && kind !== 'Secret') return;
    const nameNode = nodeAt(root, ['metadata', 'name']);
    const object: ConfigObject = {
      yamlPath: file.path,
      documentIndex,
      kind,
      name: scalarString(nameNode) ?? '',
      namespace: scalarString(nodeAt(root, ['metadata', 'namespace'])) || undefined,
      nameSpan: spanOf(nameNode) ?? document.span,
      entries: new Map(),
    };
    // Secret `stringData` wins over `data` for a key written in both: read it last.
    const fields: DataField[] = kind === 'Secret' ? ['data', 'stringData'] : ['binaryData', 'data'];
    for (const field of fields) {
      const section = nodeAt(root, [field]);
      if (!isMap(section)) continue;
      const encoded = field === 'binaryData' || (kind === 'Secret' && field === 'data');
      for (const pair of section.items) {
        const key = keyText(pair);
        const value = pair.value as Node | null;
        const keySpan = spanOf(pair.key as Node);
        if (key === undefined || !keySpan || !isScalar(value) || !value.range) continue;
        const entry = encoded ? decodedEntry(value, keySpan) : embeddedText(value, file.text);
        if (!entry) continue;
        object.entries.set(key, {
          key,
          field,
          keySpan,
          valueSpan: { start: value.range[0], end: value.range[1] },
          embedded: entry,
          encoded,
        });
      }
    }
    objects.push(object);
  });
  return objects;
}

/** Whether an entry holds a NATS config: by its key, or by its text (a `*.conf` in an object named for NATS too). */
export function isNatsEntry(object: ConfigObject, entry: DataEntry): boolean {
  // A template (consul-template, Helm): what nats-server reads is its rendering, not known here.
  if (holdsTemplateExpressions(entry.embedded.text)) return false;
  if (NATS_CONFIG_NAME.test(entry.key)) return true;
  if (looksLikeNatsConfig(entry.embedded.text)) return true;
  // `server.conf` in ConfigMap `nats-config`: unless it reads like another format (nginx, systemd, …).
  return entry.key.endsWith('.conf') && /nats/i.test(object.name) && !looksLikeOtherFormat(entry.embedded.text);
}

/** Every data entry of the file's ConfigMaps and Secrets that holds a NATS config. */
export function embeddedConfigs(file: YamlFile): EmbeddedConfig[] {
  const found: EmbeddedConfig[] = [];
  for (const object of configObjects(file)) {
    for (const entry of object.entries.values()) {
      if (!isNatsEntry(object, entry)) continue;
      const siblings = new Map<string, EmbeddedText>();
      for (const other of object.entries.values()) if (other.key !== entry.key) siblings.set(other.key, other.embedded);
      found.push({
        yamlPath: object.yamlPath,
        documentIndex: object.documentIndex,
        kind: object.kind,
        name: object.name,
        namespace: object.namespace,
        key: entry.key,
        field: entry.field,
        keySpan: entry.keySpan,
        embedded: entry.embedded,
        encoded: entry.encoded,
        siblings,
        object,
      });
    }
  }
  return found;
}

/** Base64 as Kubernetes accepts it (standard alphabet, padded); line breaks of a folded value are allowed. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A base64 entry decoded: every offset of its text stands at the entry's key. */
function decodedEntry(value: Node, keySpan: Span): EmbeddedText | undefined {
  const raw = (scalarString(value) ?? '').replace(/\s+/g, '');
  if (!BASE64.test(raw) || raw.length % 4 !== 0) return undefined;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  return {
    text,
    toSource: (i) => (i >= text.length && text.length > 0 ? keySpan.end : keySpan.start),
    fromSource: () => undefined,
    span: keySpan,
  };
}
