/**
 * Finds glossary terms in plain text. One pass over the text: it reads each
 * word once, looks it up in a table keyed by the first word of every variant
 * and cue, and tries only the few variants that start with that word.
 *
 * Offsets are UTF-16 code units, end exclusive. A mention covers the term
 * itself, not a plural, possessive or digit suffix ("PSO" in "PSOs").
 */
import type { CasePolicy, Domain, Entry, HighlightPolicy } from './glossary-schema';
import { isApostrophe, isDigit, isSpace, isWordChar } from './text';
import { variantsOf } from './variants';

/** The fields the matcher needs; personal entries provide the same. */
export type MatchableEntry = Pick<Entry, 'id' | 'headword' | 'case' | 'variants' | 'digitSuffix' | 'highlight'> & {
  senses: { domain: Domain; cues: string[] }[];
};

export interface Candidate {
  start: number;
  end: number;
  entry: number;
}

export interface CueHit {
  /** Where the cue starts: used to find cues near a mention. */
  at: number;
  cue: number;
}

export interface Scan {
  candidates: Candidate[];
  /** Sorted by position. */
  cues: CueHit[];
}

export interface CompiledGlossary {
  entries: readonly MatchableEntry[];
  /** Cue texts by cue number. */
  cueTexts: readonly string[];
  /** Cue numbers of the general probation and criminal-justice vocabulary. */
  topicCues: ReadonlySet<number>;
  /** Per entry, per sense, the cue numbers that support it. */
  senseCues: readonly (readonly ReadonlySet<number>[])[];
  highlight: readonly HighlightPolicy[];
  /** @internal */
  table: Map<string, Pattern[]>;
  /** @internal The longest first word of any variant or cue: longer words are skipped unread. */
  longestKey: number;
}

/**
 * Builds the lookup table once; scanning then costs one pass per text.
 * `topicWords` are words that show a passage is about probation or criminal justice.
 */
export function compileGlossary(entries: readonly MatchableEntry[], topicWords: readonly string[] = []): CompiledGlossary {
  const table = new Map<string, Pattern[]>();
  const cueNumbers = new Map<string, number>();
  const cueTexts: string[] = [];

  const cueNumber = (text: string): number => {
    const key = text.toLowerCase().trim();
    let n = cueNumbers.get(key);
    if (n === undefined) {
      n = cueTexts.length;
      cueNumbers.set(key, n);
      cueTexts.push(key);
      addPattern(table, { text: key, case: 'any', kind: 'cue', id: n, digitSuffix: false });
    }
    return n;
  };

  entries.forEach((entry, index) => {
    for (const variant of variantsOf(entry)) {
      addPattern(table, { ...variant, kind: 'term', id: index, digitSuffix: entry.digitSuffix });
    }
  });
  const topicCues = new Set(topicWords.map(cueNumber));
  const senseCues = entries.map((entry) => entry.senses.map((sense) => new Set(sense.cues.map(cueNumber))));
  for (const patterns of table.values()) patterns.sort((a, b) => b.text.length - a.text.length);
  let longestKey = 0;
  for (const key of table.keys()) longestKey = Math.max(longestKey, key.length);

  return { entries, cueTexts, topicCues, senseCues, highlight: entries.map((entry) => entry.highlight), table, longestKey };
}

/** Finds every candidate mention and every cue word in `text`, in one pass. */
export function scanText(text: string, glossary: CompiledGlossary): Scan {
  const candidates: Candidate[] = [];
  const cues: CueHit[] = [];
  const { table, longestKey } = glossary;
  const length = text.length;
  let termEnd = 0;
  let i = 0;

  while (i < length) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isWordChar(text, i)) i++;
    // Room for a plural or digit suffix (PSOs, SDS2023); longer words (hashes, URLs) cannot be terms.
    if (i - start > longestKey + MAX_SUFFIX_LENGTH) continue;

    const word = text.slice(start, i).toLowerCase();
    const patterns = lookup(table, word);
    if (!patterns) continue;

    let termFound = start < termEnd;
    for (const pattern of patterns) {
      if (pattern.kind === 'term' && termFound) continue;
      const end = matchAt(text, start, pattern);
      if (end < 0) continue;
      if (pattern.kind === 'cue') {
        if (!cues.length || cues[cues.length - 1]!.at !== start || cues[cues.length - 1]!.cue !== pattern.id) {
          cues.push({ at: start, cue: pattern.id });
        }
      } else {
        candidates.push({ start, end, entry: pattern.id });
        termEnd = end;
        termFound = true;
      }
    }
  }
  return { candidates, cues };
}

// --- Implementation helpers ---

interface Pattern {
  text: string;
  case: CasePolicy;
  kind: 'term' | 'cue';
  /** Entry index for a term, cue number for a cue. */
  id: number;
  digitSuffix: boolean;
}

const MAX_SUFFIX_LENGTH = 8;

function addPattern(table: Map<string, Pattern[]>, pattern: Pattern): void {
  const text = pattern.text.trim().replace(/\s+/g, ' ');
  let end = 0;
  while (end < text.length && isWordChar(text, end)) end++;
  // A variant must start with a letter or digit: the scan only looks at words.
  if (end === 0) return;
  const key = text.slice(0, end).toLowerCase();
  const list = table.get(key);
  const entry = { ...pattern, text };
  if (list) list.push(entry);
  else table.set(key, [entry]);
}

/** The patterns for a word, allowing for a plural ("psos", "premises") or digits ("tr1"). */
function lookup(table: Map<string, Pattern[]>, word: string): Pattern[] | undefined {
  const direct = table.get(word);
  const last = word.charCodeAt(word.length - 1);
  let more: Pattern[] | undefined;
  if (last === 115 /* s */ && word.length > 2) {
    more = concat(table.get(word.slice(0, -1)), word.endsWith('es') ? table.get(word.slice(0, -2)) : undefined);
  } else if (isDigit(last)) {
    more = table.get(word.replace(/\d+$/, ''));
  }
  if (!more) return direct;
  return concat(direct, more)!.sort((a, b) => b.text.length - a.text.length);
}

function concat<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  return a && b ? [...a, ...b] : (a ?? b);
}

/**
 * Matches `pattern` at `start` and returns where the term ends, or -1.
 * Spaces in a variant match any run of white space; straight and curly
 * apostrophes are interchangeable.
 */
function matchAt(text: string, start: number, pattern: Pattern): number {
  const end = compare(text, start, pattern.text, pattern.case === 'any' ? 'fold' : 'exact');
  if (end >= 0) return withSuffix(text, end, pattern);
  if (pattern.case === 'upper') {
    const upperEnd = compare(text, start, pattern.text.toUpperCase(), 'exact');
    if (upperEnd >= 0) return withSuffix(text, upperEnd, pattern);
  }
  return -1;
}

function compare(text: string, start: number, variant: string, mode: 'fold' | 'exact'): number {
  let t = start;
  for (let v = 0; v < variant.length; v++) {
    const want = variant.charCodeAt(v);
    if (want === 32) {
      if (!isSpace(text.charCodeAt(t))) return -1;
      while (isSpace(text.charCodeAt(t))) t++;
      continue;
    }
    const got = text.charCodeAt(t);
    if (got !== want) {
      if (isApostrophe(want) && isApostrophe(got)) {
        t++;
        continue;
      }
      if (mode === 'exact' || text[t]?.toLowerCase() !== variant[v]!.toLowerCase()) return -1;
    }
    t++;
  }
  return t;
}

/**
 * Checks that the word ends at `end`, perhaps after a digit suffix (TR1) or a
 * plural (PSOs, PSOs'); returns `end`, which excludes the suffix, or -1.
 * A possessive needs no check: the apostrophe already ends the word.
 */
function withSuffix(text: string, end: number, pattern: Pattern): number {
  // A variant that ends in punctuation (P.O.) carries its own boundary.
  if (!isWordChar(pattern.text, pattern.text.length - 1)) return end;
  let next = end;
  if (pattern.digitSuffix) while (isDigit(text.charCodeAt(next))) next++;
  if (!isWordChar(text, next)) return end;
  const plural = pluralEnd(text, next);
  return plural > next && !isWordChar(text, plural) ? end : -1;
}

function pluralEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 115 /* s */) return at + 1;
  if (c === 101 /* e */ && text.charCodeAt(at + 1) === 115) return at + 2;
  return at;
}
