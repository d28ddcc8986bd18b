/**
 * Flags value text that its element cannot hold: non-numeric or out-of-range integers, bad reals,
 * dates that are not ISO 8601 UTC, and `<data>` that is not base64. Devices refuse such profiles.
 */
import type { ProfileModel } from '../model';
import type { BoolNode, PlistNode, ScalarNode } from '../types';
import type { Rule } from './rule';

// What devices accept (CFPropertyList.c): white space before an integer or real but not after it
// (`parseIntegerTag`, `parseRealTag`), none around a date (`parseDateTag`); see README "Parser decisions".
const INTEGER = /^\s*([+-]?)\s*(0[xX][0-9A-Fa-f]+|\d+)$/;
const REAL = /^(\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?inf(inity)?|nan)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export const plistInvalidValue: Rule = {
  id: 'plist-invalid-value',
  defaultSeverity: 'error',
  description: 'An <integer>, <real>, <date> or <data> whose text is not a valid value of that type.',
  messages: {
    en: {
      integer: '"{0}" is not an integer.',
      range: '{0} is outside the 64-bit integer range.',
      real: '"{0}" is not a real number.',
      date: '"{0}" is not a date: write it as YYYY-MM-DDThh:mm:ssZ (UTC).',
      dataLength: 'The base64 text in <data> has a length that is not a multiple of 4.',
      dateImpossible: '"{0}" is not a calendar date: devices accept it but read another date.',
      dataSkipped: '<data> holds characters that are not base64: devices skip them, so the bytes are probably not what was meant.',
      dataForeign: '<data> holds a character outside ASCII: devices reject it.',
    },
    ja: {
      integer: '"{0}" は整数ではありません。',
      range: '{0} は 64 ビット整数の範囲外です。',
      real: '"{0}" は実数ではありません。',
      date: '"{0}" は日付ではありません。YYYY-MM-DDThh:mm:ssZ (UTC) 形式で記述してください。',
      dataLength: '<data> の base64 テキストの長さが 4 の倍数ではありません。',
      dateImpossible: '"{0}" は暦にない日付です。端末は受け入れますが、別の日付として読みます。',
      dataSkipped: '<data> に base64 以外の文字があります。端末はそれを読み飛ばすため、意図しないバイト列になっている可能性があります。',
      dataForeign: '<data> に ASCII 以外の文字があります。端末に拒否されます。',
    },
  },
  check(ctx) {
    const report = (node: ScalarNode, key: string, arg?: string, severity?: 'warning') => {
      const empty = node.valueLength === 0;
      ctx.report({
        offset: empty ? node.offset : node.valueOffset, length: empty ? node.length : node.valueLength,
        message: ctx.t(key, arg ?? ''), ...(severity ? { severity } : {}),
      });
    };
    const reportData = (node: ScalarNode) => {
      if (hasNonAscii(ctx.text, node.valueOffset, node.valueOffset + node.valueLength)) report(node, 'dataForeign');
      else report(node, 'dataSkipped', undefined, 'warning');
    };
    forEachLeaf(ctx.model, (node) => {
      switch (node.kind) {
        case 'integer': {
          const m = INTEGER.exec(node.value);
          if (!m) { report(node, 'integer', shorten(node.value)); break; }
          // Up to 15 digits (hex: 13) always fits; only longer ones need the exact 64-bit test.
          if (m[2].length <= 15) break;
          const magnitude = BigInt(m[2]);
          if (m[1] === '-' ? magnitude > INT64_MAX + 1n : magnitude > UINT64_MAX) report(node, 'range', node.value.trim());
          break;
        }
        case 'real':
          if (!REAL.test(node.value)) report(node, 'real', shorten(node.value));
          break;
        case 'date': {
          const m = DATE.exec(node.value);
          if (!m) report(node, 'date', shorten(node.value));
          // `parseDateTag` checks the form only, so month 13 is taken and means some other date.
          else if (!isRealDate(m)) report(node, 'dateImpossible', shorten(node.value), 'warning');
          break;
        }
        case 'data': {
          const verdict = checkBase64(ctx.text, node.valueOffset, node.valueOffset + node.valueLength) ?? 'ok';
          if (verdict === 'dataLength') report(node, verdict, undefined, 'warning');
          else if (verdict !== 'ok') reportData(node);
          break;
        }
        default:
          break;
      }
    });
  },
};

/**
 * `parseDataTag` refuses a byte outside ASCII but skips any other character that is not base64 (and reads `=`
 * anywhere as a zero digit), so such data is accepted, garbled.
 */
function hasNonAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}

/** Calls `visit` on every leaf of the tree (each dict's and array's values, then the root if it is a leaf). */
function forEachLeaf(model: ProfileModel, visit: (node: ScalarNode | BoolNode) => void): void {
  const root = model.parse.root;
  for (const c of model.containers) {
    if (c.kind === 'dict') {
      for (const e of c.entries) {
        const v = e.value;
        if (v && v.kind !== 'dict' && v.kind !== 'array') visit(v);
      }
    } else {
      for (const v of c.items) if (v.kind !== 'dict' && v.kind !== 'array') visit(v);
    }
  }
  if (root && root.kind !== 'dict' && root.kind !== 'array') visit(root);
}

/** Per ASCII code: 1 a base64 letter, 2 white space, 3 `=`, 0 anything else. */
const BASE64_CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\n\r\v\f') BASE64_CLASS[c.charCodeAt(0)] = 2;
BASE64_CLASS[61] = 3;

/**
 * Checks a `<data>` body kept as a span, in place: base64 letters with white space anywhere (Apple's tools
 * wrap lines), at most two `=` at the end, and a length (without the white space) that is a multiple of 4.
 * One pass and no copy of the body, which holds most of a profile's bytes.
 */
export function checkBase64(text: string, from: number, to: number): 'data' | 'dataLength' | undefined {
  let letters = 0;
  let pad = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // Above ASCII nothing is white space: devices refuse any such character in <data> (`parseDataTag`).
    const k = c < 128 ? BASE64_CLASS[c] : 0;
    if (k === 1) {
      if (pad > 0) return 'data';
      letters++;
    } else if (k === 3) {
      if (++pad > 2) return 'data';
    } else if (k === 0) {
      return 'data';
    }
  }
  return (letters + pad) % 4 === 0 ? undefined : 'dataLength';
}

function isRealDate(m: RegExpExecArray): boolean {
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

function shorten(text: string): string {
  const t = text.trim();
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}
