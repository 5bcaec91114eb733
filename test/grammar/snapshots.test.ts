// The grammar over real configs (the setup guide's): every token with its scope, compared
// with the snapshots in test/grammar/snapshots. UPDATE_SNAPSHOTS=1 writes them anew, to be
// read and committed on purpose.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { REPO } from '../support/cli';
import { loadNatsGrammar } from '../support/grammar';

const SEED = path.join(REPO, 'test', 'fixtures', 'seed');
const SNAPSHOTS = path.join(REPO, 'test', 'grammar', 'snapshots');
let grammar: IGrammar;

function snapshot(text: string): string {
  let state: StateStack = INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    out.push(`> ${line}`);
    for (const t of tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim() === '') continue;
      out.push(`  ${JSON.stringify(piece)} ${t.scopes.slice(1).join(' ') || 'source'}`);
    }
  }
  return out.join('\n') + '\n';
}

describe('grammar snapshots of the setup guide', () => {
  before(async () => {
    grammar = await loadNatsGrammar();
  });

  for (const name of fs.readdirSync(SEED).sort()) {
    test(name, () => {
      const got = snapshot(fs.readFileSync(path.join(SEED, name), 'utf8'));
      const file = path.join(SNAPSHOTS, `${name}.snap`);
      if (process.env.UPDATE_SNAPSHOTS === '1') fs.writeFileSync(file, got);
      assert.ok(fs.existsSync(file), `no snapshot for ${name}: run with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(got, fs.readFileSync(file, 'utf8'));
    });
  }
});
