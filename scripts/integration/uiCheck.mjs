// The one end-to-end check that drives the workbench UI like a user: Quick Open a broken profile, focus the
// Problems view, see the language server's diagnostic there and the payloads in the Outline, take a screenshot.

const FIXTURE = 'duplicate-uuid.mobileconfig';

/** Runs a command by its palette title (F1, then `>title`). */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Drives `page` (already on the workbench URL) and saves `screenshot`. Resolves with the timings of
 * each step; rejects with the first step that did not happen in time.
 */
export async function runUiCheck(page, { screenshot, log = console.log }) {
  const t0 = Date.now();
  const timings = {};
  const mark = (name) => { timings[name] = Date.now() - t0; };

  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE }).first().waitFor();
  mark('workbench');

  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(FIXTURE);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: FIXTURE }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${FIXTURE}"]`).first().waitFor();
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
