/**
 * Scores the abbreviation-definition finder against
 * tests/fixtures/abbreviations.gold.json; used by `npm run eval:abbreviations`
 * and by the unit tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAbbreviations, type FindAbbreviationOptions } from '../lib/core/abbreviations';

export const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures');

export interface GoldDefinition {
  short: string;
  long: string;
  start: number;
  end: number;
}

export interface GoldFile {
  /** Relative to tests/fixtures: `corpus/…`, `traps/…` or `abbreviations/…`. */
  file: string;
  definitions: GoldDefinition[];
  text: string;
}

export interface Score {
  found: number;
  gold: number;
  matched: number;
  /** Found but not in the gold list (or with the wrong long form). */
  falsePositives: string[];
  /** In the gold list but not found. */
  missed: string[];
}

export function readAbbreviationGold(): GoldFile[] {
  const raw = JSON.parse(readFileSync(join(FIXTURES, 'abbreviations.gold.json'), 'utf8')) as {
    files: { file: string; definitions: GoldDefinition[] }[];
  };
  return raw.files.map((f) => ({ ...f, text: readFileSync(join(FIXTURES, f.file), 'utf8') }));
}

/**
 * A found definition counts when its short and long forms equal a gold one's
 * (ignoring quotes, a plural or possessive ending, white space and letter
 * case) and the two spans overlap.
 */
export function scoreFile(file: GoldFile, options: FindAbbreviationOptions = {}): Score {
  const found = findAbbreviations(file.text, options);
  const used = new Set<number>();
  const falsePositives: string[] = [];
  for (const item of found) {
    const index = file.definitions.findIndex(
      (gold, i) =>
        !used.has(i) &&
        normalShort(gold.short) === normalShort(item.short) &&
        normalLong(gold.long) === normalLong(item.long) &&
        gold.start < item.end &&
        item.start < gold.end,
    );
    if (index >= 0) used.add(index);
    else falsePositives.push(`${file.file}@${item.start}: ${item.short} = "${item.long}"`);
  }
  const missed = file.definitions
    .filter((_, i) => !used.has(i))
    .map((gold) => `${file.file}@${gold.start}: ${gold.short} = "${gold.long}"`);
  return { found: found.length, gold: file.definitions.length, matched: used.size, falsePositives, missed };
}

export function sumScores(scores: Score[]): Score {
  return scores.reduce(
    (sum, s) => ({
      found: sum.found + s.found,
      gold: sum.gold + s.gold,
      matched: sum.matched + s.matched,
      falsePositives: [...sum.falsePositives, ...s.falsePositives],
      missed: [...sum.missed, ...s.missed],
    }),
    { found: 0, gold: 0, matched: 0, falsePositives: [], missed: [] },
  );
}

export function precision(s: Score): number {
  return s.found ? s.matched / s.found : 1;
}

export function recall(s: Score): number {
  return s.gold ? s.matched / s.gold : 1;
}

// --- Implementation helpers ---

function normalShort(value: string): string {
  const bare = value.replace(/^["'“”‘’]+|["'“”‘’]+$/gu, '').replace(/['’]s$/u, '');
  return /^\p{Lu}{2,}s$/u.test(bare) ? bare.slice(0, -1) : bare;
}

function normalLong(value: string): string {
  return value
    .replace(/['’]s?$/u, '')
    .replace(/[’]/gu, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
