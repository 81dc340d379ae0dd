/**
 * The settings as a Preact hook, for the popup and the options page: reads
 * them once, follows every change (from any context), and writes patches.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { loadSettings, updateSettings, watchSettings, type Settings, type SettingsProblem } from './settings';

export interface SettingsState {
  /** Undefined until the first read finishes. */
  settings?: Settings;
  /** Stored values that could not be read (kept in the backup). */
  problems: SettingsProblem[];
  /** The last read or write error, in words. */
  error?: string;
  update: (patch: Partial<Settings>) => Promise<void>;
}

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings>();
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    let changed = false;
    const unwatch = watchSettings((loaded) => {
      changed = true;
      setSettings(loaded.settings);
      setProblems(loaded.problems);
    });
    loadSettings().then(
      (loaded) => {
        // A change that arrived meanwhile is newer than what was read.
        if (!live || changed) return;
        setSettings(loaded.settings);
        setProblems(loaded.problems);
      },
      (err: unknown) => live && setError(`Could not read the settings: ${String(err)}`),
    );
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const update = useCallback(async (patch: Partial<Settings>) => {
    try {
      setSettings(await updateSettings(patch));
      setError(undefined);
    } catch (err) {
      setError(`Could not save the settings: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, []);

  return { settings, problems, error, update };
}
