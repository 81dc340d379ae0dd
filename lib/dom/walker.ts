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
  // Any element that is not inline (a <div>, a <br>) or is skipped (<code>, an editable <span>) ends
  // the passage, even when it holds no text: "OASys<br>s" is two passages, and no range ever spans
  // text that is not ours to read.
  let broken = false;
  const passages: Passage[] = [];
  let current: Passage | undefined;
  // The block of the text being read, kept as the walk goes down and up: no look up the tree per text node.
  let block = root.nodeType === Node.ELEMENT_NODE ? blockOfElement(root as Element) : undefined;
  const outer: (Element | undefined)[] = [];
  // A walk by hand, not a TreeWalker: a filter callback from the browser into script for every
  // element cost more than the rest of the walk together.
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (data && (data.length >= 3 || data.trim())) {
        block ??= blockOf(node);
        if (!current || current.block !== block || broken) {
          broken = false;
          current = { block, nodes: [], starts: [], text: '' };
          passages.push(current);
        }
        current.starts.push(current.text.length);
        current.nodes.push(node as Text);
        current.text += data;
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
    if (node === root) break;
    node = node.nextSibling;
  }
  return passages;
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
