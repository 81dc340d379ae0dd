/**
 * What a suggestion started from a selection on a page arrives with: the
 * term, the sentence around it, the page address and, when the page itself
 * defines the abbreviation ("Effective Proposal Framework (EPF)"), the
 * expansion. Used by the context menu, the keyboard command and the
 * "Unknown terms on this page" list.
 */
import { findAbbreviations } from './abbreviations';
import type { CompiledGlossary } from './matcher';
import { EMPTY_FORM, findClash, isWebUrl, LIMITS, type SuggestionDraft } from './suggestion-schema';

/** The sentence holding `text[start, end)`, at most about `max` characters, white space collapsed. */
export function sentenceAround(text: string, start: number, end: number, max = 300): string {
  let from = start;
  const lowest = Math.max(0, start - max);
  while (from > lowest && !isSentenceEnd(text, from - 1)) from--;
  let to = end;
  const highest = Math.min(text.length, end + max);
  while (to < highest && !isSentenceEnd(text, to)) to++;
  if (to < text.length && /[.!?]/.test(text[to]!)) to++;
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}

export interface SelectionContext {
  /** The selected text. */
  selection: string;
  /** The sentence around it (see `sentenceAround`). */
  sentence?: string;
  pageUrl?: string;
  /** The page's text, or the passages near the selection, to find a definition in. */
  pageText?: string;
  /** What the page says the term stands for, when already found (the "Unknown terms on this page" list). */
  expansion?: string;
  glossary?: CompiledGlossary;
  now: Date;
}

/**
 * A draft for the suggestion form. A term the glossary already has becomes a
 * new sense of that entry (the reader can switch to an edit); the page is
 * offered as the source when it defines the term itself.
 */
export function draftFromSelection({ selection, sentence = '', pageUrl = '', pageText, expansion, glossary, now }: SelectionContext): SuggestionDraft {
  const term = selection.replace(/\s+/g, ' ').trim().slice(0, LIMITS.term);
  const given = expansion?.replace(/\s+/g, ' ').trim().slice(0, LIMITS.expansion);
  const definition = given ? { long: given } : term ? findAbbreviations(pageText ?? sentence).find((d) => d.short === term) : undefined;
  const clash = term && glossary ? findClash(term, glossary) : undefined;
  const page = isWebUrl(pageUrl) ? pageUrl.slice(0, LIMITS.url) : '';
  return {
    kind: clash ? 'sense' : 'new',
    ...(clash ? { targetId: clash.id } : {}),
    values: {
      ...EMPTY_FORM,
      term,
      expansion: definition?.long ?? '',
      sourceUrl: definition && page.startsWith('https://') ? page : '',
      sentence: sentence.slice(0, LIMITS.sentence),
      pageUrl: page,
    },
    updatedAt: now.toISOString(),
  };
}

// --- Implementation helpers ---

function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '\n') return true;
  return (c === '.' || c === '!' || c === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1]!));
}
