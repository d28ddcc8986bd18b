/**
 * Japanese for the parser's messages. The parser writes English (it has no locale); the diagnostics
 * pipeline translates its problems here by pattern, so the parser's hot path stays free of message tables.
 */

const TABLE: [RegExp, string][] = [
  [/^This is a binary property list\. .*$/s, 'バイナリ形式のプロパティリストです。編集・検証するには XML に変換してください (例: `plutil -convert xml1 FILE`)。'],
  [/^This profile is signed \(CMS\/PKCS#7\)\. Its embedded .*$/s, '署名済み (CMS/PKCS#7) のプロファイルです。埋め込まれた XML plist を検証します。編集すると署名が壊れます。ポータルには署名なしのファイルが必要です。'],
  [/^This profile is signed \(CMS\/PKCS#7\) but no embedded .*$/s, '署名済み (CMS/PKCS#7) のプロファイルですが、埋め込まれた XML plist が見つかりません。'],
  [/^The file is empty: .*$/s, 'ファイルが空です。プロファイルは <plist> をルートとする XML プロパティリストです。'],
  [/^This is not an XML property list: .*$/s, 'XML プロパティリストではありません。`<?xml` または `<plist` で始まる必要があります。'],
  [/^NUL characters are not allowed in XML\.$/, 'XML には NUL 文字を含められません。'],
  [/^No <plist> element found: .*$/s, '<plist> 要素がありません。プロファイルは XML プロパティリストです。'],
  [/^No <plist> root element: .*$/s, '<plist> ルート要素がありません。プロファイルは 1 つの <dict> を含む `<plist version="1.0">` です。'],
  [/^Text outside a value element: .*$/s, '値要素の外にテキストがあります。<string>、<key> などの値要素の中に入れてください。'],
  [/^CDATA outside a value element\.$/, '値要素の外に CDATA があります。'],
  [/^Unterminated processing instruction: .*$/s, '処理命令が閉じられていません (`?>` が必要です)。'],
  [/^Malformed markup\.$/, 'マークアップが不正です。'],
  [/^Unterminated comment: .*$/s, 'コメントが閉じられていません (`-->` が必要です)。'],
  [/^Unterminated CDATA section: .*$/s, 'CDATA セクションが閉じられていません (`]]>` が必要です)。'],
  [/^Entity declarations are ignored: .*$/s, 'エンティティ宣言は無視されます (展開しません)。端末がプロファイルを拒否する場合があります。'],
  [/^Unterminated DOCTYPE declaration\.$/, 'DOCTYPE 宣言が閉じられていません。'],
  [/^Unterminated tag <([^:]*): .*$/s, 'タグ <$1 が閉じられていません (`>` が必要です)。'],
  [/^Unterminated end tag <\/([^:]*): .*$/s, '終了タグ </$1 が閉じられていません (`>` が必要です)。'],
  [/^<plist> may only appear once, .*$/s, '<plist> はルート要素として 1 回だけ記述できます。'],
  [/^Nesting deeper than (\d+) levels is not validated\.$/, '$1 階層より深い入れ子は検証しません。'],
  [/^Value outside the <plist> element\.$/, '<plist> 要素の外に値があります。'],
  [/^<plist> holds exactly one value; .*$/s, '<plist> に含められる値は 1 つだけです。この値は余分です。'],
  [/^Value without a <key> in a dictionary\.$/, 'dict 内の値に対応する <key> がありません。'],
  [/^<key> belongs only inside a <dict>\.$/, '<key> は <dict> の中にだけ記述できます。'],
  [/^Key "(.*)" has no value\.$/s, 'キー "$1" に値がありません。'],
  [/^<(\w+)\/> holds no text\.$/, '<$1/> にはテキストを含められません。'],
  [/^<([^>]+)> is not a property-list element .*$/s, '<$1> はプロパティリストの要素ではありません (dict, array, key, string, integer, real, true, false, date, data)。'],
  [/^Missing <\/(\w+)> \(a <\w+> holds only text\)\.$/, '</$1> がありません (<$1> に含められるのはテキストのみです)。'],
  [/^Missing <\/([\w:.-]+)>\.$/, '</$1> がありません。'],
  [/^Unexpected <\/([^>]+)>: .*$/s, '予期しない </$1> です。対応する開始タグがありません。'],
  [/^Unknown entity &([^;]+);.*$/s, '不明なエンティティ &$1; です (使えるのは &amp; &lt; &gt; &quot; &apos; と文字参照のみ。DTD エンティティは展開しません)。'],
  [/^A bare `&` must be written `&amp;`\.$/, '`&` 単独は `&amp;` と記述してください。'],
  [/^This file has (\d+) characters, more than (\S+) \((\d+)\): .*$/s, 'このファイルは $1 文字あり、$2 ($3) を超えています。XML のエラーのみ報告します。'],
  [/^More than (\d+) problems; .*\((\S+)\)\.$/s, '問題が $1 件を超えています。残りは表示しません ($2)。'],
];

/** The Japanese form of a parser or pipeline message, or undefined when none is known. */
export function translateParserMessageJa(message: string): string | undefined {
  for (const [pattern, ja] of TABLE) {
    if (pattern.test(message)) return message.replace(pattern, ja);
  }
  return undefined;
}
