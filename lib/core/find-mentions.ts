/** One-call matching for a whole document: the scan command, tests and tools. */
import type { CompiledGlossary } from './matcher';
import { scanText } from './matcher';
import { addToSignal, emptySignal, resolveMentions, type Mention } from './relevance';

/** Finds the mentions to show in `text`, treating it as one page. */
export function findMentions(text: string, glossary: CompiledGlossary): Mention[] {
  const scan = scanText(text, glossary);
  const page = emptySignal();
  addToSignal(page, scan, text.length, glossary, text);
  return resolveMentions(scan, glossary, page);
}
