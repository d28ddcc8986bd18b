/**
 * The fuzz properties of issue 6 (item 3), shared by the small-budget mocha suite and the long run:
 * random character, byte and structural mutations of seed profiles must keep every property of
 * scripts/hostile/check.ts (including "every quick fix applies and adds no error"), and random edit
 * sequences sent through TextDocument.update, as an editor sends them, must give the same diagnostics as
 * the final text opened whole. Mutations are plain data (fractions, not offsets) so fast-check can shrink them.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createLanguageService, parsePlist, PlistNode } from '../../server/src/service';
import { checkText } from '../hostile/check';
import { decodeAsCli } from '../hostile/cases';
import { unexplained } from '../hostile/knownIssues';
import { withoutIo } from '../hostile/noIo';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Seed { name: string; bytes: Buffer }

/**
 * The seed files: the committed corpus sample, the rule fixtures (they trigger the rules that have fixes) and
 * the small hostile fixtures. `extraDirs` adds more (the long run adds the shared real-world corpus if present).
 */
export function loadSeeds(extraDirs: string[] = []): Seed[] {
  const dirs = ['test/fixtures/hostile/seeds', 'test/fixtures/rules', 'test/fixtures/clean', 'test/fixtures/hostile'].map((d) => path.join(ROOT, d));
  const seeds: Seed[] = [];
  for (const dir of [...dirs, ...extraDirs]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.mobileconfig')) continue;
      const bytes = fs.readFileSync(path.join(dir, f));
      // Big seeds make every case slow without finding more: mutations of small ones reach the same code.
      if (bytes.length <= 64 * 1024) seeds.push({ name: path.relative(ROOT, path.join(dir, f)), bytes });
    }
  }
  return seeds;
}

/** Fragments that matter to a plist scanner, dropped in at random places. */
const TOKENS = [
  '<', '>', '/', '&', ';', '"', "'", '<dict>', '</dict>', '<dict/>', '<array>', '</array>', '<array/>', '<key>', '</key>',
  '<string>', '</string>', '<integer>', '</integer>', '<true/>', '<false/>', '<data>', '</data>', '<real>1e400</real>',
  '<date>2024-02-30T25:00:00Z</date>', '<plist>', '</plist>', '<plist version="1.0">', '<?xml version="1.0"?>', '<!--', '-->',
  '<![CDATA[', ']]>', '<!DOCTYPE plist [<!ENTITY a "b">]>', '&amp;', '&lt;', '&#x0;', '&#xD800;', '&#1114112;', '&bogus;',
  '\0', '\r', '\n', '\r\n', '\t', '\ufeff', '\ud800', '\udc00', '\ud83d\ude00', 'é', '日本', '\u2028', '\u0085',
  '<key>PayloadType</key><string>com.apple.vpn.managed</string>', '<key>PayloadUUID</key>', '<key>PayloadContent</key>',
  '<key>VPNSubType</key><string>com.cisco.anyconnect.applevpn.plugin</string>', '<key>VPNType</key><string>IPSec</string>',
  '<key>PayloadCertificateUUID</key><string>00000000-0000-0000-0000-000000000000</string>', '<key>PayloadVersion</key><integer>2</integer>',
  '<key>PayloadIdentifier</key><string>x</string>', 'Configuration', 'com.apple.vpn.managed', 'PayloadUUID', '-1', '99999999999999999999',
];

/** A position as a fraction of the current length, so a shrunk op still lands somewhere valid. */
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export type TextOp =
  | { t: 'insert'; at: number; s: string }
  | { t: 'delete'; at: number; len: number }
  | { t: 'copy'; from: number; len: number; to: number }
  | { t: 'node'; pick: number; action: 'delete' | 'duplicate' | 'swap' | 'wrap' | 'retag' | 'empty' | 'unclose'; arg: number }
  | { t: 'eol'; mode: '\r\n' | '\n' | '\r' };

const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('insert' as const), at: frac, s: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6, unit: 'binary' })) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('copy' as const), from: frac, len: fc.integer({ min: 1, max: 200 }), to: frac }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('node' as const), pick: frac, action: fc.constantFrom('delete', 'duplicate', 'swap', 'wrap', 'retag', 'empty', 'unclose'), arg: frac }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('eol' as const), mode: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const) }) },
);

/** Every key and value element of a parse, as spans, for structural mutations. */
function spans(text: string): { offset: number; length: number; node?: PlistNode }[] {
  const out: { offset: number; length: number; node?: PlistNode }[] = [];
  const root = parsePlist(text).root;
  const stack: PlistNode[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    out.push({ offset: n.offset, length: n.length, node: n });
    if (n.kind === 'dict') for (const e of n.entries) { if (e.key) out.push(e.key); if (e.value) stack.push(e.value); }
    if (n.kind === 'array') stack.push(...n.items);
  }
  return out.filter((s) => s.offset >= 0 && s.length > 0 && s.offset + s.length <= text.length);
}

const RETAGS = ['string', 'integer', 'real', 'data', 'date', 'dict', 'array', 'key', 'true', 'widget'];

/** Applies one op to a text; ops that do not fit (no nodes, empty text) leave it unchanged. */
export function applyOp(text: string, op: TextOp): string {
  const at = (f: number) => Math.floor(f * (text.length + 1));
  switch (op.t) {
    case 'insert': { const i = at(op.at); return text.slice(0, i) + op.s + text.slice(i); }
    case 'delete': { const i = at(op.at); return text.slice(0, i) + text.slice(i + op.len); }
    case 'copy': { const f = at(op.from); const piece = text.slice(f, f + op.len); const i = at(op.to); return text.slice(0, i) + piece + text.slice(i); }
    case 'eol': return text.replace(/\r\n|\r|\n/g, op.mode);
    case 'node': {
      const all = spans(text);
      if (all.length === 0) return text;
      const s = all[Math.floor(op.pick * all.length)];
      const body = text.slice(s.offset, s.offset + s.length);
      const end = s.offset + s.length;
      switch (op.action) {
        case 'delete': return text.slice(0, s.offset) + text.slice(end);
        case 'duplicate': return text.slice(0, end) + body + text.slice(end);
        case 'swap': {
          const other = all[Math.floor(op.arg * all.length)];
          // Only disjoint spans swap; nested ones would duplicate text instead.
          if (other.offset >= end) return text.slice(0, s.offset) + text.slice(other.offset, other.offset + other.length) + text.slice(end, other.offset) + body + text.slice(other.offset + other.length);
          if (other.offset + other.length <= s.offset) return applyOp(text, { ...op, pick: op.arg, arg: op.pick });
          return text;
        }
        case 'wrap': return text.slice(0, s.offset) + '<array>' + body + '</array>' + text.slice(end);
        case 'retag': {
          const tag = RETAGS[Math.floor(op.arg * RETAGS.length)];
          return text.slice(0, s.offset) + body.replace(/^<[\w:.-]+/, `<${tag}`).replace(/<\/[\w:.-]+>$/, `</${tag}>`) + text.slice(end);
        }
        case 'empty': {
          const open = body.indexOf('>');
          const close = body.lastIndexOf('</');
          if (open < 0 || close <= open) return text;
          return text.slice(0, s.offset + open + 1) + text.slice(s.offset + close);
        }
        case 'unclose': {
          const close = body.lastIndexOf('</');
          return close > 0 ? text.slice(0, s.offset + close) + text.slice(end) : text;
        }
      }
    }
  }
  return text;
}

export type ByteOp = { at: number; bytes: number[]; del: number };
const byteOp: fc.Arbitrary<ByteOp> = fc.record({
  at: frac,
  bytes: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x80, 0xbf, 0xc0, 0xed, 0xf0, 0xfe, 0xff, 0x30, 0x3c)), { maxLength: 4 }),
  del: fc.integer({ min: 0, max: 8 }),
});

export function applyByteOp(bytes: Buffer, op: ByteOp): Buffer {
  const i = Math.floor(op.at * (bytes.length + 1));
  return Buffer.concat([bytes.subarray(0, i), Buffer.from(op.bytes), bytes.subarray(i + op.del)]);
}

/** A mutated text case: which seed, and the ops (text ops, or byte ops then a decoding). */
export interface MutationCase { seed: number; textOps: TextOp[]; byteOps: ByteOp[]; decoding: 'cli' | 'utf8' | 'latin1' }

export function mutationArb(seedCount: number): fc.Arbitrary<MutationCase> {
  return fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    byteOps: fc.oneof({ weight: 3, arbitrary: fc.constant([] as ByteOp[]) }, { weight: 1, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 6 }) }),
    decoding: fc.constantFrom('cli' as const, 'cli' as const, 'utf8' as const, 'latin1' as const),
    textOps: fc.array(textOp, { minLength: 1, maxLength: 6 }),
  });
}

export function mutatedText(seeds: Seed[], c: MutationCase): string {
  let bytes = seeds[c.seed].bytes;
  for (const op of c.byteOps) bytes = applyByteOp(bytes, op);
  let text = c.decoding === 'cli' ? decodeAsCli(bytes) : bytes.toString(c.decoding);
  for (const op of c.textOps) text = applyOp(text, op);
  return text;
}

/** The whole-text property: every check of checkText holds, quick fixes verified, no I/O. Returns violations. */
export function textViolations(text: string): string[] {
  const run = withoutIo(() => checkText(text, { verifyFixes: true, maxFixDiagnostics: 25 }));
  const out = [...(run.result?.violations ?? [])];
  if (run.calls.length) out.push(`I/O attempted: ${run.calls.join(', ')}`);
  if (run.error) out.push(`checker threw ${String(run.error)}`);
  // Known, reported bugs would otherwise be found again and again and hide new ones
  // (FUZZ_KNOWN_ISSUES=1 keeps them, to see whether they are still there).
  return process.env.FUZZ_KNOWN_ISSUES === '1' ? out : unexplained(undefined, out);
}

/** One batch of changes an editor sends in one didChange; positions are fractions of the text at that moment. */
export interface EditStep { changes: { at: number; del: number; insert: string }[]; full?: boolean }
export interface EditCase { seed: number; steps: EditStep[] }

const editInsert = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 10, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constant('') },
);

export function editArb(seedCount: number): fc.Arbitrary<EditCase> {
  const change = fc.record({ at: frac, del: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })), insert: editInsert });
  return fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    steps: fc.array(fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), full: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }), { minLength: 1, maxLength: 12 }),
  });
}

const service = createLanguageService();

/**
 * Sends the steps through TextDocument.update (ranges computed on the document as it is at each change,
 * as VS Code does for the changes of one event), keeps a plain string in step alongside, and compares:
 * the final texts, and the diagnostics of the incrementally updated document against a fresh one.
 */
export function editViolations(initial: string, steps: EditStep[]): string[] {
  const out: string[] = [];
  try {
    let doc = TextDocument.create('file:///edited.mobileconfig', 'mobileconfig', 1, initial);
    let expected = initial;
    const diagnose = (d: TextDocument) => service.validate(service.parseDocument(d));
    let parsed = service.parseDocument(doc);
    service.validate(parsed);
    let version = 1;
    for (const step of steps) {
      const events: TextDocumentContentChangeEvent[] = [];
      for (const ch of step.changes) {
        // No LSP position lies between the \r and \n of a CRLF (TextDocument.offsetAt moves it before the \r),
        // and no editor puts a cursor there: keep both ends of a change off that spot.
        const offCrlf = (o: number) => (o > 0 && expected.charCodeAt(o - 1) === 13 && expected.charCodeAt(o) === 10 ? o - 1 : o);
        const start = offCrlf(Math.floor(ch.at * (expected.length + 1)));
        const end = offCrlf(Math.min(expected.length, start + ch.del));
        if (step.full) {
          expected = expected.slice(0, start) + ch.insert + expected.slice(end);
          continue;
        }
        // Ranges of later changes in one event refer to the text after the earlier ones (LSP 3.17).
        const probe = TextDocument.create('file:///probe', 'mobileconfig', 0, expected);
        events.push({ range: { start: probe.positionAt(start), end: probe.positionAt(end) }, text: ch.insert });
        expected = expected.slice(0, start) + ch.insert + expected.slice(end);
      }
      if (step.full) events.push({ text: expected });
      doc = TextDocument.update(doc, events, ++version);
      // The server validates after every change event, not only at the end: exercise that path too.
      parsed = service.parseDocument(doc);
      service.validate(parsed);
    }
    if (doc.getText() !== expected) {
      out.push(`incremental text differs from the expected text (${doc.getText().length} vs ${expected.length} chars)`);
      return out;
    }
    const incremental = JSON.stringify(service.validate(parsed));
    const whole = JSON.stringify(diagnose(TextDocument.create('file:///edited.mobileconfig', 'mobileconfig', 1, expected)));
    if (incremental !== whole) out.push(`diagnostics differ between incremental and whole text:\n  incremental ${incremental.slice(0, 400)}\n  whole       ${whole.slice(0, 400)}`);
  } catch (e) {
    out.push(`edit sequence threw ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  return out;
}

export function editedInitial(seeds: Seed[], c: EditCase): string {
  return decodeAsCli(seeds[c.seed].bytes);
}

/** fast-check properties over the given seeds (mutations check the final text fully; edits compare diagnostics). */
export function mutationProperty(seeds: Seed[]) {
  return fc.property(mutationArb(seeds.length), (c) => {
    const v = textViolations(mutatedText(seeds, c));
    if (v.length) throw new Error(`${seeds[c.seed].name}: ${v.join('\n')}`);
  });
}

export function editProperty(seeds: Seed[]) {
  return fc.property(editArb(seeds.length), (c) => {
    const v = editViolations(editedInitial(seeds, c), c.steps);
    if (v.length) throw new Error(`${seeds[c.seed].name}: ${v.join('\n')}`);
  });
}
