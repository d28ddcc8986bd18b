/**
 * Registry entries for the problems the parser itself reports (XML and plist syntax, container kinds),
 * so their severities are configurable and they appear in the README and SARIF like every other rule.
 */
import { ParserCodes } from '../parser/plistParser';
import type { Rule } from './rule';

const parserRule = (id: string, defaultSeverity: Rule['defaultSeverity'], description: string): Rule =>
  ({ id, defaultSeverity, description, messages: { en: {} }, fromParser: true });

export const parserRules: Rule[] = [
  parserRule(ParserCodes.malformed, 'error', 'The text is not well-formed XML (unclosed or mismatched tags, bad entities, stray text).'),
  parserRule(ParserCodes.unknownElement, 'error', 'An element that Apple\'s plist DTD does not define.'),
  parserRule(ParserCodes.keyWithoutValue, 'error', 'A <key> in a dict with no value after it.'),
  parserRule(ParserCodes.valueWithoutKey, 'error', 'A value in a dict with no <key> before it.'),
  parserRule(ParserCodes.misplacedKey, 'error', 'A <key> outside a <dict>.'),
  parserRule(ParserCodes.dtdEntity, 'warning', 'An entity declared in the DOCTYPE: never expanded, and devices may reject it.'),
  parserRule(ParserCodes.binary, 'error', 'A binary property list: convert it to XML to edit and validate it.'),
  { ...parserRule(ParserCodes.signed, 'info', 'A CMS-signed profile: its embedded plist is validated; a portal needs it unsigned (error in portal mode).'), portalSeverity: 'error' },
  parserRule(ParserCodes.tooDeep, 'warning', 'Nesting deeper than the configured limit is not validated.'),
  parserRule(ParserCodes.empty, 'error', 'The file is empty.'),
  // Notes from the diagnostics pipeline itself, listed so their severity can be configured too.
  parserRule('document-too-large', 'info', 'The file is larger than mobileconfig.limits.maxDocumentSize: only XML errors are reported.'),
  parserRule('too-many-diagnostics', 'info', 'More problems than mobileconfig.limits.maxDiagnostics: the rest are not shown.'),
];
