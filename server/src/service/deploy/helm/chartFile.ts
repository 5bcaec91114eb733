// The Chart.yaml beside a values file: whose values the file holds. The nats chart's own (a copy
// of the chart kept in the repository, judged by its version's layout), a chart that depends on the
// nats chart (its values under `nats:` or the dependency's alias), or another chart's (no nats
// chart values at all).

import * as path from 'node:path';
import { parse } from 'yaml';
import type { ConfigHost } from '../../document';
import type { ChartLayout } from './chartKeys';

type ChartBeside =
  /** The nats chart itself: the values file is its defaults, in its version's layout. */
  | { kind: 'nats'; layout: ChartLayout }
  /** A chart that depends on the nats chart: its values are under `key`. */
  | { kind: 'depends'; key: string; layout: ChartLayout }
  /** Another chart: the file holds its values, none of the nats chart's. */
  | { kind: 'other' };

/** A chart version or version range (`0.19.17`, `~0.19`, `>=1.0.0`): 0.x when it starts at major 0. */
function layoutOf(version: unknown): ChartLayout {
  return typeof version === 'string' && /^[^\d]*0\./.test(version.trim()) ? '0.x' : '1.x';
}

/** What the Chart.yaml (or Chart.yml) in the values file's folder says; undefined: none, or unreadable. */
export function chartBeside(valuesPath: string, host: ConfigHost): ChartBeside | undefined {
  for (const name of ['Chart.yaml', 'Chart.yml']) {
    const read = host.readFile(path.join(path.dirname(valuesPath), name));
    if ('error' in read) continue;
    let chart: unknown;
    try {
      chart = parse(read.text);
    } catch {
      return undefined;
    }
    if (!chart || typeof chart !== 'object' || Array.isArray(chart)) return undefined;
    const { name: chartName, version, dependencies } = chart as Record<string, unknown>;
    const nats = Array.isArray(dependencies)
      ? (dependencies as unknown[]).find(
          (d): d is Record<string, unknown> =>
            !!d && typeof d === 'object' && (d as { name?: unknown }).name === 'nats',
        )
      : undefined;
    if (nats) {
      const alias = typeof nats.alias === 'string' && nats.alias ? nats.alias : 'nats';
      return { kind: 'depends', key: alias, layout: layoutOf(nats.version) };
    }
    if (chartName === 'nats') return { kind: 'nats', layout: layoutOf(version) };
    return { kind: 'other' };
  }
  return undefined;
}
