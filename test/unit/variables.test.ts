// `$NAME` references: scopes, the environment, bcrypt, and where each value came from.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bindingValue, type KeyValueNode, type VariableNode } from '../../server/src/service';
import { check, errors, plain, reading, where } from '../support/service';

function bindingsOf(text: string, env: Record<string, string> = {}) {
  const r = check(text, { env });
  const byName = new Map<string, ReturnType<typeof bindingValue>>();
  for (const [node, binding] of r.model.bindings) byName.set((node as VariableNode).name, bindingValue(binding));
  return { r, byName };
}

describe('variables', () => {
  test('a key defined earlier at the top level', () => {
    const { r, byName } = bindingsOf('PORT: 4222\nport: $PORT\n');
    assert.deepEqual(reading(r), []);
    assert.equal(plain(byName.get('PORT')), 4222);
  });

  test('the binding says where the value was defined', () => {
    const r = check('A: 1\ncluster {\n  A: 2\n  port: $A\n}\n');
    const [binding] = [...r.model.bindings.values()];
    assert.equal(binding.kind, 'key');
    const def = binding.kind === 'key' ? binding.definition : undefined;
    assert.equal(def?.file, 'main.conf');
    assert.equal(r.model.root.lines.position(def!.entry.start).line, 2, 'the innermost map wins');
  });

  test('enclosing maps outward; arrays are not scopes, maps inside arrays are', () => {
    const { r, byName } = bindingsOf('X: outer\nlist: [ { Y: inner, a: $Y, b: $X } ]\n');
    assert.deepEqual(errors(r), []);
    assert.equal(plain(byName.get('Y')), 'inner');
    assert.equal(plain(byName.get('X')), 'outer');
  });

  test('a later key is not visible; a sibling block is not visible', () => {
    assert.deepEqual(errors(check('port: $P\nP: 1\n')).map(where), ['1:7 variable-undefined']);
    assert.deepEqual(errors(check('a { X: 1 }\nport: $X\n')).map(where), ['2:7 variable-undefined']);
  });

  test('a map key is set when its map closes: inside it, its own name is not yet defined', () => {
    assert.deepEqual(errors(check('cluster { port: $cluster }\n')).map(where), ['1:17 variable-undefined']);
  });

  test('names match exactly, case included', () => {
    assert.match(
      errors(check('port_value: 1\nport: $PORT_VALUE\n'))[0].message,
      /'PORT_VALUE' on line 2 can not be found/,
    );
  });

  test('the last definition before the reference wins', () => {
    const { byName } = bindingsOf('A: 1\nA: 2\nport: $A\nA: 3\n');
    assert.equal(plain(byName.get('A')), 2);
  });

  test('keys used as variables are marked (nats-server exempts them from unknown-field checks)', () => {
    const r = check('NAME: x\nOTHER: y\nserver_name: $NAME\n');
    const used = [...r.model.usedAsVariable].map((e: KeyValueNode) => e.key);
    assert.deepEqual(used, ['NAME']);
  });

  test('the environment, read again as a config value', () => {
    const env = { S: 'nats-0', N: '123', B: 'true', M: '2m', A: '[a, b]', Q: '"quoted"', E: '' };
    const { r, byName } = bindingsOf('a: $S\nb: $N\nc: $B\nd: $M\ne: $A\nf: $Q\ng: $E\n', env);
    assert.deepEqual(errors(r), []);
    assert.deepEqual(
      ['S', 'N', 'B', 'M', 'A', 'Q', 'E'].map((n) => plain(byName.get(n))),
      ['nats-0', 123, true, 2_000_000, ['a', 'b'], 'quoted', ''],
    );
  });

  test('an environment value that is not valid config syntax', () => {
    const [d] = errors(check('server_name: $N\n', { env: { N: 'a b' } }));
    assert.equal(d.code, 'variable-environment');
    assert.match(
      d.message,
      /^variable reference for 'N' on line 1 could not be parsed: Expected a top-level value to end/,
    );
  });

  test('an environment value referring to another', () => {
    const { byName } = bindingsOf('server_name: $A\n', { A: '$B', B: 'nats-b' });
    assert.equal(plain(byName.get('A')), 'nats-b');
  });

  test('an environment cycle is reported, never followed forever', () => {
    const [d] = errors(check('server_name: $A\n', { env: { A: '$B', B: '$A' } }));
    assert.equal(d.code, 'variable-cycle');
    assert.match(d.message, /variable reference cycle for 'A'/);
    const old = errors(check('x: $C\n', { env: { C: '$C' }, version: '2.10' }))[0];
    assert.match(old.message, /crashes with a stack overflow/);
  });

  test('${VAR} is not supported, and the message says what to write', () => {
    const [d] = errors(check('server_name: ${HOSTNAME}\n', { env: { HOSTNAME: 'h' } }));
    assert.equal(d.code, 'variable-braces');
    assert.match(d.message, /'\{HOSTNAME' .* write \$HOSTNAME/);
  });

  test('bcrypt: only $2a$ may stay unquoted', () => {
    const hash = '$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG';
    const { r, byName } = bindingsOf(`authorization { user: a, password: ${hash} }\n`);
    assert.deepEqual(errors(r), []);
    assert.equal(plain(byName.get(hash.slice(1))), hash);
    const [d] = errors(check(`authorization { user: a, password: ${hash.replace('2a', '2b')} }\n`));
    assert.equal(d.code, 'bcrypt-unquoted');
    assert.match(d.message, /must be quoted/);
  });

  test('a quoted "$VAR" is literal: a warning says so', () => {
    const r = check('server_name: "$NATS_SERVER_NAME"\n');
    assert.deepEqual(
      reading(r).map((d) => [where(d), d.severity, d.origin]),
      [['1:14 quoted-variable', 'warning', 'lint']],
    );
  });
});
