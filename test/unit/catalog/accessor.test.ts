/**
 * The catalog accessor on real payloads: lookups through dicts, arrays, shared and recursive structures,
 * the overlay (added keys, conditional requirements, corrections, App-Layer VPN inheritance), and purity.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  catalogRelease, catalogSource, getCommonPayloadSchema, getKnownPayloadTypes, getMemberKey, getOverlayProblems, getPayloadSchema,
  getRemovedKeyRelease, getRemovedPayloadRelease, getTopLevelSchema, isKnownPayloadType, lookupKey, lookupTopLevelKey, mergeOS,
} from '../../../server/src/service/catalog';
import { catalogData } from '../../../server/src/service/catalog/catalogData';

const VPN = 'com.apple.vpn.managed';
const CATALOG_DIR = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'service', 'catalog');

describe('catalog accessor', () => {
  it('lists the known payload types, sorted, without the pseudo types', () => {
    const types = getKnownPayloadTypes();
    assert.ok(types.length >= 100);
    assert.deepEqual([...types].sort(), types);
    for (const type of [VPN, 'com.apple.wifi.managed', 'com.apple.security.pkcs12', 'com.apple.security.scep']) assert.ok(isKnownPayloadType(type), type);
    assert.ok(!isKnownPayloadType('TopLevel'));
    assert.ok(!isKnownPayloadType('CommonPayloadKeys'));
    assert.ok(!isKnownPayloadType('toString'));
    assert.equal(getPayloadSchema('com.example.unknown'), undefined);
    assert.match(catalogSource, /apple\/device-management/);
  });

  it("holds Apple's release 27: watchOS, new keys, renamed files, and what 26 and 27 removed", () => {
    assert.equal(catalogRelease, '27');
    assert.equal(lookupKey('com.apple.applicationaccess', ['allowSiriAI'])?.key.type, 'boolean');
    assert.ok(getPayloadSchema('com.apple.applicationaccess')?.os?.watchOS, 'watchOS availability');
    assert.ok(getPayloadSchema('com.apple.MCX')?.files.includes('com.apple.MCX(Mobility).yaml'));
    assert.ok(!isKnownPayloadType('com.apple.SoftwareUpdate'));
    assert.equal(getRemovedPayloadRelease('com.apple.SoftwareUpdate'), '27');
    assert.equal(getRemovedKeyRelease('com.apple.system.logging', ['Processes']), '27');
    assert.equal(getRemovedPayloadRelease('com.apple.vpn.managed'), undefined);
    assert.equal(getRemovedPayloadRelease('toString'), undefined);
    assert.equal(getRemovedKeyRelease('com.apple.system.logging', ['Subsystems']), undefined);
  });

  it('gives the VPN payload its facts and documentation link', () => {
    const vpn = getPayloadSchema(VPN);
    assert.equal(vpn?.docUrl, 'https://developer.apple.com/documentation/devicemanagement/vpn');
    assert.deepEqual(vpn?.os?.iOS, { introduced: '4.0', supervised: false, multiple: true, allowManualInstall: true, userEnrollment: 'forbidden', sharedIPad: 'allowed' });
  });

  it('knows the allowed VPNType values', () => {
    const found = lookupKey(VPN, ['VPNType']);
    assert.equal(found?.key.type, 'string');
    assert.equal(found?.key.presence, 'required');
    assert.deepEqual(found?.key.values, ['VPN', 'L2TP', 'IPSec', 'IKEv2', 'AlwaysOn', 'TransparentProxy']);
  });

  it('knows Wi-Fi EncryptionType with its default', () => {
    const key = lookupKey('com.apple.wifi.managed', ['EncryptionType'])?.key;
    assert.deepEqual(key?.values, ['WEP', 'WPA', 'WPA2', 'WPA3', 'Any', 'None']);
    assert.equal(key?.default, 'Any');
  });

  it('finds nested dict keys and inherits availability along the path', () => {
    const onDemand = lookupKey(VPN, ['VPN', 'OnDemandEnabled']);
    assert.equal(onDemand?.key.type, 'integer');
    assert.deepEqual(onDemand?.key.values, [0, 1]);
    const exclude = lookupKey(VPN, ['VPN', 'ExcludeAPNs']);
    assert.equal(exclude?.os.iOS?.introduced, '16.4');
    // Not overridden by the key, so inherited from the payload.
    assert.equal(exclude?.os.iOS?.userEnrollment, 'forbidden');
    const sa = lookupKey(VPN, ['IKEv2', 'IKESecurityAssociationParameters', 'DiffieHellmanGroup']);
    assert.equal(sa?.key.default, 14);
  });

  it('enters arrays implicitly or by index, and returns the element itself for *', () => {
    const action = lookupKey(VPN, ['VPN', 'OnDemandRules', 'Action'])?.key;
    assert.deepEqual(action?.values, ['Allow', 'Connect', 'Disconnect', 'EvaluateConnection', 'Ignore']);
    assert.equal(lookupKey(VPN, ['VPN', 'OnDemandRules', '3', 'Action'])?.key, action);
    assert.equal(lookupKey(VPN, ['VPN', 'OnDemandRules', '*'])?.key.type, 'dictionary');
    assert.equal(lookupKey('com.apple.wifi.managed', ['EAPClientConfiguration', 'AcceptEAPTypes', '0'])?.key.type, 'integer');
    const domainAction = lookupKey(VPN, ['VPN', 'OnDemandRules', 'ActionParameters', 'DomainAction'])?.key;
    assert.deepEqual(domainAction?.values, ['ConnectIfNeeded', 'NeverConnect']);
  });

  it('shares an anchored structure between its holders and follows recursion', () => {
    // Apple's YAML anchors one OnDemandRules element for the VPN and IPSec dictionaries.
    assert.equal(lookupKey(VPN, ['IPSec', 'OnDemandRules', '*'])?.key, lookupKey(VPN, ['VPN', 'OnDemandRules', '*'])?.key);
    // Home Screen Layout nests icons in folder pages in icons, without end.
    const deep = lookupKey('com.apple.homescreenlayout', ['Dock', '0', 'Pages', '0', '0', 'Pages', '0', '0', 'Type'])?.key;
    // Release 18.1 listed `App`; Apple's example and Apple Configurator write `Application`, which release 27 lists.
    assert.deepEqual(deep?.values, ['Application', 'Folder', 'WebClip']);
  });

  it('falls back to the common payload keys, the payload own definition first', () => {
    assert.equal(lookupKey(VPN, ['PayloadUUID'])?.key, getCommonPayloadSchema().keys.find((k) => k.name === 'PayloadUUID'));
    assert.equal(lookupKey('com.apple.security.pkcs12', ['PayloadContent'])?.key.type, 'data');
  });

  it('matches any name in a dictionary with a wildcard, and stops below a value of any type', () => {
    assert.equal(lookupKey('com.apple.firstethernet.managed', ['Whatever'])?.key.type, 'any');
    assert.equal(lookupKey('com.apple.firstethernet.managed', ['Whatever', 'Deeper']), undefined);
    assert.equal(lookupKey(VPN, ['VPN', 'NoSuchKey']), undefined);
    assert.equal(lookupKey(VPN, ['VPNType', 'Deeper']), undefined);
    assert.equal(lookupKey(VPN, []), undefined);
  });

  it('finds a member of any container', () => {
    const vpnDict = lookupKey(VPN, ['VPN'])!.key;
    assert.equal(getMemberKey(vpnDict, 'AuthenticationMethod')?.default, 'Password');
    assert.equal(getMemberKey(vpnDict, 'Nope'), undefined);
  });

  it('merges availability field by field', () => {
    assert.deepEqual(mergeOS({ iOS: { introduced: '4.0', supervised: false } }, { iOS: { supervised: true }, macOS: { introduced: 'n/a' } }), {
      iOS: { introduced: '4.0', supervised: true },
      macOS: { introduced: 'n/a' },
    });
  });

  describe('overlay', () => {
    it('applies every entry, and none is shadowed by a key Apple now defines', () => {
      assert.deepEqual(getOverlayProblems(), []);
    });

    it("takes the VPN server and user keys from Apple's schema, which has them since release 27", () => {
      const remote = lookupKey(VPN, ['VPN', 'RemoteAddress'])?.key;
      assert.equal(remote?.type, 'string');
      assert.equal(remote?.presence, 'required');
      assert.equal(remote?.origin, undefined);
      assert.equal(lookupKey(VPN, ['VPN', 'AuthName'])?.key.origin, undefined);
      assert.equal(lookupKey(VPN, ['VPN', 'AuthPassword'])?.key.origin, undefined);
      // Release 27 dropped VPN.Password: the removals list says so.
      assert.equal(lookupKey(VPN, ['VPN', 'Password']), undefined);
      assert.equal(getRemovedKeyRelease(VPN, ['VPN', 'Password']), '26');
      const names = lookupKey(VPN, ['VPN'])?.key.keys?.map((k) => k.name) ?? [];
      assert.deepEqual([...names].sort(), names);
    });

    it('adds the errata keys real profiles write and an older Apple schema has, marked as ours', () => {
      for (const name of ['HasRemovalPasscode', 'IsEncrypted']) {
        assert.equal(lookupTopLevelKey([name])?.key.origin, 'overlay', name);
        assert.equal(lookupTopLevelKey([name])?.key.type, 'boolean', name);
      }
    });

    it('adds conditional requirements to Apple keys', () => {
      assert.deepEqual(lookupKey(VPN, ['VPNSubType'])?.key.requiredWhen, [{ path: ['VPNType'], in: ['VPN', 'TransparentProxy'] }]);
      assert.equal(lookupKey(VPN, ['VPNSubType'])?.key.presence, 'optional');
      assert.deepEqual(lookupKey(VPN, ['Proxies', 'HTTPPort'])?.key.requiredWhen, [{ path: ['Proxies', 'HTTPProxy'], present: true }]);
      assert.deepEqual(lookupKey(VPN, ['IPSec', 'RemoteAddress'])?.key.requiredWhen, [{ path: ['VPNType'], in: ['IPSec'] }]);
    });

    it('leaves the stored data untouched', () => {
      const raw = catalogData.payloads[VPN].keys.find((k) => k.name === 'VPNSubType');
      assert.equal(raw?.requiredWhen, undefined);
    });

    it('gives App-Layer VPN the VPN payload keys besides its own', () => {
      const applayer = getPayloadSchema('com.apple.vpn.managed.applayer');
      assert.equal(lookupKey('com.apple.vpn.managed.applayer', ['VPNUUID'])?.key.presence, 'required');
      assert.equal(lookupKey('com.apple.vpn.managed.applayer', ['VPN', 'RemoteAddress'])?.key.type, 'string');
      assert.equal(applayer?.keys.find((k) => k.name === 'VPN')?.inheritedFrom, VPN);
      assert.equal(applayer?.keys.find((k) => k.name === 'VPNType')?.inheritedFrom, VPN);
      // Its own OnDemandMatchAppEnabled (a boolean) is kept.
      assert.equal(applayer?.keys.find((k) => k.name === 'OnDemandMatchAppEnabled')?.inheritedFrom, undefined);
    });

    it('corrects ConsentText to map language codes straight to strings', () => {
      assert.equal(lookupTopLevelKey(['ConsentText', 'en'])?.key.type, 'string');
      assert.equal(lookupTopLevelKey(['ConsentText', 'default'])?.key.type, 'string');
      assert.equal(getTopLevelSchema().keys.find((k) => k.name === 'ConsentText')?.keys, undefined);
    });
  });

  it('stays pure: the catalog modules import nothing but each other', () => {
    for (const file of fs.readdirSync(CATALOG_DIR).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(CATALOG_DIR, file), 'utf8');
      for (const [, spec] of text.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gm)) {
        assert.match(spec, /^\.\/[\w]+$/, `${file} imports ${spec}`);
      }
    }
  });
});
