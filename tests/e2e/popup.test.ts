import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { resolvePage } from '../../lib/core/relevance';
import { variantsOf } from '../../lib/core/variants';
import {
  cardText,
  corpusPage,
  highlightTexts,
  launchWithExtension,
  pointOfTerm,
  serve,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
} from './browser';
import { entries, expectedHighlights, glossary, paragraphsOf } from './expected';
import {
  axeViolations,
  cardDocument,
  focusedAccessibleNode,
  openOptions,
  openPopup,
  serviceWorker,
  tabIdOf,
} from './extension-pages';

// Code passed to evaluate() in the service worker or an extension page runs where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const corpus = readFileSync(join(FIXTURES, 'corpus', 'onprobation-staffing-2019.txt'), 'utf8');
const paragraphs = paragraphsOf(corpus);
const expected = expectedHighlights(paragraphs);
const HOST = '127.0.0.1';

describe('popup and options in Chromium with the built extension', () => {
  let browser: ExtensionBrowser;
  let server: FixtureServer;

  before(async () => {
    browser = await launchWithExtension();
    server = await serve({ '/corpus.html': corpusPage('Staffing', corpus) });
  });
  // Each test starts from one blank tab and the default settings, even after a failure.
  afterEach(async () => {
    const [keep, ...others] = browser.context.pages();
    await Promise.all(others.filter((p) => p !== keep).map((p) => p.close()));
    await resetSettings();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The corpus page, fully highlighted, and the popup about it. */
  async function corpusAndPopup(): Promise<{ page: Page; popup: Page; tabId: number }> {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, expected.length);
    const tabId = await tabIdOf(browser, HOST);
    const popup = await openPopup(browser, tabId);
    return { page, popup, tabId };
  }

  async function resetSettings() {
    await serviceWorker(browser).evaluate(() => chrome.storage.local.remove('settings'));
  }

  it('searches from the popup: typing shows results at once, arrows and Enter open an entry', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    // The popup opens with the search box focused, ready to type.
    await popup.waitForFunction(() => document.activeElement?.id === 'pj-search');

    await popup.keyboard.type('oasis');
    const first = await firstResultFor(popup, 'oasis');
    await popup.locator('#pj-search').fill('');
    await popup.keyboard.type('visor');
    const visor = await firstResultFor(popup, 'visor');
    await popup.locator('#pj-search').fill('');
    await popup.keyboard.type('risk of serious');
    await firstResultFor(popup, 'risk of serious');
    const top2 = await popup
      .locator('[role="option"] .hw')
      .evaluateAll((els) => els.slice(0, 2).map((e) => e.textContent));
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Enter');
    const heading = await popup.locator('h1').textContent();
    const focused = await popup
      .waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 2000 })
      .then(
        () => 'H1',
        () => popup.evaluate(() => document.activeElement?.tagName),
      );

    assert.match(first ?? '', /^OASys/);
    assert.match(visor ?? '', /^ViSOR/);
    assert.deepEqual([...top2].sort(), ['RSR', 'RoSH']);
    assert.equal(heading, top2[1]);
    assert.equal(focused, 'H1');
    await popup.close();
  });

  it('"Suggest an edit" leads to the options page’s suggestions section, with the entry’s edit form open and focused', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForFunction(() => document.activeElement?.id === 'pj-search');
    await popup.keyboard.type('oasys');
    await firstResultFor(popup, 'oasys');
    await popup.keyboard.press('Enter');
    const href = await popup.getByRole('link', { name: 'Suggest an edit' }).getAttribute('href');

    const options = await browser.context.newPage();
    await options.goto(href!);
    await options.waitForFunction(() => document.activeElement?.id === 'pj-suggest-term');

    assert.equal(href, `chrome-extension://${browser.extensionId}/options.html#suggest?id=oasys`);
    assert.equal(await options.locator('#pj-suggest-heading').textContent(), 'Suggest an edit of “OASys”');
    assert.equal(await options.inputValue('#pj-suggest-term'), 'OASys');
    assert.equal(await options.evaluate(() => document.activeElement?.closest('section')?.id), 'suggest');
  });

  it('"On this page" lists the corpus page’s terms with their counts, and a click flashes the first one in the page', async () => {
    const { page, popup } = await corpusAndPopup();
    await popup.waitForSelector('.page-term');
    await popup.getByRole('button', { name: /^Show all \d+ terms$/ }).click();

    const listed = await popup
      .locator('.page-term')
      .evaluateAll((rows) =>
        rows.map(
          (row) => `${row.querySelector('.hw')!.textContent} ${row.querySelector('.count')!.firstChild!.textContent}`,
        ),
      );
    assert.deepEqual(
      listed,
      expectedTerms().map((t) => `${t.headword} ${t.count}`),
    );

    const last = expectedTerms().at(-1)!;
    await popup.locator('.page-term').last().locator('button.row').click();
    // Waits for the smooth scroll to bring the flashed mention into view.
    const flash = await page.waitForFunction(
      () => {
        const range = [...(CSS.highlights.get('probation-jargon-flash') ?? [])][0] as AbstractRange | undefined;
        if (!range) return null;
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        const rect = live.getBoundingClientRect();
        const inView = rect.top >= 0 && rect.bottom <= innerHeight;
        return inView ? { text: live.toString(), inView } : null;
      },
      undefined,
      { timeout: 3000 },
    );
    const { text, inView } = (await flash.jsonValue())!;
    const forms = variantsOf(entries.find((e) => e.id === last.id)!).map((v) => v.text.toLowerCase());

    assert.ok(forms.includes(text.toLowerCase()), `flashed "${text}", expected a form of ${last.headword}`);
    assert.equal(
      text,
      expected.find((t) => forms.includes(t.toLowerCase())),
      'the first mention in the page',
    );
    assert.equal(inView, true);
    await page.waitForFunction(() => !CSS.highlights.has('probation-jargon-flash'), undefined, { timeout: 4000 });
    await popup.close();
    await page.close();
  });

  it('the per-site switch and the pause switch remove the highlights from an open tab, without a reload, and bring them back', async () => {
    await resetSettings();
    const { page, popup } = await corpusAndPopup();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const siteSwitch = popup.getByRole('switch', { name: `Highlight on this site (${HOST})` });

    await siteSwitch.click();
    await page.waitForFunction(() => (CSS.highlights.get('probation-jargon')?.size ?? 0) === 0);
    const stored = await serviceWorker(browser).evaluate(() => chrome.storage.local.get('settings'));
    await siteSwitch.click();
    await waitForHighlights(page, expected.length);
    const afterSiteOn = await highlightTexts(page);
    await popup.getByRole('switch', { name: 'Pause everywhere' }).click();
    await page.waitForFunction(() => (CSS.highlights.get('probation-jargon')?.size ?? 0) === 0);
    await popup.getByRole('switch', { name: 'Pause everywhere' }).click();
    await waitForHighlights(page, expected.length);

    assert.deepEqual(stored, { settings: { disabledSites: [HOST] } });
    assert.deepEqual(afterSiteOn, expected);
    assert.deepEqual(await highlightTexts(page), expected);
    assert.equal(
      await page.evaluate(() => (window as unknown as { __marker?: number }).__marker),
      1,
      'the page was not reloaded',
    );
    assert.deepEqual(await foreignMutations(page), []);
    await popup.close();
    await page.close();
  });

  it('options apply to an open tab at once: underline style through an adopted stylesheet, and categories', async () => {
    await resetSettings();
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, expected.length);
    const options = await openOptions(browser);

    await options.getByRole('radio', { name: /Shaded background/ }).check();
    await page.waitForFunction(() => document.adoptedStyleSheets.length === 1);
    const sheet = await page.evaluate(() =>
      [...document.adoptedStyleSheets[0]!.cssRules].map((r) => r.cssText).join('\n'),
    );
    await options.getByRole('checkbox', { name: 'Risk and needs assessment' }).uncheck();
    await page.waitForFunction((n) => (CSS.highlights.get('probation-jargon')?.size ?? 0) < n, expected.length);
    await waitForHighlights(page, 1);
    const withoutAssessment = await highlightTexts(page);
    await options.getByRole('radio', { name: /Dotted underline/ }).check();
    await page.waitForFunction(() => document.adoptedStyleSheets.length === 0);

    assert.match(
      sheet,
      /::highlight\(probation-jargon\) \{ text-decoration-line: none; background-color: rgba\(47, 111, 235, 0\.18\); \}/,
    );
    const assessment = new Set(
      entries.filter((e) => e.category === 'assessment').flatMap((e) => variantsOf(e).map((v) => v.text.toLowerCase())),
    );
    assert.deepEqual(
      withoutAssessment,
      expected.filter((t) => !assessment.has(t.toLowerCase())),
    );
    assert.ok(withoutAssessment.length < expected.length);
    assert.deepEqual(await foreignMutations(page), []);
    await options.close();
    await page.close();
    await resetSettings();
  });

  it('with "click or selection", resting the pointer does NOT open the card, and a click does', async () => {
    await serviceWorker(browser).evaluate(() =>
      chrome.storage.local.set({ settings: { trigger: 'click-or-selection' } }),
    );
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, expected.length);
    const { x, y } = await pointOfTerm(page, 'Oasys');

    await page.mouse.move(x, y);
    await page.waitForTimeout(600);
    const afterHover = await cardText(page);
    await page.mouse.click(x, y);
    await page.waitForFunction(() => !!document.querySelector('probation-jargon-card'));

    assert.equal(afterHover, '');
    assert.match(await cardText(page), /Offender Assessment System/);
    await page.close();
    await resetSettings();
  });

  it('the keyboard command’s message opens the card at the selection; the card takes focus as a labelled dialog, in the reader’s theme', async () => {
    await serviceWorker(browser).evaluate(() => chrome.storage.local.set({ settings: { theme: 'dark' } }));
    const manifest = await serviceWorker(browser).evaluate(() => chrome.runtime.getManifest().commands);
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, expected.length);
    await selectFirstHighlight(page, 'OASys');
    const tabId = await tabIdOf(browser, HOST);

    const reply = await serviceWorker(browser).evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'showCardAtSelection' }),
      tabId,
    );
    await page.waitForFunction(() => document.activeElement?.localName === 'probation-jargon-card');
    const focused = await focusedAccessibleNode(page);

    assert.deepEqual(manifest, {
      'show-card-at-selection': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Explain the probation term at the selection',
      },
      'suggest-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Suggest a definition for the selected text',
      },
    });
    assert.deepEqual(reply, { shown: true });
    assert.equal(focused?.role, 'dialog');
    assert.equal(focused?.name, 'OASys');
    assert.match(focused?.description ?? '', /^Offender Assessment System The national tool/);
    assert.match(await cardDocument(page), /<article class="card dark">/);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('probation-jargon-card'));
    await page.close();
  });

  it('axe-core finds no violations in the popup (search, results, entry page, light and dark), the options page and an open card', async () => {
    const report: Record<string, string[]> = {};
    const record = async (label: string, target: Page) => {
      report[label] = (await axeViolations(target)).map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`,
      );
    };
    const { page, popup, tabId } = await corpusAndPopup();
    await popup.waitForSelector('.page-term');

    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.fill('#pj-search', '');
      await record(`popup home (${scheme})`, popup);
      await popup.fill('#pj-search', 'risk of serious');
      await popup.waitForSelector('[role="option"]');
      await record(`popup results (${scheme})`, popup);
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('article.entry');
      await record(`popup entry page (${scheme})`, popup);
      await popup.getByRole('button', { name: /^← Back/ }).click();
    }
    const options = await openOptions(browser);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await record(`options (${scheme})`, options);
    }

    await selectFirstHighlight(page, 'OASys');
    await serviceWorker(browser).evaluate((id) => chrome.tabs.sendMessage(id, { type: 'showCardAtSelection' }), tabId);
    await page.waitForFunction(() => !!document.querySelector('probation-jargon-card'));
    // axe cannot enter the card's closed shadow root: it checks a copy of the card's rendered DOM and CSS.
    const copy = await browser.context.newPage();
    await copy.setContent(await cardDocument(page));
    for (const scheme of ['light', 'dark'] as const) {
      await copy.emulateMedia({ colorScheme: scheme });
      await record(`card (${scheme})`, copy);
    }

    console.log(`# axe-core violations: ${JSON.stringify(report)}`);
    assert.deepEqual(Object.values(report).flat(), []);
    await Promise.all([copy.close(), options.close(), popup.close(), page.close()]);
  });
});

// --- Helpers ---

/** The first result's text once the results for `query` are on screen (Preact renders after the keystroke). */
async function firstResultFor(popup: Page, query: string): Promise<string> {
  const list = popup.getByRole('listbox', { name: `Results for ${query}`, exact: true });
  await list.getByRole('option').first().waitFor();
  return (await list.getByRole('option').first().textContent()) ?? '';
}

/** What the popup should list for the corpus page: every highlighted entry with its count, most frequent first. */
function expectedTerms(): { id: string; headword: string; count: number }[] {
  const counts = new Map<number, number>();
  for (const mentions of resolvePage(paragraphs, glossary))
    for (const m of mentions) counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
  return [...counts]
    .map(([i, count]) => ({ id: glossary.entries[i]!.id, headword: glossary.entries[i]!.headword, count }))
    .sort((a, b) => b.count - a.count || a.headword.localeCompare(b.headword));
}

/** Selects the first highlighted mention whose text is `text`, as a reader would with the mouse. */
async function selectFirstHighlight(page: Page, text: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const ranges = [...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[];
    const live = ranges.map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    });
    live.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const range = live.find((r) => r.toString() === wanted);
    if (!range) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return true;
  }, text);
  assert.ok(found, `no highlighted "${text}"`);
}

/** Mutations the page's own observer saw, other than the card host coming and going. */
async function foreignMutations(page: Page) {
  const mutations = await page.evaluate(
    () =>
      (window as unknown as { __mutations: { type: string; target: string; added: string[]; removed: string[] }[] })
        .__mutations,
  );
  return mutations.filter(
    (m) =>
      m.target !== 'PROBATION-JARGON-CARD' &&
      !(
        m.type === 'childList' &&
        m.target === 'HTML' &&
        [...m.added, ...m.removed].every((n) => n === 'PROBATION-JARGON-CARD')
      ),
  );
}
