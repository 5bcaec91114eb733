// The README's finding tables and the `nats.rules` setting's schema in package.json, generated
// from the registry (server/src/service/findingCodes.ts). `npm run docs` writes them;
// test/unit/registry.test.ts fails when they differ from what this generates.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FINDING_CODES,
  FINDING_SECTIONS,
  findingAnchor,
  type FindingCode,
  type FindingSection,
} from '../server/src/service/findingCodes';

export const REPO = path.resolve(__dirname, '..');
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

const marker = (section: FindingSection, end: boolean) => `<!-- findings:${section}:${end ? 'end' : 'start'} -->`;

/** The markdown table of one section, between its markers. */
export function sectionTable(section: FindingSection): string {
  const rows = (Object.keys(FINDING_CODES) as FindingCode[])
    .filter((code) => FINDING_CODES[code].section === section)
    .map((code) => {
      const info = FINDING_CODES[code];
      const releases = (info.boundaries ?? []).join(', ');
      const anchor = `<a id="${findingAnchor(code)}"></a>`;
      const cells = [`${anchor}\`${code}\``, info.origins.join(' / '), info.severity, releases, info.summary];
      return `| ${cells.join(' | ')} |`;
    });
  return [
    `**${FINDING_SECTIONS[section]}**`,
    '',
    '| code | origin | severity | changes in | what |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The README with every section's table replaced by the generated one. */
export function readmeWithTables(readme: string): string {
  let out = readme;
  for (const section of Object.keys(FINDING_SECTIONS) as FindingSection[]) {
    const start = out.indexOf(marker(section, false));
    const end = out.indexOf(marker(section, true));
    if (start < 0 || end < start) throw new Error(`README.md: markers for the '${section}' findings are missing`);
    out = `${out.slice(0, start)}${marker(section, false)}\n${sectionTable(section)}\n${out.slice(end)}`;
  }
  return out;
}

/** The `nats.rules` setting: one property per code, so settings editors complete and describe them. */
export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const code of Object.keys(FINDING_CODES) as FindingCode[]) {
    const info = FINDING_CODES[code];
    properties[code] = {
      type: 'string',
      enum: SEVERITIES,
      markdownDescription: `${info.summary} (${info.origins.join(' / ')}; ${info.severity} by default)`,
    };
  }
  return {
    type: 'object',
    default: {},
    properties,
    additionalProperties: { type: 'string', enum: SEVERITIES },
    markdownDescription: 'Per finding code (as shown in brackets, e.g. `trace-enabled`): another severity, or `off`.',
  };
}

/** package.json's text with the `nats.rules` schema replaced (two-space JSON, as npm writes it). */
export function manifestWithRules(manifestText: string): string {
  const manifest = JSON.parse(manifestText);
  manifest.contributes.configuration.properties['nats.rules'] = rulesSettingSchema();
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (require.main === module) {
  const readmePath = path.join(REPO, 'README.md');
  const manifestPath = path.join(REPO, 'package.json');
  fs.writeFileSync(readmePath, readmeWithTables(fs.readFileSync(readmePath, 'utf8')));
  fs.writeFileSync(manifestPath, manifestWithRules(fs.readFileSync(manifestPath, 'utf8')));
  console.log('README.md and package.json: finding tables and nats.rules schema written from the registry');
}
