/**
 * Schwartz and Hearst's abbreviation algorithm exactly as published ("A simple
 * algorithm for identifying abbreviation definitions in biomedical text", PSB
 * 2003), for measuring the tuned reading in abbreviations.ts against it
 * (`npm run eval:abbreviations`, tests). Kept apart so that the content
 * script, which runs only the tuned reading, does not carry it.
 */
import {
  bestLongFormStart,
  bracketSides,
  make,
  wordStartBefore,
  type AbbreviationDefinition,
  type FindAbbreviationOptions,
} from './abbreviations';
import { isWordChar } from './text';

/** findAbbreviations's options for the published algorithm: its reading of brackets, and no other patterns. */
export const CLASSIC: FindAbbreviationOptions = { pair: classicPair, forward: false };

/** "long form (SF)" or "SF (long form)" at the bracket `open`, as published. */
function classicPair(text: string, open: number): AbbreviationDefinition | undefined {
  const sides = bracketSides(text, open, false);
  if (!sides) return undefined;
  const { inner, innerEnd, before, lfEnd } = sides;

  const content = text.slice(inner, innerEnd);
  if (content.split(/\s+/).length > 2 || content.length > lfEnd - before) {
    const sfStart = wordStartBefore(text, lfEnd, before);
    const short = text.slice(sfStart, lfEnd);
    if (!/\p{Lu}/u.test(short)) return undefined;
    const longStart = bestLongFormStart(short, text, inner, innerEnd);
    return classicChecks(short, longStart, innerEnd, text)
      ? make(text, short, sfStart, longStart, innerEnd, 'short-long')
      : undefined;
  }
  const longStart = bestLongFormStart(content, text, before, lfEnd);
  return classicChecks(content, longStart, lfEnd, text)
    ? make(text, content, inner, longStart, lfEnd, 'long-short')
    : undefined;
}

/** Schwartz and Hearst's tests on a short form and its best long form. */
function classicChecks(short: string, longStart: number, longEnd: number, text: string): boolean {
  if (short.length < 2 || !/\p{L}/u.test(short) || !(isWordChar(short, 0) || short[0] === '(')) return false;
  if (longStart < 0) return false;
  const long = text.slice(longStart, longEnd);
  const words = long.split(/[\s-]+/).filter(Boolean).length;
  let size = 0;
  for (let i = 0; i < short.length; i++) if (isWordChar(short, i)) size++;
  return !(
    long.length < short.length ||
    long.includes(`${short} `) ||
    long.endsWith(short) ||
    words > size * 2 ||
    words > size + 5 ||
    size > 10
  );
}
