/**
 * mobileconfig-lint: the command-line front door to the same language service the editor uses.
 * Files and directories in; text, JSON or SARIF out; exit 0 (no errors), 1 (errors), 2 (usage or input).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, decodeBytes, detectEncoding, rules as registry, validate } from './service';
import type { MigrationMode, ServiceSettings } from './service';
import { replaceFileSafely, WriteOutcome, WriteRefused } from './safeWrite';
import { homepage, version } from '../../package.json';
import { findConfigFile, formatConfigProblem, isIgnored, readConfigFile } from './configFile';
import type { LintConfig } from './configFile';
import { toServiceSettings } from './settings';
import { profileName } from './workspaceProfiles';

type Format = 'text' | 'json' | 'sarif';
type SeverityWord = 'error' | 'warning' | 'information' | 'hint';
// The LSP types come through the façade's signature, so the CLI depends on nothing but the service.
type Diagnostic = ReturnType<typeof validate>[number];

interface Options {
  format: Format;
  /** `--mode`; undefined: the configuration file's mode, else standalone. */
  mode: ServiceSettings['mode'] | undefined;
  quiet: boolean;
  /** `--config FILE`: used for every file instead of looking for `.mobileconfig-lint.json`. */
  config: string | undefined;
  /** `--no-config`: no configuration file at all. */
  noConfig: boolean;
  /** `--max-warnings N`: exit 1 when there are more warnings than this. */
  maxWarnings: number | undefined;
  /** `--output FILE`: write the report there instead of to stdout. */
  output: string | undefined;
  /** `--fix anyconnect=MODE`: migrate legacy AnyConnect payloads and write the files back. */
  fix: MigrationMode | undefined;
  paths: string[];
}

/** One linted file: diagnostics keep the service's LSP 0-based ranges; severity is already a word. */
interface FileReport {
  file: string;
  diagnostics: { code: string; severity: SeverityWord; message: string; range: Diagnostic['range'] }[];
}

/** A file to lint, read, with the settings that apply to it. */
interface LintInput {
  file: string;
  text: string;
  settings: ServiceSettings;
}

/** A linted file with what SARIF needs besides the report: a fingerprint per diagnostic. */
interface LintedFile extends FileReport {
  fingerprints: string[];
}

/** A problem with the command line or the input; reported without a stack and exits 2. */
class UsageError extends Error {}

const USAGE = `Usage: mobileconfig-lint [options] FILE|DIR...

Lints Apple configuration profiles (.mobileconfig). A directory is searched recursively
for *.mobileconfig files (node_modules and .git are skipped).

Options:
  --format text|json|sarif   output format (default: text)
  --mode standalone|portal   delivery mode; portal adds the carrier portal's rules (default: standalone)
  --quiet                    report errors only, not warnings, information or hints
  --config FILE              use this configuration file instead of the nearest .mobileconfig-lint.json
                             found from each linted file's folder upwards
  --no-config                use no configuration file
  --max-warnings N           exit 1 when more than N warnings are found
  --output FILE              write the report to FILE instead of standard output
  --fix anyconnect=alongside|replace
                             migrate Cisco Legacy AnyConnect payloads and rewrite the files: add a
                             Cisco AnyConnect copy alongside each, or replace it in place; every
                             change is listed on stderr, then the result is linted. The mode is
                             kept, a symbolic link's target is written; read-only and hard-linked
                             files are left unchanged
  --help                     show this help
  --version                  show the version

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage error,
unreadable input, a bad configuration file, a file --fix could not write, or no files found.
`;

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
const MODES: readonly ServiceSettings['mode'][] = ['standalone', 'portal'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const SEVERITY_WORDS: Record<number, SeverityWord> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** Returns the options, or a string to print and exit 0 with (`--help`, `--version`). */
function parseArgs(argv: string[]): Options | string {
  const options: Options = {
    format: 'text', mode: undefined, quiet: false, config: undefined, noConfig: false, maxWarnings: undefined, output: undefined, fix: undefined, paths: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    // Accept both `--format json` and `--format=json`, as most CLIs do.
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    switch (name) {
      case '--help': case '-h': return USAGE;
      case '--version': case '-v': return `${version}\n`;
      case '--quiet': case '-q': options.quiet = true; break;
      case '--format': options.format = oneOf(name, takeValue(), FORMATS); break;
      case '--mode': options.mode = oneOf(name, takeValue(), MODES); break;
      case '--config': case '-c': options.config = nonEmpty(name, takeValue()); break;
      case '--no-config': options.noConfig = true; break;
      case '--output': case '-o': options.output = nonEmpty(name, takeValue()); break;
      case '--max-warnings': {
        const value = takeValue();
        if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of 0 or more (got '${value}')`);
        options.maxWarnings = Number(value);
        break;
      }
      case '--fix': {
        const value = takeValue();
        const m = /^anyconnect=(alongside|replace)$/.exec(value);
        if (!m) throw new UsageError(`--fix takes anyconnect=alongside or anyconnect=replace (got '${value}')`);
        options.fix = m[1] as MigrationMode;
        break;
      }
      default: throw new UsageError(`unknown option ${name}`);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no FILE or DIR given');
  if (options.config !== undefined && options.noConfig) throw new UsageError('--config and --no-config cannot be used together');
  return options;
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new UsageError(`${name} needs a value`);
  return value;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** Turns a Node fs error into a short phrase; the code is stable, the message carries the syscall noise. */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/** Expands the arguments into a sorted, de-duplicated file list; unreadable paths go to `failures`. */
function collectFiles(paths: string[], failures: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string, found: string[]): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      failures.push(`cannot read '${dir}': ${describeFsError(error)}`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symlinked directories are not followed, so a link cycle cannot make the walk endless.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, found);
      } else if (entry.name.toLowerCase().endsWith('.mobileconfig') && (entry.isFile() || isFileLink(full))) {
        found.push(full);
      }
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      failures.push(`cannot read '${p}': ${describeFsError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      // Each directory's findings are sorted on their own, so the order of the arguments is kept.
      files.push(...found.sort());
    } else {
      // A file named explicitly is linted whatever its extension: the user asked for it.
      files.push(p);
    }
  }
  return [...new Set(files)];
}

function isFileLink(full: string): boolean {
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a file as bytes and decodes it as the editor would (BOM-aware UTF-8/UTF-16; latin1 for binary
 * plists and CMS-signed DER so each byte keeps one offset and the service can recognise the container).
 */
function readProfile(file: string): string {
  // decodeBytes already drops the BOM, as editors do, so positions on line 1 match theirs.
  return decodeBytes(fs.readFileSync(file));
}

/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional controls, as they may come
 * from a file name or a profile's values: in a terminal they could recolour, retitle or rewrite what is shown,
 * or forge a line of output. Text output shows them as escapes; JSON and SARIF carry them exactly.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every unprintable character written as an escape (`\n`, `\r`, `\t`, `\x1B`, `\u202E`). */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}

/** One line on stderr, made printable. */
function note(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}

function localeFromEnv(): string {
  const env = process.env;
  return (env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * Migrates a file's legacy AnyConnect payloads and writes it back through `replaceFileSafely` (atomic, mode kept,
 * a link's target written, read-only and hard-linked files refused), keeping its encoding and BOM.
 * Every change is written to stderr once the file holds it: a fix is never silent, and never claimed before it happened.
 * Returns a failure (exit 2) when the file could not be written; a refusal is a note, like a signed profile's.
 */
function fixFile(file: string, mode: MigrationMode): string | undefined {
  const bytes = fs.readFileSync(file);
  const encoding = detectEncoding(bytes);
  if (encoding === 'latin1' || encoding === 'utf16be') {
    note(`${file}: not changed: signed, binary and UTF-16BE profiles are not rewritten`);
    return undefined;
  }
  const text = readProfile(file);
  const service = createLanguageService();
  const document = TextDocument.create('file:///fix.mobileconfig', 'mobileconfig', 1, text);
  const { edits, changes } = service.migrateAnyConnect(service.parseDocument(document), mode, { locale: localeFromEnv() });
  const describe = () => {
    for (const c of changes) {
      const what = c.action === 'replaced' ? 'replaced the legacy subtype with com.cisco.anyconnect in'
        : c.action === 'added-alongside' ? 'added a Cisco AnyConnect payload alongside' : `skipped (${c.reason})`;
      note(`${file}:${c.line}: ${what} "${c.payload}"`);
    }
  };
  if (edits.length === 0) {
    describe();
    if (changes.length === 0) note(`${file}: no legacy AnyConnect payload to migrate`);
    return undefined;
  }
  const fixed = TextDocument.applyEdits(document, edits);
  const hadBom = encoding === 'utf8' ? bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf : true;
  const body = encoding === 'utf16le' ? Buffer.from(fixed, 'utf16le') : Buffer.from(fixed, 'utf8');
  const bom = !hadBom ? Buffer.alloc(0) : encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]);
  let outcome: WriteOutcome;
  try {
    outcome = replaceFileSafely(file, Buffer.concat([bom, body]));
  } catch (error) {
    if (error instanceof WriteRefused) {
      note(`${file}: not changed: ${error.message}`);
      return undefined;
    }
    return `cannot write '${file}': ${describeFsError(error)} (not changed)`;
  }
  if (outcome.throughLink) note(`${file}: a symbolic link: its target ${outcome.written} was rewritten, the link kept`);
  describe();
  return undefined;
}

/** The file's URI, as the editor names it (portal-mode messages name other profiles by it). */
function fileUri(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}

/** Shows a path below the working directory relative to it, as the linted files are shown. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Finds the configuration file of each linted file (or takes `--config`) and reads each file once; what is wrong
 * with one is reported once, as a failure: a bad configuration must not pass CI unnoticed.
 */
class ConfigLookup {
  private readonly found = new Map<string, string | undefined>();
  private readonly read = new Map<string, LintConfig>();

  constructor(private readonly options: Options, private readonly failures: string[]) {
    // A file named with --config is read even when no profile is found, so its problems still show.
    if (options.config !== undefined) this.load(options.config);
  }

  for(file: string): LintConfig | undefined {
    if (this.options.noConfig) return undefined;
    if (this.options.config !== undefined) return this.load(this.options.config);
    const dir = path.dirname(path.resolve(file));
    if (!this.found.has(dir)) this.found.set(dir, findConfigFile(dir));
    const configFile = this.found.get(dir);
    return configFile === undefined ? undefined : this.load(configFile);
  }

  private load(file: string): LintConfig {
    const key = path.resolve(file);
    let config = this.read.get(key);
    if (!config) {
      const result = readConfigFile(displayPath(key), localeFromEnv());
      for (const p of result.problems) this.failures.push(formatConfigProblem(p));
      config = result.config;
      this.read.set(key, config);
    }
    return config;
  }
}

/** The configuration file's settings with defaults filled in; `--mode` wins over the file's mode. */
function settingsFor(config: LintConfig | undefined, options: Options): ServiceSettings {
  const settings = toServiceSettings(config?.settings, localeFromEnv());
  return options.mode ? { ...settings, mode: options.mode } : settings;
}

/** Portal mode: each portal-mode file learns the profile names of the other files given, as the editor does for the workspace. */
function addProfileNames(inputs: LintInput[]): void {
  if (!inputs.some((i) => i.settings.mode === 'portal')) return;
  const names = inputs.map((i) => ({ uri: fileUri(i.file), name: profileName(i.text) }));
  for (const input of inputs) {
    if (input.settings.mode !== 'portal') continue;
    const own = fileUri(input.file);
    const others = names.filter((n): n is { uri: string; name: string } => n.name !== undefined && n.uri !== own);
    input.settings = { ...input.settings, workspaceProfileNames: others };
  }
}

function lintFile(input: LintInput, options: Options): LintedFile {
  const { file, text } = input;
  const diagnostics = validate(text, input.settings, fileUri(file))
    .map((d) => ({
      code: String(d.code ?? ''),
      severity: SEVERITY_WORDS[d.severity ?? 1] ?? 'error',
      // LSP 3.18 allows a markup message; plain-text consumers get its source text.
      message: typeof d.message === 'string' ? d.message : d.message.value,
      range: d.range,
    }))
    .filter((d) => !options.quiet || d.severity === 'error');
  return { file, diagnostics, fingerprints: options.format === 'sarif' ? fingerprints(text, diagnostics) : [] };
}

/**
 * A fingerprint per diagnostic that survives edits elsewhere in the file (code scanning matches results across
 * runs by it): the rule id and the flagged text, plus how many identical ones came before. Line numbers and
 * messages (which follow the locale) are left out.
 */
function fingerprints(text: string, diagnostics: FileReport['diagnostics']): string[] {
  const document = TextDocument.create('file:///fingerprint', 'mobileconfig', 1, text);
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = `${d.code}\0${document.getText(d.range)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      // One diagnostic per line keeps the output greppable and clickable in terminals and CI logs.
      const message = d.message.replace(/\s*\r?\n\s*/g, ' ');
      lines.push(printable(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${message}`));
    }
  }
  lines.push(`${plural(reports.length, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}

const SARIF_LEVELS: Record<SeverityWord, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const RULE_LEVELS: Record<'error' | 'warning' | 'info' | 'hint', string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A relative, forward-slash URI for files below the working directory (what code-scanning expects). */
function sarifUri(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  }
  const absolute = path.resolve(file).split(path.sep).map(encodeURIComponent).join('/');
  return 'file://' + (absolute.startsWith('/') ? '' : '/') + absolute;
}

/** Where a rule is documented: the README's rules table, which lists every rule id. */
const RULES_HELP_URI = `${homepage}#rules`;

function formatSarif(reports: LintedFile[]): string {
  // Every rule of the registry is described, so code-scanning tools know the rules that found nothing too.
  const ruleIds = registry.map((r) => r.id);
  const rules = registry.map((rule) => {
    const silence = `To silence it on one line: <!-- mobileconfig-disable-next-line ${rule.id} -->; everywhere: "rules": { "${rule.id}": "off" } in .mobileconfig-lint.json.`;
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.description },
      help: { text: `${rule.description} ${silence}`, markdown: `${rule.description}\n\n${silence.replace(/(<!--.*?-->|"rules": \{.*?\})/g, '`$1`')}` },
      helpUri: RULES_HELP_URI,
      defaultConfiguration: { level: RULE_LEVELS[rule.defaultSeverity] },
      properties: { fixable: !!rule.fixes, ...(rule.portalSeverity ? { portalLevel: RULE_LEVELS[rule.portalSeverity] } : {}) },
    };
  });
  const results = reports.flatMap((r) => r.diagnostics.map((d, i) => ({
    ruleId: d.code,
    ruleIndex: ruleIds.indexOf(d.code),
    level: SARIF_LEVELS[d.severity],
    message: { text: d.message },
    locations: [{
      physicalLocation: {
        artifactLocation: sarifLocation(r.file),
        // SARIF regions are 1-based and count UTF-16 code units by default, like LSP characters.
        region: {
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        },
      },
    }],
    partialFingerprints: { 'mobileconfigRuleAndText/v1': r.fingerprints[i] },
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'mobileconfig', version, informationUri: homepage, rules } },
      // Relative URIs are resolved against the folder the linter ran in; code scanning expects the repository root.
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(process.cwd() + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

const SRCROOT = '%SRCROOT%';

/** A file below the working directory is relative to it (SRCROOT); any other file is an absolute URI. */
function sarifLocation(file: string): { uri: string; uriBaseId?: string } {
  const uri = sarifUri(file);
  return uri.startsWith('file:') ? { uri } : { uri, uriBaseId: SRCROOT };
}

function format(reports: LintedFile[], as: Format): string {
  switch (as) {
    // The JSON contract is {file, diagnostics} per file: the SARIF-only fingerprints stay out.
    case 'json': return JSON.stringify(reports.map(({ file, diagnostics }) => ({ file, diagnostics })), null, 2) + '\n';
    case 'sarif': return formatSarif(reports);
    default: return formatText(reports);
  }
}

/** Writes the report to `--output` (creating its folder) or stdout; a file that cannot be written is a failure. */
function writeReport(text: string, options: Options, failures: string[]): void {
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
    fs.writeFileSync(options.output, text);
  } catch (error) {
    failures.push(`cannot write '${options.output}': ${describeFsError(error)}`);
  }
}

/** Runs the linter; returns the exit status. Exported for tests that want to skip the process. */
export function main(argv: string[]): number {
  let options: Options;
  try {
    const parsed = parseArgs(argv);
    if (typeof parsed === 'string') {
      process.stdout.write(parsed);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    note(`mobileconfig-lint: ${error.message}`);
    process.stderr.write(`Try 'mobileconfig-lint --help'.\n`);
    return 2;
  }

  const failures: string[] = [];
  const files = collectFiles(options.paths, failures);
  if (files.length === 0 && failures.length === 0) failures.push(`no .mobileconfig files found in ${options.paths.join(', ')}`);
  const configs = new ConfigLookup(options, failures);
  const inputs: LintInput[] = [];
  for (const file of files) {
    const config = configs.for(file);
    // Ignored files are skipped even when named: pre-commit and CI pass file names, not folders.
    if (config && isIgnored(config, file)) continue;
    try {
      const failure = options.fix ? fixFile(file, options.fix) : undefined;
      if (failure) failures.push(failure);
      inputs.push({ file, text: readProfile(file), settings: settingsFor(config, options) });
    } catch (error) {
      failures.push(`cannot read '${file}': ${describeFsError(error)}`);
    }
  }
  addProfileNames(inputs);
  const reports = inputs.map((input) => lintFile(input, options));
  // Readable files are still reported when another argument fails, so one typo does not hide results. JSON and
  // SARIF are written even with no file left to report, so a pipeline that uploads them always has a file.
  if (reports.length > 0 || options.format !== 'text' || options.output !== undefined) writeReport(format(reports, options.format), options, failures);
  for (const f of failures) note(`mobileconfig-lint: ${f}`);
  if (failures.length > 0) return 2;
  const warnings = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) note(`mobileconfig-lint: ${plural(warnings, 'warning')} found, more than --max-warnings ${options.maxWarnings} allows`);
  return tooManyWarnings || reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

// Run only as the bundled program, not when a test imports the module.
if (require.main === module) {
  // A closed pipe (`mobileconfig-lint dir | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    note(`mobileconfig-lint: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
