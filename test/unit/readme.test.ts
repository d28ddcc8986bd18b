import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { updateReadme } from '../../scripts/rules-table';
import { rules } from '../../server/src/service';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('has the rules table of the registry (npm run docs:rules rewrites it)', () => {
    assert.equal(readme, updateReadme(readme));
  });
  it('names every rule id', () => {
    for (const rule of rules) assert.ok(readme.includes(`\`${rule.id}\``), rule.id);
  });
});
