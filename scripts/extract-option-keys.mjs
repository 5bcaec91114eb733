// Lists the keys nats-server's option parser switches on, per parse function, from a
// copy of server/opts.go: node scripts/extract-option-keys.mjs opts.go REV > test/fixtures/opts-keys.json
// The catalogue test checks the catalogue against this list.
import { readFileSync } from 'node:fs';

const [file, revision] = process.argv.slice(2);
if (!file) {
  console.error('usage: extract-option-keys.mjs path/to/opts.go [revision]');
  process.exit(2);
}
const source = readFileSync(file, 'utf8');
const functions = {};
for (const chunk of source.split(/\nfunc /)) {
  const name = /^(?:\([^)]*\)\s*)?(\w+)\(/.exec(chunk)?.[1];
  if (!name) continue;
  const groups = [...chunk.matchAll(/\n\s*case ((?:"[^"]*"\s*,?\s*)+):/g)].map((m) =>
    [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]),
  );
  if (groups.length) functions[name] = groups;
}
process.stdout.write(
  JSON.stringify({ source: 'github.com/nats-io/nats-server server/opts.go', revision, functions }, null, 1) + '\n',
);
