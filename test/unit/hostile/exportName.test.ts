/**
 * Export file names from hostile profile names (issue 14): the limit is in UTF-8 bytes, with room for a temp
 * name beside the file within 255 bytes; bidirectional and zero-width characters are dropped; Windows' reserved
 * device names are refused in every spelling Windows honours.
 */
import { strict as assert } from 'node:assert';
import { exportFileName, MAX_EXPORT_NAME_BYTES } from '../../../server/src/service/features/exportProfile';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('hostile inputs: export file names', () => {
  it('limits a long Japanese name by UTF-8 bytes, leaving room for a temp name', () => {
    const name = exportFileName('リモートアクセス'.repeat(40), 'x.mobileconfig');
    assert.ok(bytes(name) <= 200, `${bytes(name)} bytes`);
    assert.ok(name.startsWith('リモートアクセス') && name.endsWith('.mobileconfig'));
    // The longest temp name a writer adds beside it (a dot, 8 random bytes in hex, .tmp) still fits in 255 bytes.
    assert.ok(bytes(`.${name}.${'0'.repeat(16)}.tmp`) <= 255);
    assert.ok(MAX_EXPORT_NAME_BYTES + 1 + 16 + 4 + 1 <= 255);
  });

  it('cuts between graphemes, never inside a character or an emoji sequence', () => {
    const family = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    const name = exportFileName('a'.repeat(180) + '\u{1F600}'.repeat(10), 'x');
    assert.ok(bytes(name) <= 200);
    assert.doesNotMatch(name, /\uFFFD/);
    assert.equal(name, 'a'.repeat(180) + '\u{1F600}'.repeat(1) + '.mobileconfig');
    assert.ok(!exportFileName(family.repeat(30), 'x').includes('\u200d'), 'joiners are dropped with the other zero-width characters');
  });

  it('drops bidirectional overrides, isolates, marks and zero-width characters', () => {
    assert.equal(exportFileName('invoice\u202egpj.exe', 'x'), 'invoicegpj.exe.mobileconfig');
    assert.equal(exportFileName('a\u200bb\u200cc\u200dd\u200ee\u200ff\u2066g\u2069h\ufeffi\u061cj\u2060k', 'x'), 'abcdefghijk.mobileconfig');
    assert.equal(exportFileName('\u202e\u200b', 'source.mobileconfig'), 'source.mobileconfig', 'nothing visible left: the fallback');
    assert.equal(exportFileName('a\u0085b\u009bc', 'x'), 'a_b_c.mobileconfig', 'C1 controls are refused like C0');
  });

  it('treats Windows reserved names as reserved, with an extension, trailing spaces and superscript digits', () => {
    for (const reserved of ['CON', 'nul', 'NUL.txt', 'aux.tar.gz', 'Com1', 'LPT9', 'COM\u00b9', 'lpt\u00b2', 'COM\u00b3.x', 'PRN ', 'NUL .txt', 'CONIN$', 'conout$']) {
      assert.equal(exportFileName(reserved, 'source.mobileconfig'), 'source.mobileconfig', reserved);
    }
    assert.equal(exportFileName('NUL', 'nul.mobileconfig'), 'profile.mobileconfig', 'a reserved fallback is refused too');
    for (const fine of ['CONSOLE', 'nulls', 'COM10', 'LPT', 'auxiliary.vpn', 'COM\u2074']) {
      assert.equal(exportFileName(fine, 'x'), `${fine}.mobileconfig`, fine);
    }
  });

  it('trims dots and spaces left at the end by the cut', () => {
    // 186 + 1 bytes fill the budget (200 less the extension's 13), so the cut falls right after the space.
    assert.equal(exportFileName('a'.repeat(186) + ' ' + 'b'.repeat(20), 'x'), 'a'.repeat(186) + '.mobileconfig');
  });
});
