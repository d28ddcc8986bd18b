/**
 * The features agree because they ask one model. Checked over the whole catalog (every key the rules accept has
 * a hover and is offered by completion where absent, with the same schema facts), and over every fixture and the
 * real-world corpus (the preview shows no secret the rule reports; go to definition, the UUID fix and the
 * certificate rule see the same references).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, decodeBytes, getRule, resolveSettings } from '../../../server/src/service';
import { getKnownPayloadTypes, getPayloadContainer, getPayloadSchema, getTopLevelSchema } from '../../../server/src/service/catalog';
import type { KeyContainer, KeySchema } from '../../../server/src/service/catalog';
import { createRuleContext } from '../../../server/src/service/features/diagnostics';
import { escapeMarkdown } from '../../../server/src/service/features/markdown';
import { summarizeProfile } from '../../../server/src/service/features/summary';
import { walkNodes } from '../../../server/src/service/model/tree';
import type { DictNode, Problem } from '../../../server/src/service/types';

const service = createLanguageService();
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'real-world');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A value of the key's type; a dictionary (or an array of dictionaries) holds every member key, `depth` levels down. */
function valueFor(key: KeySchema, depth: number): string {
  switch (key.type) {
    case 'integer': return '<integer>1</integer>';
    case 'real': return '<real>1</real>';
    case 'boolean': return '<true/>';
    case 'date': return '<date>2024-01-01T00:00:00Z</date>';
    case 'data': return '<data>AAAA</data>';
    case 'dictionary': return `<dict>${depth > 0 ? members(key, depth - 1) : ''}</dict>`;
    case 'array': return key.item?.type === 'dictionary' ? `<array>${valueFor(key.item, depth)}</array>` : '<array/>';
    default: return '<string>x</string>';
  }
}

function members(container: KeyContainer, depth: number, skip: readonly string[] = []): string {
  return (container.keys ?? []).filter((k) => !skip.includes(k.name)).map((k) => `<key>${escape(k.name)}</key>${valueFor(k, depth)}`).join('');
}

const HEADER = ['PayloadType', 'PayloadIdentifier', 'PayloadUUID', 'PayloadVersion'];

function profileWith(type: string, body: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict><key>PayloadType</key><string>Configuration</string>' +
    '<key>PayloadIdentifier</key><string>t</string><key>PayloadUUID</key><string>9C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3</string>' +
    '<key>PayloadVersion</key><integer>1</integer><key>PayloadContent</key><array>\n' +
    `<dict><key>PayloadType</key><string>${escape(type)}</string><key>PayloadIdentifier</key><string>t.p</string>` +
    '<key>PayloadUUID</key><string>1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3</string><key>PayloadVersion</key><integer>1</integer>' +
    `${body}</dict>\n</array></dict></plist>\n`;
}

/** Every dict of the parse with its key names, for hover and completion at each key. */
function dictsOf(parsed: ReturnType<typeof service.parseDocument>): DictNode[] {
  return [...walkNodes(parsed.parse.root)].filter((n): n is DictNode => n.kind === 'dict');
}

describe('one model: rules, hover and completion agree over the catalog', function () {
  this.timeout(120000);

  it('gives every key the rules accept a hover and a completion where it is absent', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const type of getKnownPayloadTypes()) {
      const schema = getPayloadSchema(type)!;
      const container = getPayloadContainer(schema);
      const text = profileWith(type, members(container, 2, HEADER));
      const document = TextDocument.create(`file:///${checked}.mobileconfig`, 'mobileconfig', 1, text);
      const parsed = service.parseDocument(document);
      const unknown = new Set(service.validate(parsed).filter((d) => d.code === 'payload-key-unknown').map((d) => document.offsetAt(d.range.start)));
      for (const dict of dictsOf(parsed)) {
        if (dict === parsed.model.top) continue;
        const facts = (name: string) => parsed.model.keyFacts(dict, name);
        for (const entry of dict.entries) {
          const key = entry.key!;
          // The rules accept the key (no unknown-key problem on its name).
          if (unknown.has(key.valueOffset)) continue;
          checked++;
          const at = document.positionAt(key.valueOffset + 1);
          const hover = service.getHover(parsed, at);
          const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
          if (!value.includes(`**${escapeMarkdown(key.name)}**`)) problems.push(`${type}: no hover for ${key.name}`);
          // The same schema facts the walk gave the rules.
          const walked = parsed.model.schema.flatMap((p) => p.walk.values).find((v) => v.keyNode === key);
          if (walked && walked.key !== facts(key.name)?.key) problems.push(`${type}: hover and rules disagree on ${key.name}`);
        }
        // Completion in the same dict, emptied (a payload dict keeps its PayloadType), offers every accepted key.
        const accepted = dict.entries.map((e) => e.key!).filter((k) => !unknown.has(k.valueOffset) && k.name !== 'PayloadType');
        if (accepted.length === 0 || dict.selfClosing) continue;
        const keep = dict.entries.filter((e) => e.key!.name === 'PayloadType' && parsed.model.payloadOf(dict));
        const bodyStart = text.indexOf('>', dict.offset) + 1;
        const bodyEnd = dict.offset + dict.length - '</dict>'.length;
        const kept = keep.map((e) => text.slice(e.key!.offset, e.value!.offset + e.value!.length)).join('');
        const emptied = text.slice(0, bodyStart) + kept + text.slice(bodyEnd);
        const doc2 = TextDocument.create('file:///c.mobileconfig', 'mobileconfig', 1, emptied);
        const labels = new Set(service.getCompletions(service.parseDocument(doc2), doc2.positionAt(bodyStart + kept.length)).items.map((i) => i.label));
        for (const k of accepted) if (!labels.has(k.name)) problems.push(`${type}: completion does not offer ${k.name}`);
      }
    }
    assert.ok(checked > 1000, `checked ${checked} keys`);
    assert.deepEqual(problems, []);
  });

  it('gives the profile dict\'s keys a hover too', () => {
    const top = getTopLevelSchema();
    const text = `<plist version="1.0"><dict>${members(top, 1)}</dict></plist>`;
    const document = TextDocument.create('file:///top.mobileconfig', 'mobileconfig', 1, text);
    const parsed = service.parseDocument(document);
    for (const e of (parsed.parse.root as DictNode).entries) {
      const hover = service.getHover(parsed, document.positionAt(e.key!.valueOffset + 1));
      assert.ok(hover, `hover for ${e.key!.name}`);
    }
  });

  it('knows PayloadEnabled in a payload: no diagnostic, a hover and a completion', () => {
    const text = profileWith('com.apple.webClip.managed', '<key>PayloadEnabled</key><true/><key>URL</key><string>https://a.example</string><key>Label</key><string>a</string>');
    const document = TextDocument.create('file:///e.mobileconfig', 'mobileconfig', 1, text);
    const parsed = service.parseDocument(document);
    assert.ok(!service.validate(parsed).some((d) => d.code === 'payload-key-unknown'));
    const at = text.indexOf('PayloadEnabled');
    assert.ok(service.getHover(parsed, document.positionAt(at + 1)));
    const without = text.replace('<key>PayloadEnabled</key><true/>', '');
    const doc2 = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, without);
    const labels = service.getCompletions(service.parseDocument(doc2), doc2.positionAt(at)).items.map((i) => i.label);
    assert.ok(labels.includes('PayloadEnabled'));
  });
});

/**
 * Every value the preview shows, cut where formatted values join keys and values ("a=b; c=d", "Key: v"). The
 * list of where secrets are (payload names and keys) is left out: it names keys, not values.
 */
function shownValues(summary: object): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (key === 'secrets' || key === 'problems') return;
    if (typeof v === 'string') for (const part of v.split(/; |, |=|: /)) out.add(part.trim());
    else if (Array.isArray(v)) v.forEach((x) => visit(x, ''));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(summary, '');
  return out;
}

/** Every fixture and example, and the corpus when it is there. */
function samples(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(mobileconfig|plist)$/.test(e.name)) out.push({ name: path.relative(ROOT, full), text: decodeBytes(fs.readFileSync(full)) });
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  walk(path.join(ROOT, 'examples'));
  if (fs.existsSync(CORPUS)) walk(CORPUS);
  return out;
}

describe('one model: secrets and references agree over every fixture and the corpus', function () {
  this.timeout(120000);
  const all = samples();

  it('has samples to check', () => assert.ok(all.length > 100, `${all.length} samples`));

  it('shows in the preview no value that the secret rule reports', () => {
    const leaks: string[] = [];
    let secrets = 0;
    for (const { name, text } of all) {
      const document = TextDocument.create('file:///s.mobileconfig', 'mobileconfig', 1, text);
      const parsed = service.parseDocument(document);
      const reported = service.validate(parsed).filter((d) => d.code === 'secret-in-clear-text');
      if (reported.length === 0) continue;
      const spans = reported.map((d) => [document.offsetAt(d.range.start), document.offsetAt(d.range.end)]);
      const shown = shownValues(summarizeProfile(document, parsed.model, []));
      for (const [from, to] of spans) {
        const value = text.slice(from, to).trim();
        secrets++;
        // Only a value that appears nowhere else in the file can be told apart from the same text used openly.
        let elsewhere = text.replace(/[\s\S]/g, (c, i: number) => (spans.some(([a, b]) => i >= a && i < b) ? '\u0000' : c)).includes(value);
        if (value.length < 4) elsewhere = true;
        if (!elsewhere && shown.has(value)) leaks.push(`${name}: ${value.slice(0, 3)}…`);
      }
    }
    assert.ok(secrets > 5, `${secrets} secrets checked`);
    assert.deepEqual(leaks, []);
  });

  it('finds the same references for go to definition, the UUID fix and the certificate rule', () => {
    const disagreements: string[] = [];
    const fixRule = getRule('payload-uuid-invalid')!;
    let references = 0;
    for (const { name, text } of all) {
      const document = TextDocument.create('file:///r.mobileconfig', 'mobileconfig', 1, text);
      const parsed = service.parseDocument(document);
      const { model } = parsed;
      const refs = model.certificateReferences;
      references += refs.length;
      // Go to definition: answers on exactly the references that name a payload of the profile.
      for (const node of walkNodes(model.parse.root)) {
        if (node.kind !== 'string') continue;
        const goes = service.getDefinition(parsed, document.positionAt(node.valueOffset)).length > 0;
        const ref = refs.find((r) => r.node === node);
        const resolves = !!ref && model.payloadsWithUuid(ref.node.value).length > 0;
        if (goes !== resolves) disagreements.push(`${name}: definition ${goes ? 'answers' : 'is silent'} on "${node.value.slice(0, 40)}"`);
      }
      // The certificate rule: flags exactly the references that resolve to nothing.
      const unresolved = service.validate(parsed, { rules: { 'vpn-certificate-unresolved': 'error' } })
        .filter((d) => d.code === 'vpn-certificate-unresolved').map((d) => document.offsetAt(d.range.start)).sort((a, b) => a - b);
      const expected = refs.filter((r) => model.payloadsWithUuid(r.node.value).length === 0 && !model.isPlaceholder(r.node)).map((r) => r.node.valueOffset).sort((a, b) => a - b);
      if (JSON.stringify(unresolved) !== JSON.stringify(expected)) disagreements.push(`${name}: the certificate rule flags ${unresolved.length}, expected ${expected.length}`);
      // The UUID fix renames exactly the references to the UUID it replaces. It fixes only a UUID that is not
      // one, so each payload's UUID is made invalid first (everywhere it occurs, as a mistyped UUID would be).
      for (const p of model.allPayloads) {
        const uuid = p.dict.entries.find((e) => e.key?.name === 'PayloadUUID')?.value;
        if (uuid?.kind !== 'string' || uuid.value.trim() === '' || model.isPlaceholder(uuid) || !/^[0-9A-Fa-f-]{36}$/.test(uuid.value)) continue;
        const bad = text.split(uuid.value).join('not-a-uuid');
        const badDoc = TextDocument.create('file:///u.mobileconfig', 'mobileconfig', 1, bad);
        const badModel = service.parseDocument(badDoc).model;
        const target = badModel.allPayloads.find((q) => q.dict.offset === p.dict.offset)?.dict.entries.find((e) => e.key?.name === 'PayloadUUID')?.value;
        if (target?.kind !== 'string') continue;
        const problem: Problem = { code: fixRule.id, message: '', offset: target.valueOffset, length: target.valueLength };
        const fixes = fixRule.fixes!(createRuleContext(fixRule, badModel, []), problem);
        if (fixes.length !== 1) {
          disagreements.push(`${name}: no UUID fix for ${uuid.value}`);
          continue;
        }
        const renamed = fixes[0].edits.slice(1).map((e) => e.offset).sort((x, y) => x - y);
        const wanted = badModel.certificateReferences.filter((r) => r.node.value.trim() === 'not-a-uuid' && r.node !== target).map((r) => r.node.valueOffset).sort((x, y) => x - y);
        if (JSON.stringify(renamed) !== JSON.stringify(wanted)) disagreements.push(`${name}: the UUID fix renames ${renamed.length} references, expected ${wanted.length}`);
      }
    }
    assert.ok(references > 10, `${references} references checked`);
    assert.deepEqual(disagreements, []);
  });
});

describe('the agreement checks can fail', () => {
  it('would see a preview that shows a secret', () => {
    const text = profileWith('com.apple.security.scep', '<key>PayloadContent</key><dict><key>URL</key><string>https://ca.example</string><key>Challenge</key><string>s3cr3t-challenge</string></dict>');
    const document = TextDocument.create('file:///x.mobileconfig', 'mobileconfig', 1, text);
    const parsed = service.parseDocument(document, resolveSettings());
    assert.ok(service.validate(parsed).some((d) => d.code === 'secret-in-clear-text'));
    assert.ok(!shownValues(summarizeProfile(document, parsed.model, [])).has('s3cr3t-challenge'));
    // A model that knew no secrets would show it: the check above can fail.
    const leaky = Object.create(parsed.model, { isSecret: { value: () => false } });
    assert.ok(shownValues(summarizeProfile(document, leaky, [])).has('s3cr3t-challenge'));
  });
});
