// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate + Oniguruma).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { INITIAL, type IGrammar } from 'vscode-textmate';
import { loadNatsGrammar } from '../support/grammar';

let grammar: IGrammar;

/** The scopes of each token of one line, as `text=scope` for the innermost scope. */
function scopes(line: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, INITIAL);
  return tokens
    .map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]] as const)
    .filter(([text]) => text.trim() !== '')
    .map(([text, scope]) => `${text.trim()}=${scope.replace(/\.nats-conf$/, '')}`);
}

describe('highlighting', () => {
  before(async () => {
    grammar = await loadNatsGrammar();
  });

  test('keys, separators, numbers with sizes, strings, booleans, comments', () => {
    assert.deepEqual(scopes('max_payload: 8MB # limit'), [
      'max_payload=variable.other.property',
      ':=punctuation.separator.key-value',
      '8MB=constant.numeric.size',
      '# limit=comment.line.number-sign',
    ]);
    assert.deepEqual(scopes('debug = true'), [
      'debug=variable.other.property',
      '==punctuation.separator.key-value',
      'true=constant.language.boolean',
    ]);
    assert.deepEqual(scopes('name: "a\\tb"').slice(2), [
      '"=string.quoted.double',
      'a=string.quoted.double',
      '\\t=constant.character.escape',
      'b=string.quoted.double',
      '"=string.quoted.double',
    ]);
  });

  test('a word with # inside is not a comment; 10s is a string, 2m a size', () => {
    assert.deepEqual(scopes('x: foo#bar'), [
      'x=variable.other.property',
      ':=punctuation.separator.key-value',
      'foo#bar=string.unquoted',
    ]);
    assert.deepEqual(scopes('write_deadline: 10s').slice(-1), ['10s=string.unquoted']);
    assert.deepEqual(scopes('ping_interval: 2m').slice(-1), ['2m=constant.numeric.size']);
  });

  test('bcrypt hashes are text, not variables; block strings', () => {
    assert.deepEqual(scopes('password: $2a$11$abcdefghijklmnopqrstuv').slice(-1), [
      '$2a$11$abcdefghijklmnopqrstuv=string.unquoted.bcrypt',
    ]);
  });

  test('include, variables, addresses', () => {
    assert.deepEqual(scopes('include ./auth.conf'), [
      'include=keyword.control.import',
      './auth.conf=string.unquoted.path',
    ]);
    assert.deepEqual(scopes('server_name: $NATS_SERVER_NAME').slice(-1), ['$NATS_SERVER_NAME=variable.other']);
    assert.deepEqual(scopes('listen: 0.0.0.0:4222').slice(-1), ['0.0.0.0:4222=string.unquoted.address']);
  });
});
