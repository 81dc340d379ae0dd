/**
 * Keeps the page's glossary mentions highlighted: a first scan in small
 * slices (visible text first), then the text that later appears or changes.
 * It reads the DOM and registers StaticRanges in one CSS Highlight; it never
 * changes a node of the page. StaticRanges, unlike live Ranges, cost the page
 * nothing when it later mutates; changed text is rescanned instead.
 */
import type { CompiledGlossary, Scan } from '../core/matcher';
import { scanText, scanTexts } from '../core/matcher';
import {
  addSenseCues,
  noteSenseEntries,
  readSenseCuesOf,
  addToSignal,
  emptySignal,
  isTopicalPage,
  resolveMentions,
  type TopicSignal,
} from '../core/relevance';
import {
  blockOf,
  collectPassages,
  isInline,
  isReadableText,
  isSkippedElement,
  locate,
  PassageWalk,
  type Passage,
} from './walker';
import { DEFAULT_LIMIT, HighlightWindow, type ObserverFactory } from './highlight-window';
import { PendingBlocks } from './pending-blocks';
import { SLICE_MS, yieldToMain } from './schedule';

/** A block's passages, each with its scan. */
type Pairs = readonly (readonly [Passage, Scan])[];

/** A block left for later: its passages, and their scans once read (those with a candidate). */
interface PendingBlock {
  passages: Passage[];
  pairs?: Pairs;
}

/** Characters of text scanned in one go by the first scan; a few milliseconds' work. */
const SCAN_CHUNK = 32_000;

/**
 * Characters of text from which a page is read lazily: the first scan walks
 * this much of the page, and on only as far as a screen below the viewport;
 * it reads the blocks within a screen of the viewport; the rest is walked and
 * read as the reader scrolls to it, or when someone asks for every mention.
 * About 30 pages of a printed book.
 */
export const LAZY_FROM = 100_000;
/** Characters walked at a time past LAZY_FROM, until the walk is a screen below the viewport. */
const WALK_CHUNK = 20_000;

/** The highlight's name is a public contract: user styles and other tools rely on it. */
export const HIGHLIGHT_NAME = 'probation-jargon';

export interface MentionRecord {
  entry: number;
  /** Senses by how well the context supports them; the first leads the card. */
  senses: number[];
  range: StaticRange;
  nodes: Text[];
  block: Element;
  text: string;
  /** The sentence-sized stretch of the mention's own text nodes around it, read when asked. */
  readonly context: string;
}

export interface PageScannerOptions {
  document: Document;
  /** The glossary, or how to make it: then it is made when a page first has text to read. */
  glossary: CompiledGlossary | (() => CompiledGlossary);
  /** Our own UI, never read. */
  isOwn?: (element: Element) => boolean;
  /** Whether an entry may be highlighted (categories the user turned off). */
  isShown?: (entry: number) => boolean;
  /** Called after mentions were added or removed. */
  onChange?: () => void;
  /** Delay before changed text is rescanned, to batch a burst of mutations. */
  batchMs?: number;
  /** Ranges registered in full before only those near the viewport are (see HighlightWindow). */
  highlightLimit?: number;
  /** Makes the IntersectionObserver that HighlightWindow uses (tests). */
  createObserver?: ObserverFactory<Element>;
}

export class PageScanner {
  readonly #doc: Document;
  #makeGlossary?: () => CompiledGlossary;
  #compiled?: CompiledGlossary;
  readonly #options: PageScannerOptions;
  #isShown?: (entry: number) => boolean;
  readonly #highlight: Highlight;
  readonly #window: HighlightWindow<Element, Mention>;
  readonly #byBlock = new Map<Element, Mention[]>();
  /** Blocks scanned but not yet resolved into mentions: resolved when near the viewport, or asked for. */
  readonly #pending: PendingBlocks<PendingBlock>;
  #signal: TopicSignal = emptySignal();
  #onTopic = false;
  /** Whether the page is read lazily (see LAZY_FROM). */
  #lazy = false;
  /** On a lazily read page, the scans of the blocks resolved so far: resolved again if the page turns out to be on topic. */
  readonly #resolvedPairs = new Map<Element, Pairs>();
  /** On a lazily read page, the walk through the text not walked yet, and the blocks it left open. */
  #walk?: { walk: PassageWalk; last: Text; open: Set<Element> };
  #observer?: MutationObserver;
  #dirtyOwn = new Set<Element>();
  #dirtyAll = new Set<Element>();
  #removals = false;
  #timer?: ReturnType<typeof setTimeout>;
  #generation = 0;
  #running = false;
  /** The full scan under way or last made: readAll waits for it. */
  #scanning: Promise<void> = Promise.resolve();

  constructor(options: PageScannerOptions) {
    this.#doc = options.document;
    if (typeof options.glossary === 'function') this.#makeGlossary = options.glossary;
    else this.#compiled = options.glossary;
    this.#options = options;
    this.#isShown = options.isShown;
    this.#highlight = new Highlight();
    const highlight = this.#highlight;
    this.#pending = new PendingBlocks<PendingBlock>({
      document: this.#doc,
      extend: () => this.#walkNear(),
      // Text that must be read is read with the next hundred blocks' text: fewer, larger reads while
      // the reader scrolls.
      prepare: (blocks, ahead) => {
        if (blocks.some((pending) => !pending.pairs)) this.#read([...blocks, ...ahead]);
      },
      resolve: (block, pending) => this.#register(block, this.#pairsOf(pending)),
      onResolved: () => this.#publish(),
    });
    this.#window = new HighlightWindow<Element, Mention>({
      // A mention's range is made when it is first registered: past the limit, most never are.
      highlight: {
        add: (mention) => highlight.add(mention.range),
        delete: (mention) => mention.hasRange && highlight.delete(mention.range),
        clear: () => highlight.clear(),
      },
      limit: options.highlightLimit,
      createObserver: options.createObserver,
      onChange: () => this.#publish(),
    });
  }

  /** Whether this browser can show highlights at all. */
  static isSupported(): boolean {
    return typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Scans the page and watches it for new text. Resolves when the first scan is done. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#observer = new MutationObserver((records) => this.#onMutations(records));
    this.#observer.observe(this.#doc, { childList: true, characterData: true, subtree: true });
    await this.#fullScan();
  }

  /** Removes every highlight and stops watching. */
  stop(): void {
    this.#running = false;
    this.#generation++;
    this.#observer?.disconnect();
    this.#observer = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirtyOwn.clear();
    this.#dirtyAll.clear();
    this.#clear();
    if (CSS.highlights.get(HIGHLIGHT_NAME) === this.#highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
    this.#options.onChange?.();
  }

  /** Swaps in a new glossary (personal entries, settings) and rescans. */
  async update(glossary: CompiledGlossary): Promise<void> {
    this.#compiled = glossary;
    if (this.#running) await this.#fullScan();
  }
  /** Changes which entries may be highlighted (the reader's categories) and rescans. */
  async setShown(isShown: ((entry: number) => boolean) | undefined): Promise<void> {
    this.#isShown = isShown;
    if (this.#running) await this.#fullScan();
  }

  /** The mention that covers `offset` in `node`, if any. */
  mentionAt(node: Node, offset: number): MentionRecord | undefined {
    // A passage's text nodes share its block, and so do its mentions.
    if (node.nodeType !== Node.TEXT_NODE || !node.parentElement) return undefined;
    return this.#recordsOf(blockOf(node)).find((mention) => mention.covers(node as Text, offset));
  }

  /** Every current mention, in no particular order. */
  *mentions(): IterableIterator<MentionRecord> {
    this.#walkOn(() => true);
    const pending = this.#pending.entries();
    // A lazily read page's unread blocks are read together, as the first scan reads a page.
    this.#read(pending.map(([, value]) => value));
    for (const [block] of pending) this.#recordsOf(block);
    for (const records of this.#byBlock.values()) yield* records;
  }

  /**
   * Walks and reads the rest of a lazily read page and resolves every block
   * left pending, in slices with the page's own work in between: what the
   * popup's list of terms needs, without a long task on a long page. After it,
   * `mentions()` has nothing left to read.
   */
  async readAll(): Promise<void> {
    // After the scan under way, if any; again if the page began another meanwhile (a few times at most:
    // then `mentions()` reads what is left at once).
    for (let tries = 0; tries < 3 && this.#running; tries++) {
      await this.#scanning;
      if (await this.#readRest()) return;
    }
  }

  /** readAll's work for one scan; false if another scan began before it was done. */
  async #readRest(): Promise<boolean> {
    const generation = this.#generation;
    let sliceStart = performance.now();
    const goOn = async (): Promise<boolean> => {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        sliceStart = performance.now();
      } else await undefined; // A rescan asked for in a microtask starts first.
      return generation === this.#generation && this.#running;
    };
    while (this.#walk) {
      // A stretch a time.
      let walked = false;
      this.#walkOn(() => !walked && (walked = true));
      if (!(await goOn())) return false;
    }
    const unread = this.#pending.entries().filter(([, pending]) => !pending.pairs);
    for (const [from, to] of chunksOf(unread, ([, pending]) => pending.passages.reduce((n, passage) => n + passage.text.length, 0))) {
      this.#read(unread.slice(from, to).map(([, pending]) => pending));
      if (!(await goOn())) return false;
    }
    for (const [block] of this.#pending.entries()) {
      this.#recordsOf(block);
      if (performance.now() - sliceStart > SLICE_MS) {
        this.#publish();
        if (!(await goOn())) return false;
      }
    }
    this.#publish();
    return true;
  }

  /** The page's cue counts and topic score, for ranking senses elsewhere. */
  get signal(): TopicSignal {
    return this.#signal;
  }

  get glossary(): CompiledGlossary {
    return this.#glossary;
  }

  /** Whether the glossary was made yet (see PageScannerOptions.glossary). */
  get hasGlossary(): boolean {
    return this.#compiled !== undefined;
  }

  /**
   * Registers the highlight again if the page took it away (`CSS.highlights.clear()`,
   * or its own Highlight under our name). Cheap: the hover and every mutation batch call it.
   */
  ensurePublished(): void {
    if (this.#running && CSS.highlights.get(HIGHLIGHT_NAME) !== this.#highlight)
      CSS.highlights.set(HIGHLIGHT_NAME, this.#highlight);
  }

  // --- Implementation helpers ---

  get #glossary(): CompiledGlossary {
    this.#compiled ??= this.#makeGlossary!();
    return this.#compiled;
  }

  /** Scans the page from the start; readAll waits for it. */
  #fullScan(): Promise<void> {
    const scan = this.#scanPage();
    this.#scanning = scan.catch(() => undefined);
    return scan;
  }

  /** A full scan that nobody waits for but readAll: a failure is logged. */
  #rescan(): Promise<void> {
    return this.#fullScan().catch((error: unknown) => console.error('Probation Jargon: rescan failed', error));
  }

  /** A full scan asked for inside a check that must not run it (a scroll's frame): in a microtask, unless another began first. */
  #rescanSoon(): void {
    const generation = this.#generation;
    this.#scanning = Promise.resolve().then(() =>
      this.#running && generation === this.#generation ? this.#rescan() : undefined,
    );
  }

  async #scanPage(): Promise<void> {
    const generation = ++this.#generation;
    const body = this.#doc.body;
    this.#clear();
    this.#signal = emptySignal();
    this.#lazy = false;
    this.#onTopic = false;
    if (!body) return;

    let sliceStart = performance.now();
    const walk = new PassageWalk(body, { isOwn: this.#options.isOwn });
    const passages = walk.next(LAZY_FROM);
    // A frame with no text (an advert, a widget) never needs the glossary.
    if (!passages.length) {
      this.#publish();
      return;
    }
    this.#lazy = !walk.done;
    // Reading a long page's text, making the glossary and the first chunk's scan would make one long
    // task together: each gets a task of its own when the one before took a slice's time.
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      if (generation !== this.#generation) return;
      sliceStart = performance.now();
    }
    if (!this.hasGlossary) {
      void this.#glossary;
      await yieldToMain();
      if (generation !== this.#generation) return;
      sliceStart = performance.now();
    }
    if (this.#lazy) {
      // The rest is walked when the reader nears it (PendingBlocks.extend), only the text near the
      // viewport is read now (PendingBlocks.prepare), and the page's topic is judged by what has been
      // read so far.
      this.#walk = { walk, last: passages[0]!.nodes[0]!, open: new Set() };
      this.#addWalked(passages);
      this.#pending.resolveNear(0);
      this.#publish();
      return;
    }
    // Only a passage with a candidate can hold a mention; most have none, and skip the second pass.
    const found: { index: number; passage: Passage; scan: ReturnType<typeof scanText> }[] = [];
    // Passages are read together, some thousands of characters at a time (see scanTexts).
    for (const [from, to] of chunksOf(passages, (passage) => passage.text.length)) {
      const scans = scanTexts(
        passages.slice(from, to).map((passage) => passage.text),
        this.#glossary,
      );
      for (let index = from; index < to; index++) {
        const passage = passages[index]!;
        const scan = scans[index - from]!;
        if (scan.candidates.length) found.push({ index, passage, scan });
        addToSignal(this.#signal, scan, passage.text.length, this.#glossary, passage.text);
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        if (generation !== this.#generation) return;
        sliceStart = performance.now();
      }
    }
    this.#onTopic = isTopicalPage(this.#signal);

    // A long page has more candidates than the highlight registers in full: only the blocks near the
    // viewport are resolved into mentions now, and the others as the reader scrolls to them, or when
    // someone asks for every mention (the popup's list).
    const limit = this.#options.highlightLimit ?? DEFAULT_LIMIT;
    const isLong = found.reduce((n, { scan }) => n + scan.candidates.length, 0) > limit;

    // The cues that choose between senses, read only where a mention needs one, now that the page's
    // topic is known. Every passage that needs them is noted first, so that one index of their cues
    // serves the page. On a page of ordinary length they are all read before any sense is chosen, as
    // the page's counts break ties; on a long page, a block's are read when the block is resolved,
    // with the counts of the page read so far (local cues decide; the counts only break ties).
    const needing = found.filter(({ scan }) => noteSenseEntries(this.#signal, scan, this.#glossary));
    // Read together too, as the first scan's passages were.
    for (const [from, to] of isLong ? [] : chunksOf(needing, ({ passage }) => passage.text.length)) {
      readSenseCuesOf(
        this.#signal,
        needing.slice(from, to).map(({ passage, scan }) => ({ scan, text: passage.text })),
        this.#glossary,
      );
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        if (generation !== this.#generation) return;
        sliceStart = performance.now();
      }
    }

    // A block at a time, in the order of its first passage; visible text first: start at the
    // first block from the first passage in the viewport, and wrap round.
    const byBlock = new Map<Element, { at: number; pairs: (readonly [Passage, ReturnType<typeof scanText>])[] }>();
    for (const { index, passage, scan } of found) {
      const group = byBlock.get(passage.block);
      if (group) group.pairs.push([passage, scan]);
      else byBlock.set(passage.block, { at: index, pairs: [[passage, scan]] });
    }
    const groups = [...byBlock.values()];
    if (isLong) {
      // Blocks are in document order.
      this.#pending.add(
        groups.map(({ pairs }) => [pairs[0]![0].block, { passages: pairs.map(([passage]) => passage), pairs }] as const),
      );
      this.#pending.resolveNear();
      this.#publish();
      return;
    }
    const first = firstVisible(passages);
    const from = Math.max(
      0,
      groups.findIndex((group) => group.at >= first),
    );
    sliceStart = performance.now();
    let changed = false;
    for (let k = 0; k < groups.length; k++) {
      const { pairs } = groups[(from + k) % groups.length]!;
      changed = this.#setBlock(pairs[0]![0].block, pairs) || changed;
      if (performance.now() - sliceStart > SLICE_MS) {
        if (changed) this.#publish();
        changed = false;
        await yieldToMain();
        if (generation !== this.#generation) return;
        sliceStart = performance.now();
      }
    }
    this.#publish();
  }

  /** Replaces the mentions of one block; returns whether anything changed. */
  #setBlock(block: Element, passages: Pairs): boolean {
    const hadRecords = this.#byBlock.delete(block);
    const wasPending = this.#pending.delete(block);
    const removed = hadRecords || wasPending;
    this.#keepPairs(block, passages);
    const records = this.#resolve(block, passages);
    if (records.length) this.#byBlock.set(block, records);
    // Replaced, not removed and added: a block near the viewport stays registered.
    this.#window.set(block, records);
    return removed || records.length > 0;
  }

  /** The mentions in one block's passages. */
  #resolve(block: Element, passages: Pairs): Mention[] {
    const records: Mention[] = [];
    for (const [passage, scan] of passages) {
      for (const mention of resolveMentions(scan, this.#glossary, this.#signal, passage.text)) {
        if (this.#isShown && !this.#isShown(mention.entry)) continue;
        records.push(new Mention(passage, mention.start, mention.end, mention.entry, mention.senses, block));
      }
    }
    return records;
  }

  /** A block's mentions, resolving them now if the block was left pending. */
  #recordsOf(block: Element): Mention[] {
    const pending = this.#pending.take(block);
    if (pending) return this.#register(block, this.#pairsOf(pending));
    return this.#byBlock.get(block) ?? [];
  }

  /** A pending block's scans, reading it first if it was not read. */
  #pairsOf(pending: PendingBlock): Pairs {
    if (!pending.pairs) this.#read([pending]);
    return pending.pairs!;
  }

  /**
   * Reads the blocks of a lazily read page that were not read yet, together
   * (see scanTexts), and adds them to the page's signal. If that makes the
   * page about probation, the blocks resolved before are resolved again.
   */
  #read(blocks: readonly PendingBlock[]): void {
    const unread = blocks.filter((pending) => !pending.pairs);
    if (!unread.length) return;
    const passages = unread.flatMap((pending) => pending.passages);
    const scans: Scan[] = [];
    for (const [from, to] of chunksOf(passages, (passage) => passage.text.length)) {
      for (const scan of scanTexts(
        passages.slice(from, to).map((passage) => passage.text),
        this.#glossary,
      ))
        scans.push(scan);
    }
    let k = 0;
    for (const pending of unread) {
      const pairs: (readonly [Passage, Scan])[] = [];
      for (const passage of pending.passages) {
        const scan = scans[k++]!;
        addToSignal(this.#signal, scan, passage.text.length, this.#glossary, passage.text);
        if (scan.candidates.length) pairs.push([passage, scan]);
      }
      pending.pairs = pairs;
    }
    if (!this.#onTopic && isTopicalPage(this.#signal)) {
      this.#onTopic = true;
      if (this.#resolveAgain()) this.#publish();
    }
  }

  /**
   * On a lazily read page, walks on while the last block walked is less than
   * a screen below the viewport; returns whether any of the page is left.
   */
  #walkNear(): boolean {
    if (!this.#walk) return false;
    const view = this.#doc.defaultView?.innerHeight ?? 0;
    // The last text walked, not its block: a block can be a tall container with text of its own.
    const range = this.#doc.createRange();
    return this.#walkOn((last) => {
      range.selectNodeContents(last);
      return range.getBoundingClientRect().top <= 2 * view;
    });
  }

  /** Walks on a stretch at a time while `further(last text walked)`; returns whether any of the page is left. */
  #walkOn(further: (last: Text) => boolean): boolean {
    const state = this.#walk;
    if (!state) return false;
    // The page took away the place to go on from: read it again from the start (not from inside this
    // check: a scroll's frame, a request for every mention).
    if (!state.walk.isIntact) {
      this.#walk = undefined;
      this.#rescanSoon();
      return false;
    }
    while (!state.walk.done && further(state.last)) this.#addWalked(state.walk.next(WALK_CHUNK));
    if (state.walk.done) this.#walk = undefined;
    return !state.walk.done;
  }

  /** Leaves newly walked passages pending; a block the walk had left open gets its further passages. */
  #addWalked(passages: Passage[]): void {
    const state = this.#walk!;
    const fresh: [Element, PendingBlock][] = [];
    for (const [block, list] of groupByBlock(passages)) {
      const pending = state.open.has(block) ? this.#pending.get(block) : undefined;
      const resolved = state.open.has(block) ? this.#resolvedPairs.get(block) : undefined;
      if (pending && !pending.pairs) pending.passages.push(...list);
      else if (pending || resolved) {
        const more: PendingBlock = { passages: list };
        this.#read([more]);
        if (pending) {
          pending.passages.push(...list);
          pending.pairs = [...pending.pairs!, ...more.pairs!];
        } else this.#setBlock(block, [...resolved!, ...more.pairs!]);
      } else fresh.push([block, { passages: list }]);
    }
    if (passages.length) state.last = passages[passages.length - 1]!.nodes.at(-1)!;
    state.open = new Set(state.walk.openBlocks);
    this.#pending.add(fresh);
  }

  /** Resolves a pending block's mentions and hands them to the highlight window. */
  #register(block: Element, pairs: Pairs): Mention[] {
    this.#keepPairs(block, pairs);
    const records = this.#resolve(block, pairs);
    if (records.length) this.#byBlock.set(block, records);
    else this.#byBlock.delete(block);
    this.#window.set(block, records);
    return records;
  }

  #removeBlock(block: Element): boolean {
    this.#window.delete(block);
    this.#resolvedPairs.delete(block);
    const hadRecords = this.#byBlock.delete(block);
    return this.#pending.delete(block) || hadRecords;
  }

  /**
   * On a lazily read page, keeps a resolved block's scans while they may be
   * needed: to resolve it again if the page turns out to be about probation,
   * or to add the passages a paused walk has still to read in it.
   */
  #keepPairs(block: Element, pairs: Pairs): void {
    if (this.#lazy && (!this.#onTopic || this.#walk?.open.has(block))) this.#resolvedPairs.set(block, pairs);
  }

  /**
   * The page has just turned out to be about probation: resolves again the
   * blocks resolved before, for the in-context mentions they passed over;
   * returns whether anything changed.
   */
  #resolveAgain(): boolean {
    let changed = false;
    for (const [block, pairs] of [...this.#resolvedPairs]) {
      if (!block.isConnected || pairs.some(([passage]) => passage.nodes.some((node) => !node.isConnected))) {
        this.#resolvedPairs.delete(block);
      } else changed = this.#setBlock(block, pairs) || changed;
    }
    // Only a paused walk's open blocks need their scans now.
    for (const block of [...this.#resolvedPairs.keys()]) if (!this.#walk?.open.has(block)) this.#resolvedPairs.delete(block);
    return changed;
  }

  #clear(): void {
    this.#window.clear();
    this.#byBlock.clear();
    this.#pending.clear();
    this.#resolvedPairs.clear();
    this.#walk = undefined;
  }

  /** (Re-)registers the highlight: a page may have cleared CSS.highlights. */
  #publish(): void {
    if (!this.#running) return;
    if (CSS.highlights.get(HIGHLIGHT_NAME) !== this.#highlight) CSS.highlights.set(HIGHLIGHT_NAME, this.#highlight);
    this.#options.onChange?.();
  }

  #onMutations(records: MutationRecord[]): void {
    const isOwn = this.#options.isOwn;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        if (target.parentElement) this.#dirtyOwn.add(blockOf(target));
        continue;
      }
      const element = target as Element;
      if (isOwn?.(element)) continue;
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.TEXT_NODE || (node.nodeType === Node.ELEMENT_NODE && isInline(node as Element))) {
          this.#dirtyOwn.add(isInline(element) ? blockOf(element) : element);
        } else if (node.nodeType === Node.ELEMENT_NODE && !isOwn?.(node as Element)) {
          this.#dirtyAll.add(node as Element);
          // A block dropped between two runs of text splits their passage ("OASys|<div>|s"): reread the parent's own text.
          if (isTextOrInline(node.previousSibling) || isTextOrInline(node.nextSibling)) {
            this.#dirtyOwn.add(isInline(element) ? blockOf(element) : element);
          }
        }
      }
      if (record.removedNodes.length) {
        this.#removals = true;
        if (element.nodeType === Node.ELEMENT_NODE) this.#dirtyOwn.add(isInline(element) ? blockOf(element) : element);
      }
    }
    if ((this.#dirtyOwn.size || this.#dirtyAll.size || this.#removals) && this.#timer === undefined) {
      this.#timer = setTimeout(() => this.#flush(), this.#options.batchMs ?? 40);
    }
  }

  #flush(): void {
    this.#timer = undefined;
    if (!this.#running) return;
    const isOwn = this.#options.isOwn;
    let changed = false;

    if (this.#removals) {
      this.#removals = false;
      for (const block of [...this.#byBlock.keys()]) {
        if (!block.isConnected || this.#byBlock.get(block)!.some((mention) => !mention.isConnected)) {
          changed = this.#removeBlock(block) || changed;
        }
      }
      for (const [block, { passages }] of this.#pending.entries()) {
        if (!block.isConnected || passages.some((passage) => passage.nodes.some((node) => !node.isConnected))) {
          changed = this.#removeBlock(block) || changed;
        }
      }
      for (const block of [...this.#resolvedPairs.keys()]) if (!block.isConnected) this.#resolvedPairs.delete(block);
    }

    const pending: [Element, Passage[]][] = [];
    for (const root of this.#dirtyAll) {
      if (!root.isConnected || !isReadableElement(root, isOwn)) continue;
      pending.push(...groupByBlock(collectPassages(root, { isOwn })));
    }
    for (const block of this.#dirtyOwn) {
      if (!block.isConnected) continue;
      if (!isReadableElement(block, isOwn)) continue;
      pending.push([block, collectPassages(block, { isOwn, ownTextOnly: true })]);
    }
    this.#dirtyAll.clear();
    this.#dirtyOwn.clear();

    // The page took away the place the paused walk would go on from (a new page in a single-page app):
    // read it again from the start.
    if (this.#walk && !this.#walk.walk.isIntact) {
      void this.#rescan();
      return;
    }
    // On a lazily read page, text the paused walk has not reached is left to it: read now as well, it would
    // be read twice. (The walk pauses between passages: a passage lies wholly on one side.)
    const position = this.#walk?.walk.position;
    if (position) {
      for (let i = pending.length - 1; i >= 0; i--) {
        const [block, passages] = pending[i]!;
        const reached = passages.filter(
          (passage) => !!(passage.nodes[0]!.compareDocumentPosition(position) & Node.DOCUMENT_POSITION_FOLLOWING),
        );
        if (passages.length && !reached.length) pending.splice(i, 1);
        else pending[i] = [block, reached];
      }
    }

    const scanned = pending.map(([block, passages]) => {
      const pairs = passages.map((passage) => [passage, scanText(passage.text, this.#glossary)] as const);
      for (const [passage, scan] of pairs)
        addToSignal(this.#signal, scan, passage.text.length, this.#glossary, passage.text);
      return [block, pairs] as const;
    });

    if (!this.#onTopic && isTopicalPage(this.#signal)) {
      this.#onTopic = true;
      // The page has just become about probation: earlier text may now qualify. A lazily read page
      // keeps the scans of what it resolved; another page reads its text again.
      if (!this.#lazy) {
        void this.#rescan();
        return;
      }
      changed = this.#resolveAgain() || changed;
    }
    for (const [, pairs] of scanned) {
      for (const [passage, scan] of pairs) addSenseCues(this.#signal, scan, passage.text, this.#glossary);
    }
    for (const [block, pairs] of scanned) changed = this.#setBlock(block, pairs) || changed;
    if (changed) this.#publish();
    else this.ensurePublished();
  }
}

function isTextOrInline(node: Node | null): boolean {
  return (
    !!node && (node.nodeType === Node.TEXT_NODE || (node.nodeType === Node.ELEMENT_NODE && isInline(node as Element)))
  );
}

function isReadableElement(element: Element, isOwn?: (element: Element) => boolean): boolean {
  for (let el: Element | null = element; el; el = el.parentElement) {
    if (isSkippedElement(el, { isOwn })) return false;
  }
  return true;
}

/** Passages by block, in the order of each block's first passage. */
function groupByBlock(passages: readonly Passage[]): Map<Element, Passage[]> {
  const blocks = new Map<Element, Passage[]>();
  for (const passage of passages) {
    const list = blocks.get(passage.block);
    if (list) list.push(passage);
    else blocks.set(passage.block, [passage]);
  }
  return blocks;
}

/** Consecutive ranges `[from, to)` of `items` whose texts add up to about SCAN_CHUNK characters each. */
function* chunksOf<T>(items: readonly T[], lengthOf: (item: T) => number): Generator<[from: number, to: number]> {
  for (let from = 0; from < items.length; ) {
    let to = from;
    for (let size = 0; to < items.length && size < SCAN_CHUNK; to++) size += lengthOf(items[to]!);
    yield [from, to];
    from = to;
  }
}

/** The index of the first passage whose block is on screen (passages are in document order). */
function firstVisible(passages: readonly Passage[]): number {
  let lo = 0;
  let hi = passages.length - 1;
  if (hi < 1) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const rect = passages[mid]!.block.getBoundingClientRect();
    if (rect.bottom < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A mention; one class, so that thousands share one shape. It keeps where it
 * is as a passage's nodes and offsets, and makes its StaticRange, its node
 * list and its context when first asked: most are never hovered, and past the
 * highlight window's limit most ranges are never registered.
 */
class Mention implements MentionRecord {
  readonly entry: number;
  readonly senses: number[];
  readonly block: Element;
  readonly text: string;
  /** The passage's text nodes, shared with its other mentions; the mention runs from `first` to `last`. */
  readonly #passageNodes: readonly Text[];
  readonly #first: number;
  readonly #last: number;
  readonly #startOffset: number;
  readonly #endOffset: number;
  #range?: StaticRange;

  constructor(passage: Passage, start: number, end: number, entry: number, senses: number[], block: Element) {
    const from = locate(passage, start);
    const to = locate(passage, end, true);
    this.entry = entry;
    this.senses = senses;
    this.block = block;
    this.text = passage.text.slice(start, end);
    this.#passageNodes = passage.nodes;
    this.#first = from.index;
    this.#last = to.index;
    this.#startOffset = from.offset;
    this.#endOffset = to.offset;
  }

  get range(): StaticRange {
    this.#range ??= new StaticRange({
      startContainer: this.#passageNodes[this.#first]!,
      startOffset: this.#startOffset,
      endContainer: this.#passageNodes[this.#last]!,
      endOffset: this.#endOffset,
    });
    return this.#range;
  }

  /** Whether the range was made (and so may be registered). */
  get hasRange(): boolean {
    return this.#range !== undefined;
  }

  get nodes(): Text[] {
    return this.#passageNodes.slice(this.#first, this.#last + 1);
  }

  /** Whether every text node of the mention is still in the document. */
  get isConnected(): boolean {
    for (let i = this.#first; i <= this.#last; i++) if (!this.#passageNodes[i]!.isConnected) return false;
    return true;
  }

  /** Whether the character at `offset` in `node` belongs to the mention. */
  covers(node: Text, offset: number): boolean {
    const nodes = this.#passageNodes;
    let i = this.#first;
    while (i <= this.#last && nodes[i] !== node) i++;
    if (i > this.#last) return false;
    return (i !== this.#first || offset >= this.#startOffset) && (i !== this.#last || offset < this.#endOffset);
  }

  /** Few mentions are ever asked for it: work it out then, from the nodes, keeping no page text. */
  get context(): string {
    const nodes = this.nodes;
    const text = nodes.map((node) => node.data).join('');
    const end = text.length - nodes[nodes.length - 1]!.data.length + this.#endOffset;
    return sentenceAround(text, Math.min(this.#startOffset, end), end);
  }
}

/** Up to about 300 characters around a mention, cut at sentence ends where possible. */
export function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 200);
  const to = Math.min(text.length, end + 200);
  let left = from;
  for (let i = start - 1; i >= from; i--) {
    if (/[.!?\n]/.test(text[i]!) && i < start - 1) {
      left = i + 1;
      break;
    }
  }
  let right = to;
  for (let i = end; i < to; i++) {
    if (/[.!?\n]/.test(text[i]!)) {
      right = i + 1;
      break;
    }
  }
  return text.slice(left, right).replace(/\s+/g, ' ').trim();
}

export { isReadableText };
