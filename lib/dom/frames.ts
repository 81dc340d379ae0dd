/**
 * The content script's frame policy. It runs in every frame of a tab
 * (`allFrames`, `matchAboutBlank`): same-origin and cross-origin iframes,
 * srcdoc and about:blank frames, because case-management systems and
 * webmail often show their text in frames. Each frame highlights its own
 * text and opens the card inside itself; no frame reads or touches another.
 * Sandboxed frames with an opaque origin get no content script (the browser
 * does not inject one), so their text is not marked; editors in
 * designMode frames are skipped like any editable text.
 *
 * Only the top frame answers the popup about the page, so "What's on this
 * page" lists the top document's terms. A frame is switched off when its
 * own site or the tab's site is.
 */
import { isActiveOn, type Settings } from '../core/settings';
import { preferencesFor, type ContentPreferences } from './content-app';

export function isTopFrame(win: Window): boolean {
  return win.top === win;
}

/**
 * The hosts whose per-site switch governs this frame: its own, and the
 * tab's where the browser lets a frame know it (always for same-origin and
 * about:blank frames; through `location.ancestorOrigins` in Chromium).
 */
export function governingHosts(win: Window): string[] {
  const hosts = [win.location.hostname];
  if (!isTopFrame(win)) {
    const top = topHost(win);
    if (top !== undefined) hosts.push(top);
  }
  return hosts.filter(Boolean);
}

/** The preferences for this frame: off when any governing site is switched off. */
export function preferencesForFrame(settings: Settings, win: Window): ContentPreferences {
  const hosts = governingHosts(win);
  const preferences = preferencesFor(settings, hosts[0] ?? '');
  return { ...preferences, enabled: preferences.enabled && hosts.every((host) => isActiveOn(settings, host)) };
}

// --- Implementation helpers ---

function topHost(win: Window): string | undefined {
  try {
    return win.top?.location.hostname;
  } catch {
    // A cross-origin top document hides its location; Chromium still says its origin.
    const origins = win.location.ancestorOrigins;
    const origin = origins?.[origins.length - 1];
    if (!origin) return undefined;
    try {
      return new URL(origin).hostname;
    } catch {
      return undefined; // An opaque origin ("null"): no host to look up.
    }
  }
}
