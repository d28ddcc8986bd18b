/**
 * Writes the README's rules table from the rule registry (id, default severity, portal severity, what, fix),
 * so the table cannot drift from the code. `--check` exits 1 when README.md is out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/service/rules';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

export function rulesTable(): string {
  const rows = rules.map((r) => {
    const severity = r.portalSeverity && r.portalSeverity !== r.defaultSeverity ? `${r.defaultSeverity} (portal: ${r.portalSeverity})` : r.onlyInMode ? `${r.defaultSeverity} (${r.onlyInMode} mode only)` : r.defaultSeverity;
    return `| \`${r.id}\` | ${severity} | ${r.description.replace(/\|/g, '\\|').replace(/<(\w+)>/g, '`<$1>`')} | ${r.fixes ? 'yes' : ''} |`;
  });
  return ['| Rule | Default | What it reports | Fix |', '|---|---|---|---|', ...rows].join('\n');
}

export function updateReadme(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return readme.slice(0, start + START.length) + '\n' + rulesTable() + '\n' + readme.slice(end);
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const next = updateReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md rules table is out of date: run npm run docs:rules');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, next);
  }
}
