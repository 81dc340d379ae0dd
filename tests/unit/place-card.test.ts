import { describe, expect, it } from 'vitest';
import { placeCard } from '../../lib/dom/place-card';

const viewport = { width: 1000, height: 800 };
const size = { width: 300, height: 200 };

describe('placeCard', () => {
  it.each([
    ['below the start of a term with room below', { left: 100, top: 100, bottom: 120 }, { x: 100, y: 126 }],
    ['above a term near the bottom of the viewport', { left: 100, top: 700, bottom: 720 }, { x: 100, y: 494 }],
    ['below a term when neither side has room but below has more', { left: 100, top: 150, bottom: 170 }, { x: 100, y: 176 }],
    ['8 px inside the right edge for a term near it', { left: 900, top: 100, bottom: 120 }, { x: 692, y: 126 }],
    ['8 px inside the left edge for a term scrolled partly out', { left: -40, top: 100, bottom: 120 }, { x: 8, y: 126 }],
  ])('puts the card %s', (_, anchor, expected) => {
    const small = anchor.top === 150 ? { width: 300, height: 700 } : size;

    expect(placeCard({ anchor, size: small, viewport })).toEqual(expected);
  });

  it('keeps a card wider than the viewport at the left padding', () => {
    expect(placeCard({ anchor: { left: 50, top: 10, bottom: 30 }, size: { width: 1200, height: 100 }, viewport }).x).toBe(8);
  });
});
