/**
 * The parser's messages (and the diagnostics pipeline's two notes), each under an id with its English and
 * Japanese text side by side, so a problem is rendered once in the user's language and matched by id, never by text.
 */
import type { Problem } from '../types';

const ELEMENTS = 'dict, array, key, string, integer, real, true, false, date, data';

const en = {
  binary: () => 'This is a binary property list. Convert it to XML (for example `plutil -convert xml1 FILE`) to edit and validate it.',
  signed: () => 'This profile is signed (CMS/PKCS#7). Its embedded XML plist is validated; edits would break the signature, and portals want it unsigned.',
  signedWithoutPlist: () => 'This profile is signed (CMS/PKCS#7) but no embedded XML plist was found in it.',
  empty: () => 'The file is empty: a profile is an XML property list with a <plist> root.',
  notPlist: () => 'This is not an XML property list: it should start with `<?xml` or `<plist`.',
  nul: () => 'NUL characters are not allowed in XML.',
  noPlist: () => 'No <plist> element found: a profile is an XML property list.',
  noPlistRoot: () => 'No <plist> root element: a profile is `<plist version="1.0">` holding one <dict>.',
  strayText: () => 'Text outside a value element: put it inside <string>, <key> or another value element.',
  strayCdata: () => 'CDATA outside a value element.',
  unterminatedPi: () => 'Unterminated processing instruction: expected `?>`.',
  malformedMarkup: () => 'Malformed markup.',
  unterminatedComment: () => 'Unterminated comment: expected `-->`.',
  unterminatedCdata: () => 'Unterminated CDATA section: expected `]]>`.',
  dtdEntity: () => 'Entity declarations are ignored: entities are never expanded here, and devices may reject the profile.',
  unterminatedDoctype: () => 'Unterminated DOCTYPE declaration.',
  unterminatedTag: (name: string) => `Unterminated tag <${name}: expected \`>\`.`,
  unterminatedEndTag: (name: string) => `Unterminated end tag </${name}: expected \`>\`.`,
  plistTwice: () => '<plist> may only appear once, as the root element.',
  tooDeep: (max: number) => `Nesting deeper than ${max} levels is not validated.`,
  valueOutsidePlist: () => 'Value outside the <plist> element.',
  extraValue: () => '<plist> holds exactly one value; this one is extra.',
  valueWithoutKey: () => 'Value without a <key> in a dictionary.',
  misplacedKey: () => '<key> belongs only inside a <dict>.',
  keyWithoutValue: (key: string) => `Key "${key}" has no value.`,
  boolWithText: (name: string) => `<${name}/> holds no text.`,
  unknownElement: (name: string) => `<${name}> is not a property-list element (${ELEMENTS}).`,
  missingEndTagInLeaf: (name: string) => `Missing </${name}> (a <${name}> holds only text).`,
  missingEndTag: (name: string) => `Missing </${name}>.`,
  unexpectedEndTag: (name: string) => `Unexpected </${name}>: no open <${name}> to close.`,
  unknownEntity: (name: string) => `Unknown entity &${name}; (only &amp; &lt; &gt; &quot; &apos; and character references are allowed; DTD entities are never expanded).`,
  bareAmpersand: () => 'A bare `&` must be written `&amp;`.',
  emptyPlist: () => '<plist> holds no value: devices reject a property list without one.',
  emptyData: () => 'Devices reject an empty-element <data/>: write <data></data> for empty data.',
  commentInValue: (name: string) => `Devices reject a comment inside <${name}>: move it outside the element.`,
  cdataInValue: (name: string) => `Devices reject CDATA inside <${name}>: write the value as plain text.`,
  referenceInValue: (name: string) => `Devices reject an entity or character reference inside <${name}>: write the value as plain text.`,
  upperHexReference: () => 'Devices reject a character reference written with an upper-case X: write `&#x…;`.',
  nonXmlCharacter: (code: string) => `&#x${code}; is a character XML 1.0 does not allow: devices accept it, but the export cannot write it and other tools reject the file.`,
  replacementCharacter: () => 'U+FFFD (the replacement character) here usually stands for bytes that are not valid UTF-8, which devices reject: save the file as UTF-8.',
  secondBom: () => 'The file starts with two byte-order marks: devices reject it. Remove the extra one.',
  bareRoot: () => 'No <plist> element around the root: devices accept this, but Apple\'s tools always write `<plist version="1.0">`.',
  afterPlist: () => 'Devices read only the first value and ignore everything after it: this is lost.',
  nestedPlist: () => 'A <plist> inside a value: devices take the value inside it, but other tools reject the file. Remove the inner <plist> tags.',
  keyAsString: () => '<key> outside a <dict>: devices read it as a <string>. Write <string> if a string is meant.',
  documentTooLarge: (chars: number, max: number) => `This file has ${chars} characters, more than mobileconfig.limits.maxDocumentSize (${max}): only XML errors are reported.`,
  tooManyDiagnostics: (max: number) => `More than ${max} problems; the rest are not shown (mobileconfig.limits.maxDiagnostics).`,
};

export type ParserMessageId = keyof typeof en;

/** Every message id, for tests that check both tables. */
export const PARSER_MESSAGE_IDS = Object.keys(en) as readonly ParserMessageId[];
/** The arguments message `id` takes. */
export type ParserMessageArgs<K extends ParserMessageId> = Parameters<(typeof en)[K]>;

/** Same ids and parameters as the English table: the type checker refuses a missing or extra entry. */
const ja: { [K in ParserMessageId]: (typeof en)[K] } = {
  binary: () => 'バイナリ形式のプロパティリストです。編集・検証するには XML に変換してください (例: `plutil -convert xml1 FILE`)。',
  signed: () => '署名済み (CMS/PKCS#7) のプロファイルです。埋め込まれた XML plist を検証します。編集すると署名が壊れます。ポータルには署名なしのファイルが必要です。',
  signedWithoutPlist: () => '署名済み (CMS/PKCS#7) のプロファイルですが、埋め込まれた XML plist が見つかりません。',
  empty: () => 'ファイルが空です。プロファイルは <plist> をルートとする XML プロパティリストです。',
  notPlist: () => 'XML プロパティリストではありません。`<?xml` または `<plist` で始まる必要があります。',
  nul: () => 'XML には NUL 文字を含められません。',
  noPlist: () => '<plist> 要素がありません。プロファイルは XML プロパティリストです。',
  noPlistRoot: () => '<plist> ルート要素がありません。プロファイルは 1 つの <dict> を含む `<plist version="1.0">` です。',
  strayText: () => '値要素の外にテキストがあります。<string>、<key> などの値要素の中に入れてください。',
  strayCdata: () => '値要素の外に CDATA があります。',
  unterminatedPi: () => '処理命令が閉じられていません (`?>` が必要です)。',
  malformedMarkup: () => 'マークアップが不正です。',
  unterminatedComment: () => 'コメントが閉じられていません (`-->` が必要です)。',
  unterminatedCdata: () => 'CDATA セクションが閉じられていません (`]]>` が必要です)。',
  dtdEntity: () => 'エンティティ宣言は無視されます (展開しません)。端末がプロファイルを拒否する場合があります。',
  unterminatedDoctype: () => 'DOCTYPE 宣言が閉じられていません。',
  unterminatedTag: (name) => `タグ <${name} が閉じられていません (\`>\` が必要です)。`,
  unterminatedEndTag: (name) => `終了タグ </${name} が閉じられていません (\`>\` が必要です)。`,
  plistTwice: () => '<plist> はルート要素として 1 回だけ記述できます。',
  tooDeep: (max) => `${max} 階層より深い入れ子は検証しません。`,
  valueOutsidePlist: () => '<plist> 要素の外に値があります。',
  extraValue: () => '<plist> に含められる値は 1 つだけです。この値は余分です。',
  valueWithoutKey: () => 'dict 内の値に対応する <key> がありません。',
  misplacedKey: () => '<key> は <dict> の中にだけ記述できます。',
  keyWithoutValue: (key) => `キー "${key}" に値がありません。`,
  boolWithText: (name) => `<${name}/> にはテキストを含められません。`,
  unknownElement: (name) => `<${name}> はプロパティリストの要素ではありません (${ELEMENTS})。`,
  missingEndTagInLeaf: (name) => `</${name}> がありません (<${name}> に含められるのはテキストのみです)。`,
  missingEndTag: (name) => `</${name}> がありません。`,
  unexpectedEndTag: (name) => `予期しない </${name}> です。対応する開始タグがありません。`,
  unknownEntity: (name) => `不明なエンティティ &${name}; です (使えるのは &amp; &lt; &gt; &quot; &apos; と文字参照のみ。DTD エンティティは展開しません)。`,
  bareAmpersand: () => '`&` 単独は `&amp;` と記述してください。',
  emptyPlist: () => '<plist> に値がありません。値のないプロパティリストは端末に拒否されます。',
  emptyData: () => '空要素 <data/> は端末に拒否されます。空のデータは <data></data> と記述してください。',
  commentInValue: (name) => `<${name}> の中のコメントは端末に拒否されます。要素の外に移してください。`,
  cdataInValue: (name) => `<${name}> の中の CDATA は端末に拒否されます。値は通常のテキストで記述してください。`,
  referenceInValue: (name) => `<${name}> の中のエンティティ参照・文字参照は端末に拒否されます。値は通常のテキストで記述してください。`,
  upperHexReference: () => '大文字の X を使った文字参照は端末に拒否されます。`&#x…;` と記述してください。',
  nonXmlCharacter: (code) => `&#x${code}; は XML 1.0 で使えない文字です。端末は受け入れますが、書き出しではこの文字を書けず、他のツールはこのファイルを拒否します。`,
  replacementCharacter: () => 'ここにある U+FFFD (置換文字) は、多くの場合 UTF-8 として正しくないバイトを表します。端末はこれを拒否します。ファイルを UTF-8 で保存してください。',
  secondBom: () => 'ファイルの先頭にバイト順マークが 2 つあります。端末に拒否されます。余分な 1 つを削除してください。',
  bareRoot: () => 'ルート要素を囲む <plist> 要素がありません。端末は受け入れますが、Apple のツールは必ず `<plist version="1.0">` を書き出します。',
  afterPlist: () => '端末は最初の値だけを読み、その後ろはすべて無視します。この内容は失われます。',
  nestedPlist: () => '値の中に <plist> があります。端末は中の値を使いますが、他のツールはこのファイルを拒否します。内側の <plist> タグを削除してください。',
  keyAsString: () => '<dict> の外の <key> は、端末では <string> として読まれます。文字列のつもりなら <string> と記述してください。',
  documentTooLarge: (chars, max) => `このファイルは ${chars} 文字あり、mobileconfig.limits.maxDocumentSize (${max}) を超えています。XML のエラーのみ報告します。`,
  tooManyDiagnostics: (max) => `問題が ${max} 件を超えています。残りは表示しません (mobileconfig.limits.maxDiagnostics)。`,
};

/** What a parser problem carries in `data`: rules, fixes and tests compare these, never the text. */
export interface ParserMessageData {
  messageId: ParserMessageId;
  args: (string | number)[];
}

/** The text of message `id` in `locale` (`ja…` is Japanese, anything else English). */
export function renderMessage<K extends ParserMessageId>(locale: string | undefined, id: K, ...args: ParserMessageArgs<K>): string {
  const table = locale !== undefined && locale.toLowerCase().startsWith('ja') ? ja : en;
  return (table[id] as (...a: ParserMessageArgs<K>) => string)(...args);
}

/** A problem with message `id` rendered in `locale`, and the id and arguments in `data`. */
export function messageProblem<K extends ParserMessageId>(code: string, offset: number, length: number, locale: string | undefined, id: K, ...args: ParserMessageArgs<K>): Problem {
  const data: ParserMessageData = { messageId: id, args };
  return { code, offset, length: Math.max(0, length), message: renderMessage(locale, id, ...args), data };
}

/** What tells parser problems apart, wherever they are and in any locale: the code, message id and arguments. */
export function parserProblemKey(problem: Problem): string {
  return `${problem.code}:${JSON.stringify(problem.data)}`;
}

/**
 * True for a problem the canonical export cannot resolve, whatever its severity: a character XML 1.0 forbids
 * can be written neither raw nor as a reference, so the export must refuse rather than write a broken file.
 */
export function refusesExport(data: unknown): boolean {
  return (data as ParserMessageData | undefined)?.messageId === 'nonXmlCharacter';
}
