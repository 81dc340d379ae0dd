/**
 * The glossary's data contract. Every file in glossary/ is validated against
 * `GlossaryFile` when the extension is built, tested or checked, and personal
 * entries and imports reuse `Entry`.
 */
import * as v from 'valibot';

export const CATEGORIES = {
  assessment: 'Risk and needs assessment',
  sentence: 'Sentences, orders and requirements',
  release: 'Release, licence and recall',
  report: 'Reports',
  organisation: 'Organisations and bodies',
  role: 'Roles and grades',
  programme: 'Programmes and interventions',
  system: 'IT systems',
  accommodation: 'Accommodation',
  legislation: 'Legislation and policy',
  workforce: 'Staff, training and unions',
  practice: 'Practice and procedure',
  court: 'Courts and legal process',
} as const;
export type Category = keyof typeof CATEGORIES;

/**
 * How a written form may differ in letter case from the variant:
 * - `any`: any casing (OASys, OASYS, Oasys, oasys);
 * - `upper`: exactly as written, or in capitals (MoJ, MOJ; ViSOR, VISOR);
 * - `exact`: exactly as written (ARMS, never arms or Arms).
 */
export const CasePolicy = v.picklist(['any', 'upper', 'exact']);
export type CasePolicy = v.InferOutput<typeof CasePolicy>;

/**
 * When the extension underlines the entry:
 * - `always`: distinctive jargon, highlighted on any page (OASys, MAPPA);
 * - `in-context`: the headword collides with ordinary usage, so it is
 *   highlighted only where the page or passage is about probation or
 *   criminal justice (CRC, RAR, Horizon, ARMS);
 * - `never`: kept for search and the popup only (ordinary words such as
 *   "breach", whose every use would be underlined).
 */
export const HighlightPolicy = v.picklist(['always', 'in-context', 'never']);
export type HighlightPolicy = v.InferOutput<typeof HighlightPolicy>;

/**
 * Which world a sense belongs to. Only `probation` and `justice` senses are
 * highlighted; an `other` sense (Post Office, cyclic redundancy check) exists
 * so the context scorer can recognise that a page means something else.
 */
export const Domain = v.picklist(['probation', 'justice', 'other']);
export type Domain = v.InferOutput<typeof Domain>;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_DEFINITION_WORDS = 60;

export const HttpsUrl = v.pipe(
  v.string(),
  v.url('expected a URL'),
  v.startsWith('https://', 'expected an https URL'),
);

const NonBlank = (what: string, max: number) =>
  v.pipe(
    v.string(`expected ${what} as a string`),
    v.trim(),
    v.minLength(1, `${what} is empty`),
    v.maxLength(max, `${what} is longer than ${max} characters`),
  );

export const Variant = v.union(
  [
    NonBlank('a variant', 80),
    v.strictObject({ text: NonBlank('a variant', 80), case: CasePolicy }),
  ],
  'expected a variant: a string, or { "text", "case" }',
);
export type Variant = v.InferOutput<typeof Variant>;

export const Sense = v.strictObject({
  /** What the abbreviation stands for, or the term's full name. */
  expansion: NonBlank('the expansion', 160),
  /** Plain English, our own words, at most 60 words. */
  definition: v.pipe(
    NonBlank('the definition', 600),
    v.check(
      (text) => countWords(text) <= MAX_DEFINITION_WORDS,
      `the definition is longer than ${MAX_DEFINITION_WORDS} words`,
    ),
  ),
  domain: Domain,
  /** Lower-case words or phrases that, near a mention, support this sense. */
  cues: v.optional(v.array(NonBlank('a cue', 60)), []),
  sources: v.pipe(v.array(HttpsUrl), v.minLength(1, 'at least one source is needed')),
});
export type Sense = v.InferOutput<typeof Sense>;

export const Entry = v.strictObject({
  /** Stable, kebab-case; never reuse an id for a different term. */
  id: v.pipe(v.string(), v.regex(ID_PATTERN, 'expected a kebab-case id such as "oasys"')),
  headword: NonBlank('the headword', 80),
  category: v.picklist(Object.keys(CATEGORIES) as [Category, ...Category[]], 'unknown category'),
  status: v.picklist(['current', 'historic']),
  /** Years in use where known: CRC { from: 2014, until: 2021 }. */
  years: v.optional(
    v.strictObject({
      from: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1800), v.maxValue(2100))),
      until: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1800), v.maxValue(2100))),
    }),
  ),
  /** The case policy of the headword and of every string variant. */
  case: CasePolicy,
  highlight: HighlightPolicy,
  /** Other written forms; the headword is always matched too. */
  variants: v.optional(v.array(Variant), []),
  /** Trailing digits are allowed and not underlined: TR1, SDS40. */
  digitSuffix: v.optional(v.boolean(), false),
  /** The first sense is the default; the card leads with the best-supported one. */
  senses: v.pipe(v.array(Sense), v.minLength(1, 'at least one sense is needed')),
  related: v.optional(v.array(v.pipe(v.string(), v.regex(ID_PATTERN))), []),
});
export type Entry = v.InferOutput<typeof Entry>;
export type EntryInput = v.InferInput<typeof Entry>;

export const GlossaryFile = v.strictObject({
  $schema: v.optional(v.string()),
  entries: v.array(Entry),
});

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
