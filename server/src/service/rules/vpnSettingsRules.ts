/**
 * The on-demand, proxy, integer-flag and clear-text-secret rules of VPN payloads, gathered in one list
 * so the registry imports them in one line. Each rule still lives in its own file.
 */
import type { Rule } from './rule';
import { secretInClearText } from './secret-in-clear-text';
import { vpnIntegerAsBoolean } from './vpn-integer-as-boolean';
import { vpnOnDemandAction } from './vpn-on-demand-action';
import { vpnOnDemandNoRules } from './vpn-on-demand-no-rules';
import { vpnOnDemandParameters } from './vpn-on-demand-parameters';
import { vpnOnDemandUnreachable } from './vpn-on-demand-unreachable';
import { vpnProxyConflict } from './vpn-proxy-conflict';
import { vpnProxyPac } from './vpn-proxy-pac';
import { vpnProxyPort } from './vpn-proxy-port';

export const vpnSettingsRules: Rule[] = [
  secretInClearText,
  vpnIntegerAsBoolean,
  vpnOnDemandAction,
  vpnOnDemandNoRules,
  vpnOnDemandParameters,
  vpnOnDemandUnreachable,
  vpnProxyConflict,
  vpnProxyPac,
  vpnProxyPort,
];
