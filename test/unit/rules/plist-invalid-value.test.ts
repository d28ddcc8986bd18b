import * as assert from 'node:assert/strict';
import { checkRule, diagnose, profile } from '../ruleHarness';

describe('plist-invalid-value', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('plist-invalid-value'));
  it('is silent on a clean profile', () => {
    const clean = profile('<key>PayloadIdentifier</key><string>com.example.dock</string><key>PayloadType</key><string>com.apple.dock</string><key>PayloadUUID</key><string>6F1C9A52-0D1B-4E0A-9C43-2B7C1D9E8F01</string><key>PayloadVersion</key><integer>1</integer>');
    assert.deepEqual(diagnose(clean).filter((d) => d.code === 'plist-invalid-value'), []);
  });
});
