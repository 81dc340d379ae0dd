import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  cardShadowMode,
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
import { expectedHighlights, paragraphsOf } from './expected';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const corpus = readFileSync(join(FIXTURES, 'corpus', 'onprobation-staffing-2019.txt'), 'utf8');
const arms = readFileSync(join(FIXTURES, 'traps', 't04-arms-trade-treaty-asil.txt'), 'utf8');

describe('content script in Chromium with the built extension', () => {
  let browser: ExtensionBrowser;
  let server: FixtureServer;

  before(async () => {
    browser = await launchWithExtension();
    server = await serve({
      '/corpus.html': corpusPage('Staffing', corpus),
      '/arms.html': corpusPage('Arms trade', arms),
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers every expected mention of a corpus page as a range in the probation-jargon highlight', async () => {
    const page = await browser.context.newPage();
    const expected = expectedHighlights(paragraphsOf(corpus));

    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, expected.length);
    const texts = await highlightTexts(page);

    assert.ok(expected.length > 100, `expected many mentions, got ${expected.length}`);
    assert.deepEqual(texts, expected);
    assert.ok(texts.includes('OASYs') && texts.includes('Oasys') && texts.includes('VISOR'));
    await page.close();
  });

  it('shows a card with "Offender Assessment System" when the pointer rests on OASys', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, 50);

    const { x, y } = await pointOfTerm(page, 'Oasys');
    await page.mouse.move(x, y);
    const started = Date.now();
    let text = '';
    while (!text.includes('Offender Assessment System') && Date.now() - started < 3000) {
      await page.waitForTimeout(25);
      text = await cardText(page);
    }

    console.log(
      `card shown ${Date.now() - started} ms after the pointer came to rest (hover delay 150 ms, includes polling)`,
    );
    assert.match(text, /OASys/);
    assert.match(text, /Offender Assessment System/);
    assert.equal(await cardShadowMode(page), 'closed');
    await page.close();
  });

  it('hides the card on Escape', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    await waitForHighlights(page, 50);
    const { x, y } = await pointOfTerm(page, 'OASYs');
    await page.mouse.move(x, y);
    await page.waitForFunction(() => !!document.querySelector('probation-jargon-card'));

    await page.keyboard.press('Escape');

    assert.equal(await page.evaluate(() => !!document.querySelector('probation-jargon-card')), false);
    await page.close();
  });

  it('changes no node of the page: the page’s own MutationObserver sees only the card host', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    const before = await page.evaluate(() => document.body.textContent);
    await waitForHighlights(page, 50);
    const { x, y } = await pointOfTerm(page, 'Oasys');
    await page.mouse.move(x, y);
    await page.waitForFunction(() => !!document.querySelector('probation-jargon-card'));
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => !document.querySelector('probation-jargon-card'));

    const mutations = await page.evaluate(
      () =>
        (window as unknown as { __mutations: { type: string; target: string; added: string[]; removed: string[] }[] })
          .__mutations,
    );
    const foreign = mutations.filter(
      (m) =>
        m.target !== 'PROBATION-JARGON-CARD' &&
        !(
          m.type === 'childList' &&
          m.target === 'HTML' &&
          [...m.added, ...m.removed].every((n) => n === 'PROBATION-JARGON-CARD')
        ),
    );
    assert.deepEqual(foreign, []);
    assert.ok(mutations.length >= 2, 'the card host came and went');
    assert.equal(await page.evaluate(() => document.body.textContent), before);
    await page.close();
  });

  it('highlights text that appears after load, and forgets text that is removed', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus.html'));
    const before = await waitForHighlights(page, 50);

    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = 'Later comment: the MAPPA panel and ViSOR records were reviewed by the probation officer.';
      document.querySelector('main')!.append(p);
    });
    await page.waitForFunction((n) => (CSS.highlights.get('probation-jargon')?.size ?? 0) >= n + 2, before, {
      timeout: 3000,
    });
    const texts = await highlightTexts(page);
    await page.evaluate(() => document.getElementById('late')!.remove());
    await page.waitForFunction((n) => CSS.highlights.get('probation-jargon')?.size === n, before, { timeout: 3000 });

    assert.ok(texts.includes('MAPPA') && texts.includes('ViSOR'), texts.slice(-5).join(', '));
    await page.close();
  });

  it('does NOT highlight "arms" or "Arms" on an arms-trade page', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/arms.html'));
    await page.waitForTimeout(800);

    assert.deepEqual(await highlightTexts(page), []);
    await page.close();
  });
});
