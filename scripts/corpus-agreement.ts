// Holds the checker against a folder of configs whose nats-server verdicts are known:
//   npm run agreement -- FOLDER [--server-version 2.9]
// FOLDER has a truth.json: { "<path>": { cwd, arg, rejects, stage, line, said, skip? } }, each
// config judged by `nats-server -t -c arg` run in FOLDER/cwd (and a real start). Prints the
// verdict and line agreement and every disagreement. Reads the folder; copies nothing.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, parseServerVersion, type Diagnostic } from '../server/src/service';
import { nodeHost, readTextFile } from '../server/src/node/nodeHost';

interface Truth {
  cwd: string;
  arg: string;
  rejects: boolean;
  stage: 'test' | 'start' | null;
  line: number | null;
  said: string;
  skip?: string;
}

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
const versionArg = args.includes('--server-version') ? args[args.indexOf('--server-version') + 1] : '2.9';
if (!folder || !fs.existsSync(path.join(folder, 'truth.json'))) {
  console.error('usage: corpus-agreement.ts FOLDER [--server-version X.Y]   (FOLDER holds truth.json)');
  process.exit(2);
}
const version = parseServerVersion(versionArg)!;
const truth: Record<string, Truth> = JSON.parse(fs.readFileSync(path.join(folder, 'truth.json'), 'utf8'));

let judged = 0;
let agree = 0;
let withLine = 0;
let lineAgree = 0;
const disagreements: string[] = [];
const cwd0 = process.cwd();
for (const [name, t] of Object.entries(truth)) {
  if (t.skip) continue;
  judged++;
  const dir = path.resolve(folder, t.cwd);
  process.chdir(dir); // nats-server resolves TLS and other paths against its working directory
  try {
    const content = readTextFile(t.arg);
    const diagnostics =
      'text' in content
        ? createLanguageService({ version, host: nodeHost(process.env) }).check({ path: t.arg, text: content.text })
            .diagnostics
        : [];
    const server = diagnostics.filter(
      (d) => d.origin === 'server' && (d.severity === 'error' || d.severity === 'warning'),
    );
    const rejects = server.length > 0 || !('text' in content);
    if (rejects === t.rejects) agree++;
    else {
      const ours = server.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}: ${d.message}`).join('\n      ');
      disagreements.push(
        `${name}\n` +
          `    nats-server: ${t.rejects ? `rejects (${t.stage})` : 'accepts'}: ${t.said}\n` +
          `    nats-conf:   ${rejects ? 'rejects' : 'accepts'}${ours ? `\n      ${ours}` : ''}`,
      );
    }
    if (t.rejects && t.line !== null) {
      withLine++;
      if (server.some((d) => sameLine(d, t.line!))) lineAgree++;
      else
        disagreements.push(
          `${name} (line)\n` +
            `    nats-server: line ${t.line}: ${t.said}\n` +
            `    nats-conf:   ${server.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`).join(', ')}`,
        );
    }
  } finally {
    process.chdir(cwd0);
  }
}

/** nats-server counts a line break it has just read: an error at the end of a line carries the next line's number. */
function sameLine(d: Diagnostic, natsLine: number): boolean {
  if (d.range.start.line + 1 === natsLine) return true;
  const content = readTextFile(d.file);
  const text = 'text' in content ? content.text.split('\n')[d.range.start.line] : undefined;
  return text !== undefined && d.range.start.character === text.length && d.range.start.line + 2 === natsLine;
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
for (const d of disagreements) console.log(`DISAGREE ${d}`);
console.log(
  `verdicts: ${agree}/${judged} agree (${pct(agree, judged)}); ` +
    `lines: ${lineAgree}/${withLine} (${pct(lineAgree, withLine)}); ` +
    `nats-server ${versionArg}`,
);
