/**
 * Collects the page's readable text as passages: runs of text nodes that
 * share a block ancestor, so that a phrase split by inline markup
 * ("Approved <b>Premises</b>") still reads as one string. Reading text never
 * changes the page.
 */

/** Elements whose text is not prose, or belongs to the user or to us. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'CODE', 'PRE', 'KBD', 'SAMP',
  'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'MATH', 'svg', 'SVG', 'HEAD', 'TITLE',
]);

/** Inline elements: text inside them joins the surrounding passage. */
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
  if (element.namespaceURI === 'http://www.w3.org/2000/svg' || element.namespaceURI === 'http://www.w3.org/1998/Math/MathML') return true;
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
  const doc = root.ownerDocument ?? (root as Document);
  // Any element that is not inline (a <div>, a <br>) or is skipped (<code>, an editable <span>) ends
  // the passage, even when it holds no text: "OASys<br>s" is two passages, and no range ever spans
  // text that is not ours to read.
  let broken = false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      // REJECT skips the whole subtree; SKIP still visits the children.
      if (isSkippedElement(element, options)) {
        broken = true;
        return NodeFilter.FILTER_REJECT;
      }
      if (!INLINE.has(element.tagName)) {
        broken = true;
        if (options.ownTextOnly) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_SKIP;
    },
  });

  const passages: Passage[] = [];
  let current: Passage | undefined;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    if (!data || (data.length < 3 && !data.trim())) continue;
    const block = blockOf(node);
    if (!current || current.block !== block || broken) {
      broken = false;
      current = { block, nodes: [], starts: [], text: '' };
      passages.push(current);
    }
    current.starts.push(current.text.length);
    current.nodes.push(node);
    current.text += data;
  }
  return passages;
}

/** The nearest ancestor that is not an inline element. */
export function isInline(element: Element): boolean {
  return INLINE.has(element.tagName);
}

export function blockOf(node: Node): Element {
  let el = node.parentElement!;
  while (INLINE.has(el.tagName) && el.parentElement) el = el.parentElement;
  return el;
}

/** Maps a passage offset to a text node and an offset inside it. */
export function locate(passage: Passage, offset: number, preferEnd = false): { node: Text; offset: number } {
  const { starts, nodes } = passage;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! < offset || (!preferEnd && starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}
