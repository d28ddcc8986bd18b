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

/** A port nobody listens on right now (the tiny race with other processes is acceptable on a CI box). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
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
  // INTEGRATION_PORT pins the port (engineers sharing a machine pick distinct ones); else any free port.
  const port = process.env.INTEGRATION_PORT ? Number(process.env.INTEGRATION_PORT) + (locale ? 1 : 0) : await freePort();
  const extensionsDir = path.join(tmp, 'extensions');
  const userData = path.join(tmp, 'user-data');
  if (locale) writeLanguagePackStub(extensionsDir, userData, locale);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // Without --config, code-server writes ~/.config/code-server/config.yaml (pitfall 7).
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', extensionsDir,
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

/**
 * VS Code switches its display language only to a locale some installed language pack contributes; offline,
 * a stub that contributes `locale` with no translations is enough: the workbench stays English, while
 * `vscode.env.language` (and so the extension's package.nls and l10n bundles, and the server's messages) follow `locale`.
 */
function writeLanguagePackStub(extensionsDir, userData, locale) {
  const id = `mobileconfig-test.language-pack-stub-${locale}`;
  const dir = path.join(extensionsDir, `${id}-0.0.1`);
  const translations = path.join(dir, 'translations/main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The server reads the installed packs from languagepacks.json, which only an install writes: write it too.
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `stub-${locale}`, extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }], translations: { vscode: translations }, label: locale },
  }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: `language-pack-stub-${locale}`, publisher: 'mobileconfig-test', version: '0.0.1', engines: { vscode: '*' },
    contributes: { localizations: [{ languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  }));
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
