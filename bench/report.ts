/**
 * Turns the runs into Markdown tables of medians, with the ratios to the
 * floor and to mark.js, and checks the targets against them.
 */
import type { PeerResult } from './peers';
import type { StaticPageName } from './pages';
import type { ReadThroughRun, RenderRun, ScrollRun, StaticRun } from './measure';
import type { ThreadUse } from './trace';

export interface StaticResults {
  ext: StaticRun[];
  plain: StaticRun[];
  floor: PeerResult[];
  markKeywords: PeerResult[];
  markRegExp: PeerResult[];
}

export interface Results {
  mode: 'full' | 'smoke';
  runs: number;
  machine: string;
  command: string;
  labels: Record<StaticPageName, string>;
  /** Mentions the matcher finds on each static page, computed in Node. */
  mentions: Record<StaticPageName, number>;
  size: { raw: number; gzip: number };
  pages: Record<StaticPageName, StaticResults>;
  hoverMs: number[];
  idle: { ext: { taskMsPerS: number; extensionCpuMs: number; extensionTasks: number }[]; plain: { taskMsPerS: number }[]; seconds: number };
  domEdits: { ext: number[]; plain: number[]; observer: number[]; liveRanges: number[] };
  scroll: ScrollRun[];
  /** The same page without the extension: only its main-thread use counts. */
  scrollPlain: ScrollRun[];
  /** Scroll to a new place → a highlighted term in view is registered. */
  scrollIntoViewMs: number[];
  /** The article, scrolled from the top to the end a screen at a time after it loaded. */
  readThrough: ReadThroughRun[];
  render: { ext: RenderRun[]; plain: RenderRun[]; observer: RenderRun[] };
}

export interface Target {
  name: string;
  measured: string;
  /** null: a figure reported beside a target, not a target. */
  holds: boolean | null;
}


export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!finite.length) return values.length ? Infinity : NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The whole report: tables, then targets. */
export function formatReport(results: Results, targets: Target[]): string {
  const lines: string[] = [];
  lines.push(`Machine: ${results.machine}`);
  lines.push(`Mode: ${results.mode}, medians of ${results.runs} run${results.runs === 1 ? '' : 's'}. Reproduce: \`${results.command}\``);
  lines.push('Script times are main-thread CPU time (trace thread time); delays (DOMContentLoaded → highlights, append, hover, scroll) are wall time.');
  lines.push('');
  lines.push(...staticTable(results));
  lines.push('');
  lines.push(...busyTable(results));
  lines.push('');
  lines.push(...wholeThreadTable(results));
  lines.push('');
  lines.push('| Target | Measured | Holds |');
  lines.push('| --- | --- | --- |');
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured} | ${t.holds === null ? '(figure)' : t.holds ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

/** The targets, checked against medians (and against the worst case where the issue says "no" or "within"). */
export function checkTargets(r: Results): Target[] {
  const article = r.pages.article;
  const ext = median(article.ext.map((run) => run.use.extensionCpuMs));
  const floor = median(article.floor.map(cpu));
  const keywords = median(article.markKeywords.map(cpu));
  const regexp = median(article.markRegExp.map(cpu));
  const dcl = median(article.ext.map((run) => Math.max(run.dclToLastMs ?? NaN, run.dclToScanDoneMs ?? NaN)));
  const allStatic = Object.values(r.pages).flatMap((page) => page.ext.map((run) => run.use));
  const allUses = [
    ...allStatic,
    ...r.scroll.map((s) => s.use),
    ...r.render.ext.map((s) => s.use),
    ...(r.readThrough ?? []).map((s) => s.use),
  ];
  const longTasks = allUses.reduce((n, use) => n + use.extensionLongTasks, 0);
  const longest = Math.max(...allUses.map((use) => use.longestExtensionSliceCpuMs));
  const appendDelays = r.scroll.flatMap((s) => s.delaysMs);
  const hoverWorst = Math.max(...r.hoverMs);
  const idleTasks = Math.max(...r.idle.ext.map((i) => i.extensionTasks));
  // Paired: each run measures the same page with and without back to back, and its ratio cancels
  // what the shared machine was doing at the time (a run's timings vary by 1.5× from run to run).
  const edits = pairedRatio(r.domEdits.ext, r.domEdits.observer);
  const render = pairedRatio(r.render.ext.map(frameCostOf), r.render.observer.map(frameCostOf));
  const watchEdits = pairedRatio(r.domEdits.observer, r.domEdits.plain);
  const watchRender = pairedRatio(r.render.observer.map(frameCostOf), r.render.plain.map(frameCostOf));
  const liveEdits = pairedRatio(r.domEdits.liveRanges, r.domEdits.plain);

  return [
    {
      name: 'Script time on the article ≤ 3× the floor (aim 1.5×)',
      measured: `${ratio(ext / floor)} (${ms(ext)} vs ${ms(floor)}${runsOf(article.ext.map((run) => run.use.extensionCpuMs), article.floor.map(cpu))})`,
      holds: ext <= 3 * floor,
    },
    { name: 'mark.js with keywords ≥ 10× slower', measured: ratio(keywords / ext), holds: keywords >= 10 * ext },
    { name: 'mark.js markRegExp ≥ 2× slower', measured: ratio(regexp / ext), holds: regexp >= 2 * ext },
    {
      name: 'Article: all highlights ≤ 500 ms after DOMContentLoaded (the first scan done and the mentions in view registered; a page this long is read near the viewport first, the rest as the reader nears it)',
      measured: ms(dcl),
      holds: dcl <= 500,
    },
    {
      name: 'No long task (> 50 ms) from the extension, any page, any run',
      measured: `${longTasks} long tasks; longest extension task ${ms(longest)} CPU`,
      holds: longTasks === 0 && longest <= 50,
    },
    {
      name: 'Appended text highlighted ≤ 250 ms (worst append: rescanned, terms in view registered)',
      measured: `median ${ms(median(appendDelays))}, worst ${ms(Math.max(...appendDelays))}`,
      holds: Math.max(...appendDelays) <= 250,
    },
    { name: 'Hover to card ≤ 50 ms beyond the hover delay (worst)', measured: `median ${ms(median(r.hoverMs))}, worst ${ms(hoverWorst)}`, holds: hoverWorst <= 50 },
    { name: 'Content script ≤ 40 KB gzipped', measured: `${kb(r.size.gzip)} gzipped (${kb(r.size.raw)} minified)`, holds: r.size.gzip <= 40_000 },
    {
      name: 'Zero CPU at idle: no extension task on a still page',
      measured: `${idleTasks} tasks in ${r.idle.seconds} s; page ${ms(median(r.idle.ext.map((i) => i.taskMsPerS)))}/s vs ${ms(median(r.idle.plain.map((i) => i.taskMsPerS)))}/s without`,
      holds: idleTasks === 0,
    },
    {
      name: "No slowdown of the page's DOM updates from the highlights (with the extension ÷ with a bare MutationObserver like its own, ≤ 1.1×)",
      measured: `article edits ${ratio(edits)}, re-render ${ratio(render)}${runsOf(r.render.ext.map(frameCostOf), r.render.observer.map(frameCostOf))}; live Ranges instead would cost ${ratio(liveEdits)}`,
      holds: edits <= 1.1 && render <= 1.1,
    },
    {
      name: 'What watching for new text costs the page at all (bare MutationObserver ÷ none)',
      measured: `article edits ${ratio(watchEdits)}, re-render ${ratio(watchRender)}`,
      holds: null,
    },
  ];
}

// --- Implementation helpers ---

function staticTable(r: Results): string[] {
  const rows = [
    '| Page | Extension script | Floor | Ext ÷ floor | mark.js keywords | mark.js ÷ ext | mark.js RegExp | RegExp ÷ ext | DCL → highlights in view / first scan done | Mentions (registered) | Longest ext task | Ext long tasks | Ext heap |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, page] of Object.entries(r.pages) as [StaticPageName, StaticResults][]) {
    const ext = median(page.ext.map((run) => run.use.extensionCpuMs));
    const floor = median(page.floor.map(cpu));
    const keywords = median(page.markKeywords.map(cpu));
    const regexp = median(page.markRegExp.map(cpu));
    const heap = median(page.ext.map((run) => run.heapBytes)) - median(page.plain.map((run) => run.heapBytes));
    const dcl = median(page.ext.map((run) => run.dclToLastMs ?? NaN));
    const done = median(page.ext.map((run) => run.dclToScanDoneMs ?? NaN));
    rows.push(
      `| ${r.labels[name]} | ${ms(ext)} | ${ms(floor)} | ${ratio(ext / floor)} | ${ms(keywords)} | ${ratio(keywords / ext)} | ${ms(regexp)} | ${ratio(regexp / ext)} | ${ms(dcl)} / ${ms(done)} | ${r.mentions[name]} (${median(page.ext.map((run) => run.highlights))}) | ${ms(Math.max(...page.ext.map((run) => run.use.longestExtensionSliceCpuMs)))} (${ms(Math.max(...page.ext.map((run) => run.use.longestExtensionSliceMs)))} wall) | ${sum(page.ext.map((run) => run.use.extensionLongTasks))} | ${mb(heap)} |`,
    );
  }
  return rows;
}

function busyTable(r: Results): string[] {
  const appendDelays = r.scroll.flatMap((s) => s.delaysMs);
  const seenDelays = r.scroll.flatMap((s) => s.seenMs);
  const scrollExt = r.scroll.map((s) => s.use.extensionCpuMs);
  const renderExt = frameCost(r.render.ext);
  const renderPlain = frameCost(r.render.plain);
  const renderObserver = frameCost(r.render.observer);
  const framesExt = median(r.render.ext.map((x) => x.updatesMs.length));
  const framesPlain = median(r.render.plain.map((x) => x.updatesMs.length));
  const editsExt = median(r.domEdits.ext);
  const editsPlain = median(r.domEdits.plain);
  const editsObserver = median(r.domEdits.observer);
  const editsLive = median(r.domEdits.liveRanges);
  return [
    '| Measure | Value |',
    '| --- | ---: |',
    `| Infinite scroll: append → rescanned, in-view terms registered (median / 95th pct / worst) | ${ms(median(appendDelays))} / ${ms(percentile(appendDelays, 95))} / ${ms(Math.max(...appendDelays))} |`,
    `| Infinite scroll: append → its first term seen highlighted by the page, batches still in view (median / worst) | ${ms(median(seenDelays))} / ${ms(Math.max(...seenDelays))} |`,
    `| Infinite scroll: extension script, whole run | ${ms(median(scrollExt))} (longest task ${ms(Math.max(...r.scroll.map((s) => s.use.longestExtensionSliceCpuMs)))}) |`,
    `| Re-render 60/s: page's own update per frame (mean): none / bare observer / extension | ${ms(renderPlain, 3)} / ${ms(renderObserver, 3)} / ${ms(renderExt, 3)} |`,
    `| Re-render 60/s: frames rendered, without → with extension | ${framesPlain} → ${framesExt} |`,
    `| Re-render 60/s: extension script per second | ${ms(median(r.render.ext.map((x) => x.use.extensionCpuMs / x.seconds)))} |`,
    `| Article: 3,000 page DOM edits (median of 5 rounds): none / bare observer / extension / live Ranges instead | ${ms(editsPlain)} / ${ms(editsObserver)} / ${ms(editsExt)} / ${ms(editsLive)} |`,
    `| Hover → card, beyond the hover delay (median / worst) | ${ms(median(r.hoverMs))} / ${ms(Math.max(...r.hoverMs))} |`,
    `| Article: scroll → a term in view highlighted (median / worst) | ${ms(median(r.scrollIntoViewMs))} / ${ms(Math.max(...r.scrollIntoViewMs))} |`,
    ...readThroughRows(r),
    `| Idle page, ${r.idle.seconds} s: extension tasks / main thread per second with → without | ${Math.max(...r.idle.ext.map((i) => i.extensionTasks))} / ${ms(median(r.idle.ext.map((i) => i.taskMsPerS)), 2)} → ${ms(median(r.idle.plain.map((i) => i.taskMsPerS)), 2)} |`,
    `| Content script, minified / gzipped | ${kb(r.size.raw)} / ${kb(r.size.gzip)} |`,
  ];
}

/** The article read to its end after it loaded: what the text a long page leaves for later costs in the end. */
function readThroughRows(r: Results): string[] {
  const runs = r.readThrough ?? [];
  if (!runs.length) return [];
  const load = median(r.pages.article.ext.map((run) => run.use.extensionCpuMs));
  const reading = median(runs.map((run) => run.use.extensionCpuMs));
  const screens = median(runs.map((run) => run.screens));
  const ended = runs.every((run) => run.reachedEnd) ? '' : ' (not every run reached the end)';
  return [
    `| Article: scrolled from the top to the end, ${screens} screens 30 ms apart${ended}: extension script while scrolling / with the load's / longest task / long tasks | ${ms(reading)} / ${ms(load + reading)} / ${ms(Math.max(...runs.map((run) => run.use.longestExtensionSliceCpuMs)))} / ${sum(runs.map((run) => run.use.extensionLongTasks))} |`,
  ];
}

function ms(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return `${value.toFixed(value < 10 && digits === 0 ? 1 : digits)} ms`;
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 0)}×` : '—';
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** Everything the main thread did, rendering included, with and without the extension: what the page pays. */
function wholeThreadTable(r: Results): string[] {
  const row = (label: string, without: ThreadUse[], within: ThreadUse[]) => {
    const a = median(without.map((u) => u.taskCpuMs));
    const b = median(within.map((u) => u.taskCpuMs));
    return `| ${label} | ${ms(a)} → ${ms(b)} (+${ms(b - a)}) | ${median(without.map((u) => u.longTasks))} → ${median(within.map((u) => u.longTasks))} |`;
  };
  return [
    '| Main thread, every task (CPU), without → with the extension | Time | Tasks over 50 ms |',
    '| --- | ---: | ---: |',
    ...(Object.entries(r.pages) as [StaticPageName, StaticResults][]).map(([name, page]) =>
      row(`${r.labels[name]}: load and settle`, page.plain.map((x) => x.use), page.ext.map((x) => x.use)),
    ),
    row('Infinite scroll, whole run', r.scrollPlain.map((x) => x.use), r.scroll.map((x) => x.use)),
    row('Re-render 60/s, whole run', r.render.plain.map((x) => x.use), r.render.ext.map((x) => x.use)),
  ];
}

/** The page's own mean update time per frame, over the runs (medians of the per-run means). */
function frameCost(runs: RenderRun[]): number {
  return median(runs.map(frameCostOf));
}

/** A run's mean update time per frame. */
function frameCostOf(run: RenderRun): number {
  return run.updatesMs.reduce((a, b) => a + b, 0) / Math.max(1, run.updatesMs.length);
}

/** The median over runs of each run's `a ÷ b`. */
/** Each run's own ratio of `a` to `b`, when there was more than one run: "; runs 2.97×, 3.12×". */
function runsOf(a: readonly number[], b: readonly number[]): string {
  return a.length > 1 ? `; runs ${a.map((x, i) => ratio(x / b[i]!)).join(', ')}` : '';
}

function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]!));
}

/** A peer's CPU time (its wall time if the trace had no thread time). */
function cpu(result: PeerResult): number {
  return result.cpuMs ?? result.ms;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
