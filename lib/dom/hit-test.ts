/** Finds the text position under the pointer, and checks it is on the glyphs. */

export interface CaretPoint {
  node: Node;
  offset: number;
}

/** The caret position at a viewport point: caretPositionFromPoint, or WebKit's caretRangeFromPoint. */
export function caretAt(doc: Document, x: number, y: number): CaretPoint | undefined {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** The client rectangles of a static range's text, through a short-lived live Range. */
export function rectsOf(doc: Document, range: AbstractRange): DOMRect[] {
  const live = doc.createRange();
  try {
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return [...live.getClientRects()];
  } catch {
    // The text changed under a StaticRange and its offsets no longer fit: nothing to hit.
    return [];
  } finally {
    live.detach();
  }
}

/** Whether (x, y) lies on one of the rectangles, allowing a pixel of slack. */
export function isOnRects(rects: readonly DOMRect[], x: number, y: number): boolean {
  return rects.some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
}

