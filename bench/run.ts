/**
 * `npm run bench`: builds the extension into its own folder, serves generated
 * pages on loopback and measures the content script in Chromium, against the
 * same pages without the extension, the floor and mark.js. Prints Markdown
 * tables of medians and the issue's targets.
 *
 *   npm run bench                 # full sizes, 5 runs
 *   npm run bench -- --runs 3     # fewer runs
 *   npm run bench -- --smoke      # small sizes, 1 run: proves the benchmark still works (CI)
 *   npm run bench -- --no-build   # reuse the last build in PJ_OUT_DIR
 *   npm run bench -- --report F   # print the tables of a saved run (bench-results.json) again
 *
 * Benchmarks are not tests: nothing here fails on a missed target, only on a
 * broken benchmark. PJ_OUT_DIR (default: <tmp>/pj-bench) and PJ_GLOSSARY_DIR
 * are honoured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../lib/core/settings';
import { launchWithExtension, ROOT, serve } from '../tests/e2e/browser';
import { loadStatic, measureDomEdits, measureHover, measureIdle, measureReadThrough, measureRender, measureScroll, measureScrollIntoView, runPeer } from './measure';
import { buildPages, FULL_SIZES, pageLabels, SMOKE_SIZES, staticParagraphs, type StaticPageName } from './pages';
import { expectedHighlights } from '../tests/e2e/expected';
import { glossaryTerms } from './peers';
import { checkTargets, formatReport, type Results, type StaticResults } from './report';

/** The hover delay the content script uses unless the reader changed it. */
const HOVER_DELAY_MS = DEFAULT_SETTINGS.hoverDelay;
const MARK_KEYWORD_RUNS = 3;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    report: { type: 'string' },
  },
});
if (args.report) {
  const saved = JSON.parse(readFileSync(args.report, 'utf8')) as Results;
  console.log(formatReport(saved, checkTargets(saved)));
  process.exit(0);
}
const smoke = args.smoke;
const runs = Number(args.runs ?? (smoke ? 1 : 5));
const sizes = smoke ? SMOKE_SIZES : FULL_SIZES;
const settleMs = smoke ? 1500 : 3000;
const idleMs = smoke ? 1000 : 5000;
const outDir = process.env.PJ_OUT_DIR ?? join(tmpdir(), 'pj-bench');
const started = Date.now();

if (!args['no-build']) build(outDir);
const extensionDir = join(outDir, 'chrome-mv3');
const script = readFileSync(join(extensionDir, 'content-scripts', 'content.js'));
const terms = glossaryTerms();
const server = await serve(buildPages(sizes));
const ext = await launchWithExtension(extensionDir);
const plain = await launchPlain();

try {
  const results: Results = {
    mode: smoke ? 'smoke' : 'full',
    runs,
    machine: await describeMachine(),
    command: `npm run bench${smoke ? ' -- --smoke' : args.runs ? ` -- --runs ${runs}` : ''}`,
    labels: pageLabels(sizes),
    // What the matcher, run here in Node, finds on each page (the registered highlight may hold only those in view).
    mentions: Object.fromEntries(
      Object.entries(staticParagraphs(sizes)).map(([name, paragraphs]) => [name, expectedHighlights(paragraphs).length]),
    ) as Record<StaticPageName, number>,
    size: { raw: script.length, gzip: gzipSync(script, { level: 9 }).length },
    pages: {
      article: emptyStatic(),
      paragraphs: emptyStatic(),
      offTopic: emptyStatic(),
    },
    hoverMs: [],
    idle: { ext: [], plain: [], seconds: idleMs / 1000 },
    domEdits: { ext: [], plain: [], observer: [], liveRanges: [] },
    scroll: [],
    scrollPlain: [],
    scrollIntoViewMs: [],
    readThrough: [],
    render: { ext: [], plain: [], observer: [] },
  };
  const paths: Record<StaticPageName, string> = {
    article: '/article.html',
    paragraphs: '/paragraphs.html',
    offTopic: '/off-topic.html',
  };

  for (let run = 1; run <= runs; run++) {
    log(`run ${run}/${runs}`);
    for (const [name, path] of Object.entries(paths) as [StaticPageName, string][]) {
      const url = server.url(path);
      const bucket = results.pages[name];
      log(`  ${results.labels[name]}`);

      const withExt = await loadStatic({ context: ext.context, url, settleMs });
      bucket.ext.push(withExt.run);
      if (withExt.run.unsettled) log(`    highlights were still changing after ${settleMs} ms`);
      const without = await loadStatic({ context: plain.context, url, settleMs: 500 });
      bucket.plain.push(without.run);

      if (name === 'article') {
        // Idle and DOM edits before hovering, which leaves the card's timers and a repaint behind it.
        const idleExt = await measureIdle(withExt, idleMs);
        const idlePlain = await measureIdle(without, idleMs);
        results.idle.ext.push({ taskMsPerS: idleExt.taskMsPerS, extensionCpuMs: idleExt.use.extensionCpuMs, extensionTasks: idleExt.use.extensionTasks });
        results.idle.plain.push({ taskMsPerS: idlePlain.taskMsPerS });
        results.domEdits.ext.push(await measureDomEdits(withExt.page));
        results.domEdits.plain.push(await measureDomEdits(without.page));
        await without.page.reload();
        results.domEdits.observer.push(await measureDomEdits(without.page, { kind: 'observer' }));
        await without.page.reload();
        results.domEdits.liveRanges.push(await measureDomEdits(without.page, { kind: 'live-ranges', count: results.mentions.article }));
        results.scrollIntoViewMs.push(...(await measureScrollIntoView(withExt.page)));
        // Last: the hover moves the pointer, scrolls and leaves a card closing.
        results.hoverMs.push(...(await measureHover(withExt.page, { count: smoke ? 2 : 5, hoverDelayMs: HOVER_DELAY_MS })).delaysMs);
      }
      await withExt.page.close();
      await without.page.close();
      if (name === 'article') {
        // A fresh load, read to the end: what the text left for later costs a reader who gets there.
        const reader = await loadStatic({ context: ext.context, url, settleMs: 1000 });
        results.readThrough.push(await measureReadThrough(reader, { pauseMs: 30 }));
        await reader.page.close();
      }

      bucket.floor.push(await runPeer('floor', { context: plain.context, url, terms }));
      bucket.markRegExp.push(await runPeer('markRegExp', { context: plain.context, url, terms }));
      // mark.js with keywords takes half a minute a page, and hundreds of times our time: three runs tell enough.
      if (run <= MARK_KEYWORD_RUNS) bucket.markKeywords.push(await runPeer('markKeywords', { context: plain.context, url, terms }));
    }

    log('  infinite scroll');
    const scrollOptions = { url: server.url('/scroll.html'), settleMs: 1000, durationMs: sizes.scrollMs };
    results.scroll.push(await measureScroll({ context: ext.context, ...scrollOptions }));
    results.scrollPlain.push(await measureScroll({ context: plain.context, ...scrollOptions }));
    log('  re-rendering page');
    const renderOptions = { url: server.url('/render.html'), settleMs: 500, durationMs: sizes.renderMs };
    results.render.ext.push(await measureRender({ context: ext.context, ...renderOptions }));
    results.render.plain.push(await measureRender({ context: plain.context, ...renderOptions }));
    results.render.observer.push(await measureRender({ context: plain.context, ...renderOptions, url: `${renderOptions.url}?observe` }));
  }

  const report = formatReport(results, checkTargets(results));
  console.log(`\n${report}\n`);
  writeFileSync(join(outDir, 'bench-results.json'), JSON.stringify(results, null, 2));
  log(`raw results in ${join(outDir, 'bench-results.json')}; took ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await ext.close();
  await plain.close();
  await server.close();
}

// --- Implementation helpers ---

function build(dir: string): void {
  log(`building the extension into ${dir}`);
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, PJ_OUT_DIR: dir }, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`The build failed (exit code ${result.status}); see its output above.`);
  }
}

/** Chromium with the same flags as the extension's, and no extension. */
async function launchPlain() {
  const profile = mkdtempSync(join(tmpdir(), 'pj-bench-plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function describeMachine(): Promise<string> {
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await page.close();
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${type()} ${release()}, ${product.replace('/', ' ')} (headless), Node ${process.versions.node}`;
}

function emptyStatic(): StaticResults {
  return { ext: [], plain: [], floor: [], markKeywords: [], markRegExp: [] };
}

function log(message: string): void {
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}
