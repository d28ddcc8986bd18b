/**
 * Values from the profile go into hover Markdown only through features/markdown.ts: a backtick cannot close the
 * code span and turn the rest into markup (a link, an image, HTML).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service';
import { codeSpan, escapeMarkdown } from '../../../server/src/service/features/markdown';

const service = createLanguageService();

/** The text a CommonMark code span shows: the content between the first fence and the same fence again. */
function spanContent(markdown: string): string | undefined {
  const m = /(`+)( ?)([\s\S]*?)\2\1(?!`)/.exec(markdown);
  return m?.[3];
}

function hoverAt(text: string, marker: string): string {
  const document = TextDocument.create('file:///h.mobileconfig', 'mobileconfig', 1, text);
  const hover = service.getHover(service.parseDocument(document), document.positionAt(text.indexOf(marker) + 1));
  const c = hover?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

describe('hostile: hover Markdown', () => {
  const evil = 'x` [click](https://evil.example) <img src=x onerror=alert(1)> `y';

  it('keeps a PayloadType value with backticks inside one code span', () => {
    const text = `<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string><key>PayloadContent</key><array><dict><key>PayloadType</key><string>${evil.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</string></dict></array></dict></plist>`;
    const md = hoverAt(text, '<string>x`');
    assert.ok(md.length > 0, 'a hover is shown');
    assert.equal(spanContent(md.split('\n')[0].replace(/^\*\*[^*]*\*\* /, '')), evil);
  });

  it('keeps a VPNSubType value with backticks inside one code span', () => {
    const text = `<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.vpn.managed</string><key>VPNSubType</key><string>a\`\`b</string></dict></array></dict></plist>`;
    const md = hoverAt(text, '<string>a``');
    assert.equal(spanContent(md.split('\n')[0].replace(/^\*\*VPNSubType\*\* /, '')), 'a``b');
  });

  it('codeSpan and escapeMarkdown leave no markup to interpret', () => {
    assert.equal(spanContent(codeSpan('a`b')), 'a`b');
    assert.equal(spanContent(codeSpan('`')), '`');
    assert.equal(escapeMarkdown('[a](b)*c*'), '\\[a\\]\\(b\\)\\*c\\*');
    // The naive form this replaces lets the value close the span.
    assert.notEqual(spanContent('`' + 'a`b' + '`'), 'a`b');
  });
});
