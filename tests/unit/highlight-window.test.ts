import { describe, expect, it } from 'vitest';
import { HighlightWindow, type ObserverFactory } from '../../lib/dom/highlight-window';

type Block = { name: string };
type Report = Parameters<Parameters<ObserverFactory<Block>>[0]>[0];

/** A HighlightWindow over a Set, with an observer whose reports the test sends. */
function setUp(limit: number) {
  const highlight = new Set<string>();
  const observed = new Set<Block>();
  let report: ((entries: Report) => void) | undefined;
  let changes = 0;
  const window = new HighlightWindow<Block, string>({
    highlight,
    limit,
    onChange: () => changes++,
    createObserver: (callback) => {
      report = callback;
      return {
        observe: (block) => observed.add(block),
        unobserve: (block) => observed.delete(block),
        disconnect: () => observed.clear(),
      };
    },
  });
  const send = (block: Block, isIntersecting: boolean, size = 10) =>
    report!([{ target: block, isIntersecting, boundingClientRect: { width: size, height: size } }]);
  return { window, highlight, observed, send, changes: () => changes };
}

const a = { name: 'a' };
const b = { name: 'b' };
const c = { name: 'c' };

describe('HighlightWindow', () => {
  it('registers every range while there are no more than the limit, and watches nothing', () => {
    const { window, highlight, observed } = setUp(4);

    window.set(a, ['a1', 'a2']);
    window.set(b, ['b1', 'b2']);

    expect([...highlight]).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(window.windowed).toBe(false);
    expect(observed.size).toBe(0);
  });

  it('past the limit, keeps every range until the first report, then only blocks near the viewport', () => {
    const { window, highlight, observed, send } = setUp(4);
    window.set(a, ['a1', 'a2']);
    window.set(b, ['b1', 'b2']);

    window.set(c, ['c1']);

    expect(window.windowed).toBe(true);
    expect([...observed]).toEqual([a, b, c]);
    expect(highlight.size).toBe(5);

    send(a, false);
    send(b, true);
    send(c, false);

    expect([...highlight].sort()).toEqual(['b1', 'b2']);
  });

  it('registers a block that comes near, withdraws one that goes away, and says so', () => {
    const { window, highlight, send, changes } = setUp(1);
    window.set(a, ['a1']);
    window.set(b, ['b1']);
    send(a, false);
    send(b, false);
    const before = changes();

    send(a, true);

    expect([...highlight]).toEqual(['a1']);
    expect(changes()).toBe(before + 1);

    send(a, false);

    expect(highlight.size).toBe(0);
  });

  it('keeps a block without a box of its own (display: contents) registered', () => {
    const { window, highlight, send } = setUp(1);
    window.set(a, ['a1']);
    window.set(b, ['b1']);

    send(a, false, 0);
    send(b, false);

    expect([...highlight]).toEqual(['a1']);
  });

  it('replaces a near block’s ranges at once, and does NOT register a far block’s new ranges', () => {
    const { window, highlight, send } = setUp(1);
    window.set(a, ['a1']);
    window.set(b, ['b1']);
    send(a, true);
    send(b, false);

    window.set(a, ['a2']);
    window.set(b, ['b2']);

    expect([...highlight]).toEqual(['a2']);
  });

  it('forgets a deleted block and stops watching it; clear() starts over in full', () => {
    const { window, highlight, observed, send } = setUp(1);
    window.set(a, ['a1']);
    window.set(b, ['b1']);
    send(a, true);
    send(b, false);

    window.delete(a);

    expect(highlight.size).toBe(0);
    expect(observed.has(a)).toBe(false);

    window.clear();
    window.set(c, ['c1']);

    expect(window.windowed).toBe(false);
    expect([...highlight]).toEqual(['c1']);
  });

  it('registers everything, past any limit, where there is no IntersectionObserver', () => {
    const highlight = new Set<string>();
    const window = new HighlightWindow<Block, string>({ highlight, limit: 1, createObserver: undefined });

    window.set(a, ['a1']);
    window.set(b, ['b1']);

    expect(window.windowed).toBe(false);
    expect(highlight.size).toBe(2);
  });
});
