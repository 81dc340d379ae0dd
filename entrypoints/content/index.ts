import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import cardCss from '../../components/card.css?inline';
import { compileWith } from '../../lib/core/default-glossary';
import { parseMessage, TabMessage, type ResponseMap } from '../../lib/browser/messages';
import { ContentApp } from '../../lib/dom/content-app';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
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
      if (message?.type === 'pageTerms') return Promise.resolve({ terms: app.pageTerms() });
      if (message?.type === 'showCardAtSelection') return Promise.resolve({ shown: app.showCardAtSelection() });
      return undefined;
    });

    void app.start().catch((error: unknown) => console.error('Probation Jargon: scan failed', error));
  },
});
