/** The bundled glossary, compiled for matching. */
import indexText from 'virtual:glossary-index';
import type { Entry } from './glossary-schema';
import { decodeIndex, toIndexEntry, type IndexEntry } from './glossary-index';
import { compileGlossary, type MatchableEntry } from './matcher';
import { applyPersonalEntries } from './personal-entries';
import { TOPIC_WORDS } from './relevance';

let index: IndexEntry[] | undefined;

/** Compiles the bundled entries, plus any personal ones, with the topic vocabulary. */
export function compileWith(extra: readonly MatchableEntry[] = []) {
  index ??= decodeIndex(indexText);
  return compileGlossary(extra.length ? [...index, ...extra] : index, TOPIC_WORDS);
}

/**
 * Compiles the bundled entries with the reader's personal ones applied: one
 * with a bundled entry's id replaces it (an edit, an added sense); the others
 * are added.
 */
export function compilePersonal(own: readonly Entry[]) {
  index ??= decodeIndex(indexText);
  return compileGlossary(applyPersonalEntries(index, own.map(toIndexEntry)), TOPIC_WORDS);
}
