import { describe, expect, it } from 'vitest';
import type { MatchableEntry } from '../../lib/core/matcher';
import { compileGlossary, scanText } from '../../lib/core/matcher';
import { findMentions } from '../../lib/core/find-mentions';
import { TOPIC_WORDS } from '../../lib/core/relevance';

const entry = (over: Partial<MatchableEntry> & Pick<MatchableEntry, 'id' | 'headword'>): MatchableEntry => ({
  case: 'any',
  variants: [],
  digitSuffix: false,
  highlight: 'always',
  senses: [{ domain: 'probation', cues: [] }],
  ...over,
});

const ENTRIES: MatchableEntry[] = [
  entry({ id: 'oasys', headword: 'OASys', variants: [{ text: 'Offender Assessment System', case: 'any' }] }),
  entry({ id: 'arms', headword: 'ARMS', case: 'exact', highlight: 'in-context' }),
  entry({ id: 'visor', headword: 'ViSOR', case: 'upper' }),
  entry({ id: 'pso', headword: 'PSO' }),
  entry({ id: 'crc', headword: 'CRC' }),
  entry({ id: 'po', headword: 'PO', case: 'exact', variants: ['P.O.'] }),
  entry({ id: 'tr', headword: 'TR', case: 'exact', digitSuffix: true }),
  entry({ id: 'stand-down-report', headword: 'stand down report', variants: ['stand-down report'] }),
  entry({ id: 'hmpps', headword: 'HMPPS', variants: ["His Majesty's Prison and Probation Service"] }),
  entry({ id: 'breach', headword: 'breach', highlight: 'never' }),
];
const glossary = compileGlossary(ENTRIES, TOPIC_WORDS);

/** The surfaces and ids that scanText finds, as "text=id". */
function found(text: string): string[] {
  return scanText(text, glossary).candidates.map((c) => `${text.slice(c.start, c.end)}=${ENTRIES[c.entry]!.id}`);
}

describe('scanText', () => {
  it.each([
    ['OASys, OASYS, Oasys and oasys', ['OASys=oasys', 'OASYS=oasys', 'Oasys=oasys', 'oasys=oasys']],
    ['the OASYs was late', ['OASYs=oasys']],
    ['ViSOR and VISOR', ['ViSOR=visor', 'VISOR=visor']],
    ['PSOs, PSO’s and PSO\'s and the psos', ['PSO=pso', 'PSO=pso', 'PSO=pso', 'pso=pso']],
    ["the CRCs' contracts and a CRC's staff", ['CRC=crc', 'CRC=crc']],
    ['as a P.O. I saw two POs', ['P.O.=po', 'PO=po']],
    ['If you think TR1 was bad', ['TR=tr']],
    ['any stand down reports or stand-down report', ['stand down report=stand-down-report', 'stand-down report=stand-down-report']],
    ['a stand\u00a0down\n report', ['stand\u00a0down\n report=stand-down-report']],
    ['His Majesty’s Prison and Probation Service', ['His Majesty’s Prison and Probation Service=hmpps']],
    ['the Offender Assessment System (OASys)', ['Offender Assessment System=oasys', 'OASys=oasys']],
  ])('finds the terms in %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['arms and Arms and Arms-length', 'ARMS matches only in capitals'],
    ['a sun visor', 'ViSOR needs its own casing or capitals'],
    ['CRC32 and Crc32 and WinCRC', 'whole words only'],
    ['PSOX XPSO pso1', 'no partial words, and no digit suffix where the entry has none'],
    ['po-faced and Po', 'PO is exact'],
    ['TRUE or TRS', 'not a prefix of a longer word'],
    ['NOT WAS THE AND', 'shouted capitals'],
  ])('does NOT match anything in %j (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('reports offsets in UTF-16 code units around astral characters', () => {
    const text = '😀 OASys 😀 PSO';

    expect(scanText(text, glossary).candidates.map((c) => [c.start, c.end])).toEqual([
      [3, 8],
      [12, 15],
    ]);
  });

  it('finds a term only once where variants overlap, preferring the longest', () => {
    expect(found('Offender Assessment System')).toEqual(['Offender Assessment System=oasys']);
  });
});

describe('findMentions', () => {
  it('does NOT show entries whose policy is never', () => {
    expect(findMentions('a breach of licence in probation', glossary)).toEqual([]);
  });

  it('shows in-context ARMS on a probation passage but NOT on an unrelated one', () => {
    const onTopic = 'The probation officer completed ARMS for the sex offender before the prison release.';
    const offTopic = 'The ARMS TRADE TREATY was signed by many states.';

    expect(findMentions(onTopic, glossary).map((m) => onTopic.slice(m.start, m.end))).toEqual(['ARMS']);
    expect(findMentions(offTopic, glossary)).toEqual([]);
  });
});

describe('plurals that are not a plain suffix', () => {
  const local = compileGlossary(
    [
      entry({ id: 'crc', headword: 'CRC', variants: [{ text: 'Community Rehabilitation Company', case: 'any' }] }),
      entry({ id: 'po', headword: 'PO', case: 'exact' }),
    ],
    TOPIC_WORDS,
  );
  const surfaces = (text: string) => scanText(text, local).candidates.map((c) => text.slice(c.start, c.end));

  it('matches "Companies" for "Company" and shouted "CRCS" for "CRC"', () => {
    expect(surfaces('the Community Rehabilitation Companies and the CRCS')).toEqual([
      'Community Rehabilitation Companies',
      'CRC',
    ]);
  });

  it('does NOT read "POS" (point of sale) as a plural of a two-letter acronym', () => {
    expect(surfaces('the POS terminal')).toEqual([]);
  });
});
