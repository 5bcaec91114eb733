// The README's Neovim (0.7) and Emacs (eglot) recipes, as written there, in a real headless
// Neovim and a batch Emacs, where they are installed (CI does not install them).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../support/cli';
import { LANGUAGE_SERVER } from '../support/lsp';

const installed = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** The fenced block of `language` that follows `heading` in the README's "Other editors". */
function recipe(heading: string, language: string): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Other editors'));
  const at = section.indexOf(heading);
  assert.ok(at >= 0, `README: no "${heading}" under "Other editors"`);
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section.slice(at));
  assert.ok(block, `README: no ${language} block after "${heading}"`);
  return block[1];
}

// strict came with 2.11: the recipes check against 2.10, so it is an option-version error (line 5).
const CONFIG = 'host: 127.0.0.1\nPORT: 4222\nhttp_port: $PORT\njetstream {\n  strict: true\n}\n\n';

describe("the README's editor recipes, in the editors", () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-lsp-editors-'));
    // `nats-language-server` on PATH, as `npm install -g` puts it.
    fs.mkdirSync(path.join(folder, 'bin'));
    fs.symlinkSync(LANGUAGE_SERVER, path.join(folder, 'bin', 'nats-language-server'));
    fs.mkdirSync(path.join(folder, 'project'));
    env = {
      ...process.env,
      PATH: `${path.join(folder, 'bin')}:${process.env.PATH}`,
      HOME: folder,
      XDG_CONFIG_HOME: path.join(folder, 'config'),
      XDG_DATA_HOME: path.join(folder, 'data'),
      XDG_STATE_HOME: path.join(folder, 'state'),
      XDG_CACHE_HOME: path.join(folder, 'cache'),
    };
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  test(
    'Neovim 0.7+: diagnostics, completion as the client takes it, rename',
    { skip: !installed('nvim') && 'nvim is not installed' },
    () => {
      fs.writeFileSync(path.join(folder, 'init.lua'), recipe('**Neovim** 0.7', 'lua'));
      fs.writeFileSync(path.join(folder, 'project', 'nats-a.conf'), CONFIG);
      fs.writeFileSync(
        path.join(folder, 'check.lua'),
        `local out = {}
local function say(s) table.insert(out, s) end
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
say('filetype ' .. vim.bo.filetype)
for _, d in ipairs(vim.diagnostic.get(0)) do say(string.format('diagnostic %d %s', d.lnum + 1, d.code or '?')) end
say('snippets declared ' ..
  tostring(vim.lsp.protocol.make_client_capabilities().textDocument.completion.completionItem.snippetSupport))
local params = vim.lsp.util.make_position_params()
params.position = { line = 6, character = 0 }
for _, r in pairs(vim.lsp.buf_request_sync(0, 'textDocument/completion', params, 5000) or {}) do
  for _, item in ipairs(r.result or {}) do
    if item.label == 'tls' then
      say('tls ' .. tostring(item.insertTextFormat) .. ' ' .. vim.inspect(item.textEdit.newText))
    end
  end
end
vim.api.nvim_win_set_cursor(0, { 2, 1 })
vim.lsp.buf.rename('WEB')
vim.wait(5000, function() return vim.api.nvim_buf_get_lines(0, 1, 2, false)[1]:match('^WEB') ~= nil end, 50)
say('renamed ' .. table.concat(vim.api.nvim_buf_get_lines(0, 1, 3, false), ' | '))
-- Completion through the omnifunc menu, which answers asynchronously: keys, then the main loop.
local function keys(k) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), 'n', false) end
vim.bo.omnifunc = 'v:lua.vim.lsp.omnifunc'
vim.api.nvim_win_set_cursor(0, { 7, 0 })
keys('otls<C-x><C-o>')
local function finish()
  say('inserted ' .. vim.inspect(vim.api.nvim_buf_get_lines(0, 7, 8, false)[1]))
  io.stdout:write(table.concat(out, '\\n') .. '\\n')
  vim.cmd('qa!')
end
local waited = 0
local function accept()
  -- A single match is inserted at once, several open the menu.
  local answered = vim.fn.pumvisible() == 1 or vim.api.nvim_get_current_line() ~= 'tls'
  if not answered and waited < 5000 then
    waited = waited + 50
    return vim.defer_fn(accept, 50)
  end
  keys('<C-y><Esc>')
  vim.defer_fn(finish, 200)
end
vim.defer_fn(accept, 50)
`,
      );
      const r = spawnSync(
        'nvim',
        [
          '--headless',
          '-u',
          path.join(folder, 'init.lua'),
          'nats-a.conf',
          '-c',
          `luafile ${path.join(folder, 'check.lua')}`,
        ],
        { cwd: path.join(folder, 'project'), env, encoding: 'utf8', timeout: 60_000 },
      );
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('filetype natsconf'), r.stdout + r.stderr);
      assert.ok(lines.includes('diagnostic 5 option-version'), r.stdout + r.stderr);
      const snippets = lines.includes('snippets declared true');
      assert.ok(lines.includes(snippets ? 'tls 2 "tls {\\n\\t$0\\n}"' : 'tls 1 "tls { }"'), r.stdout);
      assert.ok(lines.includes('renamed WEB: 4222 | http_port: $WEB'), r.stdout);
      // Neovim 0.7's omnifunc writes a newline as a NUL character ("tls {\0\t\0}").
      const inserted = lines.find((l) => l.startsWith('inserted '));
      assert.ok(inserted && !inserted.includes('\\0'), r.stdout);
      if (!snippets) assert.equal(inserted, 'inserted "tls { }"');
    },
  );

  test(
    'Emacs with eglot: flymake diagnostics, rename, completion as the client takes it',
    { skip: !installed('emacs') && 'emacs is not installed' },
    () => {
      fs.writeFileSync(path.join(folder, 'recipe.el'), recipe('**Emacs** with eglot', 'elisp'));
      fs.writeFileSync(path.join(folder, 'project', 'nats-b.conf'), CONFIG);
      fs.writeFileSync(
        path.join(folder, 'check.el'),
        `(find-file "nats-b.conf")
(princ (format "mode %s\\n" major-mode))
;; eglot-ensure connects after the next command, and batch Emacs runs none.
(unless (eglot-current-server) (apply #'eglot (eglot--guess-contact)))
(let ((deadline (+ (float-time) 20)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (accept-process-output nil 0.05)))
(dolist (d (flymake-diagnostics))
  (princ (format "diagnostic %d %s\\n" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d))))
(goto-char (point-min))
(forward-line 1)
(forward-char 1)
(eglot-rename "WEB")
(princ (format "renamed %s\\n"
               (replace-regexp-in-string
                "\\n" " | " (buffer-substring (line-beginning-position) (line-end-position 2)))))
(princ (format "snippets declared %s\\n" (if (eglot--snippet-expansion-fn) "true" "false")))
(goto-char (point-min))
(forward-line 6)
(insert "tls")
(completion-at-point)
(princ (format "inserted %s\\n"
               (replace-regexp-in-string
                "\\n" " | "
                (buffer-substring (save-excursion (goto-char (point-min)) (forward-line 6) (point)) (point-max)))))
(kill-emacs 0)
`,
      );
      const r = spawnSync(
        'emacs',
        ['--batch', '-l', path.join(folder, 'recipe.el'), '-l', path.join(folder, 'check.el')],
        { cwd: path.join(folder, 'project'), env, encoding: 'utf8', timeout: 60_000 },
      );
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('mode nats-conf-mode'), r.stdout + r.stderr);
      assert.ok(
        lines.some((l) => /^diagnostic 5 .*\[option-version\]/.test(l)),
        r.stdout + r.stderr,
      );
      assert.ok(lines.includes('renamed WEB: 4222 | http_port: $WEB'), r.stdout + r.stderr);
      // Without a snippet package eglot inserts a snippet's text as it is ("tls {\n\t$0\n}").
      const inserted = lines.find((l) => l.startsWith('inserted '));
      assert.ok(inserted && !inserted.includes('$0'), r.stdout);
      if (lines.includes('snippets declared false')) assert.equal(inserted, 'inserted tls { } | ');
    },
  );
});
