/**
 * The certificate report: UTF-8 (with BOM) and Shift_JIS CSVs decode alike; rows split into "no profile"
 * (migration path B) and per applied profile; cells are escaped in the Markdown output.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeMarkdown, parseCertificateReport, profileNameOf, renderReportMarkdown } from '../../../client/src/report/certificateReport';
import { formatMessage } from '../../../client/src/preview/render';

const dir = path.resolve(__dirname, '../../integration/workspace');

describe('certificate report', () => {
  for (const [file, encoding] of [['certificates-utf8.csv', 'utf-8'], ['certificates-sjis.csv', 'shift_jis']] as const) {
    it(`reads ${file} as ${encoding}`, () => {
      const report = parseCertificateReport(fs.readFileSync(path.join(dir, file)));
      assert.equal(report.encoding, encoding);
      assert.deepEqual(report.columns, ['シリアル番号', 'Common Name', '構成プロファイル名', '状態', '備考']);
      assert.equal(report.profileColumn, 2);
      assert.deepEqual(report.unapplied.map((r) => r[1]), ['user01']);
      assert.deepEqual([...report.byProfile.keys()], ['Integration Both Apps', 'AC_OLD', 'Example Remote Access']);
      assert.deepEqual(report.byProfile.get('Integration Both Apps')!.map((r) => r[4]), ['', 'カンマ, 入り']);
    });
  }

  it('refuses a CSV without the profile-name column', () => {
    assert.throws(() => parseCertificateReport(Buffer.from('a,b\n1,2\n')), /構成プロファイル名/);
  });

  it('reads the profile name forms of the guide', () => {
    assert.equal(profileNameOf('Profile...AC_NEW'), 'AC_NEW');
    assert.equal(profileNameOf('Profile...{AC NEW}'), 'AC NEW');
    assert.equal(profileNameOf('RA operated by KDDI Corporation'), undefined);
    assert.equal(profileNameOf('Profile...'), undefined);
  });

  it('renders Markdown with workspace matches and escaped cells', () => {
    const report = parseCertificateReport(fs.readFileSync(path.join(dir, 'certificates-sjis.csv')));
    const md = renderReportMarkdown(report, new Map([['Integration Both Apps', [{ file: 'both-apps.mobileconfig', servesNew: true, servesLegacy: true }]]]), 'certs.csv', formatMessage);
    assert.match(md, /## No profile applied \(1\): migration path B/);
    assert.match(md, /both\\-apps\\\.mobileconfig: serves Cisco AnyConnect and Cisco Legacy AnyConnect/);
    assert.match(md, /## Profile "AC\\_OLD" \(1\)\n\nNo workspace profile has this name\\\./);
    assert.match(md, /カンマ, 入り/);
    assert.equal(escapeMarkdown('a|b<img>\nc'), 'a\\|b\\<img\\> c');
  });
});
