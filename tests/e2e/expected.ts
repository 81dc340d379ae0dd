/** What the core matcher, run in Node, expects a page of paragraphs to highlight. */
import { loadGlossary } from '../../lib/core/glossary-validate';
import { compileGlossary } from '../../lib/core/matcher';
import { resolvePage, TOPIC_WORDS } from '../../lib/core/relevance';
import { readGlossaryFiles } from '../../scripts/read-glossary';

export const entries = loadGlossary(readGlossaryFiles());
export const glossary = compileGlossary(entries, TOPIC_WORDS);

export function paragraphsOf(text: string): string[] {
  return text.split(/\n\s*\n|\n/).filter((p) => p.trim());
}

/** The highlighted texts, in order, for a page whose paragraphs are `paragraphs`. */
export function expectedHighlights(paragraphs: string[]): string[] {
  return resolvePage(paragraphs, glossary).flatMap((mentions, i) =>
    mentions.map((m) => paragraphs[i]!.slice(m.start, m.end)),
  );
}
