/**
 * The content script reads and follows the settings straight from
 * browser.storage, without @wxt-dev/storage: under the same key the popup
 * and the options page write through it, with the same validation and the
 * same fallback to the defaults; the backup of an unreadable value is left
 * to the background, since content scripts write nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readLocal, watchLocal } from '../../lib/browser/local-storage';
import { settingsBackupItem, settingsItem, updateSettings, type LoadedSettings } from '../../lib/browser/settings';
import { followSettings } from '../../lib/browser/settings-reader';
import { DEFAULT_SETTINGS } from '../../lib/core/settings';
import { startBackground } from './contexts';

const local = fakeBrowser.storage.local;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('keys shared with @wxt-dev/storage', () => {
  it('reads what a storage item wrote, under the key the item uses in storage.local', async () => {
    await settingsItem.setValue({ theme: 'dark' });

    expect(await readLocal('local:settings')).toEqual({ theme: 'dark' });
    expect(await local.get('settings')).toEqual({ settings: { theme: 'dark' } });
  });

  it('gives null for a missing key, as the item does', async () => {
    expect(await readLocal('local:settings')).toBeNull();
    expect(await settingsItem.getValue()).toBeNull();
  });
});

describe('watchLocal', () => {
  it('reports a change of its key, as the new value; a removal as null', async () => {
    const seen: unknown[] = [];
    const stop = watchLocal('local:settings', (value) => seen.push(value));

    await local.set({ settings: { paused: true } });
    await local.remove('settings');
    stop();
    await local.set({ settings: { theme: 'dark' } });

    expect(seen).toEqual([{ paused: true }, null]);
  });

  it('does NOT report other keys, other areas, or a write of an equal value (key order aside)', async () => {
    await local.set({ settings: { paused: true, theme: 'dark' } });
    const seen: unknown[] = [];
    watchLocal('local:settings', (value) => seen.push(value));

    await local.set({ settingsBackup: [] });
    await fakeBrowser.storage.sync.set({ settings: { paused: false } });
    await local.set({ settings: { theme: 'dark', paused: true } });

    expect(seen).toEqual([]);
  });
});

describe('followSettings', () => {
  it('applies the defaults when nothing is stored, and a change from another context at once', async () => {
    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await updateSettings({ underline: 'solid', disabledSites: ['example.org'] });

    expect(seen).toEqual([
      { settings: DEFAULT_SETTINGS, problems: [] },
      { settings: { ...DEFAULT_SETTINGS, underline: 'solid', disabledSites: ['example.org'] }, problems: [] },
    ]);
  });

  it('falls back to the default for each unreadable setting alone, warns, and writes nothing itself', async () => {
    const bad = { hoverDelay: 'fast', theme: 'dark', paused: 'yes' };
    await local.set({ settings: bad });
    const set = vi.spyOn(local, 'set');
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ kept: true });

    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen[0]!.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(seen[0]!.problems.map((p) => p.path)).toEqual(['settings.hoverDelay', 'settings.paused']);
    expect(send.mock.calls).toEqual([[{ type: 'backUpSettings' }]]);
    expect(set).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalled();
  });

  it('the background keeps the unreadable value in the backup when asked', async () => {
    const restore = await startBackground();
    const bad = { hoverDelay: 'fast', theme: 'dark' };
    await local.set({ settings: bad });

    follow();

    await vi.waitFor(async () => expect((await settingsBackupItem.getValue()).map((b) => b.value)).toEqual([bad]));
    expect(await readLocal('local:settings')).toEqual(bad);
    restore();
  });

  it('still applies the settings, and says why, when the background cannot be reached', async () => {
    await local.set({ settings: { paused: 'yes', theme: 'dark' } });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));

    const seen = follow();
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledTimes(1));

    expect(seen.map((l) => l.settings)).toEqual([{ ...DEFAULT_SETTINGS, theme: 'dark' }]);
    expect(console.error).toHaveBeenCalledWith('Probation Jargon: could not back up unreadable settings', expect.any(Error));
  });

  it.each([
    ['a string', 'paused=true'],
    ['an array', [{ paused: true }]],
    ['a number', 42],
  ])('uses the defaults when the whole stored value is %s', async (_, value) => {
    await local.set({ settings: value });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ kept: true });

    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen[0]!.settings).toEqual(DEFAULT_SETTINGS);
    expect(seen[0]!.problems.map((p) => p.path)).toEqual(['settings']);
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'backUpSettings' });
  });

  it('falls back to the defaults when a change stores something unreadable, and asks for a backup', async () => {
    const restore = await startBackground();
    await local.set({ settings: { theme: 'dark' } });
    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await local.set({ settings: { theme: 'sepia' } });

    expect(seen.map((l) => l.settings.theme)).toEqual(['dark', 'system']);
    await vi.waitFor(async () => expect((await settingsBackupItem.getValue()).map((b) => b.value)).toEqual([{ theme: 'sepia' }]));
    restore();
  });

  it('applies the defaults, and says so, when storage cannot be read', async () => {
    vi.spyOn(local, 'get').mockRejectedValue(new Error('storage is unavailable'));

    const seen = follow();
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    expect(seen).toEqual([{ settings: DEFAULT_SETTINGS, problems: [] }]);
    expect(console.error).toHaveBeenCalledWith('Probation Jargon: could not read the settings; using the defaults', expect.any(Error));
  });

  it('a change that arrives while the first read is under way wins over that read', async () => {
    await local.set({ settings: { theme: 'dark' } });
    let release!: () => void;
    const realGet = local.get.bind(local);
    vi.spyOn(local, 'get').mockImplementationOnce(async (keys) => {
      const value = await realGet(keys);
      await new Promise<void>((resolve) => (release = resolve));
      return value;
    });

    const seen = follow();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await local.set({ settings: { theme: 'light' } });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(seen.map((l) => l.settings.theme)).toEqual(['light']);
  });

  it('applies nothing once stopped', async () => {
    const seen: LoadedSettings[] = [];
    const stop = followSettings((loaded) => seen.push(loaded));
    stop();

    await local.set({ settings: { theme: 'dark' } });
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(seen).toEqual([]);
  });
});

// --- Helpers ---

function follow(): LoadedSettings[] {
  const seen: LoadedSettings[] = [];
  followSettings((loaded) => seen.push(loaded));
  return seen;
}
