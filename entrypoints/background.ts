import entries from 'virtual:glossary';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardCommands } from '../lib/browser/commands';
import { parseMessage, RuntimeMessage, type ResponseMap } from '../lib/browser/messages';

export default defineBackground(() => {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  forwardCommands();

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own pages and content scripts may ask.
    if (sender.id !== browser.runtime.id) return undefined;
    const message = parseMessage(RuntimeMessage, raw);
    if (message?.type === 'getEntry') {
      const reply: ResponseMap['getEntry'] = byId.get(message.id) ?? null;
      return Promise.resolve(reply);
    }
    return undefined;
  });
});
