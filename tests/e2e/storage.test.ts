/**
 * A full storage quota in the real browser: Chromium's storage.local holds
 * 10 MB. With it filled, changing a setting in the popup or the options page
 * says so to the reader, and what was stored stays as it was; with room
 * again, the same change is saved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './browser';

// Code passed to evaluate() in an extension page runs where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

const FULL = /Browser storage is full, so your change was not saved/;

describe('a full storage quota in Chromium', () => {
  let browser: ExtensionBrowser;

  before(async () => {
    browser = await launchWithExtension();
  });
  after(async () => {
    await browser?.close();
  });

  it('the popup’s pause switch says storage is full, keeps the stored settings, and saves once there is room', async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    const pause = popup.getByRole('switch', { name: 'Pause everywhere' });
    await pause.waitFor();
    const before = await stored(popup, 'settings');

    await fillStorage(popup);
    await pause.click();
    const alert = popup.getByRole('alert');
    await alert.waitFor();

    assert.match(await alert.innerText(), FULL);
    assert.deepEqual(await stored(popup, 'settings'), before);
    assert.equal(await pause.isChecked(), false, 'the switch shows what is stored, not the failed change');

    await emptyFiller(popup);
    await pause.click();
    await popup.waitForFunction(() => !document.querySelector('[role="alert"]'));
    assert.deepEqual(await stored(popup, 'settings'), { paused: true });
    await pause.click();
    await popup.close();
  });

  it('the options page says storage is full when a choice cannot be saved', async () => {
    const options = await openExtensionPage(browser, 'options.html');
    const solid = options.getByRole('radio', { name: /solid/i });
    await solid.waitFor();
    const before = await stored(options, 'settings');

    await fillStorage(options);
    await solid.check({ force: true }).catch(() => undefined);
    const alert = options.getByRole('alert');
    await alert.waitFor();

    assert.match(await alert.innerText(), FULL);
    assert.deepEqual(await stored(options, 'settings'), before);
    await emptyFiller(options);
    await options.close();
  });
});

// --- Implementation helpers ---

async function openExtensionPage(browser: ExtensionBrowser, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
}

function stored(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => (await chrome.storage.local.get(k))[k] ?? null, key);
}

/** Fills storage.local to within a few bytes of its quota with one filler item. */
async function fillStorage(page: Page): Promise<void> {
  await emptyFiller(page);
  await page.evaluate(async () => {
    const quota = chrome.storage.local.QUOTA_BYTES;
    const used = await chrome.storage.local.getBytesInUse(null);
    // An item costs its key's length plus its JSON's length; leave less room than any setting needs.
    await chrome.storage.local.set({ filler: 'x'.repeat(quota - used - 'filler'.length - 2 - 4) });
  });
}

async function emptyFiller(page: Page): Promise<void> {
  await page.evaluate(() => chrome.storage.local.remove('filler'));
}
