// The one end-to-end check that drives the workbench UI like a user: Quick Open a broken profile, focus the
// Problems view, see the language server's diagnostic there and the payloads in the Outline, take a screenshot.
// Then the preview check and one check per command (for the README's screenshots).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNewProfile, checkReport } from './migrationChecks.mjs';

const FIXTURE = 'duplicate-uuid.mobileconfig';

/** Runs a command by its palette title (F1, then `>title`). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Click the row that names the command: pressing Enter would run whichever row the palette ranked first
  // while it is still filling in (seen: "Show Definition Preview Hover" for "Mobileconfig: Show preview").
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette lists what is registered when it opens: right after the page loads, the extension's
  // commands may come later, so an absent row means "close and ask again" (bounded).
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await row.waitFor({ timeout: 2_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.fill(`>${title}`);
    }
  }
  await row.click();
}

/** Waits for the workbench to list `name` in the explorer, then opens it with Quick Open. */
async function openFromExplorer(page, name, onListed = () => {}) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().waitFor();
  onListed();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor();
}

/**
 * Drives `page` (already on the workbench URL) and saves `screenshot`. Resolves with the timings of
 * each step; rejects with the first step that did not happen in time.
 */
export async function runUiCheck(page, { screenshot, log = console.log }) {
  const t0 = Date.now();
  const timings = {};
  const mark = (name) => { timings[name] = Date.now() - t0; };

  await openFromExplorer(page, FIXTURE, () => mark('workbench'));
  mark('opened');

  // "Focus on Problems View" rather than "Toggle Problems", which may close it (pitfall 10).
  await runCommand(page, 'Problems: Focus on Problems View');
  // The Problems view renders the source and the code as `mobileconfig(payload-uuid-duplicate)`.
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'payload-uuid-duplicate' }).first()
    .waitFor({ timeout: 60_000 });
  const problemRows = await page.locator('.markers-panel .monaco-list-row', { hasText: 'payload-uuid-duplicate' }).count();
  if (problemRows < 2) throw new Error(`expected 2 payload-uuid-duplicate rows in Problems, saw ${problemRows}`);
  mark('problems');

  await runCommand(page, 'Explorer: Focus on Outline View');
  for (const name of ['Cisco AnyConnect VPN', 'Office Wi-Fi']) {
    await page.locator('.outline-pane .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  }
  mark('outline');

  await page.screenshot({ path: screenshot });
  mark('screenshot');
  log(`ui check: ${problemRows} payload-uuid-duplicate rows in Problems, both payloads in Outline`);
  return timings;
}

const PREVIEW_FIXTURE = 'both-apps.mobileconfig';

/**
 * Opens the both-payload fixture, runs "Mobileconfig: Show preview" from the palette, waits until the
 * webview (two nested iframes) shows the legacy and the new badge, and saves `screenshot`.
 */
export async function runPreviewCheck(page, { screenshot, log = console.log }) {
  const t0 = Date.now();
  const timings = {};
  const mark = (name) => { timings[name] = Date.now() - t0; };
  await openFromExplorer(page, PREVIEW_FIXTURE);
  mark('opened');
  await runCommand(page, 'Mobileconfig: Show preview');
  // The workbench hosts each webview in an iframe whose inner #active-frame holds the extension's page.
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await webview.locator('.card .badge-legacy').first().waitFor({ timeout: 60_000 });
  await webview.locator('.card .badge-new').first().waitFor({ timeout: 10_000 });
  const title = await webview.locator('h1').first().textContent();
  if (title !== 'Integration Both Apps') throw new Error(`preview title is ${JSON.stringify(title)}`);
  mark('preview');
  // Closing the side bar gives the editor and the preview the width of the screenshot.
  await runCommand(page, 'View: Close Primary Side Bar');
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  mark('screenshot');
  log('preview check: legacy and new badges shown in the webview');
  return timings;
}

// ---------------------------------------------------------------------------------------------------------
// One check per command for the README: each drives the real command through the command palette (or the
// UI a user would use), asserts what the workbench shows, and saves a screenshot through `shoot(name)`.
// They share one page; `resetWorkbench` puts it back to "nothing open" between them.

export const QUICK_INPUT = '.quick-input-widget';
export const QUICK_ROWS = '.quick-input-list .monaco-list-row';
export const TOAST = '.notifications-toasts .notification-toast';
/** The toasts fade in; a screenshot taken at once shows them half drawn (pitfall 11). */
export const SETTLE_MS = 1000;

/** The texts of the rows the visible quick input lists. */
export async function quickRows(page) {
  await page.locator(QUICK_ROWS).first().waitFor({ timeout: 15_000 });
  return page.locator(QUICK_ROWS).allInnerTexts();
}

/** Throws unless every one of `expected` is part of some row of `rows`. */
export function assertRows(rows, expected, what) {
  const missing = expected.filter((e) => !rows.some((r) => r.includes(e)));
  if (missing.length > 0) throw new Error(`${what}: missing ${JSON.stringify(missing)} in ${JSON.stringify(rows)}`);
}

/** Clicks the quick-input row that contains `text` (never Enter: the list may still be re-ranking). */
export async function clickRow(page, text) {
  const row = page.locator(QUICK_ROWS, { hasText: text }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** The text of the lines the active editor renders (Monaco draws spaces as U+00A0). */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** Waits until the active editor renders `text`, polling (the DOM is redrawn, not appended to). */
export async function waitForEditorText(page, text, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await activeEditorText(page).catch(() => '');
    if (seen.includes(text)) return seen;
    await page.waitForTimeout(200);
  }
  throw new Error(`the active editor never showed ${JSON.stringify(text)}; it shows ${JSON.stringify(seen.slice(0, 300))}`);
}

/** Opens `name` with Quick Open, clicking the row whose file name is exactly `name`. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator(`${QUICK_INPUT} input`).fill(name);
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator(QUICK_ROWS).filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
}

/** Closes quick inputs, menus, notifications and editors (reverting nothing: the checks leave no dirty editor). */
export async function resetWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** Waits for the language server's warning squiggle in the active editor (the server has answered). */
export async function waitForSquiggle(page) {
  await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor({ timeout: 30_000 });
}

async function checkMigrate(page, { shoot, workspace }) {
  await quickOpen(page, 'legacy-only.mobileconfig');
  await waitForSquiggle(page);
  await runCommand(page, 'Mobileconfig: Migrate AnyConnect payloads…');
  const rows = await quickRows(page);
  assertRows(rows, ['alongside each legacy one', 'Replace each legacy payload'], 'migration choices');
  await shoot('migrate');
  await clickRow(page, 'Replace each legacy payload');
  await waitForEditorText(page, 'com.cisco.anyconnect</string>');
  await page.locator(TOAST, { hasText: 'AnyConnect migration' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.tabs-container .tab.active.dirty').first().waitFor({ timeout: 5_000 });
  // The workspace stays as it was: the edit is reverted, never saved.
  await runCommand(page, 'File: Revert File');
  await page.locator('.tabs-container .tab.active.dirty').first().waitFor({ state: 'detached', timeout: 10_000 });
  await waitForEditorText(page, 'com.cisco.anyconnect.applevpn.plugin</string>');
  const onDisk = fs.readFileSync(path.join(workspace, 'legacy-only.mobileconfig'), 'utf8');
  if (onDisk.includes('com.cisco.anyconnect</string>')) throw new Error('the migration reached the file on disk');
  return 'migrate offers alongside/replace, "replace" rewrites the VPNSubType (then reverted)';
}

async function checkQuickFix(page, { shoot }) {
  await quickOpen(page, 'legacy-only.mobileconfig');
  await waitForSquiggle(page);
  // Line 23 holds <string>com.cisco.anyconnect.applevpn.plugin</string>; column 30 is inside the value.
  await page.keyboard.press('Control+G');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor();
  await input.fill(':23:30');
  await input.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
  const menu = page.locator('.action-widget');
  await page.keyboard.press('Control+.');
  await menu.locator('.monaco-list-row', { hasText: 'replace legacy' }).first().waitFor({ timeout: 15_000 });
  const rows = await menu.locator('.monaco-list-row').allInnerTexts();
  assertRows(rows, ['alongside the legacy one', 'replace legacy payload'], 'quick fix menu');
  await shoot('quick-fix');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  return 'Ctrl+. on the legacy VPNSubType lists the "replace legacy" and "alongside" fixes';
}

async function checkExport(page, { shoot }) {
  await quickOpen(page, 'both-apps.mobileconfig');
  await runCommand(page, 'Mobileconfig: Export for portal upload');
  const done = page.locator(TOAST, { hasText: 'Exported' }).first();
  const replace = page.locator('.monaco-dialog-box', { hasText: 'Replace it?' });
  // An earlier export in this workspace makes the command ask first (a modal); the answer is Replace.
  await Promise.race([done.waitFor({ timeout: 30_000 }), replace.waitFor({ timeout: 30_000 })]);
  if (await replace.isVisible()) {
    await replace.locator('.monaco-button', { hasText: 'Replace' }).first().click();
    await done.waitFor({ timeout: 15_000 });
  }
  const text = await done.innerText();
  for (const part of ['export/Integration Both Apps.mobileconfig', 'Cisco AnyConnect + Cisco Legacy AnyConnect']) {
    if (!text.includes(part)) throw new Error(`export notification lacks ${JSON.stringify(part)}: ${JSON.stringify(text)}`);
  }
  await page.waitForTimeout(SETTLE_MS);
  await shoot('export');
  return 'export reports the written file and the apps it covers';
}

async function checkSigned(page, { shoot }) {
  await quickOpen(page, 'signed.mobileconfig');
  const notice = page.locator(TOAST, { hasText: 'is signed (CMS)' }).first();
  await notice.waitFor({ timeout: 30_000 });
  const show = notice.locator('.monaco-button', { hasText: 'Show embedded plist' }).first();
  await show.waitFor({ timeout: 5_000 });
  await page.waitForTimeout(SETTLE_MS);
  await shoot('signed-notice');
  await show.click();
  // The view has a tab name of its own, never the signed file's.
  await page.locator('.tabs-container .tab.active', { hasText: 'signed (embedded plist).mobileconfig' }).first().waitFor({ timeout: 15_000 });
  const text = await waitForEditorText(page, '<plist');
  // The raw file starts with the DER header, the embedded view with the XML declaration.
  if (!text.trimStart().startsWith('<?xml')) throw new Error(`the embedded view does not start with <?xml: ${JSON.stringify(text.slice(0, 120))}`);
  // Its title bar offers the unsigned export, contributed only for the mobileconfig-signed: scheme.
  await page.locator('.editor-group-container.active .editor-actions [aria-label*="Export signed profile unsigned"]').first()
    .waitFor({ timeout: 10_000 });
  await page.waitForTimeout(SETTLE_MS);
  await shoot('signed-view');
  // Typing into it is refused with the editor's read-only message.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.type('x');
  await page.locator('.monaco-editor-overlaymessage', { hasText: 'read-only' }).first().waitFor({ timeout: 10_000 });
  return 'opening a signed profile offers "Show embedded plist", which opens the plist read-only';
}

/** The per-command checks, in the order they run; `shots` names the screenshots each one saves. */
export const commandChecks = [
  { name: 'new-profile', shots: ['new-profile', 'ui/new-profile-removal', 'ui/new-profile-saved', 'ui/new-profile-exported'], title: 'New AnyConnect profile: every step, saved to a file, exported', run: checkNewProfile },
  { name: 'migrate', shots: ['migrate'], title: 'Migrate AnyConnect payloads: choices, replace, revert', run: checkMigrate },
  { name: 'quick-fix', shots: ['quick-fix'], title: 'quick fix menu on a legacy payload', run: checkQuickFix },
  { name: 'export', shots: ['export'], title: 'Export for portal upload: the report notification', run: checkExport },
  { name: 'report', shots: ['report', 'ui/report', 'ui/report-revoke-saved', 'ui/report-second-run'], title: 'Analyze certificate report: the migration status view', run: checkReport },
  { name: 'signed', shots: ['signed-notice', 'signed-view'], title: 'signed profile: notice and embedded plist', run: checkSigned },
];
