/**
 * Hover from the payload catalog: a key's type, presence, allowed values, default, range and OS availability,
 * our own one-line description for the keys people ask about most, and Apple's documentation page. Which schema
 * applies comes from the model's resolver, the same the rules use.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-types';
import { catalogRelease, getPayloadSchema, getRemovedPayloadRelease, getTopLevelSchema } from '../catalog';
import type { Condition, OsName, PayloadSchema, ScalarValue, SupportedOS } from '../catalog';
import type { KeyFacts, ProfileModel } from '../model';
import { entryAt } from '../model/tree';
import { codeSpan, escapeMarkdown } from './markdown';
import type { ServiceSettings } from '../types';

// ---------------------------------------------------------------------------------------------------------
// Messages (English and Japanese) and our own descriptions.
// ---------------------------------------------------------------------------------------------------------

type Lang = 'en' | 'ja';

export function langOf(settings: Pick<ServiceSettings, 'locale'>): Lang {
  return (settings.locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const TEXT = {
  en: {
    types: { string: 'string', integer: 'integer', real: 'real', boolean: 'boolean', date: 'date', data: 'data', array: 'array', dictionary: 'dictionary', any: 'any value' } as Record<string, string>,
    required: 'required',
    optional: 'optional',
    conditional: 'required when',
    allowed: 'Allowed values',
    default: 'Default',
    range: 'Range',
    format: 'Format',
    availability: 'Availability',
    notAvailable: 'not available',
    deprecated: 'deprecated in',
    removed: 'removed in',
    supervised: 'supervised only',
    docs: 'Apple documentation',
    overlay: 'Not in Apple\'s schema; real profiles use it.',
    isPresent: 'is present',
    is: 'is',
    elementOf: 'element of',
    payloadType: 'Payload type',
    unknownType: 'This payload type is not in Apple\'s schema: devices may refuse the profile, or ignore the payload.',
    removedType: 'Apple\'s schema removed this payload type in release {0}: current systems may ignore the payload.',
    schema: 'Apple\'s schema, release {0}',
    newApp: 'Selects the **Cisco AnyConnect** app (the current app, iOS 10 and later). Certificate logins work only through a payload this app recognises.',
    legacyApp: 'Selects the frozen **Cisco Legacy AnyConnect** app (iOS 6 to 11). The new Cisco AnyConnect app ignores this payload: migrate it to `com.cisco.anyconnect`.',
    otherApp: 'The bundle identifier of the VPN app (or its plug-in) that runs this connection.',
  },
  ja: {
    types: { string: '文字列', integer: '整数', real: '実数', boolean: '真偽値', date: '日付', data: 'データ', array: '配列', dictionary: '辞書', any: '任意の値' } as Record<string, string>,
    required: '必須',
    optional: '省略可',
    conditional: '次の場合に必須:',
    allowed: '指定できる値',
    default: '既定値',
    range: '範囲',
    format: '形式',
    availability: '対応 OS',
    notAvailable: '非対応',
    deprecated: '非推奨:',
    removed: '廃止:',
    supervised: '監視対象デバイスのみ',
    docs: 'Apple のドキュメント',
    overlay: 'Apple のスキーマにはありませんが、実際のプロファイルで使われているキーです。',
    isPresent: 'がある',
    is: 'が',
    elementOf: '要素:',
    payloadType: 'ペイロードタイプ',
    unknownType: 'このペイロードタイプは Apple のスキーマにありません。デバイスがプロファイルを拒否するか、このペイロードを無視する可能性があります。',
    removedType: 'このペイロードタイプは Apple のスキーマのリリース {0} で削除されました。現行のシステムでは無視される可能性があります。',
    schema: 'Apple のスキーマ、リリース {0}',
    newApp: '**Cisco AnyConnect** アプリ (現行アプリ、iOS 10 以降) を選びます。証明書認証は、このアプリが認識するペイロード経由でのみ使えます。',
    legacyApp: '更新終了した **Cisco Legacy AnyConnect** アプリ (iOS 6〜11) を選びます。新しい Cisco AnyConnect アプリはこのペイロードを無視するため、`com.cisco.anyconnect` へ移行してください。',
    otherApp: 'この接続を処理する VPN アプリ (またはそのプラグイン) のバンドル ID です。',
  },
};

const VPN = 'com.apple.vpn.managed';
const VPN_TYPES = [VPN, 'com.apple.vpn.managed.applayer'];

/** One description in our own words, for a key anywhere (`types` absent) or only in these payload types. */
interface Description {
  types?: readonly string[];
  en: string;
  ja: string;
}

/**
 * Our own one-line descriptions (never Apple's sentences) for the keys asked about most: the common payload
 * keys, and the VPN keys an AnyConnect migration touches (shared/domain/README.md, "The two iOS apps").
 */
const DESCRIPTIONS: Record<string, Description[]> = {
  PayloadType: [{ en: 'Says what this payload configures; the device picks the settings it reads by this value.', ja: 'このペイロードが何を設定するかを示します。デバイスはこの値で読み取る設定を決めます。' }],
  PayloadIdentifier: [{ en: 'A reverse-DNS name for this payload. A profile with the same identifier replaces the installed one.', ja: 'このペイロードの逆 DNS 形式の名前です。同じ識別子のプロファイルは、インストール済みのものを置き換えます。' }],
  PayloadUUID: [{ en: 'A unique id for this payload; other payloads refer to it (e.g. PayloadCertificateUUID). Must be unique in the profile.', ja: 'このペイロード固有の ID です。他のペイロードから参照されます (PayloadCertificateUUID など)。プロファイル内で一意にしてください。' }],
  PayloadVersion: [{ en: 'The version of the payload format. Always 1.', ja: 'ペイロード形式のバージョンです。常に 1 です。' }],
  PayloadDisplayName: [{ en: 'The name shown to the user in Settings when the profile is installed.', ja: 'プロファイルのインストール時に「設定」でユーザーに表示される名前です。' }],
  PayloadDescription: [{ en: 'A longer explanation shown with the profile or payload details.', ja: 'プロファイルやペイロードの詳細に表示される説明です。' }],
  PayloadOrganization: [{ en: 'The organisation shown as the profile\'s issuer.', ja: 'プロファイルの発行元として表示される組織名です。' }],
  PayloadContent: [
    { types: ['com.apple.security.pkcs12', 'com.apple.security.root', 'com.apple.security.pkcs1', 'com.apple.security.pem'], en: 'The certificate (or identity) itself, as base64 data.', ja: '証明書 (または ID) 本体を base64 データで指定します。' },
    { types: ['com.apple.security.scep'], en: 'The SCEP request: server URL, subject, key size and challenge.', ja: 'SCEP 要求の内容 (サーバ URL、サブジェクト、鍵長、チャレンジ) です。' },
    { en: 'At the top level, the list of payloads this profile installs.', ja: 'トップレベルでは、このプロファイルがインストールするペイロードの一覧です。' },
  ],
  PayloadRemovalDisallowed: [{ en: 'When true, the user cannot remove the profile (honoured on supervised devices).', ja: 'true にすると、ユーザーはプロファイルを削除できません (監視対象デバイスで有効)。' }],
  PayloadCertificateUUID: [
    { types: VPN_TYPES, en: 'The PayloadUUID of the certificate payload (PKCS#12, SCEP, ACME) the VPN uses to authenticate.', ja: 'VPN の認証に使う証明書ペイロード (PKCS#12、SCEP、ACME) の PayloadUUID です。' },
    { en: 'The PayloadUUID of the certificate payload in this profile that this payload uses.', ja: 'このペイロードが使う、同じプロファイル内の証明書ペイロードの PayloadUUID です。' },
  ],
  UserDefinedName: [{ types: VPN_TYPES, en: 'The connection name shown in the VPN list of Settings and of the VPN app.', ja: '「設定」や VPN アプリの VPN 一覧に表示される接続名です。' }],
  VPNType: [{ types: VPN_TYPES, en: 'The kind of VPN. Third-party apps such as Cisco AnyConnect use `VPN`, with the app chosen by VPNSubType.', ja: 'VPN の種類です。Cisco AnyConnect などのサードパーティ製アプリは `VPN` を使い、アプリは VPNSubType で選びます。' }],
  VPNSubType: [{
    types: VPN_TYPES,
    en: 'Picks the VPN app by its identifier. `com.cisco.anyconnect` is the current Cisco AnyConnect app; `com.cisco.anyconnect.applevpn.plugin` is the frozen Legacy AnyConnect app, which the new app ignores.',
    ja: 'VPN アプリを識別子で選びます。`com.cisco.anyconnect` は現行の Cisco AnyConnect アプリ、`com.cisco.anyconnect.applevpn.plugin` は更新終了した Legacy AnyConnect アプリで、新しいアプリはこれを無視します。',
  }],
  VPN: [{ types: VPN_TYPES, en: 'Settings for a third-party VPN (VPNType `VPN`): server, authentication and on-demand rules.', ja: 'サードパーティ製 VPN (VPNType `VPN`) の設定: サーバ、認証、オンデマンドルールです。' }],
  RemoteAddress: [{ en: 'The VPN server (gateway) to connect to: a host name or IP address, optionally with a path.', ja: '接続先の VPN サーバ (ゲートウェイ) です。ホスト名または IP アドレスで、パスを付けることもできます。' }],
  AuthName: [{ types: VPN_TYPES, en: 'The user name for the VPN login.', ja: 'VPN ログインのユーザー名です。' }],
  AuthPassword: [{ types: VPN_TYPES, en: 'The VPN password. Stored in clear text in the profile: prefer asking the user.', ja: 'VPN のパスワードです。プロファイルに平文で保存されるため、ユーザーに入力させる方が安全です。' }],
  AuthenticationMethod: [{ types: VPN_TYPES, en: 'How the user proves who they are: a password, a certificate (see PayloadCertificateUUID), or both.', ja: 'ユーザーの認証方法です: パスワード、証明書 (PayloadCertificateUUID を参照)、またはその両方。' }],
  OnDemandEnabled: [{ types: VPN_TYPES, en: 'Set to 1 to let the device start the VPN by itself according to OnDemandRules. An integer, not a boolean.', ja: '1 にすると、デバイスが OnDemandRules に従って自動で VPN を開始します。真偽値ではなく整数です。' }],
  OnDemandRules: [{ types: VPN_TYPES, en: 'Rules checked in order when the network changes; the first matching rule\'s Action decides what the VPN does.', ja: 'ネットワークが変わるたびに順に評価されるルールです。最初に一致したルールの Action で VPN の動作が決まります。' }],
  OnDemandUserOverrideDisabled: [{ types: VPN_TYPES, en: 'When 1, the user cannot turn off Connect On Demand in Settings.', ja: '1 にすると、ユーザーは「設定」でオンデマンド接続をオフにできません。' }],
  Action: [{ types: VPN_TYPES, en: 'What the VPN does when this rule matches: Connect, Disconnect, EvaluateConnection (decide per domain), Ignore or Allow.', ja: 'このルールに一致したときの VPN の動作です: Connect、Disconnect、EvaluateConnection (ドメインごとに判定)、Ignore、Allow。' }],
  ActionParameters: [{ types: VPN_TYPES, en: 'For Action EvaluateConnection: the domains and whether to connect for them.', ja: 'Action が EvaluateConnection のときの、対象ドメインと接続するかどうかの指定です。' }],
  Domains: [{ types: VPN_TYPES, en: 'The domains this evaluation applies to.', ja: 'この判定を適用するドメインです。' }],
  DomainAction: [{ types: VPN_TYPES, en: 'Whether to connect for these domains: ConnectIfNeeded or NeverConnect.', ja: 'これらのドメインで接続するかどうか: ConnectIfNeeded または NeverConnect。' }],
  DNSDomainMatch: [{ types: VPN_TYPES, en: 'The rule matches when the network\'s DNS search domain is one of these.', ja: 'ネットワークの DNS 検索ドメインがこのいずれかのとき、ルールが一致します。' }],
  InterfaceTypeMatch: [{ types: VPN_TYPES, en: 'The rule matches on this network type: WiFi, Cellular or Ethernet.', ja: 'このネットワーク種別 (WiFi、Cellular、Ethernet) のとき、ルールが一致します。' }],
  SSIDMatch: [{ types: VPN_TYPES, en: 'The rule matches when joined to one of these Wi-Fi networks.', ja: 'これらの Wi-Fi ネットワークに接続しているとき、ルールが一致します。' }],
  URLStringProbe: [{ types: VPN_TYPES, en: 'The rule matches only when this URL answers with HTTP 200 (a reachability probe).', ja: 'この URL が HTTP 200 を返したときだけルールが一致します (到達性の確認)。' }],
  VendorConfig: [{ types: VPN_TYPES, en: 'Settings passed to the VPN app as they are, e.g. the AnyConnect connection group.', ja: 'VPN アプリにそのまま渡される設定です (AnyConnect の接続グループなど)。' }],
  Proxies: [{ types: VPN_TYPES, en: 'The proxy used while the VPN is connected.', ja: 'VPN 接続中に使うプロキシです。' }],
  HTTPProxy: [{ en: 'The HTTP proxy host; needs HTTPPort.', ja: 'HTTP プロキシのホストです。HTTPPort も必要です。' }],
  HTTPPort: [{ en: 'The port of the HTTP proxy.', ja: 'HTTP プロキシのポートです。' }],
  HTTPSProxy: [{ en: 'The HTTPS proxy host; needs HTTPSPort.', ja: 'HTTPS プロキシのホストです。HTTPSPort も必要です。' }],
  HTTPSPort: [{ en: 'The port of the HTTPS proxy.', ja: 'HTTPS プロキシのポートです。' }],
  ProxyAutoConfigEnable: [{ en: 'Set to 1 to configure the proxy from the PAC file at ProxyAutoConfigURLString.', ja: '1 にすると、ProxyAutoConfigURLString の PAC ファイルでプロキシを設定します。' }],
  ProxyAutoConfigURLString: [{ en: 'The URL of the proxy auto-configuration (PAC) file.', ja: 'プロキシ自動設定 (PAC) ファイルの URL です。' }],
  ProxyAutoDiscoveryEnable: [{ en: 'Set to 1 to find the proxy with WPAD.', ja: '1 にすると、WPAD でプロキシを自動検出します。' }],
};

/** Short descriptions of the payload types people meet most, in our own words. */
const TYPE_DESCRIPTIONS: Record<string, { en: string; ja: string }> = {
  Configuration: { en: 'The profile itself: the outer dict that holds the payloads in PayloadContent.', ja: 'プロファイル自体です。PayloadContent にペイロードを持つ外側の辞書です。' },
  // Apple's over-the-air enrollment (rules/profileService.ts): not in the YAML, so described here.
  'Profile Service': { en: 'An over-the-air enrollment profile: the device sends the DeviceAttributes listed in PayloadContent to its URL.', ja: '無線 (OTA) 登録用のプロファイルです。デバイスは PayloadContent の DeviceAttributes を URL に送信します。' },
  'com.apple.vpn.managed': { en: 'A VPN connection (built-in IKEv2/IPSec/L2TP, or a third-party app such as Cisco AnyConnect).', ja: 'VPN 接続です (標準の IKEv2/IPSec/L2TP、または Cisco AnyConnect などのサードパーティ製アプリ)。' },
  'com.apple.vpn.managed.applayer': { en: 'A per-app VPN: only the apps mapped to it use the connection.', ja: 'アプリ単位の VPN です。割り当てたアプリだけがこの接続を使います。' },
  'com.apple.wifi.managed': { en: 'A Wi-Fi network: SSID, security and, for enterprise networks, EAP settings.', ja: 'Wi-Fi ネットワークです: SSID、セキュリティ、エンタープライズネットワークでは EAP の設定。' },
  'com.apple.security.pkcs12': { en: 'An identity: a certificate with its private key, protected by a password.', ja: 'ID (秘密鍵付きの証明書) です。パスワードで保護されます。' },
  'com.apple.security.root': { en: 'A root CA certificate the device will trust.', ja: 'デバイスが信頼するルート CA 証明書です。' },
  'com.apple.security.pkcs1': { en: 'A certificate (DER) without a private key.', ja: '秘密鍵を含まない証明書 (DER) です。' },
  'com.apple.security.pem': { en: 'A certificate in PEM form without a private key.', ja: '秘密鍵を含まない PEM 形式の証明書です。' },
  'com.apple.security.scep': { en: 'An identity the device requests from a SCEP server at install time.', ja: 'インストール時にデバイスが SCEP サーバへ要求する ID です。' },
  'com.apple.security.acme': { en: 'An identity the device requests from an ACME server, optionally hardware-bound.', ja: 'デバイスが ACME サーバへ要求する ID です。ハードウェアに結び付けることもできます。' },
  'com.apple.profileRemovalPassword': { en: 'A password the user must enter to remove the profile.', ja: 'プロファイルの削除時にユーザーが入力するパスワードです。' },
  'com.apple.webClip.managed': { en: 'A web clip: a Home Screen icon that opens a URL.', ja: 'Web クリップです。URL を開くホーム画面のアイコンです。' },
  'com.apple.applicationaccess': { en: 'Restrictions: features and apps the device allows or blocks.', ja: '制限です。デバイスで許可または禁止する機能やアプリを指定します。' },
  'com.apple.mdm': { en: 'Enrolment in a mobile device management (MDM) server.', ja: 'MDM サーバへの登録です。' },
};

function describe(name: string, payloadType: string | undefined, lang: Lang): string | undefined {
  const list = DESCRIPTIONS[name];
  if (!list) return undefined;
  const hit = list.find((d) => !d.types || (payloadType !== undefined && d.types.includes(payloadType)));
  return hit?.[lang];
}

// ---------------------------------------------------------------------------------------------------------
// Markdown.
// ---------------------------------------------------------------------------------------------------------

const code = (v: ScalarValue) => codeSpan(v);

function conditionText(c: Condition, lang: Lang): string {
  const t = TEXT[lang];
  const path = codeSpan(c.path.join('.'));
  if (c.present) return `${path} ${t.isPresent}`;
  return `${path} ${t.is} ${(c.in ?? []).map(code).join(' / ')}`;
}

function osLine(os: SupportedOS, lang: Lang): string | undefined {
  const t = TEXT[lang];
  const parts: string[] = [];
  for (const name of ['iOS', 'macOS'] as OsName[]) {
    const s = os[name];
    if (!s) continue;
    if (s.introduced === 'n/a') {
      parts.push(`${name}: ${t.notAvailable}`);
      continue;
    }
    let text = s.introduced ? `${name} ${s.introduced}+` : name;
    const extra: string[] = [];
    if (s.deprecated) extra.push(`${t.deprecated} ${s.deprecated}`);
    if (s.removed) extra.push(`${t.removed} ${s.removed}`);
    if (s.supervised) extra.push(t.supervised);
    if (extra.length) text += ` (${extra.join(', ')})`;
    parts.push(text);
  }
  return parts.length ? `${t.availability}: ${parts.join(' · ')}` : undefined;
}

/** The documentation link, naming the release of Apple's schema the facts above it come from. */
function docLink(url: string | undefined, title: string, lang: Lang): string | undefined {
  return url ? `[${TEXT[lang].docs}: ${title}](${url}) · ${TEXT[lang].schema.replace('{0}', catalogRelease)}` : undefined;
}

/** The hover (and completion documentation) markdown for a key. */
export function describeKey(name: string, info: KeyFacts, lang: Lang): string {
  const t = TEXT[lang];
  const { key } = info;
  const presence: string[] = [];
  if (key.presence === 'required') presence.push(t.required);
  else if (key.requiredWhen?.length) presence.push(`${t.conditional} ${key.requiredWhen.map((c) => conditionText(c, lang)).join('; ')}`);
  else if (key.presence === 'optional') presence.push(t.optional);
  let typeText = t.types[key.type] ?? key.type;
  if (key.type === 'array' && key.item) typeText += ` (${t.elementOf} ${t.types[key.item.type] ?? key.item.type})`;
  const lines: string[] = [[`**${escapeMarkdown(name)}**`, typeText, ...presence].join(' · ')];
  const own = describe(name, info.payloadType, lang);
  if (own) lines.push(own);
  else if (key.origin === 'overlay') lines.push(t.overlay);
  const facts: string[] = [];
  if (key.values?.length) facts.push(`${t.allowed}: ${key.values.map(code).join(', ')}`);
  if (key.default !== undefined) facts.push(`${t.default}: ${code(key.default)}`);
  if (key.range && (key.range.min !== undefined || key.range.max !== undefined)) facts.push(`${t.range}: ${key.range.min ?? ''}–${key.range.max ?? ''}`);
  if (key.valueType) facts.push(`${t.format}: ${key.valueType}`);
  const os = osLine(info.os, lang);
  if (os) facts.push(os);
  // Markdown joins single lines; a trailing double space keeps each fact on its own line.
  if (facts.length) lines.push(facts.join('  \n'));
  const link = docLink(info.docUrl, info.docTitle, lang);
  if (link) lines.push(link);
  return lines.join('\n\n');
}

function describePayloadType(type: string, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [`**${t.payloadType}** ${codeSpan(type)}`];
  const own = TYPE_DESCRIPTIONS[type]?.[lang];
  if (type === 'Configuration') {
    lines.push(own!);
    const link = docLink(getTopLevelSchema().docUrl, 'TopLevel', lang);
    if (link) lines.push(link);
    return lines.join('\n\n');
  }
  const schema: PayloadSchema | undefined = getPayloadSchema(type);
  if (!schema && own) return [...lines, own].join('\n\n');
  if (!schema) {
    const removedIn = getRemovedPayloadRelease(type);
    lines.push(removedIn ? t.removedType.replace('{0}', removedIn) : t.unknownType);
    return lines.join('\n\n');
  }
  if (own) lines.push(own);
  const os = schema.os && osLine(schema.os, lang);
  if (os) lines.push(os);
  const link = docLink(schema.docUrl, type, lang);
  if (link) lines.push(link);
  return lines.join('\n\n');
}

/** Markdown for a payload type (completion documentation uses it too). */
export function getPayloadTypeDocs(type: string, settings: Pick<ServiceSettings, 'locale'>): string {
  return describePayloadType(type, langOf(settings));
}

/** Which app a VPNSubType value selects, by the subtype lists in the settings. */
export function describeSubtype(value: string, settings: Pick<ServiceSettings, 'locale' | 'anyconnectNewSubtypes' | 'anyconnectLegacySubtypes'>): string {
  const t = TEXT[langOf(settings)];
  const head = `**VPNSubType** ${codeSpan(value)}`;
  if (settings.anyconnectNewSubtypes.includes(value)) return `${head}\n\n${t.newApp}`;
  if (settings.anyconnectLegacySubtypes.includes(value)) return `${head}\n\n${t.legacyApp}`;
  return `${head}\n\n${t.otherApp}`;
}

/**
 * The schema hover at `offset`: on a `<key>`, what the catalog knows about it; on a PayloadType value, the
 * payload type; on a VPNSubType value, which AnyConnect app it selects. Undefined anywhere else.
 */
export function getSchemaHover(document: TextDocument, model: ProfileModel, offset: number): Hover | undefined {
  const { settings } = model;
  const lang = langOf(settings);
  const hit = entryAt(model.parse.root, offset);
  if (!hit) return undefined;
  const range = (start: number, length: number) => ({ start: document.positionAt(start), end: document.positionAt(start + length) });
  const { dict, key, value } = hit;
  if (!key) return undefined;
  if (value) {
    if (value.kind !== 'string') return undefined;
    const ctx = model.dictContext(dict);
    if (key.name === 'PayloadType' && ctx.atPayloadLevel) {
      return markdown(describePayloadType(value.value.trim(), lang), range(value.offset, value.length));
    }
    if (key.name === 'VPNSubType' && ctx.scope === 'payload' && ctx.atPayloadLevel) {
      return markdown(describeSubtype(value.value.trim(), settings), range(value.offset, value.length));
    }
    return undefined;
  }
  const info = model.keyFacts(dict, key.name);
  if (!info) return undefined;
  return markdown(describeKey(key.name, info, lang), range(key.offset, key.length));
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: 'markdown', value }, range };
}
