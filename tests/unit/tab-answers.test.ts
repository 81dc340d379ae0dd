/**
 * The content script answers tab messages itself, through sendResponse (the
 * browser's own runtime.onMessage, without webextension-polyfill, ignores a
 * returned promise in Chrome): only its own extension, only well-formed
 * messages, and only from the frame that should answer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageTerm } from '../../lib/browser/messages';
import { answerTabMessages, type PageAnswers } from '../../lib/browser/tab-answers';

const OWN = 'our-extension-id';
const LOCATION = { href: 'https://example.org/page', hostname: 'example.org' };

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('the top frame', () => {
  it.each([
    [{ type: 'pageTerms' }, { terms: [{ id: 'oasys', headword: 'OASys', count: 2 }], host: 'example.org' }],
    [{ type: 'revealTerm', id: 'oasys' }, { found: true }],
    [{ type: 'revealTerm', id: 'mappa' }, { found: false }],
    [{ type: 'showCardAtSelection' }, { shown: false }],
    [
      { type: 'unknownTerms' },
      { enabled: true, text: 'The XYZ met.', pageUrl: 'https://example.org/page' },
    ],
  ])('answers %j through sendResponse, at once, and returns nothing', (message, expected) => {
    const { listener, sendResponse } = frame({ isTop: true });

    const returned = listener(message, { id: OWN }, sendResponse);

    expect(returned).toBeUndefined();
    expect(sendResponse.mock.calls).toEqual([[expected]]);
  });

  it.each([
    [{ type: 'pageTerms' }, { terms: [{ id: 'oasys', headword: 'OASys', count: 2 }], host: 'example.org' }],
    [{ type: 'revealTerm', id: 'oasys' }, { found: true }],
  ])('answers %j later, when the page must read the rest of its text first, and keeps the channel open', async (message, expected) => {
    const { app, listener, sendResponse } = frame({ isTop: true });
    app.pageTerms.mockImplementation(async () => [{ id: 'oasys', headword: 'OASys', count: 2 }]);
    app.revealTerm.mockImplementation(async (id: string) => id === 'oasys');

    const returned = listener(message, { id: OWN }, sendResponse);

    expect(returned).toBe(true);
    expect(sendResponse).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(sendResponse.mock.calls).toEqual([[expected]]));
  });

  it('answers selectionContext with the frame’s address when it holds a selection, and stays silent when not', () => {
    const withSelection = frame({ isTop: true, selection: true });
    const without = frame({ isTop: true });

    withSelection.listener({ type: 'selectionContext' }, { id: OWN }, withSelection.sendResponse);
    without.listener({ type: 'selectionContext' }, { id: OWN }, without.sendResponse);

    expect(withSelection.sendResponse.mock.calls).toEqual([
      [{ selection: 'OASys', sentence: 'OASys is used.', pageText: 'OASys is used.', pageUrl: 'https://example.org/page' }],
    ]);
    expect(without.sendResponse).not.toHaveBeenCalled();
  });
});

describe('a subframe', () => {
  it.each([[{ type: 'pageTerms' }], [{ type: 'revealTerm', id: 'oasys' }], [{ type: 'unknownTerms' }]])(
    'does NOT answer %j: the top frame answers for the page',
    (message) => {
      const { listener, sendResponse, app } = frame({ isTop: false });

      listener(message, { id: OWN }, sendResponse);

      expect(sendResponse).not.toHaveBeenCalled();
      expect(app.revealTerm).not.toHaveBeenCalled();
    },
  );

  it('answers showCardAtSelection only when it opened the card', () => {
    const opened = frame({ isTop: false, cardAtSelection: true });
    const notOpened = frame({ isTop: false });

    opened.listener({ type: 'showCardAtSelection' }, { id: OWN }, opened.sendResponse);
    notOpened.listener({ type: 'showCardAtSelection' }, { id: OWN }, notOpened.sendResponse);

    expect(opened.sendResponse.mock.calls).toEqual([[{ shown: true }]]);
    expect(notOpened.sendResponse).not.toHaveBeenCalled();
  });

  it('answers selectionContext when the selection is in it', () => {
    const { listener, sendResponse } = frame({ isTop: false, selection: true });

    listener({ type: 'selectionContext' }, { id: OWN }, sendResponse);

    expect(sendResponse).toHaveBeenCalledTimes(1);
  });
});

describe('what the content script does NOT answer', () => {
  it.each([
    ['another extension', { id: 'some-other-extension' }],
    ['a sender without an id (a web page)', {}],
  ])('%s: no answer, and nothing on the page is touched', (_, sender) => {
    const { listener, sendResponse, app } = frame({ isTop: true });

    listener({ type: 'revealTerm', id: 'oasys' }, sender, sendResponse);

    expect(sendResponse).not.toHaveBeenCalled();
    expect(app.revealTerm).not.toHaveBeenCalled();
  });

  it('any sender, while its own extension id is unknown (the extension was reloaded)', () => {
    const { listener, sendResponse } = frame({ isTop: true, extensionId: undefined });

    listener({ type: 'pageTerms' }, {}, sendResponse);

    expect(sendResponse).not.toHaveBeenCalled();
  });

  it.each([
    ['null', null],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a runtime message', { type: 'getEntry', id: 'oasys' }],
    ['revealTerm with an id that is not a string', { type: 'revealTerm', id: 7 }],
  ])('%s from its own extension: no answer, and a warning', (_, message) => {
    const { listener, sendResponse, app } = frame({ isTop: true });

    listener(message, { id: OWN }, sendResponse);

    expect(sendResponse).not.toHaveBeenCalled();
    expect(app.revealTerm).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalledTimes(1);
  });
});

// --- Helpers ---

function frame({
  isTop,
  selection = false,
  cardAtSelection = false,
  extensionId = OWN,
}: {
  isTop: boolean;
  selection?: boolean;
  cardAtSelection?: boolean;
  extensionId?: string;
}) {
  const app = {
    preferences: { enabled: true },
    pageTerms: vi.fn<() => PageTerm[] | Promise<PageTerm[]>>(() => [{ id: 'oasys', headword: 'OASys', count: 2 }]),
    revealTerm: vi.fn<(id: string) => boolean | Promise<boolean>>((id: string) => id === 'oasys'),
    showCardAtSelection: vi.fn(() => cardAtSelection),
    selectionContext: vi.fn(() =>
      selection ? { selection: 'OASys', sentence: 'OASys is used.', pageText: 'OASys is used.' } : undefined,
    ),
    pageText: vi.fn(() => 'The XYZ met.'),
  } satisfies PageAnswers;
  const listener = answerTabMessages({ app, isTop, extensionId, location: LOCATION });
  return { app, listener, sendResponse: vi.fn() };
}
