/**
 * One key of `browser.storage.local`, read and watched directly, for code
 * the content script loads. The content script runs in every frame of every
 * tab, so it carries no storage library (@wxt-dev/storage and its lock
 * helper were a tenth of its download); this module does for a single key
 * what `storage.getItem` and `storage.watch` do there, with the same key
 * names, so both sides read the same data.
 *
 * It runs no migrations: a reader through here sees the value as stored.
 * Items that may need migrating (the settings: `version` in settings.ts)
 * must keep a shape these readers understand, or migrate before they read.
 */
import { browser } from 'wxt/browser';

/** A key as @wxt-dev/storage spells it: "local:settings" is stored under "settings" in storage.local. */
export type LocalKey = `local:${string}`;

/** The name of `key` in storage.local. */
export function storageName(key: LocalKey): string {
  return key.slice('local:'.length);
}

/** The stored value, or null when there is none (as @wxt-dev/storage gives it). */
export async function readLocal(key: LocalKey): Promise<unknown> {
  const name = storageName(key);
  return ((await browser.storage.local.get(name)) as Record<string, unknown>)[name] ?? null;
}

/**
 * Follows a stored value for as long as a page or a component lives: `load`
 * it now, then `read` each new value; a load overtaken by a change is
 * dropped, as the change is newer. When the load fails, `fallback` says what
 * to apply instead, if anything. Returns the function that stops it.
 */
export function followLocal<T>(
  key: LocalKey,
  {
    load,
    read,
    fallback,
  }: { load: () => Promise<T>; read: (raw: unknown) => T; fallback: (error: unknown) => T | undefined },
  apply: (value: T) => void,
): () => void {
  let stopped = false;
  let changed = false;
  const unwatch = watchLocal(key, (raw) => {
    changed = true;
    if (!stopped) apply(read(raw));
  });
  load().then(
    (value) => !stopped && !changed && apply(value),
    (error: unknown) => {
      const value = fallback(error);
      if (value !== undefined && !stopped && !changed) apply(value);
    },
  );
  return () => {
    stopped = true;
    unwatch();
  };
}

/**
 * Calls `onChange` with the new value (null once removed) whenever the
 * key's value changes in any context. A write of an equal value is not a
 * change. Returns the function that stops watching.
 */
export function watchLocal(key: LocalKey, onChange: (value: unknown) => void): () => void {
  const name = storageName(key);
  const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => {
    const change = area === 'local' ? changes[name] : undefined;
    if (!change || isSameValue(change.newValue, change.oldValue)) return;
    onChange(change.newValue ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// --- Implementation helpers ---

/** Deep equality of stored (JSON-like) values, key order aside, as @wxt-dev/storage's watch compares them. */
function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) => Object.hasOwn(b, k) && isSameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
