/**
 * A suggestion is a reader's own glossary entry: a new term, a new sense of
 * a term the glossary has, or an edit of one of its entries. It works for the
 * reader at once (a personal entry) and can be sent to the maintainers.
 *
 * `entry` is a glossary `Entry`, so exports validate against the glossary's
 * own schema. For an edit or a new sense it is the whole target entry with
 * the change applied, under the target's id: a personal entry with a bundled
 * entry's id replaces that entry (see `applyPersonalEntries`).
 */
import * as v from 'valibot';
import { CATEGORIES, countWords, Entry, type Category } from './glossary-schema';
import type { CompiledGlossary } from './matcher';
import { scanText } from './matcher';
import { isAcronymLike } from './text';

export const SUGGESTION_KINDS = ['new', 'edit', 'sense'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The form's fields, in order; the draft stores them as typed. */
export const FORM_FIELDS = ['term', 'expansion', 'definition', 'category', 'sourceUrl', 'sentence', 'pageUrl'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;
export type FieldErrors = Partial<Record<FormField, string>>;

export const LIMITS = {
  term: 80,
  expansion: 160,
  definition: 600,
  definitionWords: 60,
  sentence: 1000,
  url: 2048,
} as const;

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Markup in a field: a tag such as <script> or <b>, or an HTML comment. */
const HTML_TAG = /<\s*\/?\s*[a-z!?][^>]*>/i;
/** Control characters other than tab and line breaks, which no glossary text needs. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Plain text without markup or control characters. */
const PlainText = (what: string, max: number) =>
  v.pipe(
    v.string(`expected ${what} as a string`),
    v.maxLength(max, `${what} is longer than ${max} characters`),
    v.check((text) => !HTML_TAG.test(text), `${what} contains HTML; write plain text`),
    v.check((text) => !CONTROL.test(text), `${what} contains control characters`),
  );

/** A page address: http or https only (never javascript:, data: or file:). */
export const PageUrl = v.pipe(
  v.string('expected the page address as a string'),
  v.maxLength(LIMITS.url, `the page address is longer than ${LIMITS.url} characters`),
  v.check(isWebUrl, 'the page address must start with https:// or http://'),
);

const Timestamp = v.pipe(v.string('expected a date as a string'), v.isoTimestamp('expected an ISO date and time'));

export const Suggestion = v.strictObject({
  /** Storage key of this suggestion; stays the same through edits. */
  key: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'expected a key of 8 to 64 letters, digits or dashes')),
  kind: v.picklist(SUGGESTION_KINDS, 'expected kind "new", "edit" or "sense"'),
  /** The glossary entry an edit or a new sense is for. */
  targetId: v.optional(v.pipe(v.string(), v.regex(ENTRY_ID, 'expected a kebab-case id'))),
  entry: Entry,
  /** Where the reader met the term, if known. */
  pageUrl: v.optional(PageUrl),
  /** The sentence the term was met in. */
  sentence: v.optional(PlainText('the sentence', LIMITS.sentence)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Suggestion = v.InferOutput<typeof Suggestion>;

/** A field as typed: anything, within reason, since it is not yet checked. */
const DraftText = v.pipe(v.string(), v.maxLength(LIMITS.url * 2));

/** The form as typed, saved while the reader writes. */
export const SuggestionDraft = v.strictObject({
  kind: v.picklist(SUGGESTION_KINDS),
  targetId: v.optional(v.pipe(v.string(), v.regex(ENTRY_ID))),
  /** Set when the draft edits a stored suggestion. */
  key: v.optional(v.pipe(v.string(), v.maxLength(64))),
  values: v.strictObject({
    term: DraftText,
    expansion: DraftText,
    definition: DraftText,
    category: DraftText,
    sourceUrl: DraftText,
    sentence: DraftText,
    pageUrl: DraftText,
  }),
  updatedAt: Timestamp,
});
export type SuggestionDraft = v.InferOutput<typeof SuggestionDraft>;

export const EMPTY_FORM: FormValues = Object.freeze(Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as FormValues);

/** A problem with a stored or imported suggestion: what and where. */
export interface SuggestionProblem {
  /** A dotted path: `entry.senses[0].sources[0]`. */
  path: string;
  message: string;
}

/** Validates an unknown value as a suggestion; every problem is listed. */
export function parseSuggestion(value: unknown): { suggestion: Suggestion } | { problems: SuggestionProblem[] } {
  const result = v.safeParse(Suggestion, value);
  if (!result.success) return { problems: result.issues.map(toProblem) };
  const problems = entryTextProblems(result.output.entry).concat(kindProblems(result.output));
  return problems.length ? { problems } : { suggestion: result.output };
}

/**
 * Checks the form. Messages say what to do, GOV.UK style. With `glossary`, a
 * new term the glossary already matches is refused: the reader is asked to
 * suggest a new sense or an edit of that entry instead.
 */
export function validateForm(
  values: FormValues,
  { kind = 'new', targetId, glossary }: { kind?: SuggestionKind; targetId?: string; glossary?: CompiledGlossary } = {},
): FieldErrors {
  const errors: FieldErrors = {};
  const term = values.term.trim();
  const definition = values.definition.trim();

  errors.term =
    required(term, 'Enter the term as it is written, for example EPF') ??
    tooLong(term, LIMITS.term, 'The term') ??
    plainText(term, 'The term') ??
    (/[\p{L}\p{N}]/u.test(term[0] ?? '') ? undefined : 'The term must start with a letter or a digit');
  errors.expansion =
    required(values.expansion, 'Enter what the term stands for, or its full name') ??
    tooLong(values.expansion.trim(), LIMITS.expansion, 'The expansion') ??
    plainText(values.expansion, 'The expansion');
  errors.definition =
    required(definition, 'Enter a short definition in plain English') ??
    tooLong(definition, LIMITS.definition, 'The definition') ??
    (countWords(definition) > LIMITS.definitionWords
      ? `The definition must be ${LIMITS.definitionWords} words or fewer (it has ${countWords(definition)})`
      : undefined) ??
    plainText(definition, 'The definition');
  errors.category = !values.category
    ? 'Choose a category'
    : Object.hasOwn(CATEGORIES, values.category)
      ? undefined
      : 'Choose one of the listed categories';
  errors.sourceUrl =
    required(values.sourceUrl, 'Enter a source: the https address of a page that explains the term') ?? sourceUrlError(values.sourceUrl.trim());
  errors.sentence = tooLong(values.sentence.trim(), LIMITS.sentence, 'The sentence') ?? plainText(values.sentence, 'The sentence');
  errors.pageUrl =
    values.pageUrl.trim() && !isWebUrl(values.pageUrl.trim())
      ? 'The page address must start with https:// or http://'
      : tooLong(values.pageUrl.trim(), LIMITS.url, 'The page address');

  if (kind !== 'new' && !targetId) errors.term ??= 'Choose the glossary entry to change';
  else if (!errors.term && glossary) errors.term = clashError(term, kind, targetId, glossary);
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as FieldErrors;
}

/** The glossary entry whose variants match the whole of `term`, if any. */
export function findClash(term: string, glossary: CompiledGlossary): { id: string; headword: string } | undefined {
  const text = term.trim();
  const whole = scanText(text, glossary).candidates.find((c) => c.start === 0 && c.end === text.length);
  const entry = whole && glossary.entries[whole.entry];
  return entry ? { id: entry.id, headword: entry.headword } : undefined;
}

/**
 * Turns valid form values into a suggestion. For an edit, `target` is the
 * glossary entry and `senseIndex` the sense being changed; for a new sense the
 * form's sense is added to `target`.
 */
export function buildSuggestion(
  values: FormValues,
  options: {
    kind: SuggestionKind;
    key: string;
    now: Date;
    target?: Entry;
    senseIndex?: number;
    /** Ids already taken (glossary and personal), so a new entry gets a free one. */
    takenIds?: ReadonlySet<string>;
    /** The suggestion being edited, to keep its creation date. */
    previous?: Suggestion;
  },
): Suggestion {
  const { kind, key, now, target, senseIndex = 0, takenIds = new Set(), previous } = options;
  const term = values.term.trim();
  const sense = {
    expansion: values.expansion.trim(),
    definition: values.definition.trim().replace(/\s+/g, ' '),
    domain: 'probation' as const,
    cues: [],
    sources: [values.sourceUrl.trim()],
  };
  const category = values.category as Category;
  let entry: Entry;
  if (kind === 'new' || !target) {
    entry = {
      id: previous?.kind === 'new' ? previous.entry.id : freeId(term, takenIds),
      headword: term,
      category,
      status: 'current',
      case: isAcronymLike(term) ? 'upper' : 'any',
      highlight: 'always',
      variants: [],
      digitSuffix: false,
      senses: [sense],
      related: [],
    };
  } else if (kind === 'sense') {
    entry = { ...target, senses: [...target.senses, sense] };
  } else {
    const senses = target.senses.map((old, i) => (i === senseIndex ? { ...old, ...sense, cues: old.cues, domain: old.domain } : old));
    entry = { ...target, headword: term, category, senses };
  }
  const sentence = values.sentence.trim().replace(/\s+/g, ' ');
  const pageUrl = values.pageUrl.trim();
  return {
    key,
    kind,
    ...(kind !== 'new' && target ? { targetId: target.id } : {}),
    entry,
    ...(pageUrl ? { pageUrl } : {}),
    ...(sentence ? { sentence } : {}),
    createdAt: previous?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The form values that show a stored suggestion for editing. */
export function formValuesOf(suggestion: Suggestion, senseIndex?: number): FormValues {
  const { entry } = suggestion;
  const index = senseIndex ?? (suggestion.kind === 'sense' ? entry.senses.length - 1 : 0);
  const sense = entry.senses[index] ?? entry.senses[0]!;
  return {
    term: entry.headword,
    expansion: sense.expansion,
    definition: sense.definition,
    category: entry.category,
    sourceUrl: sense.sources[0] ?? '',
    sentence: suggestion.sentence ?? '',
    pageUrl: suggestion.pageUrl ?? '',
  };
}

/** A kebab-case id from a term, not in `taken`: "EPF" → "epf", then "epf-2". */
export function freeId(term: string, taken: ReadonlySet<string>): string {
  const base =
    term
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'term';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Whether `url` is an absolute http(s) address. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#]+/i.test(url) && canParse(url);
}

// --- Implementation helpers ---

/** URL.canParse, which Chrome has only from version 120. */
function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    // Not a URL: the caller reports it.
    return false;
  }
}

function required(value: string, message: string): string | undefined {
  return value.trim() ? undefined : message;
}

function tooLong(value: string, max: number, what: string): string | undefined {
  return value.length > max ? `${what} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${value.length.toLocaleString('en-GB')})` : undefined;
}

function plainText(value: string, what: string): string | undefined {
  return HTML_TAG.test(value) ? `${what} must be plain text, without HTML tags such as <b> or <script>` : undefined;
}

function sourceUrlError(url: string): string | undefined {
  if (/^http:\/\//i.test(url)) return 'The source must be a secure address starting with https://, not http://';
  if (!/^https:\/\//i.test(url) || !canParse(url) || !/^https:\/\/[^\s/?#]+\.[^\s/?#]+/i.test(url)) {
    return 'Enter the source as a full web address starting with https://, for example https://www.gov.uk/…';
  }
  return tooLong(url, LIMITS.url, 'The source address');
}

function clashError(term: string, kind: SuggestionKind, targetId: string | undefined, glossary: CompiledGlossary): string | undefined {
  const clash = findClash(term, glossary);
  if (!clash || (kind !== 'new' && clash.id === targetId)) return undefined;
  if (kind !== 'new') return `“${term}” belongs to the glossary entry “${clash.headword}”, not the entry you are changing`;
  return `“${term}” is already in the glossary as “${clash.headword}”. Suggest a new sense or an edit of that entry instead`;
}

/** Markup and control characters anywhere in an entry's text. */
function entryTextProblems(entry: Entry): SuggestionProblem[] {
  const problems: SuggestionProblem[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (HTML_TAG.test(value)) problems.push({ path, message: 'contains HTML; write plain text' });
      else if (CONTROL.test(value)) problems.push({ path, message: 'contains control characters' });
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) visit(item, `${path}.${k}`);
  };
  visit(entry, 'entry');
  return problems;
}

function kindProblems(s: Suggestion): SuggestionProblem[] {
  if (s.kind === 'new') return s.targetId ? [{ path: 'targetId', message: 'a new entry has no target' }] : [];
  if (!s.targetId) return [{ path: 'targetId', message: `is missing: an ${s.kind === 'edit' ? 'edit' : 'added sense'} names the entry it changes` }];
  if (s.entry.id !== s.targetId) return [{ path: 'entry.id', message: `should be "${s.targetId}", the id of the entry it changes` }];
  return [];
}

function toProblem(issue: v.BaseIssue<unknown>): SuggestionProblem {
  const path = (issue.path ?? [])
    .map((item, i) => (typeof item.key === 'number' ? `[${item.key}]` : `${i ? '.' : ''}${String(item.key)}`))
    .join('');
  const message =
    issue.kind === 'schema' && issue.received === 'undefined'
      ? 'is missing'
      : issue.type === 'strict_object' && issue.expected === 'never'
        ? 'is not a known field'
        : issue.message;
  return { path, message };
}
