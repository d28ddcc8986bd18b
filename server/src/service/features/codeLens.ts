/**
 * A code lens over each certificate payload naming the payloads that use it ("Used by: Corp VPN (VPN), Wi-Fi"),
 * so an unused certificate, or a VPN pointing at the wrong one, shows without reading UUIDs.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, Location } from 'vscode-languageserver-types';
import type { Payload, ProfileModel } from '../model';
import { CERTIFICATE_TYPES } from '../model/references';
import { getStringNode } from '../model/tree';

/**
 * VS Code's built-in references peek. Its arguments are sent as plain JSON (uri string, Position, Location[]);
 * the client turns them into VS Code objects before running it.
 */
/**
 * The client's command behind a used lens: it turns the plain-JSON arguments (uri string, position, locations)
 * into the Uri/Position/Location objects `editor.action.showReferences` needs. Same id as protocol.ts.
 */
export const SHOW_REFERENCES_COMMAND = 'mobileconfig.showReferences';

/** Short names for the payload types that usually use certificates, as the Settings app names them. */
const TYPE_NAMES: Record<string, string> = {
  'com.apple.vpn.managed': 'VPN',
  'com.apple.vpn.managed.applayer': 'Per-App VPN',
  'com.apple.wifi.managed': 'Wi-Fi',
  'com.apple.firstethernet.managed': 'Ethernet',
  'com.apple.globalethernet.managed': 'Ethernet',
  'com.apple.eas.account': 'Exchange',
  'com.apple.mail.managed': 'Mail',
  'com.apple.ldap.account': 'LDAP',
  'com.apple.caldav.account': 'CalDAV',
  'com.apple.carddav.account': 'CardDAV',
  'com.apple.mdm': 'MDM',
  'com.apple.dnsSettings.managed': 'DNS Settings',
  'com.apple.relay.managed': 'Relay',
  'com.apple.extensiblesso': 'Single Sign-On',
  'com.apple.security.scep': 'SCEP',
  'com.apple.security.acme': 'ACME',
};

const TEXT = {
  en: { usedBy: 'Used by: ', unused: 'Not used by any payload' },
  ja: { usedBy: '使用元: ', unused: 'どのペイロードからも使われていません' },
};

/** A lens on the first line of each certificate payload (PKCS#12, PKCS#1, root, PEM, SCEP, ACME). */
export function getCodeLenses(document: TextDocument, model: ProfileModel): CodeLens[] {
  const t = TEXT[model.settings.locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'];
  const certificates = model.payloads.filter((p) => p.type && CERTIFICATE_TYPES.includes(p.type));
  if (!certificates.length) return [];
  // One pass over the model's references, so the cost does not grow per certificate.
  const refs = new Map<string, { payload: Payload; offset: number; length: number }[]>();
  for (const r of model.certificateReferences) {
    const uuid = r.node.value.trim().toUpperCase();
    const list = refs.get(uuid) ?? [];
    list.push({ payload: r.payload, offset: r.node.offset, length: r.node.length });
    refs.set(uuid, list);
  }
  const lenses: CodeLens[] = [];
  for (const cert of certificates) {
    const uuid = getStringNode(cert.dict, 'PayloadUUID')?.value.trim().toUpperCase();
    const start = document.positionAt(cert.dict.offset);
    const range = { start, end: document.positionAt(cert.dict.offset + Math.min(cert.dict.length, 6)) };
    const users = (uuid ? refs.get(uuid) ?? [] : []).filter((r) => r.payload !== cert);
    if (!users.length) {
      // An empty command id makes VS Code show the title as plain text.
      lenses.push({ range, command: { title: t.unused, command: '' } });
      continue;
    }
    const names = [...new Set(users.map((u) => label(u.payload)))];
    const locations: Location[] = users.map((u) => ({
      uri: document.uri,
      range: { start: document.positionAt(u.offset), end: document.positionAt(u.offset + u.length) },
    }));
    lenses.push({ range, command: { title: t.usedBy + names.join(', '), command: SHOW_REFERENCES_COMMAND, arguments: [document.uri, start, locations] } });
  }
  return lenses;
}

/** "Corp VPN (VPN)" with a display name, else the type's short name ("Wi-Fi"). */
function label(p: Payload): string {
  const type = p.type ? TYPE_NAMES[p.type] ?? p.type.replace(/^com\.apple\./, '') : `payload #${p.index + 1}`;
  const name = getStringNode(p.dict, 'PayloadDisplayName')?.value.trim();
  return name && name !== type ? `${name} (${type})` : type;
}
