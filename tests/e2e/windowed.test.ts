/**
 * A page with more mentions than the highlight registers in full: only those
 * within a screen of the viewport are in the probation-jargon highlight, and
 * the others are registered as the reader scrolls to them (see
 * lib/dom/highlight-window.ts for why). The page is also long enough to be
 * read lazily (see LAZY_FROM in lib/dom/page-scanner.ts): opened further down,
 * changed beyond where the first scan stopped, or replaced as a whole.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_LIMIT } from '../../lib/dom/highlight-window';
import { corpusPage, launchWithExtension, serve, type ExtensionBrowser, type FixtureServer } from './browser';
import { expectedHighlights, paragraphsOf } from './expected';
import { openPopup, tabIdOf } from './extension-pages';

const corpus = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'corpus', 'onprobation-staffing-2019.txt'),
  'utf8',
);
const long = Array.from({ length: 12 }, () => corpus).join('\n');
const expected = expectedHighlights(paragraphsOf(long));

describe('a page with more mentions than the highlight holds at once', () => {
  let browser: ExtensionBrowser;
  let server: FixtureServer;

  before(async () => {
    browser = await launchWithExtension();
    const html = corpusPage('Twelve times the staffing thread', long);
    // The same page with an anchor two-thirds down, where a link (or a restored scroll position) opens it.
    let seen = 0;
    const anchored = html.replace(/<p>/g, (tag) => (seen++ === Math.floor(paragraphsOf(long).length * (2 / 3)) ? '<p id="later">' : tag));
    // A division with text of its own before and after the whole thread: the first scan's walk stops inside it.
    const straddle = html.replace(
      /<main>([\s\S]*)<\/main>/,
      (_, inner: string) => `<main><div id="straddle">The OASys score came first.${inner}The ViSOR record came last.</div></main>`,
    );
    server = await serve({ '/long.html': html, '/anchored.html': anchored, '/straddle.html': straddle });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers only the mentions within a screen of the viewport, a run of the expected ones from the first', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/long.html'));

    const ranges = await settledRanges(page);
    const height = await page.evaluate(() => innerHeight);

    assert.ok(
      expected.length > DEFAULT_LIMIT * 1.5,
      `the page needs more than ${DEFAULT_LIMIT} mentions; it has ${expected.length}`,
    );
    assert.ok(ranges.length > 10 && ranges.length < DEFAULT_LIMIT, `registered ${ranges.length}`);
    assert.ok(
      ranges.every((r) => r.top > -height - 50 && r.bottom < 2 * height + 50),
      'every registered range is within a screen of the viewport',
    );
    assert.deepEqual(
      ranges.map((r) => r.text),
      expected.slice(0, ranges.length),
    );
    await page.close();
  });

  it('lists every mention for the popup, those far from the viewport (not yet resolved) included', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/long.html'));
    await settledRanges(page);
    const popup = await openPopup(browser, await tabIdOf(browser, new URL(server.url('/')).hostname));
    await popup.waitForSelector('.page-term');
    const showAll = popup.getByRole('button', { name: /^Show all \d+ terms$/ });
    if (await showAll.count()) await showAll.click();
    const counts = await popup
      .locator('.page-term .count')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.firstChild!.textContent)));

    assert.ok(expected.length > DEFAULT_LIMIT + 200, 'the page has mentions left to resolve');
    assert.equal(
      counts.reduce((sum, n) => sum + n, 0),
      expected.length,
    );
    await popup.close();
    await page.close();
  });

  it('opened at an anchor far down, registers the mentions around it, as reading the whole page finds them', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url('/anchored.html')}#later`);

    const ranges = await settledRanges(page);
    const height = await page.evaluate(() => innerHeight);
    const inView = ranges.filter((r) => r.bottom > 0 && r.top < height);

    assert.ok(await page.evaluate(() => scrollY > 0), 'the page opened scrolled to the anchor');
    assert.ok(inView.length > 0, 'mentions in the viewport are registered');
    assert.ok(
      ranges.every((r) => r.top > -height - 50 && r.bottom < 2 * height + 50),
      'every registered range is within a screen of the viewport',
    );
    // A run of the whole page's mentions (the thread repeats, so any run of it will do).
    const SEP = '\u0001';
    assert.ok(
      `${SEP}${expected.join(SEP)}${SEP}`.includes(`${SEP}${ranges.map((r) => r.text).join(SEP)}${SEP}`),
      `the registered mentions are a run of the expected ones: ${ranges.map((r) => r.text).join(', ')}`,
    );
    await page.close();
  });

  it('reads a block whose own text lies on both sides of where the first scan stopped, and that changed, once', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/straddle.html'));
    await settledRanges(page);

    // The division's opening changes: its own text is read again, but not the part the walk has still to reach.
    await page.evaluate(() => {
      (document.getElementById('straddle')!.firstChild as Text).data = 'The OASys score came first, and then MAPPA.';
    });
    await page.waitForTimeout(300);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await settledRanges(page);
    await page.evaluate(() => scrollTo(0, 0));
    await settledRanges(page);
    const own = await page.evaluate(() => {
      const division = document.getElementById('straddle')!;
      return [...(CSS.highlights.get('probation-jargon') ?? [])]
        .filter((r) => (r as AbstractRange).startContainer.parentNode === division)
        .map((r) => {
          const range = document.createRange();
          range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
          range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
          return range.toString();
        })
        .sort();
    });

    assert.deepEqual(own, ['MAPPA', 'OASys', 'ViSOR']);
    await page.close();
  });

  it('reads a long page again when it replaces its content, as a single-page app does', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/long.html'));
    await settledRanges(page);

    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.replaceChildren(
        ...Array.from({ length: 2000 }, (_, n) => {
          const p = document.createElement('p');
          p.textContent = `Page two, paragraph ${n}: the ViSOR record was checked before the parole hearing by the probation officer.`;
          return p;
        }),
      );
    });
    const ranges = await settledRanges(page);
    const height = await page.evaluate(() => innerHeight);

    assert.ok(
      ranges.some((r) => r.text === 'ViSOR' && r.top >= 0 && r.bottom <= height),
      "the new page's terms in the viewport are registered",
    );
    assert.ok(ranges.every((r) => r.text !== 'OASys'), 'nothing of the old page is left');
    await page.close();
  });

  it('registers the mentions at the end once the reader jumps there', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/long.html'));
    await settledRanges(page);

    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    const ranges = await settledRanges(page);
    const height = await page.evaluate(() => innerHeight);
    const near = ranges.filter((r) => r.top > -height - 50);

    assert.ok(
      near.some((r) => r.top >= 0 && r.bottom <= height),
      'mentions in the viewport are registered',
    );
    assert.deepEqual(
      near.map((r) => r.text),
      expected.slice(expected.length - near.length),
    );
    assert.ok(ranges.length <= DEFAULT_LIMIT, `${ranges.length} ranges registered`);
    await page.close();
  });

  it('once the reader has scrolled past more mentions than the limit, withdraws those far above the viewport', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/long.html'));
    await settledRanges(page);

    const { height, total } = await page.evaluate(() => ({
      height: innerHeight,
      total: document.documentElement.scrollHeight,
    }));
    for (let y = 0; y <= total; y += height) {
      await page.evaluate((top) => scrollTo(0, top), y);
      await page.waitForTimeout(30);
    }
    const ranges = await settledRanges(page);

    assert.ok(
      ranges.every((r) => r.top > -height - 50),
      'nothing far above the viewport is registered',
    );
    assert.deepEqual(
      ranges.map((r) => r.text),
      expected.slice(expected.length - ranges.length),
    );
    await page.close();
  });
});

// --- Helpers ---

interface RangeBox {
  text: string;
  top: number;
  bottom: number;
}

/** The registered ranges in document order, with their place in the viewport, once they stop changing. */
async function settledRanges(page: Page): Promise<RangeBox[]> {
  let last = '';
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(150);
    const ranges = await page.evaluate(() => {
      const live = [...(CSS.highlights.get('probation-jargon') ?? [])].map((r) => {
        const range = document.createRange();
        range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
        range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
        return range;
      });
      live.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      return live.map((range) => {
        const box = range.getBoundingClientRect();
        return { text: range.toString(), top: box.top, bottom: box.bottom };
      });
    });
    const key = ranges.map((r) => r.text).join('|');
    if (key && key === last) return ranges;
    last = key;
  }
  throw new Error('The highlight did not settle within 9 s');
}
