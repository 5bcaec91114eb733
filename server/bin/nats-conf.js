#!/usr/bin/env node
'use strict';
/* global process, __dirname */
// Starts the CLI bundle from V8's code cache when one is at hand: compiling the 560 KB bundle is a
// good share of a `check`'s start-up. The cache lives in the user's own cache folder, named by a
// hash of the bundle's content, Node's version and V8's, so a rebuilt bundle or another Node never
// reads a stale one (V8 also refuses data it did not make for this source and these flags). Any
// failure to read or write it falls back, silently, to a plain require.
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'nats-conf.js');
let loaded;
try {
  loaded = loadWithCodeCache(bundle);
} catch {
  loaded = undefined;
}
if (loaded) loaded.main().then(loaded.saveCache, () => {});
else require(bundle).main();

function loadWithCodeCache(file) {
  const dir = cacheDirectory();
  if (dir === undefined) return undefined;
  const crypto = require('node:crypto');
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(file, 'utf8');
  const key = crypto
    .createHash('sha256')
    .update(`${process.version} ${process.versions.v8} ${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  const cacheFile = path.join(dir, `nats-conf-${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  const module = new Module(file, require.main);
  module.filename = file;
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  // Written after a `check` has run: the cache then holds the functions a check compiles, not only the
  // bundle's top level. Another process may write the same file: each writes its own and renames it.
  const saveCache = () => {
    if (!fresh || process.argv[2] !== 'check') return;
    try {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
      for (const old of fs.readdirSync(dir))
        if (/^nats-conf-[0-9a-f]{32}\.v8$/.test(old) && old !== path.basename(cacheFile))
          fs.rmSync(path.join(dir, old), { force: true });
    } catch {
      // No cache this time.
    }
  };
  return { main: module.exports.main, saveCache };
}

/** `$XDG_CACHE_HOME/nats-conf` (`~/.cache/nats-conf`), only when it is this user's alone. */
function cacheDirectory() {
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32' ? process.env.LOCALAPPDATA : path.join(require('node:os').homedir(), '.cache'));
  if (!base || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'nats-conf');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return undefined;
    // Code run from this folder must be as trusted as the bundle: nobody else may write to it.
    if (process.platform !== 'win32' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
