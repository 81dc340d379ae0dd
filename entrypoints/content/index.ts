import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import cardCss from '../../components/card.css?inline';
import { compilePersonal, compileWith } from '../../lib/core/default-glossary';
import type { ResponseMap, RuntimeMessage } from '../../lib/browser/messages';
import { followPersonalEntriesFromBackground } from '../../lib/browser/personal-entries';
import { followSettings } from '../../lib/browser/settings-reader';
import { answerTabMessages } from '../../lib/browser/tab-answers';
import { ContentApp } from '../../lib/dom/content-app';
import { isTopFrame, preferencesForFrame } from '../../lib/dom/frames';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // Every frame, about:blank and srcdoc ones included: see lib/dom/frames.ts for the policy.
  allFrames: true,
  matchAboutBlank: true,
  // WXT's legacy window.postMessage on start reaches the page's own message listeners and costs ~3 ms a frame; its
  // custom event on the document is enough to stop an older copy of this script.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const isTop = isTopFrame(window);
    const app = new ContentApp({
      document,
      // Made when the frame first has text to read: many frames have none.
      glossary: () => compileWith(),
      cardCss,
      getEntry: (id) => browser.runtime.sendMessage({ type: 'getEntry', id } satisfies RuntimeMessage) as Promise<ResponseMap['getEntry']>,
      suggestEdit: (id) =>
        void browser.runtime
          .sendMessage({ type: 'openSuggestion', id } satisfies RuntimeMessage)
          .catch((error: unknown) => console.error('Probation Jargon: could not open the suggestion form', error)),
    });
    ctx.onInvalidated(() => app.detach());

    const onMessage = answerTabMessages({ app, isTop, extensionId: browser.runtime.id, location });
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    // The first scan waits for the settings, so a switched-off site is never highlighted, even briefly.
    const stopFollowing = followSettings(({ settings }) => {
      void app.setPreferences(preferencesForFrame(settings, window)).catch((error: unknown) => console.error('Probation Jargon: scan failed', error));
    });
    ctx.onInvalidated(stopFollowing);

    // The reader's own entries reach this tab as soon as they are saved, with no reload.
    let hadOwn = false;
    const stopPersonal = followPersonalEntriesFromBackground(({ entries }) => {
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
