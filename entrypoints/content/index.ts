import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import cardCss from '../../components/card.css?inline';
import { compilePersonal, compileWith } from '../../lib/core/default-glossary';
import { parseMessage, TabMessage, type ResponseMap, type RuntimeMessage } from '../../lib/browser/messages';
import { followPersonalEntries } from '../../lib/browser/personal-entries';
import { followSettings } from '../../lib/browser/settings';
import { ContentApp } from '../../lib/dom/content-app';
import { isTopFrame, preferencesForFrame } from '../../lib/dom/frames';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // Every frame, about:blank and srcdoc ones included: see lib/dom/frames.ts for the policy.
  allFrames: true,
  matchAboutBlank: true,
  main(ctx) {
    const isTop = isTopFrame(window);
    const app = new ContentApp({
      document,
      glossary: compileWith(),
      cardCss,
      getEntry: (id) => browser.runtime.sendMessage({ type: 'getEntry', id } satisfies RuntimeMessage) as Promise<ResponseMap['getEntry']>,
      suggestEdit: (id) =>
        void browser.runtime
          .sendMessage({ type: 'openSuggestion', id } satisfies RuntimeMessage)
          .catch((error: unknown) => console.error('Probation Jargon: could not open the suggestion form', error)),
    });
    ctx.onInvalidated(() => app.detach());

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const message = parseMessage(TabMessage, raw);
      // Every frame hears a tab message: the top frame answers for the page; a subframe only when it opened the card.
      if (message?.type === 'showCardAtSelection' && !isTop) {
        return app.showCardAtSelection() ? Promise.resolve({ shown: true }) : undefined;
      }
      // Whichever frame holds a selection answers; the others stay silent.
      if (message?.type === 'selectionContext') {
        const context = app.selectionContext();
        return context ? Promise.resolve({ ...context, pageUrl: location.href } satisfies ResponseMap['selectionContext']) : undefined;
      }
      if (!isTop) return undefined;
      if (message?.type === 'pageTerms') return Promise.resolve({ terms: app.pageTerms(), host: location.hostname });
      if (message?.type === 'revealTerm') return Promise.resolve({ found: app.revealTerm(message.id) });
      if (message?.type === 'showCardAtSelection') return Promise.resolve({ shown: app.showCardAtSelection() });
      if (message?.type === 'unknownTerms') {
        const reply: ResponseMap['unknownTerms'] = { enabled: app.preferences.enabled, terms: app.unknownTerms(), pageUrl: location.href };
        return Promise.resolve(reply);
      }
      return undefined;
    });

    // The first scan waits for the settings, so a switched-off site is never highlighted, even briefly.
    const stopFollowing = followSettings(({ settings }) => {
      void app.setPreferences(preferencesForFrame(settings, window)).catch((error: unknown) => console.error('Probation Jargon: scan failed', error));
    });
    ctx.onInvalidated(stopFollowing);

    // The reader's own entries reach this tab as soon as they are saved, with no reload.
    let hadOwn = false;
    const stopPersonal = followPersonalEntries(({ entries }) => {
      // None before and none now: the bundled glossary stands, and the page is not scanned again.
      if (!entries.length && !hadOwn) return;
      hadOwn = entries.length > 0;
      void app
        .setPersonal({ glossary: compilePersonal(entries), own: new Map(entries.map((entry) => [entry.id, entry])) })
        .catch((error: unknown) => console.error('Probation Jargon: could not apply your personal entries', error));
    });
    ctx.onInvalidated(stopPersonal);
  },
});
