/**
 * Hand-written additions to Apple's schema: keys real profiles use that the YAML omits, conditional
 * requirements the YAML states only in prose, and the few structures it gets wrong. Applied at load time by
 * index.ts, so editing this file needs no regeneration. Apple's own key always wins over an addition.
 */
import type { Condition, KeyData } from './types';

/** A key to add to a dictionary. `parent` is the path of that dictionary from the payload dict ([] = the payload). */
export interface KeyAddition {
  payloadType: string;
  parent: readonly string[];
  key: KeyData;
  /** Where the fact comes from (shared/domain/rules-reference.md source tags). */
  source: string;
}

/** A requirement that depends on another key's value. */
export interface Requirement {
  payloadType: string;
  path: readonly string[];
  requiredWhen: readonly Condition[];
  source: string;
}

/** A key whose structure Apple's YAML describes wrongly, replaced wholesale. `payloadType` 'TopLevel' is the outer dict. */
export interface Correction {
  payloadType: string;
  path: readonly string[];
  key: KeyData;
  reason: string;
}

/** A payload type that accepts every key of another type besides its own (own keys win on a name clash). */
export interface Extension {
  payloadType: string;
  extends: string;
  source: string;
}

/** Keys the dict elements of an array also take, with the schema they have in another dict of the same payload. */
export interface ElementKeys {
  payloadType: string;
  /** Path of the array key from the payload dict. */
  array: readonly string[];
  /** Path of the dictionary the keys are defined in. */
  from: readonly string[];
  names: readonly string[];
  source: string;
}

/** A key accepted at any depth of one payload type (bookkeeping keys tools write next to the settings). */
export interface AnywhereKey {
  payloadType: string;
  key: KeyData;
  source: string;
}

/**
 * A payload type whose real profiles wrap the payload's keys in a PayloadContent array of dicts, while Apple's
 * schema puts them in the payload dict itself. Both layouts are accepted.
 */
export interface WrappedLayout {
  payloadType: string;
  source: string;
}

export interface Overlay {
  addKeys: readonly KeyAddition[];
  requirements: readonly Requirement[];
  corrections: readonly Correction[];
  extensions: readonly Extension[];
  elementKeys: readonly ElementKeys[];
  anywhereKeys: readonly AnywhereKey[];
  wrappedLayouts: readonly WrappedLayout[];
}

/** The payload types the overlay names besides Apple's own pseudo type for the outer dict. */
export const TOP_LEVEL = 'TopLevel';
/** Apple's pseudo type of the keys every payload dict holds; an addition there reaches every payload. */
export const COMMON = 'CommonPayloadKeys';

const VPN = 'com.apple.vpn.managed';

/**
 * Errata: keys real profiles carry that the current YAML lacks while an Apple source has them, each with that
 * source and the real profiles (../shared/corpus/real-world) that use it. Also checked, and needing no entry now:
 * - Home Screen Layout `Dock`/`Pages` item `Type` `Application`: Apple's release-18.1 YAML listed `App`, while
 *   Apple's own example (apple/device-management examples/mdm/profiles/com.apple.homescreenlayout/example1.plist)
 *   and Apple Configurator's manifest (ProfileCreator/ProfileManifests Resources/ManifestsToConvert/
 *   com.apple.homescreenlayout manifest.plist) write `Application`; release 27 lists `Application`
 *   (test: "accepts Home Screen Layout items of Type Application").
 * - A top-level `PayloadType` `Profile Service` is handled as its own kind of profile (profileService.ts).
 */
function errata(): KeyAddition[] {
  const topLevel = (name: string, source: string): KeyAddition => ({
    payloadType: TOP_LEVEL, parent: [], key: { name, type: 'boolean', presence: 'optional', default: false }, source,
  });
  return [
    // Apple's TopLevel.yaml listed both through release 18.1 and dropped them in 26, yet exported profiles still
    // write HasRemovalPasscode: without these entries a valid profile would hear "removed".
    topLevel('HasRemovalPasscode', "Apple's schema release 18.1, mdm/profiles/TopLevel.yaml; ProfileCreator/ProfileManifests Manifests/ManifestsApple/Configuration.plist; corpus dod__dod.mobileconfig, leobrunet-micromdm__enroll.mobileconfig"),
    topLevel('IsEncrypted', "Apple's schema release 18.1, mdm/profiles/TopLevel.yaml (an encrypted profile's outer dict)"),
  ];
}

const whenVPNType = (...types: string[]): Condition[] => [{ path: ['VPNType'], in: types }];

export const overlay: Overlay = {
  addKeys: [
    // Profile Manager and MCX-era tools write PayloadEnabled into every payload and the profile (real-world
    // corpus: gregneagle, kandji, darossi87); Apple's own signed beta and logging profiles also carry
    // PayloadRebootSuggested at the top (tageniu-ios-profiles).
    { payloadType: COMMON, parent: [], key: { name: 'PayloadEnabled', type: 'boolean', presence: 'optional' }, source: 'real-world corpus (Profile Manager)' },
    { payloadType: TOP_LEVEL, parent: [], key: { name: 'PayloadEnabled', type: 'boolean', presence: 'optional' }, source: 'real-world corpus (Profile Manager)' },
    { payloadType: TOP_LEVEL, parent: [], key: { name: 'PayloadRebootSuggested', type: 'boolean', presence: 'optional' }, source: 'real-world corpus (tageniu-ios-profiles)' },
    // Apple's YAML through release 18.1 had no VPN.RemoteAddress, AuthName or AuthPassword; release 27 has them, so
    // the overlay no longer adds them (getOverlayProblems flags an addition Apple's own key shadows).
    ...errata(),
  ],
  requirements: [
    // Apple states these in its descriptions only, so the YAML marks the keys optional.
    { payloadType: VPN, path: ['VPNSubType'], requiredWhen: whenVPNType('VPN', 'TransparentProxy'), source: 'ADM-VPN (VPNType, VPNSubType)' },
    // Each VPNType reads its settings from its own dictionary; without it the payload has no server.
    { payloadType: VPN, path: ['VPN'], requiredWhen: whenVPNType('VPN'), source: 'ADM-VPN (VPN)' },
    { payloadType: VPN, path: ['IPSec'], requiredWhen: whenVPNType('IPSec'), source: 'ADM-VPN (IPSec)' },
    { payloadType: VPN, path: ['IPSec', 'RemoteAddress'], requiredWhen: whenVPNType('IPSec'), source: 'ADM-VPN (IPSec)' },
    { payloadType: VPN, path: ['PPP'], requiredWhen: whenVPNType('L2TP'), source: 'ADM-VPN (PPP)' },
    { payloadType: VPN, path: ['PPP', 'CommRemoteAddress'], requiredWhen: whenVPNType('L2TP'), source: 'ADM-VPN (PPP)' },
    { payloadType: VPN, path: ['IKEv2'], requiredWhen: whenVPNType('IKEv2'), source: 'ADM-VPN (IKEv2)' },
    { payloadType: VPN, path: ['AlwaysOn'], requiredWhen: whenVPNType('AlwaysOn'), source: 'ADM-VPN (AlwaysOn)' },
    // A proxy host without its port cannot be used (rules-reference PX001).
    { payloadType: VPN, path: ['Proxies', 'HTTPPort'], requiredWhen: [{ path: ['Proxies', 'HTTPProxy'], present: true }], source: 'ADM-VPN (Proxies)' },
    { payloadType: VPN, path: ['Proxies', 'HTTPSPort'], requiredWhen: [{ path: ['Proxies', 'HTTPSProxy'], present: true }], source: 'ADM-VPN (Proxies)' },
    // Encrypted DNS needs the server's URL for HTTPS and its name for TLS.
    { payloadType: VPN, path: ['DNS', 'ServerURL'], requiredWhen: [{ path: ['DNS', 'DNSProtocol'], in: ['HTTPS'] }], source: 'ADM-VPN (DNS)' },
    { payloadType: VPN, path: ['DNS', 'ServerName'], requiredWhen: [{ path: ['DNS', 'DNSProtocol'], in: ['TLS'] }], source: 'ADM-VPN (DNS)' },
    {
      payloadType: 'com.apple.dnsSettings.managed',
      path: ['DNSSettings', 'ServerURL'],
      requiredWhen: [{ path: ['DNSSettings', 'DNSProtocol'], in: ['HTTPS'] }],
      source: 'ADM (com.apple.dnsSettings.managed)',
    },
    {
      payloadType: 'com.apple.dnsSettings.managed',
      path: ['DNSSettings', 'ServerName'],
      requiredWhen: [{ path: ['DNSSettings', 'DNSProtocol'], in: ['TLS'] }],
      source: 'ADM (com.apple.dnsSettings.managed)',
    },
  ],
  corrections: [
    {
      payloadType: TOP_LEVEL,
      path: ['ConsentText'],
      key: { name: 'ConsentText', type: 'dictionary', presence: 'optional', anyKey: { name: 'ANY', type: 'string' } },
      reason:
        'Apple nests the language keys in a ConsentTextItem dictionary that real profiles do not have: ' +
        'ConsentText maps language codes (and "default") straight to strings.',
    },
  ],
  extensions: [
    // Apple's App-Layer VPN schema lists only its extra keys and says the rest are the VPN payload's.
    { payloadType: 'com.apple.vpn.managed.applayer', extends: VPN, source: 'ADM-APPLAYER, A-EX-APPMAP' },
  ],
  elementKeys: [
    // Erratum: each Always On tunnel configuration is an IKEv2 configuration, yet Apple's YAML lists only
    // ProtocolType and Interfaces in it. Apple Configurator's VPN manifest lists these IKEv2 keys there
    // (ProfileCreator/ProfileManifests Resources/ManifestsToConvert/com.apple.vpn.managed manifest.plist, the
    // corpus file profilemanifests__com.apple.vpn.managed_manifest.plist).
    {
      payloadType: VPN,
      array: ['AlwaysOn', 'TunnelConfigurations'],
      from: ['IKEv2'],
      names: [
        'AuthName', 'AuthPassword', 'AuthenticationMethod', 'ChildSecurityAssociationParameters', 'DeadPeerDetectionRate',
        'DisableMOBIKE', 'DisableRedirect', 'EnableCertificateRevocationCheck', 'EnablePFS', 'ExtendedAuthEnabled',
        'IKESecurityAssociationParameters', 'LocalIdentifier', 'NATKeepAliveInterval', 'NATKeepAliveOffloadEnable',
        'PayloadCertificateUUID', 'RemoteAddress', 'RemoteIdentifier', 'ServerCertificateCommonName',
        'ServerCertificateIssuerCommonName', 'SharedSecret', 'UseConfigurationAttributeInternalIPSubnet',
      ],
      source: 'Apple Configurator VPN manifest (ProfileManifests copy); Apple documents TunnelConfigurations as IKEv2 configurations',
    },
  ],
  anywhereKeys: [
    // MCX bookkeeping keys Workgroup Manager and Profile Manager write next to mcx_preference_settings.
    { payloadType: 'com.apple.ManagedClient.preferences', key: { name: 'mcx_data_timestamp', type: 'any' }, source: 'real-world corpus (MCX profiles)' },
    { payloadType: 'com.apple.ManagedClient.preferences', key: { name: 'mcx_union_policy_keys', type: 'any' }, source: 'real-world corpus (MCX profiles)' },
  ],
  wrappedLayouts: [
    // iPhone Configuration Utility writes APN settings inside a PayloadContent array of dicts.
    { payloadType: 'com.apple.apn.managed', source: 'real-world corpus (iPhone Configuration Utility APN profiles)' },
  ],
};
