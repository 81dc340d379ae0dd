/**
 * scanText finds the words worth a look with one regular expression; scanWords
 * reads every word in script. They must agree exactly, whatever the text:
 * the expression is only a faster way to skip words that cannot match.
 */
import fc from 'fast-check';
import entries from 'virtual:glossary';
import { describe, expect, it } from 'vitest';
import {
  compileGlossary,
  scanCues,
  scanCuesOfTexts,
  scanText,
  scanTexts,
  scanWords,
  type CompiledGlossary,
  type MatchableEntry,
} from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { variantsOf } from '../../lib/core/variants';

const RUNS = Number(process.env.PJ_FUZZ_RUNS ?? 300);
/** A glossary whose finders are built, so that even short texts are read with them (see FINDER_AT). */
const withFinders = (glossary: CompiledGlossary): CompiledGlossary => {
  void glossary.terms.finder;
  void glossary.cues.finder;
  return glossary;
};
const real = withFinders(compileGlossary(entries, TOPIC_WORDS));

const entry = (over: Partial<MatchableEntry> & Pick<MatchableEntry, 'id' | 'headword'>): MatchableEntry => ({
  case: 'any',
  variants: [],
  digitSuffix: false,
  highlight: 'always',
  senses: [{ domain: 'probation', cues: ['kit', 'case'] }],
  ...over,
});

/** Short first words, digits, plurals of words that end in s, and a "k" (see KELVIN). */
const AWKWARD_GLOSSARY = withFinders(
  compileGlossary(
    [
      entry({ id: 'a', headword: 'AP', case: 'upper' }),
      entry({ id: 'b', headword: 'TR', case: 'exact', digitSuffix: true }),
      entry({ id: 'c', headword: 'premises', variants: ['premise', 'Approved Premises'] }),
      entry({ id: 'd', headword: 'KPI', variants: ['key performance indicator'] }),
      entry({ id: 'e', headword: '2020 Act', variants: ['s', 'es'] }),
      entry({ id: 'f', headword: 'P.O.', case: 'exact' }),
    ],
    ['kit', 'case', 'cases'],
  ),
);

const KELVIN = '\u212a';
const PIECES = [
  ' ',
  '  ',
  '\n',
  '.',
  ',',
  "'",
  '\u2019',
  '-',
  '_',
  '(',
  's',
  'es',
  'S',
  'ES',
  '1',
  '2024',
  'x',
  'e\u0301',
  '\u00e9',
  '\u0130',
  '\u017f',
  KELVIN,
  '\ud835\udc00',
  '\ud800',
  '\u0301',
  'ß',
  '\u00a0',
  '\uffff',
  '\u0000',
];

describe('scanText with its finder', () => {
  it('has a finder for the real glossary (every first word is ASCII)', () => {
    expect(real.terms.finder).toBeInstanceOf(RegExp);
    expect(real.cues.finder).toBeInstanceOf(RegExp);
  });

  it('finds exactly the cues that reading every word finds, on text made of cues and glossary forms', () => {
    fc.assert(
      fc.property(textOf([...formsOf(entries), ...real.cueTexts]), (text) => {
        expect(scanCues(text, real)).toEqual(scanWords(text, real, 'cues').cues);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads only topic words in the first pass, and every cue in the second', () => {
    const text = 'The probation officer told staff at the Post Office counter.';
    const cueWords = (hits: { at: number; cue: number }[]) => hits.map((hit) => real.cueTexts[hit.cue]);

    expect(cueWords(scanText(text, real).cues)).toEqual(['probation']);
    expect(cueWords(scanCues(text, real))).toEqual(['probation', 'staff', 'post office']);
  });

  it('finds exactly what reading every word finds, on text made of glossary forms', () => {
    fc.assert(
      fc.property(textOf(formsOf(entries)), (text) => {
        expect(scanText(text, real)).toEqual(scanWords(text, real));
      }),
      { numRuns: RUNS },
    );
  });

  it('finds exactly what reading every word finds, for short, plural and digit-suffixed first words', () => {
    fc.assert(
      fc.property(
        textOf([
          'AP',
          'ap',
          'TR',
          'TR1',
          'tr2',
          'premises',
          'Premise',
          'KPI',
          'kit',
          'cases',
          'Approved',
          '2020',
          'P.O.',
          'Key',
        ]),
        (text) => {
          expect(scanText(text, AWKWARD_GLOSSARY)).toEqual(scanWords(text, AWKWARD_GLOSSARY));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('finds "KPI" written with a KELVIN SIGN, as reading every word does', () => {
    const text = `the ${KELVIN}PI and ${KELVIN}it`;

    const scan = scanText(text, AWKWARD_GLOSSARY);

    expect(scan).toEqual(scanWords(text, AWKWARD_GLOSSARY));
    expect(scan.candidates.map((c) => text.slice(c.start, c.end))).toEqual([`${KELVIN}PI`]);
  });

  it('does NOT find a first word that continues in another script ("APé", "éAP")', () => {
    const text = 'APé éAP AP\u0301 _AP_';

    const scan = scanText(text, AWKWARD_GLOSSARY);

    expect(scan).toEqual(scanWords(text, AWKWARD_GLOSSARY));
    expect(scan.candidates.map((c) => text.slice(c.start, c.end))).toEqual(['AP']);
  });

  it('scans many texts at once exactly as it scans each alone, a term at the very end of one included', () => {
    fc.assert(
      fc.property(fc.array(textOf(formsOf(entries)), { maxLength: 8 }), (texts) => {
        expect(scanTexts(texts, real)).toEqual(texts.map((text) => scanText(text, real)));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads the cues of many texts at once exactly as of each alone, all cues or only some', () => {
    const some = new Set(real.cueTexts.flatMap((text, n) => (n % 3 === 0 ? [n] : [])));
    fc.assert(
      fc.property(fc.array(textOf([...formsOf(entries), ...real.cueTexts]), { maxLength: 8 }), (texts) => {
        expect(scanCuesOfTexts(texts, real)).toEqual(texts.map((text) => scanCues(text, real)));
        expect(scanCuesOfTexts(texts, real, some)).toEqual(texts.map((text) => scanCues(text, real, some)));
      }),
      { numRuns: RUNS },
    );
  });

  it('does NOT join "Probation" and "Service" from two texts into "Probation Service"', () => {
    const texts = ['the Probation', 'Service said'];
    const surfaces = (text: string) => scanText(text, real).candidates.map((c) => text.slice(c.start, c.end));

    const scans = scanTexts(texts, real);

    expect(surfaces('the Probation Service said')).toContain('Probation Service');
    expect(scans).toEqual(texts.map((text) => scanText(text, real)));
    expect(scans[0]!.candidates.every((c) => c.end <= texts[0]!.length)).toBe(true);
  });

  it('scans texts one by one when a variant holds the joining character', () => {
    const glossary = withFinders(compileGlossary([entry({ id: 'odd', headword: 'odd\u0000term' })]));

    expect(scanTexts(['odd', 'term'], glossary)).toEqual([scanText('odd', glossary), scanText('term', glossary)]);
    expect(scanTexts(['odd', 'term'], glossary).every((scan) => scan.candidates.length === 0)).toBe(true);
  });

  it('reads cues text by text when a cue holds the joining character', () => {
    const senses = [
      { domain: 'probation' as const, cues: ['odd\u0000cue'] },
      { domain: 'other' as const, cues: ['kit'] },
    ];
    const glossary = withFinders(compileGlossary([entry({ id: 'two', headword: 'two', senses })]));

    expect(glossary.joinable).toBe(false);
    expect(scanCuesOfTexts(['odd', 'cue'], glossary)).toEqual([[], []]);
  });

  it('reads a short page word by word, and builds the finder only for a long text', () => {
    const glossary = compileGlossary(entries, TOPIC_WORDS);
    const short = 'The probation officer completed the OASys assessment before the MAPPA meeting.';

    expect(scanText(short, glossary)).toEqual(scanText(short, real));
    expect(glossary.terms.hasFinder).toBe(false);
    expect(glossary.cues.hasFinder).toBe(false);
    const long = `${short} `.repeat(200);
    expect(scanText(long, glossary)).toEqual(scanWords(long, glossary));
    expect(glossary.terms.hasFinder).toBe(true);
    // Many short texts add up to a long page too.
    for (let i = 0; i < 200 && !glossary.cues.hasFinder; i++) scanCues(short, glossary);
    expect(glossary.cues.hasFinder).toBe(true);
    expect(scanCues(short, glossary)).toEqual(scanWords(short, glossary, 'cues').cues);
  });

  it("makes a first word's patterns only when a page first finds the word", () => {
    const glossary = compileGlossary(entries, TOPIC_WORDS);
    const table = glossary.terms.table;
    const made = () => [...table.keys()].filter((key) => !Array.isArray((Map.prototype.get.call(table, key) as unknown[])[0]));

    expect(made()).toEqual([]);
    expect(scanText('The OASys assessment.', glossary).candidates).toHaveLength(1);
    expect(made()).toEqual(expect.arrayContaining(['oasys']));
    expect(made().length).toBeLessThan(4);
  });

  it('falls back to reading every word when a first word is not ASCII', () => {
    const glossary = compileGlossary([entry({ id: 'cafe', headword: 'Café' })]);

    expect(glossary.terms.finder).toBeUndefined();
    expect(scanText('CAFÉ and café', glossary).candidates).toHaveLength(2);
  });
});

// --- Helpers ---

function formsOf(list: readonly MatchableEntry[]): string[] {
  return list.flatMap((e) => variantsOf(e).map((v) => v.text)).slice(0, 400);
}

/** Text of glossary forms (in any casing) and awkward pieces, run together or apart. */
function textOf(forms: string[]): fc.Arbitrary<string> {
  const form = fc
    .tuple(fc.constantFrom(...forms), fc.constantFrom('as-is', 'upper', 'lower'))
    .map(([text, casing]) =>
      casing === 'upper' ? text.toUpperCase() : casing === 'lower' ? text.toLowerCase() : text,
    );
  return fc
    .array(fc.oneof(form, fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 30 })
    .map((parts) => parts.join(''));
}
