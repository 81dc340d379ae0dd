/**
 * One measurement each: a page loaded once, in a browser with or without the
 * extension. Nothing here polls the page while a trace is recording, because
 * DevTools evaluations run microtasks that the trace would blame on the
 * extension (see trace.ts); runs wait a fixed settling time instead.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { pointOfTerm } from '../tests/e2e/browser';
import { PEER_END, PEER_START, runFloor, runMarkKeywords, runMarkRegExp, type PeerResult, type Terms } from './peers';
import { mainThreadOf, markedSpan, startTrace, threadUse, type Thread, type ThreadUse, type TraceEvent } from './trace';

export interface LoadOptions {
  context: BrowserContext;
  url: string;
  /** Milliseconds to wait after `load` for the extension to finish. */
  settleMs: number;
}

export interface StaticRun {
  use: ThreadUse;
  /** DOMContentLoaded to the frame that first showed the final set of registered highlights. */
  dclToLastMs?: number;
  /** DOMContentLoaded to the end of the extension's last script: the first scan done (on a long page, the text near the viewport read). */
  dclToScanDoneMs?: number;
  /** Whether highlights were still changing near the end of the settling time. */
  unsettled: boolean;
  highlights: number;
  heapBytes: number;
}

export interface Loaded {
  page: Page;
  cdp: CDPSession;
  main: Thread;
  run: StaticRun;
}

/** Loads a static page while tracing; the page stays open for follow-up measurements. */
export async function loadStatic({ context, url, settleMs }: LoadOptions): Promise<Loaded> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  const events = await stop();
  const probe = await readProbe(page);
  await page.evaluate(() => (window.__bench.stop = true));
  const last = probe.sizes.at(-1);
  const main = mainThreadOf(events, url);
  const use = threadUse(events, main);
  const dcl = events.find((e) => e.name === 'MarkDOMContent' && e.pid === main.pid && e.tid === main.tid);
  const run: StaticRun = {
    use,
    dclToLastMs: last ? last[0] - probe.dcl : undefined,
    dclToScanDoneMs: dcl && use.lastExtensionEnd ? (use.lastExtensionEnd - dcl.ts) / 1000 : undefined,
    unsettled: !!last && probe.now - last[0] < Math.min(500, settleMs / 3),
    highlights: last?.[1] ?? 0,
    heapBytes: await heapUsed(cdp),
  };
  return { page, cdp, main, run };
}

export interface ReadThroughRun {
  /** The main thread while the reader scrolls from the top to the end. */
  use: ThreadUse;
  /** Wheel turns of one screen each. */
  screens: number;
  /** Whether the last screen was reached. */
  reachedEnd: boolean;
}

/**
 * Scrolls a loaded page from the top to the end a screen at a time, as a
 * reader would, with the mouse wheel (no script of ours in the page): what
 * reading a long page in full costs, the text that a lazily read page left
 * for later included.
 */
export async function measureReadThrough({ page, cdp, main }: Loaded, { pauseMs }: { pauseMs: number }): Promise<ReadThroughRun> {
  const { height, total } = await page.evaluate(() => ({ height: innerHeight, total: document.documentElement.scrollHeight }));
  await page.mouse.move(height / 2, height / 2);
  const stop = await startTrace(cdp);
  let screens = 0;
  for (let y = 0; y + height < total; y += height) {
    await page.mouse.wheel(0, height);
    await page.waitForTimeout(pauseMs);
    screens++;
  }
  await page.waitForTimeout(1000);
  const events = await stop();
  const reachedEnd = await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
  return { use: threadUse(events, main), screens, reachedEnd };
}

/** The floor, mark.js with keywords or mark.js with one RegExp, on a freshly loaded page. */
export async function runPeer(
  kind: 'floor' | 'markKeywords' | 'markRegExp',
  { context, url, terms }: { context: BrowserContext; url: string; terms: Terms },
): Promise<PeerResult> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const stop = await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => (window.__bench.stop = true));
    const result = kind === 'floor' ? await runFloor(page, terms) : kind === 'markKeywords' ? await runMarkKeywords(page, terms) : await runMarkRegExp(page, terms);
    const events = await stop();
    return { ...result, cpuMs: markedSpan(events, mainThreadOf(events, url), PEER_START, PEER_END).cpuMs };
  } finally {
    await page.close();
  }
}

/** Main-thread time while the page sits still, and the extension's part of it. */
export async function measureIdle({ page, cdp, main }: Loaded, ms: number): Promise<{ taskMsPerS: number; use: ThreadUse }> {
  const before = await metric(cdp, 'TaskDuration');
  const stop = await startTrace(cdp);
  await page.waitForTimeout(ms);
  const events = await stop();
  const after = await metric(cdp, 'TaskDuration');
  return { taskMsPerS: ((after - before) * 1000) / (ms / 1000), use: threadUse(events, main) };
}

/**
 * How the page is set up before its DOM edits are timed: as it is; with a
 * MutationObserver like the extension's (what watching for new text costs
 * by itself); or with `liveRanges` live Range objects over its text (what
 * the extension would cost had it kept live Ranges instead of StaticRanges).
 */
export type EditSetup = { kind: 'as-is' } | { kind: 'observer' } | { kind: 'live-ranges'; count: number };

/**
 * The page's own DOM updates, timed in the page: append a character to the
 * text of the first 2,000 paragraphs, then insert and remove a paragraph
 * before each of the first 1,000; once to warm up, then five times. Returns
 * the median of the five, for 3,000 edits.
 */
export function measureDomEdits(page: Page, setup: EditSetup = { kind: 'as-is' }): Promise<number> {
  return page.evaluate((setup) => {
    const paragraphs = [...document.querySelectorAll('main p')];
    if (setup.kind === 'observer') {
      const observer = new MutationObserver(() => undefined);
      observer.observe(document, { childList: true, characterData: true, subtree: true });
    } else if (setup.kind === 'live-ranges') {
      const ranges: Range[] = [];
      for (let i = 0; ranges.length < setup.count && i < paragraphs.length * 4; i++) {
        const text = paragraphs[i % paragraphs.length]!.firstChild as Text | null;
        if (!text) continue;
        const range = document.createRange();
        const at = Math.floor(i / paragraphs.length) * 8;
        range.setStart(text, Math.min(at, text.length));
        range.setEnd(text, Math.min(at + 5, text.length));
        ranges.push(range);
      }
      (window as unknown as { __ranges: Range[] }).__ranges = ranges;
    }
    const edited = paragraphs.slice(0, 2000);
    const rounds: number[] = [];
    for (let round = 0; round < 6; round++) {
      const t0 = performance.now();
      for (const p of edited) {
        const text = p.firstChild as Text | null;
        if (text) text.data += ' ';
      }
      for (const p of edited.slice(0, 1000)) {
        const extra = document.createElement('p');
        extra.textContent = 'An inserted paragraph.';
        p.before(extra);
        extra.remove();
      }
      if (round > 0) rounds.push(performance.now() - t0);
    }
    return rounds.sort((a, b) => a - b)[2]!;
  }, setup);
}

export interface HoverResult {
  /** Pointer event to card positioned, minus the hover delay, per term. */
  delaysMs: number[];
}

/** Rests the pointer on up to `count` different highlighted terms and times each card. */
export async function measureHover(page: Page, { count, hoverDelayMs }: { count: number; hoverDelayMs: number }): Promise<HoverResult> {
  const texts = await page.evaluate((n) => {
    const seen = new Set<string>();
    for (const r of CSS.highlights.get('probation-jargon') ?? []) {
      const range = document.createRange();
      range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
      range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
      const text = range.toString();
      if (text.length >= 3 && !text.includes(' ')) seen.add(text);
      if (seen.size >= n) break;
    }
    return [...seen];
  }, count);

  const delaysMs: number[] = [];
  for (const text of texts) {
    await page.mouse.move(2, 2);
    await page.waitForFunction(() => !document.querySelector('probation-jargon-card'), undefined, { timeout: 2000 });
    const { x, y } = await pointOfTerm(page, text);
    await page.waitForTimeout(300);
    await page.evaluate(watchCard);
    await page.mouse.move(x, y);
    const handle = await page.waitForFunction(
      () => {
        const b = window.__bench;
        return b.cardAt > 0 && b.pointer > 0 ? b.cardAt - b.pointer : 0;
      },
      undefined,
      { timeout: 3000 },
    );
    delaysMs.push((await handle.jsonValue()) - hoverDelayMs);
  }
  await page.mouse.move(2, 2);
  return { delaysMs };
}

export interface ScrollRun {
  use: ThreadUse;
  /** Per append: time until the extension had rescanned it (see scanDelays). */
  delaysMs: number[];
  /** Per append still in view when highlighted: time until its first term was, as the page saw it. */
  seenMs: number[];
  highlights: number;
  appends: number;
}

/** The infinite-scroll page: how long each append waits for its highlights. */
export async function measureScroll({ context, url, settleMs, durationMs }: LoadOptions & { durationMs: number }): Promise<ScrollRun> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(durationMs + settleMs);
  const events = await stop();
  const probe = await readProbe(page);
  await page.close();

  const main = mainThreadOf(events, url);
  // Only batches still in view can be seen highlighted: at one append per 100 ms, the next one
  // can scroll a batch out of the highlighted window before its turn.
  const seenMs = probe.appends.flatMap((at, i) => (probe.seen[i] ? [Math.max(0, probe.seen[i]! - at)] : []));
  return { use: threadUse(events, main), delaysMs: scanDelays(events, main), seenMs, highlights: probe.sizes.at(-1)?.[1] ?? 0, appends: probe.appends.length };
}

/**
 * Per append (the page's performance.mark('pj-append')), milliseconds until
 * the end of the extension's next timer task: the rescan of changed text,
 * which registers what is in view (a block new to the highlight window waits
 * one more frame for its first report).
 */
function scanDelays(events: readonly TraceEvent[], main: Thread): number[] {
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const calls = onMain.filter((e) => e.name === 'FunctionCall');
  const within = (outer: TraceEvent) => calls.filter((c) => outer.ts <= c.ts && c.ts < outer.ts + (outer.dur ?? 0));
  const isOurs = (call: TraceEvent) => !!call.args?.data?.url?.startsWith('chrome-extension://');
  // The extension's own timers: script in them is all ours (the page's timer appends, and
  // the extension's observer then runs in the same task).
  const rescans = onMain
    .filter((e) => e.name === 'TimerFire' && e.ph === 'X')
    .filter((timer) => {
      const inside = within(timer);
      return inside.length > 0 && inside.every(isOurs);
    })
    .sort((a, b) => a.ts - b.ts);
  return onMain
    .filter((e) => e.name === 'pj-append' && e.cat.includes('user_timing'))
    .map((mark) => {
      const rescan = rescans.find((timer) => timer.ts > mark.ts);
      return rescan ? (rescan.ts + (rescan.dur ?? 0) - mark.ts) / 1000 : Infinity;
    });
}

/**
 * Scrolls the page to a few places and times, in the page, how long until a
 * highlighted term in the viewport is registered (at once, unless the page
 * has more mentions than the highlight holds in full; see HighlightWindow).
 */
export function measureScrollIntoView(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const delays: number[] = [];
    for (const share of [0.3, 0.6, 0.9]) {
      const t0 = performance.now();
      scrollTo(0, share * (document.documentElement.scrollHeight - innerHeight));
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const inView = [...(CSS.highlights.get('probation-jargon') ?? [])].some((r) => {
          const range = document.createRange();
          range.setStart((r as AbstractRange).startContainer, (r as AbstractRange).startOffset);
          range.setEnd((r as AbstractRange).endContainer, (r as AbstractRange).endOffset);
          const box = range.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        });
        if (inView) break;
        if (performance.now() - t0 > 3000) return [...delays, Infinity];
      }
      delays.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return delays;
  });
}

export interface RenderRun {
  use: ThreadUse;
  /** The page's own update time per frame. */
  updatesMs: number[];
  seconds: number;
}

/** The re-rendering page: its own update cost per frame, and the extension's time. */
export async function measureRender({ context, url, settleMs, durationMs }: LoadOptions & { durationMs: number }): Promise<RenderRun> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(durationMs + settleMs);
  const events = await stop();
  const probe = await readProbe(page);
  await page.close();
  return { use: threadUse(events, mainThreadOf(events, url)), updatesMs: probe.updates, seconds: (durationMs + settleMs) / 1000 };
}

// --- Implementation helpers ---

interface Probe {
  dcl: number;
  now: number;
  sizes: [number, number][];
  appends: number[];
  /** By append: when its first highlighted term was seen. */
  seen: (number | null)[];
  updates: number[];
}

declare global {
  interface Window {
    __bench: Probe & { stop: boolean; pointer: number; cardAt: number };
  }
}

function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const b = window.__bench;
    return { dcl: b.dcl, now: performance.now(), sizes: b.sizes, appends: b.appends, seen: b.seen, updates: b.updates };
  });
}

/** In the page: note the last pointer event and the moment the card is placed. */
function watchCard(): void {
  const b = window.__bench;
  b.pointer = 0;
  b.cardAt = 0;
  addEventListener('pointermove', (e) => (b.pointer = e.timeStamp), { capture: true, once: true });
  const placed = new MutationObserver(() => {
    if (!b.cardAt) b.cardAt = performance.now();
    placed.disconnect();
  });
  const added = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if ((node as Element).localName !== 'probation-jargon-card') continue;
        added.disconnect();
        // Placed in the same task as it was added (this callback runs at that task's end), or
        // later, when its transform changes.
        if ((node as HTMLElement).style.transform.includes('translate')) b.cardAt = performance.now();
        else placed.observe(node, { attributes: true, attributeFilter: ['style'] });
      }
    }
  });
  added.observe(document.documentElement, { childList: true });
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === name)?.value ?? 0;
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return metric(cdp, 'JSHeapUsedSize');
}
