/**
 * Acronym-like tokens in a text that the glossary does not know: the
 * "Unknown terms on this page" list, and `npm run scan`'s `unknown` field.
 *
 * A token counts as known when the matcher finds a glossary variant over it
 * (`scanText`, with the matcher's case, plural and digit rules), whatever the
 * context rules would then decide: a term the glossary has is not missing
 * from it. Ordinary words in capitals (NOT, WAS, THE), headings in capitals,
 * Roman numerals and everyday abbreviations (UK, BBC) are not listed.
 */
import { findAbbreviations } from './abbreviations';
import type { CompiledGlossary } from './matcher';
import { scanText } from './matcher';
import { isAcronymLike, isApostrophe, isWordChar } from './text';

export interface UnknownTerm {
  /** The token as written, without a plural or possessive: "EPF" for "EPFs". */
  text: string;
  /** How often it occurs outside headings in capitals. */
  count: number;
  /** Where it first occurs (UTF-16 offset), to capture the sentence around it. */
  first: number;
  /** What the text itself says it stands for, when it defines it: "Effective Proposal Framework". */
  expansion?: string;
}

/** Unknown acronym-like tokens, most frequent first, then alphabetically. */
export function findUnknownTerms(text: string, glossary: CompiledGlossary): UnknownTerm[] {
  const known = coveredRanges(text, glossary);
  const tokens = readTokens(text);
  const byText = new Map<string, UnknownTerm>();

  tokens.forEach((token, i) => {
    if (!isCandidate(token.text)) return;
    if (isShouted(tokens, i)) return;
    if (known.covers(token.start, token.start + token.text.length)) return;
    const term = byText.get(token.text);
    if (term) term.count++;
    else byText.set(token.text, { text: token.text, count: 1, first: token.start });
  });

  if (byText.size) {
    for (const definition of findAbbreviations(text)) {
      const term = byText.get(definition.short);
      if (term && !term.expansion) term.expansion = definition.long;
    }
  }
  return [...byText.values()]
    .filter((term) => term.expansion || term.count > 1 || !isProbablyAWord(term.text))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/** Everyday words that appear in capitals for emphasis or in headings. */
export const SHOUTED_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can cannot could did do does doing down during each else ever every few for from further get got had has have having he her
  here hers him his how i if in into is it its just let me more most much must my never new no nor not now of off on once only
  or other our ours out over own please really same say see she should so some still such than that the their them then there
  these they this those through to too under until up us very want was we were what when where which while who whom why will with
  would yes yet you your help stop read note warning important urgent free sale news update new now today yes no ok okay dear
  sir madam end top back next home contact info more less all none read this must why how what who well good bad big small
  great best worst fact true false very just like love hate need now never always again shame wrong right joke omg lol wtf`.split(/\s+/),
);

/** Abbreviations every reader knows, which a probation glossary need not explain. */
export const EVERYDAY_ABBREVIATIONS: ReadonlySet<string> = new Set(
  `UK GB US USA EU UN TV OK AM PM BBC ITV NHS PDF FAQ FAQs ID CEO MP MPs URL HTML PC PS NB AKA ETA DIY ASAP FYI LOL OMG IMO IMHO
  BTW PTO RSVP TBC TBA VAT GP AI IT HR PR QC KC JP UFO WTF RIP DVD CD APP SMS GPS USB WIFI CV KB MB`.split(/\s+/),
);

// --- Implementation helpers ---

interface Token {
  text: string;
  start: number;
  /** Whether the word is in capitals: part of a shouted run if its neighbours are too. */
  caps: boolean;
}

const ROMAN = /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;

function isCandidate(token: string): boolean {
  // Digits may end an abbreviation (BBC2, CRC32) but not start or split one (mq331AQA).
  // A contraction (DON'T) is a word, whatever its case.
  if (!isAcronymLike(token) || /^\d/.test(token) || /\d\D/.test(token) || token.includes("'")) return false;
  const lower = token.toLowerCase();
  if (token === token.toUpperCase() && SHOUTED_WORDS.has(lower)) return false;
  if (EVERYDAY_ABBREVIATIONS.has(token) || ROMAN.test(token)) return false;
  return true;
}

/**
 * Whether a token seen once, and not defined, is more likely a word typed in
 * capitals for emphasis (SUPPOSED, LEADERSHIP) or with Caps Lock slipping
 * (JIm) than an abbreviation. Abbreviations of six or more capitals exist
 * (they are listed once they recur or are defined), but single ones are
 * mostly emphasis.
 */
function isProbablyAWord(token: string): boolean {
  if (/^\p{Lu}{2}\p{Ll}+$/u.test(token)) return true;
  return token === token.toUpperCase() && (token.match(/\p{L}/gu)?.length ?? 0) >= 6;
}

/**
 * Whether the token is inside a run of three or more words in capitals that
 * holds an ordinary word ("PLEASE READ THIS NOTICE", "MAPPA NATIONAL BUSINESS
 * PLAN"): a heading or shouting, not a list of acronyms ("NPS PSOs and SPOs").
 * A word of seven or more capitals in the run counts as ordinary: few
 * abbreviations are that long.
 */
function isShouted(tokens: Token[], i: number): boolean {
  let first = i;
  let last = i;
  while (first > 0 && tokens[first - 1]!.caps && tokens[first]!.start - tokens[first - 1]!.start < 40) first--;
  while (last < tokens.length - 1 && tokens[last + 1]!.caps && tokens[last + 1]!.start - tokens[last]!.start < 40) last++;
  if (last - first < 2) return false;
  for (let j = first; j <= last; j++) {
    if (SHOUTED_WORDS.has(tokens[j]!.text.toLowerCase()) || tokens[j]!.text.length > 6) return true;
  }
  return false;
}

/** Words, with a plural or possessive ending dropped; contractions (DON'T) are whole words. */
function readTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordChar(text, i)) i++;
    let word = text.slice(start, i);
    // An apostrophe inside a word: a possessive (PSO's) or a contraction (DON'T).
    if (isApostrophe(text.charCodeAt(i)) && isWordChar(text, i + 1)) {
      let end = i + 1;
      while (end < text.length && isWordChar(text, end)) end++;
      const after = text.slice(i + 1, end);
      i = end;
      if (after !== 's' && after !== 'S') {
        tokens.push({ text: `${word}'${after}`, start, caps: isCaps(word) });
        continue;
      }
    }
    if (/^\p{Lu}[\p{Lu}\d]*\p{Lu}s$/u.test(word)) word = word.slice(0, -1);
    tokens.push({ text: word, start, caps: isCaps(word) });
  }
  return tokens;
}

function isCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** The spans the glossary matches, for quick "is this token known?" checks. */
function coveredRanges(text: string, glossary: CompiledGlossary): { covers(start: number, end: number): boolean } {
  const starts = new Map<number, number>();
  for (const candidate of scanText(text, glossary).candidates) {
    starts.set(candidate.start, Math.max(starts.get(candidate.start) ?? 0, candidate.end));
  }
  const sorted = [...starts].sort((a, b) => a[0] - b[0]);
  return {
    covers(start, end) {
      // Candidates start at word starts, so a token is covered by one that
      // starts at it or by a phrase that starts earlier and runs over it.
      let lo = 0;
      let hi = sorted.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]![0] <= start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      for (let k = found; k >= 0 && k > found - 8; k--) {
        if (sorted[k]![1] > start && sorted[k]![0] < end) return true;
      }
      return false;
    },
  };
}
