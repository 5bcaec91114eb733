// Bundles the CLI, the language server and the VS Code client with esbuild, and writes the config's
// JSON Schema (schemas/nats-server-config.schema.json) from the option catalogue.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { shippedBundle } from './bundleOptions.mjs';

// Paths below are from the repository root, wherever this runs from (the server package's prepack too):
// esbuild resolves entry points against absWorkingDir, not against a later process.chdir.
const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

// Bundled as scripts/bundleOptions.mjs says; the .vsix and the npm package
// ship these files alone, without their source maps.
// write: false, then each file replaced by a rename (and only when it changed): a build that runs
// while tests or a language server use the bundles never lets them read a half-written file.
const common = {
  ...shippedBundle,
  absWorkingDir: root,
  write: false,
  sourcemap: true,
  logLevel: 'warning',
};

const results = await Promise.all([
  // ./live (health, drift, the NATS client) is its own bundle, loaded only by those commands.
  build({
    ...common,
    entryPoints: ['server/src/cli/nats-conf.ts'],
    outfile: 'server/dist/nats-conf.js',
    external: ['./live'],
  }),
  build({ ...common, entryPoints: ['server/src/cli/live.ts'], outfile: 'server/dist/live.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/nats-language-server.js' }),
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/dist/extension.js',
    external: ['vscode'],
  }),
]);

for (const file of results.flatMap((r) => r.outputFiles)) replaceIfChanged(file.path, file.contents);

// The JSON Schema of the config, from the catalogue: the generator bundled in memory and run here
// (test/unit/jsonSchema.test.ts fails when the checked-in file no longer matches the catalogue).
const generator = await build({
  absWorkingDir: root,
  entryPoints: ['server/src/service/catalogue/jsonSchema.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
const { catalogueJsonSchemaText } = await import(
  `data:text/javascript;base64,${Buffer.from(generator.outputFiles[0].contents).toString('base64')}`
);
replaceIfChanged(`${root}schemas/nats-server-config.schema.json`, Buffer.from(catalogueJsonSchemaText()));

function replaceIfChanged(path, contents) {
  let old;
  try {
    old = readFileSync(path);
  } catch {
    old = undefined;
  }
  if (old && Buffer.compare(old, contents) === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
