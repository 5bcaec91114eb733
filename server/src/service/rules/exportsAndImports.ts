// An account's exports and imports as nats-server reads them: an export is a stream or a
// service (a response type only for services); a stream import takes `prefix` or `to`, not both.

import { ConfigFile } from '../document';
import { EffectiveMap, Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { MapNode } from '../tree';
import { RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['export-conflict', 'import-conflict'] as const satisfies readonly FindingCode[];

export function checkExportsAndImports(ctx: RuleContext): void {
  ctx.eachAccount('exports and imports', (account) => {
    for (const setting of ctx.settingsOf(account, 'exports', 'imports')) {
      const isExport = setting.entry.key.toLowerCase() === 'exports';
      for (const map of mapsOf(setting)) (isExport ? checkExport : checkImport)(ctx, map, setting.file);
    }
  });
}

function checkExport(ctx: RuleContext, map: MapNode, file: ConfigFile): void {
  const e = new EffectiveMap(ctx.model, map, file);
  const stream = e.get('stream');
  const service = e.get('service');
  if (stream && service) {
    ctx.report(
      stream.entry.start > service.entry.start ? stream : service,
      'error',
      'export-conflict',
      'An export is either a stream or a service, not both: ' +
        'nats-server refuses it ("Detected stream … but already saw a service").',
      'server',
    );
  }
  const response = e.get('response', 'response_type');
  if (response && !service) {
    ctx.report(
      response,
      'error',
      'export-conflict',
      'Detected response directive on non-service: only service exports take a response type.',
      'server',
    );
  }
}

function checkImport(ctx: RuleContext, map: MapNode, file: ConfigFile): void {
  const i = new EffectiveMap(ctx.model, map, file);
  const to = i.get('to');
  if (!i.get('stream') || !i.get('prefix') || !to) return;
  ctx.report(
    to,
    'error',
    'import-conflict',
    "Stream import can not have a 'prefix' and a 'to' property: keep one. " +
      "nats-server reads an import's keys in a random order, so it refuses this while reading the config, " +
      'at start, or (by chance) not at all.',
    'server',
  );
}

/** The maps in a setting holding a list of maps. */
function mapsOf(setting: Setting): MapNode[] {
  if (setting.value?.kind !== 'array') return [];
  return setting.value.items.filter((i): i is MapNode => i.kind === 'map');
}
