/**
 * Finds glossary entries for what a reader types, misspelt or half
 * remembered. Results come in three tiers:
 * 1. exact: the query is a headword or variant (ignoring case, accents and
 *    punctuation), so typing "ARMS" always puts ARMS first;
 * 2. prefix: a headword or variant starts with the query, so results make
 *    sense from the first keystroke ("oa" → OASys);
 * 3. scored: every word of the query matches a word of the entry exactly,
 *    as a prefix, or fuzzily (fuse.js over the words of headwords, variants,
 *    expansions and definitions), weighted by the field it matched in.
 *    "oasis" finds OASys, "offender assessment" finds OASys through its
 *    expansion, "risk of serious" finds RoSH and RSR.
 *
 * Why words, not whole fields: fuse.js's bitap scan over every definition
 * costs tens of milliseconds per keystroke at 1,500 entries, and one typo in
 * a long definition matches almost anything. Fuzzy-matching the query's
 * words against the glossary's vocabulary (a few thousand short strings),
 * then looking entries up by word, is both faster and more precise.
 *
 * Everything is indexed once, in `createSearch`.
 */
import Fuse from 'fuse.js';
import type { Entry } from './glossary-schema';

/** The fields search reads; bundled and personal entries both provide them. */
export type SearchableEntry = Pick<Entry, 'id' | 'headword' | 'variants' | 'senses'>;

/** Which field of an entry matched the query best. */
export type MatchField = 'headword' | 'variant' | 'expansion' | 'definition';

export interface SearchResult<E extends SearchableEntry = Entry> {
  entry: E;
  /** The entry's position in the list given to `createSearch`. */
  index: number;
  field: MatchField;
  /** The query was the headword or a variant itself. */
  exact: boolean;
}

export interface GlossarySearch<E extends SearchableEntry = Entry> {
  readonly entries: readonly E[];
  /** Results best first; an empty or blank query gives none. */
  search(query: string, options?: { limit?: number }): SearchResult<E>[];
}

/** Results a search returns unless told otherwise: more than fit a popup. */
export const DEFAULT_LIMIT = 50;

/**
 * Indexes `entries` (the bundled glossary plus any personal entries) once.
 *
 * @example
 * const glossary = createSearch([...bundled, ...personal]);
 * glossary.search('oasis')[0]?.entry.headword; // 'OASys'
 */
export function createSearch<E extends SearchableEntry>(entries: readonly E[]): GlossarySearch<E> {
  const index = buildIndex(entries);
  const wordCache = new Map<string, Map<number, number>>();

  const candidatesFor = (token: string): Map<number, number> => {
    let hit = wordCache.get(token);
    if (!hit) {
      hit = matchWord(index, token);
      if (wordCache.size > WORD_CACHE_SIZE) wordCache.clear();
      wordCache.set(token, hit);
    }
    return hit;
  };

  return {
    entries,
    search(query, { limit = DEFAULT_LIMIT } = {}) {
      const q = normalise(query);
      if (!q || limit <= 0) return [];
      const results: SearchResult<E>[] = [];
      const seen = new Set<number>();
      const add = (i: number, field: MatchField, exact: boolean) => {
        if (seen.has(i) || results.length >= limit) return;
        seen.add(i);
        results.push({ entry: entries[i]!, index: i, field, exact });
      };

      const exact = index.names.get(q) ?? [];
      for (const hit of exact) if (hit.field === 'headword') add(hit.entry, hit.field, true);
      for (const hit of exact) add(hit.entry, hit.field, true);
      for (const name of index.sortedNames) if (name.text.startsWith(q)) add(name.entry, name.field, false);
      // A single letter matches too much for scoring to mean anything.
      if (q.length < 2 || results.length >= limit) return results;

      for (const hit of scoreEntries(index, q, candidatesFor)) add(hit.entry, hit.field, false);
      return results;
    },
  };
}

/**
 * Folds a string for comparison: lower case, no accents, punctuation and
 * runs of spaces as one space ("Multi-Agency" and "multi agency" agree).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// --- Implementation helpers ---

const FIELDS: MatchField[] = ['headword', 'variant', 'expansion', 'definition'];
/** How much a word found in each field counts, in the order of FIELDS. */
const FIELD_WEIGHT = [1, 0.9, 0.85, 0.45];
/** Words a query may contain without every result needing them. */
const STOPWORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
const WORD_CACHE_SIZE = 500;
/** Bitap works on at most 32 characters; longer words are cut. */
const MAX_PATTERN_LENGTH = 32;
const MIN_FUZZY_LENGTH = 3;

interface Name {
  text: string;
  entry: number;
  field: 'headword' | 'variant';
}

interface SearchIndex {
  /** Normalised headwords and variants, for exact hits. */
  names: Map<string, Name[]>;
  /** The same names, shortest first, for prefix hits. */
  sortedNames: Name[];
  /** Normalised vocabulary, sorted, for prefix lookups by binary search. */
  words: string[];
  wordFuse: Fuse<string>;
  /** Per word (by its index in `words`): entry → bit mask of the fields that hold it. */
  postings: Map<number, number>[];
  /** Per entry, the normalised headword, variants and expansions, for phrase bonuses. */
  phrases: string[][];
  headwordLength: number[];
}

function buildIndex(entries: readonly SearchableEntry[]): SearchIndex {
  const names = new Map<string, Name[]>();
  const sortedNames: Name[] = [];
  const byWord = new Map<string, Map<number, number>>();
  const phrases: string[][] = [];

  entries.forEach((entry, i) => {
    const headword = normalise(entry.headword);
    const variants = unique(entry.variants.map((variant) => normalise(typeof variant === 'string' ? variant : variant.text)));
    const fields = [[headword], variants, unique(entry.senses.map((s) => normalise(s.expansion))), entry.senses.map((s) => normalise(s.definition))];
    for (const name of [{ text: headword, entry: i, field: 'headword' as const }, ...variants.filter((v) => v !== headword).map((text) => ({ text, entry: i, field: 'variant' as const }))]) {
      if (!name.text) continue;
      sortedNames.push(name);
      const list = names.get(name.text);
      if (list) list.push(name);
      else names.set(name.text, [name]);
    }
    fields.forEach((texts, f) => {
      for (const text of texts) {
        for (const word of text.split(' ')) {
          if (!word) continue;
          let posting = byWord.get(word);
          if (!posting) byWord.set(word, (posting = new Map()));
          posting.set(i, (posting.get(i) ?? 0) | (1 << f));
        }
      }
    });
    phrases.push([headword, ...variants, ...fields[2]!]);
  });

  sortedNames.sort((a, b) => a.text.length - b.text.length || a.text.localeCompare(b.text));
  const words = [...byWord.keys()].sort();
  return {
    names,
    sortedNames,
    words,
    wordFuse: new Fuse(words, { includeScore: true, threshold: 0.34, minMatchCharLength: 2 }),
    postings: words.map((word) => byWord.get(word)!),
    phrases,
    headwordLength: entries.map((entry) => entry.headword.length),
  };
}

/** The vocabulary words a query word may stand for, with a similarity in (0, 1]. */
function matchWord(index: SearchIndex, token: string): Map<number, number> {
  const out = new Map<number, number>();
  const put = (word: number, similarity: number) => {
    if (similarity > (out.get(word) ?? 0)) out.set(word, similarity);
  };
  // Prefixes: the reader is still typing, or remembers the start of a word.
  for (let w = lowerBound(index.words, token); w < index.words.length && index.words[w]!.startsWith(token); w++) {
    const word = index.words[w]!;
    put(w, word.length === token.length ? 1 : 0.7 + 0.2 * (token.length / word.length));
  }
  if (token.length >= MIN_FUZZY_LENGTH) {
    for (const { refIndex, score = 1 } of index.wordFuse.search(token.slice(0, MAX_PATTERN_LENGTH))) {
      put(refIndex, 0.65 * (1 - score));
    }
  }
  return out;
}

interface ScoredHit {
  entry: number;
  field: MatchField;
  score: number;
}

function scoreEntries(index: SearchIndex, query: string, candidatesFor: (token: string) => Map<number, number>): ScoredHit[] {
  const tokens = query.split(' ');
  const content = tokens.filter((t) => !STOPWORDS.has(t));
  const required = content.length ? content : tokens;
  // Per entry: the summed best score of each required token, how many matched, and the best field.
  const totals = new Map<number, { sum: number; matched: number; field: number; lastToken: number }>();

  required.forEach((token, t) => {
    const best = new Map<number, { score: number; field: number }>();
    for (const [word, similarity] of candidatesFor(token)) {
      for (const [entry, mask] of index.postings[word]!) {
        const field = lowestBit(mask);
        const score = similarity * FIELD_WEIGHT[field]!;
        const current = best.get(entry);
        if (!current || score > current.score) best.set(entry, { score, field });
      }
    }
    for (const [entry, { score, field }] of best) {
      const total = totals.get(entry);
      if (!total) {
        if (t === 0) totals.set(entry, { sum: score, matched: 1, field, lastToken: 0 });
        continue;
      }
      // Every required word must match: an entry missing an earlier one is out.
      if (total.lastToken !== t - 1) continue;
      total.sum += score;
      total.matched++;
      total.lastToken = t;
      total.field = Math.min(total.field, field);
    }
  });

  const hits: ScoredHit[] = [];
  for (const [entry, total] of totals) {
    if (total.matched !== required.length) continue;
    let score = total.sum / required.length;
    // The words together, in order, in a name or expansion: a strong sign.
    const phrases = index.phrases[entry]!;
    if (tokens.length > 1 && phrases.some((p) => p.includes(query))) score += 0.15;
    hits.push({ entry, field: FIELDS[total.field]!, score });
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      index.headwordLength[a.entry]! - index.headwordLength[b.entry]! ||
      a.entry - b.entry,
  );
  return hits;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

function unique(texts: string[]): string[] {
  return [...new Set(texts.filter(Boolean))];
}
