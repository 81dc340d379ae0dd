/**
 * The suggestions and the draft as Preact hooks, for the options page and the
 * popup: read once, follow every change from any context.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SuggestionDraft } from '../core/suggestion-schema';
import { followPersonalEntries, type PersonalEntries } from './personal-entries';
import { createDraftSaver, loadDraft, suggestionStore, type LoadedSuggestions, type SuggestionStore } from './suggestions';

export interface SuggestionsState extends LoadedSuggestions {
  /** False until the first read finishes. */
  loaded: boolean;
  /** A read error, in words. */
  error?: string;
}

export function useSuggestions(store: SuggestionStore = suggestionStore): SuggestionsState {
  const [state, setState] = useState<SuggestionsState>({ suggestions: [], problems: [], readOnly: false, loaded: false });

  useEffect(() => {
    let live = true;
    let changed = false;
    const unwatch = store.watch((loaded) => {
      changed = true;
      // A change keeps the problems reported by the first read: they are still in the backup.
      if (live) setState((old) => ({ ...loaded, problems: loaded.problems.length ? loaded.problems : old.problems, loaded: true }));
    });
    store.load().then(
      // A change that arrived meanwhile is newer than what was read.
      (loaded) => live && !changed && setState({ ...loaded, loaded: true }),
      (err: unknown) => live && setState((old) => ({ ...old, loaded: true, error: `Could not read your suggestions: ${String(err)}` })),
    );
    return () => {
      live = false;
      unwatch();
    };
  }, [store]);

  return state;
}

export interface DraftState {
  /** Undefined while loading; null when there is none. */
  draft: SuggestionDraft | null | undefined;
  /** Saves as typed (latest value wins); null clears it. */
  save: (draft: SuggestionDraft | null) => void;
  /** The last save error, in words (a full quota, say). */
  error?: string;
}

export function useSuggestionDraft(): DraftState {
  const [draft, setDraft] = useState<SuggestionDraft | null>();
  const [error, setError] = useState<string>();
  const [saver] = useState(() => createDraftSaver(setError));

  useEffect(() => {
    let live = true;
    loadDraft().then(
      (found) => live && setDraft(found),
      (err: unknown) => {
        console.error('Probation Jargon: could not read the draft', err);
        if (live) setDraft(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return {
    draft,
    error,
    save: (next) => {
      setError(undefined);
      void saver(next);
    },
  };
}

/**
 * The reader's personal entries for pages that only read them (the popup's
 * search and browsing): none until read, then every change from any context.
 */
export function usePersonalEntries(): PersonalEntries {
  const [personal, setPersonal] = useState<PersonalEntries>(NO_PERSONAL_ENTRIES);
  useEffect(() => followPersonalEntries(setPersonal), []);
  return personal;
}

const NO_PERSONAL_ENTRIES: PersonalEntries = { entries: [], ownIds: new Set(), suggestions: [] };
