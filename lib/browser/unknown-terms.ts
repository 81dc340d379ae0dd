/**
 * The popup's "Unknown terms on this page": acronym-like tokens the glossary
 * lacks, as the tab's content script finds them, and starting a suggestion
 * for one with what the page says about it.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CompiledGlossary } from '../core/matcher';
import type { PageUnknownTerm, ResponseMap, TabMessage } from './messages';
import type { PageState } from './page-terms';
import { startSuggestion } from './start-suggestion';

export type UnknownTermsState =
  | { kind: 'loading' }
  | { kind: 'ready'; terms: PageUnknownTerm[]; pageUrl: string }
  /** Highlighting is off on the page, or no content script answered: nothing is listed. */
  | { kind: 'none' };

/** Asks the tab's content script for the unknown terms on its page. */
export async function requestUnknownTerms(tabId: number): Promise<UnknownTermsState> {
  try {
    const message: TabMessage = { type: 'unknownTerms' };
    const reply = (await browser.tabs.sendMessage(tabId, message)) as ResponseMap['unknownTerms'] | undefined;
    if (!reply?.enabled || !Array.isArray(reply.terms)) return { kind: 'none' };
    return { kind: 'ready', terms: reply.terms, pageUrl: reply.pageUrl };
  } catch {
    return { kind: 'none' }; // The tab navigated away or has no content script; "On this page" says why.
  }
}

/** The unknown terms of the page the popup is about, asked again whenever the page state is. */
export function useUnknownTerms(page: PageState): UnknownTermsState {
  const [state, setState] = useState<UnknownTermsState>({ kind: 'loading' });
  useEffect(() => {
    if (page.kind !== 'ready') {
      setState(page.kind === 'loading' ? { kind: 'loading' } : { kind: 'none' });
      return undefined;
    }
    let live = true;
    void requestUnknownTerms(page.tabId).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [page]);
  return state;
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
