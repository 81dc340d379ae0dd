/**
 * Shows the card when the pointer rests on a highlighted term, keeps it while
 * the pointer moves into the card, and hides it when the pointer leaves, on
 * Escape and on scroll. Hit-testing goes from the caret position under the
 * pointer to the scanner's index of mentions, so no page node is touched.
 */
import type { MentionRecord, PageScanner } from './page-scanner';
import { caretAt, isOnRects, rectsOf } from './hit-test';

export interface HoverOptions {
  document: Document;
  scanner: PageScanner;
  /** Milliseconds the pointer must rest on a term before the card opens. */
  delay: () => number;
  /** Whether hovering opens the card (otherwise only click or selection). */
  onHover: () => boolean;
  show: (mention: MentionRecord, anchor: () => DOMRect) => void;
  hide: () => void;
  isCardShown: () => boolean;
  isInCard: (target: EventTarget | null) => boolean;
}

/** Time to move the pointer from a term into its card before the card hides. */
const GRACE_MS = 250;

export class HoverController {
  readonly #o: HoverOptions;
  #current?: MentionRecord;
  #openTimer?: ReturnType<typeof setTimeout>;
  #hideTimer?: ReturnType<typeof setTimeout>;
  #frame = 0;
  #point = { x: 0, y: 0 };
  #insideCard = false;
  readonly #abort = new AbortController();

  constructor(options: HoverOptions) {
    this.#o = options;
    const signal = this.#abort.signal;
    const doc = options.document;
    doc.addEventListener('pointermove', (e) => this.#onMove(e), { passive: true, capture: true, signal });
    // Leaving the document (into a parent frame, or out of the window) fires no pointermove here.
    doc.addEventListener('pointerout', (e) => !e.relatedTarget && this.#onLeaveDocument(), { passive: true, capture: true, signal });
    doc.addEventListener('keydown', (e) => e.key === 'Escape' && this.close(), { capture: true, signal });
    doc.defaultView?.addEventListener('scroll', () => this.close(), { passive: true, capture: true, signal });
    // The card belongs inside a fullscreen element while there is one (see CardHost): close it when that changes.
    doc.addEventListener('fullscreenchange', () => this.close(), { signal });
    doc.addEventListener('click', (e) => this.#onClick(e), { capture: true, signal });
  }

  /** The pointer went into (true) or out of (false) the card. */
  setInsideCard(inside: boolean): void {
    this.#insideCard = inside;
    if (inside) this.#cancelHide();
    else this.#scheduleHide();
  }

  /** Opens the card for a mention now, as the keyboard command and selection do. */
  open(mention: MentionRecord): void {
    clearTimeout(this.#openTimer);
    this.#cancelHide();
    this.#current = mention;
    const doc = this.#o.document;
    this.#o.show(mention, () => rectsOf(doc, mention.range)[0] ?? new DOMRect());
  }

  close(): void {
    clearTimeout(this.#openTimer);
    this.#cancelHide();
    this.#current = undefined;
    if (this.#o.isCardShown()) this.#o.hide();
  }

  detach(): void {
    this.close();
    cancelAnimationFrame(this.#frame);
    this.#abort.abort();
  }

  // --- Implementation helpers ---

  #onLeaveDocument(): void {
    clearTimeout(this.#openTimer);
    this.#current = undefined;
    if (!this.#insideCard) this.#scheduleHide();
  }

  #onMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.#point = { x: event.clientX, y: event.clientY };
    if (this.#o.isInCard(event.target)) return;
    // One hit test per frame, however fast the pointer moves.
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#hitTest();
      });
    }
  }

  #hitTest(): void {
    // A page that cleared CSS.highlights gets our underline back as soon as the reader points at its text.
    this.#o.scanner.ensurePublished();
    const { x, y } = this.#point;
    const mention = this.#mentionAt(x, y);
    if (mention === this.#current) {
      if (mention) this.#cancelHide();
      return;
    }
    clearTimeout(this.#openTimer);
    if (!mention) {
      this.#current = undefined;
      this.#scheduleHide();
      return;
    }
    this.#current = mention;
    if (!this.#o.onHover()) return;
    this.#openTimer = setTimeout(() => {
      if (this.#current === mention) this.open(mention);
    }, this.#o.delay());
  }

  #onClick(event: MouseEvent): void {
    if (this.#o.isInCard(event.target)) return;
    const mention = this.#mentionAt(event.clientX, event.clientY);
    if (mention && !this.#o.onHover()) this.open(mention);
    else if (!mention && this.#o.isCardShown()) this.close();
  }

  #mentionAt(x: number, y: number): MentionRecord | undefined {
    const doc = this.#o.document;
    const caret = caretAt(doc, x, y);
    if (!caret) return undefined;
    // The caret sits between characters: try the character on either side.
    const mention =
      this.#o.scanner.mentionAt(caret.node, caret.offset) ??
      (caret.offset > 0 ? this.#o.scanner.mentionAt(caret.node, caret.offset - 1) : undefined);
    if (!mention) return undefined;
    // caretPositionFromPoint also answers for points past the end of a line.
    return isOnRects(rectsOf(doc, mention.range), x, y) ? mention : undefined;
  }

  #scheduleHide(): void {
    if (this.#hideTimer !== undefined || !this.#o.isCardShown()) return;
    this.#hideTimer = setTimeout(() => {
      this.#hideTimer = undefined;
      if (!this.#insideCard && !this.#current) this.#o.hide();
    }, GRACE_MS);
  }

  #cancelHide(): void {
    clearTimeout(this.#hideTimer);
    this.#hideTimer = undefined;
  }
}
