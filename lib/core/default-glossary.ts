/** The bundled glossary, compiled for matching. */
import indexText from 'virtual:glossary-index';
import { decodeIndex, type IndexEntry } from './glossary-index';
import { compileGlossary, type MatchableEntry } from './matcher';
import { TOPIC_WORDS } from './relevance';

let index: IndexEntry[] | undefined;

/** Compiles the bundled entries, plus any personal ones, with the topic vocabulary. */
export function compileWith(extra: readonly MatchableEntry[] = []) {
  index ??= decodeIndex(indexText);
  return compileGlossary(extra.length ? [...index, ...extra] : index, TOPIC_WORDS);
}
