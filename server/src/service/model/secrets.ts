/**
 * The one definition of a secret in a profile: what the secret rule reports, hover masks and the preview
 * hides (shared/domain/rules-reference.md MC021). Anyone who gets the file can read such a value.
 */
import type { DictNode, PlistNode, ScalarNode } from '../types';
import type { Payload } from './tree';

/** Key names that say they hold a secret: passwords, shared secrets, passphrases, PINs. */
const SECRET_KEY = /password|secret|passphrase|^PIN$/i;

/** SCEP's one-time challenge is a secret whose name says nothing of it. */
const SCEP_TYPE = 'com.apple.security.scep';

export interface Secret {
  /** The key naming the secret, e.g. `AuthPassword`. */
  key: string;
  /** The `<string>` holding it; its `value` is never put into a message. */
  node: ScalarNode;
  /** The payload it belongs to. */
  payload: Payload;
}

/** True when a value under `key` in a payload of `payloadType` is a secret (if it is a non-empty string). */
export function isSecretKey(key: string, payloadType: string | undefined): boolean {
  return SECRET_KEY.test(key) || (key === 'Challenge' && payloadType === SCEP_TYPE);
}

/** Every non-empty secret `<string>` of these payloads, in document order. */
export function findSecrets(payloads: readonly Payload[]): Secret[] {
  const out: Secret[] = [];
  for (const payload of payloads) {
    const visit = (node: PlistNode, key: string | undefined) => {
      if (node.kind === 'dict') {
        for (const e of node.entries) if (e.value && !isNestedPayload(payload, node, e.key?.name)) visit(e.value, e.key?.name);
      } else if (node.kind === 'array') {
        for (const item of node.items) visit(item, key);
      } else if (node.kind === 'string' && key !== undefined && node.value !== '' && isSecretKey(key, payload.type)) {
        out.push({ key, node, payload });
      }
    };
    visit(payload.dict, undefined);
  }
  return out;
}

/** The profile dict's PayloadContent holds payloads of their own: they are visited as such, not as the profile's. */
function isNestedPayload(payload: Payload, dict: DictNode, key: string | undefined): boolean {
  return payload.index < 0 && dict === payload.dict && key === 'PayloadContent';
}
