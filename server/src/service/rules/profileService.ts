/**
 * The other kind of top-level profile: a Profile Service (over-the-air enrollment, phase 1), whose PayloadContent is
 * one dict telling the device where to post which of its attributes. Apple documents it in "Over-the-Air Profile
 * Delivery and Configuration" (developer.apple.com/library/archive/documentation/NetworkingInternet/Conceptual/
 * iPhoneOTAConfiguration/profile-service/profile-service.html). profile-payload-type calls this instead of
 * demanding `Configuration`; the messages are in its table.
 */
import { getEntry } from '../model/tree';
import type { DictNode } from '../types';
import type { RuleContext } from './rule';

/** The top-level PayloadType of an over-the-air enrollment profile. */
export const PROFILE_SERVICE = 'Profile Service';

/** Checks what a device needs to run the service: a content dict with the URL, and the attribute list as strings. */
export function checkProfileService(ctx: RuleContext, root: DictNode): void {
  const content = getEntry(root, 'PayloadContent');
  const dict = content?.value;
  if (dict?.kind !== 'dict') {
    const at: { offset: number; length: number } = dict ?? content?.key ?? { offset: root.offset, length: Math.min(root.length, 6) };
    ctx.report({ offset: at.offset, length: at.length, message: ctx.t('serviceContent') });
    return;
  }
  const url = getEntry(dict, 'URL')?.value;
  if (url?.kind !== 'string' || url.value.trim() === '') {
    // Without the URL the device has nowhere to send its attributes: the enrollment cannot start.
    const at = url ?? dict;
    ctx.report({ offset: at.offset, length: url ? at.length : Math.min(at.length, 6), message: ctx.t('serviceUrl') });
  }
  for (const [name, kind] of [['DeviceAttributes', 'array'], ['Challenge', 'string']] as const) {
    const value = getEntry(dict, name)?.value;
    if (value && value.kind !== kind) ctx.report({ offset: value.offset, length: value.length, message: ctx.t('serviceType', name, `<${kind}>`) });
  }
  const attributes = getEntry(dict, 'DeviceAttributes')?.value;
  if (attributes?.kind !== 'array') return;
  for (const item of attributes.items) {
    if (item.kind !== 'string') ctx.report({ offset: item.offset, length: item.length, message: ctx.t('serviceAttribute') });
  }
}
