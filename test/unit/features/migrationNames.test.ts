import * as assert from 'node:assert/strict';
import { mentionsLegacyApp, newAppCopyName } from '../../../server/src/service/migrationNames';

describe('names of a migrated copy', () => {
  const name = (n: string, taken: string[] = [n], locale = 'en') => newAppCopyName(n, new Set(taken), locale);

  it('rewrites a name that mentions the legacy app instead of suffixing it', () => {
    assert.equal(name('Cisco Legacy AnyConnect VPN'), 'Cisco AnyConnect VPN');
    assert.equal(name('AnyConnect Legacy'), 'AnyConnect');
    assert.equal(name('Corporate VPN (legacy)'), 'Corporate VPN (Cisco AnyConnect)');
    assert.equal(name('Legacy Office VPN'), 'Office VPN (Cisco AnyConnect)');
    assert.equal(name('本社 VPN（レガシー）', undefined, 'ja'), '本社 VPN (Cisco AnyConnect 用)');
    assert.equal(name('本社 VPN【旧】', undefined, 'ja'), '本社 VPN (Cisco AnyConnect 用)');
    for (const n of ['Cisco AnyConnect VPN', 'Corporate VPN (Cisco AnyConnect)', '本社 VPN (Cisco AnyConnect 用)']) {
      assert.equal(mentionsLegacyApp(n), false, n);
    }
  });

  it('adds the new app to a name that does not name it, in the profile language', () => {
    assert.equal(name('Tokyo'), 'Tokyo (Cisco AnyConnect)');
    assert.equal(name('東京本社', undefined, 'ja'), '東京本社 (Cisco AnyConnect 用)');
    assert.equal(name('AnyConnect VPN'), 'AnyConnect VPN (Cisco AnyConnect)');
    assert.equal(name(''), 'VPN (Cisco AnyConnect)');
  });

  it('never returns a taken name, and takes the one it returns', () => {
    const taken = new Set(['VPN', 'VPN (Cisco AnyConnect)', 'Cisco AnyConnect VPN']);
    assert.equal(newAppCopyName('VPN', taken, 'en'), 'VPN (Cisco AnyConnect 2)');
    assert.equal(newAppCopyName('VPN', taken, 'en'), 'VPN (Cisco AnyConnect 3)');
    assert.equal(newAppCopyName('Cisco Legacy AnyConnect VPN', taken, 'en'), 'Cisco AnyConnect VPN 2');
    assert.ok(taken.has('Cisco AnyConnect VPN 2'));
  });
});
