/**
 * Where the card goes: below the start of the term, or above it when there is
 * more room there, and kept inside the viewport sideways. This is the one case
 * of floating-ui's `bottom-start` + `offset` + `flip` + `shift` that the card
 * uses, in a few lines instead of 6 kB of the content script.
 */

export interface Rect {
  left: number;
  top: number;
  bottom: number;
}

export interface PlaceOptions {
  /** The term's rectangle, in viewport coordinates. */
  anchor: Rect;
  /** The card's size. */
  size: { width: number; height: number };
  /** The viewport's size, without scroll bars. */
  viewport: { width: number; height: number };
  /** Space between the term and the card. */
  gap?: number;
  /** Least space between the card and the viewport's sides. */
  padding?: number;
}

/** The card's top-left corner, in viewport coordinates. */
export function placeCard({ anchor, size, viewport, gap = 6, padding = 8 }: PlaceOptions): { x: number; y: number } {
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - size.height;
  const overflowBelow = Math.max(0, below + size.height - viewport.height);
  const overflowAbove = Math.max(0, -above);
  const y = overflowBelow > 0 && overflowAbove < overflowBelow ? above : below;
  const x = Math.max(padding, Math.min(anchor.left, viewport.width - size.width - padding));
  return { x, y };
}
