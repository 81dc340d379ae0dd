/**
 * Storage faults, with WXT's fake browser: data from an older (or newer)
 * version, corrupt data, a full quota, and two contexts writing at once.
 * Covers the settings store; the suggestions and personal-entries store gets
 * the same cases when it lands.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installLockManager, twoContexts } from './contexts';
import * as settingsModule from '../../lib/browser/settings';
import { StorageFullError } from '../../lib/browser/storage-errors';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/settings';

const { loadSettings, setSiteEnabled, settingsBackupItem, settingsItem, updateSettings } = settingsModule;

const local = fakeBrowser.storage.local;
const raw = async (key: string) => (await local.get(key))[key];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('settings written by another version', () => {
  /**
   * One sample per stored version, as that version wrote it. When the
   * settings item's version is bumped, add the old shape here with the
   * settings it must migrate to.
   */
  const samples: { version: number | undefined; stored: unknown; expected: Partial<Settings> }[] = [
    // Before the version mark existed: @wxt-dev/storage treats a value without meta as v1.
    { version: undefined, stored: { paused: true, hoverDelay: 400 }, expected: { paused: true, hoverDelay: 400 } },
    { version: 1, stored: { underline: 'solid', disabledSites: ['example.org'] }, expected: { underline: 'solid', disabledSites: ['example.org'] } },
  ];

  it.each(samples)('migrates what version $version stored to settings this version reads', async ({ version, stored, expected }) => {
    await local.set(version === undefined ? { settings: stored } : { settings: stored, settings$: { v: version } });

    await settingsItem.migrate();
    const loaded = await loadSettings();

    expect(loaded).toEqual({ settings: { ...DEFAULT_SETTINGS, ...expected }, problems: [] });
  });

  it('keeps settings a newer version wrote (a downgrade): reads what it knows, drops nothing, leaves the version mark', async () => {
    await local.set({ settings: { paused: true, fontScale: 1.5 }, settings$: { v: 7 } });

    await expect(settingsItem.migrate()).rejects.toThrow(/downgrade/);
    const loaded = await loadSettings();
    await updateSettings({ theme: 'dark' });

    expect(loaded.settings.paused).toBe(true);
    expect(await raw('settings')).toEqual({ paused: true, fontScale: 1.5, theme: 'dark' });
    expect(await raw('settings$')).toEqual({ v: 7 });
  });
});

describe('corrupt settings are quarantined and reported, never dropped', () => {
  const corrupt: [string, unknown][] = [
    ['a string', 'paused=true'],
    ['a number', 42],
    ['an array', [{ paused: true }]],
    ['wrong types in every field', { disabledSites: 'example.org', paused: 'yes', underline: 3, hoverDelay: '150', trigger: null, theme: ['dark'], hiddenCategories: {} }],
    ['out-of-range values', { hoverDelay: 1e308, underline: 'blink', disabledSites: ['<img src=x onerror=alert(1)>'] }],
    ['a huge site list', { disabledSites: Array.from({ length: 6000 }, (_, i) => `site${i}.example.org`) }],
  ];

  it.each(corrupt)('%s: reports it, keeps the raw value in the backup, and writes nothing over it until backed up', async (_, value) => {
    await local.set({ settings: value });

    const loaded = await loadSettings();
    const backups = await settingsBackupItem.getValue();

    expect(loaded.problems.length).toBeGreaterThan(0);
    for (const problem of loaded.problems) expect(problem.path).toMatch(/^settings(\.\w+)?$/);
    expect(backups.map((b) => b.value)).toEqual([value]);
    expect(await raw('settings')).toEqual(value);
    // Every setting that could not be read falls back to its default; the extension keeps working.
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const bad = loaded.problems.some((p) => p.path === `settings.${key}` || p.path === 'settings');
      if (bad) expect(loaded.settings[key]).toEqual(DEFAULT_SETTINGS[key]);
    }
  });

  it('a "__proto__" key is kept as data, not taken as the stored object’s prototype', async () => {
    const value = JSON.parse('{"__proto__": {"paused": true}, "theme": "dark"}') as object;
    await local.set({ settings: value });

    const loaded = await loadSettings();
    await updateSettings({ underline: 'solid' });

    expect(loaded.settings.paused).toBe(false);
    expect(Object.keys((await raw('settings')) as object).sort()).toEqual(['__proto__', 'theme', 'underline']);
  });

  it('still reads the settings when the backup itself is corrupt, and does not drop that backup', async () => {
    await local.set({ settings: { paused: 'yes' }, settingsBackup: 'not a list' });

    const loaded = await loadSettings();

    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problems.map((p) => p.path)).toContain('settings.paused');
    const backup = await raw('settingsBackup');
    expect(JSON.stringify(backup)).toContain('not a list');
    expect(JSON.stringify(backup)).toContain('"paused":"yes"');
  });

  it('keeps every distinct unreadable value, oldest first', async () => {
    await local.set({ settings: { paused: 'yes' } });
    await loadSettings();
    await local.set({ settings: { paused: 'no' } });
    await loadSettings();
    await loadSettings();

    expect((await settingsBackupItem.getValue()).map((b) => b.value)).toEqual([{ paused: 'yes' }, { paused: 'no' }]);
  });
});

describe('a full storage quota', () => {
  const quotaErrors: [string, () => Error][] = [
    ['Chrome', () => new Error('QUOTA_BYTES quota exceeded')],
    ['Chromium 14x', () => new Error('Resource::kQuotaBytes quota exceeded')],
    ['Chrome, per item', () => new Error('QUOTA_BYTES_PER_ITEM quota exceeded')],
    ['Firefox', () => new DOMException('storage.local API call exceeded its quota limitations.', 'QuotaExceededError')],
  ];

  it.each(quotaErrors)('%s: a change fails with a message for the reader, and what was stored stays', async (_, makeError) => {
    await updateSettings({ paused: true });
    vi.spyOn(local, 'set').mockRejectedValue(makeError());

    const attempt = updateSettings({ theme: 'dark' });

    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow(/storage is full/i);
    expect(await raw('settings')).toEqual({ paused: true });
  });

  it('loading still gives the settings when the backup of a corrupt value cannot be written, and reports that', async () => {
    await local.set({ settings: { paused: 'yes', theme: 'dark' } });
    vi.spyOn(local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));

    const loaded = await loadSettings();

    expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(loaded.problems.map((p) => p.path)).toEqual(['settings.paused', 'settingsBackup']);
    expect(loaded.problems[1]!.message).toMatch(/storage is full/i);
  });

  it('does NOT write over a corrupt value whose backup failed', async () => {
    await local.set({ settings: ['corrupt'] });
    const realSet = local.set.bind(local);
    vi.spyOn(local, 'set').mockImplementation(async (items) => {
      if ('settingsBackup' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return realSet(items);
    });

    await expect(updateSettings({ paused: true })).rejects.toBeInstanceOf(StorageFullError);

    expect(await raw('settings')).toEqual(['corrupt']);
  });

  it('passes other storage errors on unchanged', async () => {
    vi.spyOn(local, 'set').mockRejectedValue(new Error('IO error: LOCK: already held by process'));

    await expect(updateSettings({ paused: true })).rejects.toThrow('IO error: LOCK');
    await expect(updateSettings({ paused: true })).rejects.not.toBeInstanceOf(StorageFullError);
  });
});

describe('two tabs or windows editing at once', () => {
  beforeEach(() => installLockManager());
  afterEach(() => uninstallLockManager());

  it('loses neither of two changes made at the same moment in one context', async () => {
    await Promise.all([updateSettings({ paused: true }), updateSettings({ theme: 'dark' }), updateSettings({ hoverDelay: 500 })]);

    expect(await raw('settings')).toEqual({ paused: true, theme: 'dark', hoverDelay: 500 });
  });

  it('orders its own writes even where Web Locks are missing', async () => {
    uninstallLockManager();

    await Promise.all([updateSettings({ paused: true }), setSiteEnabled('a.org', false), updateSettings({ theme: 'dark' })]);

    expect(await raw('settings')).toEqual({ paused: true, disabledSites: ['a.org'], theme: 'dark' });
  });

  it('does NOT use the page’s lock manager from a content script, where the page could see or hold the lock', async () => {
    const request = vi.fn();
    vi.stubGlobal('location', { protocol: 'https:' });
    vi.stubGlobal('navigator', { locks: { request } });

    await updateSettings({ paused: true });

    expect(request).not.toHaveBeenCalled();
    expect(await raw('settings')).toEqual({ paused: true });
  });

  it('loses neither change when two contexts (popup and options page) write at once', async () => {
    const [popup, options] = await twoContexts(() => import('../../lib/browser/settings'));

    await Promise.all([popup.updateSettings({ paused: true }), options.updateSettings({ underline: 'solid' })]);

    expect(await raw('settings')).toEqual({ paused: true, underline: 'solid' });
  });

  it('keeps both sites when two tabs switch different sites off at once', async () => {
    const [tabA, tabB] = await twoContexts(() => import('../../lib/browser/settings'));

    await Promise.all([tabA.setSiteEnabled('a.example.org', false), tabB.setSiteEnabled('b.example.org', false), setSiteEnabled('c.example.org', false)]);

    expect((await loadSettings()).settings.disabledSites).toEqual(['a.example.org', 'b.example.org', 'c.example.org']);
  });

  it('tells a watcher in the other context the final state', async () => {
    const [tabA, tabB] = await twoContexts(() => import('../../lib/browser/settings'));
    const seen: Settings[] = [];
    const unwatch = tabB.watchSettings(({ settings }) => seen.push(settings));

    await Promise.all([tabA.updateSettings({ paused: true }), tabA.updateSettings({ theme: 'light' })]);
    unwatch();

    expect(seen.at(-1)).toEqual({ ...DEFAULT_SETTINGS, paused: true, theme: 'light' });
  });
});

// --- Implementation helpers ---

function uninstallLockManager(): void {
  vi.unstubAllGlobals();
}
