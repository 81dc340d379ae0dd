import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadSettings,
  setSiteEnabled,
  settingsBackupItem,
  updateSettings,
  watchSettings,
  type LoadedSettings,
} from '../../lib/browser/settings';
import {
  applyPatch,
  DEFAULT_SETTINGS,
  isActiveOn,
  isSiteDisabled,
  normaliseHost,
  parseSettings,
  withSite,
} from '../../lib/core/settings';

const stored = async () => (await fakeBrowser.storage.local.get('settings')).settings;

describe('settings in storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('reads the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('stores only what differs from the defaults, with the item’s version', async () => {
    await updateSettings({ hoverDelay: 300, theme: 'system', underline: 'solid' });

    expect(await stored()).toEqual({ hoverDelay: 300, underline: 'solid' });
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 1 });
  });

  it('drops a setting from storage when it is set back to its default', async () => {
    await updateSettings({ paused: true, trigger: 'click-or-selection' });
    await updateSettings({ paused: false });

    expect(await stored()).toEqual({ trigger: 'click-or-selection' });
  });

  it('rejects an invalid change, naming the setting, and writes nothing', async () => {
    await expect(updateSettings({ hoverDelay: -5 })).rejects.toThrow('settings.hoverDelay: expected 0 ms or more, got number -5');
    await expect(updateSettings({ underline: 'wavy' as never })).rejects.toThrow(/settings\.underline: expected one of dotted, solid, background, none/);

    expect(await stored()).toBeUndefined();
  });

  it('keeps an unreadable value in the backup, reports it, and uses the defaults for it alone', async () => {
    const bad = { hoverDelay: 'fast', theme: 'dark', paused: 'yes' };
    await fakeBrowser.storage.local.set({ settings: bad });

    const loaded = await loadSettings();

    expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(loaded.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'settings.hoverDelay: expected a number of milliseconds, got "fast"',
      'settings.paused: expected true or false, got "yes"',
    ]);
    expect((await settingsBackupItem.getValue()).map((b) => b.value)).toEqual([bad]);
    expect(await stored()).toEqual(bad);
    expect(console.warn).toHaveBeenCalled();
  });

  it('backs up an unreadable value before a change writes over it, once', async () => {
    await fakeBrowser.storage.local.set({ settings: ['not', 'an', 'object'] });

    await loadSettings();
    await updateSettings({ paused: true });

    expect((await settingsBackupItem.getValue()).map((b) => b.value)).toEqual([['not', 'an', 'object']]);
    expect(await stored()).toEqual({ paused: true });
  });

  it('keeps keys it does not know (a newer version wrote them) when writing', async () => {
    await fakeBrowser.storage.local.set({ settings: { fontScale: 1.2, paused: true } });

    const { problems } = await loadSettings();
    await updateSettings({ theme: 'light' });

    expect(problems).toEqual([]);
    expect(await stored()).toEqual({ fontScale: 1.2, paused: true, theme: 'light' });
  });

  it('tells watchers about every change, parsed', async () => {
    const seen: LoadedSettings[] = [];
    const unwatch = watchSettings((loaded) => seen.push(loaded));

    await updateSettings({ paused: true });
    await fakeBrowser.storage.local.set({ settings: { hoverDelay: 10_000 } });
    unwatch();
    await updateSettings({ paused: false });

    expect(seen.map((s) => [s.settings.paused, s.settings.hoverDelay, s.problems.length])).toEqual([
      [true, 150, 0],
      [false, 150, 1],
    ]);
  });

  it('switches a site off and back on', async () => {
    await setSiteEnabled('https://www.Example.org/page', false);
    expect((await loadSettings()).settings.disabledSites).toEqual(['example.org']);

    await setSiteEnabled('news.example.org', true);
    expect((await loadSettings()).settings.disabledSites).toEqual([]);
  });
});

describe('settings rules', () => {
  it.each([
    ['example.org', 'example.org'],
    ['https://WWW.Example.org/a?b', 'example.org'],
    ['sub.example.org.', 'sub.example.org'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['127.0.0.1:8080', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['not a host', undefined],
    ['', undefined],
    ['javascript:alert(1)', undefined],
  ])('normaliseHost(%j) → %j', (input, output) => {
    expect(normaliseHost(input)).toBe(output);
  });

  it('covers subdomains of a listed site, but NOT lookalike names', () => {
    const settings = { disabledSites: ['example.org'] };

    expect(isSiteDisabled(settings, 'example.org')).toBe(true);
    expect(isSiteDisabled(settings, 'news.example.org')).toBe(true);
    expect(isSiteDisabled(settings, 'badexample.org')).toBe(false);
    expect(isSiteDisabled(settings, 'example.org.evil.com')).toBe(false);
  });

  it('is active only when not paused and the site is not listed', () => {
    expect(isActiveOn({ paused: false, disabledSites: [] }, 'a.org')).toBe(true);
    expect(isActiveOn({ paused: true, disabledSites: [] }, 'a.org')).toBe(false);
    expect(isActiveOn({ paused: false, disabledSites: ['a.org'] }, 'www.a.org')).toBe(false);
  });

  it('switching a subdomain on removes the parent entry that covered it', () => {
    expect(withSite(['a.org', 'b.org'], 'x.a.org', true)).toEqual(['b.org']);
    expect(withSite(['b.org'], 'A.org', false)).toEqual(['a.org', 'b.org']);
    expect(withSite(['a.org'], 'x.a.org', false)).toEqual(['a.org']);
  });

  it('rejects a stored site list with something that is not a host', () => {
    const { settings, problems } = parseSettings({ disabledSites: ['ok.org', '<script>'] });

    expect(settings.disabledSites).toEqual([]);
    expect(problems[0]?.path).toBe('settings.disabledSites');
  });

  it('rejects an unknown setting in a patch', () => {
    expect(() => applyPatch({}, { colour: 'red' } as never)).toThrow('Unknown setting "colour"');
  });
});
