/**
 * The preview's HTML renderer in plain node: badges per VPN payload, a strict CSP with the nonce, and every
 * profile value escaped, so a hostile PayloadDisplayName shows as text and never as markup.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, resolveSettings } from '../../../server/src/service';
import { summarizeProfile } from '../../../server/src/service/features/summary';
import { escapeHtml, formatMessage, renderPreview } from '../../../client/src/preview/render';

const root = path.resolve(__dirname, '../../..');
const service = createLanguageService();
const options = { nonce: 'TESTNONCE', cspSource: 'vscode-webview://x', styleUri: 'style.css', scriptUri: 'preview.js', t: formatMessage, fileName: 'p.mobileconfig' };

function render(text: string): string {
  const settings = resolveSettings();
  const document = TextDocument.create('file:///p.mobileconfig', 'mobileconfig', 1, text);
  const parsed = service.parseDocument(document, settings);
  return renderPreview(summarizeProfile(document, service.parseDocument(document, settings).model, service.validate(parsed, settings)), options);
}

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('preview renderer', () => {
  it('shows a legacy and a new badge for a both-payload profile', () => {
    const html = render(fs.readFileSync(path.join(root, 'examples/anyconnect-both.mobileconfig'), 'utf8'));
    const cardBadges = [...html.matchAll(/<article class="card[^"]*"[^>]*>.*?<\/article>/gs)].flatMap((m) => [...m[0].matchAll(/data-app="(\w+)"/g)].map((b) => b[1]));
    assert.deepEqual(cardBadges, ['legacy', 'new']);
    assert.match(html, /Example VPN User \(in this profile\)/);
  });

  it('allows only the nonce\'d script and the webview\'s own files', () => {
    const html = render(fs.readFileSync(path.join(root, 'examples/anyconnect-new.mobileconfig'), 'utf8'));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, "default-src &#39;none&#39;; style-src vscode-webview://x; script-src &#39;nonce-TESTNONCE&#39;; img-src vscode-webview://x; base-uri &#39;none&#39;; form-action &#39;none&#39;");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, ['<script nonce="TESTNONCE" src="preview.js">']);
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handler');
    assert.doesNotMatch(html, /https?:\/\/(?!www\.apple\.com)/, 'no remote content');
  });

  it('renders a hostile PayloadDisplayName literally', () => {
    const source = fs.readFileSync(path.join(root, 'examples/anyconnect-both.mobileconfig'), 'utf8')
      .replace('<string>Example Remote Access (both apps)</string>', '<string>&lt;img src=x onerror=alert(1)&gt;</string>')
      .replace('<string>Cisco AnyConnect VPN</string>', '<string>"><script>alert(2)</script></string>'.replace('<script>', '&lt;script&gt;').replace('</script>', '&lt;/script&gt;'))
      .replace('<string>Employees</string>', '<string>\' onmouseover=\'alert(3)</string>');
    const html = render(source);
    assert.ok(!html.includes(HOSTILE));
    assert.ok(!html.includes('<script>alert(2)'));
    assert.equal((html.match(/<img/g) ?? []).length, 0);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<h1>${escapeHtml(HOSTILE)}</h1>`));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
    assert.doesNotMatch(html, /'\s*onmouseover=/);
  });

  it('lists problems with their lines for click-to-reveal', () => {
    const html = render(fs.readFileSync(path.join(root, 'test/integration/workspace/broken-export.mobileconfig'), 'utf8'));
    assert.match(html, /<li class="problem problem-error"><span class="severity">error<\/span> <a href="#" class="reveal" data-line="63" data-character="\d+">Line 64<\/a>/);
  });

  it('escapes every character that could open markup or an attribute', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&\``), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#96;');
    assert.equal(escapeHtml(undefined), '');
  });
});
