import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { suggestFromTab } from '../../lib/browser/suggest-selection';
import { loadDraft } from '../../lib/browser/suggestions';
import { GLOSSARY, NOW } from './suggestion-fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const REPLY = {
  selection: 'EPF',
  sentence: 'Officers completed the EPF before the hearing.',
  pageText: 'The Effective Proposal Framework (EPF) helps.\n\nOfficers completed the EPF before the hearing.',
  pageUrl: 'https://frame.example.org/',
};

describe('suggestFromTab (the context menu item and the keyboard command)', () => {
  it('asks the frame for the selection, saves a full draft and opens the form for the term', async () => {
    const ask = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(REPLY);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);

    const started = await suggestFromTab({ tabId: 7, frameId: 3, selectionText: ' EPF\n', pageUrl: 'https://www.example.gov.uk/guide', glossary: () => GLOSSARY, now: () => NOW });

    expect(started).toBe(true);
    expect(ask).toHaveBeenCalledWith(7, { type: 'selectionContext' }, { frameId: 3 });
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#suggest\?term=EPF$/) });
    expect((await loadDraft())?.values).toEqual({
      term: 'EPF',
      expansion: 'Effective Proposal Framework',
      definition: '',
      category: '',
      sourceUrl: 'https://www.example.gov.uk/guide',
      sentence: 'Officers completed the EPF before the hearing.',
      pageUrl: 'https://www.example.gov.uk/guide',
    });
  });

  it('uses the content script’s selection and page address when the browser gives none (keyboard command)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(REPLY);
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);

    await suggestFromTab({ tabId: 7, glossary: () => GLOSSARY, now: () => NOW });

    expect((await loadDraft())?.values).toMatchObject({ term: 'EPF', pageUrl: 'https://frame.example.org/' });
  });

  it('ignores a malformed reply and still suggests the menu’s selection, without its sentence', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ...REPLY, pageText: 42 });
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);

    await suggestFromTab({ tabId: 7, selectionText: 'EPF', glossary: () => GLOSSARY, now: () => NOW });

    expect((await loadDraft())?.values).toMatchObject({ term: 'EPF', expansion: '', sentence: '', pageUrl: '' });
  });

  it('does NOT open the form when there is no selection anywhere', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);

    const started = await suggestFromTab({ tabId: 7, glossary: () => GLOSSARY, now: () => NOW });

    expect(started).toBe(false);
    expect(create).not.toHaveBeenCalled();
    expect(await loadDraft()).toBeNull();
  });
});
