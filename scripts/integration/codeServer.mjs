// Starts code-server 4.100.3 on 127.0.0.1 with everything that could phone home turned off, and launches
// Debian's chromium through playwright-core. Recipe and pitfalls: ../shared/testing/real-vscode.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';

/** The installed code-server's entry.js, or an explanation of why it cannot be used. */
export function findCodeServer(installDir) {
  const pkgFile = path.join(installDir, 'node_modules/code-server/package.json');
  const entry = path.join(installDir, 'node_modules/code-server/out/node/entry.js');
  if (!fs.existsSync(pkgFile) || !fs.existsSync(entry)) return { error: `code-server is not installed in ${installDir}` };
  const { version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  if (version !== CODE_SERVER_VERSION) return { error: `code-server ${version} in ${installDir}, expected ${CODE_SERVER_VERSION}` };
  return { entry };
}

/** Whether nothing listens on `port` of 127.0.0.1 right now. */
function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A random port in 30000-39999 that nobody listens on right now. Random rather than the next free one, so
 * runs started side by side on one machine (several engineers, several CI jobs) do not race for the same port.
 */
export async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 30000 + Math.floor(Math.random() * 10000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port in 30000-39999 after 50 tries');
}

/**
 * A language pack with one `localizations` entry and no translations: enough for the workbench to run in
 * `locale` offline (vscode.env.language, package.nls.<locale>.json, l10n bundles), while its own UI stays
 * English. The server reads languagepacks.json at start; it is written here as the extension would have it.
 */
function installLanguagePackStub(locale, userData, extensionsDir) {
  const id = `mobileconfig-test.language-pack-${locale}`;
  const dir = path.join(extensionsDir, `${id}-0.0.1`);
  fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'translations/main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: `language-pack-${locale}`, publisher: 'mobileconfig-test', version: '0.0.1', engines: { vscode: '*' },
    contributes: { localizations: [{ languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  }));
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `stub-${locale}`, extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }], translations: { vscode: path.join(dir, 'translations/main.i18n.json') }, label: locale },
  }));
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
};

/**
 * Starts code-server detached (its own process group, so stop() ends the extension host, pty host and
 * watcher too) and resolves once /healthz answers. All state lives under `tmp`.
 */
export async function startCodeServer({ entry, tmp, env = {}, logFile, readyTimeoutMs = 60_000, locale }) {
  const port = await freePort();
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  if (locale) installLanguagePackStub(locale, userData, path.join(tmp, 'extensions'));
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // Without --config, code-server writes ~/.config/code-server/config.yaml (pitfall 7).
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'),
    ...(locale ? ['--locale', locale] : []),
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      // A dead loopback gallery keeps the workbench from contacting the public extension gallery (pitfall 9).
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      ...env,
    },
  });
  fs.closeSync(log);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = { code, signal }; resolve(); }));

  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    let timer;
    const gone = await Promise.race([
      exitedPromise.then(() => true),
      new Promise((resolve) => { timer = setTimeout(() => resolve(false), 5000); }),
    ]);
    clearTimeout(timer);
    if (!gone) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during startup (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within ${readyTimeoutMs} ms; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, url, pid: child.pid, stop };
}

/** Headless Debian chromium; playwright downloads no browser because executablePath is given. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** The workbench URL that opens `folder` with the extension under development (and optionally its tests). */
export function workbenchUrl({ url, port, folder, extensionPath, testsPath }) {
  // Paths in the payload are seen from the browser, so they are remote URIs (pitfall 12).
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
