import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followPersonalEntries, loadPersonalEntries, type PersonalEntries } from '../../lib/browser/personal-entries';
import { createSuggestionStore, defineSuggestionsItem } from '../../lib/browser/suggestions';
import { makeSuggestion, OASYS } from './suggestion-fixtures';

const EPF = makeSuggestion();
const SENSE = makeSuggestion({ term: 'OASys', expansion: 'Youth' }, { kind: 'sense', target: OASYS });

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('personal entries for content scripts', () => {
  it('reads the entries and own ids, skipping unreadable suggestions, and writes nothing', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF, { broken: true }, SENSE] });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');

    const personal = await loadPersonalEntries();

    expect(personal.entries).toEqual([EPF.entry, SENSE.entry]);
    expect([...personal.ownIds]).toEqual(['epf', 'oasys']);
    expect(set).not.toHaveBeenCalled();
  });

  it('follows a suggestion saved in another context, as every open tab must', async () => {
    const seen: PersonalEntries[] = [];
    const stop = followPersonalEntries((p) => seen.push(p));
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await createSuggestionStore({ item: defineSuggestionsItem() }).save(EPF);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    stop();
    await createSuggestionStore({ item: defineSuggestionsItem() }).save(SENSE);

    expect(seen.map((p) => p.entries.map((e) => e.id))).toEqual([[], ['epf']]);
  });
});
