/**
 * The rule registry: every rule in one list, sorted by id. Adding a rule is one line here (STYLE.md section 4).
 */
import { parserRules } from './parserRules';
import { payloadCertificateEmpty } from './payload-certificate-empty';
import { payloadContentShape } from './payload-content-shape';
import { payloadKeyDeprecated } from './payload-key-deprecated';
import { payloadKeyMissing } from './payload-key-missing';
import { payloadKeyPlatform } from './payload-key-platform';
import { payloadKeyRequired } from './payload-key-required';
import { payloadKeyUnknown } from './payload-key-unknown';
import { payloadSupervisedOnly } from './payload-supervised-only';
import { payloadTypeUnknown } from './payload-type-unknown';
import { payloadUuidDuplicate } from './payload-uuid-duplicate';
import { payloadUuidInvalid } from './payload-uuid-invalid';
import { payloadUuidNoncanonical } from './payload-uuid-noncanonical';
import { payloadValueAllowed } from './payload-value-allowed';
import { payloadValuePlaceholder } from './payload-value-placeholder';
import { payloadValueRange } from './payload-value-range';
import { payloadValueType } from './payload-value-type';
import { payloadVersion } from './payload-version';
import { plistDuplicateKey } from './plist-duplicate-key';
import { plistInvalidValue } from './plist-invalid-value';
import { portalProfileName } from './portal-profile-name';
import { profilePayloadType } from './profile-payload-type';
import { secretInClearText } from './secret-in-clear-text';
import { vpnBothApps } from './vpn-both-apps';
import { vpnCertificateMissing } from './vpn-certificate-missing';
import { vpnCertificateNotIdentity } from './vpn-certificate-not-identity';
import { vpnCertificateUnresolved } from './vpn-certificate-unresolved';
import { vpnIntegerAsBoolean } from './vpn-integer-as-boolean';
import { vpnLegacyOnly } from './vpn-legacy-only';
import { vpnNameDuplicate } from './vpn-name-duplicate';
import { vpnOnDemandAction } from './vpn-on-demand-action';
import { vpnOnDemandNoRules } from './vpn-on-demand-no-rules';
import { vpnOnDemandParameters } from './vpn-on-demand-parameters';
import { vpnOnDemandUnreachable } from './vpn-on-demand-unreachable';
import { vpnProxyConflict } from './vpn-proxy-conflict';
import { vpnProxyPac } from './vpn-proxy-pac';
import { vpnProxyPort } from './vpn-proxy-port';
import { vpnRemoteAddressFormat } from './vpn-remote-address-format';
import { vpnRemoteAddressMissing } from './vpn-remote-address-missing';
import { vpnSubtypeMissing } from './vpn-subtype-missing';
import { vpnSubtypeTypo } from './vpn-subtype-typo';
import { vpnTwinMismatch } from './vpn-twin-mismatch';
import { vpnTypeInvalid } from './vpn-type-invalid';
import { vpnTypeMismatch } from './vpn-type-mismatch';
import { vpnVendorConfigForeign } from './vpn-vendor-config-foreign';
import type { Rule } from './rule';

export const rules: readonly Rule[] = [
  ...parserRules,
  payloadCertificateEmpty,
  payloadContentShape,
  payloadKeyDeprecated,
  payloadKeyMissing,
  payloadKeyPlatform,
  payloadKeyRequired,
  payloadKeyUnknown,
  payloadSupervisedOnly,
  payloadTypeUnknown,
  payloadUuidDuplicate,
  payloadUuidInvalid,
  payloadUuidNoncanonical,
  payloadValueAllowed,
  payloadValuePlaceholder,
  payloadValueRange,
  payloadValueType,
  payloadVersion,
  plistDuplicateKey,
  plistInvalidValue,
  portalProfileName,
  profilePayloadType,
  secretInClearText,
  vpnBothApps,
  vpnCertificateMissing,
  vpnCertificateNotIdentity,
  vpnCertificateUnresolved,
  vpnIntegerAsBoolean,
  vpnLegacyOnly,
  vpnNameDuplicate,
  vpnOnDemandAction,
  vpnOnDemandNoRules,
  vpnOnDemandParameters,
  vpnOnDemandUnreachable,
  vpnProxyConflict,
  vpnProxyPac,
  vpnProxyPort,
  vpnRemoteAddressFormat,
  vpnRemoteAddressMissing,
  vpnSubtypeMissing,
  vpnSubtypeTypo,
  vpnTwinMismatch,
  vpnTypeInvalid,
  vpnTypeMismatch,
  vpnVendorConfigForeign,
].sort((a, b) => a.id.localeCompare(b.id));

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
