// `npm run bench`, issue 16's in-process goals (bench/inprocess-run.ts measures): the check of the
// 3.6 MB config against JSON.parse of the same data, the garbage collector's share of it, and the
// check after a one-character edit. Measured as the CLI and the language server run the service,
// bundled; and from the TypeScript sources through tsx, as the tests run them (module exports are
// getters there, and const enums of another file are not inlined: slower). Prints figures; asserts nothing.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { InProcessFigures } from './inprocess-run';
import { shippedBundle } from '../scripts/bundleOptions.mjs';

const REPO = path.join(__dirname, '..');
const RUNNER = path.join(__dirname, 'inprocess-run.ts');
const BUNDLED = path.join(REPO, '.bench', 'inprocess-run.js');

function run(args: string[]): InProcessFigures {
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as InProcessFigures;
}

async function main(): Promise<void> {
  fs.mkdirSync(path.dirname(BUNDLED), { recursive: true });
  // As scripts/build.mjs bundles the CLI and the language server.
  await build({ ...shippedBundle, entryPoints: [RUNNER], outfile: BUNDLED, logLevel: 'warning' });
  const shipped = run([BUNDLED]);
  const sources = run(['--import', 'tsx', RUNNER]);
  const ratio = (f: InProcessFigures) => (f.checkMs / f.jsonParseMs).toFixed(1);
  const gc = (f: InProcessFigures) => (f.gcShare * 100).toFixed(0);
  console.log(
    `in process: check ${shipped.checkMs.toFixed(0)} ms, JSON.parse of the same data as JSON ` +
      `(${shipped.jsonMb.toFixed(1)} MB) ${shipped.jsonParseMs.toFixed(0)} ms: ${ratio(shipped)}× (goal ≤ 3×); ` +
      `garbage collector ${gc(shipped)}% of the check (goal < 10%); bundled, as shipped`,
  );
  console.log(
    `  the same from the TypeScript sources through tsx, as the tests run them: check ${sources.checkMs.toFixed(0)} ` +
      `ms, ${ratio(sources)}× JSON.parse (${sources.jsonParseMs.toFixed(0)} ms); garbage collector ${gc(sources)}%`,
  );
  console.log(
    `in process, after a one-character edit: check ${shipped.editMs.toFixed(0)} ms, of which reading ` +
      `${shipped.rereadMs.toFixed(0)} ms (the account's users list read again, the rest of the last reading moved); ` +
      `from the sources ${sources.editMs.toFixed(0)} ms`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
