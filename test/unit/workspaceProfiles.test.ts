import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validate } from '../../server/src/service';
import { WorkspaceProfiles } from '../../server/src/workspaceProfiles';

const profile = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>PayloadDisplayName</key><string>${name}</string><key>PayloadType</key><string>Configuration</string></dict></plist>
`;

describe('workspace profile index (portal names)', () => {
  let dir: string;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const names = async (index: WorkspaceProfiles, self: string, open: TextDocument[] = []) =>
    (await index.forDocument(uri(self), open)).workspaceProfileNames.map((n) => `${n.path}=${n.name}`).sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-index-'));
    write('a.mobileconfig', profile('A'));
    write('本社 VPN/b.mobileconfig', profile('B'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows creation, change, deletion and rename without a rescan, with decoded relative paths', async () => {
    const index = new WorkspaceProfiles([pathToFileURL(dir).toString()], () => {});
    assert.deepEqual(await names(index, 'a.mobileconfig'), ['本社 VPN/b.mobileconfig=B']);
    write('c.mobileconfig', profile('C'));
    write('本社 VPN/b.mobileconfig', profile('B2'));
    await index.update([{ uri: uri('c.mobileconfig'), type: 1 }, { uri: uri('本社 VPN/b.mobileconfig'), type: 2 }]);
    assert.deepEqual(await names(index, 'a.mobileconfig'), ['c.mobileconfig=C', '本社 VPN/b.mobileconfig=B2']);
    fs.renameSync(path.join(dir, 'c.mobileconfig'), path.join(dir, 'd.mobileconfig'));
    await index.update([{ uri: uri('c.mobileconfig'), type: 3 }, { uri: uri('d.mobileconfig'), type: 1 }]);
    assert.deepEqual(await names(index, 'a.mobileconfig'), ['d.mobileconfig=C', '本社 VPN/b.mobileconfig=B2']);
    // A folder deleted (or moved away) takes its profiles along; one moved in brings them.
    fs.renameSync(path.join(dir, '本社 VPN'), path.join(dir, 'moved'));
    await index.update([{ uri: uri('本社 VPN'), type: 3 }, { uri: uri('moved'), type: 1 }]);
    assert.deepEqual(await names(index, 'a.mobileconfig'), ['d.mobileconfig=C', 'moved/b.mobileconfig=B2']);
    // Files written without an event are not seen: the index is not rebuilt per call.
    write('e.mobileconfig', profile('E'));
    assert.ok(!(await names(index, 'a.mobileconfig')).includes('e.mobileconfig=E'));
  });

  it('shows the portal-name clash with the decoded workspace-relative path', async () => {
    write('本社 VPN/dup.mobileconfig', profile('A'));
    const index = new WorkspaceProfiles([pathToFileURL(dir).toString()], () => {});
    const portal = await index.forDocument(uri('a.mobileconfig'), []);
    const [d] = validate(profile('A'), { mode: 'portal', ...portal }).filter((x) => x.code === 'portal-profile-name');
    assert.match(String(d.message), /is also used by 本社 VPN\/dup\.mobileconfig:/);
  });

  it('never counts an export copy or the embedded view of a signed file against its source', async () => {
    write('export/A.mobileconfig', profile('A'));
    const index = new WorkspaceProfiles([pathToFileURL(dir).toString()], () => {});
    const exportCopy = TextDocument.create(uri('export/A.mobileconfig'), 'mobileconfig', 1, profile('A'));
    assert.deepEqual(await names(index, 'a.mobileconfig', [exportCopy]), ['本社 VPN/b.mobileconfig=B']);
    // Validating the copy itself: its source folder's profiles are where its own name comes from.
    assert.deepEqual(await names(index, 'export/A.mobileconfig'), ['本社 VPN/b.mobileconfig=B']);
    const signedView = TextDocument.create(uri('a.mobileconfig').replace(/^file:/, 'mobileconfig-signed:'), 'mobileconfig', 1, profile('A'));
    assert.deepEqual(await names(index, 'a.mobileconfig', [signedView]), ['本社 VPN/b.mobileconfig=B']);
    // The view as the client names it: its own file name, the signed file's path in the query.
    const named = `mobileconfig-signed:${encodeURI(path.join(dir, 'a (埋め込み plist).mobileconfig'))}?${encodeURIComponent(path.join(dir, 'a.mobileconfig'))}`;
    const namedView = TextDocument.create(named, 'mobileconfig', 1, profile('A'));
    assert.deepEqual(await names(index, 'a.mobileconfig', [namedView]), ['本社 VPN/b.mobileconfig=B']);
  });

  it('says what it did not read: the file limit, symbolic links and oversized profiles', async () => {
    fs.symlinkSync(path.join(dir, 'a.mobileconfig'), path.join(dir, 'link.mobileconfig'));
    write('big.mobileconfig', profile('Big') + ' '.repeat(2048));
    for (let i = 0; i < 4; i++) write(`many/${i}.mobileconfig`, profile(`M${i}`));
    const small = new WorkspaceProfiles([pathToFileURL(dir).toString()], () => {}, { maxFiles: 100, maxFileSize: 1024 });
    const gaps = (await small.forDocument(uri('a.mobileconfig'), [])).workspaceScanGaps;
    assert.deepEqual(gaps.skipped.map((s) => `${s.path}:${s.reason}`).sort(), ['big.mobileconfig:too-large', 'link.mobileconfig:symlink']);
    assert.equal(gaps.limit, undefined);
    const warnings: string[] = [];
    const limited = new WorkspaceProfiles([pathToFileURL(dir).toString()], (m) => warnings.push(m), { maxFiles: 3, maxFileSize: 1024 });
    const stopped = await limited.forDocument(uri('zzz.mobileconfig'), []);
    assert.equal(stopped.workspaceScanGaps.limit, 3);
    assert.equal(warnings.length, 1);
    // The portal-name check does not pass silently: a unique name gets a warning naming the limit.
    const d = validate(profile('Unique'), { mode: 'portal', ...stopped }).filter((x) => x.code === 'portal-profile-name');
    assert.equal(d.length >= 1, true);
    assert.ok(d.every((x) => x.severity === 2), 'warnings, not errors');
    assert.ok(d.some((x) => /first 3 profiles/.test(String(x.message))), d.map((x) => x.message).join(' | '));
    const ja = validate(profile('Unique'), { mode: 'portal', locale: 'ja', ...(await small.forDocument(uri('a.mobileconfig'), [])) });
    assert.ok(ja.some((x) => x.code === 'portal-profile-name' && /link\.mobileconfig \(シンボリックリンク\)/.test(String(x.message))));
  });

  it('reads each open document\'s name once per version, from the cached model when the caller has it', async () => {
    const index = new WorkspaceProfiles([pathToFileURL(dir).toString()], () => {});
    let reads = 0;
    const open = [1, 2, 3, 4, 5].map((n) => {
      const doc = TextDocument.create(uri(`open${n}.mobileconfig`), 'mobileconfig', 1, profile(`Open ${n}`));
      const getText = doc.getText.bind(doc);
      return Object.assign(Object.create(doc), { getText: () => { reads++; return getText(); } }) as TextDocument;
    });
    // As in portal mode: every keystroke in one document asks for the names of all the others.
    for (let k = 0; k < 10; k++) await index.forDocument(uri('a.mobileconfig'), open);
    assert.equal(reads, 5, 'each open document was parsed once, not once per validation');
    let asked = 0;
    const fresh = TextDocument.create(uri('open6.mobileconfig'), 'mobileconfig', 1, profile('Six'));
    const result = await index.forDocument(uri('a.mobileconfig'), [fresh], () => { asked++; return { name: 'From the model' }; });
    assert.equal(asked, 1);
    assert.ok(result.workspaceProfileNames.some((n) => n.name === 'From the model'));
  });
});
