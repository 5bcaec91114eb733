// The setup guide our users follow, as the tests read it: test/fixtures/guide holds a verbatim
// copy of ../shared/seed/nats-cluster-setup-guide.md (test/unit/seed.test.ts holds them equal
// wherever that folder exists), so the tests run the same on a machine without it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './cli';

export const GUIDE = path.join(REPO, 'test', 'fixtures', 'guide', 'nats-cluster-setup-guide.md');

export function guideText(): string {
  return fs.readFileSync(GUIDE, 'utf8');
}

/** The guide's fenced ```yaml block whose first line is `# <name>` (e.g. `nats-configmap.yaml`), verbatim. */
export function guideYaml(name: string): string {
  const text = guideText();
  const start = text.indexOf('```yaml\n# ' + name + '\n');
  if (start < 0) throw new Error(`no yaml block '# ${name}' in the guide`);
  const body = start + '```yaml\n'.length;
  return text.slice(body, text.indexOf('```', body));
}
