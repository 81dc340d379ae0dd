/**
 * Shows the reader where a term is: scrolls its first mention into view and
 * flashes it with a second, short-lived CSS highlight. Like the main
 * highlight, this changes no node of the page.
 */
import type { MentionRecord } from './page-scanner';

/** The flash's highlight name; the content script's CSS gives it a colour. */
export const FLASH_NAME = 'probation-jargon-flash';
export const FLASH_MS = 1600;

/** The mention that comes first in the document. */
export function firstInDocument(mentions: Iterable<MentionRecord>): MentionRecord | undefined {
  let first: MentionRecord | undefined;
  for (const mention of mentions) {
    if (!first || comesBefore(mention.range, first.range)) first = mention;
  }
  return first;
}

export class Flasher {
  readonly #doc: Document;
  #timer?: ReturnType<typeof setTimeout>;
  #highlight?: Highlight;

  constructor(document: Document) {
    this.#doc = document;
  }

  /** Scrolls `mention` to the middle of the viewport and flashes it. */
  reveal(mention: MentionRecord): void {
    const view = this.#doc.defaultView;
    const reduced = view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    mention.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    this.stop();
    const highlight = new Highlight(mention.range);
    // Above the main highlight, which covers the same text.
    highlight.priority = 1;
    this.#highlight = highlight;
    CSS.highlights.set(FLASH_NAME, highlight);
    this.#timer = setTimeout(() => this.stop(), FLASH_MS);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#highlight && CSS.highlights.get(FLASH_NAME) === this.#highlight) CSS.highlights.delete(FLASH_NAME);
    this.#highlight = undefined;
  }
}

// --- Implementation helpers ---

function comesBefore(a: AbstractRange, b: AbstractRange): boolean {
  if (a.startContainer === b.startContainer) return a.startOffset < b.startOffset;
  return !!(a.startContainer.compareDocumentPosition(b.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING);
}
