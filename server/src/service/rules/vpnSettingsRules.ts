/**
 * The on-demand, proxy, integer-flag and clear-text-secret rules of VPN payloads, gathered in one list
 * so the registry imports them in one line. Each rule still lives in its own file.
 */
import type { Rule } from './rule';

export const vpnSettingsRules: Rule[] = [];
