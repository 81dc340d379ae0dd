/**
 * Keyboard commands (manifest `commands`, rebindable by the reader in the
 * browser's shortcut settings). The background forwards each to the tab.
 */
import { browser, type Browser } from 'wxt/browser';
import type { TabMessage } from './messages';

/** Opens the card for the term at the text selection; the card takes focus. */
export const SHOW_CARD_COMMAND = 'show-card-at-selection';

/** Opens the suggestion form for the selected text, as the context menu item does. */
export const SUGGEST_COMMAND = 'suggest-selection';

/** The manifest's `commands` entry for the keys above. */
export const MANIFEST_COMMANDS = {
  [SHOW_CARD_COMMAND]: {
    suggested_key: { default: 'Alt+Shift+J' },
    description: 'Explain the probation term at the selection',
  },
  [SUGGEST_COMMAND]: {
    suggested_key: { default: 'Alt+Shift+S' },
    description: 'Suggest a definition for the selected text',
  },
};

/**
 * Forwards our commands: the show-card command to the active tab's content
 * script, the suggest command to `onSuggest` with that tab. Returns the
 * function that stops listening.
 */
export function forwardCommands({ onSuggest }: { onSuggest?: (tab: Browser.tabs.Tab) => void } = {}): () => void {
  const listener = (command: string, tab?: Browser.tabs.Tab) => {
    if (command === SUGGEST_COMMAND) {
      void activeTab(tab)
        .then((active) => active && onSuggest?.(active))
        .catch((error: unknown) => console.error('Probation Jargon: the keyboard command failed', error));
      return;
    }
    if (command !== SHOW_CARD_COMMAND) return;
    void sendToTab(tab, { type: 'showCardAtSelection' }).catch((error: unknown) =>
      console.error('Probation Jargon: the keyboard command failed', error),
    );
  };
  browser.commands.onCommand.addListener(listener);
  return () => browser.commands.onCommand.removeListener(listener);
}

// --- Implementation helpers ---

async function activeTab(tab: Browser.tabs.Tab | undefined): Promise<Browser.tabs.Tab | undefined> {
  return tab?.id === undefined ? (await browser.tabs.query({ active: true, currentWindow: true }))[0] : tab;
}

async function sendToTab(tab: Browser.tabs.Tab | undefined, message: TabMessage): Promise<void> {
  const id = (await activeTab(tab))?.id;
  if (id === undefined) return;
  try {
    await browser.tabs.sendMessage(id, message);
  } catch {
    // No content script there (a browser page, the web store, a tab opened before install): nothing to open.
  }
}
