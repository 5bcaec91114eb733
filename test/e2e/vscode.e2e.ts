// End to end in a real VS Code (code-server in Chromium): the packaged .vsix installed as a user
// installs it, a workspace with the setup guide's three node configs (nats-3.conf with the usual
// mistakes) and a local three-node nats-server cluster. Each step is what a user does and sees,
// and leaves a screenshot in the folder printed at the start.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { REPO } from '../support/cli';
import { startCluster, type RunningCluster } from '../support/nats-server';
import {
  answer,
  goTo,
  lineText,
  missingParts,
  openFile,
  openWorkbench,
  pick,
  runCommand,
  snap,
  webview,
  type Workbench,
} from './workbench';
import { guideYaml } from '../support/guide';

const VSIX = path.join(REPO, 'nats-conf-vscode.vsix');
/** The guide's ConfigMap (its ```yaml block starting `# nats-configmap.yaml`), `max_file_store` misspelt. */
const CONFIGMAP = (() => {
  return guideYaml('nats-configmap.yaml').replace('max_file_store:', 'max_file_stor:');
})();
/** The 1-based line of the typo, and of `jetstream {`, in the ConfigMap. */
const lineIn = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(REPO, 'test-results', 'e2e');
const PASSWORD = 'e2e-Pw-9431-secret';
/** A user of an account with JetStream (the system account has none), for the JetStream view. */
const APP_PASSWORD = 'e2e-app-Pw-5120';
const missing = missingParts() ?? (fs.existsSync(VSIX) ? undefined : `${VSIX} is missing: run npm run package first`);
// CI installs what the test needs (npm run test:e2e): there, a missing part is a failure, not a skip.
if (missing && process.env.CI) throw new Error(`the browser end-to-end test cannot run: ${missing}`);

describe('the extension in a real VS Code', { skip: missing }, () => {
  let cluster: RunningCluster;
  let vscode: Workbench;
  let folder: string;

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    console.log(`e2e screenshots: ${SHOTS}`);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-e2e-workspace-'));
    for (const f of fs.readdirSync(path.join(REPO, 'test', 'e2e', 'workspace')))
      fs.copyFileSync(path.join(REPO, 'test', 'e2e', 'workspace', f), path.join(folder, f));
    // The guide's ConfigMap, verbatim but for one typo inside `nats.conf: |`.
    fs.writeFileSync(path.join(folder, 'nats-configmap.yaml'), CONFIGMAP);
    // The guide's cluster, running on loopback: nats-1, nats-2 and nats-3 in my-nats-cluster, with
    // JetStream on each (the guide's nats-1 and nats-2 configs leave it off: drift to find).
    cluster = await startCluster(
      3,
      'nats-',
      (_i, dir) => [
        `jetstream { store_dir: "${dir}/js" }`,
        `accounts { SYS { users: [ { user: admin, password: "${PASSWORD}" } ] }, ` +
          `APP { jetstream: enabled, users: [ { user: app, password: "${APP_PASSWORD}" } ] } }`,
        'system_account: SYS',
      ],
      'my-nats-cluster',
    );
    // No nats CLI contexts: the user adds the connection in the editor.
    const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-e2e-xdg-'));
    vscode = await openWorkbench(VSIX, folder, { XDG_CONFIG_HOME: xdg });
  });
  after(async () => {
    await vscode?.close();
    await Promise.all(cluster?.servers.map((s) => s.stop()) ?? []);
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test(
    'nats-3.conf opens as a NATS config: coloured keys, ' + 'and the findings in Problems, the cross-node one included',
    async () => {
      const { page } = vscode;
      await openFile(page, 'nats-3.conf');
      await page.locator('#status\\.editor\\.mode', { hasText: 'NATS Server Config' }).waitFor();
      // The grammar colours keys apart from their values.
      const key = page.locator('.view-line span span', { hasText: /^server_name$/ }).first();
      const value = page.locator('.view-line span span', { hasText: /^nats-3$/ }).first();
      const [keyColor, valueColor] = [
        await key.evaluate((e) => getComputedStyle(e).color),
        await value.evaluate((e) => getComputedStyle(e).color),
      ];
      assert.notEqual(keyColor, valueColor, 'keys and values have their own colours');
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel');
      await problems.getByText("'ping_interval' expects a duration").first().waitFor();
      await problems
        .getByText('This route reaches nats-2 on 6223, a port nothing listens on for routes')
        .first()
        .waitFor();
      await problems.getByText('This cluster has only 1 JetStream node').first().waitFor();
      await snap(page, SHOTS, '1-problems');
    },
  );

  test('hover on max_memory_store: 1Gi shows the byte count', async () => {
    const { page } = vscode;
    await goTo(page, 22, 24);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover', { hasText: '1,073,741,824 bytes' }).first().waitFor();
    await snap(page, SHOTS, '2-hover');
    await page.keyboard.press('Escape');
  });

  test('the quick fix on ping_interval: 2m quotes it', async () => {
    const { page } = vscode;
    await goTo(page, 7, 17);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Quote it: "2m"' }).first().waitFor();
    await snap(page, SHOTS, '3-quick-fix');
    // The widget is driven by keyboard: move to the fix, then Enter.
    for (
      let i = 0;
      i < 5 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Quote it: "2m"' }).count());
      i++
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: 'ping_interval: "2m"' }).waitFor();
    assert.equal((await lineText(page, 7)).trim(), 'ping_interval: "2m"');
  });

  test('completion inside cluster { offers its options; accepting one inserts it', async () => {
    const { page } = vscode;
    await goTo(page, 9);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget');
    await suggest.locator('.monaco-list-row').first().waitFor();
    await snap(page, SHOTS, '4-completion');
    // routes is already in this block (a second one would replace it), so the list goes on with the others.
    for (const [typed, offered] of [
      ['auth', 'authorization'],
      ['tl', 'tls'],
    ]) {
      await page.keyboard.type(typed);
      await suggest
        .locator('.monaco-list-row', { hasText: new RegExp(`^${offered}\\b`) })
        .first()
        .waitFor();
      if (offered === 'authorization') for (let i = 0; i < typed.length; i++) await page.keyboard.press('Backspace');
    }
    await page.keyboard.press('Enter');
    await page
      .locator('.view-line', { hasText: /^\s*tls/ })
      .first()
      .waitFor();
    assert.match(await lineText(page, 10), /^\s*tls\b/);
    // Put the file back as it was for the live steps (the guide's routes are not changed).
    await page.keyboard.press('Escape');
  });

  test('connect, subscribe, publish: the message appears in the messages view', async () => {
    const { page } = vscode;
    const urls = cluster.servers.map((s) => s.url.replace('nats://', `nats://admin:${PASSWORD}@`)).join(',');
    await runCommand(page, 'NATS: Connect to a server or context');
    await answer(page, 'Server URLs', urls);
    await pick(page, 'TLS and more', '');
    await answer(page, 'A name for this connection', 'e2e-cluster');
    await page.locator('.statusbar-item', { hasText: 'NATS e2e-cluster' }).first().waitFor();
    await runCommand(page, 'NATS: Subscribe to a subject');
    await answer(page, 'Subscribe to subject', 'demo.>');
    await answer(page, 'Queue group', '');
    const view = await webview(page, 'NATS messages');
    await view.locator('.sub', { hasText: 'demo.>' }).waitFor();
    await runCommand(page, 'NATS: Publish a message');
    await answer(page, 'Publish to subject', 'demo.hello');
    await answer(page, 'Payload', '{"greeting":"hello from VS Code","n":1}');
    await answer(page, 'Headers', 'Trace-Id: e2e-1');
    await pick(page, 'Publish to demo.hello', 'Publish');
    await view
      .locator('.msg', { hasText: 'demo.hello' })
      .locator('pre.payload', { hasText: '"greeting": "hello from VS Code"' })
      .waitFor();
    await view.locator('.msg', { hasText: 'Trace-Id: e2e-1' }).first().waitFor();
    await view.locator('.sub .count', { hasText: '1 received' }).waitFor();
    await snap(page, SHOTS, '5-messages');
    // Closed and opened again: the subscription kept running, and its messages are shown again.
    await page.locator('.tab', { hasText: 'NATS messages' }).locator('.codicon-close').click();
    await page.mouse.move(700, 300); // away from the tab, so its tooltip is not in the next screenshots
    await page.locator('.tab', { hasText: 'NATS messages' }).waitFor({ state: 'detached' });
    await runCommand(page, 'NATS: Show received messages');
    const reopened = await webview(page, 'NATS messages');
    await reopened.locator('pre.payload', { hasText: '"greeting": "hello from VS Code"' }).waitFor();
    await reopened.locator('.sub', { hasText: 'demo.>' }).waitFor();

    // A flood: 20,000 messages at 10,000 a second. The view counts every one, and draws at most
    // 500, so it stays responsive.
    const publisher = await connect({ servers: cluster.servers[1].url, user: 'admin', pass: PASSWORD });
    try {
      const total = 20_000;
      const start = performance.now();
      for (let sent = 0; sent < total;) {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * 10_000));
        for (; sent < due; sent++) publisher.publish('demo.flood', JSON.stringify({ n: sent }));
        await new Promise((r) => setTimeout(r, 5));
      }
      await publisher.flush();
      const published = performance.now();
      await reopened.locator('.sub .count', { hasText: `${total + 1} received` }).waitFor();
      console.log(
        `e2e: ${total.toLocaleString('en')} messages at 10,000/s: ` +
          `the view counted the last ${Math.round(performance.now() - published)} ms after it was published`,
      );
      assert.ok((await reopened.locator('#messages > *').count()) <= 500, 'the view draws at most 500 messages');
      await reopened.locator('pre.payload', { hasText: `"n": ${total - 1}` }).waitFor();
      await snap(page, SHOTS, '5-messages-flood');
    } finally {
      await publisher.close();
    }
  });

  test('cluster health: the three nodes with their routes', async () => {
    const { page } = vscode;
    await runCommand(page, 'NATS: Show cluster health');
    const view = await webview(page, 'NATS cluster health');
    const rows = view.locator('tr.node');
    await view
      .getByText('Healthy: 3 nodes, fully routed.')
      .waitFor()
      .catch(async (e) => {
        await snap(page, SHOTS, '6-health-failed');
        throw new Error(
          `${(e as Error).message}\nthe view: ${await view
            .locator('body')
            .innerText()
            .catch(() => '?')}`,
        );
      });
    assert.equal(await rows.count(), 3);
    for (const name of ['nats-1', 'nats-2', 'nats-3']) {
      const others = ['nats-1', 'nats-2', 'nats-3'].filter((n) => n !== name);
      const routes = await rows
        .filter({ has: view.locator('td.name', { hasText: new RegExp(`^${name}$`) }) })
        .locator('td.routes')
        .innerText();
      for (const o of others) assert.match(routes, new RegExp(o));
    }
    await snap(page, SHOTS, '6-health');
  });

  test('compare with configs: the drift of the running cluster in Problems, until Stop comparing', async () => {
    const { page } = vscode;
    await runCommand(page, 'NATS: Compare the running cluster with the configs');
    await page
      .locator('.notifications-toasts', {
        hasText: 'The running cluster differs from the configs in 2 places (2 files)',
      })
      .waitFor();
    const problems = page.locator('.markers-panel');
    if (!(await problems.isVisible())) await page.keyboard.press('Control+Shift+M');
    for (const node of ['nats-1', 'nats-2'])
      await problems
        .getByText(`JetStream is disabled in this config, but enabled on the running '${node}'.`)
        .waitFor()
        .catch(async (e) => {
          await snap(page, SHOTS, '7-compare-failed');
          throw new Error(`${(e as Error).message}\nProblems: ${await problems.innerText().catch(() => '?')}`);
        });
    await snap(page, SHOTS, '7-compare');
    // nats-1.conf opened: its findings now come from the language server, the drift once, not twice.
    await openFile(page, 'nats-1.conf');
    await problems.getByText('JetStream runs on nats-3 but not on this node').first().waitFor();
    assert.equal(
      await problems.getByText("JetStream is disabled in this config, but enabled on the running 'nats-1'.").count(),
      1,
    );
    await runCommand(page, 'NATS: Stop comparing with the running cluster');
    await problems
      .getByText('JetStream is disabled in this config, but enabled on the running')
      .first()
      .waitFor({ state: 'detached' });
  });

  test(
    'failover: the node VS Code is connected through stops; ' + 'the status bar follows, the subscription resumes',
    async () => {
      const { page } = vscode;
      const item = page.locator('.statusbar-item', { hasText: 'NATS e2e-cluster' }).first();
      const label = async () =>
        (await item.getAttribute('aria-label')) ??
        (await item.locator('[aria-label]').first().getAttribute('aria-label')) ??
        '';
      const before = /connected to 127\.0\.0\.1:(\d+)/.exec(await label());
      assert.ok(before, await label());
      const victim = cluster.servers.find((s) => s.port === Number(before[1]))!;
      await victim.stop();
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.statusbar-item [aria-label], .statusbar-item[aria-label]')].some((e) =>
            /NATS e2e-cluster, connected to .*, 1 reconnects/.test(e.getAttribute('aria-label') ?? ''),
          ),
        undefined,
        { timeout: 30_000 },
      );
      assert.doesNotMatch(await label(), new RegExp(`:${victim.port},`));
      const survivor = cluster.servers.find((s) => s !== victim)!;
      const publisher = await connect({ servers: survivor.url, user: 'admin', pass: PASSWORD });
      try {
        const view = await webview(page, 'NATS messages');
        publisher.publish('demo.after', 'after the failover');
        await publisher.flush();
        await view.locator('pre.payload', { hasText: 'after the failover' }).waitFor();
      } finally {
        await publisher.close();
      }
      await snap(page, SHOTS, '8-failover');
    },
  );

  test('a ConfigMap stays YAML: the finding inside nats.conf: | at its line, and completion there', async () => {
    const { page } = vscode;
    await openFile(page, 'nats-configmap.yaml');
    await page.locator('#status\\.editor\\.mode', { hasText: 'YAML' }).waitFor();
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    const row = problems.locator('.monaco-list-row', { hasText: 'unknown field "max_file_stor"' }).first();
    await row.waitFor();
    // The row names the YAML line and column of the key (4 spaces of block indentation + 4 of the config's).
    assert.match((await row.textContent()) ?? '', new RegExp(`\\[Ln ${lineIn(CONFIGMAP, 'max_file_stor')}, Col 9\\]`));
    await snap(page, SHOTS, '9-configmap-problem');
    // Completion inside the embedded config: a new line in the jetstream block (its keys not yet set are offered).
    await goTo(page, lineIn(CONFIGMAP, 'store_dir'));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('doma');
    await page.keyboard.press('Control+Space');
    // The row reads `domain` then its detail (`string (name)`), with nothing between.
    const suggest = page.locator('.suggest-widget');
    await suggest
      .locator('.monaco-list-row', { hasText: /^domain/ })
      .first()
      .waitFor();
    await snap(page, SHOTS, '10-configmap-completion');
    await page.keyboard.press('Escape');
    // The file is left as it was.
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
  });

  test('no secret in settings, logs or output channels', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && fs.statSync(p).size < 50_000_000 && fs.readFileSync(p).includes(PASSWORD)) hits.push(p);
      }
    };
    walk(vscode.userData);
    assert.deepEqual(hits, []);
    const settings = JSON.parse(fs.readFileSync(path.join(vscode.userData, 'User', 'settings.json'), 'utf8'));
    assert.deepEqual(settings['nats.connections'], [
      { name: 'e2e-cluster', servers: cluster.servers.map((s) => s.url), auth: 'user', user: 'admin' },
    ]);
  });

  test('the JetStream view lists a stream and a bucket; a KV put asks first, then shows the new value', async () => {
    const { page } = vscode;
    // R1, on the nodes still running after the failover step.
    const app = await connect({ servers: cluster.servers.map((s) => s.url), user: 'app', pass: APP_PASSWORD });
    try {
      const jsm = await jetstreamManager(app);
      await jsm.streams.add({ name: 'E2E_ORDERS', subjects: ['e2e.orders.>'], num_replicas: 1 });
      await jetstream(app).publish('e2e.orders.new', '{"id":1}');
      await (await new Kvm(app).create('e2e_config', { replicas: 1 })).put('mode', 'dev');
    } finally {
      await app.close();
    }
    const urls = cluster.servers.map((s) => s.url.replace('nats://', `nats://app:${APP_PASSWORD}@`)).join(',');
    await runCommand(page, 'NATS: Connect to a server or context');
    await pick(page, 'Connect to NATS', 'Add a connection');
    await answer(page, 'Server URLs', urls);
    await pick(page, 'TLS and more', '');
    await answer(page, 'A name for this connection', 'e2e-app');
    await page.locator('.statusbar-item', { hasText: 'NATS e2e-app' }).first().waitFor();
    await runCommand(page, 'Focus on NATS JetStream View');
    const rows = page.locator('.monaco-list-row');
    await rows.filter({ hasText: 'E2E_ORDERS' }).filter({ hasText: '1 message, ' }).first().waitFor();
    await rows.filter({ hasText: 'e2e_config' }).first().click();
    await rows.filter({ hasText: /^mode/ }).first().waitFor();
    await snap(page, SHOTS, '11-jetstream-view');
    await runCommand(page, "NATS: Put a key's value");
    await pick(page, 'Key-value bucket', 'e2e_config');
    await answer(page, 'Key to put', 'mode');
    await answer(page, 'New value of mode', 'prod-from-vscode');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Put "prod-from-vscode" into the key mode of the bucket e2e_config?' }).waitFor();
    await snap(page, SHOTS, '12-jetstream-put-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Put' }).first().click();
    await rows.filter({ hasText: 'prod-from-vscode · rev 2' }).first().waitFor();
    await snap(page, SHOTS, '13-jetstream-put-done');
  });
});
