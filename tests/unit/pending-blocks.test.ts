/**
 * PendingBlocks resolves the blocks of a long page that come within a screen
 * of the viewport, from the scroll position, and no others.
 */
import { describe, expect, it } from 'vitest';
import { PendingBlocks } from '../../lib/dom/pending-blocks';

const VIEW = 1000;

/** A page of `count` blocks, each `height` tall, scrolled to `scroll`; layout reads are counted. */
function setUp(count: number, height = 100) {
  let scroll = 0;
  let reads = 0;
  let frame: (() => void) | undefined;
  const listeners = new Map<string, () => void>();
  const blocks = Array.from({ length: count }, (_, i) => ({
    name: `b${i}`,
    isConnected: true,
    top: i * height,
    getBoundingClientRect() {
      reads++;
      return { top: this.top - scroll, bottom: this.top + height - scroll };
    },
  }));
  const doc = {
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    removeEventListener: (type: string) => listeners.delete(type),
    defaultView: {
      innerHeight: VIEW,
      requestAnimationFrame: (callback: () => void) => ((frame = callback), 1),
      cancelAnimationFrame: () => (frame = undefined),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  };
  const resolved: string[] = [];
  const prepared: string[][] = [];
  const aheads: string[][] = [];
  let batches = 0;
  const pending = new PendingBlocks<string>({
    document: doc as unknown as Document,
    prepare: (values, ahead) => {
      prepared.push([...values]);
      aheads.push([...ahead]);
    },
    resolve: (_block, value) => {
      // Every block of a frame is prepared before the first is resolved.
      if (!prepared.at(-1)?.includes(value)) throw new Error(`${value} resolved unprepared`);
      resolved.push(value);
    },
    onResolved: () => batches++,
  });
  const runFrame = () => {
    const run = frame;
    frame = undefined;
    run?.();
  };
  const scrollTo = (y: number) => {
    scroll = y;
    listeners.get('scroll')?.();
    runFrame();
  };
  const add = (from = 0, to = count) =>
    pending.add(blocks.slice(from, to).map((block) => [block as unknown as Element, block.name] as const));
  return {
    pending,
    blocks,
    resolved,
    prepared,
    aheads,
    add,
    runFrame,
    scrollTo,
    listening: () => listeners.has('scroll'),
    reads: () => reads,
    batches: () => batches,
  };
}

describe('PendingBlocks', () => {
  it('resolves, in the next frame, the blocks within a screen of the viewport, and only those', () => {
    const { resolved, add, runFrame } = setUp(1000);
    add();
    expect(resolved).toEqual([]);

    runFrame();

    // Blocks 0–20 start within two screens of the top: the viewport and a screen below it.
    expect(resolved).toEqual(Array.from({ length: 21 }, (_, i) => `b${i}`));
  });

  it('resolves more as the reader scrolls, with a few layout reads per frame, and stops listening when none is left', () => {
    const { pending, resolved, add, runFrame, scrollTo, listening, reads } = setUp(1000);
    add();
    runFrame();
    const before = reads();

    scrollTo(50_000);

    expect(resolved).toContain('b500');
    expect(resolved).not.toContain('b300');
    expect(reads() - before).toBeLessThan(60);
    scrollTo(100_000);
    scrollTo(0);
    for (let y = 0; y <= 100_000; y += 1000) scrollTo(y);
    expect(pending.size).toBe(0);
    expect(listening()).toBe(false);
  });

  it('resolved at once, does not check again in the frame that adding asked for', () => {
    const { pending, resolved, add, runFrame, reads } = setUp(1000);
    add();
    pending.resolveNear();
    const after = reads();

    runFrame();

    expect(resolved).toHaveLength(21);
    expect(reads()).toBe(after);
  });

  it('prepares the blocks of a frame together, before resolving any of them, with the hundred pending after them', () => {
    const { prepared, aheads, resolved, add, runFrame, scrollTo } = setUp(1000);
    add();
    runFrame();
    scrollTo(50_000);

    expect(prepared).toHaveLength(2);
    expect(prepared.flat()).toEqual(resolved);
    expect(aheads[0]).toEqual(Array.from({ length: 100 }, (_, i) => `b${21 + i}`));
    expect(aheads[1]![0]).toBe(`b${Number(prepared[1]!.at(-1)!.slice(1)) + 1}`);
  });

  it("offers no blocks ahead when asked for none (a page's first check)", () => {
    const { pending, aheads, add } = setUp(1000);
    add();
    pending.resolveNear(0);

    expect(aheads).toEqual([[]]);
  });

  it('hands a block to whoever takes it first, once', () => {
    const { pending, blocks, resolved, add, runFrame } = setUp(100);
    add();

    expect(pending.take(blocks[3] as unknown as Element)).toBe('b3');
    runFrame();

    expect(resolved).not.toContain('b3');
    expect(pending.take(blocks[3] as unknown as Element)).toBeUndefined();
  });

  it('skips a block no longer in the page', () => {
    const { blocks, resolved, add, runFrame } = setUp(10);
    blocks[2]!.isConnected = false;
    add();
    runFrame();

    expect(resolved).not.toContain('b2');
    expect(resolved).toContain('b3');
  });

  it('clear() forgets every block and stops listening', () => {
    const { pending, resolved, add, runFrame, listening } = setUp(100);
    add();
    pending.clear();
    runFrame();

    expect(resolved).toEqual([]);
    expect(listening()).toBe(false);
  });
});
