// The migration's asserted UI checks (issue 13 items 6 and 8): the new-profile wizard from its first step to a
// saved and exported file, and the certificate report's migration-status view, each in English and, on a
// workbench started with the Japanese language-pack stub, in Japanese. Every text the checks look for comes from
// the extension's own string tables, so a missing translation fails the Japanese pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertRows, clickRow, QUICK_INPUT, QUICK_ROWS, quickRows, runCommand, SETTLE_MS, TOAST, waitForEditorText,
} from './uiCheck.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** The extension's text for `en` in `lang`: l10n bundle for client strings, package.nls for contributions. */
export function translator(lang) {
  if (lang !== 'ja') return { t: (s) => s, command: (key) => `Mobileconfig: ${readJson('package.nls.json')[key]}` };
  const bundle = readJson('l10n/bundle.l10n.ja.json');
  const nls = readJson('package.nls.ja.json');
  const t = (s) => {
    if (!(s in bundle)) throw new Error(`no Japanese entry for ${JSON.stringify(s)}`);
    return bundle[s];
  };
  return { t, command: (key) => `Mobileconfig: ${nls[key]}` };
}

/** Kana or kanji: a Japanese UI string has some, an untranslated English one none. */
const isJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

/** Throws unless every text of `texts` is Japanese (what the extension shows under a Japanese UI). */
function assertJapanese(texts, what) {
  const english = texts.filter((x) => x.trim() && !isJapanese(x));
  if (english.length > 0) throw new Error(`${what}: not Japanese: ${JSON.stringify(english)}`);
}

/** Waits for the quick input titled with step `n` of the wizard. */
async function waitStep(page, t, n) {
  const title = t('New AnyConnect profile ({0}/{1})').replace('{0}', String(n)).replace('{1}', '6');
  const locator = page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title });
  await locator.waitFor({ timeout: 15_000 });
  return locator.innerText();
}

/**
 * The wizard end to end: a Japanese profile name, every step answered, the removal-password step saying it
 * works only on supervised devices, the save dialog proposing `<name>.mobileconfig` in the workspace, the saved
 * file opened with an identifier that keeps the names apart; then (portal certificate) the export of that file,
 * or (certificate placeholder) the empty PKCS#12 flagged in Problems.
 */
export async function checkNewProfile(page, { shoot, workspace, lang = 'en' }) {
  const { t, command } = translator(lang);
  const ja = lang === 'ja';
  const name = ja ? '大阪支社 VPN 2025' : '東京本社 VPN 2025';
  const titles = [];
  await runCommand(page, command('command.newAnyConnectProfile'));
  const input = page.locator(`${QUICK_INPUT} input`);
  titles.push(await waitStep(page, t, 1));
  await input.fill(name);
  await input.press('Enter');
  titles.push(await waitStep(page, t, 2));
  const targets = await quickRows(page);
  assertRows(targets, [t('Cisco AnyConnect'), t('recommended'), t('Cisco Legacy AnyConnect'), t('not recommended')], 'target app step');
  if (targets.length !== 3) throw new Error(`target app step lists ${targets.length} choices: ${JSON.stringify(targets)}`);
  if (!ja) await shoot('new-profile');
  await clickRow(page, t('recommended'));
  titles.push(await waitStep(page, t, 3));
  await input.fill('vpn.example.co.jp');
  await input.press('Enter');
  titles.push(await waitStep(page, t, 4));
  await clickRow(page, ja ? t('Certificate payload placeholder') : t('Certificate injected by the portal'));
  titles.push(await waitStep(page, t, 5));
  const removal = await quickRows(page);
  assertRows(removal, [t('supervised devices only'), t('Unsupervised devices remove the profile without it.')], 'removal step');
  if (ja) assertJapanese(removal, 'removal step');
  await shoot(ja ? 'ui/ja-new-profile-removal' : 'ui/new-profile-removal');
  await clickRow(page, t('Set a removal password'));
  await page.locator(`${QUICK_INPUT} input[type="password"]`).waitFor({ timeout: 10_000 });
  await input.fill('remove-me');
  await input.press('Enter');
  titles.push(await waitStep(page, t, 6));
  await clickRow(page, t('No proxy'));

  // code-server's save dialog is the workbench's own path input, filled with the proposed file.
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: t('Save the new profile') }).waitFor({ timeout: 15_000 });
  const fileName = `${name}.mobileconfig`;
  await page.waitForFunction(({ sel, end }) => document.querySelector(sel)?.value.endsWith(end), { sel: `${QUICK_INPUT} input`, end: `/${fileName}` }, { timeout: 10_000 });
  const proposed = await input.inputValue();
  if (proposed !== `${workspace}/${fileName}`) throw new Error(`the save dialog proposes ${JSON.stringify(proposed)}`);
  // The workbench's own dialog labels its button OK whatever saveLabel says; Enter accepts the path.
  await input.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).first().waitFor({ timeout: 15_000 });
  const text = await waitForEditorText(page, '.vpn-2025-');
  if (!fs.existsSync(path.join(workspace, fileName))) throw new Error(`${fileName} was not written to the workspace`);
  if (await page.locator('.tabs-container .tab.active.dirty').count() > 0) throw new Error('the saved profile is dirty');
  if (ja) {
    assertJapanese(titles, 'wizard step titles');
    if (!text.includes('VPN 用 ID 証明書')) throw new Error(`the profile's text is not Japanese: ${JSON.stringify(text.slice(0, 400))}`);
    // The stub language pack translates nothing of the workbench itself: its own commands keep English titles.
    await runCommand(page, 'Problems: Focus on Problems View');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'payload-certificate-empty' }).first();
    await row.waitFor({ timeout: 60_000 });
    const message = await row.innerText();
    if (!message.includes('PayloadContent が空です')) throw new Error(`the empty PKCS#12 problem is not in Japanese: ${JSON.stringify(message)}`);
    await page.waitForTimeout(SETTLE_MS);
    await shoot('ui/ja-new-profile-saved');
    return `the Japanese wizard saves "${fileName}" with Japanese text, and Problems flags its empty PKCS#12 in Japanese`;
  }
  // The portal-certificate choice explains portal mode and offers to open the setting (it changes nothing itself).
  await page.locator(TOAST, { hasText: t('Open the mode setting') }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(SETTLE_MS);
  await shoot('ui/new-profile-saved');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, command('command.exportForPortal'));
  const done = page.locator(TOAST, { hasText: 'Exported' }).first();
  await done.waitFor({ timeout: 30_000 });
  const toast = await done.innerText();
  if (!toast.includes(`export/${fileName}`)) throw new Error(`the export notification does not name export/${fileName}: ${JSON.stringify(toast)}`);
  if (!fs.existsSync(path.join(workspace, 'export', fileName))) throw new Error(`export/${fileName} was not written`);
  await page.waitForTimeout(SETTLE_MS);
  await shoot('ui/new-profile-exported');
  return `the wizard saves "${fileName}" (identifier ${/jp\.co\.example\.vpn\.vpn-2025-[0-9a-f]{8}/.exec(text)?.[0]}), says the removal password needs supervision, and the file exports`;
}

/** Opens the report command's file dialog and analyses `csv` (a path in the workspace). */
async function analyze(page, command, t, csv) {
  await runCommand(page, command('command.analyzeCertificateReport'));
  const input = page.locator(`${QUICK_INPUT} input`);
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: t('Certificate report (CSV) from the portal') }).waitFor({ timeout: 15_000 });
  // The dialog sets its input to the folder once it has listed it; a path typed before that is overwritten.
  await page.locator(QUICK_ROWS, { hasText: path.basename(csv) }).first().waitFor({ timeout: 15_000 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.value.endsWith('/'), `${QUICK_INPUT} input`, { timeout: 10_000 });
  await input.fill(csv);
  await page.waitForTimeout(300);
  if (await input.inputValue() !== csv) throw new Error(`the file dialog replaced the typed path with ${JSON.stringify(await input.inputValue())}`);
  await page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: t('Analyze') }).first().click();
}

/** The report's webview: the workbench hosts it in an iframe whose inner #active-frame holds the page. */
const reportFrame = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/**
 * The certificate report on a migration CSV: per-device status (one certificate to revoke, two devices with
 * several certificates, two without a profile, one legacy-only, the stray-quote line named), headers on one line,
 * a link that opens the workspace profile, the revoke list saved as CSV, closing without a save prompt, and a
 * second run that shows only its own file.
 */
export async function checkReport(page, { shoot, workspace, lang = 'en' }) {
  const { t, command } = translator(lang);
  const ja = lang === 'ja';
  const count = (s, n) => t(s).replace('{0}', String(n));
  await analyze(page, command, t, `${workspace}/certificates-migration.csv`);
  const view = reportFrame(page);
  await view.locator('h2', { hasText: count('Certificates to revoke ({0})', 1) }).first().waitFor({ timeout: 30_000 });
  for (const [heading, n] of [['Devices holding several certificates ({0})', 2], ['No profile applied ({0}): migration path B', 2], ['Profile serves only Cisco Legacy AnyConnect ({0})', 1]]) {
    await view.locator('h2', { hasText: count(heading, n) }).first().waitFor({ timeout: 5_000 });
  }
  await view.locator('#revoke td', { hasText: 'tanaka-old' }).first().waitFor({ timeout: 5_000 });
  const bad = await view.locator('.bad-lines').first().innerText();
  if (!bad.includes('8')) throw new Error(`the malformed line 8 is not named: ${JSON.stringify(bad)}`);
  const monthEnd = await view.locator('.month-end').first().innerText();
  if (!/\d+/.test(monthEnd)) throw new Error(`no days left until month-end: ${JSON.stringify(monthEnd)}`);
  // No header wraps: each is one line high (the cells scroll sideways instead).
  const tall = await view.locator('th').evaluateAll((ths) => ths.filter((th) => th.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(th).lineHeight || '16')).map((th) => th.textContent));
  if (tall.length > 0) throw new Error(`headers wrap: ${JSON.stringify(tall)}`);
  if (ja) {
    const shown = await view.locator('h1, h2, p, button, th').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    // Column names and values come from the CSV itself; everything the extension wrote is Japanese.
    const csvColumns = ['AuthID種別', 'AuthID', 'Common Name', '構成プロファイル名', '状態', '発行日'];
    assertJapanese(shown.filter((x) => !csvColumns.includes(x.trim()) && x.trim() !== 'Cisco AnyConnect'), 'report page');
  }
  await page.waitForTimeout(SETTLE_MS);
  await shoot(ja ? 'ui/ja-report' : 'ui/report');
  if (!ja) await shoot('report');

  // A file link opens the workspace profile beside the report.
  await view.locator('a.open', { hasText: 'both-apps.mobileconfig' }).first().click();
  await page.locator('.tabs-container .tab[aria-label*="both-apps.mobileconfig"]').first().waitFor({ timeout: 15_000 });

  // The revoke list: a save dialog proposing `<report>-revoke.csv` beside the report.
  await view.locator('#save-revoke').first().click();
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: t('Save the revoke list') }).waitFor({ timeout: 15_000 });
  const revokeFile = `${workspace}/certificates-migration-revoke.csv`;
  await page.waitForFunction(({ sel, end }) => document.querySelector(sel)?.value === end, { sel: `${QUICK_INPUT} input`, end: revokeFile }, { timeout: 10_000 });
  await page.locator(`${QUICK_INPUT} input`).press('Enter');
  await page.locator(TOAST, { hasText: t('Revoke list saved: {0}').replace('{0}', '') }).first().waitFor({ timeout: 15_000 });
  const revoke = fs.readFileSync(revokeFile, 'utf8');
  if (revoke.split('\r\n').filter(Boolean).length !== 2 || !revoke.includes('tanaka-old')) throw new Error(`revoke list: ${JSON.stringify(revoke)}`);
  await page.waitForTimeout(SETTLE_MS);
  if (!ja) await shoot('ui/report-revoke-saved');

  // A second run replaces the first: one report tab, showing only the second file.
  await analyze(page, command, t, `${workspace}/certificates-utf8.csv`);
  await view.locator('h1', { hasText: 'certificates-utf8.csv' }).first().waitFor({ timeout: 30_000 });
  if (await view.locator('td', { hasText: 'tanaka' }).count() > 0) throw new Error('the second run shows the first run\'s rows');
  const reportTabs = await page.locator('.tabs-container .tab', { hasText: t('Certificate report: {0}').replace('{0}', '') }).count();
  if (reportTabs !== 1) throw new Error(`${reportTabs} report tabs after the second run`);
  await page.waitForTimeout(SETTLE_MS);
  if (!ja) await shoot('ui/report-second-run');

  // Closing asks nothing: the report is a view, not a document to save.
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(500);
  if (await page.locator('.monaco-dialog-box').isVisible().catch(() => false)) throw new Error('closing the report asked something');
  return `the report shows the per-device migration status${ja ? ' in Japanese' : ''}, links the profiles, saves the revoke list, and a second run replaces it`;
}

/** The checks run on the Japanese workbench (the language-pack stub), with their screenshots. */
export const japaneseChecks = [
  { name: 'ja-new-profile', shots: ['ui/ja-new-profile-removal', 'ui/ja-new-profile-saved'], title: 'Japanese UI: the wizard', run: (page, o) => checkNewProfile(page, { ...o, lang: 'ja' }) },
  { name: 'ja-report', shots: ['ui/ja-report'], title: 'Japanese UI: the certificate report', run: (page, o) => checkReport(page, { ...o, lang: 'ja' }) },
];
