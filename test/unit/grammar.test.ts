/**
 * Checks the static language contribution: the TextMate grammar, the language configuration and the
 * snippets. Without vscode-textmate we cannot tokenize, so we check that every regex compiles in JS
 * (a subset of Oniguruma), that the rules match what their scopes claim, and that snippets expand to valid profiles.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../../server/src/service';

const root = path.resolve(__dirname, '../..');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

type GrammarRule = {
  match?: string; begin?: string; end?: string; while?: string;
  name?: string; contentName?: string; include?: string; patterns?: GrammarRule[];
};
type Grammar = GrammarRule & { scopeName: string; repository: Record<string, GrammarRule> };

/** Every rule object of the grammar, with a path for error messages. */
function allRules(grammar: Grammar): [string, GrammarRule][] {
  const out: [string, GrammarRule][] = [];
  const visit = (where: string, rule: GrammarRule) => {
    out.push([where, rule]);
    rule.patterns?.forEach((p, i) => visit(`${where}.patterns[${i}]`, p));
  };
  grammar.patterns?.forEach((p, i) => visit(`patterns[${i}]`, p));
  for (const [name, rule] of Object.entries(grammar.repository)) visit(`repository.${name}`, rule);
  return out;
}

describe('TextMate grammar', () => {
  const grammar: Grammar = readJson('syntaxes/mobileconfig.tmLanguage.json');
  const repo = grammar.repository;

  it('has the scope name package.json points at', () => {
    const pkg = readJson('package.json');
    const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'mobileconfig');
    assert.equal(grammar.scopeName, 'text.xml.mobileconfig');
    assert.equal(contributed.scopeName, grammar.scopeName);
    assert.equal(path.normalize(contributed.path), path.normalize('./syntaxes/mobileconfig.tmLanguage.json'));
  });

  it('compiles every regex in JavaScript and uses no Oniguruma-only constructs', () => {
    // \G, \A, \z, \h, possessive quantifiers and atomic groups exist in Oniguruma but not in JS;
    // avoiding them keeps the grammar usable by JS-regex TextMate hosts (e.g. Monaco fallbacks).
    const onigOnly = /\\[GAzZh]|\(\?>|[*+?}]\+/;
    for (const [where, rule] of allRules(grammar)) {
      for (const field of ['match', 'begin', 'end', 'while'] as const) {
        const source = rule[field];
        if (source === undefined) continue;
        assert.doesNotThrow(() => new RegExp(source), `${where}.${field}: ${source}`);
        assert.doesNotMatch(source, onigOnly, `${where}.${field} uses an Oniguruma-only construct`);
      }
    }
  });

  it('resolves every include to a repository entry', () => {
    for (const [where, rule] of allRules(grammar)) {
      if (!rule.include) continue;
      assert.match(rule.include, /^#/, `${where}: includes outside this grammar make it depend on another`);
      assert.ok(repo[rule.include.slice(1)], `${where}: unknown ${rule.include}`);
    }
  });

  it('gives keys, each value type and base64 data distinct scopes', () => {
    const scopes = {
      key: repo.key.contentName,
      string: repo.string.contentName,
      integer: repo.integer.patterns?.[0].name,
      real: repo.real.patterns?.[0].name,
      date: repo.date.contentName,
      base64: repo.data.patterns?.[0].name,
    };
    assert.equal(new Set(Object.values(scopes)).size, Object.keys(scopes).length, JSON.stringify(scopes));
    assert.match(scopes.key ?? '', /^support\.type\.property-name\b/);
    assert.match(scopes.base64 ?? '', /base64/);
  });

  it('matches the plist elements its rules are named for', () => {
    const re = (source?: string) => new RegExp(source ?? '(?!)');
    assert.match('<key>', re(repo.key.begin));
    assert.doesNotMatch('<key/>', re(repo.key.begin));
    assert.match('<key/>', re(repo['empty-element'].match));
    assert.match('<true/>', re(repo.boolean.match));
    assert.equal(re(repo.integer.patterns?.[0].match).exec('-42')?.[0], '-42');
    assert.equal(re(repo.real.patterns?.[0].match).exec('1.5e3')?.[0], '1.5e3');
    assert.match('&#x41;', re(repo.entity.patterns?.[0].match));
    assert.match('<!DOCTYPE plist', re(repo.doctype.begin));
    assert.match('<?xml version="1.0"?>', re(repo['xml-declaration'].begin));
  });

  it('marks text that is not base64 inside <data>', () => {
    const [base64, , illegal] = repo.data.patterns ?? [];
    assert.equal(new RegExp(base64.match!).exec('TWFu')?.[0], 'TWFu');
    assert.equal(new RegExp(illegal.match!).exec('TWFu!!')?.[0], '!!');
    // The end pattern only wins if the illegal run stops before `<` of `</data>`.
    assert.equal(new RegExp(illegal.match!).exec('!!</data>')?.[0], '!!', 'the end tag must stay reachable');
  });
});

describe('language configuration', () => {
  const config = readJson('syntaxes/language-configuration.json');

  it('declares XML block comments and auto-closes them', () => {
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
    assert.ok(config.autoClosingPairs.some((p: { open: string }) => p.open === '<!--'));
    assert.ok(config.autoClosingPairs.some((p: { open: string }) => p.open === '"'));
  });

  it('treats a reverse-DNS identifier and a UUID as one word', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('<string>com.cisco.anyconnect</string>'.match(word), ['string', 'com.cisco.anyconnect', 'string']);
    assert.deepEqual(' 6F1A2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B'.match(word), ['6F1A2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B']);
  });

  it('indents inside dict and array and nowhere else', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.match('\t<dict>', increase);
    assert.doesNotMatch('<plist version="1.0">', increase);
    assert.doesNotMatch('\t<string>x</string>', increase);
    assert.match('\t</array>', decrease);
    for (const rule of config.onEnterRules) {
      new RegExp(rule.beforeText);
      if (rule.afterText) new RegExp(rule.afterText);
    }
  });
});

// VS Code resolves each UUID variable anew, across snippets too; a counter stands in for randomness.
let uuidCounter = 0;

/** Expands a VS Code snippet body the way the editor does when every placeholder keeps its default. */
function expandSnippet(body: string[]): string {
  let text = body.join('\n');
  text = text.replace(/\$\{UUID\/\(\.\*\)\/\$\{1:\/upcase\}\/\}/g, () => `6F1A2B3C-4D5E-4F60-8A1B-${(uuidCounter++).toString(16).padStart(12, '0').toUpperCase()}`);
  text = text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  // Innermost placeholders first, so nested ones (an optional block holding a tab stop) resolve too.
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '');
}

describe('snippets', () => {
  const snippets: Record<string, { prefix: string | string[]; body: string[]; description: string }> =
    readJson('snippets/mobileconfig.code-snippets');
  const byPrefix = (prefix: string) => {
    const found = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes(prefix));
    assert.ok(found, `no snippet with prefix ${prefix}`);
    return found;
  };
  const profileWith = (payload: string) =>
    expandSnippet(byPrefix('payload-profile').body).replace('<array>\n\t\t\n', `<array>\n${payload.replace(/^/gm, '\t\t')}\n`);
  const codes = (text: string) => validate(text).map((d) => d.code);

  it('uses payload- prefixes and Apple tab indentation', () => {
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(([] as string[]).concat(s.prefix).some((p) => p.startsWith('payload-')), name);
      assert.ok(s.body.every((line) => !/^ +</.test(line)), `${name} indents with spaces`);
    }
  });

  it('expands the empty profile to a profile without problems', () => {
    assert.deepEqual(codes(profileWith('')), []);
  });

  it('expands the AnyConnect payload to a clean new-app VPN payload', () => {
    const payload = expandSnippet(byPrefix('payload-anyconnect').body);
    assert.match(payload, /<string>com\.cisco\.anyconnect<\/string>/);
    assert.match(payload, /<key>RemoteAddress<\/key>\s*<string>vpn\.example\.com<\/string>/);
    assert.deepEqual(codes(profileWith(payload)), []);
  });

  it('expands the legacy payload to a payload flagged only as legacy', () => {
    const payload = expandSnippet(byPrefix('payload-anyconnect-legacy').body);
    assert.match(payload, /<string>com\.cisco\.anyconnect\.applevpn\.plugin<\/string>/);
    assert.deepEqual(codes(profileWith(payload)), ['vpn-legacy-only']);
  });

  it('gives every payload of an expanded profile its own UUID', () => {
    const text = profileWith(expandSnippet(byPrefix('payload-anyconnect').body));
    const uuids = [...text.matchAll(/<key>PayloadUUID<\/key>\s*<string>([^<]*)<\/string>/g)].map((m) => m[1]);
    assert.equal(uuids.length, 2);
    assert.equal(new Set(uuids).size, 2);
  });
});
