/**
 * Writes schemas/mobileconfig-lint.schema.json, the JSON Schema of the `.mobileconfig-lint.json` configuration
 * file, with the rule ids of the registry, so editing the file gets completion and the schema cannot drift.
 * `--check` exits 1 when the file is out of date (a unit test checks the same).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/service/rules';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schemas', 'mobileconfig-lint.schema.json');

const strings = (description: string, example: string) => ({ type: 'array', items: { type: 'string' }, description, examples: [[example]] });

export function configSchema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'mobileconfig-lint configuration (.mobileconfig-lint.json)',
    description: 'Shared by the mobileconfig-lint command and the VS Code extension. Found by walking up from each linted file; `--config FILE` overrides.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      mode: {
        enum: ['standalone', 'portal'],
        default: 'standalone',
        description: '`portal`: the profile is uploaded to a carrier portal (unsigned, unique profile name, certificate injected at issuance).',
      },
      rules: {
        type: 'object',
        description: 'Severity per rule id, or "off".',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.id, { $ref: '#/definitions/severity', description: `${r.description} (default: ${r.defaultSeverity})` }])),
      },
      minimumIOS: {
        type: 'string',
        pattern: '^(\\d+(\\.\\d+){0,2})?$',
        description: 'The oldest iOS version the profiles must work on, such as "15.0": keys that version does not know are reported. Empty: no check.',
      },
      anyconnect: {
        type: 'object',
        additionalProperties: false,
        properties: {
          newSubtypes: strings('VPNSubType values that select the new Cisco AnyConnect app.', 'com.cisco.anyconnect'),
          legacySubtypes: strings('VPNSubType values that select Cisco Legacy AnyConnect.', 'com.cisco.anyconnect.applevpn.plugin'),
        },
      },
      ignore: strings('Globs of profiles not to lint, relative to this file\'s folder (a glob without "/" matches at any depth).', 'export/**'),
    },
    definitions: {
      severity: { enum: ['error', 'warning', 'info', 'hint', 'off'] },
    },
  };
}

export function schemaText(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

if (require.main === module) {
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== schemaText()) {
      console.error('schemas/mobileconfig-lint.schema.json is out of date: run npm run docs:rules');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(SCHEMA_FILE, schemaText());
  }
}
