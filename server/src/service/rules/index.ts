/**
 * The rule registry: every rule, sorted by id. Adding a rule is one line here (STYLE.md section 4).
 */
import { parserRules } from './parserRules';
import { payloadCertificateEmpty } from './payload-certificate-empty';
import { payloadContentShape } from './payload-content-shape';
import { payloadKeyMissing } from './payload-key-missing';
import { payloadUuidDuplicate } from './payload-uuid-duplicate';
import { payloadUuidInvalid } from './payload-uuid-invalid';
import { payloadUuidNoncanonical } from './payload-uuid-noncanonical';
import { payloadVersion } from './payload-version';
import { plistDuplicateKey } from './plist-duplicate-key';
import { plistInvalidValue } from './plist-invalid-value';
import { profilePayloadType } from './profile-payload-type';
import { portalProfileName } from './portal-profile-name';
import { vpnBothApps } from './vpn-both-apps';
import { vpnCertificateMissing } from './vpn-certificate-missing';
import { vpnCertificateNotIdentity } from './vpn-certificate-not-identity';
import { vpnCertificateUnresolved } from './vpn-certificate-unresolved';
import { vpnLegacyOnly } from './vpn-legacy-only';
import { vpnNameDuplicate } from './vpn-name-duplicate';
import { vpnRemoteAddressFormat } from './vpn-remote-address-format';
import { vpnRemoteAddressMissing } from './vpn-remote-address-missing';
import { vpnSubtypeMissing } from './vpn-subtype-missing';
import { vpnSubtypeTypo } from './vpn-subtype-typo';
import { vpnTwinMismatch } from './vpn-twin-mismatch';
import { vpnTypeInvalid } from './vpn-type-invalid';
import { vpnTypeMismatch } from './vpn-type-mismatch';
import { vpnVendorConfigForeign } from './vpn-vendor-config-foreign';
import type { Rule } from './rule';
import { schemaRules } from './schemaRules';
import { vpnSettingsRules } from './vpnSettingsRules';

export const rules: readonly Rule[] = [
  ...parserRules,
  payloadCertificateEmpty,
  payloadContentShape,
  payloadKeyMissing,
  payloadUuidDuplicate,
  payloadUuidInvalid,
  payloadUuidNoncanonical,
  payloadVersion,
  plistDuplicateKey,
  plistInvalidValue,
  profilePayloadType,
  portalProfileName,
  vpnBothApps,
  vpnCertificateMissing,
  vpnCertificateNotIdentity,
  vpnCertificateUnresolved,
  vpnLegacyOnly,
  vpnNameDuplicate,
  vpnRemoteAddressFormat,
  vpnRemoteAddressMissing,
  vpnSubtypeMissing,
  vpnSubtypeTypo,
  vpnTwinMismatch,
  vpnTypeInvalid,
  vpnTypeMismatch,
  vpnVendorConfigForeign,
  ...vpnSettingsRules,
  ...schemaRules,
].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(rules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
