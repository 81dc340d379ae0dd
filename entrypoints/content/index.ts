import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import cardCss from '../../components/card.css?inline';
import { compileWith } from '../../lib/core/default-glossary';
import { parseMessage, TabMessage, type ResponseMap } from '../../lib/browser/messages';
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
      getEntry: (id) => browser.runtime.sendMessage({ type: 'getEntry', id }) as Promise<ResponseMap['getEntry']>,
    });
    ctx.onInvalidated(() => app.detach());

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const message = parseMessage(TabMessage, raw);
      // Every frame hears a tab message: the top frame answers for the page; a subframe only when it opened the card.
      if (message?.type === 'showCardAtSelection' && !isTop) {
        return app.showCardAtSelection() ? Promise.resolve({ shown: true }) : undefined;
      }
      if (!isTop) return undefined;
      if (message?.type === 'pageTerms') return Promise.resolve({ terms: app.pageTerms(), host: location.hostname });
      if (message?.type === 'revealTerm') return Promise.resolve({ found: app.revealTerm(message.id) });
      if (message?.type === 'showCardAtSelection') return Promise.resolve({ shown: app.showCardAtSelection() });
      return undefined;
    });

    // The first scan waits for the settings, so a switched-off site is never highlighted, even briefly.
    const stopFollowing = followSettings(({ settings }) => {
      void app.setPreferences(preferencesForFrame(settings, window)).catch((error: unknown) => console.error('Probation Jargon: scan failed', error));
    });
    ctx.onInvalidated(stopFollowing);
  },
});
