/**
 * The certificate report: UTF-8 (with BOM), Shift_JIS and UTF-16 (LE and BE, with a BOM) decode alike; the size
 * is bounded; a malformed line is skipped and named while the rest is read; the migration status per device;
 * the revoke list CSV; the webview page escapes every value and wraps no header.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import {
  checkReportSize, MAX_REPORT_BYTES, parseCertificateReport, parseCsv, profileNameOf, ReportReadError,
} from '../../../client/src/report/certificateReport';
import { analyzeMigration, DEFAULT_COLUMNS, monthEnd, revokeListCsv, WorkspaceMatch } from '../../../client/src/report/migrationStatus';
import { renderReport } from '../../../client/src/report/renderReport';
import { formatMessage } from '../../../client/src/preview/render';

const dir = path.resolve(__dirname, '../../integration/workspace');
const utf8Csv = fs.readFileSync(path.join(dir, 'certificates-utf8.csv'), 'utf8').replace(/^\uFEFF/, '');

const match = (file: string, servesNew: boolean, servesLegacy: boolean): WorkspaceMatch => ({ file, uri: `file:///ws/${file}`, servesNew, servesLegacy });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ReportReadError ? error.detail.code : `other: ${String(error)}`;
  }
  return 'no error';
};

describe('certificate report', () => {
  const encodings: [string, Buffer][] = [
    ['utf-8', fs.readFileSync(path.join(dir, 'certificates-utf8.csv'))],
    ['shift_jis', fs.readFileSync(path.join(dir, 'certificates-sjis.csv'))],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(utf8Csv, 'utf-16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(utf8Csv, 'utf-16be')])],
    ['utf-16le', iconv.encode(utf8Csv, 'utf-16le')],
  ];
  for (const [encoding, bytes] of encodings) {
    it(`reads the report as ${encoding}${bytes[0] === 0xff || bytes[0] === 0xfe ? ' (BOM)' : bytes[1] === 0 ? ' (no BOM)' : ''}`, () => {
      const report = parseCertificateReport(bytes);
      assert.equal(report.encoding, encoding);
      assert.deepEqual(report.columns, ['シリアル番号', 'Common Name', '構成プロファイル名', '状態', '備考']);
      assert.equal(report.profileColumn, 2);
      assert.deepEqual(report.rows.map((r) => r.line), [2, 3, 4, 5, 6]);
      assert.deepEqual(report.rows.map((r) => r.cells[4]), ['旧端末', '', 'カンマ, 入り', '', '']);
      assert.deepEqual(report.badLines, []);
    });
  }

  it('refuses a CSV without the profile-name column, and an empty one', () => {
    assert.equal(code(() => parseCertificateReport(Buffer.from('a,b\n1,2\n'))), 'no-profile-column');
    assert.equal(code(() => parseCertificateReport(Buffer.from(''))), 'empty');
  });

  it('bounds the size before reading', () => {
    assert.equal(code(() => checkReportSize(MAX_REPORT_BYTES + 1)), 'too-large');
    assert.equal(code(() => checkReportSize(MAX_REPORT_BYTES)), 'no error');
    assert.equal(code(() => parseCertificateReport(new Uint8Array(MAX_REPORT_BYTES + 1))), 'too-large');
  });

  it('skips a line with a stray quote, names it, and reads the rest', () => {
    const text = 'a,構成プロファイル名,c\n1,Profile...X,ok\n2,Profile..."Y,bad\n3,Profile...Z,ok\n"4,unclosed\n5,Profile...W,ok\n';
    const report = parseCertificateReport(Buffer.from(text));
    assert.deepEqual(report.badLines, [{ line: 3, reason: 'quote' }, { line: 5, reason: 'quote' }]);
    assert.deepEqual(report.rows.map((r) => [r.line, r.cells[0]]), [[2, '1'], [4, '3'], [6, '5']]);
  });

  it('keeps a quoted field over two lines when the record still has the header\'s width', () => {
    const { records, bad } = parseCsv('a,b,c\r\n1,"two\r\nlines",x\r\n2,"say ""hi""",y\r\n\r\n3,"stray,z\r\n4,ok,w');
    assert.deepEqual(records.map((r) => [r.line, ...r.cells]), [[1, 'a', 'b', 'c'], [2, '1', 'two\r\nlines', 'x'], [4, '2', 'say "hi"', 'y'], [7, '4', 'ok', 'w']]);
    assert.deepEqual(bad, [{ line: 6, reason: 'quote' }]);
  });

  it('reads the profile name forms of the guide', () => {
    assert.equal(profileNameOf('Profile...AC_NEW'), 'AC_NEW');
    assert.equal(profileNameOf('Profile...{AC NEW}'), 'AC NEW');
    assert.equal(profileNameOf('RA operated by KDDI Corporation'), undefined);
    assert.equal(profileNameOf('Profile...'), undefined);
  });

  it('reads a 10 MB report in well under two seconds', () => {
    const line = '000123,user-000123,Profile...Integration Both Apps,有効,"メモ, 付き"\n';
    const text = `シリアル番号,Common Name,構成プロファイル名,状態,備考\n${line.repeat(Math.ceil(10e6 / Buffer.byteLength(line)))}`;
    const started = Date.now();
    const report = parseCertificateReport(Buffer.from(text));
    const ms = Date.now() - started;
    assert.ok(report.rows.length > 100_000);
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

describe('migration status', () => {
  const csv = [
    'AuthID,Common Name,構成プロファイル名,状態',
    '351111,old-a,"RA operated by KDDI Corporation, Sub CA G3",有効', // device A: old, no profile
    '351111,new-a,Profile...AC_NEW,有効', // device A: new -> revoke old-a
    '352222,old-b,Profile...AC_OLD,有効', // device B: legacy-only profile, nothing new yet
    '353333,cn-c1,Profile...AC_NEW,有効', // device C: two new certificates: several, nothing to revoke
    '353333,cn-c2,Profile...AC_NEW,有効',
    '354444,old-d,Profile...AC_OLD,失効', // device D: the old one is already revoked
    '354444,new-d,Profile...AC_NEW,有効',
    ',orphan,"RA operated by KDDI Corporation",有効', // no device id: path B, but no device
  ].join('\n');
  const report = parseCertificateReport(Buffer.from(csv));
  const matches = new Map([['AC_NEW', [match('new.mobileconfig', true, false)]], ['AC_OLD', [match('old.mobileconfig', false, true)]]]);
  const status = analyzeMigration(report, matches, DEFAULT_COLUMNS, new Date(2026, 11, 2));

  it('groups certificates by the first device column the report has', () => {
    assert.equal(status.deviceColumn, 'AuthID');
    assert.deepEqual(status.devices.map((d) => [d.id, d.certificates.length]), [['351111', 2], ['352222', 1], ['353333', 2], ['354444', 2]]);
  });
  it('lists the old certificate of a device that also holds a new one, not an already revoked one', () => {
    assert.deepEqual(status.revoke.map((c) => c.commonName), ['old-a']);
  });
  it('flags devices holding several active certificates (new issuance, not overwrite)', () => {
    assert.deepEqual(status.devices.filter((d) => d.several).map((d) => d.id), ['351111', '353333']);
  });
  it('lists path-B and legacy-only certificates', () => {
    assert.deepEqual(status.pathB.map((c) => c.commonName), ['old-a', 'orphan']);
    assert.deepEqual(status.legacyOnly.map((c) => c.commonName), ['old-b']);
  });
  it('counts the days left until month-end', () => {
    assert.equal(status.daysToMonthEnd, 29);
    assert.deepEqual(monthEnd(new Date(2026, 11, 31)), { days: 0, date: '2026-12-31' });
    assert.deepEqual(monthEnd(new Date(2028, 1, 1)), { days: 28, date: '2028-02-29' });
  });
  it('falls back to Common Name, then to no grouping, by the configured columns', () => {
    const byCn = analyzeMigration(report, matches, { ...DEFAULT_COLUMNS, device: ['IMEI', 'common name'] }, new Date(2026, 0, 1));
    assert.equal(byCn.deviceColumn, 'Common Name');
    assert.equal(byCn.devices.length, 8);
    const none = analyzeMigration(report, matches, { ...DEFAULT_COLUMNS, device: ['端末'] }, new Date(2026, 0, 1));
    assert.equal(none.deviceColumn, undefined);
    assert.deepEqual(none.devices, []);
    assert.deepEqual(none.revoke, []);
  });
  it('writes the revoke list as CSV with a BOM, quoting and spreadsheet-formula guard', () => {
    const text = revokeListCsv(report, status, { device: 'AuthID', line: '行' });
    assert.equal(text, '\uFEFFAuthID,行,AuthID,Common Name,構成プロファイル名,状態\r\n351111,2,351111,old-a,"RA operated by KDDI Corporation, Sub CA G3",有効\r\n');
    const hostile = parseCertificateReport(Buffer.from('AuthID,Common Name,構成プロファイル名\n1,=cmd(),"RA operated by KDDI Corporation"\n1,n,Profile...AC_NEW\n'));
    const out = revokeListCsv(hostile, analyzeMigration(hostile, matches, DEFAULT_COLUMNS, new Date()), { device: 'd', line: 'l' });
    assert.match(out, /,'=cmd\(\),/);
  });
  it('renders the page with escaped values, file links and nowrap headers', () => {
    const hostile = parseCertificateReport(Buffer.from('AuthID,Common Name,構成プロファイル名\n1,<img src=x>,"RA operated by KDDI Corporation"\n1,n,Profile...AC_NEW\n'));
    const s = analyzeMigration(hostile, matches, DEFAULT_COLUMNS, new Date(2026, 11, 2));
    const html = renderReport(hostile, s, matches, { nonce: 'N', cspSource: 'vscode-resource:', styleUri: 's.css', scriptUri: 'r.js', source: 'r.csv', t: formatMessage });
    assert.ok(!html.includes('<img'), 'a cell is escaped');
    assert.match(html, /&#60;img src=x&#62;/);
    assert.match(html, /<a href="#" class="open" data-uri="file:\/\/\/ws\/new.mobileconfig">new.mobileconfig<\/a>/);
    assert.match(html, /Certificates to revoke \(1\)/);
    assert.match(html, /29 days left \(until 2026-12-31\)/);
    assert.match(html, /default-src &#39;none&#39;; style-src vscode-resource:; script-src &#39;nonce-N&#39;/);
    assert.doesNotMatch(html, /\\[-.]/, 'no Markdown escapes');
    assert.match(fs.readFileSync(path.resolve(__dirname, '../../../media/report.css'), 'utf8'), /th \{ white-space: nowrap;/);
    assert.match(html, /<td>\(no profile\)<\/td>/);
  });
  it('shows the Common Name column once when devices are grouped by it', () => {
    const s = analyzeMigration(report, matches, { ...DEFAULT_COLUMNS, device: ['Common Name'] }, new Date(2026, 0, 1));
    const html = renderReport(report, s, matches, { nonce: 'N', cspSource: 'c', styleUri: 's', scriptUri: 'r', source: 'r.csv', t: formatMessage });
    const pathB = /<section id="path-b">.*?<\/section>/s.exec(html)![0];
    assert.equal(pathB.match(/<th>Common Name<\/th>/g)?.length, 1);
  });
});
