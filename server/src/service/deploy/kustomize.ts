// Kustomize makes ConfigMaps and Secrets that no manifest holds: a kustomization's
// configMapGenerator and secretGenerator, whose names (suffixed with a hash) it writes into the
// workloads that use them. A volume naming one is not missing.

import * as path from 'node:path';
import { isMap } from 'yaml';
import type { ConfigHost } from '../document';
import { nodeAt, readYamlFile, scalarString, seqItems, type YamlFile } from '../yaml/yamlFile';

/** An object a kustomization generates. */
export interface GeneratedObject {
  kind: 'ConfigMap' | 'Secret';
  name: string;
}

/** The names kustomize reads a folder's kustomization from. */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** What the kustomizations among `files`, or beside them (read with `host`), generate. */
export function kustomizeGenerated(files: readonly YamlFile[], host?: ConfigHost): GeneratedObject[] {
  const kustomizations = [...files];
  const given = new Set(files.map((f) => f.path));
  for (const folder of new Set(files.map((f) => path.dirname(f.path)))) {
    for (const name of KUSTOMIZATION_FILES) {
      const file = path.join(folder, name);
      if (given.has(file) || !host) continue;
      const read = host.readFile(file);
      if ('text' in read) kustomizations.push(readYamlFile(file, read.text));
    }
  }
  const generated: GeneratedObject[] = [];
  for (const file of kustomizations) {
    for (const document of file.documents) {
      const root = document.doc.contents;
      if (!isMap(root)) continue;
      for (const [key, kind] of [
        ['configMapGenerator', 'ConfigMap'],
        ['secretGenerator', 'Secret'],
      ] as const) {
        for (const g of seqItems(nodeAt(root, [key]))) {
          const name = scalarString(nodeAt(g, ['name']));
          if (name) generated.push({ kind, name });
        }
      }
    }
  }
  return generated;
}
