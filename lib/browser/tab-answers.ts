/**
 * How a content script answers the popup and the background about its page.
 *
 * Every frame of a tab hears a tab message. The top frame answers for the
 * page; a subframe answers only for what it alone knows (a selection, or a
 * card it opened at one). A frame that has nothing to say stays silent, so
 * that another frame's answer is the one the sender gets.
 */
import {
  parseTabMessage,
  type PageTerm,
  type ResponseMap,
  type SelectionReply,
  type TabMessage,
} from './messages';

/** What a frame can tell about its page (ContentApp provides it). */
export interface PageAnswers {
  readonly preferences: { readonly enabled: boolean };
  /** Async: a lazily read page reads the rest of its text first, in slices. */
  pageTerms(): PageTerm[] | Promise<PageTerm[]>;
  revealTerm(id: string): boolean | Promise<boolean>;
  showCardAtSelection(): boolean;
  selectionContext(): Omit<SelectionReply, 'pageUrl'> | undefined;
  pageText(): string;
}

export interface TabAnswersOptions {
  app: PageAnswers;
  /** Whether this is the tab's top frame. */
  isTop: boolean;
  /** Our extension's id: messages from any other sender are ignored. */
  extensionId: string | undefined;
  /** The frame's address, read when answering. */
  location: Pick<Location, 'href' | 'hostname'>;
}

/**
 * A `runtime.onMessage` listener that answers tab messages. It answers
 * through `sendResponse`, and returns `true` when the answer comes later:
 * Chrome's own runtime.onMessage, which the content script uses without
 * webextension-polyfill, ignores a returned promise (it keeps the channel
 * open only for `return true`), and Firefox and the polyfill accept an
 * answer through `sendResponse` too.
 */
export function answerTabMessages({ app, isTop, extensionId, location }: TabAnswersOptions) {
  return (raw: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void): true | undefined => {
    if (!extensionId || sender.id !== extensionId) return undefined;
    const message = parseTabMessage(raw);
    if (!message) return undefined;
    const reply = answer(message);
    if (reply instanceof Promise) {
      reply.then(sendResponse, (error: unknown) => {
        console.error('Probation Jargon: could not answer', message.type, error);
        sendResponse(undefined);
      });
      return true;
    }
    if (reply !== undefined) sendResponse(reply);
    return undefined;
  };

  function answer(message: TabMessage): ResponseMap[TabMessage['type']] | Promise<ResponseMap[TabMessage['type']]> {
    // A subframe answers the keyboard command only when it opened the card.
    if (message.type === 'showCardAtSelection' && !isTop) return app.showCardAtSelection() ? { shown: true } : undefined;
    // Whichever frame holds a selection answers; the others stay silent.
    if (message.type === 'selectionContext') {
      const context = app.selectionContext();
      return context ? { ...context, pageUrl: location.href } : undefined;
    }
    if (!isTop) return undefined;
    switch (message.type) {
      case 'pageTerms': {
        const terms = app.pageTerms();
        const host = location.hostname;
        return terms instanceof Promise ? terms.then((list) => ({ terms: list, host })) : { terms, host };
      }
      case 'revealTerm': {
        const found = app.revealTerm(message.id);
        return found instanceof Promise ? found.then((yes) => ({ found: yes })) : { found };
      }
      case 'showCardAtSelection':
        return { shown: app.showCardAtSelection() };
      case 'unknownTerms':
        return { enabled: app.preferences.enabled, text: app.pageText(), pageUrl: location.href };
    }
  }
}
