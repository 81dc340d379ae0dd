/**
 * The reader's settings as plain data: their shape, defaults, validation and
 * the site rules. Storage lives in lib/browser/settings.ts; this part has no
 * browser in it, so every rule is tested in Node.
 *
 * Only what the reader changed is stored, so a new default reaches everyone
 * who kept the old one.
 */
import * as v from 'valibot';
import { CATEGORIES } from './glossary-schema';

export const UNDERLINE_STYLES = ['dotted', 'solid', 'background', 'none'] as const;
export type UnderlineStyle = (typeof UNDERLINE_STYLES)[number];

/** `click-or-selection`: the card opens on a click on a term, a text selection or the keyboard command only. */
export const TRIGGERS = ['hover', 'click-or-selection'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const MAX_HOVER_DELAY = 2000;
const MAX_SITES = 5000;

export interface Settings {
  /** Hostnames where nothing is highlighted; a listed host covers its subdomains. */
  disabledSites: string[];
  /** Highlighting is off everywhere. */
  paused: boolean;
  underline: UnderlineStyle;
  /** Milliseconds the pointer rests on a term before the card opens. */
  hoverDelay: number;
  trigger: Trigger;
  theme: Theme;
  /**
   * Categories the reader turned off. Stored as those hidden, not those
   * shown, so a category added to the glossary later is shown by default.
   */
  hiddenCategories: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  disabledSites: [],
  paused: false,
  underline: 'dotted',
  hoverDelay: 150,
  trigger: 'hover',
  theme: 'system',
  hiddenCategories: [],
});

/** One schema per setting, so that one bad value does not cost the others. */
export const SETTING_SCHEMAS = {
  disabledSites: v.pipe(
    v.array(v.pipe(v.string(), v.check((host) => normaliseHost(host) === host, 'expected a hostname such as "example.org"'))),
    v.maxLength(MAX_SITES, `expected at most ${MAX_SITES} sites`),
  ),
  paused: v.boolean('expected true or false'),
  underline: v.picklist(UNDERLINE_STYLES, `expected one of ${UNDERLINE_STYLES.join(', ')}`),
  hoverDelay: v.pipe(
    v.number('expected a number of milliseconds'),
    v.integer('expected a whole number of milliseconds'),
    v.minValue(0, 'expected 0 ms or more'),
    v.maxValue(MAX_HOVER_DELAY, `expected at most ${MAX_HOVER_DELAY} ms`),
  ),
  trigger: v.picklist(TRIGGERS, `expected one of ${TRIGGERS.join(', ')}`),
  theme: v.picklist(THEMES, `expected one of ${THEMES.join(', ')}`),
  // Unknown names are kept (a category may come back) and simply match nothing.
  hiddenCategories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(100)),
} satisfies { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> };

/** What is kept in storage: the settings that differ from the defaults, plus keys a newer version wrote. */
export type StoredSettings = Partial<Settings> & Record<string, unknown>;

export interface SettingsProblem {
  /** `settings.hoverDelay`, or `settings` when the whole value is unusable. */
  path: string;
  message: string;
  value: unknown;
}

export interface ParsedSettings {
  settings: Settings;
  /** The valid settings that differ from the defaults, plus unknown keys, as they should be stored. */
  stored: StoredSettings;
  problems: SettingsProblem[];
}

/** Reads whatever storage holds, keeping every valid setting and reporting the rest. */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings: Settings = cloneDefaults();
  const stored: StoredSettings = {};
  const problems: SettingsProblem[] = [];
  if (raw === null || raw === undefined) return { settings, stored, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path: 'settings', message: `expected an object, got ${describe(raw)}`, value: raw });
    return { settings, stored, problems };
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      // Written by a newer version, perhaps: keep it, use nothing from it. Defined, not assigned,
      // so that a key named "__proto__" stays data instead of becoming the object's prototype.
      Object.defineProperty(stored, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const result = v.safeParse(SETTING_SCHEMAS[key], value);
    if (!result.success) {
      problems.push({ path: `settings.${key}`, message: `${result.issues[0].message}, got ${describe(value)}`, value });
      continue;
    }
    (settings as unknown as Record<string, unknown>)[key] = result.output;
    if (!isDefault(key, result.output)) (stored as Record<string, unknown>)[key] = result.output;
  }
  return { settings, stored, problems };
}

/**
 * The value to store after applying `patch` to what is stored: defaults are
 * dropped, unknown keys kept. Throws on an invalid patch, naming the setting.
 */
export function applyPatch(stored: StoredSettings, patch: Partial<Settings>): StoredSettings {
  const next: StoredSettings = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) throw new TypeError(`Unknown setting "${key}". Options: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`);
    const result = v.safeParse(SETTING_SCHEMAS[key], value);
    if (!result.success) throw new TypeError(`settings.${key}: ${result.issues[0].message}, got ${describe(value)}`);
    if (isDefault(key, result.output)) delete next[key];
    else (next as Record<string, unknown>)[key] = result.output;
  }
  return next;
}

/**
 * A hostname in the form the site list keeps: lower case, no "www.", no
 * trailing dot, internationalised names in their ASCII (punycode) form, as
 * `location.hostname` gives them. Accepts a URL or a bare host; returns
 * undefined for anything that is not a host.
 */
export function normaliseHost(input: string): string | undefined {
  const text = input.trim();
  if (!text || text.length > 2048) return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return undefined; // Not a URL or host; the caller reports it.
  }
  host = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  return HOST.test(host) && host.length <= 253 ? host : undefined;
}

/** Whether the reader turned highlighting off for `host` (or a parent domain of it). */
export function isSiteDisabled(settings: Pick<Settings, 'disabledSites'>, host: string): boolean {
  const h = normaliseHost(host);
  if (!h) return false;
  return settings.disabledSites.some((site) => h === site || h.endsWith(`.${site}`));
}

/** Whether pages on `host` should be highlighted now. */
export function isActiveOn(settings: Pick<Settings, 'disabledSites' | 'paused'>, host: string): boolean {
  return !settings.paused && !isSiteDisabled(settings, host);
}

/**
 * The site list after switching `host` on or off. Switching on removes every
 * listed entry that covers the host, parent domains included: otherwise the
 * switch would not take.
 */
export function withSite(sites: readonly string[], host: string, on: boolean): string[] {
  const h = normaliseHost(host);
  if (!h) return [...sites];
  if (on) return sites.filter((site) => !(h === site || h.endsWith(`.${site}`)));
  return isSiteDisabled({ disabledSites: [...sites] }, h) ? [...sites] : [...sites, h].sort();
}

/** Whether `category` is highlighted under these settings. */
export function isCategoryShown(settings: Pick<Settings, 'hiddenCategories'>, category: string): boolean {
  return !settings.hiddenCategories.includes(category);
}

export const CATEGORY_NAMES = Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[];

// --- Implementation helpers ---

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/;

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(DEFAULT_SETTINGS, key);
}

function isDefault(key: keyof Settings, value: unknown): boolean {
  const fallback = DEFAULT_SETTINGS[key];
  if (Array.isArray(fallback) && Array.isArray(value)) return fallback.length === value.length && fallback.every((x, i) => x === value[i]);
  return fallback === value;
}

function cloneDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, disabledSites: [], hiddenCategories: [] };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
