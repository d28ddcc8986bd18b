// Asserted UI checks of the migration path's editing and export steps (issue 13, items 1-4 and 7): the
// alongside copy's names, a refused export's reasons, the live portal-name index, the signed file's embedded
// view, a legacy-only export. Each runs in English and again under a Japanese UI (`locale: 'ja'`), where
// every text the extension shows is looked up in its Japanese bundles, so English left over fails the check.
// Screenshots: test-results/ui/<name>.png and <name>-ja.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clickRow, QUICK_INPUT, QUICK_ROWS, quickOpen, runCommand, SETTLE_MS, TOAST, waitForEditorText, waitForSquiggle,
} from './uiCheck.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.ja.json'), 'utf8'));
const nls = { en: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')), ja: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ja.json'), 'utf8')) };

/** The extension's text for `key` (an l10n bundle key) in `locale`, with `{n}` filled from `args`. */
function t(locale, key, ...args) {
  const template = locale === 'ja' ? bundle[key] : key;
  if (template === undefined) throw new Error(`no Japanese text for ${JSON.stringify(key)}`);
  return template.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** The fixed part of a template before its first placeholder (what a toast's text can be matched on). */
function lead(locale, key) {
  return t(locale, key).split(/\{\d+\}/)[0].trim();
}

/** A contributed command's palette title. */
const command = (locale, id) => `Mobileconfig: ${nls[locale][`command.${id}`]}`;

/** Throws unless `text` contains each of `parts`. */
function assertIncludes(text, parts, what) {
  for (const part of parts) if (!text.includes(part)) throw new Error(`${what} lacks ${JSON.stringify(part)}: ${JSON.stringify(text)}`);
}

/** Under a Japanese UI, `text` must not carry the English template of `key` (an untranslated message). */
function assertNotEnglish(locale, text, keys, what) {
  if (locale !== 'ja') return;
  for (const key of keys) {
    const english = key.split(/\{\d+\}/).map((s) => s.trim()).filter((s) => s.length > 8);
    for (const piece of english) if (text.includes(piece)) throw new Error(`${what} shows English ${JSON.stringify(piece)}: ${JSON.stringify(text)}`);
  }
}

/** Waits for a toast containing `text`; answers the export's "Replace it?" modal with Replace on the way. */
async function exportToast(page, locale, text) {
  const toast = page.locator(TOAST, { hasText: text }).first();
  const replace = page.locator('.monaco-dialog-box', { hasText: lead(locale, '{0} already exists. Replace it?') || t(locale, 'Replace') });
  await Promise.race([toast.waitFor({ timeout: 30_000 }), replace.waitFor({ timeout: 30_000 })]);
  if (await replace.isVisible()) {
    await replace.locator('.monaco-button', { hasText: t(locale, 'Replace') }).first().click();
    await toast.waitFor({ timeout: 15_000 });
  }
  return toast;
}

async function outlineLabels(page) {
  await runCommand(page, 'Explorer: Focus on Outline View');
  await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: 30_000 });
  return page.locator('.outline-pane .monaco-list-row .label-name').allInnerTexts();
}

/**
 * Waits until the explorer lists `name` (a file or folder just written from outside), refreshing it once:
 * on a loaded machine the workbench's watcher can miss a file the checks write.
 */
async function waitListed(page, name) {
  // The exact name: "本社 VPN" must not match the wizard's "東京本社 VPN 2025.mobileconfig".
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  try {
    await row.waitFor({ timeout: 30_000 });
  } catch {
    // The explorer's own refresh button (in its title bar, shown on hover).
    await page.locator('.explorer-folders-view').hover().catch(() => {});
    await page.locator('.pane-header .codicon-explorer-refresh, .pane-header .codicon-refresh').first().click({ force: true, timeout: 5_000 }).catch(() => {});
    await row.waitFor({ timeout: 30_000 });
  }
  return row;
}

/** Opens a file the check just wrote, from its explorer row (Quick Open's file index can lag behind). */
async function openListed(page, name) {
  await (await waitListed(page, name)).click();
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
}

/** Item 1: the alongside copy of "Cisco Legacy AnyConnect VPN" is named "Cisco AnyConnect VPN", not the legacy name. */
async function checkMigrateNames(page, { shoot, workspace, locale }) {
  // One file per UI language, so a pass never sees what the other left behind.
  const name = `legacy-named-${locale}.mobileconfig`;
  fs.copyFileSync(path.join(root, 'examples/anyconnect-legacy.mobileconfig'), path.join(workspace, name));
  try {
    await openListed(page, name);
    await waitForSquiggle(page);
    await runCommand(page, command(locale, 'migrateAnyConnect'));
    await clickRow(page, t(locale, 'Add a Cisco AnyConnect payload alongside each legacy one'));
    const toast = page.locator(TOAST, { hasText: t(locale, 'AnyConnect migration:') }).first();
    await toast.waitFor({ timeout: 15_000 });
    let labels = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      labels = await outlineLabels(page);
      if (labels.includes('Cisco AnyConnect VPN')) break;
      await page.waitForTimeout(300);
    }
    const vpnLabels = labels.filter((l) => l.includes('VPN') && l !== labels[0]);
    if (!labels.includes('Cisco AnyConnect VPN') || !labels.includes('Cisco Legacy AnyConnect VPN')) {
      throw new Error(`the Outline does not tell the legacy payload and its copy apart: ${JSON.stringify(labels)}`);
    }
    if (new Set(vpnLabels).size !== vpnLabels.length) throw new Error(`duplicate payload names in the Outline: ${JSON.stringify(labels)}`);
    // The copy's UserDefinedName (what the device's VPN list shows) names the new app in the UI's language;
    // the find widget scrolls the editor to it.
    const copyName = locale === 'ja' ? 'Example VPN (Cisco AnyConnect 用)' : 'Example VPN (Cisco AnyConnect)';
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type(copyName);
    await page.keyboard.press('Enter');
    await waitForEditorText(page, `<string>${copyName}</string>`);
    await waitForEditorText(page, '<string>Cisco AnyConnect VPN</string>');
    const toastText = await toast.innerText();
    assertNotEnglish(locale, toastText, ['AnyConnect migration:', 'added alongside'], 'migration toast');
    await page.waitForTimeout(SETTLE_MS);
    await shoot('migrate-names');
  } finally {
    // Reverted even after a failure: a dirty editor would come back in every later page (hot exit).
    await page.keyboard.press('Escape');
    if (await page.locator('.tabs-container .tab.dirty', { hasText: name }).count()) {
      await page.locator('.tabs-container .tab', { hasText: name }).first().click().catch(() => {});
      await runCommand(page, 'File: Revert File').catch(() => {});
      await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    }
    await runCommand(page, 'View: Close All Editors').catch(() => {});
    fs.rmSync(path.join(workspace, name), { force: true });
  }
  return `alongside names the copy "Cisco AnyConnect VPN" next to "Cisco Legacy AnyConnect VPN" in the Outline (${locale})`;
}

/** Item 2: a refusal in standalone mode names the portal-mode problem, and "Show problems" lists and opens it. */
async function checkExportRefused(page, { shoot, workspace, locale }) {
  const folder = path.join(workspace, '本社 VPN');
  const name = 'portal clash.mobileconfig';
  fs.mkdirSync(folder, { recursive: true });
  // The same profile name as both-apps.mobileconfig: no error in standalone mode, refused for the portal.
  fs.copyFileSync(path.join(workspace, 'both-apps.mobileconfig'), path.join(folder, name));
  try {
    // Opened from the explorer: Quick Open's file index can lag behind a file written from outside.
    await (await waitListed(page, '本社 VPN')).click();
    await openListed(page, name);
    // It has no warning to wait for: the server's code lens ("Used by: …") says it has answered.
    await page.locator('.editor-group-container.active .codelens-decoration').first().waitFor({ timeout: 30_000 });
    await runCommand(page, command(locale, 'exportForPortal'));
    const toast = page.locator(TOAST, { hasText: lead(locale, 'Not exported: {0}: {1}') }).first();
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.innerText();
    assertIncludes(text, ['portal-profile-name', t(locale, 'line {0}, {1}: {2}', 127, 'portal-profile-name', '').trim(), 'both-apps.mobileconfig'], 'refusal toast');
    assertNotEnglish(locale, text, ['1 error in portal mode: {0}', 'Not exported: {0}: {1}', 'is also used by'], 'refusal toast');
    await page.waitForTimeout(SETTLE_MS);
    await shoot('export-refused');
    await toast.locator('.monaco-button', { hasText: t(locale, 'Show problems') }).first().click();
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: t(locale, 'Problems that block the export (portal mode)') }).waitFor({ timeout: 15_000 });
    const rows = await page.locator(QUICK_ROWS).allInnerTexts();
    if (rows.length !== 1) throw new Error(`the quick pick lists ${rows.length} problems: ${JSON.stringify(rows)}`);
    assertIncludes(rows[0], ['portal-profile-name', t(locale, '{0}, line {1}', `本社 VPN/${name}`, 127)], 'problem row');
    await page.waitForTimeout(300);
    await shoot('export-refused-problems');
    await clickRow(page, 'portal-profile-name');
    // The pick selects the problem's line in the source.
    await page.locator('.statusbar-item', { hasText: /Ln 127, Col \d+ \(\d+ selected\)/ }).first().waitFor({ timeout: 10_000 });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return `a refused export names portal-profile-name at line 127 and its quick pick opens that line (${locale})`;
}

const indexProfile = (name) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>PayloadContent</key>
    <array/>
    <key>PayloadDisplayName</key>
    <string>${name}</string>
    <key>PayloadIdentifier</key>
    <string>com.example.index.${Math.random().toString(36).slice(2, 8)}</string>
    <key>PayloadType</key>
    <string>Configuration</string>
    <key>PayloadUUID</key>
    <string>${crypto.randomUUID().toUpperCase()}</string>
    <key>PayloadVersion</key>
    <integer>1</integer>
</dict>
</plist>
`;

/** Item 3: in portal mode the name clash follows files created, renamed and deleted on disk, with decoded paths. */
async function checkPortalIndex(page, { shoot, workspace, locale }) {
  const settings = path.join(workspace, '.vscode/settings.json');
  const folder = path.join(workspace, '本社 VPN');
  const own = path.join(workspace, 'index-a.mobileconfig');
  const row = (text) => page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.writeFileSync(settings, JSON.stringify({ 'mobileconfig.mode': 'portal' }));
  fs.writeFileSync(own, indexProfile('Integration Index'));
  try {
    // A file written from outside reaches Quick Open's index through the file watcher, which can take a while.
    await openListed(page, 'index-a.mobileconfig');
    await runCommand(page, 'Problems: Focus on Problems View');
    await page.waitForTimeout(1500);
    if (await row('portal-profile-name').isVisible()) throw new Error('portal-profile-name before any clash');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'index b.mobileconfig'), indexProfile('Integration Index'));
    await row('本社 VPN/index b.mobileconfig').waitFor({ timeout: 30_000 });
    const text = await row('portal-profile-name').innerText();
    assertNotEnglish(locale, text, ['is also used by {1}: uploading replaces the registered profile of that name.'], 'portal-profile-name');
    if (/%[0-9A-F]{2}/i.test(text)) throw new Error(`percent-encoded path in ${JSON.stringify(text)}`);
    await page.waitForTimeout(500);
    await shoot('portal-index-clash');
    fs.renameSync(path.join(folder, 'index b.mobileconfig'), path.join(folder, 'index c.mobileconfig'));
    await row('本社 VPN/index c.mobileconfig').waitFor({ timeout: 30_000 });
    if (await row('index b.mobileconfig').isVisible()) throw new Error('the renamed file is still listed under its old name');
    fs.rmSync(folder, { recursive: true, force: true });
    await row('portal-profile-name').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForTimeout(500);
    await shoot('portal-index-deleted');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(own, { force: true });
    fs.rmSync(path.dirname(settings), { recursive: true, force: true });
  }
  return `portal mode: the name clash appears on create, follows a rename and goes on delete, path decoded (${locale})`;
}

/** Item 4: the embedded view has its own tab name, and exporting unsigned from its title bar works. */
async function checkSignedExport(page, { shoot, locale }) {
  await quickOpen(page, 'signed.mobileconfig');
  // The notice with its "Show embedded plist" button comes once per session (the signed check uses it):
  // here the view is opened from the command palette.
  await runCommand(page, command(locale, 'showSignedContent'));
  const viewName = `signed ${t(locale, '(embedded plist)')}.mobileconfig`;
  await page.locator('.tabs-container .tab.active', { hasText: viewName }).first().waitFor({ timeout: 15_000 });
  const tabs = await page.locator('.tabs-container .tab .label-name').allInnerTexts();
  if (new Set(tabs).size !== tabs.length) throw new Error(`two tabs share a name: ${JSON.stringify(tabs)}`);
  await waitForEditorText(page, '<plist');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator(`.editor-group-container.active .editor-actions [aria-label*="${nls[locale]['command.exportUnsigned']}"]`).first().click();
  const toast = await exportToast(page, locale, lead(locale, 'Exported {0} to {1}: {2}') || 'export/');
  const text = await toast.innerText();
  assertIncludes(text, ['export/Integration Signed.mobileconfig', t(locale, 'The signature was removed.')], 'export toast');
  assertNotEnglish(locale, text, ['Exported {0} to {1}: {2}', 'The signature was removed.'], 'export toast');
  await page.waitForTimeout(SETTLE_MS);
  await shoot('signed-export');
  return `the embedded view's tab is "${viewName}" and its title-bar export writes the unsigned file (${locale})`;
}

/** Item 7: a legacy-only export warns that Cisco AnyConnect users get no VPN, and offers the migration. */
async function checkLegacyOnlyExport(page, { shoot, locale }) {
  await quickOpen(page, 'legacy-only.mobileconfig');
  await waitForSquiggle(page);
  await runCommand(page, command(locale, 'exportForPortal'));
  const warning = t(locale, 'Its VPN payloads serve only Cisco Legacy AnyConnect: users of the Cisco AnyConnect app get no VPN from it.');
  const toast = await exportToast(page, locale, warning);
  await toast.locator('.monaco-button', { hasText: t(locale, 'Migrate AnyConnect payloads…') }).first().waitFor({ timeout: 5_000 });
  if (!(await toast.locator('.codicon-warning').count())) throw new Error('the legacy-only export is not a warning');
  await page.waitForTimeout(SETTLE_MS);
  await shoot('export-legacy-only');
  return `a legacy-only export warns and offers the migration (${locale})`;
}

/** The checks, in the order they run, for one UI language; run-integration.mjs runs them in English and Japanese. */
export function exportChecks(locale) {
  const suffix = locale === 'ja' ? '-ja' : '';
  const checks = [
    { name: 'migrate-names', shots: ['migrate-names'], title: 'alongside migration names the copy after the new app', run: checkMigrateNames },
    { name: 'export-refused', shots: ['export-refused', 'export-refused-problems'], title: 'refused export: reasons and problem list', run: checkExportRefused },
    { name: 'portal-index', shots: ['portal-index-clash', 'portal-index-deleted'], title: 'portal names follow the disk', run: checkPortalIndex },
    { name: 'signed-export', shots: ['signed-export'], title: 'signed profile: own tab name, unsigned export from the view', run: checkSignedExport },
    { name: 'export-legacy-only', shots: ['export-legacy-only'], title: 'legacy-only export warns and offers migration', run: checkLegacyOnlyExport },
  ];
  return checks.map((c) => ({
    name: `${c.name}${suffix}`,
    shots: c.shots.map((s) => `ui/${s}${suffix}`),
    title: `${c.title} (${locale})`,
    run: async (page, options) => {
      // A panel left open by an earlier check halves the editor and hides the lines the checks look at.
      // The palette offers "Hide Panel" only while a panel is shown.
      if (await page.locator('.part.panel').first().isVisible().catch(() => false)) await runCommand(page, 'View: Hide Panel').catch(() => {});
      return c.run(page, { ...options, locale, shoot: (s) => options.shoot(`ui/${s}${suffix}`) });
    },
  }));
}
