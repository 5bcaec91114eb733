// Prints the packaged extension's size, so a growing .vsix is seen at once.
import { statSync } from 'node:fs';

const file = process.argv[2] ?? 'nats-conf-vscode.vsix';
console.log(`${file}: ${(statSync(file).size / 1024).toFixed(1)} KB`);
