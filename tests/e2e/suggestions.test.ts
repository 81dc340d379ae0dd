import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  cardText,
  highlightTexts,
  launchWithExtension,
  pointOfTerm,
  serve,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
  findCdpNode,
  withPiercedDocument,
  type CdpNode,
} from './browser';
import { glossary } from './expected';
import { axeViolations, openOptions, openPopup, serviceWorker, tabIdOf } from './extension-pages';
import { findClash } from '../../lib/core/suggestion-schema';

// Code passed to evaluate() in the service worker or an extension page runs where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

const HOST = '127.0.0.1';

/** Made-up abbreviations: the glossary must not have them, whatever its writers add. */
const OWN_TERM = 'ZQLP';
const UNKNOWN_TERM = 'QZRP';

const PAGES = {
  '/own.html': page(
    'Panels',
    `<p>The probation officer updated the OASys assessment before the panel.</p>
     <p>The ${OWN_TERM} met on Tuesday to review the case.</p>
     <p>A second ${OWN_TERM} review is booked for May.</p>`,
  ),
  '/epf.html': page(
    'Reports',
    `<p>The Effective Proposal Framework (EPF) helps probation practitioners write pre-sentence reports for court.</p>
     <p>Officers completed the EPF before the hearing.</p>`,
  ),
  '/unknown.html': page(
    'Reviews',
    `<p>The Quarterly Zonal Review Panel (${UNKNOWN_TERM}) meets monthly with the probation officer.</p>
     <p>The ${UNKNOWN_TERM} looks at OASys scores and licence conditions.</p>`,
  ),
};

describe('suggestions in Chromium with the built extension', () => {
  let browser: ExtensionBrowser;
  let server: FixtureServer;

  before(async () => {
    for (const term of [OWN_TERM, UNKNOWN_TERM])
      assert.equal(findClash(term, glossary), undefined, `the glossary has ${term}: pick another made-up term`);
    browser = await launchWithExtension();
    server = await serve(PAGES);
  });
  // Each test starts from one blank tab, with no suggestions or draft, even after a failure.
  afterEach(async () => {
    const [keep, ...others] = browser.context.pages();
    await Promise.all(others.filter((p) => p !== keep).map((p) => p.close()));
    await serviceWorker(browser).evaluate(() => chrome.storage.local.clear());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a personal entry saved in the options page is highlighted on an ALREADY open tab, without a reload, and its card says "Your own entry"', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(server.url('/own.html'));
    await waitForHighlights(tab, 1);
    await tab.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const before = await highlightTexts(tab);

    const options = await openOptions(browser);
    await options.getByRole('button', { name: 'Suggest a new term' }).click();
    await fillForm(options, {
      term: OWN_TERM,
      expansion: 'Zonal Quality Liaison Panel',
      definition: 'A panel that reviews the quality of case work in a probation region.',
      sourceUrl: 'https://www.gov.uk/government/organisations/hm-prison-and-probation-service',
    });
    await options.getByRole('button', { name: 'Save' }).click();
    const saved = await options.getByRole('status').filter({ hasText: 'Saved' }).textContent();

    await tab.bringToFront();
    await waitFor(
      async () => (await highlightTexts(tab)).filter((t) => t === OWN_TERM).length === 2,
      `${OWN_TERM} highlighted twice`,
    );
    const afterSave = await highlightTexts(tab);
    const sameDocument = await tab.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument);
    const { x, y } = await pointOfTerm(tab, OWN_TERM);
    await tab.mouse.move(x, y);
    const card = await waitFor(async () => {
      const text = await cardText(tab);
      return text.includes('Zonal Quality Liaison Panel') ? text : undefined;
    }, 'the card for the personal entry');

    assert.deepEqual(before, ['OASys']);
    assert.equal(saved, `Saved “${OWN_TERM}”. It works in your open tabs now.`);
    assert.deepEqual(afterSave, ['OASys', OWN_TERM, OWN_TERM]);
    assert.equal(sameDocument, true, 'the tab was reloaded');
    assert.match(card, /Your own entry/);
    assert.match(card, /A panel that reviews the quality of case work/);
  });

  it('"Suggest an edit" on the card of a personal entry opens the form to edit it', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(server.url('/own.html'));
    await waitForHighlights(tab, 1);
    await saveOwnEntry(browser, OWN_TERM);
    await waitFor(async () => (await highlightTexts(tab)).includes(OWN_TERM), `${OWN_TERM} highlighted`);
    const { x, y } = await pointOfTerm(tab, OWN_TERM);
    await tab.mouse.move(x, y);
    await waitFor(async () => (await cardText(tab)).includes('Suggest an edit'), 'the card');

    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('/options.html#suggest'));
    await clickInCard(tab, 'Suggest an edit');
    const options = await opened;
    await options.waitForSelector('#pj-suggest-term');

    assert.equal(
      options.url(),
      `chrome-extension://${browser.extensionId}/options.html#suggest?id=${OWN_TERM.toLowerCase()}`,
    );
    assert.equal(await options.inputValue('#pj-suggest-term'), OWN_TERM);
    assert.equal(await options.inputValue('#pj-suggest-expansion'), 'Zonal Quality Liaison Panel');
  });

  it('the popup’s search finds a personal entry, marked as your own; a search that finds nothing offers to suggest the term', async () => {
    await saveOwnEntry(browser, OWN_TERM);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForFunction(() => document.activeElement?.id === 'pj-search');

    await popup.keyboard.type(OWN_TERM.toLowerCase());
    const option = popup.getByRole('listbox').getByRole('option').first();
    await option.waitFor();
    const found = await option.textContent();
    await popup.keyboard.press('Enter');
    const entryPage = await popup.locator('article.entry').textContent();
    await popup.getByRole('button', { name: /^← Back/ }).click();
    await popup.fill('#pj-search', UNKNOWN_TERM);
    const suggest = popup.getByRole('link', {
      name: `Suggest “${UNKNOWN_TERM}” as a new term`,
    });
    await suggest.waitFor();
    const href = await suggest.getAttribute('href');

    assert.match(found ?? '', new RegExp(`^${OWN_TERM}`));
    assert.match(found ?? '', /Yours$/);
    assert.match(entryPage ?? '', /Your own entry/);
    assert.match(entryPage ?? '', /A panel that reviews the quality of case work/);
    assert.equal(href, `chrome-extension://${browser.extensionId}/options.html#suggest?term=${UNKNOWN_TERM}`);
  });

  it('the context menu’s path: a selection becomes a suggestion form prefilled with the term, sentence, page and the page’s own expansion', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(server.url('/epf.html'));
    await tab.waitForFunction(() => document.readyState === 'complete');
    await selectText(tab, 'Officers completed the EPF', 'EPF');
    const tabId = await tabIdOf(browser, HOST);
    const commands = await serviceWorker(browser).evaluate(() => chrome.runtime.getManifest().commands);
    // Updating an item that does not exist fails: this shows the background created the menu item.
    const menu = await serviceWorker(browser).evaluate(() =>
      chrome.contextMenus.update('suggest-definition', {}).then(
        () => 'exists',
        (error: Error) => error.message,
      ),
    );

    // The same request the context menu item and the keyboard command make, sent from one of the extension's own pages.
    const sender = await openOptions(browser);
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('/options.html#suggest?'));
    const reply = await sender.evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'suggestSelection', tabId: id }),
      tabId,
    );
    const form = await opened;
    await form.waitForSelector('#pj-suggest-term');
    const values = await formValues(form);
    const draft = await serviceWorker(browser).evaluate(() => chrome.storage.local.get('suggestionDraft'));

    assert.deepEqual(reply, { started: true });
    assert.equal(menu, 'exists');
    assert.deepEqual(commands?.['suggest-selection'], {
      suggested_key: { default: 'Alt+Shift+S' },
      description: 'Suggest a definition for the selected text',
    });
    assert.deepEqual(values, {
      term: 'EPF',
      expansion: 'Effective Proposal Framework',
      sentence: 'Officers completed the EPF before the hearing.',
      pageUrl: server.url('/epf.html'),
      // An http page is not offered as the source: sources must be https.
      sourceUrl: '',
    });
    assert.equal((draft.suggestionDraft as { values?: { term?: string } } | undefined)?.values?.term, 'EPF');
  });

  it('does NOT start a suggestion when a content script sends "suggestSelection": only the extension’s own pages may', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(server.url('/epf.html'));
    await waitForHighlights(tab, 1);
    await selectText(tab, 'Officers completed the EPF', 'EPF');
    const tabId = await tabIdOf(browser, HOST);
    const pagesBefore = browser.context.pages().length;

    const reply = await inContentScript(
      tab,
      `chrome.runtime.sendMessage({ type: 'suggestSelection', tabId: ${tabId} }).then((r) => JSON.stringify(r ?? null), (e) => 'error: ' + e.message)`,
    );
    await tab.waitForTimeout(300);
    const draft = await serviceWorker(browser).evaluate(() => chrome.storage.local.get('suggestionDraft'));

    assert.notEqual(reply, JSON.stringify({ started: true }));
    assert.equal(browser.context.pages().length, pagesBefore);
    assert.deepEqual(draft, {});
  });

  it('the popup lists an acronym the glossary lacks under "Unknown terms on this page", with its count, and "Suggest" opens the form prefilled', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(server.url('/unknown.html'));
    await waitForHighlights(tab, 1);
    const tabId = await tabIdOf(browser, HOST);
    const popup = await openPopup(browser, tabId);

    const section = popup.getByRole('region', {
      name: 'Unknown terms on this page',
    });
    await section.waitFor();
    const rows = await section.locator('li').allTextContents();
    const popupViolations = await axeViolations(popup);
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('/options.html#suggest?'));
    await section.getByRole('button', { name: `Suggest a definition for ${UNKNOWN_TERM}` }).click();
    const form = await opened;
    await form.waitForSelector('#pj-suggest-term');
    const values = await formValues(form);
    // The form with every error showing, as a reader who saves too early sees it.
    await form.getByLabel('What it stands for, or its full name').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    const formViolations = [];
    for (const scheme of ['light', 'dark'] as const) {
      await form.emulateMedia({ colorScheme: scheme });
      formViolations.push(
        ...(await axeViolations(form)).map((v) => `${scheme}: ${v.id}: ${v.help} at ${v.targets.join(', ')}`),
      );
    }

    const row = rows.find((r) => r.startsWith(UNKNOWN_TERM));
    assert.ok(row, `no ${UNKNOWN_TERM} in ${JSON.stringify(rows)}`);
    assert.match(row, /Quarterly Zonal Review Panel/);
    assert.match(row, /2 mentions/);
    assert.ok(!rows.some((r) => r.startsWith('OASys')), 'OASys is in the glossary');
    assert.equal(form.url(), `chrome-extension://${browser.extensionId}/options.html#suggest?term=${UNKNOWN_TERM}`);
    assert.deepEqual(values, {
      term: UNKNOWN_TERM,
      expansion: 'Quarterly Zonal Review Panel',
      sentence: `The Quarterly Zonal Review Panel (${UNKNOWN_TERM}) meets monthly with the probation officer.`,
      pageUrl: server.url('/unknown.html'),
      sourceUrl: '',
    });
    assert.deepEqual(popupViolations, []);
    assert.deepEqual(formViolations, []);
  });

  it('makes NO network request: every request went to the loopback test server or the extension itself', () => {
    const foreign = browser.requests.filter(
      (url) => !url.startsWith(`http://${HOST}:${server.port}/`) && !/^(chrome-extension|data|blob|about):/.test(url),
    );

    assert.ok(browser.requests.length > 0, 'no requests were recorded at all');
    assert.deepEqual(foreign, []);
  });
});

// --- Helpers ---

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;
}

async function fillForm(
  options: Page,
  values: {
    term: string;
    expansion: string;
    definition: string;
    sourceUrl: string;
  },
): Promise<void> {
  await options.getByLabel('Term', { exact: true }).fill(values.term);
  await options.getByLabel('What it stands for, or its full name').fill(values.expansion);
  await options.getByLabel('Definition', { exact: true }).fill(values.definition);
  await options.getByLabel('Category').selectOption({ index: 1 });
  await options.getByLabel('Source').fill(values.sourceUrl);
}

/** Saves a personal entry through the options page's form, as a reader would. */
async function saveOwnEntry(browser: ExtensionBrowser, term: string): Promise<void> {
  const options = await openOptions(browser);
  await options.getByRole('button', { name: 'Suggest a new term' }).click();
  await fillForm(options, {
    term,
    expansion: 'Zonal Quality Liaison Panel',
    definition: 'A panel that reviews the quality of case work in a probation region.',
    sourceUrl: 'https://www.gov.uk/government/organisations/hm-prison-and-probation-service',
  });
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await options.close();
}

async function formValues(form: Page) {
  const read = (field: string) => form.inputValue(`#pj-suggest-${field}`);
  return {
    term: await read('term'),
    expansion: await read('expansion'),
    sentence: await read('sentence'),
    pageUrl: await read('pageUrl'),
    sourceUrl: await read('sourceUrl'),
  };
}

/** Selects `word` inside the paragraph that starts with `paragraphStart`, as a reader would with the mouse. */
async function selectText(tab: Page, paragraphStart: string, word: string): Promise<void> {
  const found = await tab.evaluate(
    ([start, wanted]) => {
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent!.trim().startsWith(start));
      const text = p?.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) return false;
      const at = (text as Text).data.indexOf(wanted);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString() === wanted;
    },
    [paragraphStart, word] as const,
  );
  assert.ok(found, `could not select "${word}"`);
}

/** Evaluates `expression` in the extension's content script world of `tab` (its isolated world), through the DevTools protocol. */
async function inContentScript(tab: Page, expression: string): Promise<unknown> {
  const cdp = await tab.context().newCDPSession(tab);
  try {
    const contexts: {
      id: number;
      name: string;
      auxData?: { type?: string; isDefault?: boolean };
    }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Probation Jargon');
    if (!world) throw new Error(`No content script world among ${JSON.stringify(contexts.map((c) => c.name))}`);
    const { result } = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown } };
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Clicks the button named `name` inside the card's closed shadow root, at its place on screen. */
async function clickInCard(tab: Page, name: string): Promise<void> {
  await withPiercedDocument(tab, async (root, cdp) => {
    const button = findCdpNode(root, (n) => n.localName === 'button' && textOf(n).trim() === name);
    if (!button) throw new Error(`No "${name}" button in the card`);
    const { model } = (await cdp.send('DOM.getBoxModel', {
      nodeId: button.nodeId,
    })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content;
    await tab.mouse.move((x1! + x3!) / 2, (y1! + y3!) / 2);
    await tab.mouse.down();
    await tab.mouse.up();
  });
}

async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeout = 5000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}
