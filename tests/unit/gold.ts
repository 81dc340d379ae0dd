/** Scores the matcher against the gold annotations in tests/fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from '../../lib/core/glossary-schema';
import type { Mention } from '../../lib/core/relevance';
import { variantsOf } from '../../lib/core/variants';

export interface GoldMention {
  start: number;
  end: number;
  surface: string;
  term: string;
  expansion: string;
  tier: 'core' | 'phrase' | 'optional';
}

export interface GoldFile {
  name: string;
  text: string;
  mentions: GoldMention[];
  traps: { start: number; end: number; surface: string; note: string }[];
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function readGold(folder: 'corpus' | 'traps' | 'own'): GoldFile[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.gold.json'))
    .sort()
    .map((name) => {
      const gold = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      return { name, text: readFileSync(join(dir, gold.text), 'utf8'), mentions: gold.mentions, traps: gold.traps };
    });
}

export interface Score {
  core: { found: number; total: number; missed: GoldMention[] };
  phrase: { found: number; total: number; missed: GoldMention[] };
  /** Highlights that overlap a core or phrase mention of the same term. */
  truePositives: number;
  /** Highlights on a trap, on an unannotated stretch, or naming the wrong term. */
  falsePositives: { mention: Mention; why: string }[];
  trapsHit: { surface: string; start: number; note: string }[];
  senses: { right: number; total: number; wrong: { gold: GoldMention; got: string }[] };
}

/**
 * A gold mention is found when a highlight overlaps it and names the same
 * term (its headword or one of its variants is the gold term). A highlight
 * overlapping an optional mention is neither right nor wrong.
 */
export function score(file: GoldFile, mentions: Mention[], entries: readonly Entry[]): Score {
  const result: Score = {
    core: { found: 0, total: 0, missed: [] },
    phrase: { found: 0, total: 0, missed: [] },
    truePositives: 0,
    falsePositives: [],
    trapsHit: [],
    senses: { right: 0, total: 0, wrong: [] },
  };
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;

  for (const gold of file.mentions) {
    if (gold.tier === 'optional') continue;
    const bucket = result[gold.tier];
    bucket.total++;
    const hit = mentions.find((m) => overlaps(m, gold) && namesTerm(entries[m.entry]!, gold.term));
    if (!hit) {
      bucket.missed.push(gold);
      continue;
    }
    bucket.found++;
    result.senses.total++;
    const entry = entries[hit.entry]!;
    if (hit.sense === intendedSense(entry, gold.expansion)) result.senses.right++;
    else result.senses.wrong.push({ gold, got: entry.senses[hit.sense]!.expansion });
  }

  for (const mention of mentions) {
    const trap = file.traps.find((t) => overlaps(t, mention));
    if (trap) {
      result.trapsHit.push({ surface: trap.surface, start: trap.start, note: trap.note });
      result.falsePositives.push({ mention, why: `trap: ${trap.note}` });
      continue;
    }
    const gold = file.mentions.filter((g) => overlaps(g, mention));
    if (gold.some((g) => g.tier === 'optional')) continue;
    if (gold.some((g) => namesTerm(entries[mention.entry]!, g.term))) result.truePositives++;
    else result.falsePositives.push({ mention, why: gold.length ? `wrong term (gold: ${gold[0]!.term})` : 'not in gold' });
  }
  return result;
}

export function context(text: string, start: number, end: number): string {
  return JSON.stringify(`${text.slice(Math.max(0, start - 40), start)}[${text.slice(start, end)}]${text.slice(end, end + 40)}`);
}

function namesTerm(entry: Entry, term: string): boolean {
  const key = normalise(term);
  return variantsOf(entry).some((variant) => normalise(variant.text) === key);
}

/**
 * The sense the annotator meant: the entry's sense whose expansion and
 * definition share the most words with the gold expansion, which is free
 * text ("Napo, the probation trade union (formerly ...)").
 */
function intendedSense(entry: Entry, goldExpansion: string): number {
  if (entry.senses.length === 1) return 0;
  const gold = words(goldExpansion);
  let best = 0;
  let bestScore = -1;
  entry.senses.forEach((sense, i) => {
    const ours = words(`${sense.expansion} ${sense.expansion}`);
    const definition = words(sense.definition);
    let score = 0;
    for (const word of gold) score += (ours.has(word) ? 2 : 0) + (definition.has(word) ? 0.5 : 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'on', 'for', 'to', 'as', 'by', 'not', 'with', 'its', 'is']);

function words(text: string): Set<string> {
  return new Set(normalise(text).split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !STOP.has(w)));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[’']/g, "'").replace(/[-\s]+/g, ' ').trim();
}
