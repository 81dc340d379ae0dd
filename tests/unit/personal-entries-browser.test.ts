import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
afterEach(() => vi.restoreAllMocks());

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

  it.each([
    ['a string', 'epf'],
    ['an object', { epf: EPF }],
    ['a number', 7],
    ['a list of nothing readable', [null, 'epf', { ...EPF, entry: { ...EPF.entry, senses: [] } }]],
  ])('reads NO entries when the stored suggestions are %s, and writes nothing', async (_, value) => {
    await fakeBrowser.storage.local.set({ suggestions: value });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');

    const seen: PersonalEntries[] = [];
    followPersonalEntries((p) => seen.push(p));
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen[0]!.entries).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });

  it('drops the entries when the suggestions are removed from storage', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });
    const seen: PersonalEntries[] = [];
    followPersonalEntries((p) => seen.push(p));
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await fakeBrowser.storage.local.remove('suggestions');

    expect(seen.map((p) => p.entries.map((e) => e.id))).toEqual([['epf'], []]);
  });

  it('reports a failed read and applies nothing until a change', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is unavailable'));

    const seen: PersonalEntries[] = [];
    followPersonalEntries((p) => seen.push(p));
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledTimes(1));
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });

    expect(seen.map((p) => p.entries.map((e) => e.id))).toEqual([['epf']]);
  });
});
