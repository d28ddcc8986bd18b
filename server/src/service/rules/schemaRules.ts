/**
 * The rules driven by Apple's payload schema (catalog/): unknown keys and payload types, value types,
 * allowed values, ranges, formats, OS availability. One list so the registry imports them in one line.
 */
import { payloadKeyDeprecated } from './payload-key-deprecated';
import { payloadKeyPlatform } from './payload-key-platform';
import { payloadKeyRequired } from './payload-key-required';
import { payloadKeyUnknown } from './payload-key-unknown';
import { payloadSupervisedOnly } from './payload-supervised-only';
import { payloadTypeUnknown } from './payload-type-unknown';
import { payloadValueAllowed } from './payload-value-allowed';
import { payloadValueRange } from './payload-value-range';
import { payloadValueType } from './payload-value-type';
import type { Rule } from './rule';

export const schemaRules: Rule[] = [
  payloadKeyDeprecated,
  payloadKeyPlatform,
  payloadKeyRequired,
  payloadKeyUnknown,
  payloadSupervisedOnly,
  payloadTypeUnknown,
  payloadValueAllowed,
  payloadValueRange,
  payloadValueType,
];
