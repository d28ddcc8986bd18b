/**
 * The lint configuration file `.mobileconfig-lint.json`, shared by the CLI and the language server: found by
 * walking up from a linted file (as markdownlint and yamllint find theirs), read without ever throwing, every
 * problem located by line and column. Its fields have the shape of the `mobileconfig.*` settings, plus `ignore`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import type { Node as JsonNode, ParseError } from 'jsonc-parser/lib/esm/main.js';
import { minimatch } from 'minimatch';
import type { MobileconfigSettings } from './protocol';
import { rules } from './service';
import { nearestNames } from './service/model/schema';
import { translate } from './service/rules/rule';
import type { Messages } from './service/rules/rule';

export const CONFIG_FILE_NAME = '.mobileconfig-lint.json';

/** A configuration file as read: the settings it sets (only those), its ignore globs, and where it is. */
export interface LintConfig {
  file: string;
  settings: MobileconfigSettings;
  /** Globs relative to the file's directory, matched against forward-slash paths. */
  ignore: string[];
}

/** A problem in a configuration file, with 1-based line and column. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const MODES = ['standalone', 'portal'];
const VERSION = /^(\d+(\.\d+){0,2})?$/;

/** What is wrong with a configuration file, in the CLI's or the editor's language. */
const MESSAGES: Messages = {
  en: {
    unreadable: 'cannot read the configuration file: {0}',
    missing: 'no such file',
    folder: 'is a directory',
    denied: 'permission denied',
    invalidJson: 'invalid JSON: {0}',
    notObject: 'the configuration must be a JSON object',
    schema: '"$schema" must be a string',
    mode: '"mode" must be one of {0}',
    minimumIOS: '"minimumIOS" must be a version string such as "15.0" (or "" for no check)',
    rules: '"rules" must be an object mapping rule ids to a severity or "off"',
    unknownRule: 'unknown rule id "{0}"{1}',
    didYouMean: ' (did you mean "{0}"?)',
    severity: 'the severity of "{0}" must be one of {1}',
    anyconnect: '"anyconnect" must be an object with "newSubtypes" and/or "legacySubtypes"',
    anyconnectField: 'unknown field "anyconnect.{0}" (known: "newSubtypes", "legacySubtypes")',
    strings: '"{0}" must be an array of strings',
    ignore: '"ignore" must be an array of glob strings',
    unknownField: 'unknown field "{0}" (known: "mode", "rules", "minimumIOS", "anyconnect", "ignore")',
  },
  ja: {
    unreadable: '設定ファイルを読み込めません: {0}',
    missing: 'ファイルがありません',
    folder: 'フォルダーです',
    denied: 'アクセスが拒否されました',
    invalidJson: 'JSON として正しくありません: {0}',
    notObject: '設定は JSON オブジェクトでなければなりません',
    schema: '"$schema" は文字列でなければなりません',
    mode: '"mode" は {0} のいずれかでなければなりません',
    minimumIOS: '"minimumIOS" は "15.0" のようなバージョン文字列 (チェックしない場合は "") でなければなりません',
    rules: '"rules" はルール ID ごとに重大度または "off" を指定するオブジェクトでなければなりません',
    unknownRule: '不明なルール ID "{0}" です{1}',
    didYouMean: ' ("{0}" のことですか?)',
    severity: '"{0}" の重大度は {1} のいずれかでなければなりません',
    anyconnect: '"anyconnect" は "newSubtypes" や "legacySubtypes" を持つオブジェクトでなければなりません',
    anyconnectField: '不明なフィールド "anyconnect.{0}" です (使えるのは "newSubtypes", "legacySubtypes")',
    strings: '"{0}" は文字列の配列でなければなりません',
    ignore: '"ignore" は glob 文字列の配列でなければなりません',
    unknownField: '不明なフィールド "{0}" です (使えるのは "mode", "rules", "minimumIOS", "anyconnect", "ignore")',
  },
};

/** The nearest configuration file in `dir` or one of its parents, or undefined. */
export function findConfigFile(dir: string, exists: (file: string) => boolean = isFile): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (exists(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Reads and checks a configuration file. An unreadable or malformed file gives problems, never an exception. */
export function readConfigFile(file: string, locale = 'en'): { config: LintConfig; problems: ConfigProblem[] } {
  const t = (key: string, ...args: string[]) => translate(MESSAGES, locale, key, args);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? t('missing') : code === 'EISDIR' ? t('folder') : code === 'EACCES' ? t('denied') : String(error);
    return { config: { file, settings: {}, ignore: [] }, problems: [{ file, line: 1, column: 1, message: t('unreadable', why) }] };
  }
  return parseConfigText(text, file, locale);
}

/**
 * Checks the text of a configuration file. Values of the wrong type are reported and left out, so one typo does
 * not silently change every other setting; unknown fields and rule ids are reported too (a misspelt rule id
 * would otherwise configure nothing).
 */
export function parseConfigText(text: string, file: string, locale = 'en'): { config: LintConfig; problems: ConfigProblem[] } {
  const t = (key: string, ...args: string[]) => translate(MESSAGES, locale, key, args);
  const problems: ConfigProblem[] = [];
  const config: LintConfig = { file, settings: {}, ignore: [] };
  // Editors write a BOM now and then; JSON has none.
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const at = (offset: number, message: string) => problems.push({ file, ...lineColumn(body, offset), message });
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    // The first error is the one to fix; those after it mostly follow from it.
    at(errors[0].offset, t('invalidJson', describeParseError(printParseErrorCode(errors[0].error))));
    return { config, problems };
  }
  if (!root || root.type !== 'object') {
    at(root?.offset ?? 0, t('notObject'));
    return { config, problems };
  }
  const ruleIds = new Set(rules.map((r) => r.id));
  for (const [key, value] of properties(root)) {
    const name = key.value as string;
    switch (name) {
      case '$schema':
        if (value.type !== 'string') at(value.offset, t('schema'));
        break;
      case 'mode':
        if (value.type === 'string' && MODES.includes(value.value)) config.settings.mode = value.value;
        else at(value.offset, t('mode', quoted(MODES)));
        break;
      case 'minimumIOS':
        if (value.type === 'string' && VERSION.test(value.value.trim())) config.settings.minimumIOS = value.value.trim();
        else at(value.offset, t('minimumIOS'));
        break;
      case 'rules': {
        if (value.type !== 'object') {
          at(value.offset, t('rules'));
          break;
        }
        const severities: NonNullable<MobileconfigSettings['rules']> = {};
        for (const [ruleKey, severity] of properties(value)) {
          const id = ruleKey.value as string;
          if (!ruleIds.has(id)) at(ruleKey.offset, t('unknownRule', id, suggestion(id, ruleIds, t)));
          else if (severity.type !== 'string' || !SEVERITIES.includes(severity.value)) at(severity.offset, t('severity', id, quoted(SEVERITIES)));
          else severities[id] = severity.value;
        }
        config.settings.rules = severities;
        break;
      }
      case 'anyconnect': {
        if (value.type !== 'object') {
          at(value.offset, t('anyconnect'));
          break;
        }
        const anyconnect: NonNullable<MobileconfigSettings['anyconnect']> = {};
        for (const [listKey, list] of properties(value)) {
          const field = listKey.value as string;
          if (field !== 'newSubtypes' && field !== 'legacySubtypes') {
            at(listKey.offset, t('anyconnectField', field));
            continue;
          }
          const strings = stringArray(list);
          if (strings) anyconnect[field] = strings;
          else at(list.offset, t('strings', `anyconnect.${field}`));
        }
        config.settings.anyconnect = anyconnect;
        break;
      }
      case 'ignore': {
        const strings = stringArray(value);
        if (strings) config.ignore = strings;
        else at(value.offset, t('ignore'));
        break;
      }
      default:
        at(key.offset, t('unknownField', name));
    }
  }
  return { config, problems };
}

/** True when `file` matches one of the configuration's ignore globs (relative to the configuration's folder). */
export function isIgnored(config: LintConfig, file: string): boolean {
  if (config.ignore.length === 0) return false;
  const relative = path.relative(path.dirname(config.file), path.resolve(file)).split(path.sep).join('/');
  // A file outside the configuration's folder is not the configuration's to ignore.
  if (relative.startsWith('../') || path.isAbsolute(relative)) return false;
  return config.ignore.some((glob) => minimatch(relative, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/** `FILE:LINE:COLUMN: message`, the shape compilers and editors turn into a link. */
export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/**
 * Settings from the configuration file laid over settings from elsewhere (VS Code, defaults): a field the file
 * sets wins; rule severities are merged per rule id, the file's winning.
 */
export function mergeSettings(base: MobileconfigSettings | undefined, file: MobileconfigSettings): MobileconfigSettings {
  return {
    ...base,
    ...file,
    rules: { ...base?.rules, ...file.rules },
    anyconnect: { ...base?.anyconnect, ...file.anyconnect },
  };
}

function properties(object: JsonNode): [JsonNode & { value: string }, JsonNode][] {
  const out: [JsonNode & { value: string }, JsonNode][] = [];
  for (const property of object.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) out.push([key as JsonNode & { value: string }, value]);
  }
  return out;
}

function stringArray(node: JsonNode): string[] | undefined {
  if (node.type !== 'array') return undefined;
  const items = node.children ?? [];
  return items.every((i) => i.type === 'string') ? items.map((i) => i.value as string) : undefined;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** jsonc-parser's error names (`CommaExpected`) as words (`comma expected`). */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** ` (did you mean "x"?)` for a rule id close to a known one. */
function suggestion(id: string, known: Set<string>, t: (key: string, ...args: string[]) => string): string {
  const near = nearestNames(id, known);
  return near.length > 0 ? t('didYouMean', near[0]) : '';
}

function quoted(values: string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}
