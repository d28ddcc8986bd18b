/**
 * Formatting with hostile options from the client (issue 14): a tabSize of 1e7 would make every indented line
 * megabytes long; negative, fractional, infinite and non-number sizes must not throw. Sizes are clamped to [1, 16].
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDocument, FormatOptions, MAX_TAB_SIZE } from '../../../server/src/service/features/formatting';
import { parsePlist } from '../../../server/src/service/parser/plistParser';

const text = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict><key>A</key><dict><key>B</key><array><string>x</string></array></dict></dict>\n</plist>\n';

function formatted(options: FormatOptions): string {
  const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
  return TextDocument.applyEdits(document, formatDocument(document, parsePlist(text), options));
}

/** The widest indentation step in the output: the indentation of the deepest line divided by its depth (3). */
function step(out: string): number {
  const line = out.split('\n').find((l) => l.trim() === '<string>x</string>')!;
  return (line.length - line.trimStart().length) / 3;
}

describe('hostile inputs: formatting options', () => {
  it('clamps a huge tabSize instead of allocating it', () => {
    assert.equal(MAX_TAB_SIZE, 16);
    assert.equal(step(formatted({ tabSize: 1e7, insertSpaces: true })), 16);
    assert.equal(step(formatted({ tabSize: Infinity, insertSpaces: true })), 16);
  });

  it('takes a whole, positive tab size for anything smaller or odd', () => {
    assert.equal(step(formatted({ tabSize: -5, insertSpaces: true })), 1);
    assert.equal(step(formatted({ tabSize: 2.7, insertSpaces: true })), 2);
    assert.equal(step(formatted({ tabSize: NaN, insertSpaces: true })), 4);
    assert.equal(step(formatted({ tabSize: '1e7' as unknown as number, insertSpaces: true })), 4);
    assert.equal(step(formatted({ tabSize: 3, insertSpaces: true })), 3);
  });

  it('indents with tabs unless insertSpaces is really true', () => {
    assert.match(formatted({ tabSize: 4, insertSpaces: 'yes' as unknown as boolean }), /^\t\t\t<string>x<\/string>$/m);
  });
});
