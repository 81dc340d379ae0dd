import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  followPersonalEntries,
  followPersonalEntriesFromBackground,
  loadPersonalEntries,
  type PersonalEntries,
} from '../../lib/browser/personal-entries';
import { createSuggestionStore, defineSuggestionsItem } from '../../lib/browser/suggestions';
import type { Entry } from '../../lib/core/glossary-schema';
import { startBackground } from './contexts';
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

describe('personal entries in a content script, validated by the background', () => {
  let restore: () => void;
  beforeEach(async () => {
    restore = await startBackground();
  });
  afterEach(() => restore());

  it('asks the background for the entries, which skips unreadable suggestions, and writes nothing', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF, { broken: true }, SENSE] });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');

    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen[0]).toEqual([EPF.entry, SENSE.entry]);
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'personalEntries' });
    expect(set).not.toHaveBeenCalled();
  });

  it.each([
    ['nothing stored', undefined],
    ['an empty list', []],
    ['a string', 'epf'],
  ])('asks the background nothing when the stored suggestions are %s, and applies no entries', async (_, value) => {
    if (value !== undefined) await fakeBrowser.storage.local.set({ suggestions: value });

    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen).toEqual([[]]);
    expect(fakeBrowser.runtime.sendMessage).not.toHaveBeenCalled();
  });

  it('follows a suggestion saved in another context, and its removal', async () => {
    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await createSuggestionStore({ item: defineSuggestionsItem() }).save(EPF);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await fakeBrowser.storage.local.remove('suggestions');
    await vi.waitFor(() => expect(seen).toHaveLength(3));

    expect(seen.map((entries) => entries.map((e) => e.id))).toEqual([[], ['epf'], []]);
  });

  it('drops an answer that a newer change overtook', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });
    const answers: ((entries: Entry[]) => void)[] = [];
    vi.mocked(fakeBrowser.runtime.sendMessage).mockImplementation(() => new Promise((resolve) => answers.push(resolve)));

    const seen = follow();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await fakeBrowser.storage.local.set({ suggestions: [EPF, SENSE] });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!([EPF.entry, SENSE.entry]);
    answers[0]!([EPF.entry]);
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(seen.map((entries) => entries.map((e) => e.id))).toEqual([['epf', 'oasys']]);
  });

  it('reports a background that cannot be reached or answers no list, and applies nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });
    vi.mocked(fakeBrowser.runtime.sendMessage).mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('Could not establish connection'));

    const seen = follow();
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledTimes(1));
    await fakeBrowser.storage.local.set({ suggestions: [SENSE] });
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledTimes(2));

    expect(seen).toEqual([]);
  });

  it('applies nothing once stopped', async () => {
    await fakeBrowser.storage.local.set({ suggestions: [EPF] });
    const seen: Entry[][] = [];
    const stop = followPersonalEntriesFromBackground(({ entries }) => seen.push(entries));
    stop();

    await fakeBrowser.storage.local.set({ suggestions: [SENSE] });
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(seen).toEqual([]);
  });
});

// --- Helpers ---

function follow(): Entry[][] {
  const seen: Entry[][] = [];
  followPersonalEntriesFromBackground(({ entries }) => seen.push(entries));
  return seen;
}
