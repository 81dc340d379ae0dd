/**
 * Reading the stored settings: the part the content script needs, without
 * the storage library that settings.ts (popup, options page) writes through.
 * A stored value is validated on every read; if some of it does not parse,
 * the raw value is copied to the backup key and the problem reported, and
 * the defaults stand in for what could not be read.
 */
import { DEFAULT_SETTINGS, parseSettings, type Settings, type SettingsProblem } from '../core/settings';
import { readLocal, watchLocal, writeLocal } from './local-storage';
import { SETTINGS_BACKUP_KEY, SETTINGS_KEY } from './settings-keys';
import { writingTo } from './storage-errors';

export interface LoadedSettings {
  settings: Settings;
  /** Stored values that could not be used (they are kept in the backup). */
  problems: SettingsProblem[];
}

export interface SettingsBackup {
  /** ISO time of the first time this value was found unreadable. */
  savedAt: string;
  value: unknown;
  problems: SettingsProblem[];
}

/** The settings in a stored value, once anything unreadable in it is in the backup. */
export async function settingsFrom(raw: unknown): Promise<LoadedSettings> {
  const parsed = parseSettings(raw);
  const problems = [...parsed.problems];
  if (problems.length) {
    // Reading overwrites nothing, so a backup that fails (a full quota) is reported, not fatal.
    await keepSettingsBackup(raw, parsed.problems).catch((error: unknown) => {
      console.error('Probation Jargon: could not back up unreadable settings', error);
      problems.push({ path: 'settingsBackup', message: error instanceof Error ? error.message : String(error), value: raw });
    });
  }
  return { settings: parsed.settings, problems };
}

/** The settings in a value just stored by some context, at once; the backup of anything unreadable follows. */
export function settingsChangedTo(raw: unknown): LoadedSettings {
  const parsed = parseSettings(raw);
  if (parsed.problems.length) {
    void keepSettingsBackup(raw, parsed.problems).catch((error: unknown) =>
      console.error('Probation Jargon: could not back up settings', error),
    );
  }
  return { settings: parsed.settings, problems: parsed.problems };
}

/**
 * Applies the settings now and after every change, for contexts that live
 * as long as a page (content scripts). Returns the function that stops it.
 */
export function followSettings(apply: (loaded: LoadedSettings) => void): () => void {
  let stopped = false;
  let changed = false;
  const unwatch = watchLocal(SETTINGS_KEY, (raw) => {
    changed = true;
    if (!stopped) apply(settingsChangedTo(raw));
  });
  void readLocal(SETTINGS_KEY)
    .then(settingsFrom)
    .then(
      // A change that arrived meanwhile is newer than what was read.
      (loaded) => !stopped && !changed && apply(loaded),
      (error: unknown) => {
        console.error('Probation Jargon: could not read the settings; using the defaults', error);
        if (!stopped && !changed) apply({ settings: { ...DEFAULT_SETTINGS, disabledSites: [], hiddenCategories: [] }, problems: [] });
      },
    );
  return () => {
    stopped = true;
    unwatch();
  };
}

/**
 * Adds `raw` to the backup list, unless it is there already. Nothing is
 * ever dropped from the list; a list that is itself unreadable is kept as
 * its first entry.
 */
export async function keepSettingsBackup(raw: unknown, problems: SettingsProblem[]): Promise<void> {
  console.warn(
    'Probation Jargon: some stored settings could not be read; defaults are used for them and the stored value is kept under',
    SETTINGS_BACKUP_KEY,
    problems.map((p) => `${p.path}: ${p.message}`),
  );
  const stored = (await readLocal(SETTINGS_BACKUP_KEY)) ?? [];
  const backups: SettingsBackup[] = Array.isArray(stored)
    ? stored
    : [{ savedAt: 'unknown', value: stored, problems: [{ path: 'settingsBackup', message: 'the backup was not a list', value: stored }] }];
  const text = JSON.stringify(raw);
  if (backups.some((backup) => JSON.stringify(backup?.value) === text)) return;
  const next = [...backups, { savedAt: new Date().toISOString(), value: raw, problems }];
  await writingTo(SETTINGS_BACKUP_KEY, () => writeLocal(SETTINGS_BACKUP_KEY, next));
}
