/**
 * Quick fixes: each diagnostic's rule (found by `diagnostic.code`, never by message) recomputes its fixes
 * from the current document, so the server keeps no state between requests.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { buildProfile } from '../profile';
import { getRule } from '../rules';
import type { ParseResult, Problem, ServiceSettings } from '../types';
import { createRuleContext, SOURCE } from './diagnostics';

export function getCodeActions(document: TextDocument, parse: ParseResult, _range: Range, diagnostics: Diagnostic[], settings: ServiceSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  const text = document.getText();
  let profile: ReturnType<typeof buildProfile> | undefined;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const rule = getRule(diagnostic.code);
    if (!rule?.fixes) continue;
    profile ??= buildProfile(parse);
    const offset = document.offsetAt(diagnostic.range.start);
    const problem: Problem = {
      code: rule.id, message: typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value, offset,
      length: document.offsetAt(diagnostic.range.end) - offset, data: diagnostic.data,
    };
    const ctx = createRuleContext(rule, text, parse, profile, settings, []);
    let fixes;
    try {
      fixes = rule.fixes(ctx, problem);
    } catch {
      // A broken fix must not take the lightbulb down with it.
      continue;
    }
    for (const fix of fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => ({
        range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
        newText: e.newText,
      }));
      actions.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
        isPreferred: fix.isPreferred, edit: { changes: { [document.uri]: edits } },
      });
    }
  }
  return actions;
}
