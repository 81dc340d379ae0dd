/**
 * Collects the page's readable text as passages: runs of text nodes that
 * share a block ancestor, so that a phrase split by inline markup
 * ("Approved <b>Premises</b>") still reads as one string. Reading text never
 * changes the page.
 */

/** Elements whose text is not prose, or belongs to the user or to us. */
// prettier-ignore
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'CODE', 'PRE', 'KBD', 'SAMP',
  'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'MATH', 'svg', 'SVG', 'HEAD', 'TITLE',
]);

/** Inline elements: text inside them joins the surrounding passage. */
// prettier-ignore
const INLINE = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'LABEL',
  'MARK', 'Q', 'RUBY', 'S', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'NOBR',
]);

export interface Passage {
  /** The nearest non-inline ancestor of the passage's text. */
  block: Element;
  nodes: Text[];
  /** Where each node's text starts in `text`. */
  starts: number[];
  text: string;
}

export interface WalkOptions {
  /** Our own UI: never read. */
  isOwn?: (element: Element) => boolean;
  /** Read only the root's own passage(s): text in inline elements, not in child blocks. */
  ownTextOnly?: boolean;
}

/** Whether text inside `element` must be left alone (and everything below it). */
export function isSkippedElement(element: Element, options: WalkOptions = {}): boolean {
  if (SKIPPED.has(element.tagName)) return true;
  // Namespaced, as HTML parsing gives <svg> and <math> lower-case tag names that SKIPPED's upper-case ones miss.
  if (
    element.namespaceURI === 'http://www.w3.org/2000/svg' ||
    element.namespaceURI === 'http://www.w3.org/1998/Math/MathML'
  )
    return true;
  if ((element as HTMLElement).isContentEditable) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return options.isOwn?.(element) ?? false;
}

/** Whether a text node may be highlighted: no skipped element above it. */
export function isReadableText(node: Text, options: WalkOptions = {}): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el, options)) return false;
  }
  return !!node.parentElement;
}

/** Reads the readable text under `root` (which must itself be readable) as passages, in document order. */
export function collectPassages(root: Node, options: WalkOptions = {}): Passage[] {
  return new PassageWalk(root, options).next();
}

/**
 * A walk through the readable text under `root`, read as passages a stretch
 * at a time (see next): a long page is read near the viewport first.
 */
export class PassageWalk {
  readonly #root: Node;
  readonly #options: WalkOptions;
  /** The next node to read; null once the walk is done. */
  #node: Node | null;
  /** The block of the text being read, kept as the walk goes down and up: no look up the tree per text node. */
  #block: Element | undefined;
  readonly #outer: (Element | undefined)[] = [];
  #broken = false;
  #current: Passage | undefined;

  constructor(root: Node, options: WalkOptions = {}) {
    this.#root = root;
    this.#options = options;
    this.#node = root.firstChild;
    this.#block = root.nodeType === Node.ELEMENT_NODE ? blockOfElement(root as Element) : undefined;
  }

  get done(): boolean {
    return this.#node === null;
  }

  /** Where the walk goes on from; null once it is done. */
  get position(): Node | null {
    return this.#node;
  }

  /** Whether the walk can go on: the place it goes on from is still under its root, in the document. */
  get isIntact(): boolean {
    return this.#node !== null && this.#root.isConnected && this.#root.contains(this.#node);
  }

  /**
   * The blocks that may have more passages further on: those the walk is
   * inside. A block's passages can lie on both sides of where a stretch ends
   * ("text <div>…</div> more text").
   */
  get openBlocks(): Element[] {
    const open = this.#outer.filter((block): block is Element => block !== undefined);
    if (this.#block) open.push(this.#block);
    return open;
  }

  /**
   * The next passages. With `chars`, the walk stops before the first
   * passage that starts once that many characters have been read: a stretch
   * ends between passages, never inside one.
   */
  next(chars = Infinity): Passage[] {
    const root = this.#root;
    const options = this.#options;
    const outer = this.#outer;
    const passages: Passage[] = [];
    let node = this.#node;
    let block = this.#block;
    let broken = this.#broken;
    let current = this.#current;
    let read = 0;
    // Any element that is not inline (a <div>, a <br>) or is skipped (<code>, an editable <span>) ends
    // the passage, even when it holds no text: "OASys<br>s" is two passages, and no range ever spans
    // text that is not ours to read.
    // A walk by hand, not a TreeWalker: a filter callback from the browser into script for every
    // element cost more than the rest of the walk together.
    while (node) {
      let descend = false;
      if (node.nodeType === Node.TEXT_NODE) {
        const data = (node as Text).data;
        if (data && (data.length >= 3 || data.trim())) {
          block ??= blockOf(node);
          if (!current || current.block !== block || broken) {
            if (read >= chars) break;
            broken = false;
            current = { block, nodes: [], starts: [], text: '' };
            passages.push(current);
          }
          current.starts.push(current.text.length);
          current.nodes.push(node as Text);
          current.text += data;
          read += data.length;
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element;
        if (isSkippedElement(element, options)) broken = true;
        else if (INLINE.has(element.tagName)) descend = true;
        else {
          broken = true;
          descend = !options.ownTextOnly;
        }
      }
      if (descend && node.firstChild) {
        outer.push(block);
        // An inline element's text belongs to the block around it.
        if (!INLINE.has((node as Element).tagName)) block = node as Element;
        node = node.firstChild;
        continue;
      }
      while (node !== root && !node.nextSibling) {
        node = node.parentNode!;
        if (node !== root) block = outer.pop();
      }
      node = node === root ? null : node.nextSibling;
    }
    this.#node = node;
    this.#block = block;
    this.#broken = broken;
    this.#current = current;
    return passages;
  }
}

/** The nearest ancestor that is not an inline element. */
export function isInline(element: Element): boolean {
  return INLINE.has(element.tagName);
}

export function blockOf(node: Node): Element {
  return blockOfElement(node.parentElement!);
}

/** `element` itself unless it is inline; then its nearest ancestor that is not (or the topmost). */
function blockOfElement(element: Element): Element {
  let el = element;
  while (INLINE.has(el.tagName) && el.parentElement) el = el.parentElement;
  return el;
}

/** Maps a passage offset to a text node (and its index in the passage) and an offset inside it. */
export function locate(
  passage: Passage,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number; index: number } {
  const { starts, nodes } = passage;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! < offset || (!preferEnd && starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]!, index: lo };
}
