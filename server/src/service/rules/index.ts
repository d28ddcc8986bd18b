/**
 * The rule registry: every rule, sorted by id. Adding a rule is one line here (STYLE.md section 4).
 */
import { parserRules } from './parserRules';
import { payloadContentShape } from './payload-content-shape';
import { payloadKeyMissing } from './payload-key-missing';
import { payloadUuidDuplicate } from './payload-uuid-duplicate';
import { payloadUuidInvalid } from './payload-uuid-invalid';
import { payloadUuidNoncanonical } from './payload-uuid-noncanonical';
import { payloadVersion } from './payload-version';
import { plistDuplicateKey } from './plist-duplicate-key';
import { plistInvalidValue } from './plist-invalid-value';
import { profilePayloadType } from './profile-payload-type';
import type { Rule } from './rule';
import { vpnSettingsRules } from './vpnSettingsRules';

export const rules: readonly Rule[] = [
  ...parserRules,
  payloadContentShape,
  payloadKeyMissing,
  payloadUuidDuplicate,
  payloadUuidInvalid,
  payloadUuidNoncanonical,
  payloadVersion,
  plistDuplicateKey,
  plistInvalidValue,
  profilePayloadType,
  ...vpnSettingsRules,
].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(rules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
