/**
 * The compact form of the glossary that the content script bundles: only what
 * the matcher and the relevance rules read, written as JSON arrays rather
 * than objects, and parsed once per page by `decodeIndex`.
 */
import type { CasePolicy, Domain, Entry, HighlightPolicy, Variant } from './glossary-schema';
import type { MatchableEntry } from './matcher';

export type IndexEntry = MatchableEntry & {
  category: Entry['category'];
};

/** What the content script needs of an entry. */
export function toIndexEntry(entry: Entry): IndexEntry {
  return {
    id: entry.id,
    headword: entry.headword,
    case: entry.case,
    variants: entry.variants,
    digitSuffix: entry.digitSuffix,
    highlight: entry.highlight,
    category: entry.category,
    // Cues only choose between senses (compileGlossary reads no others): an entry with one sense needs none.
    senses: entry.senses.map((sense) => ({
      domain: sense.domain,
      cues: entry.senses.length > 1 ? sense.cues : [],
      expansion: sense.expansion,
    })),
  };
}

/**
 * The index as JSON text, about half the size of the entries' JSON once
 * compressed: `[categories, entries]`. Each entry is an array:
 * `[id or 0 when it is the headword's slug, headword, flags, category number, variants, senses]`;
 * flags pack the case, highlight and digit-suffix policies; a variant is its
 * text, or `[text, case]` when its case policy is its own; a sense is
 * `[domain, expansion, ...cues]`, where the expansion is 0 for none, or n
 * when it is the entry's nth written form (1 the headword, 2 its first
 * variant…), as it often is.
 */
export function encodeIndex(entries: readonly Entry[]): string {
  const categories = [...new Set(entries.map((entry) => entry.category))];
  return JSON.stringify([
    categories,
    entries.map((entry) => {
      const e = toIndexEntry(entry);
      const forms = formsOf(e.headword, e.variants);
      return [
        e.id === slugOf(e.headword) ? 0 : e.id,
        e.headword,
        CASES.indexOf(e.case) + 3 * HIGHLIGHTS.indexOf(e.highlight) + 9 * Number(e.digitSuffix),
        categories.indexOf(e.category),
        e.variants.map((v) => (typeof v === 'string' ? v : [v.text, CASES.indexOf(v.case)])),
        e.senses.map((s) => {
          const form = s.expansion === undefined ? -1 : forms.indexOf(s.expansion);
          return [DOMAINS.indexOf(s.domain), form >= 0 ? form + 1 : (s.expansion ?? 0), ...s.cues];
        }),
      ];
    }),
  ]);
}

/** Reads `encodeIndex`'s text back into entries. */
export function decodeIndex(text: string): IndexEntry[] {
  const [categories, entries] = JSON.parse(text) as [string[], EncodedEntry[]];
  return entries.map(([id, headword, flags, category, encodedVariants, senses]) => {
    const variants = encodedVariants.map((v): Variant =>
      typeof v === 'string' ? v : { text: v[0], case: CASES[v[1]]! },
    );
    return {
      id: id === 0 ? slugOf(headword) : id,
      headword,
      case: CASES[flags % 3]!,
      variants,
      digitSuffix: flags >= 9,
      highlight: HIGHLIGHTS[Math.floor(flags / 3) % 3]!,
      category: categories[category] as Entry['category'],
      senses: senses.map(([domain, expansion, ...cues]) => ({
        domain: DOMAINS[domain]!,
        cues,
        expansion:
          typeof expansion === 'string'
            ? expansion
            : expansion === 0
              ? undefined
              : formsOf(headword, variants)[expansion - 1],
      })),
    };
  });
}

// --- Implementation helpers ---

const CASES: readonly CasePolicy[] = ['any', 'upper', 'exact'];
const HIGHLIGHTS: readonly HighlightPolicy[] = ['always', 'in-context', 'never'];
const DOMAINS: readonly Domain[] = ['probation', 'justice', 'other'];

type EncodedEntry = [
  id: string | 0,
  headword: string,
  flags: number,
  category: number,
  variants: (string | [string, number])[],
  senses: [domain: number, expansion: string | number, ...cues: string[]][],
];

/** The entry's written forms: its headword, then its variants' texts. */
function formsOf(headword: string, variants: readonly Variant[]): string[] {
  return [headword, ...variants.map((v) => (typeof v === 'string' ? v : v.text))];
}

/**
 * "Approved Premises" → "approved-premises": most ids are their headword's
 * slug, so the index leaves them out. Lower case; apostrophes dropped; each
 * run of anything but ASCII letters and digits one hyphen; none at either
 * end. A loop, as every page decodes some hundreds of them.
 */
function slugOf(headword: string): string {
  const lower = headword.toLowerCase();
  let slug = '';
  let gap = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 39 || c === 0x2019) continue;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && slug) slug += '-';
      gap = false;
      slug += lower[i];
    } else gap = true;
  }
  return slug;
}
