/**
 * The reader's suggestions and personal entries in browser.storage.local:
 * one versioned item holding a list, a backup item for anything unreadable,
 * and a draft item for the form as typed.
 *
 * - Validated on every read. Unreadable stored data is copied to
 *   `suggestionsBackup` and reported; the readable suggestions are used. The
 *   stored value is only ever written over once it is safe in the backup.
 * - Every change re-reads and writes under one lock (`withStorageLock`), so
 *   two pages changing suggestions at once both keep their change. Content
 *   scripts read and watch; they should ask the background to write.
 * - A full quota comes back as `{ ok: false, reason: 'full' }` with a message
 *   for the reader; nothing is half-written.
 * - Data from a newer version of the extension is left alone: it is
 *   reported, and changes are refused until the extension is updated.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import type { CompiledGlossary } from '../core/matcher';
import {
  exportBackupJson,
  exportGlossaryJson,
  mergeImport,
  planImport,
  type ImportPlan,
  type MergeDecision,
} from '../core/suggestion-io';
import { parseSuggestion, SuggestionDraft, type Suggestion, type SuggestionProblem } from '../core/suggestion-schema';
import { StorageFullError, writingTo } from './storage-errors';
import { SUGGESTION_DRAFT_KEY, SUGGESTIONS_BACKUP_KEY, SUGGESTIONS_KEY } from './suggestion-keys';
import { withStorageLock } from './storage-lock';
import * as v from 'valibot';

export { SUGGESTION_DRAFT_KEY, SUGGESTIONS_BACKUP_KEY, SUGGESTIONS_KEY };

/** Bump it and add `SUGGESTION_MIGRATIONS[n]` when the stored shape changes. */
export const SUGGESTIONS_VERSION = 1;
export const SUGGESTION_MIGRATIONS: Record<number, (old: unknown) => unknown> = {};

type RawItem = WxtStorageItem<unknown, { v?: number }>;

/** Defines the stored list, raw (`unknown`: storage may hold anything). Tests define other versions. */
export function defineSuggestionsItem(
  version = SUGGESTIONS_VERSION,
  migrations: Record<number, (old: unknown) => unknown> = SUGGESTION_MIGRATIONS,
): RawItem {
  return storage.defineItem<unknown, { v?: number }>(SUGGESTIONS_KEY, { fallback: [], version, migrations });
}

export interface SuggestionsBackup {
  /** When this value was first found unreadable. */
  savedAt: string;
  value: unknown;
  problems: SuggestionProblem[];
}

/** Every unreadable value found so far, oldest first; nothing is dropped from it. */
export const suggestionsBackupItem = storage.defineItem<unknown>(SUGGESTIONS_BACKUP_KEY, { fallback: [] });

/** The form as typed; survives the popup closing. */
export const suggestionDraftItem = storage.defineItem<unknown>(SUGGESTION_DRAFT_KEY, { version: 1, migrations: {} });

export interface LoadedSuggestions {
  suggestions: Suggestion[];
  /** Stored data that could not be used; it is kept in the backup. */
  problems: SuggestionProblem[];
  /** Stored by a newer version of the extension: shown, but not changed. */
  readOnly: boolean;
}

export type Failure =
  | { ok: false; reason: 'invalid'; message: string; problems: SuggestionProblem[] }
  | { ok: false; reason: 'duplicate'; message: string; existing: Suggestion }
  | { ok: false; reason: 'full' | 'newer-version' | 'not-found'; message: string };

export type SaveResult = { ok: true; suggestions: Suggestion[] } | Failure;
export type RemoveResult = { ok: true; removed: Suggestion; suggestions: Suggestion[] } | Failure;
export type ImportResult = { ok: true; suggestions: Suggestion[]; added: number; replaced: number; skipped: number } | Failure;

export interface SuggestionStore {
  load(): Promise<LoadedSuggestions>;
  /** Adds a suggestion, or replaces the one with the same key. */
  save(suggestion: Suggestion): Promise<SaveResult>;
  /** Removes a suggestion and returns it, so that Undo can `save` it again. */
  remove(key: string): Promise<RemoveResult>;
  /** Calls `onChange` after every change from any context; returns the function that stops it. */
  watch(onChange: (loaded: LoadedSuggestions) => void): () => void;
  /** Every entry as a glossary file (JSON text), ready for a pull request. */
  exportGlossary(): Promise<string>;
  /** Everything, with pages, sentences and dates, as JSON text. */
  exportBackup(): Promise<string>;
  /** Reads an import file; writes nothing. */
  planImport(text: string, glossary: CompiledGlossary): Promise<ImportPlan>;
  /** Writes a planned import; duplicates follow `decisions` (default: keep what is stored). */
  commitImport(plan: Extract<ImportPlan, { ok: true }>, decisions: Readonly<Record<string, MergeDecision>>): Promise<ImportResult>;
  /** What was ever found unreadable. */
  backups(): Promise<SuggestionsBackup[]>;
}

export interface StoreOptions {
  item?: RawItem;
  version?: number;
  now?: () => Date;
  newKey?: () => string;
}

export function createSuggestionStore({
  item = defineSuggestionsItem(),
  version = SUGGESTIONS_VERSION,
  now = () => new Date(),
  newKey = () => crypto.randomUUID(),
}: StoreOptions = {}): SuggestionStore {
  const read = async (): Promise<{ raw: unknown; loaded: LoadedSuggestions }> => {
    const [raw, meta] = await Promise.all([item.getValue(), item.getMeta()]);
    return { raw, loaded: parseStored(raw, meta.v ?? undefined, version) };
  };

  /** Re-reads under the lock, backs up anything unreadable, applies `change` and writes. */
  const change = <T extends { suggestions: Suggestion[] }>(
    apply: (current: Suggestion[]) => ({ ok: true } & T) | Failure,
  ): Promise<({ ok: true } & T) | Failure> =>
    withStorageLock(SUGGESTIONS_KEY, async () => {
      const { raw, loaded } = await read();
      if (loaded.readOnly) return newerVersion();
      const outcome = apply(loaded.suggestions);
      if (!outcome.ok) return outcome;
      try {
        // Never write over an unreadable value before it is safe in the backup.
        if (loaded.problems.length) await keepBackup(raw, loaded.problems, now());
        await writingTo(SUGGESTIONS_KEY, () => item.setValue(outcome.suggestions));
      } catch (error) {
        if (error instanceof StorageFullError) return { ok: false, reason: 'full', message: error.message };
        throw error;
      }
      return outcome;
    });

  return {
    async load() {
      const { raw, loaded } = await read();
      if (loaded.problems.length && !loaded.readOnly) {
        // Reading overwrites nothing, so a failed backup is reported, not fatal.
        await keepBackup(raw, loaded.problems, now()).catch((error: unknown) => {
          console.error('Probation Jargon: could not back up unreadable suggestions', error);
          loaded.problems.push({ path: 'suggestionsBackup', message: `could not keep a backup: ${describe(error)}` });
        });
      }
      return loaded;
    },

    save(suggestion) {
      return change((current) => {
        const parsed = parseSuggestion(suggestion);
        if ('problems' in parsed) {
          return { ok: false, reason: 'invalid', message: 'The suggestion is not valid', problems: parsed.problems };
        }
        const clash = current.find((s) => s.key !== suggestion.key && s.entry.id === suggestion.entry.id);
        if (clash) {
          return { ok: false, reason: 'duplicate', message: `You already have an entry “${clash.entry.headword}” (${clash.entry.id})`, existing: clash };
        }
        const at = current.findIndex((s) => s.key === suggestion.key);
        const suggestions = at < 0 ? [...current, parsed.suggestion] : current.map((s, i) => (i === at ? parsed.suggestion : s));
        return { ok: true, suggestions };
      });
    },

    remove(key) {
      return change<{ suggestions: Suggestion[]; removed: Suggestion }>((current) => {
        const removed = current.find((s) => s.key === key);
        if (!removed) return { ok: false, reason: 'not-found', message: 'That suggestion has already been deleted' };
        return { ok: true, removed, suggestions: current.filter((s) => s.key !== key) };
      });
    },

    watch(onChange) {
      return item.watch((raw) => {
        // Metadata may lag the value in a migration; the next load reports a newer version.
        void item.getMeta().then(
          (meta) => onChange(parseStored(raw, meta.v ?? undefined, version)),
          () => onChange(parseStored(raw, undefined, version)),
        );
      });
    },

    async exportGlossary() {
      return exportGlossaryJson((await read()).loaded.suggestions);
    },

    async exportBackup() {
      return exportBackupJson((await read()).loaded.suggestions, now());
    },

    async planImport(text, glossary) {
      const { loaded } = await read();
      return planImport(text, { existing: loaded.suggestions, glossary, now: now(), newKey });
    },

    commitImport(plan, decisions) {
      return change((current) => ({ ok: true, ...mergeImport(current, plan, decisions) }));
    },

    async backups() {
      const stored = await suggestionsBackupItem.getValue();
      return Array.isArray(stored) ? (stored as SuggestionsBackup[]) : [];
    },
  };
}

/** The store every extension page uses. */
export const suggestionStore: SuggestionStore = createSuggestionStore();

// --- Drafts ---

/** The saved draft, or null; an unreadable draft is backed up and reported as null. */
export async function loadDraft(): Promise<SuggestionDraft | null> {
  const raw = await suggestionDraftItem.getValue();
  if (raw == null) return null;
  const result = v.safeParse(SuggestionDraft, raw);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => ({ path: `draft.${v.getDotPath(issue) ?? ''}`, message: issue.message }));
  console.warn('Probation Jargon: the saved draft could not be read; it is kept under', SUGGESTIONS_BACKUP_KEY);
  await keepBackup(raw, problems, new Date()).catch((error: unknown) => console.error('Probation Jargon: could not back up the draft', error));
  return null;
}

/**
 * Returns a function that saves the draft as it is typed: one write at a
 * time, and only the latest value once a write finishes, so fast typing
 * costs few writes and the last keystroke is never lost.
 */
export function createDraftSaver(onError: (message: string) => void = (m) => console.error(m)): (draft: SuggestionDraft | null) => Promise<void> {
  let pending: { draft: SuggestionDraft | null } | undefined;
  let running: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    while (pending) {
      const { draft } = pending;
      pending = undefined;
      try {
        if (draft) await writingTo(SUGGESTION_DRAFT_KEY, () => suggestionDraftItem.setValue(draft));
        else await suggestionDraftItem.removeValue();
      } catch (error) {
        onError(error instanceof StorageFullError ? error.message : `Could not save the draft: ${describe(error)}`);
      }
    }
    running = undefined;
  };
  return (draft) => {
    pending = { draft };
    running ??= run();
    return running;
  };
}

// --- Implementation helpers ---

function parseStored(raw: unknown, storedVersion: number | undefined, version: number): LoadedSuggestions {
  if (storedVersion !== undefined && storedVersion > version) {
    return {
      suggestions: validOnly(raw),
      problems: [
        {
          path: '',
          message: `your suggestions were saved by a newer version of the extension (format ${storedVersion}); they are kept unchanged, and cannot be changed until you update`,
        },
      ],
      readOnly: true,
    };
  }
  if (!Array.isArray(raw)) {
    return { suggestions: [], problems: [{ path: '', message: `expected a list of suggestions, found ${typeName(raw)}` }], readOnly: false };
  }
  const suggestions: Suggestion[] = [];
  const problems: SuggestionProblem[] = [];
  if (storedVersion !== undefined && storedVersion < version) {
    problems.push({ path: '', message: `the stored suggestions could not be upgraded from format ${storedVersion} to ${version}` });
  }
  const keys = new Set<string>();
  raw.forEach((value, i) => {
    const parsed = parseSuggestion(value);
    if ('problems' in parsed) {
      for (const problem of parsed.problems) problems.push({ path: `[${i}]${problem.path ? `.${problem.path}` : ''}`, message: problem.message });
    } else if (keys.has(parsed.suggestion.key)) {
      problems.push({ path: `[${i}].key`, message: `"${parsed.suggestion.key}" appears twice` });
    } else {
      keys.add(parsed.suggestion.key);
      suggestions.push(parsed.suggestion);
    }
  });
  return { suggestions, problems, readOnly: false };
}

function validOnly(raw: unknown): Suggestion[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value) => {
    const parsed = parseSuggestion(value);
    return 'suggestion' in parsed ? [parsed.suggestion] : [];
  });
}

async function keepBackup(raw: unknown, problems: SuggestionProblem[], at: Date): Promise<void> {
  console.warn(
    'Probation Jargon: some stored suggestions could not be read; they are kept under',
    SUGGESTIONS_BACKUP_KEY,
    problems.map((p) => `${p.path}: ${p.message}`),
  );
  await withStorageLock(SUGGESTIONS_BACKUP_KEY, async () => {
    const stored = await suggestionsBackupItem.getValue();
    // A backup that is itself unreadable is kept too, as the first record.
    const backups: SuggestionsBackup[] = Array.isArray(stored)
      ? (stored as SuggestionsBackup[])
      : [{ savedAt: 'unknown', value: stored, problems: [{ path: 'suggestionsBackup', message: 'the backup was not a list' }] }];
    const text = JSON.stringify(raw);
    if (backups.some((backup) => JSON.stringify(backup?.value) === text)) return;
    const next = [...backups, { savedAt: at.toISOString(), value: raw, problems }];
    await writingTo(SUGGESTIONS_BACKUP_KEY, () => suggestionsBackupItem.setValue(next));
  });
}

function newerVersion(): Failure {
  return {
    ok: false,
    reason: 'newer-version',
    message: 'Your suggestions were saved by a newer version of the extension. Update the extension to change them.',
  };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
