/**
 * The rules driven by Apple's payload schema (catalog/): unknown keys and payload types, value types,
 * allowed values, ranges, formats, OS availability. One list so the registry imports them in one line.
 */
import type { Rule } from './rule';

export const schemaRules: Rule[] = [];
