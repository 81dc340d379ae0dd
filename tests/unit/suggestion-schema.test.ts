import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Entry } from '../../lib/core/glossary-schema';
import {
  buildSuggestion,
  EMPTY_FORM,
  findClash,
  formValuesOf,
  freeId,
  parseSuggestion,
  validateForm,
  type FormValues,
} from '../../lib/core/suggestion-schema';
import { CRC, EPF_FORM, GLOSSARY, makeSuggestion, NOW, OASYS } from './suggestion-fixtures';

describe('validateForm', () => {
  it('accepts a complete form', () => {
    expect(validateForm(EPF_FORM, { glossary: GLOSSARY })).toEqual({});
  });

  it('names every missing required field with what to do', () => {
    expect(validateForm(EMPTY_FORM)).toEqual({
      term: 'Enter the term as it is written, for example EPF',
      expansion: 'Enter what the term stands for, or its full name',
      definition: 'Enter a short definition in plain English',
      category: 'Choose a category',
      sourceUrl: 'Enter a source: the https address of a page that explains the term',
    });
  });

  it.each<[string, Partial<FormValues>, Partial<Record<keyof FormValues, string>>]>([
    ['a blank term', { term: '   ' }, { term: 'Enter the term as it is written, for example EPF' }],
    ['a long term', { term: 'X'.repeat(81) }, { term: 'The term must be 80 characters or fewer (it has 81)' }],
    ['a term starting with punctuation', { term: '-EPF' }, { term: 'The term must start with a letter or a digit' }],
    ['a long expansion', { expansion: 'Word '.repeat(40) }, { expansion: 'The expansion must be 160 characters or fewer (it has 199)' }],
    ['a definition of 61 words', { definition: 'word '.repeat(61) }, { definition: 'The definition must be 60 words or fewer (it has 61)' }],
    ['a definition of 601 characters', { definition: 'x'.repeat(601) }, { definition: 'The definition must be 600 characters or fewer (it has 601)' }],
    ['HTML in the definition', { definition: 'Hello <script>alert(1)</script>' }, { definition: 'The definition must be plain text, without HTML tags such as <b> or <script>' }],
    ['HTML in the term', { term: '<b>EPF</b>' }, { term: 'The term must be plain text, without HTML tags such as <b> or <script>' }],
    ['HTML in the expansion', { expansion: 'Effective <img src=x onerror=alert(1)>' }, { expansion: 'The expansion must be plain text, without HTML tags such as <b> or <script>' }],
    ['an unknown category', { category: 'weather' }, { category: 'Choose one of the listed categories' }],
    ['a prototype key as category', { category: '__proto__' }, { category: 'Choose one of the listed categories' }],
    ['an http source', { sourceUrl: 'http://www.gov.uk/x' }, { sourceUrl: 'The source must be a secure address starting with https://, not http://' }],
    ['a javascript: source', { sourceUrl: 'javascript:alert(1)' }, { sourceUrl: 'Enter the source as a full web address starting with https://, for example https://www.gov.uk/…' }],
    ['a source without a scheme', { sourceUrl: 'gov.uk' }, { sourceUrl: 'Enter the source as a full web address starting with https://, for example https://www.gov.uk/…' }],
    ['a source without a host', { sourceUrl: 'https://' }, { sourceUrl: 'Enter the source as a full web address starting with https://, for example https://www.gov.uk/…' }],
    ['a javascript: page address', { pageUrl: 'javascript:alert(1)' }, { pageUrl: 'The page address must start with https:// or http://' }],
    ['a file: page address', { pageUrl: 'file:///home/me/case.html' }, { pageUrl: 'The page address must start with https:// or http://' }],
    ['a long sentence', { sentence: 'x'.repeat(1001) }, { sentence: 'The sentence must be 1,000 characters or fewer (it has 1,001)' }],
  ])('refuses %s with a specific message', (_, change, expected) => {
    expect(validateForm({ ...EPF_FORM, ...change })).toEqual(expected);
  });

  it('accepts an http page address: readers meet terms on http pages too', () => {
    expect(validateForm({ ...EPF_FORM, pageUrl: 'http://intranet.example/page' })).toEqual({});
  });

  it('does NOT accept a new term that the glossary already matches, and says what to do instead', () => {
    expect(validateForm({ ...EPF_FORM, term: 'OASYS' }, { glossary: GLOSSARY })).toEqual({
      term: '“OASYS” is already in the glossary as “OASys”. Suggest a new sense or an edit of that entry instead',
    });
  });

  it('accepts the clash as a new sense or an edit of that same entry', () => {
    expect(validateForm({ ...EPF_FORM, term: 'OASys' }, { glossary: GLOSSARY, kind: 'sense', targetId: 'oasys' })).toEqual({});
    expect(validateForm({ ...EPF_FORM, term: 'OASys' }, { glossary: GLOSSARY, kind: 'edit', targetId: 'oasys' })).toEqual({});
  });

  it('does NOT accept an edit of one entry that takes another entry’s headword', () => {
    expect(validateForm({ ...EPF_FORM, term: 'CRC' }, { glossary: GLOSSARY, kind: 'edit', targetId: 'oasys' })).toEqual({
      term: '“CRC” belongs to the glossary entry “CRC”, not the entry you are changing',
    });
  });

  it('asks for the target of an edit', () => {
    expect(validateForm(EPF_FORM, { kind: 'edit' })).toEqual({ term: 'Choose the glossary entry to change' });
  });

  it('treats as no clash a term the matcher would not match (an exact-case entry in other letters)', () => {
    expect(validateForm({ ...EPF_FORM, term: 'crc' }, { glossary: GLOSSARY })).toEqual({});
  });
});

describe('findClash', () => {
  it.each([
    ['OASys', 'oasys'],
    ['Offender Assessment System', 'oasys'],
    ['CRCs', undefined],
    ['OASys review', undefined],
    ['Crc', undefined],
  ])('%s → %s', (term, id) => {
    expect(findClash(term, GLOSSARY)?.id).toBe(id);
  });
});

describe('buildSuggestion', () => {
  it('makes a new personal entry that the glossary schema accepts', () => {
    const suggestion = buildSuggestion(EPF_FORM, { kind: 'new', key: 'key-0000-0001', now: NOW, takenIds: new Set(['epf']) });

    expect(suggestion).toEqual({
      key: 'key-0000-0001',
      kind: 'new',
      entry: {
        id: 'epf-2',
        headword: 'EPF',
        category: 'report',
        status: 'current',
        case: 'upper',
        highlight: 'always',
        variants: [],
        digitSuffix: false,
        senses: [
          {
            expansion: 'Effective Proposal Framework',
            definition: EPF_FORM.definition,
            domain: 'probation',
            cues: [],
            sources: [EPF_FORM.sourceUrl],
          },
        ],
        related: [],
      },
      pageUrl: EPF_FORM.pageUrl,
      sentence: EPF_FORM.sentence,
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(v.safeParse(Entry, suggestion.entry).success).toBe(true);
    expect(parseSuggestion(suggestion)).toEqual({ suggestion });
  });

  it('adds a new sense to the whole target entry, under its id', () => {
    const suggestion = makeSuggestion({ term: 'OASys', expansion: 'Offender Assessment System (prisons)' }, { kind: 'sense', target: OASYS });

    expect(suggestion.targetId).toBe('oasys');
    expect(suggestion.entry.id).toBe('oasys');
    expect(suggestion.entry.senses.map((s) => s.expansion)).toEqual(['Offender Assessment System', 'Offender Assessment System (prisons)']);
    expect(suggestion.entry.variants).toEqual(OASYS.variants);
  });

  it('edits the chosen sense of the target, keeping its cues and the other fields', () => {
    const suggestion = makeSuggestion({ term: 'CRC', category: 'organisation', definition: 'Private probation companies, 2015 to 2021.' }, { kind: 'edit', target: CRC });

    expect(suggestion.entry).toEqual({ ...CRC, senses: [{ ...CRC.senses[0]!, definition: 'Private probation companies, 2015 to 2021.', expansion: EPF_FORM.expansion, sources: [EPF_FORM.sourceUrl] }] });
  });

  it('keeps the creation date and id when a suggestion is edited again', () => {
    const first = makeSuggestion();
    const later = buildSuggestion({ ...EPF_FORM, definition: 'Changed.' }, { kind: 'new', key: first.key, now: new Date('2025-04-01T00:00:00Z'), previous: first, takenIds: new Set([first.entry.id]) });

    expect(later.entry.id).toBe(first.entry.id);
    expect(later.createdAt).toBe(first.createdAt);
    expect(later.updatedAt).toBe('2025-04-01T00:00:00.000Z');
  });

  it('round-trips through the form values', () => {
    expect(formValuesOf(makeSuggestion())).toEqual(EPF_FORM);
  });
});

describe('parseSuggestion', () => {
  it.each<[string, (s: Record<string, unknown>) => unknown, string[]]>([
    ['a missing entry', ({ entry: _, ...rest }) => rest, ['entry: is missing']],
    ['an unknown field', (s) => ({ ...s, extra: 1 }), ['extra: is not a known field']],
    ['an http source', (s) => ({ ...s, entry: { ...(s.entry as object), senses: [{ ...(s.entry as Entry).senses[0], sources: ['http://x.org'] }] } }), ['entry.senses[0].sources[0]: expected an https URL']],
    ['a javascript: page', (s) => ({ ...s, pageUrl: 'javascript:alert(1)' }), ['pageUrl: the page address must start with https:// or http://']],
    ['HTML in the sentence', (s) => ({ ...s, sentence: '<img src=x onerror=alert(1)>' }), ['sentence: the sentence contains HTML; write plain text']],
    ['HTML in the definition', (s) => ({ ...s, entry: { ...(s.entry as object), senses: [{ ...(s.entry as Entry).senses[0], definition: '<b>bold</b>' }] } }), ['entry.senses[0].definition: contains HTML; write plain text']],
    ['an edit without its target', (s) => ({ ...s, kind: 'edit' }), ['targetId: is missing: an edit names the entry it changes']],
    ['a sense under another id', (s) => ({ ...s, kind: 'sense', targetId: 'oasys' }), ['entry.id: should be "oasys", the id of the entry it changes']],
    ['a bad date', (s) => ({ ...s, createdAt: 'yesterday' }), ['createdAt: expected an ISO date and time']],
    ['a wrong type', () => 'EPF', [': Invalid type: Expected Object but received "EPF"']],
  ])('refuses %s, naming the path', (_, change, expected) => {
    const result = parseSuggestion(change(makeSuggestion() as unknown as Record<string, unknown>));

    expect('problems' in result && result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
  });
});

describe('freeId', () => {
  it.each([
    ['EPF', [], 'epf'],
    ['Approved Premises', [], 'approved-premises'],
    ['Café Rehab', [], 'cafe-rehab'],
    ['EPF', ['epf', 'epf-2'], 'epf-3'],
    ['!!!', [], 'term'],
  ])('%s → %s', (term, taken, id) => {
    expect(freeId(term, new Set(taken))).toBe(id);
  });
});
