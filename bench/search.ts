/**
 * `npm run bench:search`: how long the popup's search takes to answer a
 * keystroke, over the full glossary and over the glossary plus 1,000
 * personal entries. Queries are typed one character at a time, as a reader
 * types them, each on a freshly built index; every keystroke is one sample.
 * Prints a Markdown table of medians and 95th percentiles.
 *
 *   npm run bench:search
 *   npm run bench:search -- --runs 3
 *   npm run bench:search -- --browser   # also time the built popup in Chromium (needs a build in PJ_OUT_DIR)
 *
 * A benchmark, not a test: it fails only when it cannot run.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadGlossary } from '../lib/core/glossary-validate';
import type { Entry } from '../lib/core/glossary-schema';
import { createSearch } from '../lib/core/search';
import { readGlossaryFiles } from '../scripts/read-glossary';
import { generatePersonalEntries } from '../tests/fixtures/personal-entries';

/** What readers type: exact names, misspellings, half-remembered expansions. */
export const QUERIES = [
  'oasis',
  'visor',
  'offender assessment',
  'risk of serious',
  'mappa',
  'licence recall',
  'unpaid work',
  'approved premises',
  'probaton officer',
  'sentance plan',
  'community order',
  'parole board',
  'domestic abuse',
  'curfew',
  'nps',
  'crc',
  'through the gate',
  'hmpps',
  'accredited programme',
  'pre-sentence report',
];

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, browser: { type: 'boolean', default: false } },
});
const runs = Math.max(1, Number(args.runs));

const glossary = loadGlossary(readGlossaryFiles());
const withPersonal = [...glossary, ...generatePersonalEntries(1000)];

const rows = [measure('Bundled glossary', glossary), measure('Glossary + 1,000 personal entries', withPersonal)];
if (args.browser) rows.push(await measureInPopup());

console.log(`\n## Search: keystroke to results\n`);
console.log(`${QUERIES.length} queries typed a character at a time, ${runs} runs, a fresh index each run. Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}.\n`);
console.log('| Where | Entries | Index build (median) | Keystrokes | Median | p95 | Max |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.entries} | ${row.build === undefined ? '—' : ms(row.build)} | ${row.samples.length} | ${ms(quantile(row.samples, 0.5))} | ${ms(quantile(row.samples, 0.95))} | ${ms(Math.max(...row.samples))} |`,
  );
}

// --- Implementation helpers ---

interface Row {
  label: string;
  entries: number;
  build?: number;
  samples: number[];
}

function measure(label: string, entries: readonly Entry[]): Row {
  // One untimed round so the JIT has compiled the search before timing starts.
  typeAll(createSearch(entries));
  const builds: number[] = [];
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const search = createSearch(entries);
    builds.push(performance.now() - start);
    samples.push(...typeAll(search));
  }
  return { label: `search() in Node: ${label.toLowerCase()}`, entries: entries.length, build: quantile(builds, 0.5), samples };
}

/** Types every query a character at a time; returns the time of each keystroke's search. */
function typeAll(search: ReturnType<typeof createSearch>): number[] {
  const times: number[] = [];
  let sink = 0;
  for (const query of QUERIES) {
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      sink += search.search(query.slice(0, i)).length;
      times.push(performance.now() - start);
    }
  }
  if (sink < 0) console.log(sink); // Keeps the results alive, so no search is optimised away.
  return times;
}

/**
 * The built popup in Chromium, bundled glossary only (personal entries
 * arrive with the suggestions feature): from the input event to the
 * results list for the new text being in the DOM. Spaces are not timed.
 */
async function measureInPopup(): Promise<Row> {
  const { launchWithExtension } = await import('../tests/e2e/browser');
  const browser = await launchWithExtension();
  try {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForFunction(() => document.activeElement?.id === 'pj-search');
    const samples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      for (const query of QUERIES) {
        await popup.fill('#pj-search', '');
        for (const char of query) {
          const time = await popup.evaluate(async (c) => {
            const input = document.querySelector<HTMLInputElement>('#pj-search')!;
            const wanted = `Results for ${(input.value + c).trim()}`;
            const start = performance.now();
            input.value += c;
            input.dispatchEvent(new InputEvent('input', { bubbles: true, data: c, inputType: 'insertText' }));
            // Preact renders in a microtask after the event; the list then names the new text (or "no entries" shows).
            // (No named functions in here: tsx would wrap them in a helper the page does not have.)
            while (
              document.querySelector('[role="listbox"]')?.getAttribute('aria-label') !== wanted &&
              !(!document.querySelector('[role="listbox"]') && document.querySelector('.empty'))
            ) {
              await new Promise<void>((resolve) => {
                const observer = new MutationObserver(() => {
                  observer.disconnect();
                  resolve();
                });
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
              });
            }
            return performance.now() - start;
          }, char);
          // A space changes no result (queries are trimmed), so nothing re-renders to be timed.
          if (run > 0 && char !== ' ') samples.push(time);
        }
      }
    }
    return { label: 'Popup in Chromium (search and render): bundled glossary', entries: glossary.length, samples };
  } finally {
    await browser.close();
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
