/**
 * Flags value text that its element cannot hold: non-numeric or out-of-range integers, bad reals,
 * dates that are not ISO 8601 UTC, and `<data>` that is not base64. Devices refuse such profiles.
 */
import { walkContainers } from '../model/tree';
import type { BoolNode, PlistNode, ScalarNode } from '../types';
import type { Rule } from './rule';

const INTEGER = /^\s*[+-]?(\d+|0x[0-9A-Fa-f]+)\s*$/;
const REAL = /^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?inf(inity)?|nan)\s*$/i;
const DATE = /^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z\s*$/;
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
      data: '<data> must hold base64 text (A–Z, a–z, 0–9, +, /, = padding).',
      dataLength: 'The base64 text in <data> has a length that is not a multiple of 4.',
    },
    ja: {
      integer: '"{0}" は整数ではありません。',
      range: '{0} は 64 ビット整数の範囲外です。',
      real: '"{0}" は実数ではありません。',
      date: '"{0}" は日付ではありません。YYYY-MM-DDThh:mm:ssZ (UTC) 形式で記述してください。',
      data: '<data> には base64 テキスト (A–Z, a–z, 0–9, +, /, = の埋め草) のみ記述できます。',
      dataLength: '<data> の base64 テキストの長さが 4 の倍数ではありません。',
    },
  },
  check(ctx) {
    const report = (node: ScalarNode, key: string, arg?: string) => {
      const empty = node.valueLength === 0;
      ctx.report({
        offset: empty ? node.offset : node.valueOffset, length: empty ? node.length : node.valueLength,
        message: ctx.t(key, arg ?? ''),
      });
    };
    forEachLeaf(ctx.model.parse.root, (node) => {
      switch (node.kind) {
        case 'integer': {
          if (!INTEGER.test(node.value)) { report(node, 'integer', shorten(node.value)); break; }
          // Up to 15 digits (hex: 13) always fits; only longer ones need the exact 64-bit test.
          if (node.value.length <= 15) break;
          const v = BigInt(node.value.trim().replace(/^\+/, ''));
          if (v > UINT64_MAX || v < -(INT64_MAX + 1n)) report(node, 'range', node.value.trim());
          break;
        }
        case 'real':
          if (!REAL.test(node.value)) report(node, 'real', shorten(node.value));
          break;
        case 'date': {
          const m = DATE.exec(node.value);
          if (!m || !isRealDate(m)) report(node, 'date', shorten(node.value));
          break;
        }
        case 'data': {
          const verdict = checkBase64(ctx.text, node.valueOffset, node.valueOffset + node.valueLength);
          if (verdict) report(node, verdict);
          break;
        }
        default:
          break;
      }
    });
  },
};

/** Calls `visit` on every leaf of the tree (each dict's and array's values, then the root if it is a leaf). */
function forEachLeaf(root: PlistNode | undefined, visit: (node: ScalarNode | BoolNode) => void): void {
  for (const c of walkContainers(root)) {
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

/** The white space JavaScript's `\s` knows above ASCII (Apple's parser skips it too). */
const isWideSpace = (c: number) =>
  c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

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
    const k = c < 128 ? BASE64_CLASS[c] : isWideSpace(c) ? 2 : 0;
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
