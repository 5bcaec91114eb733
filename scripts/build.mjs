// Bundles the CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Paths below are from the repository root, wherever this runs from (the server package's prepack too):
// esbuild resolves entry points against absWorkingDir, not against a later process.chdir.
const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

// Minified (names kept: errors are told apart by their names); the .vsix and the npm package
// ship these files alone, without their source maps.
// write: false, then each file replaced by a rename (and only when it changed): a build that runs
// while tests or a language server use the bundles never lets them read a half-written file.
const common = { absWorkingDir: root, write: false, bundle: true, minify: true, keepNames: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const results = await Promise.all([
  // ./live (health, drift, the NATS client) is its own bundle, loaded only by those commands.
  build({ ...common, entryPoints: ['server/src/cli/nats-conf.ts'], outfile: 'server/dist/nats-conf.js', external: ['./live'] }),
  build({ ...common, entryPoints: ['server/src/cli/live.ts'], outfile: 'server/dist/live.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/nats-language-server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] }),
]);

for (const file of results.flatMap((r) => r.outputFiles)) {
  let old;
  try {
    old = readFileSync(file.path);
  } catch {
    old = undefined;
  }
  if (old && Buffer.compare(old, file.contents) === 0) continue;
  mkdirSync(dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
