/**
 * Test helpers for rules: caret-marked fixtures (STYLE.md section 4) and golden files for fixes.
 * A fixture line `<!--   ^^^^ warning rule-id -->` marks the span of the line above it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, getRule, ServiceSettings } from '../../server/src/service';
import { uuidSource } from '../../server/src/service/edits';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];
const service = createLanguageService();

export interface Expectation {
  line: number;
  startCol: number;
  endCol: number;
  severity: string;
  code: string;
}

/** Reads caret comments: each marks columns of the nearest line above that is not itself a caret line. */
export function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = /^(\s*<!--\s*)(\^+)\s+(error|warning|info|hint)\s+([\w-]+)\s*-->\s*$/.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const startCol = line.indexOf('^');
    out.push({ line: target, startCol, endCol: startCol + m[2].length, severity: m[3], code: m[4] });
  });
  return out;
}

/** Deterministic UUIDs for goldens: 00000000-0000-4000-8000-00000000000N. */
export function withCountingUuids<T>(fn: () => T): T {
  const saved = uuidSource.next;
  let n = 0;
  uuidSource.next = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  try {
    return fn();
  } finally {
    uuidSource.next = saved;
  }
}

export function diagnose(text: string, settings?: Partial<ServiceSettings>, uri = 'file:///fixture.mobileconfig'): Diagnostic[] {
  const doc = TextDocument.create(uri, 'mobileconfig', 1, text);
  return service.validate(service.parseDocument(doc, settings), settings);
}

/** Diagnostics of one rule, as comparable expectations (a multi-line span is cut at the end of its first line). */
function asExpectations(text: string, diags: Diagnostic[], code: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  return diags.filter((d) => d.code === code).map((d) => ({
    line: d.range.start.line,
    startCol: d.range.start.character,
    endCol: d.range.end.line === d.range.start.line ? d.range.end.character : lines[d.range.start.line].length,
    severity: SEVERITY_NAMES[d.severity ?? 1],
    code,
  })).sort((a, b) => a.line - b.line || a.startCol - b.startCol);
}

/** Applies the first (preferred) fix of every diagnostic of `code`, skipping fixes that overlap an earlier one. */
export function applyAllFixes(text: string, code: string, settings?: Partial<ServiceSettings>): string {
  return applyAllFixesCounting(text, code, settings).text;
}

/** As applyAllFixes, also counting the diagnostics that offered no fix at all. */
export function applyAllFixesCounting(text: string, code: string, settings?: Partial<ServiceSettings>): { text: string; unfixable: number } {
  return withCountingUuids(() => {
    const doc = TextDocument.create('file:///fixture.mobileconfig', 'mobileconfig', 1, text);
    const parsed = service.parseDocument(doc, settings);
    const diags = service.validate(parsed, settings).filter((d) => d.code === code);
    const edits: { range: Diagnostic['range']; newText: string }[] = [];
    let unfixable = 0;
    for (const d of diags) {
      const actions = service.getCodeActions(parsed, d.range, [d], settings);
      const action = actions.find((a) => a.isPreferred) ?? actions[0];
      const change = action?.edit?.changes?.[doc.uri];
      if (!change) {
        unfixable++;
        continue;
      }
      const overlaps = change.some((e) => edits.some((o) =>
        doc.offsetAt(e.range.start) < doc.offsetAt(o.range.end) && doc.offsetAt(o.range.start) < doc.offsetAt(e.range.end)));
      if (!overlaps) edits.push(...change);
    }
    return { text: TextDocument.applyEdits(doc, edits), unfixable };
  });
}

/**
 * Checks `fixtures/rules/<id>.mobileconfig`: the rule's diagnostics equal the caret marks exactly;
 * and, when `<id>.fixed.mobileconfig` exists, applying all fixes gives that golden (UPDATE_GOLDENS=1 rewrites it).
 */
export function checkRule(id: string, settings?: Partial<ServiceSettings>): void {
  const file = path.join(FIXTURES, 'rules', `${id}.mobileconfig`);
  const text = fs.readFileSync(file, 'utf8');
  const expected = readExpectations(text).filter((e) => e.code === id);
  assert.ok(expected.length > 0, `${file} marks no ${id} problem`);
  assert.deepEqual(asExpectations(text, diagnose(text, settings), id), expected);
  const golden = path.join(FIXTURES, 'rules', `${id}.fixed.mobileconfig`);
  if (fs.existsSync(golden) || (process.env.UPDATE_GOLDENS === '1' && getRule(id)?.fixes)) {
    const { text: fixed, unfixable } = applyAllFixesCounting(text, id, settings);
    if (process.env.UPDATE_GOLDENS === '1') fs.writeFileSync(golden, fixed);
    assert.equal(fixed, fs.readFileSync(golden, 'utf8'));
    assert.equal(diagnose(fixed, settings).filter((d) => d.code === id).length, unfixable, 'fixes leave only the problems that offered no fix');
  }
}

/** Builds a minimal profile around payload dict bodies (tab-indented like Apple's tools). */
export function profile(...payloads: string[]): string {
  const body = payloads.map((p) => `\t\t<dict>\n${p.trim().split('\n').map((l) => '\t\t\t' + l.trim()).join('\n')}\n\t\t</dict>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>PayloadContent</key>
\t<array>
${body}
\t</array>
\t<key>PayloadDisplayName</key>
\t<string>Test profile</string>
\t<key>PayloadIdentifier</key>
\t<string>com.example.test</string>
\t<key>PayloadType</key>
\t<string>Configuration</string>
\t<key>PayloadUUID</key>
\t<string>11111111-2222-4333-8444-555555555555</string>
\t<key>PayloadVersion</key>
\t<integer>1</integer>
</dict>
</plist>
`;
}

/** The clean fixtures (`fixtures/clean/*.mobileconfig`): valid profiles every rule must stay silent on. */
export function cleanFixtures(): [string, string][] {
  const dir = path.join(FIXTURES, 'clean');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.mobileconfig')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}
