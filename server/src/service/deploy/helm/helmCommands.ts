// `helm install|upgrade|template … nats/nats …` commands in shell scripts and in the shell code
// blocks of Markdown files: the words as the shell splits them (quotes, `\` line continuations),
// each character kept at its place in the file, then helm's flags read as helm reads them.

import type { Span } from '../../tree';
import type { ChartLayout } from './chartKeys';
import type { SetFlag, Word } from './setValues';

export interface HelmCommand {
  /** From `helm` to the command's last word. */
  span: Span;
  /** The chart's layout the command installs: 0.x only when `--version` (or a .tgz name) says so. */
  layout: ChartLayout;
  /** The chart as written (`nats/nats`, `./charts/nats`). */
  chart: string;
  sets: { flag: SetFlag; word: Word }[];
  /** `-f`/`--values` files, as written. */
  valuesFiles: { path: string; span: Span }[];
}

/** Code block languages read as shell. */
const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'shellsession']);

/** The parts of a file that hold shell: a Markdown file's shell code blocks, or all of a script. */
function shellRegions(path: string, text: string): Span[] {
  if (!/\.(md|markdown|mdx)$/i.test(path)) return [{ start: 0, end: text.length }];
  const regions: Span[] = [];
  const fence = /^( {0,3})(`{3,}|~{3,})[ \t]*([\w-]*)[^\n]*$/gm;
  let open: { marker: string; language: string; start: number } | undefined;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    if (!open) {
      open = { marker: m[2], language: m[3].toLowerCase(), start: m.index + m[0].length + 1 };
    } else if (m[2][0] === open.marker[0] && m[2].length >= open.marker.length && !m[3]) {
      if (SHELL_LANGUAGES.has(open.language)) regions.push({ start: Math.min(open.start, m.index), end: m.index });
      open = undefined;
    }
  }
  return regions;
}

/** The shell's words of a region, command by command (`;`, `&&`, `||`, `|` and line ends split them). */
function shellCommandsIn(text: string, region: Span): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let word: Word | undefined;
  const endWord = () => {
    if (word) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  const add = (c: string, at: number) => {
    word ??= { text: '', at: [] };
    word.text += c;
    word.at.push(at);
  };
  const continuation = (p: number) => (text[p + 1] === '\n' ? 2 : text[p + 1] === '\r' && text[p + 2] === '\n' ? 3 : 0);
  for (let p = region.start; p < region.end; p++) {
    const c = text[p];
    if (c === '\\') {
      const skip = continuation(p);
      if (skip) p += skip - 1;
      else if (p + 1 < region.end) add(text[++p], p);
      continue;
    }
    if (c === "'") {
      word ??= { text: '', at: [] };
      for (p++; p < region.end && text[p] !== "'"; p++) add(text[p], p);
      continue;
    }
    if (c === '"') {
      word ??= { text: '', at: [] };
      for (p++; p < region.end && text[p] !== '"'; p++) {
        if (text[p] === '\\' && '$`"\\\n'.includes(text[p + 1] ?? '')) {
          if (text[p + 1] === '\n') p++;
          else add(text[++p], p);
        } else add(text[p], p);
      }
      continue;
    }
    if (c === '#' && !word) {
      while (p < region.end && text[p] !== '\n') p++;
      endCommand();
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|') {
      endCommand();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    add(c, p);
  }
  endCommand();
  return commands;
}

/** Flags of helm install/upgrade/template (and helm's global flags) that take a value. */
const VALUE_FLAGS = new Set([
  '--set',
  '--set-string',
  '--set-json',
  '--set-file',
  '--set-literal',
  '-f',
  '--values',
  '--version',
  '-n',
  '--namespace',
  '--repo',
  '--kube-context',
  '--kubeconfig',
  '--timeout',
  '--description',
  '--post-renderer',
  '--post-renderer-args',
  '-o',
  '--output',
  '--username',
  '--password',
  '--ca-file',
  '--cert-file',
  '--key-file',
  '--keyring',
  '--registry-config',
  '--repository-cache',
  '--repository-config',
  '-l',
  '--labels',
  '--history-max',
  '--kube-apiserver',
  '--kube-as-user',
  '--kube-as-group',
  '--kube-token',
  '--kube-ca-file',
  '--kube-tls-server-name',
  '--burst-limit',
  '--qps',
  '--name-template',
  '-a',
  '--api-versions',
  '--kube-version',
  '--output-dir',
  '-s',
  '--show-only',
]);
const SET_FLAGS = new Set<string>(['--set', '--set-string', '--set-json', '--set-file', '--set-literal']);
/** Words that may stand before `helm` in a command. */
const PREFIXES = new Set(['sudo', 'time', 'exec', 'command', 'nohup', 'env', '$', '>']);

/** `helm repo add ALIAS URL` in the file: which aliases are the official charts' repository. */
function repositories(commands: Word[][]): Map<string, string> {
  const repos = new Map<string, string>();
  for (const words of commands) {
    const t = words.map((w) => w.text);
    const at = t.findIndex((w) => w === 'helm' || w.endsWith('/helm'));
    if (at >= 0 && t[at + 1] === 'repo' && t[at + 2] === 'add' && t[at + 3] && t[at + 4])
      repos.set(t[at + 3], t[at + 4]);
  }
  return repos;
}

/**
 * Whether a chart reference is the official NATS chart: `ALIAS/nats` where ALIAS is not known
 * to be another repository (a `helm repo add` in the file decides; Bitnami's `nats` chart has
 * other values), a chart directory or archive named `nats`, an OCI reference of nats-io.
 */
function natsChart(chart: string, repos: Map<string, string>): { version?: string } | undefined {
  const archive = /(?:^|\/)nats-(\d[\w.+-]*)\.tgz$/.exec(chart);
  if (archive) return { version: archive[1] };
  if (chart.startsWith('oci://')) return /nats-io/.test(chart) && /\/nats$/.test(chart) ? {} : undefined;
  const m = /^(?:(.*)\/)?nats\/?$/.exec(chart);
  if (!m) return undefined;
  const alias = m[1];
  if (alias === undefined || alias.startsWith('.') || alias.startsWith('/') || alias.includes('/')) return {};
  const url = repos.get(alias);
  if (url !== undefined) return /nats-io/.test(url) ? {} : undefined;
  return /bitnami/i.test(alias) ? undefined : {};
}

/** The layout a `--version` constraint (`0.19.17`, `~0.19`, `^1.1`) selects. */
function layoutOf(version: string | undefined): ChartLayout {
  const major = version === undefined ? undefined : /\d+/.exec(version)?.[0];
  return major === '0' ? '0.x' : '1.x';
}

const span = (w: Word): Span => ({ start: w.at[0] ?? 0, end: (w.at[w.at.length - 1] ?? 0) + 1 });

/** The helm commands of a file that install the official NATS chart. */
export function helmCommands(path: string, text: string): HelmCommand[] {
  const commands = shellRegions(path, text).flatMap((r) => shellCommandsIn(text, r));
  const repos = repositories(commands);
  const found: HelmCommand[] = [];
  for (const words of commands) {
    let at = 0;
    while (at < words.length && (PREFIXES.has(words[at].text) || /^[A-Za-z_]\w*=/.test(words[at].text))) at++;
    if (at >= words.length || !(words[at].text === 'helm' || words[at].text.endsWith('/helm'))) continue;
    const positional: string[] = [];
    const sets: HelmCommand['sets'] = [];
    const valuesFiles: HelmCommand['valuesFiles'] = [];
    let version: string | undefined;
    let generateName = false;
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i];
      if (!w.text.startsWith('-') || w.text === '-') {
        positional.push(w.text);
        continue;
      }
      const eq = w.text.startsWith('--') ? w.text.indexOf('=') : -1;
      const flag = eq > 0 ? w.text.slice(0, eq) : w.text;
      if (flag === '--generate-name' || flag === '-g') generateName = true;
      if (!VALUE_FLAGS.has(flag)) continue;
      let value: Word | undefined;
      if (eq > 0) value = { text: w.text.slice(eq + 1), at: w.at.slice(eq + 1) };
      else value = words[++i];
      if (!value) break;
      if (SET_FLAGS.has(flag)) sets.push({ flag: flag as SetFlag, word: value });
      else if (flag === '--version') version = value.text;
      else if (flag === '-f' || flag === '--values') {
        let from = 0;
        for (const part of value.text.split(',')) {
          if (part)
            valuesFiles.push({ path: part, span: span({ text: part, at: value.at.slice(from, from + part.length) }) });
          from += part.length + 1;
        }
      }
    }
    const [sub, ...args] = positional;
    if (sub !== 'install' && sub !== 'upgrade' && sub !== 'template') continue;
    const chart = args.length === 1 || (generateName && sub !== 'upgrade') ? args[0] : args[1];
    const nats = chart === undefined ? undefined : natsChart(chart, repos);
    if (!nats) continue;
    found.push({
      span: { start: span(words[at]).start, end: span(words[words.length - 1]).end },
      layout: layoutOf(version ?? nats.version),
      chart: chart!,
      sets,
      valuesFiles,
    });
  }
  return found;
}
