/**
 * Quick fixes: each diagnostic's rule (found by `diagnostic.code`, never by message) recomputes its fixes
 * from the current document, so the server keeps no state between requests.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { migrateAll, MigrationMode } from '../migrate';
import type { ProfileModel } from '../model';
import { parserProblemKey } from '../parser/messages';
import { parsePlist } from '../parser/plistParser';
import { getRule } from '../rules';
import type { ParseResult, Problem, TextEdit as OffsetEdit } from '../types';
import { collectProblems, createRuleContext, errorsWithin, SOURCE } from './diagnostics';
import { problemLookup, suppressionActions } from './suppression';

/**
 * In a document that already has XML errors, a value edit can land next to an unclosed tag and make things
 * worse; such a fix is dropped when re-parsing shows an XML problem the document did not have. Well-formed
 * documents skip the check: replacing value text or inserting copied elements keeps them well-formed.
 */
function keepsXmlIntact(text: string, parse: ParseResult, edits: OffsetEdit[]): boolean {
  // Every parser problem counts (XML syntax and plist shape alike): a fix must not add either kind.
  const before = parse.problems;
  if (before.length === 0) return true;
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  // Problems are compared by code and the data they carry, never by (localised) message text.
  const known = new Set(before.map(parserProblemKey));
  const after = parsePlist(out).problems;
  return after.length <= before.length && after.every((p) => known.has(parserProblemKey(p)));
}

/** Source action kinds for migrating a whole file (VS Code filters on these prefixes). */
export const MIGRATE_KINDS: Record<MigrationMode, string> = {
  alongside: 'source.mobileconfig.migrateAnyConnect.alongside',
  replace: 'source.mobileconfig.migrateAnyConnect.replace',
};

const MIGRATE_TITLES: Record<MigrationMode, { en: string; ja: string }> = {
  alongside: {
    en: 'Migrate all AnyConnect payloads: add Cisco AnyConnect payloads alongside the legacy ones',
    ja: 'すべての AnyConnect ペイロードを移行: レガシーの隣に Cisco AnyConnect ペイロードを追加',
  },
  replace: {
    en: 'Migrate all AnyConnect payloads: replace legacy payloads with Cisco AnyConnect',
    ja: 'すべての AnyConnect ペイロードを移行: レガシーペイロードを Cisco AnyConnect に置き換え',
  },
};

/** Whole-file migration as LSP edits plus a description of every change (for the command and the CLI). */
export function getMigration(document: TextDocument, model: ProfileModel, mode: MigrationMode) {
  const result = migrateAll(model, mode, (o, l) => errorsWithin(model, o, l));
  const edits: TextEdit[] = result.edits.map((e) => ({
    range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
    newText: e.newText,
  }));
  return { edits, changes: result.changes.map((c) => ({ ...c, line: document.positionAt(c.offset).line + 1 })) };
}

/** The two whole-file migration source actions, offered while the file has a legacy payload to migrate. */
function sourceActions(document: TextDocument, model: ProfileModel, only: string[] | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  const lang = model.settings.locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  for (const mode of ['alongside', 'replace'] as MigrationMode[]) {
    const kind = MIGRATE_KINDS[mode];
    if (only && !only.some((o) => kind === o || kind.startsWith(o + '.'))) continue;
    const { edits } = getMigration(document, model, mode);
    if (edits.length === 0) continue;
    out.push({ title: MIGRATE_TITLES[mode][lang], kind, edit: { changes: { [document.uri]: edits } }, data: { migrate: mode } });
  }
  return out;
}

export function getCodeActions(document: TextDocument, model: ProfileModel, _range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const { text, parse } = model;
  const suppressions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    // After every fix, as in ESLint: silencing a rule is the last resort.
    for (const action of suppressionActions(document, parse, diagnostic, diagnostic.code, model.settings.locale, model.remember('problemLookup', () => problemLookup(collectProblems(model))))) {
      // A last check in a broken document (the suppression module refuses the places it can see are unsafe).
      const edits = Object.values(action.edit?.changes ?? {}).flat()
        .map((e) => ({ offset: document.offsetAt(e.range.start), length: document.offsetAt(e.range.end) - document.offsetAt(e.range.start), newText: e.newText }));
      if (keepsXmlIntact(text, parse, edits)) suppressions.push(action);
    }
    const rule = getRule(diagnostic.code);
    if (!rule?.fixes) continue;
    const offset = document.offsetAt(diagnostic.range.start);
    const problem: Problem = {
      code: rule.id, message: typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value, offset,
      length: document.offsetAt(diagnostic.range.end) - offset, data: diagnostic.data,
    };
    const ctx = createRuleContext(rule, model, [], (o, l) => errorsWithin(model, o, l));
    let fixes;
    try {
      fixes = rule.fixes(ctx, problem);
    } catch {
      // A broken fix must not take the lightbulb down with it.
      continue;
    }
    for (const fix of fixes) {
      if (!keepsXmlIntact(text, parse, fix.edits)) continue;
      const edits: TextEdit[] = fix.edits.map((e) => ({
        range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
        newText: e.newText,
      }));
      actions.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
        isPreferred: fix.isPreferred, edit: { changes: { [document.uri]: edits } },
        // Clients and tests tell fixes apart by rule and fix id, never by the (localised) title.
        data: { code: rule.id, fix: fix.id },
      });
    }
  }
  actions.push(...suppressions);
  // Source actions are whole-file: offer them only when asked for (or when the client does not filter).
  if (!only || only.some((o) => o === 'source' || o.startsWith('source.'))) {
    actions.push(...sourceActions(document, model, only?.filter((o) => o.startsWith('source'))));
  }
  return actions;
}
