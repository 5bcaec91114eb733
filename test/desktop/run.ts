// The extension's tests in desktop VS Code (@vscode/test-electron), for machines that can
// download VS Code. Where it cannot be downloaded (this project's CI network), one line says so
// and the run is skipped, not failed. VSCODE_DESKTOP_EXECUTABLE names an installed VS Code instead.
//   npm run test:desktop        (Linux without a display: xvfb-run -a npm run test:desktop)

import * as https from 'node:https';
import * as path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const REPO = path.resolve(__dirname, '..', '..');
const VERSION = '1.100.0';
const DOWNLOAD = 'https://update.code.visualstudio.com/api/releases/stable';

function reachable(url: string, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function main(): Promise<number> {
  const executable = process.env.VSCODE_DESKTOP_EXECUTABLE;
  if (!executable && !(await reachable(DOWNLOAD))) {
    console.log(
      `desktop VS Code tests skipped: VS Code ${VERSION} cannot be downloaded here ` +
        `(${new URL(DOWNLOAD).host} does not answer); ` +
        'the browser end-to-end test (npm run test:e2e) covers the extension in VS Code 1.100.',
    );
    return 0;
  }
  await build({
    entryPoints: [path.join(__dirname, 'suite.ts')],
    outfile: path.join(__dirname, 'dist', 'suite.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  await runTests({
    version: executable ? undefined : VERSION,
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(__dirname, 'dist', 'suite.js'),
    launchArgs: [path.join(REPO, 'test', 'e2e', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`desktop VS Code tests failed: ${(e as Error).message ?? e}`);
    process.exit(1);
  },
);
