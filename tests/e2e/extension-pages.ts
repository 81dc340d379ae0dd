/**
 * Helpers for the extension's own pages in the real browser: opening the
 * popup as the toolbar would (a window of its own, the page still active in
 * its window), finding a page's tab, running axe-core, and reading the card
 * as assistive technology and axe see it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { ROOT, type ExtensionBrowser, findCdpNode, isCardHost, withPiercedDocument } from './browser';

// Code passed to evaluate() in the service worker or an extension page runs where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export function serviceWorker(browser: ExtensionBrowser): Worker {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) throw new Error('The extension has no service worker running');
  return worker;
}

/**
 * The id of the active tab whose content script reports `host`: the page a
 * test opened last (tab URLs are hidden from the extension, by design).
 */
export async function tabIdOf(browser: ExtensionBrowser, host: string): Promise<number> {
  const id = await serviceWorker(browser).evaluate(async (wanted) => {
    for (const tab of await chrome.tabs.query({ active: true })) {
      if (tab.id === undefined) continue;
      const reply = (await chrome.tabs.sendMessage(tab.id, { type: 'pageTerms' }).catch(() => undefined)) as
        { host?: string } | undefined;
      if (reply?.host === wanted) return tab.id;
    }
    return undefined;
  }, host);
  if (id === undefined) throw new Error(`No tab's content script answers for ${host}`);
  return id;
}

/**
 * Opens popup.html in a popup window of its own, about `tabId`, so the page
 * stays the active tab of its window, as under the real toolbar popup.
 */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const opened = browser.context.waitForEvent('page', (p) => p.url().includes('/popup.html'));
  await serviceWorker(browser).evaluate(
    (url) => chrome.windows.create({ url, type: 'popup', width: 400, height: 600 }),
    `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`,
  );
  const popup = await opened;
  await popup.waitForSelector('#pj-search');
  return popup;
}

export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('.options');
  return page;
}

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's violations on the page (WCAG 2.x A and AA, and best practices).
 * Injected through the DevTools protocol: extension pages' CSP refuses an
 * inline script tag.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: {
              id: string;
              impact?: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    // Colours fade for 0.15 s after a theme switch: check contrast once they have settled.
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    const { violations } = await axe.run(document, {
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * The card's rendered DOM (its stylesheet and markup), read from the closed
 * shadow root through the DevTools protocol, as a standalone HTML document.
 * axe cannot enter a closed shadow root, so tests run it on this copy.
 */
export async function cardDocument(page: Page): Promise<string> {
  return withPiercedDocument(page, async (root, cdp) => {
    const shadow = findCdpNode(root, isCardHost)?.shadowRoots?.[0];
    if (!shadow) throw new Error('No card is open');
    const parts: string[] = [];
    for (const child of shadow.children ?? []) {
      // eslint-disable-next-line no-restricted-properties -- the DevTools protocol's field, read as a string, not the DOM property
      const { outerHTML } = (await cdp.send('DOM.getOuterHTML', {
        nodeId: child.nodeId,
      })) as { outerHTML: string };
      parts.push(outerHTML);
    }
    return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Card</title></head><body>${parts.join('')}</body></html>`;
  });
}

/** The accessibility tree's focused node: what a screen reader announces. */
export async function focusedAccessibleNode(
  page: Page,
): Promise<{ role?: string; name?: string; description?: string } | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: AxNode[];
    };
    // The document reports focus too; the deepest focused node comes last.
    const focused = nodes
      .filter((n) => n.properties?.some((p) => p.name === 'focused' && p.value.value === true))
      .at(-1);
    if (!focused) return undefined;
    return {
      role: focused.role?.value,
      name: focused.name?.value,
      description: focused.description?.value,
    };
  } finally {
    await cdp.detach();
  }
}

// --- Implementation helpers ---

interface AxNode {
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
}
