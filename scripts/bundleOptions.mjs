// How the CLI and the language server are bundled (scripts/build.mjs), shared with what measures
// them as they ship (bench/inprocess-bench.ts): minified, names kept (errors are told apart by their
// names), one CommonJS file for Node.js 20.
export const shippedBundle = {
  bundle: true,
  minify: true,
  keepNames: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
};
