/**
 * Finds abbreviations that a text defines for itself, so that a suggestion
 * for an unknown term can arrive with its expansion filled in.
 *
 * The core is the algorithm of Schwartz and Hearst, "A simple algorithm for
 * identifying abbreviation definitions in biomedical text" (PSB 2003,
 * https://psb.stanford.edu/psb-online/proceedings/psb03/schwartz.pdf): find
 * "long form (SF)" and "SF (long form)", then walk the short form from its last
 * character to its first, matching each character to the closest one to the
 * left in the long form; the first character must start a word. The shortest
 * long form that covers every character wins, and it may have at most
 * min(|SF| + 5, 2|SF|) words.
 *
 * `findAbbreviations(text, CLASSIC)` (abbreviations-classic.ts) runs that algorithm as published. By default it is
 * adjusted for web prose about probation (each change is marked `tuned` below):
 * - the short form must look like an abbreviation: one token with a capital;
 *   quotes (“ATT”) and a plural or possessive (POs, CRIC's) are stripped;
 * - trailing digits of the short form need not appear in the long form (CRC32);
 * - in "SF (long form)" the long form is the shortest leading run of words that
 *   covers the short form, after an optional article, instead of everything in
 *   the brackets ("OASys (the Offender Assessment System that is ...)");
 * - a long form may not start with a preposition or conjunction ("at NNC to
 *   the ...") or end in a possessive;
 * - two more patterns: "What's EPF? Effective Proposal Framework" and
 *   "EPF stands for Effective Proposal Framework".
 *
 * Offsets are UTF-16 code units, end exclusive.
 */
import { isSpace, isWordChar } from './text';

export interface AbbreviationDefinition {
  /** The short form, without quotes, plural or possessive: "EPF", "PO". */
  short: string;
  /** The long form as written: "Effective Proposal Framework". */
  long: string;
  /** Where the whole definition starts: the first of the two forms. */
  start: number;
  /** Where the whole definition ends: after the last of the two forms. */
  end: number;
  shortStart: number;
  longStart: number;
  pattern: 'long-short' | 'short-long' | 'question' | 'stands-for';
}

export interface FindAbbreviationOptions {
  /**
   * Reads the definition at a bracket, if any: the tuned reading by default;
   * `CLASSIC` (abbreviations-classic.ts) runs the algorithm as published.
   */
  pair?: (text: string, open: number) => AbbreviationDefinition | undefined;
  /** Whether to read "What's EPF? ..." and "EPF stands for ..." too (tuned). */
  forward?: boolean;
}

/** Every abbreviation definition in `text`, in order of position. */
export function findAbbreviations(
  text: string,
  { pair = tunedPair, forward = true }: FindAbbreviationOptions = {},
): AbbreviationDefinition[] {
  const opens: number[] = [];
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) opens.push(open);
  return definitionsAt(text, opens, forward, pair);
}

/**
 * The definitions that findAbbreviations would read at the brackets `opens`
 * (in order), and with `forward` the forward patterns anywhere: for a caller
 * that wants only the definitions of a few known short forms.
 */
export function findAbbreviationsAt(text: string, opens: readonly number[], forward: boolean): AbbreviationDefinition[] {
  return definitionsAt(text, opens, forward, tunedPair);
}

/**
 * The start of the long form of `short` inside `text[from, to)`, or -1:
 * Schwartz and Hearst's `findBestLongForm`, on offsets instead of substrings.
 */
export function bestLongFormStart(short: string, text: string, from: number, to: number): number {
  let l = to - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const want = short[s]!.toLowerCase();
    if (!isWordChar(short, s)) continue;
    while ((l >= from && text[l]!.toLowerCase() !== want) || (s === 0 && l > from && isWordChar(text, l - 1))) l--;
    if (l < from) return -1;
    l--;
  }
  // The long form starts at the beginning of the space-delimited word holding the match.
  while (l >= from && !isSpace(text.charCodeAt(l))) l--;
  return l + 1;
}

// --- Implementation helpers ---

function definitionsAt(
  text: string,
  opens: readonly number[],
  forward: boolean,
  pair: NonNullable<FindAbbreviationOptions['pair']>,
): AbbreviationDefinition[] {
  const found: AbbreviationDefinition[] = [];
  for (const open of opens) {
    const definition = pair(text, open);
    if (definition) found.push(definition);
  }
  if (forward) {
    found.push(...forwardPatterns(text, QUESTION, 'question'), ...forwardPatterns(text, STANDS_FOR, 'stands-for'));
  }
  return dedupe(found.sort((a, b) => a.start - b.start || a.end - b.end));
}

const MAX_BRACKET = 200;
const MAX_LOOKBACK = 300;
const MAX_FORWARD_WORDS = 16;
const ARTICLES = new Set(['the', 'a', 'an']);
const BAD_FIRST_WORDS = new Set([
  ...ARTICLES,
  'at',
  'to',
  'of',
  'and',
  'or',
  'in',
  'on',
  'for',
  'by',
  'with',
  'from',
  'as',
  'but',
  'is',
  'are',
  'was',
  'which',
  'that',
  'who',
]);
const QUOTES = '"\'“”‘’«»';
const FUNCTION_WORDS = new Set(['of', 'and', 'for', 'on', 'in', 'to', 'the', 'at', 'by', 'with', '&', 'or']);

/** "What's EPF? Effective Proposal Framework", "What does EPF stand for? It stands for ..." */
const QUESTION =
  /\bwhat(?:['’]s|\s+is|\s+are|\s+does)\s+(?:an?\s+|the\s+)?([^\s?]{2,16}?)(?:\s+stand\s+for|\s+mean)?\s*\?\s+(?:(?:it|that|this)(?:['’]s|\s+is|\s+means|\s+stands\s+for)\s+|stands\s+for\s+)?/giu;
/** "EPF stands for Effective Proposal Framework", "EPF is short for ..." */
const STANDS_FOR =
  /([^\s(]{2,16})\s+(?:stands\s+for|is\s+short\s+for|is\s+an?\s+(?:abbreviation|acronym|initialism)\s+(?:for|of))\s+/giu;

/** The tuned "long form (SF)" or "SF (long form)" at the bracket `open`. */
function tunedPair(text: string, open: number): AbbreviationDefinition | undefined {
  const sides = bracketSides(text, open, true);
  if (!sides) return undefined;
  const { inner, innerEnd, before, lfEnd } = sides;

  const inside = shortForm(text, inner, innerEnd);
  if (inside) {
    // tuned: drop a possessive from the long form: "Service’s (HMPPS)".
    let longEnd = lfEnd - possessiveLength(text, before, lfEnd);
    // A closing quotation mark: "the 'risk of serious recidivism' (RSR)".
    while (longEnd > before && QUOTES.includes(text[longEnd - 1]!)) longEnd--;
    const longStart =
      initialsLongStart(inside.text, text, before, longEnd) ?? tunedLongStart(inside.text, text, before, longEnd);
    if (longStart >= 0) return make(text, inside.text, inside.start, longStart, longEnd, 'long-short');
    return undefined;
  }
  const outside = shortForm(text, wordStartBefore(text, lfEnd, before), lfEnd);
  if (!outside) return undefined;
  const long = leadingLongForm(outside.text, text, inner, innerEnd);
  return long ? make(text, outside.text, outside.start, long.start, long.end, 'short-long') : undefined;
}

/** Forward patterns: a short form, then a long form that follows it. */
function forwardPatterns(text: string, pattern: RegExp, kind: 'question' | 'stands-for'): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  for (const match of text.matchAll(pattern)) {
    const at = match.index + match[0].indexOf(match[1]!);
    const short = shortForm(text, at, at + match[1]!.length);
    if (!short) continue;
    const from = match.index + match[0].length;
    const long = leadingLongForm(short.text, text, from, clauseEnd(text, from));
    if (long) out.push(make(text, short.text, short.start, long.start, long.end, kind));
  }
  return out;
}

/**
 * The long form at the start of `text[from, to)` (after an optional article)
 * for a short form that precedes it. Schwartz and Hearst take the whole
 * bracket; here the long form ends at the word that explains the short form's
 * last letter, aligning letters with word initials where possible, so that
 * "Cyclic Redundancy Check with a 32-bit output" gives "Cyclic Redundancy
 * Check" for CRC, not "Cyclic Redundancy".
 */
function leadingLongForm(
  short: string,
  text: string,
  from: number,
  to: number,
): { start: number; end: number } | undefined {
  let words = wordSpans(text, from, to, MAX_FORWARD_WORDS);
  if (words.length > 1 && ARTICLES.has(text.slice(words[0]!.start, words[0]!.end).toLowerCase()))
    words = words.slice(1);
  const bare = short.replace(/\d+$/, '');
  const forms = bare !== short && countLetters(bare) >= 2 ? [short, bare] : [short];
  for (const form of forms) {
    const letters = [...form.toLowerCase()].filter((_, i) => isWordChar(form, i));
    const last = alignInitials(
      letters,
      words.map((w) => text.slice(w.start, w.end).toLowerCase()),
    );
    if (last < 0) continue;
    const start = words[0]!.start;
    const end = words[last]!.end - possessiveLength(text, start, words[last]!.end);
    if (isPlausibleLongForm(short, text, start, end)) return { start, end };
  }
  return undefined;
}

/**
 * tuned: the start of a long form ending at `to` whose words' initials spell
 * the short form, if there is one. Schwartz and Hearst take the shortest long
 * form, which can steal a letter from inside a word: "Alcohol Abstinence and
 * Monitoring Requirement (AAMR)" gives "Abstinence and Monitoring
 * Requirement" (its second A from "and"). Of the starts whose words all
 * contribute their initial (small function words may be skipped), this takes
 * the one using the most initials of content words, then the shortest.
 */
function initialsLongStart(short: string, text: string, from: number, to: number): number | undefined {
  const letters = [...short.toLowerCase()].filter((_, i) => isWordChar(short, i));
  const spans = wordSpans(text, from, to, Number.MAX_SAFE_INTEGER);
  const limit = Math.min(letters.length + 5, letters.length * 2);
  let best: { start: number; initials: number } | undefined;
  for (let first = spans.length - 1; first >= Math.max(0, spans.length - limit); first--) {
    const words = spans.slice(first).map((w) =>
      text
        .slice(w.start, w.end)
        .toLowerCase()
        .replace(/^[^\p{L}\p{N}]+/u, ''),
    );
    const initials = alignInitials(letters, words, true);
    if (initials < 0 || (best && initials <= best.initials)) continue;
    if (isPlausibleLongForm(short, text, spans[first]!.start, to)) {
      best = { start: skipPunctuation(text, spans[first]!.start, to), initials };
    }
  }
  return best?.start;
}

/**
 * Aligns `letters` with `words`, the first letter on the first word's initial;
 * each further letter either starts a later word (skipping only small
 * function words) or comes later in the current word. Word initials are
 * preferred. Returns the index of the word holding the last letter, or -1.
 */
function alignInitials(letters: string[], words: string[]): number;
/**
 * With `toEnd`, the alignment must end on the last word; returns how many
 * content words (not function words) gave their initial, or -1.
 */
function alignInitials(letters: string[], words: string[], toEnd: true): number;
function alignInitials(letters: string[], words: string[], toEnd = false): number {
  if (!letters.length || !words.length || words[0]![0] !== letters[0]) return -1;
  const content = (wi: number) => (FUNCTION_WORDS.has(words[wi]!) ? 0 : 1);
  const go = (li: number, wi: number, pos: number, initials: number): number => {
    if (li === letters.length) {
      if (!toEnd) return wi;
      return wi === words.length - 1 ? initials : -1;
    }
    const want = letters[li]!;
    for (let next = wi + 1; next < words.length; next++) {
      if (words[next]![0] === want) {
        const found = go(li + 1, next, 0, initials + content(next));
        if (found >= 0) return found;
      }
      if (!FUNCTION_WORDS.has(words[next]!)) break;
    }
    const inWord = words[wi]!.indexOf(want, pos + 1);
    return inWord > 0 ? go(li + 1, wi, inWord, initials) : -1;
  };
  return go(1, 0, 0, content(0));
}

/** bestLongFormStart plus the tuned checks; tries the short form without trailing digits too. */
function tunedLongStart(short: string, text: string, from: number, to: number): number {
  const bare = short.replace(/\d+$/, '');
  const forms = bare !== short && countLetters(bare) >= 2 ? [short, bare] : [short];
  for (const form of forms) {
    const start = bestLongFormStart(form, text, from, to);
    if (start >= 0 && isPlausibleLongForm(short, text, start, to)) return skipPunctuation(text, start, to);
  }
  return -1;
}

/** Schwartz and Hearst's length tests, plus the tuned ones. */
function isPlausibleLongForm(short: string, text: string, start: number, end: number): boolean {
  const long = text.slice(start, end);
  const words = long.split(/[\s-]+/).filter(Boolean);
  const size = countLetters(short) + (short.match(/\d/g)?.length ?? 0);
  if (long.length <= short.length || !words.length || words.length > Math.min(size + 5, size * 2)) return false;
  if (BAD_FIRST_WORDS.has(words[0]!.toLowerCase())) return false;
  return !new RegExp(`(^|\\P{L})${escape(short)}(\\P{L}|$)`, 'u').test(long);
}

/** tuned: a quotation mark or bracket before the first word is not part of it: "“Risk of Serious Harm (RoSH)". */
function skipPunctuation(text: string, start: number, end: number): number {
  while (start < end && !isWordChar(text, start)) start++;
  return start;
}

/** The short form in `text[start, end)` with quotes, plural and possessive stripped, if it looks like one. */
function shortForm(text: string, start: number, end: number): { text: string; start: number } | undefined {
  while (start < end && QUOTES.includes(text[start]!)) start++;
  while (end > start && (QUOTES.includes(text[end - 1]!) || text[end - 1] === '.' || text[end - 1] === ',')) end--;
  let value = text.slice(start, end);
  value = value.replace(/['’]s$/u, '').replace(/['’]$/u, '');
  if (/^\p{Lu}{2,}s$/u.test(value)) value = value.slice(0, -1);
  const letters = countLetters(value);
  if (value.length < 2 || value.length > 10 || letters < 1 || /\s/.test(value)) return undefined;
  if (!/\p{Lu}/u.test(value) || !isWordChar(value, 0) || !isWordChar(value, value.length - 1)) return undefined;
  // A capitalised ordinary word ("Grayling") is a name, not an abbreviation, unless it is short (Napo).
  if (/^\p{Lu}\p{Ll}{4,}$/u.test(value)) return undefined;
  return { text: value, start };
}

/**
 * @internal The two sides of the bracket at `open`, trimmed: its inside, up
 * to the first ", " or "; " (as the published code cuts it), and the
 * sentence (`tuned`: the clause) before it; undefined when either is empty.
 */
export function bracketSides(
  text: string,
  open: number,
  tuned: boolean,
): { inner: number; innerEnd: number; before: number; lfEnd: number } | undefined {
  const bracket = readBracket(text, open);
  if (!bracket) return undefined;
  let { start: inner, end: innerEnd } = bracket;
  const cut = firstOf(text, [', ', '; '], inner, innerEnd);
  if (cut >= 0) innerEnd = cut;
  [inner, innerEnd] = trimRange(text, inner, innerEnd);
  const before = sentenceStart(text, open, tuned);
  const [, lfEnd] = trimRange(text, before, open);
  if (inner >= innerEnd || lfEnd <= before) return undefined;
  return { inner, innerEnd, before, lfEnd };
}

/** @internal */
export function make(
  text: string,
  short: string,
  shortStart: number,
  longStart: number,
  longEnd: number,
  pattern: AbbreviationDefinition['pattern'],
): AbbreviationDefinition {
  const shortEnd = shortStart + short.length;
  return {
    short,
    long: text.slice(longStart, longEnd).replace(/\s+/g, ' '),
    start: Math.min(shortStart, longStart),
    end: Math.max(shortEnd, longEnd),
    shortStart,
    longStart,
    pattern,
  };
}

/** The bracket's inside, if it closes soon and holds no other bracket. */
function readBracket(text: string, open: number): { start: number; end: number } | undefined {
  // Bounded, so that a page full of unclosed brackets stays linear.
  const limit = Math.min(text.length, open + MAX_BRACKET);
  for (let i = open + 1; i < limit; i++) {
    if (text[i] === ')') return { start: open + 1, end: i };
    if (text[i] === '(') return undefined;
  }
  return undefined;
}

/** Where the sentence holding `at` starts; tuned, clauses also end at ; : brackets and dashes. */
function sentenceStart(text: string, at: number, tuned: boolean): number {
  const limit = Math.max(0, at - MAX_LOOKBACK);
  for (let i = at - 1; i >= limit; i--) {
    const c = text[i]!;
    // A line break inside a sentence (text taken from a PDF, say) is not a boundary; a blank line is.
    if (c === '\n' && /\n[^\S\n]*$/.test(text.slice(Math.max(limit, i - 40), i))) return i + 1;
    if ((c === '.' || c === '!' || c === '?') && isSpace(text.charCodeAt(i + 1))) return i + 1;
    if (
      tuned &&
      (c === ';' || c === ':' || c === '(' || c === ')' || c === '[' || c === ']' || c === '—' || c === '–')
    ) {
      return i + 1;
    }
  }
  // No long form has more than 15 words, so a longer look back finds nothing more.
  return limit;
}

/** Where the clause starting at `from` ends: punctuation, a bracket or a line break. */
function clauseEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_LOOKBACK);
  for (let i = from; i < limit; i++) {
    const c = text[i]!;
    if (',;:!?()[]—–\n'.includes(c)) return i;
    if (c === '.' && (i + 1 >= text.length || isSpace(text.charCodeAt(i + 1)))) return i;
  }
  return limit;
}

/** The first `max` space-delimited words of `text[from, to)`. */
function wordSpans(text: string, from: number, to: number, max: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let i = from;
  while (i < to && spans.length < max) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isSpace(text.charCodeAt(i))) i++;
    spans.push({ start, end: i });
  }
  return spans;
}

/** @internal */
export function wordStartBefore(text: string, end: number, limit: number): number {
  let i = end;
  while (i > limit && !isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

function possessiveLength(text: string, start: number, end: number): number {
  const tail = text.slice(Math.max(start, end - 2), end);
  if (/['’]s$/u.test(tail)) return 2;
  if (/s['’]$/u.test(tail)) return 1;
  return 0;
}

function firstOf(text: string, needles: string[], from: number, to: number): number {
  let best = -1;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    if (at >= 0 && at < to && (best < 0 || at < best)) best = at;
  }
  return best;
}

function countLetters(value: string): number {
  return value.match(/\p{L}/gu)?.length ?? 0;
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keeps the first of any definitions of the same short form that overlap. */
function dedupe(list: AbbreviationDefinition[]): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  for (const item of list) {
    if (!out.some((kept) => kept.short === item.short && kept.start < item.end && item.start < kept.end))
      out.push(item);
  }
  return out;
}
