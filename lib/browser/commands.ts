/**
 * Keyboard commands (manifest `commands`, rebindable by the reader in the
 * browser's shortcut settings). The background forwards each to the tab.
 */
import { browser, type Browser } from 'wxt/browser';
import type { TabMessage } from './messages';

/** Opens the card for the term at the text selection; the card takes focus. */
export const SHOW_CARD_COMMAND = 'show-card-at-selection';

/** The manifest's `commands` entry for the keys above. */
export const MANIFEST_COMMANDS = {
  [SHOW_CARD_COMMAND]: {
    suggested_key: { default: 'Alt+Shift+J' },
    description: 'Explain the probation term at the selection',
  },
};

/** Forwards our commands to the active tab's content script. Returns the function that stops listening. */
export function forwardCommands(): () => void {
  const listener = (command: string, tab?: Browser.tabs.Tab) => {
    if (command !== SHOW_CARD_COMMAND) return;
    void sendToTab(tab, { type: 'showCardAtSelection' }).catch((error: unknown) =>
      console.error('Probation Jargon: the keyboard command failed', error),
    );
  };
  browser.commands.onCommand.addListener(listener);
  return () => browser.commands.onCommand.removeListener(listener);
}

// --- Implementation helpers ---

async function sendToTab(tab: Browser.tabs.Tab | undefined, message: TabMessage): Promise<void> {
  const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  try {
    await browser.tabs.sendMessage(id, message);
  } catch {
    // No content script there (a browser page, the web store, a tab opened before install): nothing to open.
  }
}
