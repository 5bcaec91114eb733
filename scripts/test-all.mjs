// `npm test`: every stage runs, whatever happened in the ones before (a failing unit test must not
// hide what the browser test would have said), then one table: stage, result, time, tests.
// Exit 1 when any stage failed. Stage names as arguments run those alone:
//   node scripts/test-all.mjs build test/cli desktop
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

/** The folders of test/ that hold node:test files, each its own stage. */
const testFolders = readdirSync('test')
  .filter(
    (name) =>
      statSync(join('test', name)).isDirectory() && readdirSync(join('test', name)).some((f) => f.endsWith('.test.ts')),
  )
  .sort();

const stages = [
  { name: 'build', command: [process.execPath, 'scripts/build.mjs'] },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  ...testFolders.map((folder) => ({
    name: `test/${folder}`,
    command: [process.execPath, 'scripts/run-tests.mjs', `test/${folder}`],
  })),
  { name: 'e2e (browser)', command: ['npm', 'run', '--silent', 'test:e2e'] },
  // It prints this line, and exits 0, where desktop VS Code cannot be downloaded.
  {
    name: 'desktop',
    command: [process.execPath, '--import', 'tsx', 'test/desktop/run.ts'],
    skippedWhen: /^desktop VS Code tests skipped: ([^;\n]*)/m,
  },
];

/** Runs one stage with its output passed through, and keeps the output to read its counts. */
function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(stage.command[0], stage.command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      output += d;
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      output += d;
    });
    const finish = (status, note = '') =>
      resolve({ ...stage, status, seconds: (Date.now() - started) / 1000, output, note });
    child.once('error', (err) => finish(1, err.message));
    child.once('close', (code, signal) => finish(code ?? (signal ? 128 : 1), signal ? `killed by ${signal}` : ''));
  });
}

/** node:test's closing counts (`# pass 12` in TAP, `ℹ pass 12` in the spec reporter), summed over runs. */
function testCounts(output) {
  const counts = {};
  for (const m of output.matchAll(/^(?:# |ℹ )(pass|fail|skipped|cancelled|todo) (\d+)$/gm))
    counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
  return counts;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !stages.some((s) => s.name === name || s.name.startsWith(`${name} `)));
if (unknown.length) {
  console.error(
    `test-all: no stage ${unknown.join(', ')} (stages: ${stages.map((s) => s.name.split(' ')[0]).join(', ')})`,
  );
  process.exit(2);
}

const results = [];
for (const stage of stages.filter(
  (s) => !wanted.length || wanted.some((name) => s.name === name || s.name.startsWith(`${name} `)),
)) {
  console.log(`\n=== ${stage.name}: ${stage.command.join(' ')}`);
  results.push(await run(stage));
}

const rows = results.map((r) => {
  const counts = testCounts(r.output);
  const skipped = r.skippedWhen?.exec(r.output);
  // A stage whose tests were all skipped (the browser test without code-server, outside CI) ran nothing.
  const allSkipped = r.status === 0 && counts.skipped > 0 && !counts.pass && !counts.fail;
  const result = r.status !== 0 ? 'failed' : skipped || allSkipped ? 'skipped' : 'passed';
  const tests = Object.keys(counts).length
    ? ['pass', 'fail', 'cancelled', 'skipped', 'todo']
        .filter((k) => counts[k])
        .map((k) => `${counts[k]} ${k === 'pass' ? 'passed' : k === 'fail' ? 'failed' : k}`)
        .join(', ')
    : '';
  const note = r.status !== 0 && r.note ? r.note : skipped ? skipped[1] : '';
  return [r.name, result, `${r.seconds.toFixed(1)} s`, [tests, note].filter(Boolean).join('; ')];
});
const header = ['stage', 'result', 'time', 'tests'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
console.log(
  '\n' +
    `${line(header)}\n` +
    `${line(widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? header[i].length : w)))}\n` +
    `${rows.map(line).join('\n')}`,
);
if (results[0]?.name === 'build' && results[0].status !== 0)
  console.log(
    '\nThe build failed: the stages after it ran against the bundles of an earlier build, if there were any.',
  );
const failed = rows.filter((row) => row[1] === 'failed').map((row) => row[0]);
console.log(failed.length ? `\nfailed: ${failed.join(', ')}` : '\nevery stage passed or was skipped');
process.exit(failed.length ? 1 : 0);
