/**
 * The new AnyConnect profile wizard: the portal's simple form as QuickPick/InputBox steps (domain/README.md,
 * "The portal"). Esc at any step ends it with no side effect; the profile text comes from the server.
 * Tests pass a script of answers that replaces the prompts but runs every step, check and side effect.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, NewProfileOptions, NewProfileProxy, NewProfileRequest, NewProfileResult, SETTINGS_SECTION } from '../../server/src/protocol';

interface PickItem<T extends string> extends vscode.QuickPickItem {
  id: T;
}

/** Asks one question; undefined means the user pressed Esc. */
interface Prompter {
  pick<T extends string>(title: string, items: PickItem<T>[]): Promise<T | undefined>;
  input(title: string, options: { prompt: string; value?: string; password?: boolean; validate: (value: string) => string | undefined }): Promise<string | undefined>;
}

const TOTAL_STEPS = 6;

function windowPrompter(): Prompter {
  return {
    async pick(title, items) {
      const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
      return picked?.id;
    },
    input(title, options) {
      return Promise.resolve(vscode.window.showInputBox({
        title, prompt: options.prompt, value: options.value, password: options.password, ignoreFocusOut: true,
        validateInput: (value) => options.validate(value) ?? null,
      }));
    },
  };
}

/** Answers from a script, in order; `null` stands for Esc. Invalid answers fail loudly, as a test must. */
function scriptedPrompter(answers: (string | null)[]): Prompter {
  const queue = [...answers];
  const next = (title: string) => {
    if (queue.length === 0) throw new Error(`no scripted answer for "${title}"`);
    return queue.shift() ?? undefined;
  };
  return {
    async pick(title, items) {
      const answer = next(title);
      if (answer !== undefined && !items.some((i) => i.id === answer)) throw new Error(`"${answer}" is not a choice of "${title}"`);
      return answer as never;
    },
    async input(title, options) {
      const answer = next(title);
      const problem = answer === undefined ? undefined : options.validate(answer);
      if (problem) throw new Error(`"${answer}" rejected at "${title}": ${problem}`);
      return answer;
    },
  };
}

const required = (value: string) => (value.trim() === '' ? vscode.l10n.t('A value is required.') : undefined);

export function validateGateway(value: string): string | undefined {
  const host = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (host === '') return vscode.l10n.t('A value is required.');
  if (/\s/.test(host)) return vscode.l10n.t('A host name or IP address has no spaces.');
  return undefined;
}

export function validatePort(value: string): string | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : vscode.l10n.t('A port is a whole number from 1 to 65535.');
}

export function validatePacUrl(value: string): string | undefined {
  return /^https?:\/\/\S+$/i.test(value.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL.');
}

/** Runs the steps; undefined when the user cancelled. */
async function ask(p: Prompter): Promise<NewProfileOptions | undefined> {
  const step = (n: number) => vscode.l10n.t('New AnyConnect profile ({0}/{1})', n, TOTAL_STEPS);
  const name = await p.input(step(1), { prompt: vscode.l10n.t('Profile name (unique in the portal)'), validate: required });
  if (name === undefined) return undefined;
  const target = await p.pick(step(2), [
    { id: 'new', label: vscode.l10n.t('Cisco AnyConnect'), description: vscode.l10n.t('recommended') },
    { id: 'legacy', label: vscode.l10n.t('Cisco Legacy AnyConnect'), description: vscode.l10n.t('frozen app, iOS 6 to 11') },
    { id: 'both', label: vscode.l10n.t('Cisco AnyConnect and Cisco Legacy AnyConnect'), description: vscode.l10n.t('not recommended') },
  ]);
  if (target === undefined) return undefined;
  const gateway = await p.input(step(3), { prompt: vscode.l10n.t('Gateway address: host name or IP, optionally with a group path'), validate: validateGateway });
  if (gateway === undefined) return undefined;
  const auth = await p.pick(step(4), [
    { id: 'portal-certificate', label: vscode.l10n.t('Certificate injected by the portal'), description: vscode.l10n.t('portal mode') },
    { id: 'certificate-payload', label: vscode.l10n.t('Certificate payload placeholder'), description: vscode.l10n.t('PKCS#12 to fill in') },
    { id: 'password', label: vscode.l10n.t('ID and password') },
  ]);
  if (auth === undefined) return undefined;
  // iOS applies the removal-password payload only on supervised devices (rule payload-supervised-only, from
  // Apple's schema): said here, before the user picks it, rather than only as a note on the finished profile.
  const removal = await p.pick(step(5), [
    { id: 'none', label: vscode.l10n.t('No removal password') },
    { id: 'set', label: vscode.l10n.t('Set a removal password'), description: vscode.l10n.t('supervised devices only'), detail: vscode.l10n.t('Unsupervised devices remove the profile without it.') },
  ]);
  if (removal === undefined) return undefined;
  let removalPassword: string | undefined;
  if (removal === 'set') {
    removalPassword = await p.input(step(5), { prompt: vscode.l10n.t('Removal password (works only on supervised devices)'), password: true, validate: required });
    if (removalPassword === undefined) return undefined;
  }
  const proxyKind = await p.pick(step(6), [
    { id: 'none', label: vscode.l10n.t('No proxy') },
    { id: 'manual', label: vscode.l10n.t('Manual proxy'), description: vscode.l10n.t('address, port, user, password') },
    { id: 'automatic', label: vscode.l10n.t('Automatic proxy'), description: vscode.l10n.t('PAC file URL') },
  ]);
  if (proxyKind === undefined) return undefined;
  let proxy: NewProfileProxy = { kind: 'none' };
  if (proxyKind === 'automatic') {
    const pacUrl = await p.input(step(6), { prompt: vscode.l10n.t('PAC file URL'), validate: validatePacUrl });
    if (pacUrl === undefined) return undefined;
    proxy = { kind: 'automatic', pacUrl };
  } else if (proxyKind === 'manual') {
    const server = await p.input(step(6), { prompt: vscode.l10n.t('Proxy server address'), validate: validateGateway });
    if (server === undefined) return undefined;
    const port = await p.input(step(6), { prompt: vscode.l10n.t('Proxy server port'), value: '8080', validate: validatePort });
    if (port === undefined) return undefined;
    const user = await p.input(step(6), { prompt: vscode.l10n.t('Proxy user ID (empty: none)'), validate: () => undefined });
    if (user === undefined) return undefined;
    const password = user.trim() ? await p.input(step(6), { prompt: vscode.l10n.t('Proxy password (empty: none)'), password: true, validate: () => undefined }) : '';
    if (password === undefined) return undefined;
    proxy = { kind: 'manual', server, port: Number(port.trim()), user: user.trim() || undefined, password: password || undefined };
  }
  return { name: name.trim(), target, gateway: gateway.trim(), auth, removalPassword, proxy, language: vscode.env.language };
}

/**
 * Where the new profile goes: a save dialog named after the profile, in the first workspace folder (or the home
 * of the active file's folder when there is none). A scripted run passes the target instead.
 */
async function chooseTarget(fileName: string, scripted?: string): Promise<vscode.Uri | undefined> {
  if (scripted !== undefined) return vscode.Uri.file(scripted);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { [vscode.l10n.t('Configuration profiles')]: ['mobileconfig'] },
    saveLabel: vscode.l10n.t('Save profile'),
    title: vscode.l10n.t('Save the new profile'),
  });
}

/**
 * The command: asks, builds the text on the server, saves it to a file named after the profile (the user picks
 * where), and opens that file. A file, not an untitled editor: Save As would offer the first line as its name,
 * and export needs a file on disk. Returns the document, or undefined when cancelled at any step.
 * `script.answers` replaces the prompts and `script.saveTo` the save dialog (tests).
 */
export async function newAnyConnectProfile(client: LanguageClient, script?: { answers: (string | null)[]; saveTo?: string }): Promise<vscode.TextDocument | undefined> {
  const options = await ask(script ? scriptedPrompter(script.answers) : windowPrompter());
  if (!options) return undefined;
  const result = await client.sendRequest<NewProfileResult>(NewProfileRequest, options);
  const target = await chooseTarget(result.fileName, script?.saveTo);
  if (!target) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The new profile could not be saved to {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document, { preview: false });
  if (options.auth === 'portal-certificate' && vscode.workspace.getConfiguration(SETTINGS_SECTION, target).get('mode') !== 'portal') {
    // Without portal mode, a certificate the portal injects later reads as missing (rule vpn-certificate-missing).
    // The choice opens the setting for the user to change: a notification never changes settings by itself.
    const openSetting = vscode.l10n.t('Open the mode setting');
    void vscode.window.showInformationMessage(vscode.l10n.t('The portal injects the certificate at issuance; in standalone mode its absence is reported as an error. Set "mobileconfig.mode" to "portal" for profiles you upload to the portal.'), openSetting)
      .then((choice) => choice === openSetting ? vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', { query: `${SETTINGS_SECTION}.mode` }) : undefined);
  }
  return document;
}
