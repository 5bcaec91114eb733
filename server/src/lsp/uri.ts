// file:// URIs to paths and back, for documents the editor sends.

import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toPath(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  },
  fromPath(path: string): string {
    return pathToFileURL(path).href;
  },
};
