/**
 * Finds glossary terms in plain text. One pass over the text: one regular
 * expression of the first word of every variant and cue finds the words worth
 * a look (the engine's native scan is many times faster than reading words in
 * script); each is then looked up in a table keyed by those first words, and
 * only the few variants that start with it are tried.
 *
 * Offsets are UTF-16 code units, end exclusive. A mention covers the term
 * itself, not a plural, possessive or digit suffix ("PSO" in "PSOs").
 */
import type { CasePolicy, Domain, Entry, HighlightPolicy } from './glossary-schema';
import { isApostrophe, isDigit, isSpace, isWordChar } from './text';
import { variantsOf } from './variants';

/** The fields the matcher needs; personal entries provide the same. */
export type MatchableEntry = Pick<Entry, 'id' | 'headword' | 'case' | 'variants' | 'digitSuffix' | 'highlight'> & {
  /** `expansion` lets a page's own definition of an abbreviation pick the sense. */
  senses: { domain: Domain; cues: string[]; expansion?: string }[];
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
  /** The topic words, sorted by position. */
  cues: CueHit[];
  /**
   * Every cue, sense cues included, sorted by position: read (by
   * relevance's addSenseCues) only for a text with a mention whose sense
   * must be chosen, as most texts have none.
   */
  senseCues?: CueHit[];
}

/**
 * @internal One table of first words, with the expression that finds them:
 * one for the terms and the topic words, read everywhere; one for every cue,
 * read only where a sense must be chosen.
 */
export interface WordIndex {
  table: Map<string, Pattern[]>;
  /**
   * The patterns of each word found so far, keyed as written ("PSOs", "psos"), null for
   * none: a page repeats its words, and a hit spares the lower-casing and the plural lookup.
   */
  words: Map<string, Pattern[] | null>;
  /**
   * Finds the words that `table` may hold; absent when a first word is not
   * ASCII, as case folding in a non-Unicode expression differs from
   * toLowerCase() outside ASCII (then every word is read in script).
   */
  finder?: RegExp;
  /** The longest first word: longer words are skipped unread. */
  longestKey: number;
  /** Whether `finder` and `spaced` were built. */
  readonly hasFinder: boolean;
  /** Characters read word by word so far, before the finder was built (see scanIndex). */
  readWordByWord: number;
  /**
   * First words that only ever start a longer variant whose next word follows
   * a space ("to" in "to run concurrently"). The finder holds them only with
   * that next word after one plain space; where other white space follows
   * such a word, `scanIndex` finds it by reading the white space instead.
   */
  spaced: Set<string>;
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
  /** @internal The terms' written forms and the topic words. */
  terms: WordIndex;
  /** @internal Every cue: the topic words and the words that support one sense or another. */
  cues: WordIndex;
  /** @internal Whether no variant or cue holds the character that scanTexts joins texts with. */
  joinable: boolean;
}

/**
 * Builds the lookup table once; scanning then costs one pass per text.
 * `topicWords` are words that show a passage is about probation or criminal justice.
 */
export function compileGlossary(
  entries: readonly MatchableEntry[],
  topicWords: readonly string[] = [],
): CompiledGlossary {
  const table = new PatternTable();
  const cueNumbers = new Map<string, number>();
  const cueTexts: string[] = [];
  let joinable = true;

  // Topic words are numbered first, and also go in the terms' table: the first pass reads them everywhere.
  const cueNumber = (text: string, isTopic = false): number => {
    const key = text.toLowerCase().trim();
    let n = cueNumbers.get(key);
    if (n === undefined) {
      if (key.includes(SEPARATOR)) joinable = false;
      n = cueTexts.length;
      cueNumbers.set(key, n);
      cueTexts.push(key);
      if (isTopic) addPattern(table, key, 'any', 'cue', n, false);
    }
    return n;
  };
  const topicCues = new Set(topicWords.map((word) => cueNumber(word, true)));

  entries.forEach((entry, index) => {
    for (const variant of variantsOf(entry)) {
      if (variant.text.includes(SEPARATOR)) joinable = false;
      addPattern(table, variant.text, variant.case, 'term', index, entry.digitSuffix);
      // "Community Rehabilitation Company" → "Companies": the one plural that is not a suffix.
      if (isPluralInY(variant.text))
        addPattern(table, `${variant.text.slice(0, -1)}ies`, variant.case, 'term', index, false);
    }
  });
  // Cues only choose between senses (and topic words only gate in-context entries), so the cues of
  // an entry with one sense are never read: leaving them out spares the scan most of its finds.
  const senseCues = entries.map((entry) =>
    entry.senses.length > 1 ? entry.senses.map((sense) => new Set(sense.cues.map((cue) => cueNumber(cue)))) : ONE_SENSE,
  );
  const terms = indexOf(table);
  let cues: WordIndex | undefined;
  return {
    entries,
    cueTexts,
    topicCues,
    senseCues,
    highlight: entries.map((entry) => entry.highlight),
    terms,
    // Built when a page first needs a sense chosen: an off-topic page never does.
    get cues(): WordIndex {
      if (!cues) {
        const cueTable = new PatternTable();
        cueTexts.forEach((text, n) => addPattern(cueTable, text, 'any', 'cue', n, false));
        cues = indexOf(cueTable);
      }
      return cues;
    },
    joinable,
  };
}

/** Finds every candidate mention and every topic word in `text`, in one pass. */
export function scanText(text: string, glossary: CompiledGlossary): Scan {
  return scanIndex(text, glossary.terms);
}

/**
 * Finds the cues in `text`, sense cues and topic words alike (see
 * `Scan.senseCues`); with `only`, just those cues, read with an index of
 * their own (a page needs the cues of a few entries' senses, not all).
 */
export function scanCues(text: string, glossary: CompiledGlossary, only?: ReadonlySet<number>): CueHit[] {
  // `only` must not change once passed: its index is kept with it.
  return scanIndex(text, only ? cueIndexFor(glossary, only) : glossary.cues).cues;
}

/** The index of some cues, made once for each set asked for (a page asks for one set, growing now and then). */
function cueIndexFor(glossary: CompiledGlossary, only: ReadonlySet<number>): WordIndex {
  let index = CUE_INDEXES.get(only);
  if (!index) {
    const table = new PatternTable();
    for (const n of only) addPattern(table, glossary.cueTexts[n]!, 'any', 'cue', n, false);
    index = indexOf(table);
    CUE_INDEXES.set(only, index);
  }
  return index;
}

const CUE_INDEXES = new WeakMap<ReadonlySet<number>, WordIndex>();

/**
 * Scans many texts at once, as one: each gets the scan that `scanText` would
 * give it. A page is thousands of short passages, and one pass over them all
 * saves the setting up of thousands. Texts without a find share one empty
 * scan: treat every scan as read-only.
 */
export function scanTexts(texts: readonly string[], glossary: CompiledGlossary): Scan[] {
  return scanJoined(texts, glossary, glossary.terms);
}

/**
 * `scanCues` for many texts at once, as one (see scanTexts): each text's
 * cues, in order. Texts without a cue share one empty list: read-only.
 */
export function scanCuesOfTexts(
  texts: readonly string[],
  glossary: CompiledGlossary,
  only?: ReadonlySet<number>,
): CueHit[][] {
  return scanJoined(texts, glossary, only ? cueIndexFor(glossary, only) : glossary.cues).map((scan) => scan.cues);
}

/**
 * @internal The same scan, reading every word in script: the fallback when
 * the glossary has no finder, and the reference the finder is tested against.
 */
export function scanWords(text: string, glossary: CompiledGlossary, which: 'terms' | 'cues' = 'terms'): Scan {
  return scanWordsOf(text, glossary[which]);
}

function scanWordsOf(text: string, index: WordIndex): Scan {
  const scan: Scan = { candidates: [], cues: [] };
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
    termEnd = visitWord(text, start, text.slice(start, i), index, scan, termEnd);
  }
  return scan;
}

// --- Implementation helpers ---

/** Reads `texts` with `index` joined into one text, and splits the scan back up (see scanTexts). */
function scanJoined(texts: readonly string[], glossary: CompiledGlossary, index: WordIndex): Scan[] {
  // The separator is neither a space, a word character nor an apostrophe, and no variant or cue
  // holds it: nothing can match across it.
  if (texts.length < 2 || !glossary.joinable || texts.some((text) => text.includes(SEPARATOR))) {
    return texts.map((text) => scanIndex(text, index));
  }
  const all = scanIndex(texts.join(SEPARATOR), index);
  const scans: Scan[] = [];
  let c = 0;
  let q = 0;
  let offset = 0;
  for (const text of texts) {
    const end = offset + text.length;
    let scan = EMPTY_SCAN;
    if (
      (c < all.candidates.length && all.candidates[c]!.start < end) ||
      (q < all.cues.length && all.cues[q]!.at < end)
    ) {
      scan = { candidates: [], cues: [] };
      // The joined scan's own records, moved to the text's offsets: no second set is made.
      for (; c < all.candidates.length && all.candidates[c]!.start < end; c++) {
        const candidate = all.candidates[c]!;
        candidate.start -= offset;
        candidate.end -= offset;
        scan.candidates.push(candidate);
      }
      for (; q < all.cues.length && all.cues[q]!.at < end; q++) {
        const hit = all.cues[q]!;
        hit.at -= offset;
        scan.cues.push(hit);
      }
    }
    scans.push(scan);
    offset = end + SEPARATOR.length;
  }
  return scans;
}

function indexOf(table: PatternTable): WordIndex {
  let longestKey = 0;
  for (const key of table.keys()) longestKey = Math.max(longestKey, key.length);
  // The finder is built when a long text first needs it: a short page is read word by word instead.
  let parts: ReturnType<typeof finderOf> | undefined;
  return {
    table,
    words: new Map(),
    longestKey,
    get finder() {
      return (parts ??= finderOf(table)).finder;
    },
    get spaced() {
      return (parts ??= finderOf(table)).spaced;
    },
    get hasFinder() {
      return parts !== undefined;
    },
    readWordByWord: 0,
  };
}

/** One pass of `index`'s finder over `text`, each find checked in script. */
function scanIndex(text: string, index: WordIndex): Scan {
  // Compiling the finder costs some milliseconds: reading a short page word by word costs less.
  if (!index.hasFinder && index.readWordByWord + text.length < FINDER_AT) {
    index.readWordByWord += text.length;
    return scanWordsOf(text, index);
  }
  const { finder } = index;
  // U+212A KELVIN SIGN is the one non-ASCII character whose lower case is ASCII ("k").
  if (!finder || text.includes('\u212a')) return scanWordsOf(text, index);
  const scan: Scan = { candidates: [], cues: [] };
  const length = text.length;
  const spaced = spacedWordsIn(text, index);
  let s = 0;
  let termEnd = 0;
  finder.lastIndex = 0;
  for (let match = finder.exec(text); match; match = finder.exec(text)) {
    const start = match.index;
    for (; s < spaced.length && spaced[s]! < start; s++) termEnd = visitAt(text, spaced[s]!, index, scan, termEnd);
    let word = match[0];
    // A find of two words ("to run") is read from its first, and the next find may be its second.
    const first = asciiWordLength(word);
    if (first < word.length) word = word.slice(0, first);
    let end = start + word.length;
    // The expression's boundaries are ASCII; the matcher's words are Unicode: a find may go on
    // in another script ("OASysé"), or start inside a word ("éOASys").
    if (end < length && text.charCodeAt(end) >= 128 && isWordChar(text, end)) {
      while (end < length && isWordChar(text, end)) end++;
      word = text.slice(start, end);
    }
    finder.lastIndex = end;
    if (start > 0 && text.charCodeAt(start - 1) >= 128 && isWordChar(text, start - 1)) continue;
    termEnd = visitWord(text, start, word, index, scan, termEnd);
  }
  for (; s < spaced.length; s++) termEnd = visitAt(text, spaced[s]!, index, scan, termEnd);
  return scan;
}

/**
 * Where a word of `index.spaced` starts with other white space than one plain
 * space after it (a line break, two spaces), which the finder cannot see: in
 * order, from one pass over the text's white space.
 */
function spacedWordsIn(text: string, index: WordIndex): number[] {
  const starts: number[] = [];
  if (!index.spaced.size) return starts;
  ODD_SPACE.lastIndex = 0;
  for (let match = ODD_SPACE.exec(text); match; match = ODD_SPACE.exec(text)) {
    const at = match.index;
    let start = at;
    while (start > 0 && at - start <= index.longestKey && isWordChar(text, start - 1)) start--;
    if (start === at || (start > 0 && isWordChar(text, start - 1))) continue;
    if (index.spaced.has(text.slice(start, at).toLowerCase())) starts.push(start);
  }
  return starts;
}

/** White space other than one plain space: a run of two or more, or one tab, line break, no-break space… */
const ODD_SPACE = /\s{2,}|[^\S ]/g;

/** How many ASCII letters and digits `text` starts with. */
function asciiWordLength(text: string): number {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
  }
  return i;
}

/** visitWord for the word that starts at `start`. */
function visitAt(text: string, start: number, index: WordIndex, scan: Scan, termEnd: number): number {
  let end = start;
  while (end < text.length && isWordChar(text, end)) end++;
  return visitWord(text, start, text.slice(start, end), index, scan, termEnd);
}

/**
 * Tries the patterns of `word`, found at `start`, and records what matches;
 * returns where the last term found so far ends (a word inside a term can
 * still be a cue, but not start another term).
 */
function visitWord(text: string, start: number, found: string, index: WordIndex, scan: Scan, termEnd: number): number {
  // Room for a plural or digit suffix (PSOs, SDS2023); longer words (hashes, URLs) cannot be terms.
  if (found.length > index.longestKey + MAX_SUFFIX_LENGTH) return termEnd;
  let patterns = index.words.get(found);
  if (patterns === undefined) {
    patterns = lookup(index.table, found.toLowerCase()) ?? null;
    // A long find may be a slice of the whole page's text, which a cached key would keep alive.
    if (found.length <= MAX_CACHED_LENGTH && index.words.size < MAX_CACHED_WORDS) index.words.set(found, patterns);
  }
  if (!patterns) return termEnd;

  const { candidates, cues } = scan;
  let termFound = start < termEnd;
  for (const pattern of patterns) {
    if (pattern.kind === 'term' && termFound) continue;
    if (!canMatchAt(text, start, pattern)) continue;
    const matched = matchAt(text, start, pattern);
    if (matched < 0) continue;
    if (pattern.kind === 'cue') {
      if (!cues.length || cues[cues.length - 1]!.at !== start || cues[cues.length - 1]!.cue !== pattern.id) {
        cues.push({ at: start, cue: pattern.id });
      }
    } else {
      candidates.push({ start, end: matched, entry: pattern.id });
      termEnd = matched;
      termFound = true;
    }
  }
  return termEnd;
}

/**
 * One expression for every first word, with an optional plural or digit
 * suffix, not inside an ASCII word. It may find more than the matcher wants
 * (a word that goes on in another script); `scanIndex` checks each find.
 *
 * A first word that only ever starts longer variants ("to" in "to run
 * concurrently", "i" in "i-SOTP") is held with the variants' next word
 * instead ("to run", "i-sotp"), so that common words are not found
 * thousands of times for nothing. Only plain text will do: V8 runs an
 * alternation of plain words several times faster than one with any
 * quantifier or class (`to\s+run`), so one plain space stands for the white
 * space between words, and `spacedWordsIn` finds the rest.
 */
function finderOf(table: PatternTable): { finder?: RegExp; spaced: Set<string> } {
  const spaced = new Set<string>();
  const keys = [...table.keys()];
  if (!keys.length || keys.some((key) => !/^[0-9a-z]+$/.test(key))) return { spaced };
  const alternatives: string[] = [];
  // Read as compiling left them: making every word's Patterns here would undo their laziness.
  table.forEachRaw((key, patterns) => {
    const before = alternatives.length;
    let isSpaced = false;
    for (const pattern of patterns) {
      // A made Pattern or a noted one: [text, first word's length, case…].
      const [text, firstLength, casePolicy] = Array.isArray(pattern) ? pattern : [pattern.text, pattern.firstLength, pattern.case];
      const after = afterFirstWord(text, firstLength, casePolicy);
      if (!addWithNextWord(alternatives, key, text, firstLength, after)) {
        alternatives.length = before;
        alternatives.push(key);
        return;
      }
      if (after === 32) isSpaced = true;
    }
    if (isSpaced) spaced.add(key);
  });
  // Of two alternatives where one starts the other, the longer must come first: reverse code-unit order does
  // that, natively sorted. (Otherwise the order does not matter: both could not match at one place.)
  const sorted = [...new Set(alternatives)].sort().reverse();
  const finder = new RegExp(`(?<![A-Za-z0-9])(?:${sorted.join('|')})(?:e?s|\\d+)?(?![A-Za-z0-9])`, 'gi');
  return { finder, spaced };
}

/**
 * Adds to `out` the variant's first word and the next, as plain expression
 * text, with either apostrophe; returns false when the variant is one word,
 * or when the expression could not be sure to find all that `matchAt`
 * accepts (outside ASCII, an upper-case form of another length).
 */
function addWithNextWord(out: string[], key: string, text: string, firstLength: number, after: number): boolean {
  if (after < 0 || firstLength >= text.length) return false;
  let forms = [key];
  let i = firstLength;
  // The separator: one space, or punctuation ("i-SOTP", "s.47", "P.O.").
  for (; i < text.length && !isWordChar(text, i); i++) {
    const c = text.charCodeAt(i);
    if (isApostrophe(c)) forms = forms.flatMap((form) => [`${form}'`, `${form}\u2019`]);
    else if (c >= 128) return false;
    else forms = forms.map((form) => form + (c === 32 ? ' ' : `\\${text[i]!}`));
  }
  let word = '';
  for (; i < text.length && isWordChar(text, i); i++) {
    if (text.charCodeAt(i) >= 128) return false;
    word += text[i]!;
  }
  // A variant that ends in punctuation ("40%") may run into the next word, past the finder's boundary.
  if (!word) return false;
  word = word.toLowerCase();
  for (const form of forms) out.push(form + word);
  return true;
}

/**
 * A cheap necessary condition for matchAt: the character after the first
 * word (and, after a space, the first letter of the second word) must fit.
 * Most variants that share a first word ("probation officer", "probation
 * service") fail here without a full comparison.
 */
function canMatchAt(text: string, start: number, pattern: Pattern): boolean {
  const { after, second } = pattern;
  if (after < 0) return true;
  let t = start + pattern.firstLength;
  if (after !== 32) return isFoldedSame(text.charCodeAt(t), after);
  if (!isSpace(text.charCodeAt(t))) return false;
  while (isSpace(text.charCodeAt(t))) t++;
  return isFoldedSame(text.charCodeAt(t), second);
}

/** False only when two units surely differ, apostrophes and ASCII case aside; outside ASCII, true. */
function isFoldedSame(got: number, want: number): boolean {
  if (got === want) return true;
  if (isApostrophe(got) && isApostrophe(want)) return true;
  if (got >= 128 || want >= 128) return !Number.isNaN(got);
  return (got | 32) === (want | 32) && (got | 32) >= 97 && (got | 32) <= 122;
}

interface Pattern {
  text: string;
  /** The text in capitals, for `case: "upper"`; otherwise the text itself. */
  upper: string;
  /** Length of the first word. */
  firstLength: number;
  /** The unit after the first word, or -1 when there is none or it cannot be relied on (see canMatchAt). */
  after: number;
  /** After a space: the first unit of the second word. */
  second: number;
  case: CasePolicy;
  kind: 'term' | 'cue';
  /** Entry index for a term, cue number for a cue. */
  id: number;
  digitSuffix: boolean;
}

const MAX_SUFFIX_LENGTH = 8;
/** The sense cues of every entry with one sense: none, as none are read. */
const ONE_SENSE: readonly ReadonlySet<number>[] = Object.freeze([new Set<number>()]);
/** Characters of text (in all, on a page) from which the finder is worth building (see scanIndex). */
const FINDER_AT = 8_000;
/** Distinct words a glossary remembers the lookup of (see `words`); a page rarely has a tenth as many. */
const MAX_CACHED_WORDS = 50_000;
/** V8 copies substrings up to 12 units long; longer ones may share the text they came from. */
const MAX_CACHED_LENGTH = 12;

/**
 * Joins the texts that scanTexts reads together: a character that page text and variants
 * hardly ever hold, and one byte wide, as most page text is (a two-byte character would double
 * the joined string and slow the expression down).
 */
const SEPARATOR = '\u0000';
const EMPTY_SCAN: Scan = Object.freeze({
  candidates: Object.freeze([]) as unknown as Candidate[],
  cues: Object.freeze([]) as unknown as CueHit[],
});

function addPattern(
  table: Map<string, Pattern[]>,
  raw: string,
  casePolicy: CasePolicy,
  kind: Pattern['kind'],
  id: number,
  digitSuffix: boolean,
): void {
  const text = hasOddSpace(raw) ? raw.trim().replace(/\s+/g, ' ') : raw;
  let end = 0;
  while (end < text.length && isWordChar(text, end)) end++;
  // A variant must start with a letter or digit: the scan only looks at words.
  if (end === 0) return;
  const key = text.slice(0, end).toLowerCase();
  const pending: PendingPattern = [text, end, casePolicy, kind, id, digitSuffix];
  const list = Map.prototype.get.call(table, key) as PendingPattern[] | undefined;
  if (list) list.push(pending);
  else table.set(key, [pending] as unknown as Pattern[]);
}

/** A pattern as compiling records it: `[text, first word's length, case, kind, id, digit suffix]`. */
type PendingPattern = [string, number, CasePolicy, Pattern['kind'], number, boolean];

/**
 * First words and their patterns, longest first. Compiling only notes each
 * variant under its first word; its Pattern is made, and the word's list
 * sorted, when a page first finds the word (most never are).
 */
class PatternTable extends Map<string, Pattern[]> {
  override get(key: string): Pattern[] | undefined {
    const value = super.get(key) as Pattern[] | PendingPattern[] | undefined;
    if (!value || !Array.isArray(value[0])) return value as Pattern[] | undefined;
    const patterns = (value as PendingPattern[]).map(makePattern).sort((a, b) => b.text.length - a.text.length);
    super.set(key, patterns);
    return patterns;
  }

  /** Every word's patterns, made or only noted, without making them. */
  forEachRaw(visit: (key: string, patterns: readonly (Pattern | PendingPattern)[]) => void): void {
    super.forEach((patterns, key) => visit(key, patterns));
  }
}

function makePattern([text, end, casePolicy, kind, id, digitSuffix]: PendingPattern): Pattern {
  const upper = casePolicy === 'upper' ? text.toUpperCase() : text;
  const after = afterFirstWord(text, end, casePolicy, upper);
  const second = after === 32 ? text.charCodeAt(end + 1) : -1;
  return { text, upper, firstLength: end, after, second, case: casePolicy, kind, id, digitSuffix };
}

/** Pattern.after: the unit after the first word, or -1 (see canMatchAt). */
function afterFirstWord(text: string, end: number, casePolicy: CasePolicy, upper?: string): number {
  if (end >= text.length) return -1;
  // An upper-case form of another length (ß → SS) moves every later unit: no shortcut then.
  if (casePolicy === 'upper' && (upper ?? text.toUpperCase()).length !== text.length) return -1;
  return text.charCodeAt(end);
}

/** Whether `text` has white space other than single spaces between words. */
function hasOddSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 32
        ? i === 0 || i === text.length - 1 || text.charCodeAt(i - 1) === 32
        : c < 33 || (c >= 128 && /\s/.test(text[i]!))
    )
      return true;
  }
  return false;
}

/** "Company" has the plural "Companies"; "day" has none of that kind. */
function isPluralInY(text: string): boolean {
  const n = text.length;
  if (n <= 4 || text.charCodeAt(n - 1) !== 121 /* y */) return false;
  const before = text.charCodeAt(n - 2);
  return !VOWELS.includes(String.fromCharCode(before | 32)) && !/\s/.test(text[n - 2]!);
}

const VOWELS = 'aeiou';

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
    const upperEnd = compare(text, start, pattern.upper, 'exact');
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
      if (mode === 'exact' || !isSameLetter(got, want, text, t, variant, v)) return -1;
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

function isCapitals(text: string, from: number, to: number): boolean {
  if (from < 0) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Whether two differing UTF-16 units are the same letter in another case. */
function isSameLetter(got: number, want: number, text: string, t: number, variant: string, v: number): boolean {
  if (got < 128 && want < 128) return (got | 32) === (want | 32) && (got | 32) >= 97 && (got | 32) <= 122;
  return text[t]?.toLowerCase() === variant[v]!.toLowerCase();
}

function pluralEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 115 /* s */) return at + 1;
  // Shouted plurals of acronyms of three or more capitals: CRCS, SFOS (not POS or CSS).
  if (c === 83 /* S */ && isCapitals(text, at - 3, at)) return at + 1;
  if (c === 101 /* e */ && text.charCodeAt(at + 1) === 115) return at + 2;
  return at;
}
