/**
 * The suggestions store with WXT's fake browser: round trips, versions and
 * migrations, corrupt data, a full quota, two contexts writing at once,
 * drafts, and imports that must leave storage untouched when refused.
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as storeModule from '../../lib/browser/suggestions';
import { installLockManager, twoContexts } from './contexts';
import { GlossaryFile } from '../../lib/core/glossary-schema';
import type { Suggestion, SuggestionDraft } from '../../lib/core/suggestion-schema';
import { EPF_FORM, GLOSSARY, makeSuggestion, NOW, OASYS } from './suggestion-fixtures';

const { createDraftSaver, createSuggestionStore, defineSuggestionsItem, loadDraft } = storeModule;

const local = fakeBrowser.storage.local;
const raw = async (key: string) => (await local.get(key))[key];
const EPF = makeSuggestion();
const NAPO = makeSuggestion({ term: 'Napo', expansion: 'National Association of Probation Officers', category: 'workforce' });
const OASYS_SENSE = makeSuggestion({ term: 'OASys', expansion: 'Offender Assessment System (youth)' }, { kind: 'sense', target: OASYS });

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('saving, listing and deleting', () => {
  it('starts empty, then keeps what is saved, in order', async () => {
    const store = newStore();

    expect(await store.load()).toEqual({ suggestions: [], problems: [], readOnly: false });
    await store.save(EPF);
    await store.save(NAPO);

    expect((await store.load()).suggestions).toEqual([EPF, NAPO]);
    expect(await raw('suggestions')).toEqual([EPF, NAPO]);
    expect(await raw('suggestions$')).toEqual({ v: 1 });
  });

  it('replaces a suggestion saved again under the same key', async () => {
    const store = newStore();
    await store.save(EPF);
    const edited = { ...EPF, entry: { ...EPF.entry, headword: 'EPFs' }, updatedAt: '2025-04-01T00:00:00.000Z' };

    const result = await store.save(edited);

    expect(result).toEqual({ ok: true, suggestions: [edited] });
  });

  it('refuses an invalid suggestion, naming the problem, and stores nothing', async () => {
    const store = newStore();
    const bad = { ...EPF, pageUrl: 'javascript:alert(1)' } as Suggestion;

    const result = await store.save(bad);

    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'The suggestion is not valid',
      problems: [{ path: 'pageUrl', message: 'the page address must start with https:// or http://' }],
    });
    expect(await raw('suggestions')).toBeUndefined();
  });

  it('refuses a second suggestion for the same entry id, pointing at the first', async () => {
    const store = newStore();
    await store.save(EPF);

    const result = await store.save({ ...EPF, key: 'key-other-0001' });

    expect(result).toMatchObject({ ok: false, reason: 'duplicate', message: 'You already have an entry “EPF” (epf)', existing: EPF });
  });

  it('deletes and returns the suggestion, which Undo saves back', async () => {
    const store = newStore();
    await store.save(EPF);
    await store.save(NAPO);

    const removed = await store.remove(EPF.key);
    const afterDelete = (await store.load()).suggestions;
    await store.save((removed as { removed: Suggestion }).removed);

    expect(removed).toEqual({ ok: true, removed: EPF, suggestions: [NAPO] });
    expect(afterDelete).toEqual([NAPO]);
    expect((await store.load()).suggestions).toEqual([NAPO, EPF]);
  });

  it('says so when deleting what is already gone', async () => {
    expect(await newStore().remove('key-none-0000')).toEqual({ ok: false, reason: 'not-found', message: 'That suggestion has already been deleted' });
  });

  it('tells a watcher, as another tab’s content script would hear it, about every change', async () => {
    const store = newStore();
    const seen: Suggestion[][] = [];
    const unwatch = store.watch(({ suggestions }) => seen.push(suggestions));

    await store.save(EPF);
    await store.save(NAPO);
    await store.remove(EPF.key);
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    unwatch();

    expect(seen).toEqual([[EPF], [EPF, NAPO], [NAPO]]);
  });
});

describe('versions and migrations', () => {
  /**
   * One sample per stored version, as that version wrote it. When the
   * version is bumped, add the old shape here with what it must become.
   */
  const samples: { version: number | undefined; stored: unknown; expected: Suggestion[] }[] = [
    // Before the version mark existed: @wxt-dev/storage treats a value without meta as v1.
    { version: undefined, stored: [EPF], expected: [EPF] },
    { version: 1, stored: [EPF, OASYS_SENSE], expected: [EPF, OASYS_SENSE] },
  ];

  it.each(samples)('reads what version $version stored', async ({ version, stored, expected }) => {
    await local.set(version === undefined ? { suggestions: stored } : { suggestions: stored, suggestions$: { v: version } });

    const loaded = await newStore().load();

    expect(loaded).toEqual({ suggestions: expected, problems: [], readOnly: false });
  });

  it('runs a migration when the version is bumped, and marks the new version', async () => {
    // A made-up version 2 that renamed `sentence` to `context`, to exercise the machinery.
    await local.set({ suggestions: [{ ...EPF, sentence: 'old' }], suggestions$: { v: 1 } });
    const item = defineSuggestionsItem(2, {
      2: (old: unknown) => (old as Record<string, unknown>[]).map(({ sentence, ...rest }) => ({ ...rest, sentence: `${String(sentence)} (migrated)` })),
    });

    const loaded = await createSuggestionStore({ item, version: 2 }).load();

    expect(loaded.suggestions).toEqual([{ ...EPF, sentence: 'old (migrated)' }]);
    expect(await raw('suggestions$')).toEqual({ v: 2 });
  });

  it('keeps what a failed migration could not convert: reported, backed up, nothing lost', async () => {
    await local.set({ suggestions: [EPF, { legacy: true }], suggestions$: { v: 1 } });
    const item = defineSuggestionsItem(2, {
      2: () => {
        throw new Error('cannot convert');
      },
    });
    const store = createSuggestionStore({ item, version: 2 });

    const loaded = await store.load();
    await store.save(NAPO);

    expect(loaded.suggestions).toEqual([EPF]);
    expect(loaded.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      ': the stored suggestions could not be upgraded from format 1 to 2',
      '[1].key: is missing',
      '[1].kind: is missing',
      '[1].entry: is missing',
      '[1].createdAt: is missing',
      '[1].updatedAt: is missing',
      '[1].legacy: is not a known field',
    ]);
    expect(((await raw('suggestionsBackup')) as { value: unknown }[]).map((b) => b.value)).toEqual([[EPF, { legacy: true }]]);
    expect(await raw('suggestions')).toEqual([EPF, NAPO]);
  });

  it('leaves data from a newer version alone: shown, reported, and not changed', async () => {
    const future = [{ ...EPF, colour: 'red' }, EPF];
    await local.set({ suggestions: future, suggestions$: { v: 7 } });
    const store = newStore();

    const loaded = await store.load();
    const saved = await store.save(NAPO);
    const removed = await store.remove(EPF.key);

    expect(loaded.readOnly).toBe(true);
    expect(loaded.suggestions).toEqual([EPF]);
    expect(loaded.problems[0]!.message).toMatch(/newer version of the extension \(format 7\)/);
    expect(saved).toMatchObject({ ok: false, reason: 'newer-version' });
    expect(removed).toMatchObject({ ok: false, reason: 'newer-version' });
    expect(await raw('suggestions')).toEqual(future);
    expect(await raw('suggestions$')).toEqual({ v: 7 });
  });
});

describe('corrupt data is quarantined and reported, never dropped', () => {
  const corrupt: [string, unknown, string][] = [
    ['a string', 'EPF=Effective Proposal Framework', ': expected a list of suggestions, found a string'],
    ['an object', { epf: EPF }, ': expected a list of suggestions, found an object'],
    ['null inside the list', [EPF, null], '[1]: Invalid type: Expected Object but received null'],
    ['a hostile suggestion', [EPF, { ...NAPO, sentence: '<img src=x onerror=alert(1)>' }], '[1].sentence: the sentence contains HTML; write plain text'],
    ['a javascript: source', [EPF, { ...NAPO, entry: { ...NAPO.entry, senses: [{ ...NAPO.entry.senses[0], sources: ['javascript:alert(1)'] }] } }], '[1].entry.senses[0].sources[0]: expected an https URL'],
    ['a duplicate key', [EPF, EPF], `[1].key: "${EPF.key}" appears twice`],
  ];

  it.each(corrupt)('%s: reports it, keeps the raw value in the backup, and leaves storage as it was', async (_, value, problem) => {
    await local.set({ suggestions: value });

    const loaded = await newStore().load();

    expect(loaded.problems.map((p) => `${p.path}: ${p.message}`)).toContain(problem);
    expect(((await raw('suggestionsBackup')) as { value: unknown }[]).map((b) => b.value)).toEqual([value]);
    expect(await raw('suggestions')).toEqual(value);
  });

  it('uses the readable suggestions, and on the next change writes only those, the rest being safe in the backup', async () => {
    const value = [EPF, { broken: true }];
    await local.set({ suggestions: value });
    const store = newStore();

    expect((await store.load()).suggestions).toEqual([EPF]);
    await store.save(NAPO);

    expect(await raw('suggestions')).toEqual([EPF, NAPO]);
    expect(((await raw('suggestionsBackup')) as { value: unknown }[]).map((b) => b.value)).toEqual([value]);
  });

  it('keeps each distinct unreadable value once, and keeps a corrupt backup too', async () => {
    await local.set({ suggestions: 'one', suggestionsBackup: 'not a list' });
    await newStore().load();
    await newStore().load();
    await local.set({ suggestions: 'two' });
    await newStore().load();

    const backups = (await raw('suggestionsBackup')) as { value: unknown }[];

    expect(backups.map((b) => b.value)).toEqual(['not a list', 'one', 'two']);
  });

  it('reports a backup that cannot be written, and does NOT write over the corrupt value', async () => {
    await local.set({ suggestions: [EPF, 'corrupt'] });
    const realSet = local.set.bind(local);
    vi.spyOn(local, 'set').mockImplementation(async (items) => {
      if ('suggestionsBackup' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return realSet(items);
    });
    const store = newStore();

    const loaded = await store.load();
    const saved = await store.save(NAPO);

    expect(loaded.suggestions).toEqual([EPF]);
    expect(loaded.problems.at(-1)!.path).toBe('suggestionsBackup');
    expect(loaded.problems.at(-1)!.message).toMatch(/storage is full/i);
    expect(saved).toMatchObject({ ok: false, reason: 'full' });
    expect(await raw('suggestions')).toEqual([EPF, 'corrupt']);
  });
});

describe('a full storage quota', () => {
  const quotaErrors: [string, () => Error][] = [
    ['Chrome', () => new Error('QUOTA_BYTES quota exceeded')],
    ['Chrome, per item', () => new Error('QUOTA_BYTES_PER_ITEM quota exceeded')],
    ['Firefox', () => new DOMException('storage.local API call exceeded its quota limitations.', 'QuotaExceededError')],
  ];

  it.each(quotaErrors)('%s: saving fails with a message for the reader, and what was stored stays', async (_, makeError) => {
    const store = newStore();
    await store.save(EPF);
    vi.spyOn(local, 'set').mockRejectedValue(makeError());

    const result = await store.save(NAPO);

    expect(result).toEqual({ ok: false, reason: 'full', message: expect.stringMatching(/storage is full/i) });
    expect(await raw('suggestions')).toEqual([EPF]);
  });

  it('an import that does not fit fails the same way and writes nothing', async () => {
    const store = newStore();
    await store.save(EPF);
    const plan = await store.planImport(JSON.stringify({ entries: [NAPO.entry] }), GLOSSARY);
    vi.spyOn(local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));

    const result = await store.commitImport(plan as Extract<typeof plan, { ok: true }>, {});

    expect(result).toMatchObject({ ok: false, reason: 'full' });
    expect(await raw('suggestions')).toEqual([EPF]);
  });

  it('passes other storage errors on unchanged', async () => {
    vi.spyOn(local, 'set').mockRejectedValue(new Error('IO error: LOCK: already held by process'));

    await expect(newStore().save(EPF)).rejects.toThrow('IO error: LOCK');
  });
});

describe('two tabs or windows editing at once', () => {
  beforeEach(() => installLockManager());

  it('loses none of many suggestions saved at the same moment in one context', async () => {
    const store = newStore();
    const many = Array.from({ length: 12 }, (_, i) => makeSuggestion({ term: `TERM${i}` }));

    await Promise.all(many.map((s) => store.save(s)));

    expect(sortByKey((await store.load()).suggestions)).toEqual(sortByKey(many));
  });

  it('loses nothing when the popup and the options page (two copies of the module) write at once', async () => {
    const [popup, options] = await twoContexts(() => import('../../lib/browser/suggestions'));
    const fromPopup = Array.from({ length: 6 }, (_, i) => makeSuggestion({ term: `POP${i}` }));
    const fromOptions = Array.from({ length: 6 }, (_, i) => makeSuggestion({ term: `OPT${i}` }));

    await Promise.all([...fromPopup.map((s) => popup.suggestionStore.save(s)), ...fromOptions.map((s) => options.suggestionStore.save(s))]);

    expect(sortByKey((await newStore().load()).suggestions)).toEqual(sortByKey([...fromPopup, ...fromOptions]));
  });

  it('keeps an edit made in one tab while another deletes a different suggestion', async () => {
    await newStore().save(EPF);
    await newStore().save(NAPO);
    const [tabA, tabB] = await twoContexts(() => import('../../lib/browser/suggestions'));
    const edited = { ...EPF, sentence: 'Edited in tab A.' };

    await Promise.all([tabA.suggestionStore.save(edited), tabB.suggestionStore.remove(NAPO.key)]);

    expect((await newStore().load()).suggestions).toEqual([edited]);
  });
});

describe('drafts', () => {
  const draft = (term: string): SuggestionDraft => ({ kind: 'new', values: { ...EPF_FORM, term }, updatedAt: NOW.toISOString() });

  it('saves the draft as typed, ending with the last keystroke, in few writes', async () => {
    const save = createDraftSaver();
    const set = vi.spyOn(local, 'set');

    await Promise.all(['E', 'EP', 'EPF', 'EPF ', 'EPFs'].map((term) => save(draft(term))));

    expect((await loadDraft())?.values.term).toBe('EPFs');
    expect(set.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('survives closing: a new context reads the saved draft', async () => {
    await createDraftSaver()(draft('EPF'));
    const [later] = await twoContexts(() => import('../../lib/browser/suggestions'));

    expect(await later.loadDraft()).toEqual(draft('EPF'));
  });

  it('clears the draft', async () => {
    const save = createDraftSaver();
    await save(draft('EPF'));

    await save(null);

    expect(await loadDraft()).toBeNull();
    expect(await raw('suggestionDraft')).toBeUndefined();
  });

  it('reports a full quota while typing without throwing', async () => {
    const errors: string[] = [];
    vi.spyOn(local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));

    await createDraftSaver((message) => errors.push(message))(draft('EPF'));

    expect(errors).toEqual([expect.stringMatching(/storage is full/i)]);
  });

  it('backs up an unreadable draft and starts afresh', async () => {
    await local.set({ suggestionDraft: { kind: 'new', values: '<script>' } });

    expect(await loadDraft()).toBeNull();
    expect(((await raw('suggestionsBackup')) as { value: unknown }[]).map((b) => b.value)).toEqual([{ kind: 'new', values: '<script>' }]);
  });
});

describe('export and import through the store', () => {
  it('exports a glossary file that validates, and a backup that restores everything', async () => {
    const store = newStore();
    for (const s of [EPF, NAPO, OASYS_SENSE]) await store.save(s);

    const glossaryText = await store.exportGlossary();
    const backupText = await store.exportBackup();
    fakeBrowser.reset();
    const plan = await store.planImport(backupText, GLOSSARY);
    const result = await store.commitImport(plan as Extract<typeof plan, { ok: true }>, {});

    expect(v.safeParse(GlossaryFile, JSON.parse(glossaryText)).success).toBe(true);
    expect(result).toEqual({ ok: true, suggestions: [EPF, NAPO, OASYS_SENSE], added: 3, replaced: 0, skipped: 0 });
  });

  it.each<[string, string]>([
    ['malformed JSON', '{"entries": ['],
    ['a 10 MB file', JSON.stringify({ entries: [], pad: 'x'.repeat(10_000_000) })],
    ['HTML in a field', JSON.stringify({ entries: [{ ...NAPO.entry, headword: '<script>alert(1)</script>' }] })],
    ['a javascript: URL', JSON.stringify({ entries: [{ ...NAPO.entry, senses: [{ ...NAPO.entry.senses[0], sources: ['javascript:alert(1)'] }] }] })],
    ['a prototype-pollution key', '{"entries": [], "__proto__": {"isAdmin": true}}'],
    ['wrong types', JSON.stringify({ entries: [{ ...NAPO.entry, senses: 'none' }] })],
  ])('refuses %s and changes nothing stored', async (_, text) => {
    const store = newStore();
    await store.save(EPF);
    const before = await local.get(null);

    const plan = await store.planImport(text, GLOSSARY);

    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors.length).toBeGreaterThan(0);
    expect(await local.get(null)).toEqual(before);
  });

  it('returns duplicates before writing anything, then applies the decision', async () => {
    const store = newStore();
    await store.save(EPF);
    const theirs = { ...EPF.entry, senses: [{ ...EPF.entry.senses[0]!, definition: 'Their definition.' }] };
    const before = await local.get(null);

    const plan = await store.planImport(JSON.stringify({ entries: [theirs, NAPO.entry] }), GLOSSARY);
    const unchangedMeanwhile = await local.get(null);
    if (!plan.ok) throw new Error('expected a plan');
    const result = await store.commitImport(plan, { [plan.duplicates[0]!.incoming.key]: 'use-imported' });

    expect(plan.duplicates.map((d) => [d.existing.key, d.incoming.entry.senses[0]!.definition])).toEqual([[EPF.key, 'Their definition.']]);
    expect(unchangedMeanwhile).toEqual(before);
    expect(result).toMatchObject({ ok: true, added: 1, replaced: 1, skipped: 0 });
    const stored = (await store.load()).suggestions;
    expect(stored.map((s) => [s.key === EPF.key, s.entry.id, s.entry.senses[0]!.definition])).toEqual([
      [true, 'epf', 'Their definition.'],
      [false, 'napo', NAPO.entry.senses[0]!.definition],
    ]);
  });
});

// --- Helpers ---

function newStore() {
  return createSuggestionStore({ item: defineSuggestionsItem(), now: () => NOW, newKey: (() => {
    let n = 0;
    return () => `new-key-${String(++n).padStart(4, '0')}`;
  })() });
}

function sortByKey(list: Suggestion[]): Suggestion[] {
  return [...list].sort((a, b) => a.key.localeCompare(b.key));
}

