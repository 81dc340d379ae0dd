/**
 * The reader's settings in browser storage: one typed, versioned item that
 * the background, the content scripts, the popup and the options page all
 * read, and whose changes they follow live. Content scripts read it through
 * settings-reader.ts, which needs no storage library, and leave the backup
 * of an unreadable value to the background (`backUpSettings`).
 *
 * Only what the reader changed is stored (see lib/core/settings.ts). Stored
 * data is validated on every read; if some of it does not parse, the raw
 * value is copied to a backup key and the problem reported before anything
 * is written over it.
 */
import { storage } from '@wxt-dev/storage';
import {
  applyPatch,
  DEFAULT_SETTINGS,
  parseSettings,
  withSite,
  type ParsedSettings,
  type Settings,
  type SettingsProblem,
  type StoredSettings,
} from '../core/settings';
import { SETTINGS_BACKUP_KEY, SETTINGS_KEY } from './settings-keys';
import { writingTo } from './storage-errors';
import { withStorageLock } from './storage-lock';

export type { Settings, SettingsProblem } from '../core/settings';
export { SETTINGS_BACKUP_KEY, SETTINGS_KEY };

/**
 * The stored settings, raw: `unknown` because storage may hold anything,
 * from an older version or another tool. Read it through `loadSettings`.
 */
export const settingsItem = storage.defineItem<unknown>(SETTINGS_KEY, {
  version: 1,
  // Bump `version` and add migrations[2] when the stored shape changes. Content scripts read the
  // stored value directly, without migrating (settings-reader.ts): they must still understand it.
  migrations: {},
});

export interface SettingsBackup {
  /** ISO time of the first time this value was found unreadable. */
  savedAt: string;
  value: unknown;
  problems: SettingsProblem[];
}

/** Every unreadable settings value found so far, oldest first; nothing is ever dropped from it. */
export const settingsBackupItem = storage.defineItem<SettingsBackup[]>(SETTINGS_BACKUP_KEY, { fallback: [] });

export interface LoadedSettings {
  settings: Settings;
  /** Stored values that could not be used (they are kept in the backup). */
  problems: SettingsProblem[];
}

/** Reads the settings, backing up and reporting anything stored that does not parse. */
export async function loadSettings(): Promise<LoadedSettings> {
  const raw = await settingsItem.getValue();
  const parsed = parseSettings(raw);
  const problems = [...parsed.problems];
  if (problems.length) {
    // Reading overwrites nothing, so a backup that fails (a full quota) is reported, not fatal.
    await keepBackup(raw, parsed.problems).catch((error: unknown) => {
      console.error('Probation Jargon: could not back up unreadable settings', error);
      problems.push({ path: 'settingsBackup', message: error instanceof Error ? error.message : String(error), value: raw });
    });
  }
  return { settings: parsed.settings, problems };
}

/**
 * Changes some settings. Defaults are dropped from storage; an unreadable
 * stored value is backed up first; an invalid patch throws, naming the setting.
 */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return updateWith(() => patch);
}

/** Switches highlighting on or off for one site. */
export function setSiteEnabled(host: string, on: boolean): Promise<Settings> {
  return updateWith((settings) => ({ disabledSites: withSite(settings.disabledSites, host, on) }));
}

/**
 * Calls `onChange` with the new settings whenever another context (or this
 * one) changes them. Returns the function that stops watching.
 */
export function watchSettings(onChange: (loaded: LoadedSettings) => void): () => void {
  return settingsItem.watch((raw) => {
    const parsed: ParsedSettings = parseSettings(raw);
    if (parsed.problems.length) {
      void keepBackup(raw, parsed.problems).catch((error: unknown) => console.error('Probation Jargon: could not back up settings', error));
    }
    onChange({ settings: parsed.settings, problems: parsed.problems });
  });
}

export { DEFAULT_SETTINGS };
export type { StoredSettings };

// --- Implementation helpers ---

/**
 * Reads, changes and writes the settings under a lock, so two contexts
 * changing them at once both keep their change. A full quota throws a
 * StorageFullError, whose message is for the reader.
 */
function updateWith(change: (current: Settings) => Partial<Settings>): Promise<Settings> {
  return withStorageLock(SETTINGS_KEY, async () => {
    const raw = await settingsItem.getValue();
    const parsed = parseSettings(raw);
    // Never write over an unreadable value before it is safe in the backup.
    if (parsed.problems.length) await keepBackup(raw, parsed.problems);
    const next = applyPatch(parsed.stored, change(parsed.settings));
    await writingTo(SETTINGS_KEY, () => settingsItem.setValue(next));
    return parseSettings(next).settings;
  });
}

async function keepBackup(raw: unknown, problems: SettingsProblem[]): Promise<void> {
  console.warn(
    'Probation Jargon: some stored settings could not be read; defaults are used for them and the stored value is kept under',
    SETTINGS_BACKUP_KEY,
    problems.map((p) => `${p.path}: ${p.message}`),
  );
  const stored: unknown = await settingsBackupItem.getValue();
  // A backup that is itself unreadable is kept too, as the first entry.
  const backups: SettingsBackup[] = Array.isArray(stored)
    ? stored
    : [{ savedAt: 'unknown', value: stored, problems: [{ path: 'settingsBackup', message: 'the backup was not a list', value: stored }] }];
  const text = JSON.stringify(raw);
  if (backups.some((backup) => JSON.stringify(backup?.value) === text)) return;
  const next = [...backups, { savedAt: new Date().toISOString(), value: raw, problems }];
  await writingTo(SETTINGS_BACKUP_KEY, () => settingsBackupItem.setValue(next));
}
