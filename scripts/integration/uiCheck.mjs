// The one end-to-end check that drives the workbench UI like a user: Quick Open a broken profile, focus the
// Problems view, see the language server's diagnostic there and the payloads in the Outline, take a screenshot.

const FIXTURE = 'duplicate-uuid.mobileconfig';

/** Runs a command by its palette title (F1, then `>title`). */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Click the row that names the command: pressing Enter would run whichever row the palette ranked first
  // while it is still filling in (seen: "Show Definition Preview Hover" for "Mobileconfig: Show preview").
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
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
