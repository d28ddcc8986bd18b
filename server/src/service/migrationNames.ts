/**
 * Names for the new-app copy a migration adds next to a legacy AnyConnect payload. The copy must not ship the
 * legacy name: devices and the Outline would show two payloads that say the same thing, one of them wrongly
 * (shared/domain/README.md, "The two iOS apps"). A name that mentions the legacy app is rewritten to name the
 * new one; any other name gets the new app's name added; a name still taken gets a number.
 */

/** Ways administrators write "the legacy app" in a payload name, and what each becomes in the copy. */
const LEGACY_MENTIONS: { pattern: RegExp; replacement: string }[] = [
  // "Cisco Legacy AnyConnect VPN" → "Cisco AnyConnect VPN": the brand stays, the word "Legacy" goes.
  { pattern: /\blegacy[\s_-]*(?=anyconnect\b)/gi, replacement: '' },
  { pattern: /(\banyconnect)[\s_-]*legacy\b/gi, replacement: '$1' },
  // "Corporate VPN (legacy)", "VPN【旧】", "VPN（レガシー）": the marker goes, the new app's name is added below.
  { pattern: /\s*[([（【［]\s*(?:legacy|old|レガシー|旧(?:アプリ|版)?)\s*[)\]）】］]/gi, replacement: '' },
  { pattern: /\blegacy\b/gi, replacement: '' },
  { pattern: /レガシー|旧アプリ|旧版/g, replacement: '' },
];

/** The new app's name as it is added to a name, in the profile's language (brand names are not translated). */
function suffix(locale: string, n: number): string {
  const ja = locale.toLowerCase().startsWith('ja');
  if (n === 1) return ja ? ' (Cisco AnyConnect 用)' : ' (Cisco AnyConnect)';
  return ja ? ` (Cisco AnyConnect 用 ${n})` : ` (Cisco AnyConnect ${n})`;
}

/** Whether `name` mentions the legacy app in one of the ways above. */
export function mentionsLegacyApp(name: string): boolean {
  return LEGACY_MENTIONS.some(({ pattern }) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(name));
}

/** `name` with every mention of the legacy app removed or turned into the new app's name, spaces tidied. */
export function withoutLegacyMention(name: string): string {
  let out = name;
  for (const { pattern, replacement } of LEGACY_MENTIONS) out = out.replace(pattern, replacement);
  return out.replace(/\s{2,}/g, ' ').replace(/^[\s:：,、-]+|[\s:：,、-]+$/g, '');
}

/**
 * The name for the new-app copy of a payload named `name`: it names Cisco AnyConnect (never the legacy app)
 * and is not in `taken`, which it joins so the next copy gets another one. `locale` picks the language of
 * the words added.
 */
export function newAppCopyName(name: string, taken: Set<string>, locale: string): string {
  const base = withoutLegacyMention(name);
  let candidate: string;
  let n = 1;
  if (base !== name.trim() && /anyconnect/i.test(base)) {
    // The rewrite names the new app ("Cisco AnyConnect VPN"): a number tells it apart, a second brand would not.
    candidate = base;
    while (taken.has(candidate)) candidate = `${base} ${++n}`;
  } else {
    const stem = base || 'VPN';
    candidate = stem + suffix(locale, n);
    while (taken.has(candidate)) candidate = stem + suffix(locale, ++n);
  }
  taken.add(candidate);
  return candidate;
}
