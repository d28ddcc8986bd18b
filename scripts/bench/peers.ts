/**
 * The contenders of the benchmark, each as "prepare once, then a function to time": our service (from the
 * shipped bundle), plist, fast-xml-parser and vscode-json-languageservice with a schema of our profile rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { getLanguageService } from 'vscode-json-languageservice';
import { catalogJsonSchema } from './catalogJsonSchema';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as Service from '../../server/src/service/index';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST_SERVICE = path.join(ROOT, 'dist', 'service.js');

/** Which build of our service is measured: the shipped bundle when present, else the TS source through tsx. */
export function loadService(): { service: typeof Service; from: string } {
  if (fs.existsSync(DIST_SERVICE)) return { service: require(DIST_SERVICE) as typeof Service, from: 'dist/service.js' };
  return { service: require('../../server/src/service/index') as typeof Service, from: 'server/src/service (tsx)' };
}

const UUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

/**
 * The first JSON Schema the peer was given: the counterpart of five profile rules only (payload-key-missing,
 * payload-uuid-invalid, payload-version, payload-content-shape, profile-payload-type). It asks far less than our
 * rules do; it is still timed, for reference, next to the catalog schema (catalogJsonSchema.ts), which asks what
 * our schema rules ask. The memory and cold-start peers keep this one.
 */
export const PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: {
    payload: {
      type: 'object',
      required: ['PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'],
      properties: {
        PayloadIdentifier: { type: 'string', minLength: 1 },
        PayloadType: { type: 'string', minLength: 1 },
        PayloadUUID: { type: 'string', pattern: UUID },
        PayloadVersion: { type: 'integer', const: 1 },
      },
    },
  },
  type: 'object',
  required: ['PayloadContent', 'PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'],
  properties: {
    PayloadContent: { type: 'array', items: { $ref: '#/definitions/payload' } },
    PayloadIdentifier: { type: 'string', minLength: 1 },
    PayloadType: { const: 'Configuration' },
    PayloadUUID: { type: 'string', pattern: UUID },
    PayloadVersion: { type: 'integer', const: 1 },
  },
} as const;

export const SCHEMA_URI = 'bench://schemas/profile.schema.json';
const CATALOG_SCHEMA_URI = 'bench://schemas/profile-catalog.schema.json';

/** plist 5 is ESM-only; the bench runs as CommonJS under tsx, so it is loaded with a dynamic import. */
export async function loadPlist(): Promise<typeof import('plist')> {
  return import('plist');
}

/** The plist value as JSON text: `<data>` becomes its base64 string and `<date>` its ISO string, as a JSON user would write them. */
export function plistValueToJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
    if (raw instanceof Date) return raw.toISOString();
    return v;
  }, '\t');
}

/** One benchmarked operation on one input: `run` returns a count that is checked (and keeps the result alive). */
export interface Contender {
  name: string;
  run: () => number | Promise<number>;
}

export interface Inputs {
  text: string;
  json: string;
  /** The payload types in the profile: the catalog schema the JSON peer gets covers these. */
  payloadTypes: readonly string[];
}

/** The JSON peers' names: one with the schema our rules amount to, one with the first, five-check schema. */
export const JSON_CATALOG = 'json-ls parse+doValidation (catalog schema)';
export const JSON_MINIMAL = 'json-ls parse+doValidation (5-check schema)';

/** Builds the contenders for one input; everything a real host would do once (imports, schema setup) happens here. */
export async function createContenders(inputs: Inputs, service: typeof Service): Promise<Contender[]> {
  const plist = await loadPlist();
  const xmlParser = new XMLParser();
  // Each registered once, as VS Code does; passing the schema to doValidation would register a new schema each call.
  const json = getLanguageService({});
  json.configure({ validate: true, schemas: [{ uri: CATALOG_SCHEMA_URI, fileMatch: ['*.json'], schema: catalogJsonSchema([...new Set(inputs.payloadTypes)]) as never }] });
  const minimal = getLanguageService({});
  minimal.configure({ validate: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.json'], schema: PROFILE_SCHEMA as never }] });
  const jsonPeer = (name: string, ls: typeof json): Contender => ({
    name,
    run: async () => {
      const doc = TextDocument.create('file:///bench/profile.json', 'json', 1, inputs.json);
      const diagnostics = await ls.doValidation(doc, ls.parseJSONDocument(doc));
      return diagnostics.length;
    },
  });
  const { text } = inputs;
  return [
    { name: 'ours validate', run: () => service.validate(text).length },
    { name: 'plist.parse', run: () => (plist.parse(text) ? 1 : 0) },
    { name: 'fxp XMLParser.parse', run: () => (xmlParser.parse(text) ? 1 : 0) },
    { name: 'fxp XMLValidator.validate', run: () => (XMLValidator.validate(text) === true ? 0 : 1) },
    jsonPeer(JSON_CATALOG, json),
    jsonPeer(JSON_MINIMAL, minimal),
  ];
}
