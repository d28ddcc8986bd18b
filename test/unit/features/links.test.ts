import { resolveSettings } from '../../../server/src/service';
import * as assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/service/model';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePlist } from '../../../server/src/service';
import { getDocumentLinks } from '../../../server/src/service/features/links';
import { FIXTURES } from '../ruleHarness';

function links(text: string) {
  const document = TextDocument.create('file:///l.mobileconfig', 'mobileconfig', 1, text);
  return getDocumentLinks(document, buildModel(parsePlist(text), text, resolveSettings())).map((l) => ({ text: document.getText(l.range), target: l.target }));
}

describe('document links', () => {
  it('links every string value that is exactly an http(s) URL: PAC, probe, SCEP, web clip', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'features', 'links', 'urls.mobileconfig'), 'utf8');
    assert.deepEqual(links(text), [
      { text: 'http://proxy.example.com/proxy.pac', target: 'http://proxy.example.com/proxy.pac' },
      // The range is the text as written, trimmed; the target is the decoded URL.
      { text: 'https://probe.example.com/check?a=1&amp;b=2', target: 'https://probe.example.com/check?a=1&b=2' },
      { text: 'https://scep.example.com/certsrv/mscep/mscep.dll', target: 'https://scep.example.com/certsrv/mscep/mscep.dll' },
      { text: 'HTTPS://intranet.example.com/', target: 'HTTPS://intranet.example.com/' },
    ]);
  });

  it('links nothing in a file without a tree', () => {
    assert.deepEqual(links('bplist00'), []);
    assert.deepEqual(links(''), []);
  });
});
