/**
 * The blocks of a long page that were scanned but are not yet resolved into
 * mentions. Each is resolved when it comes within a screen of the viewport,
 * found from the scroll position with a few layout reads per frame while the
 * reader scrolls, or at once when someone asks for it (hover, the popup's
 * list). An IntersectionObserver would tell the same, but observing thousands
 * of blocks costs a long page some 15 ms before the reader has scrolled at all.
 */

export interface PendingBlocksOptions<T> {
  document: Document;
  /** Resolves a block that came near the viewport (it is no longer pending). */
  resolve: (block: Element, value: T) => void;
  /**
   * Called with the values of the blocks a frame is about to resolve, before
   * any is, to read them together; `ahead` are the values of the pending
   * blocks that follow them in document order (up to AHEAD), to read with
   * them if they must be read at all.
   */
  prepare?: (values: T[], ahead: T[]) => void;
  /**
   * Called before each check: may add blocks of the page not walked yet;
   * returns whether any is left (then the blocks go on listening for scrolls).
   */
  extend?: () => boolean;
  /** Called after a frame's resolutions, if there were any. */
  onResolved?: () => void;
}

export class PendingBlocks<T> {
  readonly #o: PendingBlocksOptions<T>;
  readonly #items = new Map<Element, T>();
  /** Every block added since the last clear, in document order (resolved ones too: they keep the order searchable). */
  #order: Element[] = [];
  #frame?: number;
  #listening = false;
  readonly #onScroll = () => this.#schedule();

  constructor(options: PendingBlocksOptions<T>) {
    this.#o = options;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Leaves blocks pending; `blocks` are in document order, and after any added before. */
  add(blocks: readonly (readonly [Element, T])[]): void {
    if (!blocks.length) return;
    for (const [block, value] of blocks) {
      this.#items.set(block, value);
      this.#order.push(block);
    }
    this.#listen();
    this.#schedule();
  }

  /** A pending block's value, left pending. */
  get(block: Element): T | undefined {
    return this.#items.get(block);
  }

  /** Takes a block's value to resolve it now; undefined if it is not pending. */
  take(block: Element): T | undefined {
    const value = this.#items.get(block);
    if (value !== undefined) this.#items.delete(block);
    return value;
  }

  delete(block: Element): boolean {
    return this.#items.delete(block);
  }

  entries(): [Element, T][] {
    return [...this.#items];
  }

  clear(): void {
    this.#items.clear();
    this.#order = [];
    this.#stop();
  }

  /**
   * Resolves the pending blocks within a screen of the viewport, offering
   * `prepare` up to `ahead` of the blocks after them (none for a page's first
   * check: the reader may never scroll).
   */
  resolveNear(ahead = AHEAD): void {
    // Called at once (the first scan), it also stands for the frame's check already asked for.
    if (this.#frame !== undefined) this.#o.document.defaultView?.cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    const more = this.#o.extend?.() ?? false;
    if (!this.#items.size) {
      if (more) this.#listen();
      else this.#stop();
      return;
    }
    const view = this.#o.document.defaultView?.innerHeight ?? 0;
    const order = this.#order;
    // The first block whose bottom is below a screen above the viewport (blocks in document order
    // mostly run down the page).
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order[mid]!.getBoundingClientRect().bottom < -view) lo = mid + 1;
      else hi = mid;
    }
    const near: [Element, T][] = [];
    let last = -1;
    // A few blocks either side of where the search landed, and on until several in a row lie
    // below the window: floats, columns and positioned boxes bend document order a little.
    let misses = 0;
    for (let i = Math.max(0, lo - SLACK); i < order.length && misses <= SLACK; i++) {
      const block = order[i]!;
      const box = block.getBoundingClientRect();
      // Above the window: go on (a hidden block, with no box, can land the search too early).
      if (box.bottom < -view) continue;
      if (box.top > 2 * view) {
        misses++;
        continue;
      }
      misses = 0;
      const value = block.isConnected ? this.take(block) : undefined;
      if (value !== undefined) near.push([block, value]);
      last = i;
    }
    if (near.length) {
      const after: T[] = [];
      for (let i = last + 1; i < order.length && after.length < ahead; i++) {
        const value = this.#items.get(order[i]!);
        if (value !== undefined) after.push(value);
      }
      this.#o.prepare?.(
        near.map(([, value]) => value),
        after,
      );
      for (const [block, value] of near) this.#o.resolve(block, value);
      this.#o.onResolved?.();
    }
    if (!this.#items.size && !more) this.#stop();
  }

  // --- Implementation helpers ---

  #schedule(): void {
    const win = this.#o.document.defaultView;
    if (this.#frame !== undefined || !win) return;
    this.#frame = win.requestAnimationFrame(() => this.resolveNear());
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    // Capture: scrolling inside any scrolled box, not only the page, moves blocks into view.
    this.#o.document.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
    this.#o.document.defaultView?.addEventListener('resize', this.#onScroll, { passive: true });
  }

  #stop(): void {
    if (this.#frame !== undefined) this.#o.document.defaultView?.cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    if (!this.#listening) return;
    this.#listening = false;
    this.#o.document.removeEventListener('scroll', this.#onScroll, { capture: true });
    this.#o.document.defaultView?.removeEventListener('resize', this.#onScroll);
  }
}

/** Pending blocks after the window offered to `prepare` (see PendingBlocksOptions.prepare). */
const AHEAD = 100;

/** Blocks out of the window tolerated in a row before the search stops (see resolveNear). */
const SLACK = 8;
