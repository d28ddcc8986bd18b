import * as assert from 'node:assert/strict';
import { checkBase64 } from '../../server/src/service/rules/plist-invalid-value';

/** The definition the one-pass check must agree with: base64 letters and ASCII white space anywhere, at most two `=` at the end, length a multiple of 4 without the white space. */
const BASE64 = /^[A-Za-z0-9+/ \t\n\r\v\f]*(=[ \t\n\r\v\f]*){0,2}$/;
const reference = (raw: string) => (!BASE64.test(raw) ? 'data' : raw.replace(/[ \t\n\r\v\f]+/g, '').length % 4 === 0 ? undefined : 'dataLength');

describe('checkBase64 (the one-pass <data> check)', () => {
  it('agrees with the regex definition on 100 000 random short texts, wide white space (refused) included', () => {
    const alphabet = ['A', 'z', '0', '+', '/', '=', ' ', '\n', '\t', '\r', '\u00a0', '\u2028', '-', '_', '\0', 'é', '\v', '\f', '\u3000', '\ufeff'];
    let seed = 1;
    const verdicts = new Set<string | undefined>();
    for (let n = 0; n < 100_000; n++) {
      let s = '';
      for (let i = 0; i < n % 13; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      const expected = reference(s);
      verdicts.add(expected);
      assert.equal(checkBase64(`<data>${s}</data>`, 6, 6 + s.length), expected, JSON.stringify(s));
    }
    // The random texts reach every verdict, so agreement means something.
    assert.deepEqual([...verdicts].sort(), ['data', 'dataLength', undefined].sort());
  });

  it('checks only its span of the text', () => {
    assert.equal(checkBase64('!!QUJD!!', 2, 6), undefined);
    assert.equal(checkBase64('!!QUJD!!', 1, 6), 'data');
  });
});
