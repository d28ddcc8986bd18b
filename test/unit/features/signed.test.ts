/**
 * Signed profiles: the embedded plist is extracted from DER and from OpenSSL's streamed BER alike; anything
 * else is refused with a reason, never a throw. Signatures are not verified (only extraction is claimed).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCms } from '../../../server/src/customRequests';
import { looksSigned, readSignedProfile } from '../../../server/src/service/features/signed';

const dir = path.resolve(__dirname, '../../integration/workspace');

describe('signed profiles', () => {
  // plist 5 is ESM-only and the unit tests run as CommonJS under tsx, so it is loaded with a dynamic import.
  let plist: typeof import('plist');
  before(async () => { plist = await import('plist'); });

  for (const file of ['signed.mobileconfig', 'signed-stream.mobileconfig.der']) {
    it(`extracts the embedded plist of ${file}`, () => {
      const bytes = fs.readFileSync(path.join(dir, file));
      assert.equal(looksSigned(bytes), true);
      const view = readSignedProfile(bytes, readCms);
      assert.ok(view.ok, JSON.stringify(view));
      assert.equal(view.signerCount, 1);
      assert.equal(view.certificateCount, 1);
      assert.equal((plist.parse(view.text) as { PayloadDisplayName: string }).PayloadDisplayName, 'Integration Signed');
    });
  }

  it('refuses plain XML, truncated DER and foreign content without throwing', () => {
    const signed = fs.readFileSync(path.join(dir, 'signed.mobileconfig'));
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.from('<?xml version="1.0"?><plist/>'), /not a CMS-signed/],
      [signed.subarray(0, 200), /could not be read/],
      [Uint8Array.from([0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x00]), /could not be read/],
    ];
    for (const [bytes, reason] of cases) {
      const view = readSignedProfile(bytes, readCms);
      assert.equal(view.ok, false);
      assert.match(!view.ok ? view.error : '', reason);
    }
    const notPlist = readSignedProfile(signed, () => ({ content: Buffer.from('hello'), signerCount: 1, certificateCount: 0 }));
    assert.deepEqual(notPlist, { ok: false, error: 'The signed content is not an XML property list.' });
    const detached = readSignedProfile(signed, () => ({ content: new Uint8Array(0), signerCount: 1, certificateCount: 0 }));
    assert.equal(detached.ok, false);
  });
});
