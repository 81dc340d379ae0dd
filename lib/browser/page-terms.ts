/**
 * The popup's view of the page the reader is on: which tab that is, what
 * its content script found, and how to point at a term there.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageTerm, ResponseMap, TabMessage } from './messages';

/** What the popup knows about the page. */
export type PageState =
  | { kind: 'loading' }
  | { kind: 'ready'; tabId: number; host: string; terms: PageTerm[] }
  | { kind: 'unavailable'; reason: string; host?: string };

/**
 * The tab the popup is about. In the toolbar popup: the active tab of the
 * current window. When popup.html is open in a tab of its own (tests, or a
 * reader who pinned it), that tab is not the page: `?tab=<id>` names one,
 * or else the most recently used other tab of the window is taken.
 */
export async function findTargetTab(search = location.search): Promise<{ id: number; url?: string } | undefined> {
  const self = await browser.tabs.getCurrent();
  if (!self) {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
  }
  const named = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(named) && named > 0) {
    const tab = await browser.tabs.get(named).catch(() => undefined);
    if (tab?.id !== undefined) return { id: tab.id, url: tab.url };
  }
  const others = (await browser.tabs.query({ windowId: self.windowId })).filter((tab) => tab.id !== self.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  const [tab] = others;
  return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
}

/** Asks the tab's content script for the terms it found. */
export async function requestPageTerms(tab: { id: number; url?: string }): Promise<PageState> {
  try {
    const message: TabMessage = { type: 'pageTerms' };
    const reply = (await browser.tabs.sendMessage(tab.id, message)) as ResponseMap['pageTerms'] | undefined;
    if (!reply || !Array.isArray(reply.terms)) return { kind: 'unavailable', reason: whyUnavailable(tab.url), host: hostOf(tab.url) };
    return { kind: 'ready', tabId: tab.id, host: reply.host, terms: reply.terms };
  } catch {
    // No content script answered: the page is one extensions may not read, or predates the extension.
    return { kind: 'unavailable', reason: whyUnavailable(tab.url), host: hostOf(tab.url) };
  }
}

/** Asks the tab to scroll to and flash the first mention of `id`. */
export async function requestReveal(tabId: number, id: string): Promise<boolean> {
  try {
    const message: TabMessage = { type: 'revealTerm', id };
    const reply = (await browser.tabs.sendMessage(tabId, message)) as ResponseMap['revealTerm'] | undefined;
    return reply?.found === true;
  } catch {
    return false; // The tab navigated away or closed since the list was made.
  }
}

/** Explains, in plain words, why a page's terms cannot be listed. */
export function whyUnavailable(url: string | undefined): string {
  const parsed = parseUrl(url);
  if (parsed && /^(chrome|edge|brave|opera|vivaldi|about|chrome-extension|moz-extension|view-source|devtools|chrome-search|resource):$/.test(parsed.protocol)) {
    return 'This is one of the browser’s own pages. Extensions cannot read them, so there are no terms to list.';
  }
  if (parsed && isExtensionStore(parsed)) {
    return 'The extension store does not let extensions read its pages, so there are no terms to list.';
  }
  if (parsed?.protocol === 'file:') {
    return 'To list terms in files on your computer, turn on “Allow access to file URLs” for Probation Jargon in the browser’s extension settings, then reload the file.';
  }
  return 'Probation Jargon cannot read this page. If it was open before the extension was installed or updated, reload it and try again.';
}

/**
 * The page state as a hook; `refresh` asks again (after a switch changes),
 * `reveal` points at a term.
 */
export function usePageTerms(): { page: PageState; refresh: () => void; reveal: (id: string) => Promise<boolean> } {
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [tab, setTab] = useState<{ id: number; url?: string } | null>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    findTargetTab().then(
      (found) => setTab(found ?? null),
      () => setTab(null),
    );
  }, []);

  useEffect(() => {
    if (tab === undefined) return;
    if (tab === null) {
      setPage({ kind: 'unavailable', reason: whyUnavailable(undefined) });
      return;
    }
    let live = true;
    void requestPageTerms(tab).then((state) => live && setPage(state));
    return () => {
      live = false;
    };
  }, [tab, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const reveal = useCallback(async (id: string) => (tab ? requestReveal(tab.id, id) : false), [tab]);
  return { page, refresh, reveal };
}

// --- Implementation helpers ---

function parseUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined; // Not a URL we can reason about; the generic reason applies.
  }
}

function hostOf(url: string | undefined): string | undefined {
  const parsed = parseUrl(url);
  return parsed && /^https?:$/.test(parsed.protocol) ? parsed.hostname : undefined;
}

function isExtensionStore(url: URL): boolean {
  const host = url.hostname;
  return (
    host === 'chromewebstore.google.com' ||
    (host === 'chrome.google.com' && url.pathname.startsWith('/webstore')) ||
    host === 'addons.mozilla.org' ||
    host === 'microsoftedge.microsoft.com'
  );
}
