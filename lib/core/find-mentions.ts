/** One-call matching for a whole document: the scan command, tests and tools. */
import type { CompiledGlossary } from './matcher';
import { resolvePage, type Mention } from './relevance';

/** Finds the mentions to show in `text`, treating it as one page. */
export function findMentions(text: string, glossary: CompiledGlossary): Mention[] {
  return resolvePage([text], glossary)[0]!;
}
