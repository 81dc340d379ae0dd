/** The compact form of an entry that the content script bundles. */
import type { Entry } from './glossary-schema';
import type { MatchableEntry } from './matcher';

export type IndexEntry = MatchableEntry & {
  category: Entry['category'];
};

export function toIndexEntry(entry: Entry): IndexEntry {
  return {
    id: entry.id,
    headword: entry.headword,
    case: entry.case,
    variants: entry.variants,
    digitSuffix: entry.digitSuffix,
    highlight: entry.highlight,
    category: entry.category,
    senses: entry.senses.map((sense) => ({ domain: sense.domain, cues: sense.cues, expansion: sense.expansion })),
  };
}
