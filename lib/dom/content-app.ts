/**
 * The content script's behaviour, wired from capabilities passed in, so the
 * entrypoint stays thin: scan and highlight the page, answer hover with the
 * card, and answer the popup's questions about the page.
 */
import { h } from 'preact';
import { DefinitionCard } from '../../components/DefinitionCard';
import type { Entry } from '../core/glossary-schema';
import type { CompiledGlossary } from '../core/matcher';
import type { PageTerm } from '../browser/messages';
import { CardHost } from './card-host';
import { HoverController } from './hover';
import { PageScanner, type MentionRecord } from './page-scanner';

export interface ContentAppOptions {
  document: Document;
  glossary: CompiledGlossary;
  cardCss: string;
  /** Fetches a full entry for the card (the content script bundles only the index). */
  getEntry: (id: string) => Promise<Entry | null>;
  hoverDelay?: () => number;
  showOnHover?: () => boolean;
}

export class ContentApp {
  readonly scanner: PageScanner;
  readonly #card: CardHost;
  readonly #hover: HoverController;
  readonly #o: ContentAppOptions;
  readonly #entries = new Map<string, Promise<Entry | null>>();
  #shownFor?: MentionRecord;

  constructor(options: ContentAppOptions) {
    this.#o = options;
    const doc = options.document;
    this.#card = new CardHost({
      document: doc,
      css: options.cardCss,
      onPointerInside: (inside) => this.#hover.setInsideCard(inside),
    });
    this.scanner = new PageScanner({ document: doc, glossary: options.glossary, isOwn: CardHost.isHost });
    this.#hover = new HoverController({
      document: doc,
      scanner: this.scanner,
      delay: options.hoverDelay ?? (() => 150),
      onHover: options.showOnHover ?? (() => true),
      show: (mention, anchor) => void this.#showCard(mention, anchor),
      hide: () => this.#hideCard(),
      isCardShown: () => this.#card.shown,
      isInCard: (target) => this.#card.contains(target),
    });
  }

  async start(): Promise<void> {
    if (!PageScanner.isSupported()) {
      console.warn('Probation Jargon: this browser lacks the CSS Custom Highlight API, so terms are not marked.');
      return;
    }
    await this.scanner.start();
  }

  /** The glossary terms on the page, most frequent first. */
  pageTerms(): PageTerm[] {
    const counts = new Map<number, number>();
    for (const mention of this.scanner.mentions()) counts.set(mention.entry, (counts.get(mention.entry) ?? 0) + 1);
    const entries = this.scanner.glossary.entries;
    return [...counts]
      .map(([entry, count]) => ({ id: entries[entry]!.id, headword: entries[entry]!.headword, count }))
      .sort((a, b) => b.count - a.count || a.headword.localeCompare(b.headword));
  }

  /** Opens the card for the mention at the current text selection. */
  showCardAtSelection(): boolean {
    const selection = this.#o.document.getSelection();
    if (!selection?.rangeCount) return false;
    const range = selection.getRangeAt(0);
    const mention =
      this.scanner.mentionAt(range.startContainer, range.startOffset) ??
      this.scanner.mentionAt(range.endContainer, Math.max(0, range.endOffset - 1));
    if (!mention) return false;
    this.#hover.open(mention);
    return true;
  }

  detach(): void {
    this.#hover.detach();
    this.#card.detach();
    this.scanner.stop();
  }

  // --- Implementation helpers ---

  async #showCard(mention: MentionRecord, anchor: () => DOMRect): Promise<void> {
    this.#shownFor = mention;
    const id = this.scanner.glossary.entries[mention.entry]!.id;
    let pending = this.#entries.get(id);
    if (!pending) {
      pending = this.#o.getEntry(id).catch((error: unknown) => {
        console.warn('Probation Jargon: could not load the entry', id, error);
        this.#entries.delete(id);
        return null;
      });
      this.#entries.set(id, pending);
    }
    const entry = await pending;
    if (!entry || this.#shownFor !== mention) return;
    await this.#card.show(
      h(DefinitionCard, { entry, senses: mention.senses, surface: mention.text, onClose: () => this.#hideCard() }),
      anchor,
    );
  }

  #hideCard(): void {
    this.#shownFor = undefined;
    this.#card.hide();
  }
}
