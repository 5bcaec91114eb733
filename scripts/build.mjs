// Bundles the CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';

// Paths below are from the repository root, wherever this runs from (the server package's prepack too).
process.chdir(new URL('..', import.meta.url).pathname);

// Minified (names kept: errors are told apart by their names); the .vsix and the npm package
// ship these files alone, without their source maps.
const common = { bundle: true, minify: true, keepNames: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // ./live (health, drift, the NATS client) is its own bundle, loaded only by those commands.
  build({ ...common, entryPoints: ['server/src/cli/nats-conf.ts'], outfile: 'server/dist/nats-conf.js', external: ['./live'] }),
  build({ ...common, entryPoints: ['server/src/cli/live.ts'], outfile: 'server/dist/live.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/nats-language-server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] }),
]);
