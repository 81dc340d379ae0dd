/**
 * The reader's settings as plain data: their shape, defaults, validation and
 * the site rules. Storage lives in lib/browser/settings.ts; this part has no
 * browser in it, so every rule is tested in Node.
 *
 * Only what the reader changed is stored, so a new default reaches everyone
 * who kept the old one.
 */
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

/**
 * One check per setting, so that one bad value does not cost the others.
 * Each returns why a value is not valid, or undefined when it is. Written
 * out rather than as valibot schemas because every content script reads the
 * settings, and valibot would be a large part of what each one loads; the
 * messages without a reason of ours are valibot's wording, which they replaced.
 */
export const SETTING_CHECKS: { [K in keyof Settings]: (value: unknown) => string | undefined } = {
  disabledSites: (value) =>
    listProblem(value, (host) =>
      typeof host !== 'string'
        ? invalid('type', 'string', host)
        : normaliseHost(host) === host
          ? undefined
          : 'expected a hostname such as "example.org"',
    ) ?? ((value as unknown[]).length > MAX_SITES ? `expected at most ${MAX_SITES} sites` : undefined),
  paused: (value) => (typeof value === 'boolean' ? undefined : 'expected true or false'),
  underline: (value) => oneOf(UNDERLINE_STYLES, value),
  hoverDelay: (value) =>
    typeof value !== 'number' || Number.isNaN(value)
      ? 'expected a number of milliseconds'
      : !Number.isInteger(value)
        ? 'expected a whole number of milliseconds'
        : value < 0
          ? 'expected 0 ms or more'
          : value > MAX_HOVER_DELAY
            ? `expected at most ${MAX_HOVER_DELAY} ms`
            : undefined,
  trigger: (value) => oneOf(TRIGGERS, value),
  theme: (value) => oneOf(THEMES, value),
  // Unknown names are kept (a category may come back) and simply match nothing.
  hiddenCategories: (value) =>
    listProblem(value, (name) =>
      typeof name !== 'string' ? invalid('type', 'string', name) : tooLong(name, 40),
    ) ?? tooLong(value as unknown[], 100),
};

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
    const problem = SETTING_CHECKS[key](value);
    if (problem) {
      problems.push({ path: `settings.${key}`, message: `${problem}, got ${describe(value)}`, value });
      continue;
    }
    const output = copyOf(value);
    (settings as unknown as Record<string, unknown>)[key] = output;
    if (!isDefault(key, output)) (stored as Record<string, unknown>)[key] = output;
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
    const problem = SETTING_CHECKS[key](value);
    if (problem) throw new TypeError(`settings.${key}: ${problem}, got ${describe(value)}`);
    if (isDefault(key, value)) delete next[key];
    else (next as Record<string, unknown>)[key] = copyOf(value);
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
  // Most readers switch no site off: then every page is spared parsing its host.
  if (!settings.disabledSites.length) return false;
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

/** A valid value as settings hold it: lists are copied, so the settings never share one with the caller or storage. */
function copyOf(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}

/** The problem with a list: not a list, or the first item's problem. */
function listProblem(value: unknown, itemProblem: (item: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(value)) return invalid('type', 'Array', value);
  for (const item of value) {
    const problem = itemProblem(item);
    if (problem) return problem;
  }
  return undefined;
}

function oneOf(options: readonly string[], value: unknown): string | undefined {
  return options.includes(value as string) ? undefined : `expected one of ${options.join(', ')}`;
}

function tooLong(value: string | readonly unknown[], max: number): string | undefined {
  return value.length > max ? invalid('length', `<=${max}`, value, `${value.length}`) : undefined;
}

/** valibot's own wording, for the checks that had no message of ours: "Invalid type: Expected Array but received Object". */
function invalid(kind: 'type' | 'length', expected: string, value: unknown, received = describeReceived(value)): string {
  return `Invalid ${kind}: Expected ${expected} but received ${received}`;
}

function describeReceived(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object' || typeof value === 'function') {
    return (value && (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name) ?? 'null';
  }
  return typeof value;
}
