import entries from 'virtual:glossary';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatchableEntry } from '../../lib/core/matcher';
import { compileGlossary, scanText } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { findUnknownTerms } from '../../lib/core/unknown-terms';

const entry = (over: Partial<MatchableEntry> & Pick<MatchableEntry, 'id' | 'headword'>): MatchableEntry => ({
  case: 'any',
  variants: [],
  digitSuffix: false,
  highlight: 'always',
  senses: [{ domain: 'probation', cues: [] }],
  ...over,
});

const glossary = compileGlossary(
  [
    entry({ id: 'pso', headword: 'PSO' }),
    entry({ id: 'arms', headword: 'ARMS', case: 'exact', highlight: 'in-context' }),
    entry({ id: 'visor', headword: 'ViSOR', case: 'upper' }),
    entry({ id: 'tr', headword: 'TR', case: 'exact', digitSuffix: true }),
    entry({ id: 'hmpps', headword: 'HMPPS', variants: ["His Majesty's Prison and Probation Service"] }),
    entry({ id: 'breach', headword: 'breach', highlight: 'never' }),
  ],
  TOPIC_WORDS,
);

/** "TEXT×count" for each unknown term. */
function unknown(text: string): string[] {
  return findUnknownTerms(text, glossary).map((term) => `${term.text}×${term.count}`);
}

describe('findUnknownTerms', () => {
  it('lists acronym-like tokens the glossary lacks, most frequent first', () => {
    expect(unknown('The EPF said so. Ask the SPO. The EPF again, and the EPF.')).toEqual(['EPF×3', 'SPO×1']);
  });

  it.each([
    ['a plural', 'PSOs and psos and PSO’s', []],
    ['an exact-case entry in capitals', 'ARMS meetings', []],
    ['an upper-case form of a mixed-case headword', 'VISOR and ViSOR', []],
    ['a digit suffix the entry allows', 'TR1 and TR2', []],
  ])('does NOT list a known term written as %s', (_, text, expected) => {
    expect(unknown(text)).toEqual(expected);
  });

  it('does NOT list a term that only the context rules would hide', () => {
    expect(unknown('Small ARMS and light weapons')).toEqual([]);
  });

  it.each([
    ['ordinary words in capitals', 'This is NOT what WAS said, THE end. I DO NOT agree.'],
    ['contractions in capitals', "I DON'T know and CAN'T say"],
    ['a heading in capitals', 'MAPPA NATIONAL BUSINESS PLAN 2005'],
    ['Roman numerals', 'Part II, chapter XIV and annex IV'],
    ['everyday abbreviations', 'the UK, the BBC and the NHS'],
    ['a single long word in capitals for emphasis', 'they are SUPPOSED to help'],
    ['a word with Caps Lock slipping', 'as JIm referred to yesterday'],
    ['a token with digits inside', 'ref mq331AQA'],
    ['lower-case and capitalised words', 'Probation and probation'],
  ])('does NOT list %s', (_, text) => {
    expect(unknown(text)).toEqual([]);
  });

  it('lists a list of acronyms in capitals, which is no heading', () => {
    expect(unknown('ask NPS SPO OMU staff')).toEqual(['NPS×1', 'OMU×1', 'SPO×1']);
  });

  it('lists a long abbreviation once it recurs', () => {
    expect(unknown('the NACROS team and NACROS again')).toEqual(['NACROS×2']);
  });

  it('folds plurals and possessives into the abbreviation', () => {
    expect(unknown("EPFs, the EPF's result and one EPF")).toEqual(['EPF×3']);
  });

  it('gives the first offset and the expansion the text itself defines', () => {
    const text = 'Use the Effective Proposal Framework (EPF). Then the EPF.';

    expect(findUnknownTerms(text, glossary)).toEqual([{ text: 'EPF', count: 2, first: 38, expansion: 'Effective Proposal Framework' }]);
  });

  it('keeps a defined long abbreviation seen only once', () => {
    expect(unknown('Female Offender Strategy Delivery Plan (FOSDPLN) applies')).toEqual(['FOSDPLN×1']);
  });
});

describe('findUnknownTerms on the corpus and the bundled glossary', () => {
  const real = compileGlossary(entries, TOPIC_WORDS);
  const dir = join(import.meta.dirname, '..', 'fixtures', 'corpus');

  it.each(['onprobation-comments-2014.txt', 'onprobation-omnishambles-2013.txt', 'onprobation-staffing-2019.txt'])(
    '%s: lists no token that the glossary matches',
    (name) => {
      const text = readFileSync(join(dir, name), 'utf8');

      const terms = findUnknownTerms(text, real);

      const matched = terms.filter((term) => scanText(term.text, real).candidates.length > 0).map((term) => term.text);
      expect(matched).toEqual([]);
      for (const term of terms) expect(text.slice(term.first, term.first + term.text.length)).toBe(term.text);
    },
  );
});
