// The cross-node checks on every scenario: findings at the file and line to fix.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfig, clusterDiagnostics, parseServerVersion } from '../../server/src/service';
import { memoryHost } from '../support/service';
import { scenarios } from './scenarios';

describe('cross-node checks', () => {
  for (const s of scenarios) {
    test(s.name, () => {
      const host = memoryHost(s.files, s.env ?? {});
      const models = Object.entries(s.files).map(([file, text]) => checkConfig(file, text, { host, version: s.version ? parseServerVersion(s.version) : undefined }).model);
      const found = clusterDiagnostics(models);
      const show = (severities: string[]) =>
        found
          .filter((d) => severities.includes(d.severity))
          .map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`)
          .sort();
      assert.deepEqual(show(['error', 'warning']), [...s.expect].sort(), JSON.stringify(found.map((d) => d.message), null, 1));
      assert.deepEqual(show(['information']), [...(s.info ?? [])].sort());
      for (const d of found) assert.equal(d.origin, 'cluster');
    });
  }
});
