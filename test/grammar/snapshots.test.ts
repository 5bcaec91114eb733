// The grammar over real configs (the setup guide's): every token with its scope, compared
// with the snapshots in test/grammar/snapshots. UPDATE_SNAPSHOTS=1 writes them anew, to be
// read and committed on purpose.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { REPO } from '../support/cli';

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
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async () => {
        const file = path.join(REPO, 'syntaxes', 'nats-conf.tmLanguage.json');
        return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
    grammar = (await registry.loadGrammar('source.nats-conf'))!;
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
