/**
 * `npm run eval:abbreviations`: precision and recall of the abbreviation-
 * definition finder against the hand-checked gold list, for the published
 * Schwartz and Hearst algorithm and for our tuned version, on the shared
 * corpus (probation blog and trap texts) and on our own passages.
 * `-- --verbose` lists every false positive and miss.
 */
import type { FindAbbreviationOptions } from '../lib/core/abbreviations';
import { CLASSIC } from '../lib/core/abbreviations-classic';
import { precision, readAbbreviationGold, recall, scoreFile, sumScores, type GoldFile, type Score } from './abbreviation-score';

const verbose = process.argv.includes('--verbose');
const files = readAbbreviationGold();
const sets: [string, GoldFile[]][] = [
  ['shared corpus + traps', files.filter((f) => !f.file.startsWith('abbreviations/'))],
  ['own passages', files.filter((f) => f.file.startsWith('abbreviations/'))],
  ['all', files],
];
const variants: [string, FindAbbreviationOptions][] = [
  ['Schwartz-Hearst (classic)', CLASSIC],
  ['tuned (default)', {}],
];

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
const rows: string[][] = [['algorithm', 'texts', 'gold', 'found', 'right', 'precision', 'recall', 'F1']];
const details: string[] = [];

for (const [name, options] of variants) {
  for (const [label, set] of sets) {
    const score: Score = sumScores(set.map((file) => scoreFile(file, options)));
    const p = precision(score);
    const r = recall(score);
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    rows.push([name, label, `${score.gold}`, `${score.found}`, `${score.matched}`, pct(p), pct(r), pct(f1)]);
    if (verbose && label !== 'all') {
      details.push(`\n${name}, ${label}:`);
      for (const fp of score.falsePositives) details.push(`  false positive  ${fp}`);
      for (const miss of score.missed) details.push(`  missed          ${miss}`);
    }
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
if (details.length) console.log(details.join('\n'));
