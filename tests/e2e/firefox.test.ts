/**
 * The core browser tests, in Firefox (Debian's firefox-esr over WebDriver
 * BiDi, see firefox.ts) with the built Firefox extension: the corpus page's
 * highlights, the card on hover in a closed shadow root, no change to the
 * page, no false positive on a trap page, a long page read lazily, no
 * console error, and no request but the page's own. Skipped, saying why, where firefox-esr or the Firefox
 * build is missing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpusPage, ROOT, serve, type FixtureServer } from './browser';
import { findUnknownTerms } from '../../lib/core/unknown-terms';
import { LAZY_FROM } from '../../lib/dom/page-scanner';
import { expectedHighlights, glossary, paragraphsOf } from './expected';
import {
  canRunFirefox,
  extensionUrl,
  FIREFOX,
  FIREFOX_BUILD,
  launchFirefoxWithExtension,
  type FirefoxBrowser,
  type FirefoxPage,
} from './firefox';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const corpus = readFileSync(join(FIXTURES, 'corpus', 'onprobation-staffing-2019.txt'), 'utf8');
const arms = readFileSync(join(FIXTURES, 'traps', 't04-arms-trade-treaty-asil.txt'), 'utf8');
/** Some 490,000 characters: read lazily, near the viewport first (see LAZY_FROM). */
const long = Array.from({ length: 12 }, () => corpus).join('\n');
const HOST_TAG = 'probation-jargon-card';
const UNKNOWN_PAGE = corpusPage(
  'Reviews',
  `The Quarterly Zonal Review Panel (QZRP) meets monthly with the probation officer.

The QZRP looks at OASys scores and licence conditions.`,
);
const skip = canRunFirefox()
  ? false
  : `needs ${FIREFOX} (apt-get install firefox-esr) and a Firefox build in ${FIREFOX_BUILD} (npm run build:firefox)`;

describe('content script in Firefox with the built extension', { skip }, () => {
  let firefox: FirefoxBrowser;
  let server: FixtureServer;
  /** Hosts Firefox itself contacts with no extension installed, visiting the same pages. */
  let firefoxOwn: Set<string>;

  before(async () => {
    server = await serve({
      '/corpus.html': corpusPage('Staffing', corpus),
      '/arms.html': corpusPage('Arms trade', arms),
      '/unknown.html': UNKNOWN_PAGE,
      '/long.html': corpusPage('Twelve times the staffing thread', long),
      '/favicon.ico': '',
    });
    const baseline = await launchFirefoxWithExtension(null);
    for (const path of ['/corpus.html', '/arms.html']) await baseline.page.goto(server.url(path));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await baseline.close();
    firefoxOwn = new Set(baseline.requests.filter((url) => !url.startsWith(server.url('/'))).map(hostOf));
    firefox = await launchFirefoxWithExtension();
  });
  after(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('registers every expected mention of a corpus page in the probation-jargon highlight', async () => {
    const expected = expectedHighlights(paragraphsOf(corpus));

    await firefox.page.goto(server.url('/corpus.html'));
    const texts = await waitForStableHighlights(firefox.page, expected.length);

    assert.ok(expected.length > 0);
    assert.deepEqual(texts, expected);
  });

  it('opens the card in a closed shadow root on hover, and hides it when the pointer leaves', async () => {
    const page = firefox.page;
    const point = await page.evaluate(() => {
      for (const r of CSS.highlights.get('probation-jargon') ?? []) {
        const range = new Range();
        range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
        range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
        if (!/^oasys$/i.test(range.toString())) continue;
        range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0]!;
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    });
    assert.ok(point, 'an OASys mention to hover');

    await page.mouseMove(point.x, point.y);
    await page.waitFor(() => !!document.querySelector('probation-jargon-card'), 3000);
    const card = await page.evaluate((tag) => {
      const host = document.querySelector(tag) as HTMLElement;
      const rect = host.getBoundingClientRect();
      return {
        shadowRoot: host.shadowRoot === null ? 'hidden' : 'open',
        width: rect.width,
        height: rect.height,
        inBody: document.body.contains(host),
      };
    }, HOST_TAG);

    assert.deepEqual(
      { ...card, width: card.width > 150, height: card.height > 60 },
      { shadowRoot: 'hidden', width: true, height: true, inBody: false },
    );
    await page.mouseMove(5, 5);
    await page.waitFor(() => !document.querySelector('probation-jargon-card'), 3000);
  });

  it('changes no node of the page: the page’s own MutationObserver sees only the card host come and go', async () => {
    const mutations = await firefox.page.evaluate(
      () =>
        (window as unknown as { __mutations: { type: string; target: string; added: string[]; removed: string[] }[] })
          .__mutations,
    );
    const foreign = mutations.filter(
      (m) =>
        m.target !== 'PROBATION-JARGON-CARD' &&
        !(m.type === 'childList' && [...m.added, ...m.removed].every((n) => n === 'PROBATION-JARGON-CARD')),
    );

    assert.deepEqual(foreign, []);
    assert.ok(mutations.length >= 2, 'the card host came and went');
  });

  it('does NOT highlight "arms" or "Arms" on an arms-trade page', async () => {
    await firefox.page.goto(server.url('/arms.html'));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    assert.deepEqual(await highlightTexts(firefox.page), []);
  });

  it('answers an extension page’s tab messages through Firefox’s own API: terms, unknown terms, selection, card, reveal', async () => {
    const page = firefox.page;
    const pageUrl = server.url('/unknown.html');
    await page.goto(pageUrl);
    await page.waitFor(() => (CSS.highlights.get('probation-jargon')?.size ?? 0) > 0, 10_000);
    // "Suggest an edit" on the card: the content script asks the background to open the options page,
    // the extension page the tab messages are sent from (WebDriver BiDi may not open one itself).
    const card = await openCardAt(page, 'OASys');
    await page.click(card.right - 40, card.bottom - 20);
    const options = await firefox.waitForPage(extensionUrl('/options.html#suggest?id=oasys'));
    await page.mouseMove(5, 5);
    await page.waitFor(() => !document.querySelector('probation-jargon-card'), 3000);
    // Select "OASys", as a reader does before the keyboard command or the context menu.
    await page.evaluate(() => {
      const text = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('OASys'))!.firstChild!;
      const start = text.textContent!.indexOf('OASys');
      const range = new Range();
      range.setStart(text, start);
      range.setEnd(text, start + 'OASys'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });

    const [pageTerms, unknownTerms, selectionContext, showCardAtSelection] = await askTab(options, [
      { type: 'pageTerms' },
      { type: 'unknownTerms' },
      { type: 'selectionContext' },
      { type: 'showCardAtSelection' },
    ]);
    const cardShown = await page.evaluate((tag) => !!document.querySelector(tag), HOST_TAG);
    const [revealKnown, revealUnknown] = await askTab(options, [
      { type: 'revealTerm', id: 'oasys' },
      { type: 'revealTerm', id: 'no-such-entry' },
    ]);

    const terms = pageTerms as { terms: { id: string; count: number }[]; host: string };
    // The page's text, in which the popup finds the unknown terms.
    const unknown = unknownTerms as { enabled: boolean; text: string; pageUrl: string };
    const selection = selectionContext as { selection: string; sentence: string; pageUrl: string };
    assert.deepEqual(
      terms.terms.find((t) => t.id === 'oasys'),
      { id: 'oasys', headword: 'OASys', count: 1 },
    );
    assert.equal(terms.host, new URL(pageUrl).hostname);
    assert.deepEqual(
      {
        enabled: unknown.enabled,
        pageUrl: unknown.pageUrl,
        terms: findUnknownTerms(unknown.text, glossary)
          .filter((t) => t.text === 'QZRP')
          .map(({ text, count, expansion }) => ({ text, count, expansion })),
      },
      { enabled: true, terms: [{ text: 'QZRP', count: 2, expansion: 'Quarterly Zonal Review Panel' }], pageUrl },
    );
    assert.deepEqual(
      { selection: selection.selection, sentence: selection.sentence, pageUrl: selection.pageUrl },
      { selection: 'OASys', sentence: 'The QZRP looks at OASys scores and licence conditions.', pageUrl },
    );
    assert.deepEqual(
      { showCardAtSelection, cardShown, revealKnown, revealUnknown },
      {
        showCardAtSelection: { shown: true },
        cardShown: true,
        revealKnown: { found: true },
        revealUnknown: { found: false },
      },
    );
  });

  it('reads a long page near the viewport first, and all of it for the popup’s list of terms', async () => {
    // The extension page that the test above had the extension open sends the popup's message.
    const options = await firefox.waitForPage(extensionUrl('/options.html'));
    const expected = expectedHighlights(paragraphsOf(long));
    assert.ok(long.length > LAZY_FROM);

    await firefox.page.goto(server.url('/long.html'));
    const first = await waitForStableHighlights(firefox.page, 1);
    const [answer] = await askTab(options, [{ type: 'pageTerms' }]);

    assert.ok(first.length > 10 && first.length < expected.length / 10, `registered ${first.length} of ${expected.length}`);
    assert.deepEqual(first, expected.slice(0, first.length));
    const terms = (answer as { terms: { count: number }[] }).terms;
    assert.equal(
      terms.reduce((sum, term) => sum + term.count, 0),
      expected.length,
    );
  });

  it('logged no error, from the pages or the extension', () => {
    assert.deepEqual(
      firefox.logs.filter(
        (l) => l.level === 'error' || (l.level === 'warn' && l.source.startsWith('moz-extension://')),
      ),
      [],
    );
  });

  it('made no request but the pages’ own: every request through the proxy went to the fixture server, or is one Firefox makes without the extension', () => {
    const foreign = firefox.requests.filter((url) => !url.startsWith(server.url('/')) && !firefoxOwn.has(hostOf(url)));

    assert.ok(firefox.requests.includes(server.url('/corpus.html')));
    assert.deepEqual(foreign, []);
    assert.ok(
      [...firefoxOwn].every((host) => /(^|\.)(mozilla\.(com|net|org)|firefox\.com):443$/.test(host)),
      `Firefox's own: ${[...firefoxOwn].join(', ')}`,
    );
  });
});

// --- Implementation helpers ---

/** "host:port" of a proxied URL or CONNECT line. */
function hostOf(request: string): string {
  if (request.startsWith('CONNECT ')) return request.slice('CONNECT '.length);
  try {
    return new URL(request).host;
  } catch {
    return request;
  }
}

/**
 * Sends each message from the extension page `from` to the one other tab,
 * as the popup does to the page it is about; returns the answers. (Without
 * the "tabs" permission the extension cannot read tabs' addresses.)
 */
function askTab(from: FirefoxPage, messages: object[]): Promise<unknown[]> {
  return from.evaluate(async (list) => {
    type Tabs = {
      getCurrent(): Promise<{ id: number }>;
      query(filter: object): Promise<{ id: number }[]>;
      sendMessage(tabId: number, message: object): Promise<unknown>;
    };
    const tabs = (globalThis as unknown as { browser: { tabs: Tabs } }).browser.tabs;
    const own = (await tabs.getCurrent()).id;
    const others = (await tabs.query({})).filter((tab) => tab.id !== own);
    if (others.length !== 1) throw new Error(`expected one other tab, found ${others.length}`);
    const answers: unknown[] = [];
    for (const message of list) answers.push(await tabs.sendMessage(others[0]!.id, message));
    return answers;
  }, messages);
}

/** Rests the pointer on the first highlighted `term` until its card opens; returns the card's rectangle. */
async function openCardAt(page: FirefoxPage, term: string): Promise<{ right: number; bottom: number }> {
  const point = await page.evaluate((text) => {
    for (const r of CSS.highlights.get('probation-jargon') ?? []) {
      const range = new Range();
      range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
      range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
      if (range.toString() !== text) continue;
      const rect = range.getClientRects()[0]!;
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, term);
  assert.ok(point, `a highlighted ${term} to rest the pointer on`);
  await page.mouseMove(point.x, point.y);
  await page.waitFor(() => !!document.querySelector('probation-jargon-card'), 3000);
  // The card's "Suggest an edit" sits at the right of its last line, inside 14 px of padding.
  return page.evaluate((tag) => {
    const { right, bottom } = document.querySelector(tag)!.getBoundingClientRect();
    return { right, bottom };
  }, HOST_TAG);
}

function highlightTexts(page: FirefoxPage): Promise<string[]> {
  return page.evaluate(() =>
    ([...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[])
      .map((r) => {
        const range = new Range();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range;
      })
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((r) => r.toString()),
  );
}

async function waitForStableHighlights(page: FirefoxPage, min: number, timeout = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  let last: string[] = [];
  for (;;) {
    const texts = await highlightTexts(page);
    if (texts.length >= min && texts.length === last.length) return texts;
    if (Date.now() > deadline) return texts;
    last = texts;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
