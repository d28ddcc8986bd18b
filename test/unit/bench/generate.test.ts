/**
 * The benchmark's profile generator: deterministic, Apple-shaped and valid, so `npm run bench` measures our
 * validator on the kind of file users have. No timings here: speed is checked by the benchmark, never by a test.
 */
import * as assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { BASE64_LINE, BENCH_SIZES, generateProfile, Prng } from '../../../scripts/bench/generate';
import { validate } from '../../../server/src/service/index';

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('bench profile generator', () => {
  const small = generateProfile({ targetBytes: 5 * 1024 });
  const medium = generateProfile({ targetBytes: 100 * 1024 });

  it('gives the same text for the same seed and another text for another seed', () => {
    assert.equal(generateProfile({ targetBytes: 5 * 1024 }).text, small.text);
    assert.notEqual(generateProfile({ targetBytes: 5 * 1024, seed: 7 }).text, small.text);
  });

  it('draws from its own seeded PRNG only', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const draws = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(Array.from({ length: 5 }, () => b.next()), draws);
    assert.ok(draws.every((x) => x >= 0 && x < 1));
  });

  it('lands near each target size', () => {
    assert.ok(small.bytes > 4 * 1024 && small.bytes < 7 * 1024, `5 KB target gave ${small.bytes}`);
    const oneMb = generateProfile({ targetBytes: BENCH_SIZES[2].bytes });
    assert.ok(Math.abs(oneMb.bytes / BENCH_SIZES[2].bytes - 1) < 0.05, `1 MB target gave ${oneMb.bytes}`);
    assert.equal(Buffer.byteLength(oneMb.text), oneMb.bytes);
  });

  it('mixes AnyConnect VPN (new and legacy), PKCS#12, Wi-Fi and restrictions payloads', () => {
    const types = new Set(medium.payloadTypes);
    for (const t of ['com.apple.vpn.managed', 'com.apple.security.pkcs12', 'com.apple.wifi.managed', 'com.apple.applicationaccess']) {
      assert.ok(types.has(t), `no ${t}`);
    }
    assert.match(medium.text, /<string>com\.cisco\.anyconnect<\/string>/);
    assert.match(medium.text, /<string>com\.cisco\.anyconnect\.applevpn\.plugin<\/string>/);
    assert.match(medium.text, /<key>OnDemandEnabled<\/key>\n\t+<integer>1<\/integer>/);
    assert.match(medium.text, /<key>HTTPPort<\/key>\n\t+<integer>\d+<\/integer>/);
  });

  it('puts about half of a large profile in <data>, wrapped at 52 characters', () => {
    assert.ok(medium.dataBytes / medium.bytes > 0.35, `data share ${medium.dataBytes / medium.bytes}`);
    const lines = [...medium.text.matchAll(/<data>\n([^<]*)\t*<\/data>/g)].flatMap((m) => m[1].trim().split('\n').map((l) => l.trim()));
    assert.ok(lines.length > 100);
    assert.ok(lines.every((l) => l.length <= BASE64_LINE));
    assert.ok(lines.filter((l) => l.length === BASE64_LINE).length > lines.length / 2);
  });

  it('indents with tabs and uses unique upper-case UUIDs', () => {
    assert.ok(medium.text.split('\n').every((l) => !/^ /.test(l)));
    assert.ok(medium.uuids.every((u) => UUID.test(u)));
    assert.equal(new Set(medium.uuids).size, medium.uuids.length);
  });

  it('is well-formed XML', () => {
    assert.equal(XMLValidator.validate(medium.text), true);
  });

  for (const [label, profile] of [['5 KB', small], ['100 KB', medium]] as const) {
    it(`gives no errors or warnings from our validator at ${label}`, () => {
      const serious = validate(profile.text).filter((d) => d.severity === 1 || d.severity === 2);
      assert.deepEqual(serious.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});
