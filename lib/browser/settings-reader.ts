/**
 * The settings as content scripts read them: straight from storage.local
 * (local-storage.ts), without the storage library that settings.ts writes
 * through, validated by the same `parseSettings`, with the defaults standing
 * in for whatever could not be read.
 *
 * Content scripts write nothing (see storage-lock.ts for why): when the
 * stored value does not parse, they ask the background to keep it in the
 * backup, as the popup and the options page do when they read it.
 */
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, parseSettings } from '../core/settings';
import type { RuntimeMessage } from './messages';
import type { LoadedSettings } from './settings';
import { SETTINGS_BACKUP_KEY, SETTINGS_KEY } from './settings-keys';
import { followLocal, readLocal } from './local-storage';

/**
 * Applies the settings now and after every change, for contexts that live
 * as long as a page (content scripts). Returns the function that stops it.
 */
export function followSettings(apply: (loaded: LoadedSettings) => void): () => void {
  return followLocal(
    SETTINGS_KEY,
    {
      load: async () => settingsIn(await readLocal(SETTINGS_KEY)),
      read: settingsIn,
      fallback: (error) => {
        console.error('Probation Jargon: could not read the settings; using the defaults', error);
        return { settings: { ...DEFAULT_SETTINGS, disabledSites: [], hiddenCategories: [] }, problems: [] };
      },
    },
    apply,
  );
}

// --- Implementation helpers ---

/** The settings in a stored value; an unreadable one is reported, and the background asked to back it up. */
function settingsIn(raw: unknown): LoadedSettings {
  const { settings, problems } = parseSettings(raw);
  if (problems.length) {
    console.warn(
      'Probation Jargon: some stored settings could not be read; defaults are used for them and the stored value is kept under',
      SETTINGS_BACKUP_KEY,
      problems.map((p) => `${p.path}: ${p.message}`),
    );
    void browser.runtime
      .sendMessage({ type: 'backUpSettings' } satisfies RuntimeMessage)
      .catch((error: unknown) => console.error('Probation Jargon: could not back up unreadable settings', error));
  }
  return { settings, problems };
}
