/**
 * A JSON Schema that asks of a profile, written as JSON, what our schema rules ask of it: each payload's keys
 * by PayloadType (types, allowed values, ranges, formats, required keys, no unknown keys in a closed dict), the
 * common Payload* keys, and base64 for `<data>` and ISO 8601 for `<date>` (as plistValueToJson writes them).
 * Generated from the same catalog our rules read. Draft-07 has no dispatch on a property's value, so each
 * payload type is an `if`/`then` branch, the way such a schema is written by hand.
 *
 * Left out, so the comparison still leans the peer's way: conditional requirements (`requiredWhen`), the VPN
 * and AnyConnect rules, cross-payload checks (duplicate UUIDs, certificate references) and OS availability.
 */
import { getKnownPayloadTypes, getPayloadSchema, getTopLevelSchema } from '../../server/src/service/catalog';
import { getPayloadContainer } from '../../server/src/service/catalog';
import type { KeySchema, PayloadSchema } from '../../server/src/service/catalog';

type Json = Record<string, unknown>;

/** Base64 as JSON holds it (no line breaks). */
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';
/** An ISO 8601 UTC date as `Date.toISOString` writes it. */
const DATE = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/** Apple's format regexes that JavaScript (with the `u` flag json-ls uses) accepts; the others are left out. */
function usablePattern(format: string): string | undefined {
  try {
    new RegExp(format, 'u');
    return format;
  } catch {
    return undefined;
  }
}

function keySchema(key: KeySchema, path: Set<KeySchema>): Json {
  // Apple's structures can be recursive (a dict holding its own kind): past the first round, anything goes.
  if (path.has(key)) return {};
  path.add(key);
  try {
    const out: Json = {};
    switch (key.type) {
      case 'string':
        out.type = 'string';
        if (key.format && usablePattern(key.format)) out.pattern = key.format;
        break;
      case 'integer':
        out.type = 'integer';
        break;
      case 'real':
        out.type = 'number';
        break;
      case 'boolean':
        out.type = 'boolean';
        break;
      case 'date':
        out.type = 'string';
        out.pattern = DATE;
        break;
      case 'data':
        out.type = 'string';
        out.pattern = BASE64;
        break;
      case 'array':
        out.type = 'array';
        if (key.item) out.items = keySchema(key.item, path);
        break;
      case 'dictionary':
        Object.assign(out, dictSchema(key.keys ?? [], key.anyKey, path));
        break;
      default:
        break;
    }
    if (key.values && key.values.length > 0 && (key.type === 'string' || key.type === 'integer' || key.type === 'real')) out.enum = [...key.values];
    if (key.range && (key.type === 'integer' || key.type === 'real')) {
      if (key.range.min !== undefined) out.minimum = key.range.min;
      if (key.range.max !== undefined) out.maximum = key.range.max;
    }
    return out;
  } finally {
    path.delete(key);
  }
}

function dictSchema(keys: readonly KeySchema[], anyKey: KeySchema | undefined, path: Set<KeySchema>): Json {
  const properties: Json = {};
  for (const k of keys) properties[k.name] = keySchema(k, path);
  const required = keys.filter((k) => k.presence === 'required').map((k) => k.name);
  const out: Json = { type: 'object', properties };
  if (required.length > 0) out.required = required;
  // A dict that lists its members is closed (payload-key-unknown); one without members, or with Apple's ANY, is open.
  if (anyKey) out.additionalProperties = keySchema(anyKey, path);
  else if (keys.length > 0) out.additionalProperties = false;
  return out;
}

/** A payload dict: the type's own keys plus the common Payload* keys, as the schema walk pairs them. */
function payloadSchema(schema: PayloadSchema): Json {
  const container = getPayloadContainer(schema);
  return dictSchema(container.keys ?? [], container.anyKey, new Set());
}

/** The schema; `types` limits the branches to those payload types (default: every type the catalog knows). */
export function catalogJsonSchema(types: readonly string[] = getKnownPayloadTypes()): Json {
  const branches = types.filter((type) => getPayloadSchema(type)).map((type) => ({
    if: { properties: { PayloadType: { const: type } }, required: ['PayloadType'] },
    then: payloadSchema(getPayloadSchema(type)!),
  }));
  const top = getTopLevelSchema();
  const topSchema = dictSchema(top.keys, top.anyKey, new Set());
  const properties = { ...(topSchema.properties as Json) };
  properties.PayloadContent = { type: 'array', items: { $ref: '#/definitions/payload' } };
  properties.PayloadType = { const: 'Configuration' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions: { payload: { type: 'object', required: ['PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'], allOf: branches } },
    ...topSchema,
    properties,
  };
}
