/** The bundled glossary, compiled for matching. */
import index from 'virtual:glossary-index';
import { compileGlossary, type MatchableEntry } from './matcher';
import { TOPIC_WORDS } from './relevance';

/** Compiles the bundled entries, plus any personal ones, with the topic vocabulary. */
export function compileWith(extra: readonly MatchableEntry[] = []) {
  return compileGlossary(extra.length ? [...index, ...extra] : index, TOPIC_WORDS);
}
