/** Shared test data for the suggestion schema, import/export and store tests. */
import type { Entry } from '../../lib/core/glossary-schema';
import { compileGlossary, type MatchableEntry } from '../../lib/core/matcher';
import { TOPIC_WORDS } from '../../lib/core/relevance';
import { buildSuggestion, EMPTY_FORM, type FormValues, type Suggestion, type SuggestionKind } from '../../lib/core/suggestion-schema';

export const NOW = new Date('2025-03-01T10:00:00.000Z');

/** Two bundled entries, in full. */
export const OASYS: Entry = {
  id: 'oasys',
  headword: 'OASys',
  category: 'assessment',
  status: 'current',
  case: 'any',
  highlight: 'always',
  variants: [{ text: 'Offender Assessment System', case: 'any' }],
  digitSuffix: false,
  senses: [
    {
      expansion: 'Offender Assessment System',
      definition: 'The national tool used to assess risk and need.',
      domain: 'probation',
      cues: ['risk'],
      sources: ['https://www.gov.uk/guidance/risk-assessment-of-offenders'],
    },
  ],
  related: [],
};

export const CRC: Entry = {
  ...OASYS,
  id: 'crc',
  headword: 'CRC',
  category: 'organisation',
  case: 'upper',
  highlight: 'in-context',
  variants: [],
  senses: [
    {
      expansion: 'Community Rehabilitation Company',
      definition: 'A private company that supervised low and medium risk offenders from 2015 to 2021.',
      domain: 'probation',
      cues: [],
      sources: ['https://www.gov.uk/government/organisations/community-rehabilitation-companies'],
    },
  ],
};

export const BUNDLED: Entry[] = [OASYS, CRC];
export const GLOSSARY = compileGlossary(BUNDLED as MatchableEntry[], TOPIC_WORDS);

export const EPF_FORM: FormValues = {
  ...EMPTY_FORM,
  term: 'EPF',
  expansion: 'Effective Proposal Framework',
  definition: 'A tool that suggests which requirements to propose to the court for a given risk and need.',
  category: 'report',
  sourceUrl: 'https://www.gov.uk/government/publications/effective-proposal-framework',
  sentence: 'What’s EPF? Effective Proposal Framework, which must be done before doing the proposal.',
  pageUrl: 'https://probationblog.example.org/2019/staffing',
};

let counter = 0;

/** A valid suggestion; `values` override the EPF form. */
export function makeSuggestion(
  values: Partial<FormValues> = {},
  { kind = 'new', target, key }: { kind?: SuggestionKind; target?: Entry; key?: string } = {},
): Suggestion {
  counter++;
  return buildSuggestion({ ...EPF_FORM, ...values }, { kind, target, key: key ?? `key-0000-${String(counter).padStart(4, '0')}`, now: NOW });
}
