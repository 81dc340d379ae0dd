/**
 * The benchmark's generated pages. Each carries the same small main-world
 * probe, with or without the extension, so the baseline pays for it too:
 * it notes DOMContentLoaded and, once per frame, the size of the
 * probation-jargon highlight. The pages use no promises of their own, so any
 * microtask in a trace belongs to the extension (see trace.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../tests/e2e/browser';

const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures');

export interface PageSizes {
  /** Characters of text in the article and in the off-topic page. */
  articleChars: number;
  paragraphs: number;
  /** Infinite scroll: paragraphs per append, and how long appending goes on. */
  batch: number;
  scrollMs: number;
  /** Re-render page: rows re-rendered every frame, and for how long. */
  rows: number;
  renderMs: number;
}

export const FULL_SIZES: PageSizes = {
  articleChars: 1_000_000,
  paragraphs: 10_000,
  batch: 200,
  scrollMs: 10_000,
  rows: 200,
  renderMs: 10_000,
};

export const SMOKE_SIZES: PageSizes = {
  articleChars: 100_000,
  paragraphs: 1_000,
  batch: 50,
  scrollMs: 1_000,
  rows: 50,
  renderMs: 1_000,
};

/** Milliseconds between appends on the infinite-scroll page. */
export const APPEND_EVERY_MS = 100;

export type StaticPageName = 'article' | 'paragraphs' | 'offTopic';

/** How the report names the static pages at these sizes. */
export function pageLabels(sizes: PageSizes): Record<StaticPageName, string> {
  const size = sizes.articleChars >= 1e6 ? `${sizes.articleChars / 1e6} MB` : `${sizes.articleChars / 1e3} kB`;
  return {
    article: `${size} article`,
    paragraphs: `${sizes.paragraphs.toLocaleString('en-GB')} paragraphs`,
    offTopic: `Off-topic ${size}`,
  };
}

/** The paragraphs of each static page, at the given sizes (the title aside). */
export function staticParagraphs(sizes: PageSizes): Record<StaticPageName, string[]> {
  const corpus = readTexts(join(FIXTURES, 'corpus'), () => true);
  const traps = readTexts(join(FIXTURES, 'traps'), (name) => /^t0[1-6]-/.test(name));
  return {
    article: repeatTo(corpus.flatMap(splitParagraphs), sizes.articleChars),
    paragraphs: cycle(corpus.flatMap(splitSentences), sizes.paragraphs),
    offTopic: repeatTo(traps.flatMap(splitParagraphs), sizes.articleChars),
  };
}

/** Path → HTML for every page, at the given sizes. */
export function buildPages(sizes: PageSizes): Record<string, string> {
  const corpus = readTexts(join(FIXTURES, 'corpus'), () => true);
  const sentences = corpus.flatMap(splitSentences);
  const paragraphs = staticParagraphs(sizes);

  return {
    '/article.html': page('A long probation article', paragraphsHtml(paragraphs.article)),
    '/paragraphs.html': page('Ten thousand paragraphs', paragraphsHtml(paragraphs.paragraphs)),
    '/off-topic.html': page('Checksums, file formats and surveys', paragraphsHtml(paragraphs.offTopic)),
    '/scroll.html': page('An endless comment thread', `<div id="feed">${paragraphsHtml(sentences.slice(0, 20))}</div>`, scrollScript(cycle(sentences, sizes.batch), sizes)),
    '/render.html': page('A live dashboard', `<ul id="rows">${cycle(sentences, sizes.rows).map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`, renderScript(sizes)),
  };
}

// --- Implementation helpers ---

function readTexts(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt') && keep(name))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p && !/^\*+$/.test(p));
}

function splitSentences(text: string): string[] {
  return splitParagraphs(text)
    .flatMap((p) => p.match(/[^.!?]+[.!?]+["')\]]*/g) ?? [p])
    .map((s) => s.trim())
    .filter((s) => s.length >= 20 && s.length <= 200);
}

/** Paragraphs repeated in order until they hold `chars` characters. */
function repeatTo(paragraphs: string[], chars: number): string[] {
  const out: string[] = [];
  let total = 0;
  for (let i = 0; total < chars; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    out.push(p);
    total += p.length;
  }
  return out;
}

function cycle<T>(items: T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length]!);
}

function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script>${PROBE}</script></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/**
 * Main-world probe. `sizes` holds [time, highlight size] at each change, read
 * once per frame, from DOMContentLoaded until the harness sets `stop`.
 */
const PROBE = `
// tsx compiles the harness with esbuild's keepNames, which wraps functions
// passed to page.evaluate in __name(); the page needs the helper.
window.__name = (fn) => fn;
window.__bench = { dcl: 0, sizes: [], appends: [], seen: [], updates: [], stop: false, pointer: 0, cardAt: 0 };
document.addEventListener('DOMContentLoaded', () => {
  const b = window.__bench;
  b.dcl = performance.now();
  let last = 0;
  const tick = () => {
    const h = CSS.highlights.get('probation-jargon');
    const n = h ? h.size : 0;
    if (n !== last) { last = n; b.sizes.push([performance.now(), n]); }
    // Infinite scroll: when each append first has a highlighted term (its paragraphs carry data-batch).
    if (h && b.appends.length > b.seen.filter((t) => t).length) {
      for (const r of h) {
        const p = r.startContainer.parentElement && r.startContainer.parentElement.closest('[data-batch]');
        if (p && !b.seen[+p.dataset.batch]) b.seen[+p.dataset.batch] = performance.now();
      }
    }
    if (!b.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
`;

function scrollScript(batch: string[], sizes: PageSizes): string {
  return `
(() => {
  const batch = ${JSON.stringify(batch)};
  const feed = document.getElementById('feed');
  const b = window.__bench;
  const until = performance.now() + ${sizes.scrollMs};
  const timer = setInterval(() => {
    const fragment = document.createDocumentFragment();
    for (const text of batch) {
      const p = document.createElement('p');
      p.textContent = text;
      p.dataset.batch = String(b.appends.length);
      fragment.append(p);
    }
    feed.append(fragment);
    b.appends.push(performance.now());
    performance.mark('pj-append');
    // The reader is at the end of the thread, as on any endless page.
    scrollTo(0, document.documentElement.scrollHeight);
    if (performance.now() >= until) { clearInterval(timer); b.done = true; }
  }, ${APPEND_EVERY_MS});
})();`;
}

/** Re-renders every row's text each frame, as a framework's diff would, and times its own updates. */
function renderScript(sizes: PageSizes): string {
  return `
(() => {
  // ?observe: a bare MutationObserver like the extension's, to tell its cost from the extension's.
  if (location.search.includes('observe')) {
    new MutationObserver(() => undefined).observe(document, { childList: true, characterData: true, subtree: true });
  }
  const rows = [...document.querySelectorAll('#rows li')];
  const texts = rows.map((li) => li.textContent);
  const b = window.__bench;
  const until = performance.now() + ${sizes.renderMs};
  let frame = 0;
  const render = () => {
    const t0 = performance.now();
    frame++;
    for (let i = 0; i < rows.length; i++) {
      const li = rows[i];
      if (i % 2) li.firstChild.data = texts[i] + ' (' + frame + ')';
      else li.textContent = texts[i] + ' (' + frame + ')';
    }
    b.updates.push(performance.now() - t0);
    if (performance.now() < until) requestAnimationFrame(render);
    else b.done = true;
  };
  requestAnimationFrame(render);
})();`;
}
