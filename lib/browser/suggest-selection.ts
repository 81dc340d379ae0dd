/**
 * "Suggest a definition for …": the context menu item and the keyboard
 * command on a selection. The background asks the tab's content script for
 * the selection's sentence and the passages that mention it, then saves a
 * draft and opens the suggestion form (`startSuggestion`). Content scripts
 * only read; the background writes.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { CompiledGlossary } from '../core/matcher';
import { MAX_SELECTION, SelectionReply, type TabMessage } from './messages';
import { startSuggestion } from './start-suggestion';

/** The context menu item's id. */
export const SUGGEST_MENU_ID = 'suggest-definition';

export interface SuggestFromTab {
  tabId: number;
  /** The frame the selection is in, when known (the context menu says); else every frame is asked. */
  frameId?: number;
  /** The selection as the browser reports it (the context menu's `selectionText`). */
  selectionText?: string;
  /** The page's address as the browser reports it (`pageUrl`, or the tab's URL). */
  pageUrl?: string;
  /** The glossary to check the term against: a known term becomes a new sense of its entry. */
  glossary: () => CompiledGlossary;
  now?: () => Date;
}

/**
 * Starts a suggestion from the selection in a tab. Resolves to false when
 * there is no selection to suggest.
 */
export async function suggestFromTab({ tabId, frameId, selectionText, pageUrl, glossary, now = () => new Date() }: SuggestFromTab): Promise<boolean> {
  const reply = await askForSelection(tabId, frameId);
  const selection = selectionText?.replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION) || reply?.selection;
  if (!selection) return false;
  // The content script's sentence belongs to the selection only if both saw the same text.
  const same = reply && reply.selection === selection;
  await startSuggestion(
    {
      selection,
      sentence: same ? reply.sentence : undefined,
      pageUrl: pageUrl || reply?.pageUrl,
      pageText: same ? reply.pageText : undefined,
      glossary: glossary(),
      now: now(),
    },
    (path) => browser.tabs.create({ url: browser.runtime.getURL(path) }),
  );
  return true;
}

/** Adds the context menu item; safe to call at every start of the background. */
export async function createSuggestMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: SUGGEST_MENU_ID, title: 'Suggest a definition for “%s”', contexts: ['selection'] });
}

/** Runs `suggestFromTab` for clicks on the menu item. Returns the function that stops listening. */
export function followSuggestMenu(glossary: () => CompiledGlossary): () => void {
  const listener = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId !== SUGGEST_MENU_ID || tab?.id === undefined) return;
    void suggestFromTab({ tabId: tab.id, frameId: info.frameId, selectionText: info.selectionText, pageUrl: info.pageUrl || tab.url, glossary }).catch(
      (error: unknown) => console.error('Probation Jargon: could not start the suggestion', error),
    );
  };
  browser.contextMenus.onClicked.addListener(listener);
  return () => browser.contextMenus.onClicked.removeListener(listener);
}

// --- Implementation helpers ---

async function askForSelection(tabId: number, frameId: number | undefined): Promise<SelectionReply | undefined> {
  const message: TabMessage = { type: 'selectionContext' };
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId });
  } catch {
    // No content script in that frame (a browser page, a tab opened before install): the menu's own text still serves.
    return undefined;
  }
  const parsed = v.safeParse(SelectionReply, raw);
  return parsed.success ? parsed.output : undefined;
}
