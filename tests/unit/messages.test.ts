/**
 * Messages between the extension's contexts are validated against their
 * schema and checked for their sender: anything else is ignored, with a
 * warning, and gets no answer.
 */
import entries from 'virtual:glossary';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { parseMessage, parseTabMessage, RuntimeMessage } from '../../lib/browser/messages';
import { makeSuggestion } from './suggestion-fixtures';

const EPF = makeSuggestion();

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('parseMessage', () => {
  it('accepts a well-formed runtime message', () => {
    expect(parseMessage(RuntimeMessage, { type: 'getEntry', id: 'oasys' })).toEqual({ type: 'getEntry', id: 'oasys' });
    expect(console.warn).not.toHaveBeenCalled();
  });

  it('drops fields it does not know rather than passing them on', () => {
    expect(parseMessage(RuntimeMessage, { type: 'getEntry', id: 'oasys', html: '<img src=x onerror=alert(1)>' })).toEqual({ type: 'getEntry', id: 'oasys' });
  });

  it.each([
    ['null', null as unknown],
    ['undefined', undefined],
    ['a string', 'getEntry'],
    ['a number', 42],
    ['an array', [{ type: 'getEntry', id: 'oasys' }]],
    ['no type', { id: 'oasys' }],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a type from the other direction', { type: 'pageTerms' }],
    ['"__proto__" as the type', JSON.parse('{"type": "__proto__", "id": "oasys"}')],
    ['a missing id', { type: 'getEntry' }],
    ['an id that is not a string', { type: 'getEntry', id: { toString: 'oasys' } }],
    ['an id of 101 characters', { type: 'getEntry', id: 'x'.repeat(101) }],
  ])('ignores %s, with a warning', (_, message) => {
    expect(parseMessage(RuntimeMessage, message)).toBeUndefined();
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it('does not accept a tab message as a runtime one, or the reverse', () => {
    expect(parseTabMessage({ type: 'getEntry', id: 'oasys' })).toBeUndefined();
    expect(parseMessage(RuntimeMessage, { type: 'showCardAtSelection' })).toBeUndefined();
  });
});

describe('parseTabMessage (the content script’s own check, without valibot)', () => {
  it.each([
    { type: 'pageTerms' },
    { type: 'revealTerm', id: 'oasys' },
    { type: 'revealTerm', id: 'x'.repeat(100) },
    { type: 'showCardAtSelection' },
    { type: 'selectionContext' },
    { type: 'unknownTerms' },
  ])('accepts %j', (message) => {
    expect(parseTabMessage(message)).toEqual(message);
    expect(console.warn).not.toHaveBeenCalled();
  });

  it('drops fields it does not know rather than passing them on', () => {
    expect(parseTabMessage({ type: 'revealTerm', id: 'oasys', html: '<img src=x onerror=alert(1)>' })).toEqual({ type: 'revealTerm', id: 'oasys' });
    expect(parseTabMessage({ type: 'pageTerms', tabId: 3 })).toEqual({ type: 'pageTerms' });
  });

  it.each([
    ['null', null as unknown],
    ['undefined', undefined],
    ['a string', 'pageTerms'],
    ['a number', 42],
    ['an array', [{ type: 'pageTerms' }]],
    ['no type', { id: 'oasys' }],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a type that is not a string', { type: ['pageTerms'] }],
    ['a type from the other direction', { type: 'getEntry', id: 'oasys' }],
    ['"__proto__" as the type', JSON.parse('{"type": "__proto__", "id": "oasys"}')],
    ['"toString" as the type', { type: 'toString' }],
    ['revealTerm without an id', { type: 'revealTerm' }],
    ['revealTerm with an id that is not a string', { type: 'revealTerm', id: { toString: 'oasys' } }],
    ['revealTerm with an id of 101 characters', { type: 'revealTerm', id: 'x'.repeat(101) }],
  ])('ignores %s, with a warning', (_, message) => {
    expect(parseTabMessage(message)).toBeUndefined();
    expect(console.warn).toHaveBeenCalledTimes(1);
  });
});

describe('the background answers only its own extension, and only well-formed questions', () => {
  const entry = entries[0]!;
  const ask = async (message: unknown, sender: { id?: string; url?: string }) =>
    (await fakeBrowser.runtime.onMessage.trigger(message, sender)).find((answer: unknown) => answer !== undefined);

  const fake = fakeBrowser as unknown as Record<string, unknown>;
  const real = { commands: fake.commands, contextMenus: fake.contextMenus };

  beforeEach(() => {
    // The fake browser lacks these; the background only registers a menu item and listeners on them.
    const event = { addListener: () => undefined, removeListener: () => undefined, hasListener: () => false };
    fake.commands = { ...(real.commands as object), onCommand: event };
    fake.contextMenus = { create: () => 1, update: async () => undefined, remove: async () => undefined, removeAll: async () => undefined, onClicked: event, onShown: event };
    background.main();
  });
  afterEach(() => Object.assign(fake, real));

  it('gives its own content script the full entry', async () => {
    expect(await ask({ type: 'getEntry', id: entry.id }, { id: fakeBrowser.runtime.id })).toEqual(entry);
  });

  it('gives its own content script the personal entries, skipping unreadable suggestions', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF, { broken: true }] });

    expect(await ask({ type: 'personalEntries' }, { id: fakeBrowser.runtime.id })).toEqual([EPF.entry]);
  });

  it('keeps unreadable settings in the backup when a content script asks, and says so', async () => {
    await fakeBrowser.storage.local.set({ settings: { paused: 'yes' } });

    const answer = await ask({ type: 'backUpSettings' }, { id: fakeBrowser.runtime.id });

    expect(answer).toEqual({ kept: true });
    expect(((await fakeBrowser.storage.local.get('settingsBackup')).settingsBackup as { value: unknown }[]).map((b) => b.value)).toEqual([
      { paused: 'yes' },
    ]);
  });

  it('answers { kept: false } to backUpSettings when the settings read well, and keeps no backup', async () => {
    await fakeBrowser.storage.local.set({ settings: { paused: true } });

    expect(await ask({ type: 'backUpSettings' }, { id: fakeBrowser.runtime.id })).toEqual({ kept: false });
    expect(await fakeBrowser.storage.local.get('settingsBackup')).toEqual({});
  });

  it('answers null for an id it does not know', async () => {
    expect(await ask({ type: 'getEntry', id: 'no-such-entry' }, { id: fakeBrowser.runtime.id })).toBeNull();
  });

  it.each([
    ['another extension', { id: 'some-other-extension' }],
    ['a sender without an id (a web page)', { url: 'https://evil.example/' }],
  ])('does NOT answer %s', async (_, sender) => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });

    expect(await ask({ type: 'getEntry', id: entry.id }, sender)).toBeUndefined();
    expect(await ask({ type: 'personalEntries' }, sender)).toBeUndefined();
  });

  it('does NOT start a suggestion from the selection when a content script asks (only extension pages may)', async () => {
    const tabs = vi.spyOn(fakeBrowser.tabs, 'sendMessage');

    const answer = await ask({ type: 'suggestSelection', tabId: 1 }, { id: fakeBrowser.runtime.id, url: 'https://example.org/page' });

    expect(answer).toBeUndefined();
    expect(tabs).not.toHaveBeenCalled();
  });

  it('does NOT answer a malformed message, and warns', async () => {
    expect(await ask({ type: 'getEntry', id: 7 }, { id: fakeBrowser.runtime.id })).toBeUndefined();
    expect(console.warn).toHaveBeenCalled();
  });
});
