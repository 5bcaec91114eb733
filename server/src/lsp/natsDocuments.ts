// Which open documents are NATS configs, whatever language id the editor gave them: VS Code
// says `nats-conf`, a Neovim filetype may be `natsconf` or `conf`, another editor `plaintext`.
// Known by the language id naming NATS, by the file name the extension claims, or by content.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isNatsConfigPath, looksLikeNatsConfig } from '../service/detect';
import { URI } from './uri';

export { NATS_CONFIG_NAME } from '../service/detect';

export function isNatsConfigDocument(doc: TextDocument): boolean {
  return /nats/i.test(doc.languageId) || isNatsConfigPath(URI.toPath(doc.uri)) || looksLikeNatsConfig(doc.getText());
}
