/**
 * The content script's behaviour, wired from capabilities passed in, so the
 * entrypoint stays thin: scan and highlight the page, answer hover with the
 * card, and answer the popup's questions about the page.
 */
import type { Entry } from '../core/glossary-schema';
import type { CompiledGlossary } from '../core/matcher';
import type { PageTerm, SelectionReply } from '../browser/messages';
import { DEFAULT_SETTINGS, isActiveOn, type Settings, type Theme, type UnderlineStyle } from '../core/settings';
import { CardHost } from './card-host';
import { renderDefinitionCard } from './definition-card';
import { HighlightStyle } from './highlight-style';
import { HoverController } from './hover';
import { readPageText, readSelection } from './page-text';
import { PageScanner, type MentionRecord } from './page-scanner';
import { Flasher, firstInDocument } from './reveal';

export interface ContentAppOptions {
  document: Document;
  /** The glossary, or how to make it when the page first has text to read. */
  glossary: CompiledGlossary | (() => CompiledGlossary);
  cardCss: string;
  /** Fetches a full entry for the card (the content script bundles only the index). */
  getEntry: (id: string) => Promise<Entry | null>;
  /** Opens the suggestion form for an entry ("Suggest an edit" on the card). */
  suggestEdit?: (id: string) => void;
  /** Overrides the preferences' hover delay (tests). */
  hoverDelay?: () => number;
  /** Overrides the preferences' trigger (tests). */
  showOnHover?: () => boolean;
}

/** What the content script takes from the reader's settings, for one page. */
export interface ContentPreferences {
  /** Whether to highlight this page at all: not paused, and the site not switched off. */
  enabled: boolean;
  underline: UnderlineStyle;
  hoverDelay: number;
  /** Open the card on hover; otherwise only on a click, a selection or the keyboard command. */
  showOnHover: boolean;
  theme: Theme;
  hiddenCategories: readonly string[];
}

/** The preferences that `settings` give a page on `host`. */
export function preferencesFor(settings: Settings, host: string): ContentPreferences {
  return {
    enabled: isActiveOn(settings, host),
    underline: settings.underline,
    hoverDelay: settings.hoverDelay,
    showOnHover: settings.trigger === 'hover',
    theme: settings.theme,
    hiddenCategories: settings.hiddenCategories,
  };
}

export class ContentApp {
  readonly scanner: PageScanner;
  readonly #card: CardHost;
  readonly #hover: HoverController;
  readonly #o: ContentAppOptions;
  readonly #entries = new Map<string, Promise<Entry | null>>();
  /** The reader's own entries by id: shown on the card as they are, marked as theirs. */
  #own: ReadonlyMap<string, Entry> = new Map();
  #shownFor?: MentionRecord;
  #prefs: ContentPreferences = preferencesFor(DEFAULT_SETTINGS, '');
  readonly #style: HighlightStyle;
  readonly #flasher: Flasher;
  readonly #abort = new AbortController();
  /** The next card to open takes keyboard focus (the keyboard command). */
  #focusCard = false;
  /** Where focus was before the card took it, to give it back on close. */
  #returnFocus?: HTMLElement;

  constructor(options: ContentAppOptions) {
    this.#o = options;
    const doc = options.document;
    this.#style = new HighlightStyle(doc);
    this.#flasher = new Flasher(doc);
    this.#card = new CardHost({
      document: doc,
      css: options.cardCss,
      onPointerInside: (inside) => this.#hover.setInsideCard(inside),
    });
    this.scanner = new PageScanner({ document: doc, glossary: options.glossary, isOwn: CardHost.isHost });
    this.#hover = new HoverController({
      document: doc,
      scanner: this.scanner,
      delay: options.hoverDelay ?? (() => this.#prefs.hoverDelay),
      onHover: options.showOnHover ?? (() => this.#prefs.showOnHover),
      show: (mention, anchor) => void this.#showCard(mention, anchor),
      hide: () => this.#hideCard(),
      isCardShown: () => this.#card.shown,
      isInCard: (target) => this.#card.contains(target),
    });
    doc.addEventListener('pointerup', () => this.#onPointerUp(), {
      capture: true,
      passive: true,
      signal: this.#abort.signal,
    });
  }

  get preferences(): ContentPreferences {
    return this.#prefs;
  }

  /** Starts highlighting, unless the preferences say this page is off. */
  async start(): Promise<void> {
    if (!this.#prefs.enabled) return;
    if (!PageScanner.isSupported()) {
      console.warn('Probation Jargon: this browser lacks the CSS Custom Highlight API, so terms are not marked.');
      return;
    }
    await this.scanner.start();
  }

  /**
   * Applies the reader's settings at once, with no reload: switching off
   * removes every highlight, switching on scans again, categories rescan,
   * and the underline style changes through an adopted stylesheet.
   */
  async setPreferences(next: ContentPreferences): Promise<void> {
    const before = this.#prefs;
    this.#prefs = next;
    this.#style.set(next.enabled ? next.underline : 'dotted');
    if (!next.enabled) {
      this.#hover.close();
      this.#flasher.stop();
      this.scanner.stop();
      return;
    }
    if (!sameList(before.hiddenCategories, next.hiddenCategories))
      await this.scanner.setShown(this.#isShown(next.hiddenCategories));
    if (!this.scanner.running) await this.start();
  }

  /**
   * Applies the reader's personal entries at once: `glossary` is the bundled
   * index with them applied; `own` holds them in full for the card.
   */
  async setPersonal({ glossary, own }: { glossary: CompiledGlossary; own: ReadonlyMap<string, Entry> }): Promise<void> {
    this.#own = own;
    // The open card's mention belongs to the old scan.
    this.#hover.close();
    await this.scanner.update(glossary);
  }

  /** The selected text, its sentence and the passages that mention it; undefined with no selection. */
  selectionContext(): Omit<SelectionReply, 'pageUrl'> | undefined {
    return readSelection(this.#o.document, { isOwn: CardHost.isHost });
  }

  /** The page's readable text, for "Unknown terms on this page"; empty while switched off. */
  pageText(): string {
    if (!this.#prefs.enabled) return '';
    return readPageText(this.#o.document, { isOwn: CardHost.isHost });
  }

  /** Scrolls to the first mention of entry `id` and flashes it; false when the page has none. */
  async revealTerm(id: string): Promise<boolean> {
    await this.scanner.readAll();
    const entries = this.scanner.glossary.entries;
    const mention = firstInDocument([...this.scanner.mentions()].filter((m) => entries[m.entry]?.id === id));
    if (!mention) return false;
    this.#hover.close();
    this.#flasher.reveal(mention);
    return true;
  }

  /** The glossary terms on the page, most frequent first. */
  async pageTerms(): Promise<PageTerm[]> {
    await this.scanner.readAll();
    const counts = new Map<number, number>();
    for (const mention of this.scanner.mentions()) counts.set(mention.entry, (counts.get(mention.entry) ?? 0) + 1);
    const entries = this.scanner.glossary.entries;
    return [...counts]
      .map(([entry, count]) => ({ id: entries[entry]!.id, headword: entries[entry]!.headword, count }))
      .sort((a, b) => b.count - a.count || a.headword.localeCompare(b.headword));
  }

  /** Opens the card for the mention at the current text selection; with `focus`, the card takes keyboard focus. */
  showCardAtSelection({ focus = true }: { focus?: boolean } = {}): boolean {
    const selection = this.#o.document.getSelection();
    if (!selection?.rangeCount) return false;
    const range = selection.getRangeAt(0);
    const mention =
      this.scanner.mentionAt(range.startContainer, range.startOffset) ??
      this.scanner.mentionAt(range.endContainer, Math.max(0, range.endOffset - 1));
    if (!mention) return false;
    this.#focusCard = focus;
    this.#hover.open(mention);
    return true;
  }

  detach(): void {
    this.#abort.abort();
    this.#hover.detach();
    this.#card.detach();
    this.#flasher.stop();
    this.#style.detach();
    this.scanner.stop();
  }

  // --- Implementation helpers ---

  async #showCard(mention: MentionRecord, anchor: () => DOMRect): Promise<void> {
    this.#shownFor = mention;
    const id = this.scanner.glossary.entries[mention.entry]!.id;
    const own = this.#own.get(id);
    let pending = own ? Promise.resolve(own) : this.#entries.get(id);
    if (!pending) {
      pending = this.#o.getEntry(id).catch((error: unknown) => {
        console.warn('Probation Jargon: could not load the entry', id, error);
        this.#entries.delete(id);
        return null;
      });
      this.#entries.set(id, pending);
    }
    const focus = this.#focusCard;
    this.#focusCard = false;
    const entry = await pending;
    if (!entry || this.#shownFor !== mention) return;
    await this.#card.show(
      renderDefinitionCard(this.#o.document, {
        entry,
        senses: mention.senses,
        surface: mention.text,
        own: !!own,
        theme: this.#prefs.theme,
        onSuggestEdit: this.#o.suggestEdit ? () => this.#o.suggestEdit!(id) : undefined,
        onClose: () => this.#hideCard(),
      }),
      anchor,
    );
    if (focus && this.#shownFor === mention) {
      const active = this.#o.document.activeElement;
      if (active instanceof HTMLElement && !CardHost.isHost(active)) this.#returnFocus = active;
      this.#card.focus();
    }
  }

  #hideCard(): void {
    const active = this.#o.document.activeElement;
    const hadFocus = !!active && CardHost.isHost(active);
    this.#shownFor = undefined;
    this.#card.hide();
    const back = this.#returnFocus;
    this.#returnFocus = undefined;
    if (hadFocus && back?.isConnected) back.focus({ preventScroll: true });
  }

  /** With the click-or-selection trigger, a selection that ends on a term opens its card. */
  #onPointerUp(): void {
    if (this.#prefs.showOnHover || !this.scanner.running) return;
    // The selection settles after pointerup.
    setTimeout(() => {
      const selection = this.#o.document.getSelection();
      if (selection && !selection.isCollapsed) this.showCardAtSelection({ focus: false });
    }, 0);
  }

  #isShown(hidden: readonly string[]): ((entry: number) => boolean) | undefined {
    if (!hidden.length) return undefined;
    const set = new Set(hidden);
    return (i) => {
      const category = (this.scanner.glossary.entries[i] as { category?: string } | undefined)?.category;
      return !category || !set.has(category);
    };
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
