/**
 * Building blocks of quick fixes and migrations: fresh UUIDs, XML escaping and the smallest edit that replaces
 * a value. Shared by rules and `migrate.ts`, which therefore do not import each other's helpers.
 */
import { elementName } from './parser/plistParser';
import type { ScalarNode, TextEdit } from './types';

/** 8-4-4-4-12 hex digits, any case. */
export const UUID_PATTERN = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * Where fresh UUIDs come from. Web Crypto is part of the JavaScript runtime, not I/O; tests replace
 * `next` with a counter so golden files of fixes stay stable.
 */
export const uuidSource = { next: (): string => globalThis.crypto.randomUUID().toUpperCase() };

/** A fresh upper-case UUID. */
export function newUuid(): string {
  return uuidSource.next();
}

/** Escapes text for use inside an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An edit replacing only the text between a leaf element's tags (or filling a `<string/>`). */
export function replaceValueText(node: ScalarNode, text: string, newValue: string): TextEdit {
  if (node.valueLength === 0 && text.startsWith('/>', node.valueOffset)) {
    // `<string/>` has no text span: rewrite the element itself.
    return { offset: node.offset, length: node.length, newText: `<${elementName(text, node)}>${escapeXml(newValue)}</${elementName(text, node)}>` };
  }
  return { offset: node.valueOffset, length: node.valueLength, newText: escapeXml(newValue) };
}
