/** Test helpers for the page scanner under happy-dom. */

/** happy-dom has neither StaticRange nor the CSS Custom Highlight API: minimal stand-ins with the same shape. */
export function installHighlightApi(): void {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.StaticRange !== 'function') {
    g.StaticRange = class StaticRange {
      readonly startContainer: Node;
      readonly startOffset: number;
      readonly endContainer: Node;
      readonly endOffset: number;
      constructor(init: StaticRangeInit) {
        this.startContainer = init.startContainer;
        this.startOffset = init.startOffset;
        this.endContainer = init.endContainer;
        this.endOffset = init.endOffset;
      }
      get collapsed(): boolean {
        return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
      }
    };
  }
  if (typeof g.Highlight !== 'function') g.Highlight = class Highlight extends Set<AbstractRange> {};
  // happy-dom's window.CSS is a getter that makes a new object each time: give its class one shared registry.
  const registry = new Map<string, unknown>();
  const css = g.CSS as object | undefined;
  if (!css) g.CSS = { highlights: registry };
  else if (!('highlights' in css)) Object.defineProperty(Object.getPrototypeOf(css), 'highlights', { get: () => registry });
}
