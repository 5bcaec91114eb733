// The ConfigHost for Node.js callers (CLI, language server): files from disk, decoded
// as UTF-8 the way nats-server reads bytes, and the process environment.

import * as fs from 'node:fs';
import { ConfigHost, FileStatus } from '../service/document';
import { Environment } from '../service/variables';

/** An OS error as Go words it (`open x: no such file or directory`). */
export function describeFsError(err: unknown): string {
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

export function readTextFile(path: string): { text: string } | { error: string } {
  try {
    // Invalid UTF-8 becomes U+FFFD, as Go's decoder reads it; a byte-order mark is kept (nats-server keeps it too).
    return { text: fs.readFileSync(path, 'utf8') };
  } catch (err) {
    return { error: describeFsError(err) };
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
export function listDirectory(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
  } catch {
    return [];
  }
}

export function nodeHost(env: Environment = process.env, cwd: string = process.cwd()): ConfigHost {
  return { readFile: readTextFile, env, fileStatus, cwd, listDirectory };
}
