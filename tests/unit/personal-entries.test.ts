import { describe, expect, it } from 'vitest';
import { compileGlossary, scanText } from '../../lib/core/matcher';
import { applyPersonalEntries, ownIds } from '../../lib/core/personal-entries';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { draftFromSelection, sentenceAround } from '../../lib/core/selection-context';
import { BUNDLED, CRC, GLOSSARY, makeSuggestion, NOW, OASYS } from './suggestion-fixtures';

describe('applyPersonalEntries', () => {
  const epf = makeSuggestion();
  const crcEdit = makeSuggestion({ term: 'CRC', category: 'organisation', definition: 'Changed.' }, { kind: 'edit', target: CRC });

  it('replaces a bundled entry by an own entry with its id and adds new ones', () => {
    const applied = applyPersonalEntries(BUNDLED, [epf.entry, crcEdit.entry]);

    expect(applied.map((e) => e.id)).toEqual(['oasys', 'crc', 'epf']);
    expect(applied[1]).toBe(crcEdit.entry);
    expect([...ownIds([epf, crcEdit])]).toEqual(['epf', 'crc']);
  });

  it('makes a personal entry match at once once compiled', () => {
    const glossary = compileGlossary(applyPersonalEntries(BUNDLED, [epf.entry]), TOPIC_WORDS);

    const found = scanText('Complete the EPF first.', glossary).candidates.map((c) => glossary.entries[c.entry]!.id);

    expect(found).toEqual(['epf']);
  });
});

describe('sentenceAround', () => {
  const text = 'First one. Staff complete the EPF before the proposal! Last\nline here.';

  it.each([
    ['EPF', 'Staff complete the EPF before the proposal!'],
    ['First', 'First one.'],
    ['line', 'line here.'],
  ])('finds the sentence around %s', (word, sentence) => {
    const start = text.indexOf(word);

    expect(sentenceAround(text, start, start + word.length)).toBe(sentence);
  });

  it('caps a sentence with no end', () => {
    const long = 'word '.repeat(500) + 'EPF ' + 'word '.repeat(500);
    const start = long.indexOf('EPF');

    expect(sentenceAround(long, start, start + 3, 50).length).toBeLessThanOrEqual(103);
  });
});

describe('draftFromSelection', () => {
  it('prefills the expansion the page defines, and offers the page as the source', () => {
    const draft = draftFromSelection({
      selection: ' EPF ',
      sentence: 'Complete the EPF first.',
      pageUrl: 'https://example.gov.uk/guide',
      pageText: 'Use the Effective Proposal Framework (EPF). Complete the EPF first.',
      glossary: GLOSSARY,
      now: NOW,
    });

    expect(draft).toEqual({
      kind: 'new',
      values: {
        term: 'EPF',
        expansion: 'Effective Proposal Framework',
        definition: '',
        category: '',
        sourceUrl: 'https://example.gov.uk/guide',
        sentence: 'Complete the EPF first.',
        pageUrl: 'https://example.gov.uk/guide',
      },
      updatedAt: NOW.toISOString(),
    });
  });

  it('makes a term the glossary has into a new sense of that entry', () => {
    const draft = draftFromSelection({ selection: 'OASYS', glossary: GLOSSARY, now: NOW });

    expect([draft.kind, draft.targetId]).toEqual(['sense', OASYS.id]);
  });

  it.each(['javascript:alert(1)', 'file:///c/case.html', 'chrome://settings'])('does NOT keep a %s page address', (pageUrl) => {
    expect(draftFromSelection({ selection: 'EPF', pageUrl, now: NOW }).values.pageUrl).toBe('');
  });

  it('takes an expansion already found (the unknown-terms list) over searching the page again', () => {
    const draft = draftFromSelection({ selection: 'EPF', expansion: '  Effective   Proposal Framework ', pageText: 'Early Practice Forum (EPF)', now: NOW });

    expect(draft.values.expansion).toBe('Effective Proposal Framework');
  });

  it('does NOT offer an http page as the source', () => {
    const draft = draftFromSelection({ selection: 'EPF', pageUrl: 'http://x.org/', pageText: 'Effective Proposal Framework (EPF)', now: NOW });

    expect([draft.values.expansion, draft.values.sourceUrl, draft.values.pageUrl]).toEqual(['Effective Proposal Framework', '', 'http://x.org/']);
  });
});
