// A real VS Code for the end-to-end test: code-server (installed by scripts/install-code-server.sh)
// with the packaged .vsix installed into fresh folders, driven in Debian's Chromium by
// playwright-core the way a user works: keyboard, command palette, quick inputs. Every wait is on
// what the page shows, never a fixed sleep.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { freePort } from '../support/nats-server';

export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR =
  process.env.CODE_SERVER_DIR ??
  path.join(os.homedir(), '.cache', 'nats-conf-e2e', `code-server-${CODE_SERVER_VERSION}`);
const ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Why the browser test cannot run here, or undefined when it can. */
export function missingParts(): string | undefined {
  if (!fs.existsSync(ENTRY))
    return (
      `code-server ${CODE_SERVER_VERSION} is not installed in ${CODE_SERVER_DIR}: ` +
      'run scripts/install-code-server.sh'
    );
  if (!fs.existsSync(CHROMIUM))
    return `${CHROMIUM} is missing: apt-get install chromium (scripts/install-code-server.sh does)`;
  return undefined;
}

export interface Workbench {
  page: Page;
  /** The folder code-server keeps its state in (settings, logs). */
  userData: string;
  close(): Promise<void>;
}

/** Installs exactly `vsix` into fresh folders, starts code-server on `folder`, opens it in Chromium. */
export async function openWorkbench(vsix: string, folder: string, env: Record<string, string>): Promise<Workbench> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-e2e-vscode-'));
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'workbench.tips.enabled': false,
      'extensions.ignoreRecommendations': true,
      'editor.hover.delay': 100,
      'nats.detect': 'off',
    }),
  );
  const installed = spawnSync(
    process.execPath,
    [ENTRY, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (installed.status !== 0) throw new Error(`installing ${vsix} failed: ${installed.stderr || installed.stdout}`);
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    [
      ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      folder,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let log = '';
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  await untilAnswers(`http://127.0.0.1:${port}/healthz`, () => log);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  return {
    page,
    userData,
    close: async () => {
      await browser.close().catch(() => undefined);
      server.kill();
      await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function untilAnswers(url: string, log: () => string): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`code-server did not answer at ${url}: ${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The quick input (palette, pickers, input boxes). */
const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Runs a command from the palette by its title ("NATS: Publish a message"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Just after start the workbench may not take keys yet: try again until the palette lists it.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = quickInput(page).locator('input').first();
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`);
      await quickInput(page).locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** Answers the input box or picker whose title holds `title`. */
export async function answer(page: Page, title: string | RegExp, value: string): Promise<void> {
  await quickInput(page)
    .locator('.quick-input-title, .quick-input-message', { hasText: title })
    .first()
    .waitFor({ state: 'visible' });
  const input = quickInput(page).locator('input').first();
  await input.fill(value);
  await page.keyboard.press('Enter');
  // The next question reuses the widget: wait until this one is gone.
  await page.waitForFunction(
    (t) => {
      const el = document.querySelector('.quick-input-widget');
      const title = el?.querySelector('.quick-input-title')?.textContent ?? '';
      return (
        !el ||
        (el as HTMLElement).style.display === 'none' ||
        !(typeof t === 'string' ? title.includes(t) : new RegExp(t.source).test(title))
      );
    },
    typeof title === 'string' ? title : { source: title.source },
  );
}

/** Picks the item labelled `label` in the picker titled `title`. */
export async function pick(page: Page, title: string, label: string): Promise<void> {
  await quickInput(page).locator('.quick-input-title', { hasText: title }).first().waitFor({ state: 'visible' });
  await quickInput(page).locator('input').first().fill(label);
  await quickInput(page).locator('.monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file by name (Quick Open) and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await quickInput(page).locator('.monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/** Moves the cursor to line:column (1-based) with "Go to Line". */
export async function goTo(page: Page, line: number, column?: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInput(page).locator('input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}${column ? `:${column}` : ''}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The text of an editor line as drawn (1-based, among the lines on screen). */
export async function lineText(page: Page, line: number): Promise<string> {
  const lines = page.locator('.editor-instance .view-lines .view-line');
  const texts = await lines.evaluateAll((els) =>
    els
      .map((e) => ({
        top: parseFloat((e as HTMLElement).style.top),
        text: (e.textContent ?? '').replace(/\u00a0/g, ' '),
      }))
      .sort((a, b) => a.top - b.top)
      .map((e) => e.text),
  );
  return texts[line - 1] ?? '';
}

/** The content of the webview whose page title starts with `title` (code-server nests it in two iframes). */
export async function webview(page: Page, title: string): Promise<Frame> {
  await page.locator('.tab', { hasText: title }).first().waitFor();
  const end = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      const t = await frame.title().catch(() => '');
      if (t.startsWith(title)) return frame;
    }
    if (Date.now() > end) throw new Error(`no webview titled ${title}`);
    await page.waitForTimeout(100);
  }
}

/** Saves a screenshot of the whole window; returns its path. */
export async function snap(page: Page, folder: string, name: string): Promise<string> {
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
