/**
 * Decides which mentions the registered Highlight holds.
 *
 * Chrome checks every range of every registered highlight again in each frame
 * in which the page changed, about 4 µs a range (measured with Chromium 156):
 * 9,000 ranges add some 40 ms to every frame of a page that is busy appending
 * or re-rendering, whatever changed. So up to `limit` ranges are all
 * registered; past it, only those of blocks within a screen of the viewport
 * are, as an IntersectionObserver reports the blocks coming and going, and the
 * rest are registered as the reader scrolls to them. Every mention stays
 * known to the scanner (hover, the popup's list) either way.
 */

/** The parts of a Highlight this needs (a fake in unit tests). */
export interface RangeSet<R> {
  add(range: R): unknown;
  delete(range: R): unknown;
  clear(): void;
}

export type ObserverFactory<B> = (
  callback: (entries: readonly { target: B; isIntersecting: boolean; boundingClientRect: { width: number; height: number } }[]) => void,
  options: { rootMargin: string },
) => { observe(target: B): void; unobserve(target: B): void; disconnect(): void };

export interface HighlightWindowOptions<B, R> {
  highlight: RangeSet<R>;
  /** Ranges registered in full before only those near the viewport are. */
  limit?: number;
  /** Makes the IntersectionObserver; without one (an old browser, a test DOM), every range is registered. */
  createObserver?: ObserverFactory<B>;
  /** Called after ranges were registered or withdrawn outside a scan (the reader scrolled). */
  onChange?: () => void;
}

/** Registers up to this many ranges in full (some 4 ms a busy frame at most). */
export const DEFAULT_LIMIT = 1000;

export class HighlightWindow<B extends object = Element, R = AbstractRange> {
  readonly #o: HighlightWindowOptions<B, R>;
  readonly #blocks = new Map<B, readonly R[]>();
  readonly #near = new Set<B>();
  #count = 0;
  #observer?: ReturnType<ObserverFactory<B>>;

  constructor(options: HighlightWindowOptions<B, R>) {
    this.#o = options;
  }

  /** Whether only ranges near the viewport are registered now. */
  get windowed(): boolean {
    return !!this.#observer;
  }

  /** Takes over the ranges of `block`, replacing any it had. */
  set(block: B, ranges: readonly R[]): void {
    if (!ranges.length) {
      this.delete(block);
      return;
    }
    const old = this.#blocks.get(block);
    if (old) {
      // The block stays where it is, near the viewport or not: only its ranges change.
      this.#count -= old.length;
      for (const range of old) this.#o.highlight.delete(range);
      this.#blocks.delete(block);
    }
    this.#blocks.set(block, ranges);
    this.#count += ranges.length;
    if (this.#observer) {
      if (!old) this.#observer.observe(block);
      if (this.#near.has(block)) for (const range of ranges) this.#o.highlight.add(range);
      return;
    }
    for (const range of ranges) this.#o.highlight.add(range);
    if (this.#count > (this.#o.limit ?? DEFAULT_LIMIT)) this.#narrow();
  }

  /** Withdraws the ranges of `block`. */
  delete(block: B): void {
    const ranges = this.#blocks.get(block);
    if (!ranges) return;
    this.#blocks.delete(block);
    this.#near.delete(block);
    this.#count -= ranges.length;
    for (const range of ranges) this.#o.highlight.delete(range);
    this.#observer?.unobserve(block);
  }

  /** Withdraws everything and registers in full again until the limit is passed. */
  clear(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    // Clearing even an empty Highlight costs Chromium a few milliseconds, on every page's first scan.
    const had = this.#blocks.size > 0;
    this.#blocks.clear();
    this.#near.clear();
    this.#count = 0;
    if (had) this.#o.highlight.clear();
  }

  // --- Implementation helpers ---

  /**
   * From now on, only blocks near the viewport. The ranges stay registered
   * until the observer's first report (for every block, one frame later)
   * withdraws those far away, so nothing on screen blinks.
   */
  #narrow(): void {
    const create = this.#o.createObserver ?? defaultObserver<B>();
    if (!create) return;
    for (const block of this.#blocks.keys()) this.#near.add(block);
    this.#observer = create((entries) => this.#onReport(entries), { rootMargin: '100% 0px' });
    for (const block of this.#blocks.keys()) this.#observer.observe(block);
  }

  #onReport(entries: Parameters<Parameters<ObserverFactory<B>>[0]>[0]): void {
    let changed = false;
    for (const { target, isIntersecting, boundingClientRect } of entries) {
      const ranges = this.#blocks.get(target);
      if (!ranges) continue;
      // A block without a box of its own (display: contents) never intersects; its text may still show.
      const near = isIntersecting || (boundingClientRect.width === 0 && boundingClientRect.height === 0);
      if (near === this.#near.has(target)) continue;
      changed = true;
      if (near) {
        this.#near.add(target);
        for (const range of ranges) this.#o.highlight.add(range);
      } else {
        this.#near.delete(target);
        for (const range of ranges) this.#o.highlight.delete(range);
      }
    }
    if (changed) this.#o.onChange?.();
  }
}

function defaultObserver<B>(): ObserverFactory<B> | undefined {
  if (typeof IntersectionObserver !== 'function') return undefined;
  return (callback, options) =>
    new IntersectionObserver((entries) => callback(entries as unknown as Parameters<typeof callback>[0]), options) as unknown as ReturnType<
      ObserverFactory<B>
    >;
}
