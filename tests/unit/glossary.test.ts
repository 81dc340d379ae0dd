import entries from 'virtual:glossary';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../lib/core/glossary-schema';
import { formatProblem, validateGlossary, type SourceFile } from '../../lib/core/glossary-validate';
import { variantsOf } from '../../lib/core/variants';
import { readGold } from './gold';

const valid = {
  id: 'oasys',
  headword: 'OASys',
  category: 'assessment',
  status: 'current',
  case: 'any',
  highlight: 'always',
  senses: [
    {
      expansion: 'Offender Assessment System',
      definition: 'A national risk and needs assessment.',
      domain: 'probation',
      sources: ['https://github.com/ministryofjustice/acronyms'],
    },
  ],
};

const problemsOf = (...files: SourceFile[]) => validateGlossary(files).problems.map(formatProblem);

describe('glossary validation', () => {
  it('accepts a valid file', () => {
    expect(problemsOf({ file: 'glossary/a.json', data: { entries: [valid] } })).toEqual([]);
  });

  it('names the file, the entry and the field of every problem at once', () => {
    const bad = {
      ...valid,
      category: 'nonsense',
      senses: [{ ...valid.senses[0], sources: ['http://gov.uk'] }],
    };

    expect(problemsOf({ file: 'glossary/a.json', data: { entries: [bad, { headword: 'X' }] } })).toEqual([
      'glossary/a.json: oasys: category: unknown category, got "nonsense"',
      'glossary/a.json: oasys: senses[0].sources[0]: expected an https URL, got "http://gov.uk"',
      'glossary/a.json: entries[1]: id: is missing',
      'glossary/a.json: entries[1]: category: is missing',
      'glossary/a.json: entries[1]: status: is missing',
      'glossary/a.json: entries[1]: case: is missing',
      'glossary/a.json: entries[1]: highlight: is missing',
      'glossary/a.json: entries[1]: senses: is missing',
    ]);
  });

  it('rejects a definition over 60 words', () => {
    const long = { ...valid, senses: [{ ...valid.senses[0], definition: 'word '.repeat(61) }] };

    expect(problemsOf({ file: 'glossary/a.json', data: { entries: [long] } })).toEqual([
      'glossary/a.json: oasys: senses[0].definition: the definition is longer than 60 words',
    ]);
  });

  it('rejects duplicate ids, clashing forms and dangling links across files', () => {
    const clash = { ...valid, id: 'oasys-2', variants: ['OASYS'], related: ['nowhere'] };

    expect(
      problemsOf({ file: 'glossary/a.json', data: { entries: [valid] } }, { file: 'glossary/b.json', data: { entries: [valid, clash] } }),
    ).toEqual([
      'glossary/b.json: oasys: id: duplicate id, also in glossary/a.json',
      'glossary/b.json: oasys-2: variants: "OASys" is also matched by "oasys" (glossary/a.json); make it a sense of one entry',
      'glossary/b.json: oasys-2: variants: "OASYS" is also matched by "oasys" (glossary/a.json); make it a sense of one entry',
      'glossary/b.json: oasys-2: related[0]: links to "nowhere", which is not in the glossary',
    ]);
  });

  it('reports a file that is not a glossary file', () => {
    expect(problemsOf({ file: 'glossary/a.json', data: [1, 2] })).toEqual([
      expect.stringMatching(/^glossary\/a\.json: /),
    ]);
  });
});

describe('the bundled glossary', () => {
  it('has at least 500 entries, each sourced over https and defined in 60 words or fewer', () => {
    console.log(`glossary: ${entries.length} entries, ${entries.reduce((n, e) => n + e.senses.length, 0)} senses`);

    expect(entries.length).toBeGreaterThanOrEqual(500);
    for (const entry of entries) {
      for (const sense of entry.senses) {
        expect(sense.sources.every((url) => url.startsWith('https://'))).toBe(true);
        expect(countWords(sense.definition)).toBeLessThanOrEqual(60);
      }
    }
  });

  it('covers every core and phrase term of the shared corpus', () => {
    const forms = new Set(entries.flatMap((e) => variantsOf(e).map((v) => v.text.toLowerCase())));
    const terms = new Set(
      [...readGold('corpus'), ...readGold('traps')].flatMap((f) =>
        f.mentions.filter((m) => m.tier !== 'optional').map((m) => m.term.toLowerCase()),
      ),
    );

    expect([...terms].filter((term) => !forms.has(term))).toEqual([]);
  });
});

describe('glossary files on disk', () => {
  it('reports a file that is not valid JSON, by name', () => {
    expect(problemsOf({ file: 'glossary/broken.json', data: undefined, error: 'Unexpected token } in JSON at position 10' })).toEqual([
      'glossary/broken.json: is not valid JSON: Unexpected token } in JSON at position 10',
    ]);
  });
});
