import entries from 'virtual:glossary';
import indexText from 'virtual:glossary-index';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/core/glossary-schema';
import { decodeIndex, encodeIndex, toIndexEntry } from '../../lib/core/glossary-index';

describe('the compact glossary index', () => {
  it('decodes to exactly what the content script needs of every bundled entry', () => {
    expect(decodeIndex(indexText)).toEqual(entries.map(toIndexEntry));
  });

  it('keeps an id that is not its headword’s slug, every policy and a variant’s own case', () => {
    const entry = {
      ...entries[0]!,
      id: 'tr-1',
      headword: 'TR',
      case: 'exact',
      highlight: 'never',
      digitSuffix: true,
      variants: ['Transforming Rehabilitation', { text: 'tr', case: 'upper' }],
    } satisfies Entry;

    const [decoded] = decodeIndex(encodeIndex([entry]));

    expect(decoded).toEqual(toIndexEntry(entry));
    expect(decoded).toMatchObject({ id: 'tr-1', case: 'exact', highlight: 'never', digitSuffix: true });
  });

  it.each([
    ["O'Brien’s Law", 'obriens-law'],
    ['  --Approved   Premises--  ', 'approved-premises'],
    ['Section 47 (s.47)', 'section-47-s-47'],
    ['A&E', 'a-e'],
    ['Café Ü', 'caf'],
  ])('leaves out an id that is its headword’s slug, and reads it back: %s', (headword, id) => {
    const entry = { ...entries[0]!, id, headword } satisfies Entry;

    expect(JSON.parse(encodeIndex([entry]))[1][0][0]).toBe(0);
    expect(decodeIndex(encodeIndex([entry]))[0]!.id).toBe(id);
  });

  it('leaves out the cues of an entry with one sense, which nothing reads', () => {
    const single = entries.find((e) => e.senses.length === 1 && e.senses[0]!.cues.length > 0)!;
    const several = entries.find((e) => e.senses.length > 1 && e.senses.some((s) => s.cues.length > 0))!;

    const [one, two] = decodeIndex(encodeIndex([single, several]));

    expect(one!.senses.map((s) => s.cues)).toEqual([[]]);
    expect(two!.senses.map((s) => s.cues)).toEqual(several.senses.map((s) => s.cues));
  });

  it('is at most two thirds the size of the same entries as JSON objects', () => {
    expect(indexText.length).toBeLessThan((JSON.stringify(entries.map(toIndexEntry)).length * 2) / 3);
  });
});
