/**
 * Small helpers shared by several rules: payload iteration, UUID shapes and edits on value text.
 */
import { elementName } from '../parser/plistParser';
import type { Payload, Profile } from '../profile';
import type { ScalarNode } from '../types';
import type { TextEdit } from './rule';

/** The top-level profile dict (as a payload with index -1) followed by every payload of PayloadContent. */
export function allPayloads(profile: Profile): Payload[] {
  if (!profile.top) return [];
  const top: Payload = { dict: profile.top, index: -1, type: undefined };
  for (const e of profile.top.entries) {
    if (e.key?.name === 'PayloadType' && e.value?.kind === 'string') top.type = e.value.value;
  }
  return [top, ...profile.payloads];
}

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

/** The span of a dict's start tag `<dict>` (shorter when the document is cut off), where "missing key" problems point. */
export function startTagSpan(dict: { offset: number; length: number; selfClosing?: boolean }): { offset: number; length: number } {
  return { offset: dict.offset, length: dict.selfClosing ? dict.length : Math.min(dict.length, 6) };
}

/** How many other places a "used N times" problem lists: enough to find them, not N² objects for N copies. */
export const MAX_RELATED = 20;

/** A human name for a payload in messages: its display name, else its type, else its position. */
export function payloadLabel(payload: Payload): string {
  for (const e of payload.dict.entries) {
    if (e.key?.name === 'PayloadDisplayName' && e.value?.kind === 'string' && e.value.value) return e.value.value;
  }
  if (payload.type) return payload.type;
  return payload.index < 0 ? 'profile' : `payload #${payload.index + 1}`;
}
