/**
 * Personal entries for contexts that only read them: content scripts in every
 * tab, the popup's search. Reads and watches the stored suggestions without
 * defining the versioned item (and without a storage library: see
 * local-storage.ts), so that no tab runs migrations or writes; unreadable
 * suggestions are skipped here (the options page reports and backs them up).
 *
 * Content scripts do not validate suggestions themselves: the schema and
 * valibot would be a large part of what each frame of each tab loads. They
 * watch the stored suggestions and, when there are any, ask the background
 * for the valid entries (`followPersonalEntriesFromBackground`).
 */
import { browser } from 'wxt/browser';
import type { Entry } from '../core/glossary-schema';
import { parseSuggestion, type Suggestion } from '../core/suggestion-schema';
import { followLocal, readLocal, watchLocal } from './local-storage';
import type { RuntimeMessage } from './messages';
import { SUGGESTIONS_KEY } from './suggestion-keys';

export interface PersonalEntries {
  /** The entries of the reader's suggestions; an id shared with a bundled entry replaces it. */
  entries: Entry[];
  /** Ids to mark as the reader's own on cards and in search results. */
  ownIds: Set<string>;
  suggestions: Suggestion[];
}

/** Reads the personal entries once. */
export async function loadPersonalEntries(): Promise<PersonalEntries> {
  return toPersonal(await readLocal(SUGGESTIONS_KEY));
}

/**
 * Applies the personal entries now and after every change from any context
 * (a suggestion saved in the options page reaches every open tab). Returns the
 * function that stops it; tie it to the content script's lifetime.
 */
export function followPersonalEntries(apply: (personal: PersonalEntries) => void): () => void {
  return followLocal(
    SUGGESTIONS_KEY,
    {
      load: loadPersonalEntries,
      read: toPersonal,
      fallback: (error) => void console.error('Probation Jargon: could not read your personal entries', error),
    },
    apply,
  );
}

/**
 * `followPersonalEntries` for content scripts: the same entries, validated
 * by the background. With no suggestions stored (most readers) nothing is
 * asked. An answer overtaken by a newer change is dropped. Returns the
 * function that stops it.
 */
export function followPersonalEntriesFromBackground(
  apply: (personal: Pick<PersonalEntries, 'entries'>) => void,
): () => void {
  let stopped = false;
  let changed = false;
  let latest = 0;
  const update = (raw: unknown) => {
    const asked = ++latest;
    const entries = Array.isArray(raw) && raw.length ? askBackground() : Promise.resolve([]);
    entries.then(
      (valid) => !stopped && asked === latest && apply({ entries: valid }),
      (error: unknown) => console.error('Probation Jargon: could not read your personal entries', error),
    );
  };
  const unwatch = watchLocal(SUGGESTIONS_KEY, (raw) => {
    changed = true;
    if (!stopped) update(raw);
  });
  readLocal(SUGGESTIONS_KEY).then(
    // A change that arrived meanwhile is newer than what was read.
    (raw) => !stopped && !changed && update(raw),
    (error: unknown) => console.error('Probation Jargon: could not read your personal entries', error),
  );
  return () => {
    stopped = true;
    unwatch();
  };
}

// --- Implementation helpers ---

async function askBackground(): Promise<Entry[]> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'personalEntries' } satisfies RuntimeMessage);
  if (!Array.isArray(reply))
    throw new Error(`the background answered ${reply === null ? 'null' : typeof reply}, not a list of entries`);
  return reply as Entry[];
}

function toPersonal(raw: unknown): PersonalEntries {
  const suggestions = Array.isArray(raw)
    ? raw.flatMap((value) => {
        const parsed = parseSuggestion(value);
        return 'suggestion' in parsed ? [parsed.suggestion] : [];
      })
    : [];
  return { suggestions, entries: suggestions.map((s) => s.entry), ownIds: new Set(suggestions.map((s) => s.entry.id)) };
}
