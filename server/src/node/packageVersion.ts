// The version of the published package (server/package.json), for `--version` of both commands;
// the bundler inlines the file.

export const PACKAGE_VERSION: string = (require('../../package.json') as { version: string }).version;
