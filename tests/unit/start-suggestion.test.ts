import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSuggestion } from '../../lib/browser/start-suggestion';
import { loadDraft } from '../../lib/browser/suggestions';
import { GLOSSARY, NOW } from './suggestion-fixtures';

beforeEach(() => fakeBrowser.reset());

describe('startSuggestion (the context menu’s and keyboard command’s path)', () => {
  it('saves a draft with the sentence, page and page-given expansion, then opens the form for the term', async () => {
    const open = vi.fn().mockResolvedValue(undefined);

    await startSuggestion(
      {
        selection: 'EPF',
        sentence: 'Complete the EPF first.',
        pageUrl: 'https://example.gov.uk/guide',
        pageText: 'The Effective Proposal Framework (EPF) helps. Complete the EPF first.',
        glossary: GLOSSARY,
        now: NOW,
      },
      open,
    );

    expect(open).toHaveBeenCalledWith('/options.html#suggest?term=EPF');
    expect((await loadDraft())?.values).toMatchObject({ term: 'EPF', expansion: 'Effective Proposal Framework', sentence: 'Complete the EPF first.' });
  });

  it('opens an entry the glossary has as a new sense of it', async () => {
    const open = vi.fn().mockResolvedValue(undefined);

    const draft = await startSuggestion({ selection: 'OASys', glossary: GLOSSARY, now: NOW }, open);

    expect([draft.kind, draft.targetId]).toEqual(['sense', 'oasys']);
    expect(open).toHaveBeenCalledWith('/options.html#suggest?id=oasys');
  });

  it('still opens the form when the draft cannot be saved (full quota), and says why', async () => {
    const open = vi.fn().mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));

    await expect(startSuggestion({ selection: 'EPF', now: NOW }, open)).rejects.toThrow(/storage is full/i);
    expect(open).toHaveBeenCalledWith('/options.html#suggest?term=EPF');
  });
});
