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

/**
 * Set to a `$reference` whose value is not known here (an environment value the deployment sets
 * from a Secret or a shell not given, or an undefined name, reported as such): present, but no
 * rule may judge what it holds.
 */
export function valueUnknown(setting: Setting | undefined): boolean {
  return !!setting && setting.value === undefined && setting.entry.value?.kind === 'variable';
}

/**
 * Up to this many entries (and no include), a block is searched where it is written, building
 * nothing: large configs hold tens of thousands of small blocks (users), each asked a few keys.
 */
const DIRECT_ENTRIES = 16;

export class EffectiveMap {
  /**
   * Settings by lower-case key, the last of duplicates winning (large blocks, and blocks with
   * includes); null for a block searched directly. Undefined until first asked: building a view
   * of each of thousands of users then reads none of their entries.
   */
  private settings: Map<string, Setting> | null | undefined;
  /** The settings of a block searched directly, by entry index, made when first asked for (one per entry). */
  private made: (Setting | undefined)[] | undefined;

  constructor(
    private readonly model: ConfigModel,
    private readonly map: MapNode,
    private readonly file: ConfigFile,
  ) {}

  private collect(settings: Map<string, Setting>, map: MapNode, file: ConfigFile, depth: number): void {
    for (const entry of map.entries) {
      if (entry.kind === 'include') {
        const included = this.model.includes.get(entry)?.file;
        if (included && depth < 32) this.collect(settings, included.tree.root, included, depth + 1);
        continue;
      }
      if (!entry.value) continue;
      settings.set(lowerCase(entry.key), { entry, value: this.resolve(entry.value), file });
    }
  }

  /** The setting of a lower-case key. */
  private find(key: string): Setting | undefined {
    if (this.settings === undefined) {
      const direct = this.map.entries.length <= DIRECT_ENTRIES && !hasInclude(this.map);
      if (direct) this.settings = null;
      else this.collect((this.settings = new Map()), this.map, this.file, 0);
    }
    if (this.settings) return this.settings.get(key);
    const entries = this.map.entries;
    // The last entry with a value wins, as when read in order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as KeyValueNode;
      if (!entry.value || !lowersTo(entry.key, key)) continue;
      const made = (this.made ??= new Array<Setting | undefined>(entries.length));
      return (made[i] ??= { entry, value: this.resolve(entry.value), file: this.file });
    }
    return undefined;
  }

  private resolve(value: ValueNode): ValueNode | undefined {
    return resolveValue(this.model, value);
  }

  /**
   * Whether an include of this block (or of a file it includes) was not read: a container's file
   * from a volume not shown, or a file that is not there (reported as such: a script may write it
   * before the server starts). Any key may be set there, so a check that a key is missing says nothing.
   */
  unread(): boolean {
    const unreadIn = (map: MapNode, depth: number): boolean =>
      map.entries.some((entry) => {
        if (entry.kind !== 'include') return false;
        const record = this.model.includes.get(entry);
        if (!record?.file) return true;
        return depth < 32 && unreadIn(record.file.tree.root, depth + 1);
      });
    return hasInclude(this.map) && unreadIn(this.map, 0);
  }

  /** The setting of the first of `names` that is set (aliases: pass every spelling). */
  get(...names: string[]): Setting | undefined {
    for (const n of names) {
      const s = this.find(lowerCase(n));
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

/**
 * A key or name in lower case. Most are written so already, and toLowerCase makes a new string
 * even then: asked for every key of large configs, that garbage adds up.
 */
export function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return text.toLowerCase();
  }
  return text;
}

/**
 * Whether a key as written lower-cases to `lower` (itself lower case), mostly without lower-casing
 * it: this runs for every key of every user asked about. Lower-casing never shortens a string,
 * lengthens only 'İ' (to 'i̇'), and turns an ASCII letter into an ASCII letter.
 */
function lowersTo(written: string, lower: string): boolean {
  if (written === lower) return true;
  if (written.length > lower.length) return false;
  if (written.length < lower.length && !written.includes('\u0130')) return false;
  const first = written.charCodeAt(0);
  if (first >= 0x61 && first <= 0x7a && first !== lower.charCodeAt(0)) return false;
  if (first >= 0x41 && first <= 0x5a && first + 0x20 !== lower.charCodeAt(0)) return false;
  return written.toLowerCase() === lower;
}

function hasInclude(map: MapNode): boolean {
  for (const entry of map.entries) if (entry.kind === 'include') return true;
  return false;
}

export function effectiveTop(model: ConfigModel): EffectiveMap {
  return new EffectiveMap(model, model.root.tree.root, model.root);
}
