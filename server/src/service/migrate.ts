/**
 * Edits that move VPN payloads from Cisco Legacy AnyConnect to Cisco AnyConnect (shared/domain/README.md,
 * "Migration paths"): replace the subtype in place, add a new-app copy alongside, or remove the legacy twin.
 * Every edit is minimal: it touches only the text it must and keeps indentation, key order and comments.
 */
import { newUuid, replaceValueText } from './edits';
import { newAppCopyName } from './migrationNames';
import type { ProfileModel } from './model';
import { getStringNode, keyOfValue } from './model/tree';
import { vpnLabel, VpnPayload } from './model/vpn';
import type { ParseResult, Problem, ScalarNode, ServiceSettings, TextEdit } from './types';

export type MigrationMode = 'alongside' | 'replace';

/** The subtype a migrated payload gets: the first accepted new-app id. */
export function newSubtype(settings: ServiceSettings): string {
  return settings.anyconnectNewSubtypes[0] ?? 'com.cisco.anyconnect';
}

/** Replacing in place is offered only when it cannot create a duplicate connection or hide a UUID clash. */
export function canReplace(legacy: VpnPayload, model: ProfileModel): boolean {
  return !!legacy.subtypeNode && !model.equivalentNew(legacy) && !model.hasDuplicateUuid(legacy.payload);
}

export function replaceEdit(legacy: VpnPayload, text: string, settings: ServiceSettings): TextEdit {
  return replaceValueText(legacy.subtypeNode!, text, newSubtype(settings));
}

/** Identifiers and names already used in the profile, so copies get distinct ones. */
export interface TakenNames {
  identifiers: Set<string>;
  names: Set<string>;
  displayNames: Set<string>;
}

export function takenNames(model: ProfileModel): TakenNames {
  const identifiers = new Set<string>();
  const names = new Set<string>();
  const displayNames = new Set<string>();
  for (const { dict: d } of model.allPayloads) {
    const id = getStringNode(d, 'PayloadIdentifier')?.value;
    if (id) identifiers.add(id);
    const name = getStringNode(d, 'UserDefinedName')?.value;
    if (name) names.add(name);
    const displayName = getStringNode(d, 'PayloadDisplayName')?.value;
    if (displayName) displayNames.add(displayName);
  }
  return { identifiers, names, displayNames };
}

function unique(base: string, taken: Set<string>, join: (base: string, n: number) => string): string {
  let candidate = join(base, 1);
  for (let n = 2; taken.has(candidate); n++) candidate = join(base, n);
  taken.add(candidate);
  return candidate;
}

/** Whitespace before a node on its own line, or undefined if something else precedes it on that line. */
function lineIndent(text: string, offset: number): { lineStart: number; indent: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(indent) ? { lineStart, indent } : undefined;
}

function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/**
 * Inserts, right after the legacy payload's dict, a copy of its exact text with the new subtype, a fresh
 * PayloadUUID, a distinct PayloadIdentifier, and a UserDefinedName and PayloadDisplayName that name the new app
 * and no other payload uses (migrationNames.ts); every other key is carried over.
 */
export function alongsideEdit(legacy: VpnPayload, text: string, settings: ServiceSettings, taken: TakenNames): TextEdit {
  const { dict } = legacy.payload;
  const start = dict.offset;
  const copyEdits: TextEdit[] = [];
  const change = (node: ScalarNode | undefined, value: string) => {
    if (node) copyEdits.push(replaceValueText(node, text, value));
  };
  change(legacy.subtypeNode, newSubtype(settings));
  change(legacy.payloadUuid, newUuid());
  if (legacy.payloadIdentifier) {
    change(legacy.payloadIdentifier, unique(legacy.payloadIdentifier.value, taken.identifiers, (b, n) => (n === 1 ? `${b}.anyconnect` : `${b}.anyconnect${n}`)));
  }
  if (legacy.userDefinedName) change(legacy.userDefinedName, newAppCopyName(legacy.userDefinedName.value, taken.names, settings.locale));
  const displayName = getStringNode(dict, 'PayloadDisplayName');
  if (displayName) change(displayName, newAppCopyName(displayName.value, taken.displayNames, settings.locale));
  // Apply the copy's edits back to front so earlier offsets stay valid.
  let copy = text.slice(start, start + dict.length);
  for (const e of copyEdits.sort((a, b) => b.offset - a.offset)) {
    const rel = e.offset - start;
    copy = copy.slice(0, rel) + e.newText + copy.slice(rel + e.length);
  }
  const at = lineIndent(text, start);
  const eol = eolAt(text, start);
  return { offset: start + dict.length, length: 0, newText: eol + (at?.indent ?? '') + copy };
}

/** Deletes the legacy payload's dict with its own line(s), leaving no blank line behind. */
export function removeEdit(legacy: VpnPayload, text: string): TextEdit {
  const { dict } = legacy.payload;
  const at = lineIndent(text, dict.offset);
  let end = dict.offset + dict.length;
  let rest = end;
  while (rest < text.length && (text[rest] === ' ' || text[rest] === '\t')) rest++;
  if (at && (text[rest] === '\n' || text.startsWith('\r\n', rest))) {
    end = rest + (text[rest] === '\n' ? 1 : 2);
    return { offset: at.lineStart, length: end - at.lineStart, newText: '' };
  }
  return { offset: dict.offset, length: end - dict.offset, newText: '' };
}

/** One change a whole-file migration made, for the CLI report and the command's summary. */
export interface MigrationChange {
  /** The legacy payload's UserDefinedName, PayloadDisplayName or identifier. */
  payload: string;
  action: 'replaced' | 'added-alongside' | 'skipped';
  reason?: string;
  /** Offset of the legacy payload in the original text. */
  offset: number;
}

/** Migrates every legacy-only payload of a file at once (alongside or replace); twins that already exist are left alone. */
/**
 * A payload whose own XML or plist structure is broken (a missing end tag, a value without a key) is not
 * copied or edited: the result would carry the damage twice. Its structural problems must be fixed first.
 */
export function isBrokenPayload(v: VpnPayload, parse: ParseResult): boolean {
  const { offset, length } = v.payload.dict;
  return parse.problems.some((p) => (p.code.startsWith('xml-') || p.code.startsWith('plist-')) && p.offset < offset + length && p.offset + p.length > offset);
}

/**
 * The errors inside a legacy payload that a copy of it would repeat: all of them except those on the keys the
 * copy rewrites (a fresh PayloadUUID, a new identifier and name, the new subtype). A payload with such errors
 * is not copied: the copy would add errors to the file.
 */
export function errorsACopyWouldRepeat(v: VpnPayload, errors: readonly Problem[]): Problem[] {
  const rewritten = [v.subtypeNode, v.payloadUuid, v.payloadIdentifier, v.userDefinedName].flatMap((node) => {
    if (!node) return [];
    const key = keyOfValue(v.payload.dict, node);
    return key ? [{ from: key.offset, to: node.offset + node.length }] : [];
  });
  return errors.filter((p) => !rewritten.some((r) => p.offset >= r.from && p.offset < r.to));
}

export function migrateAll(
  model: ProfileModel, mode: MigrationMode, errorsWithin?: (offset: number, length: number) => Problem[],
): { edits: TextEdit[]; changes: MigrationChange[] } {
  const { text, settings } = model;
  const isBroken = (v: VpnPayload) => isBrokenPayload(v, model.parse);
  const all = model.vpnPayloads;
  // Most documents have no legacy payload: nothing to migrate, and no names to collect (lightbulbs ask often).
  if (!all.some((v) => v.app === 'legacy')) return { edits: [], changes: [] };
  const taken = takenNames(model);
  const edits: TextEdit[] = [];
  const changes: MigrationChange[] = [];
  for (const v of all) {
    if (v.app !== 'legacy') continue;
    const label = vpnLabel(v);
    const offset = v.payload.dict.offset;
    if (model.equivalentNew(v)) {
      changes.push({ payload: label, action: 'skipped', reason: 'an equivalent Cisco AnyConnect payload already exists', offset });
      continue;
    }
    if (isBroken(v)) {
      changes.push({ payload: label, action: 'skipped', reason: 'its XML is broken; fix the XML errors first', offset });
      continue;
    }
    if (mode === 'replace') {
      if (model.hasDuplicateUuid(v.payload)) {
        changes.push({ payload: label, action: 'skipped', reason: 'its PayloadUUID is duplicated; fix that first', offset });
        continue;
      }
      edits.push(replaceEdit(v, text, settings));
      changes.push({ payload: label, action: 'replaced', offset });
    } else {
      if (errorsWithin && errorsACopyWouldRepeat(v, errorsWithin(v.payload.dict.offset, v.payload.dict.length)).length > 0) {
        changes.push({ payload: label, action: 'skipped', reason: 'it has errors a copy would repeat; fix them first, or replace it in place', offset });
        continue;
      }
      edits.push(alongsideEdit(v, text, settings, taken));
      changes.push({ payload: label, action: 'added-alongside', offset });
    }
  }
  return { edits, changes };
}
