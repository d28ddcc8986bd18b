import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigFile, isIgnored, mergeSettings, parseConfigText, readConfigFile } from '../../server/src/configFile';
import { rules } from '../../server/src/service';
import { configSchema, SCHEMA_FILE, schemaText } from '../../scripts/config-schema';

const FILE = '/p/.mobileconfig-lint.json';

describe('configuration file (.mobileconfig-lint.json)', () => {
  it('reads every field', () => {
    const { config, problems } = parseConfigText(JSON.stringify({
      $schema: './node_modules/mobileconfig/schemas/mobileconfig-lint.schema.json',
      mode: 'portal', rules: { 'vpn-both-apps': 'off', 'vpn-legacy-only': 'error' }, minimumIOS: ' 15.0 ',
      anyconnect: { newSubtypes: ['com.cisco.anyconnect', 'com.cisco.anyconnect.next'], legacySubtypes: [] }, ignore: ['export/**'],
    }), FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.settings, {
      mode: 'portal', rules: { 'vpn-both-apps': 'off', 'vpn-legacy-only': 'error' }, minimumIOS: '15.0',
      anyconnect: { newSubtypes: ['com.cisco.anyconnect', 'com.cisco.anyconnect.next'], legacySubtypes: [] },
    });
    assert.deepEqual(config.ignore, ['export/**']);
  });

  it('locates a JSON syntax error by line and column and reports only the first', () => {
    const { problems, config } = parseConfigText('{\n  "mode": "portal",\n  "rules": { "vpn-both-apps": "off", }\n}', FILE);
    assert.deepEqual(problems, [{ file: FILE, line: 3, column: 38, message: 'invalid JSON: property name expected' }]);
    assert.deepEqual(config.settings, {});
  });

  it('reports values of the wrong type at the value, keeping the valid fields', () => {
    const text = '{\n  "mode": "portl",\n  "minimumIOS": 15,\n  "ignore": "export",\n  "rules": { "vpn-both-apps": "loud" },\n  "anyconnect": { "newSubtypes": [1] },\n  "rule": {}\n}';
    const { problems, config } = parseConfigText(text, FILE);
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '2:11 "mode" must be one of "standalone", "portal"',
      '3:17 "minimumIOS" must be a version string such as "15.0" (or "" for no check)',
      '4:13 "ignore" must be an array of glob strings',
      '5:31 the severity of "vpn-both-apps" must be one of "error", "warning", "info", "hint", "off"',
      '6:34 "anyconnect.newSubtypes" must be an array of strings',
      '7:3 unknown field "rule" (known: "mode", "rules", "minimumIOS", "anyconnect", "ignore")',
    ]);
    assert.deepEqual(config.settings, { rules: {}, anyconnect: {} });
  });

  it('speaks Japanese under a Japanese locale', () => {
    const { problems } = parseConfigText('{ "rules": { "vpn-lgacy-only": "off" }, "mode": 2 }', FILE, 'ja');
    assert.deepEqual(problems.map((p) => p.message), [
      '不明なルール ID "vpn-lgacy-only" です ("vpn-legacy-only" のことですか?)',
      '"mode" は "standalone", "portal" のいずれかでなければなりません',
    ]);
  });

  it('reports an unknown rule id with the nearest known one', () => {
    const { problems } = parseConfigText('{ "rules": { "vpn-lgacy-only": "off" } }', FILE);
    assert.deepEqual(problems.map((p) => p.message), ['unknown rule id "vpn-lgacy-only" (did you mean "vpn-legacy-only"?)']);
  });

  it('reports a file that is not an object, empty, or has a BOM at the right column', () => {
    assert.equal(parseConfigText('[]', FILE).problems[0].message, 'the configuration must be a JSON object');
    assert.equal(parseConfigText('', FILE).problems[0].message, 'invalid JSON: value expected');
    assert.deepEqual(parseConfigText('\ufeff{ "mode": 1 }', FILE).problems.map((p) => p.column), [12]);
  });

  it('never throws on a missing file or a folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-config-'));
    try {
      assert.match(readConfigFile(path.join(tmp, 'none.json')).problems[0].message, /cannot read the configuration file: no such file/);
      assert.match(readConfigFile(tmp).problems[0].message, /is a directory/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('is found in the file\'s folder or the nearest parent', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-config-'));
    try {
      fs.mkdirSync(path.join(tmp, 'a', 'b'), { recursive: true });
      assert.equal(findConfigFile(path.join(tmp, 'a', 'b'), (f) => f.startsWith(tmp) && fs.existsSync(f)), undefined);
      fs.writeFileSync(path.join(tmp, '.mobileconfig-lint.json'), '{}');
      assert.equal(findConfigFile(path.join(tmp, 'a', 'b')), path.join(tmp, '.mobileconfig-lint.json'));
      fs.writeFileSync(path.join(tmp, 'a', '.mobileconfig-lint.json'), '{}');
      assert.equal(findConfigFile(path.join(tmp, 'a', 'b')), path.join(tmp, 'a', '.mobileconfig-lint.json'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('ignores files by globs relative to its folder; a glob without a slash matches at any depth', () => {
    const config = { file: '/p/.mobileconfig-lint.json', settings: {}, ignore: ['export/**', '*.draft.mobileconfig'] };
    assert.equal(isIgnored(config, '/p/export/a.mobileconfig'), true);
    assert.equal(isIgnored(config, '/p/sub/export/a.mobileconfig'), false);
    assert.equal(isIgnored(config, '/p/sub/x.draft.mobileconfig'), true);
    assert.equal(isIgnored(config, '/p/a.mobileconfig'), false);
    assert.equal(isIgnored(config, '/q/export/a.mobileconfig'), false, 'outside the configuration\'s folder');
  });

  it('wins over other settings field by field, rule severities merged per rule', () => {
    assert.deepEqual(
      mergeSettings({ mode: 'standalone', rules: { a: 'off', b: 'off' }, minimumIOS: '14', anyconnect: { newSubtypes: ['x'] } }, { mode: 'portal', rules: { b: 'error' } }),
      { mode: 'portal', rules: { a: 'off', b: 'error' }, minimumIOS: '14', anyconnect: { newSubtypes: ['x'] } },
    );
  });

  describe('JSON Schema (schemas/mobileconfig-lint.schema.json)', () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    it('lists exactly the registry\'s rule ids', () => {
      assert.deepEqual(Object.keys(schema.properties.rules.properties), rules.map((r) => r.id));
    });
    it('is what scripts/config-schema.ts writes (npm run docs:rules)', () => assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), schemaText()));
    it('has the fields the reader knows, and the VS Code settings\' severities', () => {
      assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'anyconnect', 'ignore', 'minimumIOS', 'mode', 'rules']);
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
      const settings = manifest.contributes.configuration.properties;
      assert.deepEqual(schema.definitions.severity.enum, settings['mobileconfig.rules'].additionalProperties.enum);
      assert.deepEqual(schema.properties.mode.enum, settings['mobileconfig.mode'].enum);
      assert.equal(schema.properties.minimumIOS.pattern, settings['mobileconfig.minimumIOS'].pattern);
      assert.deepEqual((configSchema() as { properties: object }).properties, schema.properties);
    });
    it('is contributed to VS Code for the file name', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
      assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.mobileconfig-lint.json', url: './schemas/mobileconfig-lint.schema.json' }]);
    });
  });
});
