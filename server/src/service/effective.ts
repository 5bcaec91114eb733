// The configuration as nats-server ends up holding it: includes merged where they stand,
// `$references` replaced by what they stand for, the last of duplicate keys winning, and
// keys matched without regard to case. Rules that look across options read this view.

import { ConfigFile, ConfigModel, resolveValue } from './document';
import { KeyValueNode, MapNode, ValueNode } from './tree';

export interface Setting {
  entry: KeyValueNode;
  /** The value after `$reference` resolution. */
  value: ValueNode | undefined;
  /** The file the key is written in. */
  file: ConfigFile;
}

/** Up to this many keys, a block's settings are searched in a list: large configs hold thousands of small blocks. */
const LIST_KEYS = 8;

export class EffectiveMap {
  /** Keys (lower case) and their settings, the last of duplicates winning; a Map once there are many. */
  private readonly keys: string[] = [];
  private readonly values: Setting[] = [];
  private settings: Map<string, Setting> | undefined;

  constructor(
    private readonly model: ConfigModel,
    map: MapNode,
    file: ConfigFile,
  ) {
    this.collect(map, file, 0);
  }

  private collect(map: MapNode, file: ConfigFile, depth: number): void {
    for (const entry of map.entries) {
      if (entry.kind === 'include') {
        const included = this.model.includes.get(entry)?.file;
        if (included && depth < 32) this.collect(included.tree.root, included, depth + 1);
        continue;
      }
      if (!entry.value) continue;
      this.set(entry.key.toLowerCase(), { entry, value: this.resolve(entry.value), file });
    }
  }

  private set(key: string, setting: Setting): void {
    if (this.settings) {
      this.settings.set(key, setting);
      return;
    }
    const at = this.keys.indexOf(key);
    if (at >= 0) {
      this.values[at] = setting;
      return;
    }
    this.keys.push(key);
    this.values.push(setting);
    if (this.keys.length > LIST_KEYS) {
      this.settings = new Map(this.keys.map((k, i) => [k, this.values[i]]));
      this.keys.length = 0;
      this.values.length = 0;
    }
  }

  private find(key: string): Setting | undefined {
    if (this.settings) return this.settings.get(key);
    const at = this.keys.indexOf(key);
    return at >= 0 ? this.values[at] : undefined;
  }

  private resolve(value: ValueNode): ValueNode | undefined {
    return resolveValue(this.model, value);
  }

  /** The setting of the first of `names` that is set (aliases: pass every spelling). */
  get(...names: string[]): Setting | undefined {
    for (const n of names) {
      const s = this.find(n.toLowerCase());
      if (s) return s;
    }
    return undefined;
  }

  /** A nested block as a view, when the option holds a map. */
  block(...names: string[]): EffectiveMap | undefined {
    const s = this.get(...names);
    return s?.value?.kind === 'map' ? new EffectiveMap(this.model, s.value, s.file) : undefined;
  }

  string(...names: string[]): string | undefined {
    const v = this.get(...names)?.value;
    return v?.kind === 'string' ? v.value : undefined;
  }

  number(...names: string[]): number | undefined {
    const v = this.get(...names)?.value;
    return v?.kind === 'integer' || v?.kind === 'float' ? v.value : undefined;
  }

  bool(...names: string[]): boolean | undefined {
    const v = this.get(...names)?.value;
    return v?.kind === 'bool' ? v.value : undefined;
  }
}

export function effectiveTop(model: ConfigModel): EffectiveMap {
  return new EffectiveMap(model, model.root.tree.root, model.root);
}
