/**
 * Flags a VPN payload's manual proxy without its port (HTTPProxy without HTTPPort, HTTPSProxy without HTTPSPort)
 * and a port that is not an <integer> from 0 to 65535 (rules-reference.md section 1.3 and PX001: the port is
 * required when the host is set). Fix: a <string> holding a valid port becomes that <integer>.
 */
import { getEntry, nodeAtOffset } from '../model/tree';
import type { Rule } from './rule';
import { vpnDicts } from './vpnSettings';
import { valueSpan } from './helpers';

const PAIRS: [host: string, port: string][] = [['HTTPProxy', 'HTTPPort'], ['HTTPSProxy', 'HTTPSPort']];

/** A decimal port number, or undefined when the text is not one. */
function portNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^\+?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 65535 ? n : undefined;
}

export const vpnProxyPort: Rule = {
  id: 'vpn-proxy-port',
  defaultSeverity: 'error',
  description: 'A VPN manual proxy host (HTTPProxy, HTTPSProxy) without its port, or a port that is not an integer from 0 to 65535.',
  messages: {
    en: {
      missing: '{0} is set but {1} is missing: the proxy needs a port.',
      range: '{0} must be a port number from 0 to 65535, not {1}.',
      type: '{0} must be an <integer>, not a <{1}>.',
      fix: 'Change to <integer>{0}</integer>',
    },
    ja: {
      missing: '{0} が設定されていますが {1} がありません。プロキシにはポートが必要です。',
      range: '{0} は 0 から 65535 のポート番号でなければなりません ({1} は不可)。',
      type: '{0} は <{1}> ではなく <integer> でなければなりません。',
      fix: '<integer>{0}</integer> に変更',
    },
  },
  check(ctx) {
    for (const { name, dict } of vpnDicts(ctx.model)) {
      if (name !== 'Proxies') continue;
      for (const [hostKey, portKey] of PAIRS) {
        const host = getEntry(dict, hostKey)?.value;
        const port = getEntry(dict, portKey)?.value;
        if (!port) {
          if (host?.kind === 'string' && host.value.trim() !== '') ctx.report({ ...valueSpan(host), message: ctx.t('missing', hostKey, portKey) });
        } else if (port.kind === 'integer') {
          if (portNumber(port.value) === undefined) ctx.report({ ...valueSpan(port), message: ctx.t('range', portKey, port.value.trim()) });
        } else {
          ctx.report({ offset: port.offset, length: port.length, message: ctx.t('type', portKey, port.kind === 'bool' ? (port.value ? 'true' : 'false') : port.kind) });
        }
      }
    }
  },
  fixes(ctx, problem) {
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (node?.kind !== 'string' || node.offset !== problem.offset) return [];
    const n = portNumber(node.value);
    if (n === undefined) return [];
    return [{ id: 'fix', title: ctx.t('fix', n), isPreferred: true, edits: [{ offset: node.offset, length: node.length, newText: `<integer>${n}</integer>` }] }];
  },
};
