/**
 * The hostile inputs of issue 6, built from code so nobody has to paste a billion-laughs file by hand.
 * Each case gives the bytes a file on disk would hold and the texts an editor or the CLI could hand the
 * service for them (a wrongly decoded UTF-16 file is as real as a correctly decoded one). generate.ts writes
 * the small ones to test/fixtures/hostile/; the tests build every case in memory (or in a temp dir) each run.
 */

/** One hostile input. `bytes` is what a file holds; `texts` are the decodings worth feeding to the service. */
export interface HostileCase {
  name: string;
  /** Why this input is hostile, in one line (goes into the fixture README). */
  why: string;
  bytes: () => Buffer;
  /** Labelled texts; the default is the bytes decoded as the CLI would (see `decodeAsCli`). */
  texts?: () => { label: string; text: string }[];
}

/** A small, valid AnyConnect VPN profile: the body most cases are wrapped around or cut from. */
export function vpnProfile(opts: { data?: string; extraPayloadKeys?: string; eol?: string } = {}): string {
  const eol = opts.eol ?? '\n';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>PayloadContent</key>',
    '  <array>',
    '    <dict>',
    '      <key>PayloadDisplayName</key>',
    '      <string>Hostile VPN</string>',
    '      <key>PayloadIdentifier</key>',
    '      <string>com.example.hostile.vpn</string>',
    '      <key>PayloadType</key>',
    '      <string>com.apple.vpn.managed</string>',
    '      <key>PayloadUUID</key>',
    '      <string>6F1B5C3E-2A4D-4E8F-9B0C-1D2E3F4A5B6C</string>',
    '      <key>PayloadVersion</key>',
    '      <integer>1</integer>',
    '      <key>UserDefinedName</key>',
    '      <string>Hostile VPN</string>',
    '      <key>VPNType</key>',
    '      <string>VPN</string>',
    '      <key>VPNSubType</key>',
    '      <string>com.cisco.anyconnect</string>',
    '      <key>VPN</key>',
    '      <dict>',
    '        <key>RemoteAddress</key>',
    '        <string>vpn.example.com</string>',
    '        <key>AuthenticationMethod</key>',
    '        <string>Password</string>',
    '      </dict>',
    ...(opts.extraPayloadKeys !== undefined ? [opts.extraPayloadKeys] : []),
    '    </dict>',
    ...(opts.data !== undefined
      ? [
          '    <dict>',
          '      <key>PayloadContent</key>',
          `      <data>${opts.data}</data>`,
          '      <key>PayloadIdentifier</key>',
          '      <string>com.example.hostile.cert</string>',
          '      <key>PayloadType</key>',
          '      <string>com.apple.security.root</string>',
          '      <key>PayloadUUID</key>',
          '      <string>0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9</string>',
          '      <key>PayloadVersion</key>',
          '      <integer>1</integer>',
          '    </dict>',
        ]
      : []),
    '  </array>',
    '  <key>PayloadDisplayName</key>',
    '  <string>Hostile</string>',
    '  <key>PayloadIdentifier</key>',
    '  <string>com.example.hostile</string>',
    '  <key>PayloadType</key>',
    '  <string>Configuration</string>',
    '  <key>PayloadUUID</key>',
    '  <string>9C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3</string>',
    '  <key>PayloadVersion</key>',
    '  <integer>1</integer>',
    '</dict>',
    '</plist>',
    '',
  ];
  return lines.join(eol);
}

/** Wraps a payload-level fragment (already-formed `<key>…` lines) into the profile's VPN payload. */
const withPayloadKeys = (keys: string) => vpnProfile({ extraPayloadKeys: keys });

/** Wraps an arbitrary plist root value into a bare `<plist>` document. */
const plistOf = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n${body}\n</plist>\n`;

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/**
 * How the CLI turns bytes into text (mirrors server/src/service/decode.ts, re-implemented here so a bug
 * there cannot hide the same bug in the expectation): UTF-16 by BOM, latin1 for binary containers, else UTF-8.
 */
export function decodeAsCli(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist' || (bytes[0] === 0x30 && bytes[1] >= 0x80)) return bytes.toString('latin1');
  return new TextDecoder('utf-8').decode(bytes);
}

/** The texts of a case: its own list, or the CLI decoding plus the naive `Buffer.toString('utf8')`. */
export function textsOf(c: HostileCase): { label: string; text: string }[] {
  if (c.texts) return c.texts();
  const bytes = c.bytes();
  const cli = decodeAsCli(bytes);
  const naive = bytes.toString('utf8');
  return naive === cli ? [{ label: 'utf8', text: cli }] : [{ label: 'cli', text: cli }, { label: 'utf8', text: naive }];
}

/** A DER length: short form below 128, else 0x80|n followed by n big-endian bytes. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const der = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);

/**
 * A CMS SignedData-shaped DER wrapper around `content` (not a valid signature: the parser only has to
 * recognise the container and find the XML in it). The fake certificate bytes after the content contain
 * `<`, `>` and high bytes, as real ones do.
 */
export function fakeSignedDer(content: Buffer): Buffer {
  const oidSignedData = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  const oidData = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
  const fakeCert = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff));
  const encap = der(0x30, Buffer.concat([oidData, der(0xa0, der(0x04, content))]));
  const signedData = der(0x30, Buffer.concat([
    Buffer.from([0x02, 0x01, 0x01]), // version 1
    der(0x31, Buffer.alloc(0)), // digestAlgorithms (empty: nobody checks)
    encap,
    der(0xa0, der(0x30, fakeCert)),
    der(0x31, Buffer.alloc(0)),
  ]));
  // Force the long-form length the detector keys on even for tiny bodies (0x30 0x82 ...).
  const body = Buffer.concat([oidSignedData, der(0xa0, signedData)]);
  const len = Buffer.from([0x82, (body.length >> 8) & 0xff, body.length & 0xff]);
  return Buffer.concat([Buffer.from([0x30]), len, body]);
}

/** A real (tiny) binary plist: `{ PayloadType = "Configuration" }`, as `plutil -convert binary1` writes it. */
export function binaryPlist(): Buffer {
  const header = Buffer.from('bplist00', 'latin1');
  const objects = [
    Buffer.from([0xd1, 0x01, 0x02]), // dict of 1: key ref 1, value ref 2
    Buffer.concat([Buffer.from([0x5b]), Buffer.from('PayloadType', 'ascii')]),
    Buffer.concat([Buffer.from([0x5d]), Buffer.from('Configuration', 'ascii')]),
  ];
  const offsets: number[] = [];
  let at = header.length;
  for (const o of objects) { offsets.push(at); at += o.length; }
  const offsetTable = Buffer.from(offsets);
  const trailer = Buffer.alloc(32);
  trailer[6] = 1; // offset int size
  trailer[7] = 1; // object ref size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([header, ...objects, offsetTable, trailer]);
}

const repeat = (s: string, n: number) => s.repeat(n);

function loneSurrogateText(profile: string): string {
  return profile
    .replace('<key>VPNType</key>', '<key>VPN\ud800Type</key>')
    .replace('Hostile VPN', 'Hostile \udc00VPN\ud83d')
    .replace('<key>VPN</key>', '\udfff<key>VPN</key>\ud800')
    .replace('<string>VPN</string>', '<string>&#xD800;</string>') + '\ud800';
}

/** Base64 text of `bytes` pseudo-random bytes in Apple's 52-character lines (deterministic, no crypto). */
export function base64Lines(bytes: number, indent = '\t'): string {
  const buf = Buffer.alloc(bytes);
  let x = 0x12345678;
  for (let i = 0; i < bytes; i++) { x = (x * 1103515245 + 12345) >>> 0; buf[i] = x >>> 24; }
  const b64 = buf.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 52) lines.push(indent + b64.slice(i, i + 52));
  return '\n' + lines.join('\n') + '\n' + indent;
}

/** The billion-laughs DTD: ten levels of ten references, 10^9 `lol`s if anything ever expanded them. */
function billionLaughs(): string {
  const decls = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${repeat(`&lol${i === 1 ? '' : i - 1};`, 10)}">`);
  return decls.join('\n  ');
}

const doctypeWith = (subset: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist [\n  ${subset}\n]>\n<plist version="1.0">\n${body}\n</plist>\n`;

const payloadDict = (inner: string) => `<dict>\n<key>PayloadType</key>\n<string>Configuration</string>\n${inner}\n</dict>`;

/** All cases. Large ones are built lazily, only when a test asks for their bytes. */
export function hostileCases(): HostileCase[] {
  const small = vpnProfile();
  return [
    {
      name: 'entity-bomb',
      why: 'billion laughs in an internal DTD subset, referenced from a key, a string and the PayloadType',
      bytes: () => utf8(doctypeWith(billionLaughs(), payloadDict('<key>&lol9;</key>\n<string>&lol9;&lol9;</string>\n<key>PayloadDisplayName</key>\n<string>&lol9;</string>'))),
    },
    {
      name: 'entity-quadratic',
      why: 'quadratic blowup: one 50 000-character entity referenced 20 000 times (1 GB if expanded)',
      bytes: () => utf8(doctypeWith(`<!ENTITY a "${repeat('A', 50000)}">`, payloadDict(`<key>PayloadDisplayName</key>\n<string>${repeat('&a;', 20000)}</string>`))),
    },
    {
      name: 'external-entity-file',
      why: 'external entities and a parameter entity naming file:///etc/passwd (XXE)',
      bytes: () => utf8(doctypeWith(
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n  <!ENTITY % pe SYSTEM "file:///etc/passwd">\n  %pe;\n  <!ENTITY xxe2 PUBLIC "-//x//y" "file:///etc/passwd">',
        payloadDict('<key>PayloadDisplayName</key>\n<string>&xxe;</string>\n<key>&xxe2;</key>\n<string>x</string>'),
      )),
    },
    {
      name: 'external-entity-http',
      why: 'an external entity and an external DTD at http://127.0.0.1:9/ (discard port): nothing may connect',
      bytes: () => utf8(
        '<?xml version="1.0"?>\n<!DOCTYPE plist SYSTEM "http://127.0.0.1:9/x.dtd" [\n  <!ENTITY net SYSTEM "http://127.0.0.1:9/x">\n]>\n' +
        `<plist version="1.0">\n${payloadDict('<key>PayloadDisplayName</key>\n<string>&net;</string>')}\n</plist>\n`,
      ),
    },
    {
      name: 'deep-nesting-closed',
      why: '10 000 nested dicts, each properly keyed and closed',
      bytes: () => utf8(plistOf(repeat('<dict><key>k</key>', 10000) + '<string>x</string>' + repeat('</dict>', 10000))),
    },
    {
      name: 'deep-nesting-unclosed',
      why: '10 000 nested arrays that are never closed',
      bytes: () => utf8(plistOf(repeat('<array>', 10000))),
    },
    {
      name: 'deep-nesting-payloads',
      why: '10 000 levels of PayloadContent arrays of payload dicts (what the profile model walks)',
      bytes: () => utf8(plistOf(repeat('<dict><key>PayloadType</key><string>Configuration</string><key>PayloadContent</key><array>', 10000) + repeat('</array></dict>', 10000))),
    },
    {
      name: 'huge-data-20mb',
      why: 'a 20 MB profile, almost all of it one <data> in 52-character base64 lines',
      bytes: () => utf8(vpnProfile({ data: base64Lines(15 * 1024 * 1024, '      ') })),
    },
    {
      name: 'nul-bytes',
      why: 'NUL characters at the start, between tags, inside a key and inside a string',
      bytes: () => utf8('\0' + small.replace('<key>VPNType</key>', '<key>VPN\0Type</key>\0').replace('Hostile VPN', 'Hostile\0VPN')),
    },
    {
      name: 'invalid-utf8',
      why: 'invalid UTF-8: bare continuation bytes, overlong forms, an encoded surrogate, a truncated sequence at EOF',
      bytes: () => Buffer.concat([
        utf8(small.replace('Hostile VPN', 'Hostile \x01VPN').slice(0, 400)),
        Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xc3, 0x28, 0xff]),
        utf8(small.slice(400)),
        Buffer.from([0xe2, 0x82]),
      ]),
    },
    {
      name: 'utf16le-bom',
      why: 'UTF-16LE with a BOM: decoded properly, and mis-decoded as UTF-8 and as latin1',
      bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(small.replace('Hostile VPN', 'Hostile VPN 日本語'), 'utf16le')]),
      texts() {
        const b = this.bytes();
        return [
          { label: 'decoded', text: decodeAsCli(b) },
          { label: 'as-utf8', text: b.toString('utf8') },
          { label: 'as-latin1', text: b.toString('latin1') },
        ];
      },
    },
    {
      name: 'utf16be-bom',
      why: 'UTF-16BE with a BOM: decoded properly, and mis-decoded as UTF-8 (a NUL before every ASCII character)',
      bytes: () => {
        const le = Buffer.from(small, 'utf16le');
        for (let i = 0; i + 1 < le.length; i += 2) { const t = le[i]; le[i] = le[i + 1]; le[i + 1] = t; }
        return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
      },
      texts() {
        const b = this.bytes();
        return [{ label: 'decoded', text: decodeAsCli(b) }, { label: 'as-utf8', text: b.toString('utf8') }];
      },
    },
    {
      name: 'binary-plist',
      why: 'a real binary property list (bplist00), read as latin1 and as UTF-8',
      bytes: binaryPlist,
    },
    {
      name: 'binary-plist-truncated',
      why: 'just the bplist magic and a few bytes',
      bytes: () => binaryPlist().subarray(0, 11),
    },
    {
      name: 'signed-der',
      why: 'a CMS SignedData-shaped DER wrapper with the XML profile as its content',
      bytes: () => fakeSignedDer(utf8(small)),
    },
    {
      name: 'signed-der-broken-xml',
      why: 'a signed wrapper whose content is cut inside a <dict>, followed by certificate bytes holding `<` and `>`',
      bytes: () => fakeSignedDer(utf8(small.slice(0, small.indexOf('<key>VPN</key>')) + '</plist>')),
    },
    {
      name: 'signed-der-no-xml',
      why: 'DER that looks signed but holds no XML at all',
      bytes: () => fakeSignedDer(Buffer.from('not a plist at all')),
    },
    {
      name: 'signed-der-end-before-start',
      why: 'DER whose only `</plist>` comes before its `<?xml`',
      bytes: () => fakeSignedDer(utf8('</plist> junk <?xml version="1.0"?><plist><dict>')),
    },
    {
      name: 'empty',
      why: 'zero bytes',
      bytes: () => Buffer.alloc(0),
    },
    {
      name: 'whitespace-only',
      why: 'spaces, tabs, CR, LF, a form feed, NBSP and a BOM, nothing else',
      bytes: () => utf8('\ufeff \t\r\n\r\n\f\u00a0  \n'),
    },
    {
      name: 'bom-only',
      why: 'a UTF-8 BOM and nothing else',
      bytes: () => Buffer.from([0xef, 0xbb, 0xbf]),
    },
    {
      name: 'mismatched-tags',
      why: 'crossed, stray and doubled end tags at every level',
      bytes: () => utf8(
        '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>PayloadContent</key>\n<array>\n<dict>\n<key>PayloadType</key>\n' +
        '<string>com.apple.vpn.managed</dict></string>\n</array></dict>\n<key>A</key><array></dict></array>\n</key></string></plist></plist>\n' +
        '<dict></array></key><key></dict>\n</plist>\n<plist><dict/></plist>\n',
      ),
    },
    {
      name: 'duplicate-keys-50000',
      why: '50 000 copies of the same key in one payload dict',
      bytes: () => utf8(withPayloadKeys(repeat('      <key>PayloadDescription</key>\n      <string>again</string>\n', 50000))),
    },
    {
      name: 'duplicate-payloads-5000',
      why: '5 000 VPN payloads sharing one PayloadUUID, identifier and name (pairwise rules)',
      bytes: () => {
        const payload = small.slice(small.indexOf('    <dict>\n      <key>PayloadDisplayName</key>'), small.indexOf('  </array>'));
        return utf8(small.replace(payload, repeat(payload, 5000)));
      },
    },
    {
      name: 'key-1mb',
      why: 'a single 1 MB key: without a value, as an unknown payload key, and as a 1 MB PayloadType value',
      bytes: () => {
        const big = repeat('PayloadIdentifierX', 58255).slice(0, 1024 * 1024);
        return utf8(withPayloadKeys(`      <key>${big}</key>\n      <string>x</string>\n      <key>${big}</key>\n`)
          .replace('<string>com.apple.vpn.managed</string>', `<string>${big}</string>`));
      },
    },
    {
      name: 'crlf',
      why: 'CRLF line endings throughout',
      bytes: () => utf8(vpnProfile({ eol: '\r\n' })),
    },
    {
      name: 'mixed-line-endings',
      why: 'LF, CRLF, lone CR, LS, PS and NEL mixed line by line, and a CR right before the last byte',
      bytes: () => {
        const ends = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\r\r\n', '\n\r'];
        return utf8(small.split('\n').map((l, i) => l + ends[i % ends.length]).join('') + '\r');
      },
    },
    {
      name: 'lone-surrogates',
      why: 'lone high and low surrogates in a key, a string, between tags and as the last character',
      // UTF-16 is the one encoding that can carry a lone surrogate to disk; the CLI decodes it to U+FFFD,
      // while an editor buffer (or an LSP client's JSON) can hand the raw code units to the server.
      bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(loneSurrogateText(small), 'utf16le')]),
      texts() {
        return [{ label: 'raw', text: loneSurrogateText(small) }, { label: 'cli', text: decodeAsCli(this.bytes()) }];
      },
    },
    // Scanner storms: each repeats one construct a megabyte long, where a careless scanner goes quadratic.
    {
      name: 'storm-ampersands',
      why: 'a megabyte of bare `&` inside one string (each must not rescan the rest of the text)',
      bytes: () => utf8(withPayloadKeys(`      <key>PayloadDescription</key>\n      <string>${repeat('&', 1 << 20)}</string>`)),
    },
    {
      name: 'storm-less-than',
      why: 'a megabyte of `<` between tags',
      bytes: () => utf8(plistOf(`<dict>${repeat('<', 1 << 20)}</dict>`)),
    },
    {
      name: 'storm-unterminated-tags',
      why: '300 000 `<a` start tags that never close',
      bytes: () => utf8(plistOf(repeat('<a ', 300000))),
    },
    {
      name: 'storm-end-tags',
      why: '200 000 stray end tags under a 200-deep stack (each searches the stack)',
      bytes: () => utf8(plistOf(repeat('<array>', 200) + repeat('</x>', 200000))),
    },
    {
      name: 'storm-comments',
      why: '250 000 unterminated comment starts inside strings',
      bytes: () => utf8(plistOf(`<array>${repeat('<string><!--', 250000)}</array>`)),
    },
    {
      name: 'storm-keys',
      why: '300 000 keys without values',
      bytes: () => utf8(plistOf(`<dict>${repeat('<key>k</key>', 300000)}</dict>`)),
    },
    {
      name: 'storm-unknown-elements',
      why: '200 000 distinct unknown elements, nested and never closed',
      bytes: () => utf8(plistOf(`<dict><key>a</key>${Array.from({ length: 200000 }, (_, i) => `<x${i}>`).join('')}</dict>`)),
    },
    {
      name: 'storm-doctype',
      why: 'a DOCTYPE whose internal subset never closes, with 100 000 entity declarations',
      bytes: () => utf8(`<?xml version="1.0"?>\n<!DOCTYPE plist [\n${repeat('<!ENTITY e "x">\n', 100000)}`),
    },
    {
      name: 'storm-cdata',
      why: '200 000 CDATA sections in one string, and one unterminated at the end',
      bytes: () => utf8(plistOf(`<string>${repeat('<![CDATA[x]]>', 200000)}<![CDATA[`)),
    },
    {
      name: 'one-line-profile',
      why: 'a 2 MB profile on a single line (positions far along one line)',
      bytes: () => utf8(withPayloadKeys(repeat('<key>OnDemandMatchDomainsAlways</key><array><string>example.com</string></array>', 25000)).replace(/\n/g, '')),
    },
  ];
}

/** A small profile every prefix of which is a "truncated file" case. */
export const truncationSource = (): string => vpnProfile({ data: base64Lines(60, '      ') });
