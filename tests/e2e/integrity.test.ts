/**
 * Page integrity in Chromium with the built extension: on hostile and
 * unusual pages the extension marks what it should, and the page keeps
 * working exactly as before. On every page:
 * - the page's own MutationObserver sees only the extension's card host come and go;
 * - `document.body.textContent` is what the page itself last left it;
 * - the page's own `message` listeners received nothing;
 * - there is no console error (and no warning from the extension), and no page error.
 * Across the whole run, every request goes to the fixture servers: the
 * extension makes none of its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import {
  launchWithExtension,
  ROOT,
  serve,
  type ExtensionBrowser,
  type FixtureServer,
  findCdpNode,
  withPiercedDocument,
} from './browser';

const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');
const HOST_TAG = 'probation-jargon-card';

describe('page integrity in Chromium with the built extension', () => {
  let browser: ExtensionBrowser;
  let server: FixtureServer;
  let other: FixtureServer;
  /** Console errors, extension warnings and page errors since the current test began. */
  let problems: string[] = [];

  before(async () => {
    // The cross-origin frame comes from another port under another name: another site, so another process.
    other = await serve(fixturePages(''));
    server = await serve(fixturePages(`http://localhost:${other.port}`));
    browser = await launchWithExtension();
    browser.context.on('console', (message) => {
      const problem = describeConsole(message);
      if (problem) problems.push(problem);
    });
    browser.context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`));
  });
  beforeEach(() => {
    problems = [];
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await other?.close();
  });

  it('Preact app: highlights follow re-renders, edits, moves and removals; the app’s nodes are its own', async () => {
    const page = await open('/preact-app.html');
    await waitForRanges(page, '#root');
    await hoverAndLeave(page, 'OASys');

    for (const action of ['rerender', 'edit', 'remove', 'add', 'reorder', 'blank', 'removeAll', 'restore', 'edit']) {
      await actOn(page, action);
      await waitForRanges(page, '#root', {
        min: action === 'removeAll' ? 0 : 1,
      });
    }
    await hoverAndLeave(page, 'OASys');

    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('editors: nothing is marked in a textarea, an input or an editable region; typing, the caret and undo work as before', async () => {
    const page = await open('/editors.html');
    await waitForRanges(page, 'body');
    const marked = await rangeElements(page);

    assert.deepEqual(marked, ['p#before', 'p#after']);

    // Textarea: type in the middle, the caret moves on by one, undo restores the text.
    await page.click('#textarea');
    await page.evaluate(() => (document.getElementById('textarea') as HTMLTextAreaElement).setSelectionRange(5, 5));
    await page.keyboard.type('X');
    assert.deepEqual(await fieldState(page, '#textarea'), {
      value: 'OASysX draft in a textarea',
      caret: 6,
    });
    await undoUntil(page, () => fieldValue(page, '#textarea'), 'OASys draft in a textarea');

    // Input.
    await page.click('#input');
    await page.evaluate(() => (document.getElementById('input') as HTMLInputElement).setSelectionRange(0, 0));
    await page.keyboard.type('An ');
    assert.deepEqual(await fieldState(page, '#input'), {
      value: 'An OASys in an input',
      caret: 3,
    });
    await undoUntil(page, () => fieldValue(page, '#input'), 'OASys in an input');

    // contenteditable: type a term after "OASys"; the caret stays where the typing left it; nothing inside is marked.
    await page.click('#editor');
    await page.evaluate(() => {
      const text = document.getElementById('editor')!.firstChild!;
      getSelection()!.setBaseAndExtent(text, 5, text, 5);
    });
    await page.keyboard.type(' and OASys');
    await page.waitForTimeout(300);
    assert.deepEqual(await editorState(page), {
      text: 'OASys and OASys in an editor',
      caretNode: 'OASys and OASys in an editor',
      caret: 15,
    });
    assert.deepEqual(await rangeElements(page), ['p#before', 'p#after']);
    await undoUntil(
      page,
      () => page.evaluate(() => document.getElementById('editor')!.textContent),
      'OASys in an editor',
    );

    // Hovering text in an editor opens no card.
    const box = (await page.locator('#editor').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate((tag) => !!document.querySelector(tag), HOST_TAG), false);

    await hoverAndLeave(page, 'OASys');
    // The typing and its undoing were the user's changes, inside the editors; anything else is the extension's.
    await assertIntact(page, (m) => /#(editor|textarea|input)\b/.test(m.path));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('code and pre: nothing inside code, pre, kbd or samp is marked; prose around them is', async () => {
    const page = await open('/code.html');
    await waitForRanges(page, 'body');

    assert.deepEqual(await rangeElements(page), ['p#prose', 'p']);
    await hoverAndLeave(page, 'OASys');
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('SVG and MathML text is NOT marked (nor HTML inside a foreignObject); the prose is', async () => {
    const page = await open('/svg.html');
    await waitForRanges(page, 'body');

    assert.deepEqual(await rangeElements(page), ['p#prose']);
    await hoverAndLeave(page, 'OASys');
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('frames: same-origin, cross-origin and srcdoc frames are marked and show their own card; sandboxed and designMode frames are NOT', async () => {
    const page = await open('/frames.html');
    await waitForRanges(page, 'body');
    const same = await frameOf(page, '#same');
    const cross = await frameOf(page, '#cross');
    const srcdoc = await frameOf(page, '#srcdoc');
    const sandboxed = await frameOf(page, '#sandboxed');
    const design = await frameOf(page, '#design');
    const quietBefore = await Promise.all([sandboxed, design].map((f) => f.evaluate(() => document.body.textContent)));

    for (const frame of [same, cross, srcdoc]) await waitForRanges(frame, 'body');
    await page.waitForTimeout(500);

    assert.deepEqual(await rangeTexts(page), ['OASys']);
    assert.deepEqual(await rangeTexts(same), ['OASys', 'OASys']);
    assert.deepEqual(await rangeTexts(cross), ['OASys', 'OASys']);
    assert.deepEqual(await rangeTexts(srcdoc), ['OASys']);
    assert.deepEqual(await rangeTexts(sandboxed), []);
    assert.deepEqual(await rangeTexts(design), []);
    assert.notEqual(new URL(cross.url()).host, new URL(page.url()).host);

    await hoverAndLeave(page, 'OASys', same);
    // Chromium sends a cross-site (out-of-process) frame no pointerout when the pointer leaves it for the
    // parent page, so there the card closes when the pointer comes back off the term (or on scroll).
    await hoverAndLeave(page, 'OASys', cross, 0, true);
    await hoverAndLeave(page, 'OASys');

    for (const frame of [page, same, cross]) await assertIntact(frame);
    assert.deepEqual(
      await Promise.all([sandboxed, design].map((f) => f.evaluate(() => document.body.textContent))),
      quietBefore,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('web components: light DOM and slotted text are marked; text inside shadow roots is NOT, and components still render', async () => {
    const page = await open('/shadow.html');
    await waitForRanges(page, 'body');

    assert.deepEqual(await rangeElements(page), ['p#light', 'span#slotted']);
    await page.evaluate(() => {
      for (const id of ['open', 'closed'])
        (document.getElementById(id) as HTMLElement & { rerender: () => void }).rerender();
    });
    assert.equal(
      await page.evaluate(() => document.getElementById('open')!.shadowRoot!.textContent),
      'OASys inside a open shadow root, again',
    );
    await hoverAndLeave(page, 'OASys');
    await hoverAndLeave(page, 'OASys', page, 1);

    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('hostile CSS (all: unset !important, max z-index cover, transforms, popover-hiding rules): the card is shown on top, next to the term', async () => {
    const page = await open('/hostile-css.html');
    await waitForRanges(page, 'body');

    for (const index of [0, 1]) {
      const term = await termRect(page, 'OASys', index);
      await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
      const card = await waitForCard(page);

      assert.ok(card.width >= 150 && card.height >= 60, `card too small: ${JSON.stringify(card)}`);
      assert.equal(card.onTop, true, 'the card is the topmost element at its centre');
      assert.ok(
        card.y >= term.y + term.height - 2 && card.y <= term.y + term.height + 30,
        `card not below the term: ${JSON.stringify({ card, term })}`,
      );
      assert.ok(card.x + card.width <= 1200 && card.x >= 0, 'card inside the viewport');
      await page.mouse.move(1100, 40);
      await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    }

    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('dark page in dark mode: the card is dark too', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.url('/dark.html'));
    await waitForRanges(page, 'body');

    const term = await termRect(page, 'OASys');
    await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
    await waitForCard(page);
    const style = await cardStyle(page, ['background-color', 'color']);

    assert.ok(luminance(style['background-color']!) < 0.1, `card background ${style['background-color']}`);
    assert.ok(luminance(style.color!) > 0.6, `card text ${style.color}`);
    await page.mouse.move(5, 400);
    await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('right-to-left page: both terms in Arabic text are marked and the card opens beside each, inside the viewport', async () => {
    const page = await open('/rtl.html');
    await waitForRanges(page, 'body');

    assert.deepEqual(await rangeTexts(page), ['OASys', 'OASys', 'OASys']);
    for (const index of [0, 1, 2]) {
      const term = await termRect(page, 'OASys', index);
      await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
      const card = await waitForCard(page);
      assert.ok(card.x >= 0 && card.x + card.width <= 1200, `card outside the viewport: ${JSON.stringify(card)}`);
      assert.ok(
        Math.abs(card.y - (term.y + term.height)) < 30,
        `card not next to the term: ${JSON.stringify({ card, term })}`,
      );
      await page.mouse.move(5, 800);
      await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    }
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('zoomed page (CSS zoom 1.75 and 0.6, then pinch zoom): hovering still finds the term and places the card beside it', async () => {
    const page = await open('/zoomed.html');
    await waitForRanges(page, 'body');

    for (const index of [0, 1]) {
      const term = await termRect(page, 'OASys', index);
      await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
      const card = await waitForCard(page);
      assert.ok(
        Math.abs(card.y - (term.y + term.height)) < 30,
        `card not next to the term: ${JSON.stringify({ card, term })}`,
      );
      await page.mouse.move(1100, 800);
      await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    }

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await page.waitForTimeout(200);
    await hoverAndLeave(page, 'OASys');
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await cdp.detach();

    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('fullscreen element: the card opens above it', async () => {
    const page = await open('/fullscreen.html');
    await waitForRanges(page, 'body');

    await page.click('#go');
    await page.waitForFunction(() => document.fullscreenElement?.id === 'stage');
    await page.waitForTimeout(300);
    const term = await termRect(page, 'OASys');
    await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
    const card = await waitForCard(page);

    assert.equal(card.onTop, true, 'the card is above the fullscreen element, and takes the pointer');
    await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2, {
      steps: 8,
    });
    await page.waitForTimeout(600);
    assert.equal(
      await page.evaluate((tag) => !!document.querySelector(tag), HOST_TAG),
      true,
      'the card stays while the pointer is on it',
    );
    await page.mouse.move(5, 800);
    await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    await page.evaluate(() => document.exitFullscreen());
    await hoverAndLeave(page, 'OASys');
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('modal dialog: the card opens above it and takes the pointer, though the rest of the page is inert', async () => {
    const page = await open('/dialog.html');
    await waitForRanges(page, '#behind');
    await hoverAndLeave(page, 'OASys');

    await actOn(page, 'open');
    await waitForRanges(page, 'body');
    const term = await termRect(page, 'OASys', 1);
    await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
    const card = await waitForCard(page);
    await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2, {
      steps: 8,
    });
    await page.waitForTimeout(600);

    assert.equal(card.onTop, true, 'the card is above the dialog');
    assert.equal(
      await page.evaluate((tag) => !!document.querySelector(tag), HOST_TAG),
      true,
      'the card stays while the pointer is on it',
    );
    await page.mouse.move(5, 5);
    await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);
    await actOn(page, 'close');
    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a page with its own highlights keeps them; when it clears CSS.highlights, ours come back on hover or on its next change', async () => {
    const page = await open('/highlights.html');
    await waitForRanges(page, 'body');
    const act = (name: string) => actOn(page, name);

    assert.deepEqual(await pageFind(page), {
      registered: true,
      size: 1,
      text: 'search',
    });

    const term = await termRect(page, 'OASys');
    await act('clearAll');
    assert.equal(await page.evaluate(() => CSS.highlights.has('probation-jargon')), false);
    await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
    await waitForRanges(page, 'body');
    await waitForCard(page);
    assert.deepEqual(await rangeTexts(page), ['OASys', 'OASys']);
    await page.mouse.move(5, 800);
    await page.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG);

    await act('reRegister');
    await act('takeOurName');
    await act('addLine');
    await waitForRanges(page, 'body');
    assert.deepEqual(await rangeTexts(page), ['OASys', 'OASys', 'OASys']);
    assert.deepEqual(await pageFind(page), {
      registered: true,
      size: 1,
      text: 'search',
    });

    await assertIntact(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('made no network request of its own: every request of the run went to the fixture servers', () => {
    const allowed = [
      server.url(''),
      other.url(''),
      `http://localhost:${other.port}`,
      `chrome-extension://${browser.extensionId}/`,
    ];
    const foreign = browser.requests.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)));

    assert.ok(browser.requests.length > 20, `the run made ${browser.requests.length} requests`);
    assert.deepEqual(foreign, []);
  });

  // --- Helpers that need the browser and server ---

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(server.url(path));
    return page;
  }
});

// --- Implementation helpers ---

type Target = Page | Frame;

interface MutationEntry {
  type: string;
  target: string;
  path: string;
  attribute: string | null;
  added: string[];
  removed: string[];
}

/** Runs one of the page's own `pageActions`, as the page's change (see integrity.js). */
async function actOn(target: Target, name: string): Promise<void> {
  await target.evaluate((n) => {
    const w = window as unknown as {
      __integrity: { act: (f: () => void) => void };
      pageActions: Record<string, () => void>;
    };
    w.__integrity.act(() => w.pageActions[n]!());
  }, name);
}

/** Every fixture page and script, plus Preact's UMD bundle; `crossOrigin` fills frames.html's other-site frame. */
function fixturePages(crossOrigin: string): Record<string, string> {
  const pages: Record<string, string> = {
    '/vendor/preact.umd.js': readFileSync(join(ROOT, 'node_modules', 'preact', 'dist', 'preact.umd.js'), 'utf8'),
    '/favicon.ico': '',
  };
  for (const name of readdirSync(PAGES)) {
    pages[`/${name}`] = readFileSync(join(PAGES, name), 'utf8').replaceAll('CROSS_ORIGIN', crossOrigin);
  }
  return pages;
}

/** A console error from anything, or a warning from the extension, as one line; else undefined. */
function describeConsole(message: ConsoleMessage): string | undefined {
  const from = message.location().url;
  const isExtension = from.startsWith('chrome-extension://');
  if (message.type() === 'error' || (isExtension && message.type() === 'warning'))
    return `${message.type()} from ${from}: ${message.text()}`;
  return undefined;
}

/** The page's mutation log holds only our host coming and going; its text is as the page left it. */
async function assertIntact(target: Target, isUsers: (m: MutationEntry) => boolean = () => false): Promise<void> {
  const { log, expected, text, messages } = await target.evaluate(() => {
    const integrity = (
      window as unknown as {
        __integrity: { log: unknown[]; expectedText: string; messages: string[] };
      }
    ).__integrity;
    return {
      log: integrity.log as MutationEntry[],
      expected: integrity.expectedText,
      text: document.body.textContent,
      messages: integrity.messages,
    };
  });
  // Our host: its own attributes, or it alone added or removed (under <html>, or inside a modal dialog or fullscreen element).
  const ours = (m: MutationEntry) =>
    m.target === HOST_TAG ||
    (m.type === 'childList' &&
      m.added.length + m.removed.length > 0 &&
      [...m.added, ...m.removed].every((n) => n === HOST_TAG));
  const foreign = log.filter((m) => !ours(m) && !isUsers(m));

  assert.deepEqual(foreign, [], `changes the page did not make, in ${target.url()}`);
  assert.ok(
    log.some((m) => m.added.includes(HOST_TAG)),
    `the card host never came, in ${target.url()}`,
  );
  assert.equal(text, expected, `body text changed, in ${target.url()}`);
  assert.deepEqual(messages, [], `window messages reached the page, in ${target.url()}`);
}

/**
 * Waits until every range in our highlight lies in connected text, inside
 * its bounds, and the "OASys" ranges under `scope` match the page's OASys
 * words there, one for one.
 */
async function waitForRanges(target: Target, scope: string, { min = 1, timeout = 5000 } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  let state: { valid: boolean; marked: number; words: number } | undefined;
  for (;;) {
    state = await target.evaluate((selector) => {
      const root = document.querySelector(selector)!;
      const ranges = [...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[];
      const valid = ranges.every(
        (r) =>
          r.startContainer.isConnected &&
          r.endContainer.isConnected &&
          r.startOffset <= (r.startContainer as Text).length &&
          r.endOffset <= (r.endContainer as Text).length,
      );
      const marked = ranges.filter((r) => {
        if (!root.contains(r.startContainer)) return false;
        const live = new Range();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString() === 'OASys';
      }).length;
      // OASys words in readable text under the scope: not in editors, code, SVG, frames or shadow roots.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let words = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('textarea, [contenteditable], pre, code, kbd, samp, svg, math, script, style')) continue;
        words += (n.textContent!.match(/\bOASys\b/g) ?? []).length;
      }
      return { valid, marked, words };
    }, scope);
    if (state.valid && state.marked === state.words && state.words >= min) return;
    if (Date.now() > deadline)
      throw new Error(
        `Highlights never matched the page in ${target.url()}: ${JSON.stringify(state)} ${await target.evaluate(() => document.body.textContent)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The texts of our ranges, in document order. */
function rangeTexts(target: Target): Promise<string[]> {
  return target.evaluate(() =>
    ([...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[])
      .map((r) => {
        const live = new Range();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live;
      })
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((r) => r.toString()),
  );
}

/** The element around each of our "OASys" ranges, as tag#id, in document order. */
function rangeElements(target: Target): Promise<string[]> {
  return target.evaluate(() =>
    ([...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[])
      .filter(
        (r) => r.startContainer.getRootNode() === document || r.startContainer.getRootNode() instanceof ShadowRoot,
      )
      .map((r) => {
        const live = new Range();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live;
      })
      .filter((r) => r.toString() === 'OASys')
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((r) => {
        const el = r.startContainer.parentElement!;
        const root = r.startContainer.getRootNode();
        return `${root === document ? '' : 'shadow:'}${el.localName}${el.id ? `#${el.id}` : ''}`;
      }),
  );
}

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`No frame in ${selector}`);
  await frame.waitForLoadState();
  return frame;
}

/** The viewport rectangle of the index-th highlighted `text` in `target`, scrolled into view. */
async function termRect(
  target: Target,
  text: string,
  index = 0,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const rect = await target.evaluate(
    ([wanted, n]) => {
      const ranges = ([...(CSS.highlights.get('probation-jargon') ?? [])] as AbstractRange[])
        .map((r) => {
          const live = new Range();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          return live;
        })
        .filter((r) => r.toString() === wanted)
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges[n as number];
      if (!range) return null;
      range.startContainer.parentElement!.scrollIntoView({
        block: 'nearest',
        inline: 'nearest',
      });
      const r = range.getClientRects()[0]!;
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    [text, index] as const,
  );
  if (!rect) throw new Error(`No highlighted "${text}" #${index} in ${target.url()}`);
  // Let any scroll it caused fire first: a scroll closes the card.
  await target.waitForTimeout(100);
  return rect;
}

/**
 * Hovers the index-th highlighted `text` (in a frame, if given), waits for the card there, then moves
 * away until it hides: off the page, or with `leaveWithin`, to a blank point inside the frame.
 */
async function hoverAndLeave(
  page: Page,
  text: string,
  target: Target = page,
  index = 0,
  leaveWithin = false,
): Promise<void> {
  const rect = await termRect(target, text, index);
  let dx = 0;
  let dy = 0;
  if (target !== page) {
    const box = (await (await (target as Frame).frameElement()).boundingBox())!;
    dx = box.x;
    dy = box.y;
  }
  const x = dx + rect.x + rect.width / 2;
  const y = dy + rect.y + rect.height / 2;
  await page.mouse.move(x, y);
  await target
    .waitForFunction((tag) => !!document.querySelector(tag), HOST_TAG, {
      timeout: 3000,
    })
    .catch(async (error: Error) => {
      const describeAt = ([px, py]: number[]) => {
        const el = document.elementFromPoint(px!, py!);
        return el ? `${el.localName}#${el.id}: ${el.textContent?.slice(0, 60)}` : null;
      };
      const seen = await page.evaluate(describeAt, [x, y]);
      const inner = await target.evaluate(describeAt, [rect.x + rect.width / 2, rect.y + rect.height / 2]);
      throw new Error(
        `${error.message}: no card after hovering "${text}" at ${x},${y} (${JSON.stringify({ rect, dx, dy, seen, inner })})`,
      );
    });
  if (leaveWithin) await page.mouse.move(dx + 5, dy + 5);
  else await page.mouse.move(1190, 890);
  await target.waitForFunction((tag) => !document.querySelector(tag), HOST_TAG, { timeout: 3000 });
}

/** Waits for the card host; returns its box and whether it is what the page hit-tests at its centre. */
async function waitForCard(page: Page): Promise<{
  x: number;
  y: number;
  width: number;
  height: number;
  onTop: boolean;
}> {
  await page.waitForFunction((tag) => {
    const host = document.querySelector(tag);
    return !!host && host.getBoundingClientRect().height > 0 && host.getBoundingClientRect().x !== 0;
  }, HOST_TAG);
  await page.waitForTimeout(100);
  return page.evaluate((tag) => {
    const host = document.querySelector(tag)!;
    const r = host.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return {
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
      onTop: hit === host,
    };
  }, HOST_TAG);
}

/** Computed style of the card inside its closed shadow root, through the DevTools protocol. */
async function cardStyle(page: Page, properties: string[]): Promise<Record<string, string>> {
  return withPiercedDocument(page, async (root, cdp) => {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const card = findCdpNode(root, (n) => n.localName === 'article' && (n.attributes ?? []).join(' ').includes('card'));
    if (!card) throw new Error('No card in the page');
    const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', {
      nodeId: card.nodeId,
    })) as {
      computedStyle: { name: string; value: string }[];
    };
    return Object.fromEntries(computedStyle.filter((p) => properties.includes(p.name)).map((p) => [p.name, p.value]));
  });
}

/** Relative luminance (0 black, 1 white) of a CSS rgb() or rgba() colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function fieldValue(page: Page, selector: string): Promise<string> {
  return page.locator(selector).inputValue();
}

async function fieldState(page: Page, selector: string): Promise<{ value: string; caret: number | null }> {
  return page.evaluate((s) => {
    const field = document.querySelector(s) as HTMLInputElement | HTMLTextAreaElement;
    return { value: field.value, caret: field.selectionStart };
  }, selector);
}

async function editorState(page: Page): Promise<{ text: string | null; caretNode: string | null; caret: number }> {
  return page.evaluate(() => {
    const selection = getSelection()!;
    return {
      text: document.getElementById('editor')!.textContent,
      caretNode: selection.anchorNode?.textContent ?? null,
      caret: selection.anchorOffset,
    };
  });
}

/** Presses Ctrl+Z until `read` gives `want` (undo may go a word at a time), failing after ten presses. */
async function undoUntil(page: Page, read: () => Promise<string | null>, want: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if ((await read()) === want) return;
    await page.keyboard.press('Control+z');
  }
  assert.equal(await read(), want, 'undo did not restore the text');
}

async function pageFind(page: Page): Promise<{ registered: boolean; size: number; text: string }> {
  return page.evaluate(() => {
    const w = window as unknown as { pageFind: Highlight };
    const mine = CSS.highlights.get('page-find');
    const range = [...(mine ?? [])][0] as AbstractRange | undefined;
    const live = new Range();
    if (range) {
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
    }
    return {
      registered: mine === w.pageFind,
      size: mine?.size ?? 0,
      text: live.toString(),
    };
  });
}
