import entries from 'virtual:glossary';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardCommands } from '../lib/browser/commands';
import { extensionUrl, suggestionPath } from '../lib/browser/links';
import { parseMessage, RuntimeMessage, type ResponseMap } from '../lib/browser/messages';
import { loadPersonalEntries } from '../lib/browser/personal-entries';
import { loadSettings } from '../lib/browser/settings';
import { createSuggestMenu, followSuggestMenu, suggestFromTab } from '../lib/browser/suggest-selection';
import { compileGlossary, type CompiledGlossary } from '../lib/core/matcher';
import { TOPIC_WORDS } from '../lib/core/relevance';

export default defineBackground(() => {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  // Compiled on the first suggestion, not at every start of the service worker.
  let compiled: CompiledGlossary | undefined;
  const glossary = () => (compiled ??= compileGlossary(entries, TOPIC_WORDS));
  const report = (error: unknown) => console.error('Probation Jargon: could not start the suggestion', error);

  forwardCommands({
    onSuggest: (tab) => {
      if (tab.id !== undefined) void suggestFromTab({ tabId: tab.id, pageUrl: tab.url, glossary }).catch(report);
    },
  });
  void createSuggestMenu().catch((error: unknown) => console.error('Probation Jargon: could not add the context menu item', error));
  followSuggestMenu(glossary);

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own pages and content scripts may ask.
    if (sender.id !== browser.runtime.id) return undefined;
    const message = parseMessage(RuntimeMessage, raw);
    if (message?.type === 'getEntry') {
      const reply: ResponseMap['getEntry'] = byId.get(message.id) ?? null;
      return Promise.resolve(reply);
    }
    if (message?.type === 'personalEntries') {
      return loadPersonalEntries().then(({ entries }): ResponseMap['personalEntries'] => entries);
    }
    if (message?.type === 'backUpSettings') {
      // Reading backs up whatever does not parse, and reports a backup that failed as a problem.
      return loadSettings().then(
        ({ problems }): ResponseMap['backUpSettings'] => ({
          kept: problems.length > 0 && !problems.some((p) => p.path === 'settingsBackup'),
        }),
      );
    }
    if (message?.type === 'openSuggestion') {
      const url = extensionUrl(suggestionPath({ id: message.id, term: message.term }));
      return browser.tabs.create({ url }).then((): ResponseMap['openSuggestion'] => ({ opened: true }));
    }
    // What the context menu item does, asked for by one of our own pages (not a content script).
    if (message?.type === 'suggestSelection' && isExtensionPage(sender.url)) {
      return suggestFromTab({ tabId: message.tabId, frameId: message.frameId, glossary }).then(
        (started): ResponseMap['suggestSelection'] => ({ started }),
      );
    }
    return undefined;
  });
});

function isExtensionPage(url: string | undefined): boolean {
  return !!url && url.startsWith(browser.runtime.getURL('/'));
}
