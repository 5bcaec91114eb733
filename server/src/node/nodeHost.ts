// The ConfigHost for Node.js callers (CLI, language server): files from disk, decoded
// as UTF-8 the way nats-server reads bytes, and the process environment.

import * as fs from 'node:fs';
import { ConfigHost, FileStatus } from '../service/document';
import { Environment } from '../service/variables';

/** An OS error as Go words it (`open x: no such file or directory`). */
function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

/** More than any real config: a bigger file is not read (it would only exhaust memory). */
const MAX_CONFIG_BYTES = 128 * 1024 * 1024;

interface ReadOptions {
  /**
   * Read pipes and devices too (a file named on the command line, such as /dev/stdin), up
   * to MAX_CONFIG_BYTES. Without it only regular files are read: an `include` of
   * /dev/zero would never end, and of /dev/stdin would take the language server's input.
   */
  streams?: boolean;
}

export function readTextFile(path: string, options: ReadOptions = {}): { text: string } | { error: string } {
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (!stat.isFile()) {
      // /dev/null reads as empty, for nats-server too.
      if (fs.realpathSync(path) === '/dev/null') return { text: '' };
      if (!options.streams)
        return {
          error: `is ${specialKind(stat)}, not a regular file: nats-server would wait on it or read it without end`,
        };
      return readStream(path);
    }
    if (stat.size > MAX_CONFIG_BYTES)
      return { error: `is larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MB: not read` };
    // Invalid UTF-8 becomes U+FFFD, as Go's decoder reads it; a byte-order mark is kept (nats-server keeps it too).
    return { text: fs.readFileSync(path, 'utf8') };
  } catch (err) {
    return { error: describeFsError(err) };
  }
}

function specialKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/** A pipe or device read to its end, or refused past MAX_CONFIG_BYTES. */
const pause = new Int32Array(new SharedArrayBuffer(4));

function readStream(path: string): { text: string } | { error: string } {
  // The process's own input is read from its descriptor: a socket (as Node makes pipes) cannot be opened by name.
  const own = path === '/dev/stdin' || path === '/proc/self/fd/0';
  const fd = own ? 0 : fs.openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        // A non-blocking pipe with nothing in it yet: wait a little, without spinning.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 10);
          continue;
        }
        throw err;
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_CONFIG_BYTES)
        return { error: `holds more than ${MAX_CONFIG_BYTES / (1024 * 1024)} MB: not read` };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { text: Buffer.concat(chunks).toString('utf8') };
  } finally {
    if (!own) fs.closeSync(fd);
  }
}

export function fileStatus(path: string): FileStatus {
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) return 'directory';
    fs.accessSync(path, fs.constants.R_OK);
    return 'file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
  }
}

/** `cwd`: where nats-server would run (relative TLS paths resolve against it); default: this process's. */
function listDirectory(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
  } catch {
    return [];
  }
}

export function nodeHost(env: Environment = process.env, cwd: string = process.cwd()): ConfigHost {
  return { readFile: readTextFile, env, fileStatus, cwd, listDirectory };
}
