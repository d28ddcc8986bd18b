/**
 * Schema-driven completion: missing keys of a dict (each with a value of the right type), allowed values inside
 * a value, PayloadType values, fresh UUIDs, and whole payload skeletons inside PayloadContent.
 * Works on half-typed documents: the context comes from the nearest container and the text before the cursor.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList, InsertTextFormat, InsertTextMode, TextEdit,
} from 'vscode-languageserver-types';
import { getCommonPayloadSchema, getKnownPayloadTypes, getPayloadSchema } from '../catalog';
import type { KeySchema, ScalarValue } from '../catalog';
import type { ProfileModel } from '../model';
import { CERTIFICATE_TYPES, isReferenceKey } from '../model/references';
import { getStringNode, keyOfValue } from '../model/tree';
import { newUuid } from '../edits';
import type { ArrayNode, DictNode, KeyNode, PlistNode, ScalarNode, ServiceSettings } from '../types';
import { describeKey, describeSubtype, getPayloadTypeDocs, langOf } from './schemaHover';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Everything a completion provider needs about the place it completes. */
interface Site {
  text: string;
  document: TextDocument;
  model: ProfileModel;
  settings: ServiceSettings;
  /** Leading white space of the cursor's line, and one indentation step of this document. */
  indent: string;
  unit: string;
  /** The document's line break, taken from its first line. */
  eol: string;
}

/**
 * Completion items at `offset`. Between the entries of a dict: the keys valid there that are not present yet.
 * Inside a value: allowed values, payload types, a fresh UUID or certificate UUIDs. Between the items of
 * PayloadContent (or in an empty payload dict): whole payload skeletons.
 */
export function getCompletions(document: TextDocument, model: ProfileModel, offset: number): CompletionList {
  const { text, parse, settings } = model;
  if (!parse.root || offset < 0 || offset > text.length) return EMPTY;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const site: Site = { text, document, model, settings, indent: /^[ \t]*/.exec(text.slice(lineStart, offset))![0], unit: indentUnit(text), eol };
  const where = locate(text, parse.root, offset);
  switch (where?.kind) {
    case 'dict-body': return dictBody(site, where.dict, offset, where.editing);
    case 'array-body': return arrayBody(site, where.array, offset);
    case 'key-name': return keyName(site, where.dict, where.key);
    case 'value': return valueItems(site, where.dict, where.keyName, where.node);
    default: return EMPTY;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Where the cursor is.
// ---------------------------------------------------------------------------------------------------------

type Where =
  | { kind: 'dict-body'; dict: DictNode; editing: KeyNode | undefined }
  | { kind: 'array-body'; array: ArrayNode }
  | { kind: 'key-name'; dict: DictNode; key: KeyNode }
  | { kind: 'value'; dict: DictNode; keyName: string; node: ScalarNode };

/** Descends from the root along the containers that hold the offset; only the path to the cursor is visited. */
function locate(text: string, root: PlistNode, offset: number): Where | undefined {
  let node: PlistNode = root;
  for (;;) {
    if (node.kind !== 'dict' && node.kind !== 'array') return undefined;
    const bodyStart = text.indexOf('>', node.offset) + 1;
    const end = node.offset + node.length;
    if (node.selfClosing || offset < bodyStart || offset > end) return undefined;
    // On or after the container's own end tag is outside its body.
    const lastTag = text.lastIndexOf('<', end - 1);
    if (lastTag >= bodyStart && text.startsWith('</' + node.kind, lastTag) && offset > lastTag) return undefined;
    const inside = (n: { offset: number; length: number }) => offset > n.offset && offset < n.offset + n.length;
    let child: PlistNode | undefined;
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        const k = e.key;
        if (k && inside(k)) {
          // A `<key>` still being typed has no `</key>`: complete a whole entry in its place.
          if (!text.startsWith('</key>', k.valueOffset + k.valueLength)) return { kind: 'dict-body', dict: node, editing: k };
          if (offset >= k.valueOffset && offset <= k.valueOffset + k.valueLength) return { kind: 'key-name', dict: node, key: k };
          return undefined;
        }
        if (e.value && inside(e.value)) {
          child = e.value;
          if (child.kind !== 'dict' && child.kind !== 'array') {
            return inValueText(child, offset) ? { kind: 'value', dict: node, keyName: e.key?.name ?? '', node: child as ScalarNode } : undefined;
          }
          break;
        }
      }
      if (!child) return { kind: 'dict-body', dict: node, editing: undefined };
    } else {
      child = node.items.find(inside);
      if (!child) return { kind: 'array-body', array: node };
      if (child.kind !== 'dict' && child.kind !== 'array') return undefined;
    }
    node = child;
  }
}

function inValueText(node: PlistNode, offset: number): boolean {
  if (node.kind === 'bool' || node.kind === 'dict' || node.kind === 'array') return false;
  return offset >= node.valueOffset && offset <= node.valueOffset + node.valueLength;
}

/** One indentation step: a tab unless the document indents with spaces. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)</.exec(text);
  if (!m || m[1].startsWith('\t')) return '\t';
  return m[1];
}

/** What the user typed before the cursor on this line: `<key>Na`, `<Na` or `Na`. */
function typedPrefix(site: Site, offset: number): string {
  const lineStart = site.text.lastIndexOf('\n', offset - 1) + 1;
  const m = /(?:<key>|<)?[A-Za-z0-9_.-]*$/.exec(site.text.slice(lineStart, offset));
  return m ? m[0] : '';
}

// ---------------------------------------------------------------------------------------------------------
// Snippet text.
// ---------------------------------------------------------------------------------------------------------

const snippetEscape = (s: string) => s.replace(/[$}\\]/g, (c) => '\\' + c);
const choiceEscape = (s: string) => s.replace(/[$}\\,|]/g, (c) => '\\' + c);
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const elementFor: Record<string, string> = { string: 'string', integer: 'integer', real: 'real', date: 'date', data: 'data', any: 'string' };

/** Numbers tab stops across a snippet built from several keys. */
class Stops {
  private n = 0;
  next(): number {
    return ++this.n;
  }
}

/**
 * The value element for a key, as snippet text. Booleans get the value that differs from the default (adding
 * a key that repeats its default is rarely the point); allowed values become a choice; containers open with the
 * cursor inside. `indent` is the indentation of the value's own line.
 */
function valueSnippet(name: string, key: KeySchema | undefined, indent: string, unit: string, stops: Stops): string {
  const type = key?.type ?? 'string';
  if (name === 'PayloadUUID') return `<string>${newUuid()}</string>`;
  if (name === 'PayloadVersion') return '<integer>1</integer>';
  switch (type) {
    case 'boolean':
      return key?.default === true ? '<false/>' : '<true/>';
    case 'dictionary':
      return `<dict>\n${indent}${unit}\${${stops.next()}}\n${indent}</dict>`;
    case 'array':
      return `<array>\n${indent}${unit}\${${stops.next()}}\n${indent}</array>`;
    default: {
      const element = elementFor[type] ?? 'string';
      const values = key?.values;
      if (values && values.length > 1) return `<${element}>\${${stops.next()}|${values.map((v) => choiceEscape(xmlEscape(String(v)))).join(',')}|}</${element}>`;
      const initial = values?.length ? values[0] : key?.default ?? (type === 'integer' || type === 'real' ? 0 : type === 'date' ? '2025-01-01T00:00:00Z' : '');
      return `<${element}>\${${stops.next()}${initial === '' ? '' : ':' + snippetEscape(xmlEscape(String(initial)))}}</${element}>`;
    }
  }
}

function entrySnippet(name: string, key: KeySchema | undefined, indent: string, unit: string, stops: Stops): string {
  return `<key>${snippetEscape(xmlEscape(name))}</key>\n${indent}${valueSnippet(name, key, indent, unit, stops)}`;
}

function isDeprecated(key: KeySchema): boolean {
  const ios = key.os?.iOS;
  return !!(ios?.deprecated || ios?.removed);
}

function isRequired(key: KeySchema): boolean {
  return key.presence === 'required' || !!key.requiredWhen?.length;
}

function detail(key: KeySchema, settings: ServiceSettings): string {
  const ja = langOf(settings) === 'ja';
  const presence = key.presence === 'required' ? (ja ? '必須' : 'required') : key.requiredWhen?.length ? (ja ? '条件付き必須' : 'conditionally required') : (ja ? '省略可' : 'optional');
  return `${key.type} · ${presence}`;
}

// ---------------------------------------------------------------------------------------------------------
// Providers.
// ---------------------------------------------------------------------------------------------------------

/** Keys of the dict's schema that are not present yet, each inserting `<key>…</key>` and a typed value. */
function dictBody(site: Site, dict: DictNode, offset: number, editing: KeyNode | undefined): CompletionList {
  const pending = keyAwaitingValue(site.text, dict, offset - typedPrefix(site, offset).length);
  if (pending && !editing) return valueForPendingKey(site, dict, pending, offset);
  const ctx = site.model.dictContext(dict);
  const items: CompletionItem[] = [];
  if (ctx.scope === 'payload' && ctx.atPayloadLevel && (site.model.payloadOf(dict)?.index ?? -1) >= 0 && dict.entries.length === 0) {
    items.push(...payloadSkeletons(site, offset, false));
  }
  const keys = ctx.container?.keys;
  if (!keys) return { isIncomplete: false, items };
  const present = new Set(dict.entries.filter((e) => e.key && e.key !== editing).map((e) => e.key!.name));
  // A half-typed `<key>Na` is replaced up to the cursor; its (missing) end tag is what the item supplies.
  const prefix = editing ? site.text.slice(editing.offset, offset) : typedPrefix(site, offset);
  const markup = /^(<key>|<)?/.exec(prefix)![0];
  const range = { start: site.document.positionAt(offset - prefix.length), end: site.document.positionAt(offset) };
  const lang = langOf(site.settings);
  for (const key of keys) {
    if (present.has(key.name)) continue;
    const info = site.model.keyFacts(dict, key.name);
    const item: CompletionItem = {
      label: key.name,
      kind: CompletionItemKind.Property,
      detail: detail(key, site.settings),
      documentation: info ? { kind: 'markdown', value: describeKey(key.name, info, lang) } : undefined,
      // Required keys first, then the rest alphabetically, as Apple's tools order a payload.
      sortText: (isRequired(key) ? '0' : '1') + key.name,
      filterText: markup + key.name,
      insertTextFormat: InsertTextFormat.Snippet,
      // The snippet carries its own indentation, so the editor must not add the line's indentation again.
      insertTextMode: InsertTextMode.asIs,
      textEdit: TextEdit.replace(range, entrySnippet(key.name, key, site.indent, site.unit, new Stops())),
    };
    if (isDeprecated(key)) item.tags = [CompletionItemTag.Deprecated];
    if (key.name === 'PayloadType' && ctx.scope === 'payload') item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    items.push(item);
  }
  return { isIncomplete: false, items };
}

/** Inside `<key>Name</key>`: other key names, replacing only the name. */
function keyName(site: Site, dict: DictNode, key: KeyNode): CompletionList {
  const ctx = site.model.dictContext(dict);
  const keys = ctx.container?.keys;
  if (!keys) return EMPTY;
  const present = new Set(dict.entries.filter((e) => e.key && e.key !== key).map((e) => e.key!.name));
  const range = { start: site.document.positionAt(key.valueOffset), end: site.document.positionAt(key.valueOffset + key.valueLength) };
  const items = keys.filter((k) => !present.has(k.name)).map((k): CompletionItem => ({
    label: k.name,
    kind: CompletionItemKind.Property,
    detail: detail(k, site.settings),
    sortText: (isRequired(k) ? '0' : '1') + k.name,
    textEdit: TextEdit.replace(range, xmlEscape(k.name)),
  }));
  return { isIncomplete: false, items };
}

/** A key directly before `offset` with no value yet (`<key>OnDemandEnabled</key>` then the cursor). */
function keyAwaitingValue(text: string, dict: DictNode, offset: number): KeyNode | undefined {
  for (const e of dict.entries) {
    const k = e.key;
    if (!k || e.value || k.offset + k.length > offset) continue;
    if (text.slice(k.offset + k.length, offset).trim() === '') return k;
  }
  return undefined;
}

function valueForPendingKey(site: Site, dict: DictNode, key: KeyNode, offset: number): CompletionList {
  const info = site.model.keyFacts(dict, key.name);
  const prefix = typedPrefix(site, offset);
  const range = { start: site.document.positionAt(offset - prefix.length), end: site.document.positionAt(offset) };
  const schema = info?.key;
  const items: CompletionItem[] = [];
  const add = (label: string, snippet: string) => items.push({
    label, kind: CompletionItemKind.Value, filterText: prefix.startsWith('<') ? label : label.replace(/^<\/?|\/?>$/g, ''),
    insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs, textEdit: TextEdit.replace(range, snippet),
  });
  if (schema?.type === 'boolean') {
    add('<true/>', '<true/>');
    add('<false/>', '<false/>');
  } else if (schema?.values?.length) {
    const element = elementFor[schema.type] ?? 'string';
    for (const v of schema.values) add(`<${element}>${v}</${element}>`, `<${element}>${snippetEscape(xmlEscape(String(v)))}</${element}>`);
  } else {
    const snippet = valueSnippet(key.name, schema, site.indent, site.unit, new Stops());
    add(snippet.split('\n')[0].replace(/\$\{\d+(:[^}]*)?\}/g, '…'), snippet);
  }
  return { isIncomplete: false, items };
}

/** Between the items of an array: payload skeletons in PayloadContent, else one element of the array's type. */
function arrayBody(site: Site, array: ArrayNode, offset: number): CompletionList {
  const parent = array.parent;
  if (parent?.kind === 'dict' && parent.parent === undefined && keyOfValue(parent, array)?.name === 'PayloadContent') {
    return { isIncomplete: false, items: payloadSkeletons(site, offset, true) };
  }
  if (parent?.kind !== 'dict') return EMPTY;
  const name = keyOfValue(parent, array)?.name;
  const item = name !== undefined ? site.model.keyFacts(parent, name)?.key.item : undefined;
  if (!item) return EMPTY;
  const prefix = typedPrefix(site, offset);
  const range = { start: site.document.positionAt(offset - prefix.length), end: site.document.positionAt(offset) };
  const stops = new Stops();
  // An element dict opens with its required keys (e.g. an on-demand rule's Action).
  const required = item.type === 'dictionary' ? item.keys?.filter((k) => k.presence === 'required') ?? [] : [];
  const inner = site.indent + site.unit;
  const snippet = required.length
    ? `<dict>\n${required.map((k) => inner + entrySnippet(k.name, k, inner, site.unit, stops)).join('\n')}\n${site.indent}</dict>`
    : valueSnippet(item.name, item, site.indent, site.unit, stops);
  return {
    isIncomplete: false,
    items: [{
      label: item.name, kind: CompletionItemKind.Struct, detail: item.type, filterText: prefix.startsWith('<') ? '<' + item.type : item.name,
      insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs, textEdit: TextEdit.replace(range, snippet),
    }],
  };
}

/** A short name for a payload type, for labels and the identifier placeholder: `com.apple.vpn.managed` → `vpn`. */
function shortName(type: string): string {
  const parts = type.replace(/^com\.apple\./, '').split('.').filter((p) => p !== 'managed');
  return parts.join('.') || type;
}

/** The lines of a payload body: PayloadType fixed, a fresh UUID, placeholders for the other required keys. */
function skeletonEntries(type: string, indent: string, unit: string, stops: Stops): string[] {
  const schema = getPayloadSchema(type);
  const byName = new Map<string, KeySchema | undefined>();
  for (const k of getCommonPayloadSchema().keys) if (k.presence === 'required' || k.name === 'PayloadDisplayName') byName.set(k.name, k);
  for (const k of schema?.keys ?? []) if (k.presence === 'required') byName.set(k.name, k);
  // Apple's tools write keys sorted by name.
  const names = [...byName.keys()].sort();
  return names.map((name) => {
    if (name === 'PayloadType') return `${indent}<key>PayloadType</key>\n${indent}<string>${xmlEscape(type)}</string>`;
    if (name === 'PayloadIdentifier') return `${indent}<key>PayloadIdentifier</key>\n${indent}<string>\${${stops.next()}:com.example.${snippetEscape(shortName(type))}}</string>`;
    if (name === 'PayloadDisplayName') return `${indent}<key>PayloadDisplayName</key>\n${indent}<string>\${${stops.next()}:${snippetEscape(shortName(type))}}</string>`;
    return indent + entrySnippet(name, byName.get(name), indent, unit, stops);
  });
}

/** One skeleton item per known payload type; `wrap` adds the payload's own `<dict>` (in PayloadContent). */
function payloadSkeletons(site: Site, offset: number, wrap: boolean): CompletionItem[] {
  const prefix = typedPrefix(site, offset);
  const range = { start: site.document.positionAt(offset - prefix.length), end: site.document.positionAt(offset) };
  return getKnownPayloadTypes().map((type): CompletionItem => {
    const stops = new Stops();
    const inner = wrap ? site.indent + site.unit : site.indent;
    const body = skeletonEntries(type, inner, site.unit, stops).join('\n');
    const snippet = wrap ? `<dict>\n${body}\n${site.indent}</dict>` : body.slice(inner.length);
    return {
      label: `payload: ${type}`,
      kind: CompletionItemKind.Module,
      detail: shortName(type),
      documentation: { kind: 'markdown', value: getPayloadTypeDocs(type, site.settings) },
      filterText: `${prefix.startsWith('<') ? '<' : ''}payload: ${type}`,
      sortText: '2' + type,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: TextEdit.replace(range, snippet),
    };
  });
}

/** Inside a scalar value: fresh UUID, payload types, AnyConnect subtypes, certificate UUIDs, allowed values. */
function valueItems(site: Site, dict: DictNode, keyName: string, node: ScalarNode): CompletionList {
  const { document, text } = site;
  const selfClosing = node.valueLength === 0 && text.startsWith('/>', node.valueOffset);
  // `<string/>` has no text span: rewrite the element itself.
  const edit = (value: string) => selfClosing
    ? TextEdit.replace({ start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) }, `<${node.kind}>${xmlEscape(value)}</${node.kind}>`)
    : TextEdit.replace({ start: document.positionAt(node.valueOffset), end: document.positionAt(node.valueOffset + node.valueLength) }, xmlEscape(value));
  const ctx = site.model.dictContext(dict);
  const items: CompletionItem[] = [];
  const add = (label: string, extra: Partial<CompletionItem> = {}) => items.push({ label, kind: CompletionItemKind.Value, textEdit: edit(label), ...extra });
  if (node.kind === 'string' && keyName === 'PayloadUUID') {
    add(newUuid(), { detail: langOf(site.settings) === 'ja' ? '新しい UUID' : 'fresh UUID', preselect: true });
    return { isIncomplete: false, items };
  }
  if (node.kind === 'string' && keyName === 'PayloadType' && ctx.scope === 'payload' && ctx.atPayloadLevel) {
    for (const type of getKnownPayloadTypes()) {
      add(type, {
        kind: CompletionItemKind.Module,
        documentation: { kind: 'markdown', value: getPayloadTypeDocs(type, site.settings) },
        additionalTextEdits: missingRequiredEdits(site, dict, type),
      });
    }
    return { isIncomplete: false, items };
  }
  if (node.kind === 'string' && keyName === 'VPNSubType' && ctx.scope === 'payload' && ctx.atPayloadLevel) {
    const s = site.settings;
    for (const v of [...s.anyconnectNewSubtypes, ...s.anyconnectLegacySubtypes]) {
      add(v, { documentation: { kind: 'markdown', value: describeSubtype(v, s) }, sortText: (s.anyconnectNewSubtypes.includes(v) ? '0' : '1') + v });
    }
  }
  if (node.kind === 'string' && isReferenceKey(keyName)) {
    for (const p of site.model.payloads) {
      if (!p.type || !CERTIFICATE_TYPES.includes(p.type)) continue;
      const uuid = getStringNode(p.dict, 'PayloadUUID');
      if (uuid?.value) add(uuid.value, { kind: CompletionItemKind.Reference, detail: `${site.model.label(p)} (${p.type})` });
    }
  }
  const values: readonly ScalarValue[] | undefined = site.model.keyFacts(dict, keyName)?.key.values;
  for (const v of values ?? []) {
    const label = String(v);
    if (!items.some((i) => i.label === label)) add(label);
  }
  return { isIncomplete: false, items };
}

/**
 * Edits that add the required keys a payload of `type` still lacks, after the PayloadType entry: choosing a
 * type in an otherwise empty payload yields a whole skeleton with a fresh UUID. Values are plain text (additional
 * edits cannot hold snippet placeholders), so strings stay empty for the user to fill.
 */
function missingRequiredEdits(site: Site, dict: DictNode, type: string): TextEdit[] {
  const entry = dict.entries.find((e) => e.key?.name === 'PayloadType');
  if (!entry?.value || !entry.key) return [];
  const present = new Set(dict.entries.map((e) => e.key?.name));
  const lineStart = site.text.lastIndexOf('\n', entry.key.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(site.text.slice(lineStart, entry.key.offset))![0];
  const lines = skeletonEntries(type, indent, site.unit, new Stops())
    .filter((l) => !present.has(/<key>([^<]*)<\/key>/.exec(l)?.[1]))
    .filter((l) => !l.includes('<key>PayloadDisplayName</key>'))
    // Drop tab stops: `${1:x}` becomes `x`, `${1|a,b|}` becomes `a`, `${1}` becomes nothing.
    .map((l) => l.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}/g, '').replace(/\\([$}\\])/g, '$1'));
  if (!lines.length) return [];
  const at = site.document.positionAt(entry.value.offset + entry.value.length);
  return [TextEdit.insert(at, lines.map((l) => site.eol + l.replace(/\n/g, site.eol)).join(''))];
}
