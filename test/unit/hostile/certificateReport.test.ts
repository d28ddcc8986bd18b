/**
 * The certificate report's reader on hostile files (issue 14): a huge file is refused before it is decoded,
 * stray quotes on every line cost one line each and stay linear, and binary garbage gives a report error,
 * never a crash. The page's escaping and the revoke list's formula guard are in test/unit/client.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { checkReportSize, MAX_REPORT_BYTES, parseCertificateReport, ReportReadError } from '../../../client/src/report/certificateReport';

const HEADER = 'AuthID,Common Name,構成プロファイル名\n';

describe('hostile inputs: certificate report', () => {
  it('refuses a 50 MB file by its size alone', () => {
    assert.throws(() => checkReportSize(50 * 1024 * 1024), (e: unknown) => e instanceof ReportReadError && e.detail.code === 'too-large');
    assert.ok(MAX_REPORT_BYTES < 50 * 1024 * 1024);
  });

  it('reads 10 MB with a stray quote on every other line in linear time, naming each bad line', () => {
    const pair = '1,"open,Profile...X\n2,ok,Profile...Y\n';
    const text = HEADER + pair.repeat(Math.floor(10e6 / pair.length));
    const started = Date.now();
    const report = parseCertificateReport(Buffer.from(text));
    const ms = Date.now() - started;
    assert.equal(report.rows.length, report.badLines.length);
    assert.equal(report.badLines[0].line, 2);
    assert.equal(report.rows[0].line, 3);
    assert.ok(ms < 5000, `${ms} ms`);
  });

  it('gives a report error, never a crash, for binary garbage', () => {
    for (let i = 0; i < 20; i++) {
      const bytes = randomBytes(4096);
      try {
        parseCertificateReport(bytes);
      } catch (error) {
        assert.ok(error instanceof ReportReadError, String(error));
      }
    }
  });
});
