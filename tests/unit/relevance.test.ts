/**
 * A page's own definition of an abbreviation outranks our guess: it picks the
 * sense, or keeps the mention unmarked when it names something we do not know.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import entries from 'virtual:glossary';
import { describe, expect, it } from 'vitest';
import { findAbbreviations } from '../../lib/core/abbreviations';
import { findMentions } from '../../lib/core/find-mentions';
import { compileGlossary, scanText } from '../../lib/core/matcher';
import {
  addSenseCues,
  addToSignal,
  emptySignal,
  noteSenseEntries,
  resolveMentions,
  resolvePage,
  TOPIC_WORDS,
} from '../../lib/core/relevance';

const glossary = compileGlossary(entries, TOPIC_WORDS);
const PROBATION = 'The probation officer said the offender on licence was recalled to prison after his conviction. ';
const shown = (text: string) => findMentions(text, glossary).map((m) => text.slice(m.start, m.end));
const senseOf = (text: string, surface: string) => {
  const mention = findMentions(text, glossary).find((m) => text.slice(m.start, m.end) === surface);
  return mention && entries[mention.entry]!.senses[mention.sense]!.expansion;
};

describe("a page's own definition of an abbreviation", () => {
  it.each([
    [
      'long form (SF)',
      `${PROBATION}The nurse followed the patient group directions (PGDs) for every PGD in the clinic.`,
    ],
    ['SF (long form)', `${PROBATION}Every PGD (patient group direction) must be signed by a doctor.`],
    ['SF stands for', `${PROBATION}PGD stands for patient group direction, and the PGD was signed.`],
    ['SF is short for', `${PROBATION}Here PGD is short for patient group direction.`],
  ])('keeps a mention unmarked when the page spells it out as something else: %s', (_, text) => {
    expect(shown(text)).not.toContain('PGD');
    expect(shown(text)).not.toContain('PGDs');
  });

  it('picks the sense the page spells out, over the cues around the mention', () => {
    const text = `${PROBATION}Each PSO (Prison Service Order) sets out procedure. My PSO at the probation office supervised my licence.`;
    expect(senseOf(text, 'PSO')).toMatch(/prison service order/i);
  });

  it('marks the mention as usual when a bracket nearby defines something else', () => {
    const text = `${PROBATION}The Prison Group Director (PGD) visited; the regional lead (RL) came too. The PGD left at noon.`;
    expect(shown(text)).toContain('PGD');
  });

  it('reads a definition that appears after the first mention, and applies it to every mention', () => {
    const text = `${PROBATION}The PGD was signed. Later: a PGD (patient group direction) lets nurses supply medicines.`;
    expect(shown(text)).not.toContain('PGD');
  });

  it('works out the sense once per entry, whatever the number of mentions', () => {
    const text = `${PROBATION}Each PSO (Prison Service Order) sets out procedure. ${'The PSO applies. '.repeat(50)}`;
    const scan = scanText(text, glossary);
    const page = emptySignal();
    addToSignal(page, scan, text.length, glossary, text);
    const mentions = resolveMentions(scan, glossary, page, text).filter((m) => entries[m.entry]!.id === 'pso');
    // "Prison Service Order" is itself a written form of PSO.
    expect(mentions).toHaveLength(52);
    expect(page.definedSense.size).toBe(1);
    expect(new Set(mentions.map((m) => m.sense)).size).toBe(1);
  });

  it('reads, in the second pass, only the cues of the entries whose sense must be chosen', () => {
    const text = `${PROBATION}My PO said the staff would review it. The OASys score was high.`;
    const scan = scanText(text, glossary);
    const page = emptySignal();
    addToSignal(page, scan, text.length, glossary, text);
    addSenseCues(page, scan, text, glossary);
    const po = entries.findIndex((e) => e.id === 'po');
    const poCues = new Set(glossary.senseCues[po]!.flatMap((sense) => [...sense]));

    expect([...page.senseEntries].map((i) => entries[i]!.id)).toEqual(['po']);
    expect(scan.senseCues!.length).toBeGreaterThan(0);
    expect(scan.senseCues!.every((hit) => poCues.has(hit.cue))).toBe(true);
  });

  it('reads the same definitions of the page\'s terms as reading every definition in the passage would', () => {
    // The scan looks only at brackets next to a candidate and at forward patterns after one.
    const pieces = [
      'PSO', 'PSOs', 'PGD', 'EPF', 'OASys', 'SF', 'the', 'Prison', 'Service', 'Order', 'patient', 'group', 'direction',
      'Effective', 'Proposal', 'Framework', 'stands for', 'is short for', 'is an acronym for', "What's", '?', '(', ')',
      '“', '”', "'s", ',', '.', 'probation', 'officer',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (parts) => {
        const passage = parts.join(' ');
        const scan = scanText(passage, glossary);
        const page = emptySignal();
        addToSignal(page, scan, passage.length, glossary, passage);

        const expected = new Map<number, string>();
        for (const definition of findAbbreviations(passage)) {
          const candidate = scan.candidates.find((c) => c.start === definition.shortStart);
          if (candidate && !expected.has(candidate.entry)) expected.set(candidate.entry, definition.long);
        }
        expect(page.definedAs).toEqual(expected);
      }),
      { numRuns: Number(process.env.PJ_FUZZ_RUNS ?? 300) },
    );
  });

});

describe('a long page, whose sense cues are read block by block as blocks are resolved', () => {
  // The page scanner reads them so past 1,000 candidates (see PageScanner): the counts of the page
  // read so far break ties, instead of the whole page's. On the corpus threads, repeated as a long
  // page would be, that chooses the same mentions and the same senses.
  it.each(['onprobation-staffing-2019', 'onprobation-omnishambles-2013', 'onprobation-comments-2014'])(
    '%s, twelve times: the same mentions and senses as reading every cue first',
    (name) => {
      const thread = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'corpus', `${name}.txt`), 'utf8');
      const texts = Array.from({ length: 12 }, () => thread)
        .join('\n')
        .split(/\n\s*\n|\n/)
        .filter((p) => p.trim());

      const scans = texts.map((text) => scanText(text, glossary));
      const page = emptySignal();
      scans.forEach((scan, i) => addToSignal(page, scan, texts[i]!.length, glossary, texts[i]));
      scans.forEach((scan) => noteSenseEntries(page, scan, glossary));
      const lazy = scans.map((scan, i) => resolveMentions(scan, glossary, page, texts[i]!));

      expect(lazy.flat().length).toBeGreaterThan(400);
      expect(lazy).toEqual(resolvePage(texts, glossary));
    },
  );
});
