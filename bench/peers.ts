/**
 * The floor and mark.js, run in a page without the extension, marking the
 * same terms: every written form (headword and variants) in the glossary.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadGlossary } from '../lib/core/glossary-validate';
import { variantsOf } from '../lib/core/variants';
import { readGlossaryFiles } from '../scripts/read-glossary';

export const MARK_JS = join(import.meta.dirname, '..', 'node_modules', 'mark.js', 'dist', 'mark.min.js');

export interface Terms {
  /** Every distinct written form, longest first. */
  keywords: string[];
  /** One alternation of every form, between word boundaries (for `new RegExp(source, 'gi')`). */
  source: string;
}

export interface PeerResult {
  /** Wall time, measured in the page. */
  ms: number;
  /** Main-thread CPU time between the marks PEER_START and PEER_END (filled in from a trace by the caller). */
  cpuMs?: number;
  matches: number;
}

/** performance.mark() names around each peer's work, for the trace. */
export const PEER_START = 'pj-peer-start';
export const PEER_END = 'pj-peer-end';

/** The glossary's written forms, read and validated as the build does. */
export function glossaryTerms(): Terms {
  const entries = loadGlossary(readGlossaryFiles());
  const keywords = [...new Set(entries.flatMap((entry) => variantsOf(entry).map((v) => v.text)))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  const source = `\\b(?:${keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`;
  return { keywords, source };
}

/**
 * The floor: one TreeWalker pass over every text node and one combined
 * regular expression over each node's text. No ranges, no highlights: the
 * least work that still finds the terms.
 */
export function runFloor(page: Page, terms: Terms): Promise<PeerResult> {
  return page.evaluate((source) => {
    performance.mark('pj-peer-start');
    const t0 = performance.now();
    const re = new RegExp(source, 'gi');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let matches = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node as Text).data;
      re.lastIndex = 0;
      while (re.exec(text)) matches++;
    }
    const ms = performance.now() - t0;
    performance.mark('pj-peer-end');
    return { ms, matches };
  }, terms.source);
}

/**
 * mark.js as its documentation shows: `mark()` with an array of keywords.
 * Options only make it mark the same thing we do: whole phrases
 * (`separateWordSearch: false`), whole words (`accuracy: 'exactly'`) and no
 * diacritic folding (our matcher does none, and folding makes mark.js slower).
 */
export async function runMarkKeywords(page: Page, terms: Terms): Promise<PeerResult> {
  await page.addScriptTag({ path: MARK_JS });
  return page.evaluate(
    (keywords) =>
      new Promise<{ ms: number; matches: number }>((resolve) => {
        performance.mark('pj-peer-start');
        const t0 = performance.now();
        new (window as unknown as { Mark: MarkConstructor }).Mark(document.body).mark(keywords, {
          separateWordSearch: false,
          accuracy: 'exactly',
          diacritics: false,
          done: (matches: number) => {
            const ms = performance.now() - t0;
            performance.mark('pj-peer-end');
            resolve({ ms, matches });
          },
        });
      }),
    terms.keywords,
  );
}

/** mark.js's fastest mode: `markRegExp()` with one combined expression. */
export async function runMarkRegExp(page: Page, terms: Terms): Promise<PeerResult> {
  await page.addScriptTag({ path: MARK_JS });
  return page.evaluate(
    (source) =>
      new Promise<{ ms: number; matches: number }>((resolve) => {
        performance.mark('pj-peer-start');
        const t0 = performance.now();
        new (window as unknown as { Mark: MarkConstructor }).Mark(document.body).markRegExp(new RegExp(source, 'gi'), {
          done: (matches: number) => {
            const ms = performance.now() - t0;
            performance.mark('pj-peer-end');
            resolve({ ms, matches });
          },
        });
      }),
    terms.source,
  );
}

// --- Implementation helpers ---

type MarkConstructor = new (context: Element) => {
  mark(keywords: string[], options: Record<string, unknown>): void;
  markRegExp(regexp: RegExp, options: Record<string, unknown>): void;
};
