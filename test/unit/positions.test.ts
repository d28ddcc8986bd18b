import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionsOf } from '../../server/src/service/features/diagnostics';

/** The one-shot line table agrees with the editor document's on every offset and every kind of line break. */
describe('positionsOf', () => {
  it('agrees with TextDocument.positionAt on every offset, for every kind of line break', () => {
    const texts = ['a\nb\r\nc\rd\n\n\r\r\nxyz', '', '\n', 'abc', '\r\n\r\n', 'x\r', '\r\r\n\n\r', 'é\u2028\n😀\r\nz'];
    for (const t of texts) {
      const doc = TextDocument.create('file:///t', 'mobileconfig', 1, t);
      const at = positionsOf(t);
      for (let o = -1; o <= t.length + 1; o++) assert.deepEqual(at(o), doc.positionAt(o), `${JSON.stringify(t)} @${o}`);
    }
  });

  it('agrees with TextDocument when asked in any order (diagnostics, then related places far back)', () => {
    const t = Array.from({ length: 300 }, (_, i) => `line ${i}` + ['\n', '\r\n', '\r'][i % 3]).join('');
    const doc = TextDocument.create('file:///t', 'mobileconfig', 1, t);
    const at = positionsOf(t);
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const o = seed % (t.length + 2);
      assert.deepEqual(at(o), doc.positionAt(o), `@${o}`);
    }
  });
});
