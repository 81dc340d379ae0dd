import entries from 'virtual:glossary';
import { describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../lib/core/glossary-schema';
import { createSearch, normalise } from '../../lib/core/search';
import { generatePersonalEntries } from '../fixtures/personal-entries';

// Counts fuse.js indexes, to show that typing does not rebuild one.
const fuseBuilds = vi.hoisted(() => ({ count: 0 }));
vi.mock('fuse.js', async (importOriginal) => {
  const { default: Fuse } = await importOriginal<typeof import('fuse.js')>();
  class CountingFuse<T> extends Fuse<T> {
    constructor(...args: ConstructorParameters<typeof Fuse<T>>) {
      super(...args);
      fuseBuilds.count++;
    }
  }
  return { default: CountingFuse };
});

const glossary = createSearch(entries);
const headwords = (query: string, n = 5) => glossary.search(query).slice(0, n).map((r) => r.entry.headword);
const variantText = (v: Entry['variants'][number]) => (typeof v === 'string' ? v : v.text);

describe('search ranking over the bundled glossary', () => {
  it.each([
    ['oasis', 'OASys'],
    ['OASYS', 'OASys'],
    ['visor', 'ViSOR'],
    ['offender assessment', 'OASys'],
    ['Offender Assessment System', 'OASys'],
    ['arms', 'ARMS'],
    ['mapa', 'MAPPA'],
    ['sentance plan', 'sentence plan'],
  ])('"%s" puts %s first', (query, headword) => {
    expect(headwords(query, 1)).toEqual([headword]);
  });

  it('"risk of serious" puts RoSH and RSR in the first two places', () => {
    expect(headwords('risk of serious', 2).sort()).toEqual(['RSR', 'RoSH']);
  });

  it('finds OASys from its first two letters, as typed', () => {
    expect(headwords('oa', 1)).toEqual(['OASys']);
  });

  it('puts every headword first when it is typed in full', () => {
    const misses = entries.filter((entry) => {
      const [first] = glossary.search(entry.headword);
      return !(first?.exact && normalise(first.entry.headword) === normalise(entry.headword));
    });

    expect(misses.map((e) => e.headword)).toEqual([]);
  });

  it('ranks exact variant hits above everything that is not exact', () => {
    const misses: string[] = [];
    for (const entry of entries) {
      for (const variant of entry.variants.map(variantText)) {
        const results = glossary.search(variant);
        const exactCount = results.filter((r) => r.exact).length;
        const position = results.findIndex((r) => r.entry.id === entry.id);
        if (position < 0 || position >= exactCount || results.slice(0, exactCount).some((r) => !r.exact)) {
          misses.push(`${variant} → ${entry.id} at ${position}`);
        }
      }
    }

    expect(misses).toEqual([]);
  });

  it('says which field matched and whether the hit was exact', () => {
    const [visor] = glossary.search('ViSOR');
    const [oasys] = glossary.search('offender assessment');

    expect([visor?.field, visor?.exact]).toEqual(['headword', true]);
    expect([oasys?.entry.id, oasys?.field, oasys?.exact]).toEqual(['oasys', 'variant', false]);
  });

  it('gives nothing for a blank query and at most `limit` results', () => {
    expect(glossary.search('  ')).toEqual([]);
    expect(glossary.search('-')).toEqual([]);
    expect(glossary.search('risk', { limit: 3 })).toHaveLength(3);
  });

  it('lists only names that start with a single typed letter', () => {
    const results = glossary.search('o');

    expect(results.length).toBeGreaterThan(3);
    expect(results.filter((r) => !namesOf(r.entry).some((n) => n.startsWith('o')))).toEqual([]);
  });

  it('does NOT return entries that miss one of the query’s words', () => {
    const results = glossary.search('offender zebra');

    expect(results).toEqual([]);
  });

  it('builds its index once however many keystrokes follow', () => {
    const before = fuseBuilds.count;
    const search = createSearch(entries);
    for (const query of ['o', 'oa', 'oas', 'oasi', 'oasis', 'risk of', 'risk of serious']) search.search(query);

    expect(fuseBuilds.count - before).toBe(1);
  });
});

describe('search with personal entries', () => {
  const personal = generatePersonalEntries(1000);
  const own: Entry = { ...personal[1]!, id: 'my-ppp', headword: 'PPPX', variants: ['Polite Probation Practice'], senses: [{ ...personal[1]!.senses[0]!, expansion: 'Polite Probation Practice' }] };
  const search = createSearch([...entries, ...personal, own]);

  it('finds a personal entry by headword, exactly, and by a misspelt expansion', () => {
    expect(search.search('pppx')[0]?.entry.id).toBe('my-ppp');
    expect(search.search('polite probaton')[0]?.entry.id).toBe('my-ppp');
  });

  it('still puts OASys first for "oasis" among 1,000 more entries', () => {
    expect(search.search('oasis')[0]?.entry.headword).toBe('OASys');
  });
});

describe('normalise', () => {
  it.each([
    ['Multi-Agency  Public', 'multi agency public'],
    ['ViSOR', 'visor'],
    ['Café (CRC)', 'cafe crc'],
    ['  ', ''],
  ])('%j → %j', (input, output) => {
    expect(normalise(input)).toBe(output);
  });
});

function namesOf(entry: Entry): string[] {
  return [entry.headword, ...entry.variants.map(variantText)].map(normalise);
}
