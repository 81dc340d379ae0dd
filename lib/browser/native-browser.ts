/**
 * The browser's own extension API, which the content script uses in place
 * of webextension-polyfill: wxt.config.ts points `wxt/browser` here when it
 * builds content scripts, and nowhere else. The content script runs in every
 * frame of every tab, and the polyfill was a twentieth of its download.
 *
 * Firefox has `browser`; Chrome has `chrome`, whose methods return promises
 * when given no callback (Manifest V3). What the content script uses behaves
 * alike with or without the polyfill (runtime.id and sendMessage, storage.local
 * get/set/remove, storage.onChanged) except one thing: Chrome's own
 * runtime.onMessage ignores a promise returned by a listener, so the content
 * script answers through `sendResponse` (lib/browser/tab-answers.ts). Code
 * that content scripts load must keep to these calls, or check both builds.
 */
import type { browser as PolyfillBrowser } from 'wxt/browser';

const { browser: firefox, chrome } = globalThis as unknown as { browser?: { runtime?: { id?: string } }; chrome?: unknown };

// The same choice as WXT's own `wxt/browser` without the polyfill (@wxt-dev/browser).
export const browser = (firefox?.runtime?.id ? firefox : chrome) as typeof PolyfillBrowser;
