import * as assert from 'node:assert/strict';
import { defaultSettings } from '../../server/src/service/types';
describe('smoke', () => { it('has defaults', () => { assert.equal(defaultSettings.mode, 'standalone'); }); });
