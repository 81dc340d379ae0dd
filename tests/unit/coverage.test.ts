import entries from 'virtual:glossary';
import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/core/find-mentions';
import { compileGlossary, scanText } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';

const glossary = compileGlossary(entries, TOPIC_WORDS);
const idOf = (text: string) => scanText(text, glossary).candidates.map((c) => entries[c.entry]!.id);
const byId = new Map(entries.map((e) => [e.id, e]));

describe('the bundled glossary: forms people write', () => {
  it.each([
    ['OASYs', 'oasys'],
    ['Oasys', 'oasys'],
    ['VISOR', 'visor'],
    ['P.O.', 'po'],
    ['NDelius', 'ndelius'],
    ['Delius', 'ndelius'],
    ['pso', 'pso'],
    ['sotp', 'sotp'],
    ['SDS40', 'sds'],
    ['stand down report', 'stand-down-report'],
    ['Approved Premises', 'approved-premises'],
    ['post sentence supervision', 'pss'],
    ['Transforming Rehabilitation', 'tr'],
    ['Effective Proposal Framework', 'epf'],
  ])('resolves %j to %s', (text, id) => {
    expect(idOf(`see ${text} here`)).toEqual([id]);
  });

  it.each(['NOT', 'WAS', 'THE', 'AND', 'OR', 'IN', 'ARE', 'IT', 'IS', 'ON', 'TO', 'ALL', 'NEW', 'CAN'])(
    'does NOT show shouted %j on a probation page',
    (word) => {
      const text = `The probation officer said it ${word} fair that the offender on licence was recalled to prison.`;
      expect(findMentions(text, glossary).map((m) => text.slice(m.start, m.end))).not.toContain(word);
    },
  );

  it.each([
    ['po', ['probation officer', 'prison officer', 'post office', 'purchase order']],
    ['pso', ['probation service officer', 'prison service order']],
    ['cs', ['community service', 'civil service']],
    ['horizon', ['horizon', 'post office']],
  ])('lists every sense of %s', (id, senses) => {
    const expansions = byId.get(id)!.senses.map((s) => s.expansion.toLowerCase()).join(' | ');
    for (const sense of senses) expect(expansions).toContain(sense);
  });
});

describe('the bundled glossary: the sense the context supports', () => {
  const senseAt = (text: string, surface: string) => {
    const mention = findMentions(text, glossary).find((m) => text.slice(m.start, m.end) === surface);
    return mention && entries[mention.entry]!.senses[mention.sense]!.expansion;
  };

  it.each([
    ['The PO on the wing at HMP Durham unlocked the landing for association; prison officers work long shifts in custody.', 'PO', /prison officer/i],
    ['My PO at the probation office said I must attend every appointment or be breached; she supervises my licence with the PSO.', 'PO', /probation officer/i],
    ['Under PSO 4400 the prison governor must follow the instruction on prison procedures for incentives in custody.', 'PSO', /prison service order/i],
    ['The court gave him 120 hours of CS, so unpaid work every Saturday under probation supervision after his conviction.', 'CS', /community service/i],
  ])('reads %j as the right sense', (text, surface, expected) => {
    expect(senseAt(text, surface)).toMatch(expected);
  });

  it('does NOT underline Horizon or PO in a Post Office story', () => {
    const text = 'Subpostmasters blamed the Horizon system built by Fujitsu; the PO branch accounts showed shortfalls and the Post Office inquiry heard evidence.';
    expect(findMentions(text, glossary).map((m) => text.slice(m.start, m.end))).toEqual([]);
  });
});
