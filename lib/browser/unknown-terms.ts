/**
 * The popup's "Unknown terms on this page": acronym-like tokens the glossary
 * lacks, found here in the page's text, which the tab's content script sends
 * (the finding, and its word lists, stay out of the script every page loads),
 * and starting a suggestion for one with what the page says about it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entry } from '../core/glossary-schema';
import { compileGlossary, type CompiledGlossary } from '../core/matcher';
import { TOPIC_WORDS } from '../core/relevance';
import { sentenceAround } from '../core/selection-context';
import { findUnknownTerms } from '../core/unknown-terms';
import type { ResponseMap, TabMessage } from './messages';
import type { PageState } from './page-terms';
import { startSuggestion } from './start-suggestion';

/** An unknown term as the popup lists it. */
export interface PageUnknownTerm {
  text: string;
  count: number;
  /** The sentence around its first occurrence. */
  sentence: string;
  /** What the page says it stands for, when it defines it. */
  expansion?: string;
}

/** Most unknown terms listed: a page that is all capitals should not flood the popup. */
export const MAX_UNKNOWN_TERMS = 100;

export type UnknownTermsState =
  | { kind: 'loading' }
  | { kind: 'ready'; terms: PageUnknownTerm[]; pageUrl: string }
  /** Highlighting is off on the page, or no content script answered: nothing is listed. */
  | { kind: 'none' };

/** The page's text as the tab's content script sends it (see readPageText). */
type PageTextState = { kind: 'loading' } | { kind: 'ready'; text: string; pageUrl: string } | { kind: 'none' };

/** Asks the tab's content script for its page's readable text. */
export async function requestPageText(tabId: number): Promise<PageTextState> {
  try {
    const message: TabMessage = { type: 'unknownTerms' };
    const reply = (await browser.tabs.sendMessage(tabId, message)) as ResponseMap['unknownTerms'] | undefined;
    if (!reply?.enabled || typeof reply.text !== 'string' || typeof reply.pageUrl !== 'string') return { kind: 'none' };
    return { kind: 'ready', text: reply.text, pageUrl: reply.pageUrl };
  } catch {
    return { kind: 'none' }; // The tab navigated away or has no content script; "On this page" says why.
  }
}

/** Acronym-like tokens in a page's text that `glossary` does not match, most frequent first, each with its first sentence. */
export function listUnknownTerms(text: string, glossary: CompiledGlossary): PageUnknownTerm[] {
  return findUnknownTerms(text, glossary)
    .slice(0, MAX_UNKNOWN_TERMS)
    .map((term) => ({
      text: term.text,
      count: term.count,
      sentence: sentenceAround(text, term.first, term.first + term.text.length),
      ...(term.expansion ? { expansion: term.expansion } : {}),
    }));
}

/**
 * The unknown terms of the page the popup is about: its text is asked for
 * again whenever the page state is, and read again with `entries` (the
 * bundled ones with the reader's own) whenever they change.
 */
export function useUnknownTerms(page: PageState, entries: readonly Entry[]): UnknownTermsState {
  const [state, setState] = useState<PageTextState>({ kind: 'loading' });
  useEffect(() => {
    if (page.kind !== 'ready') {
      setState(page.kind === 'loading' ? { kind: 'loading' } : { kind: 'none' });
      return undefined;
    }
    let live = true;
    void requestPageText(page.tabId).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [page]);
  return useMemo(
    () =>
      state.kind === 'ready'
        ? { kind: 'ready', terms: listUnknownTerms(state.text, compileGlossary(entries, TOPIC_WORDS)), pageUrl: state.pageUrl }
        : state,
    [state, entries],
  );
}

/**
 * Starts a suggestion for an unknown term: saves a draft with the term, the
 * sentence it first appears in, the page and the page's expansion, then
 * opens the form in a new tab.
 */
export async function suggestUnknownTerm({
  term,
  pageUrl,
  glossary,
}: {
  term: PageUnknownTerm;
  pageUrl: string;
  glossary: CompiledGlossary;
}): Promise<void> {
  await startSuggestion(
    { selection: term.text, sentence: term.sentence, pageUrl, expansion: term.expansion, glossary, now: new Date() },
    (path) => browser.tabs.create({ url: browser.runtime.getURL(path) }),
  );
}
