// The TextMate grammar, loaded into the same engine VS Code uses (vscode-textmate + Oniguruma).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { REPO } from './cli';

let loading: Promise<IGrammar> | undefined;

/** syntaxes/nats-conf.tmLanguage.json; the WASM engine is loaded once per process. */
export function loadNatsGrammar(): Promise<IGrammar> {
  loading ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p) => new oniguruma.OnigScanner(p),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async () => {
        const file = path.join(REPO, 'syntaxes', 'nats-conf.tmLanguage.json');
        return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
    return (await registry.loadGrammar('source.nats-conf'))!;
  })();
  return loading;
}
