// Finding files by glob (`**`, `*`, `?`) under a folder, never under node_modules or .git.

import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.bench', '.vscode-test']);

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Files under `root` whose `/`-separated relative path `wanted` accepts (bounded in depth and count). */
export function findFiles(
  root: string,
  wanted: (relative: string, name: string) => boolean,
  maxFiles = 500,
  maxDepth = 8,
): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > maxDepth || found.length >= maxFiles) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) walk(full, depth + 1);
      } else if (
        e.isFile() &&
        found.length < maxFiles &&
        wanted(path.relative(root, full).split(path.sep).join('/'), e.name)
      )
        found.push(full);
    }
  };
  walk(root, 0);
  return found;
}
