/**
 * The one node the extension adds to a page: a host element, outside <body>,
 * with a closed shadow root holding the card. The shadow root keeps page CSS
 * out and ours in; the host is a manual popover so that it sits in the top
 * layer above any z-index; its own inline !important styles beat hostile
 * page rules such as `* { all: unset !important }`.
 */
import { placeCard } from './place-card';

const HOST_TAG = 'probation-jargon-card';
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'inset: auto',
  'top: 0',
  'left: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'background: transparent',
  'overflow: visible',
  'z-index: 2147483647',
  'display: block',
  'width: max-content',
  'height: max-content',
  'transform: none',
  'contain: layout style',
]
  .map((rule) => `${rule} !important`)
  .join(';');

export interface CardHostOptions {
  document: Document;
  css: string;
  /** Called when the pointer enters or leaves the card. */
  onPointerInside?: (inside: boolean) => void;
}

export class CardHost {
  readonly #doc: Document;
  readonly #options: CardHostOptions;
  #host?: HTMLElement;
  #root?: HTMLElement;
  #shown = false;

  constructor(options: CardHostOptions) {
    this.#doc = options.document;
    this.#options = options;
  }

  /** Whether `element` is our host (so page scans and event handlers ignore it). */
  static isHost(element: Element): boolean {
    return element.localName === HOST_TAG;
  }

  get shown(): boolean {
    return this.#shown;
  }

  /** Whether an event's target is inside the card. */
  contains(target: EventTarget | null): boolean {
    return !!this.#host && target === this.#host;
  }

  /** Shows `card` (in place of any card shown) next to `anchor`, a rectangle in viewport coordinates. */
  async show(card: HTMLElement, anchor: () => DOMRect): Promise<void> {
    const { host, root } = this.#ensure();
    this.#replace(root, card);
    const parent = this.#container();
    if (host.parentNode !== parent) parent.append(host);
    // A zoomed page (html { zoom: 1.75 }) would scale and misplace the card: undo the zoom it inherits.
    const zoom = effectiveZoom(parent);
    if (zoom !== 1) host.style.setProperty('zoom', String(1 / zoom), 'important');
    else host.style.removeProperty('zoom');
    if (typeof host.showPopover === 'function' && !host.matches(':popover-open')) host.showPopover();
    this.#shown = true;
    const viewport = this.#doc.documentElement;
    const { x, y } = placeCard({
      anchor: anchor(),
      size: host.getBoundingClientRect(),
      viewport: { width: viewport.clientWidth, height: viewport.clientHeight },
    });
    host.style.setProperty('transform', `translate(${Math.round(x)}px, ${Math.round(y)}px)`, 'important');
  }

  /** Moves keyboard focus into the card, for the keyboard command and screen readers. */
  focus(): void {
    (this.#root?.firstElementChild as HTMLElement | null)?.focus();
  }

  hide(): void {
    if (!this.#shown) return;
    this.#shown = false;
    this.#root?.replaceChildren();
    this.#host?.remove();
  }

  detach(): void {
    this.hide();
    this.#host = undefined;
    this.#root = undefined;
  }

  // --- Implementation helpers ---

  /**
   * Where the host goes: <html>, except while a modal dialog or a fullscreen
   * element is open. Then the rest of the page is inert, or cannot be hit by
   * the pointer even in the top layer, so the card goes inside it, or it
   * could be seen but not used.
   */
  #container(): Element {
    const doc = this.#doc;
    let modal: Element | null | undefined;
    try {
      modal = [...doc.querySelectorAll('dialog:modal')].at(-1);
    } catch {
      modal = undefined; // A browser without :modal: no modal dialogs to work round.
    }
    modal ??= doc.fullscreenElement;
    return modal && !CHILDLESS.has(modal.localName) ? modal : doc.documentElement;
  }

  /**
   * Puts `card` in the root. A card replaced while it holds keyboard focus
   * (the pointer rests on another term) passes focus on to the same control
   * of the new card, or to the new dialog, so it does not drop to the page.
   */
  #replace(root: HTMLElement, card: HTMLElement): void {
    const old = root.firstElementChild;
    const active = (root.getRootNode() as ShadowRoot).activeElement;
    const focused = old && active && old.contains(active) ? active : null;
    root.replaceChildren(card);
    if (!focused) return;
    // Our own tag and class names, never data, make the selector: button.close, button.link, a.
    const selector = [focused.localName, ...focused.classList].join('.');
    const same = focused === old ? null : card.querySelector<HTMLElement>(selector);
    (same ?? card).focus({ preventScroll: true });
  }

  #ensure(): { host: HTMLElement; root: HTMLElement } {
    if (this.#host && this.#root) return { host: this.#host, root: this.#root };
    const host = this.#doc.createElement(HOST_TAG);
    host.setAttribute('style', HOST_STYLE);
    if ('popover' in host) host.popover = 'manual';
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = this.#doc.createElement('style');
    style.textContent = this.#options.css;
    const root = this.#doc.createElement('div');
    shadow.append(style, root);
    host.addEventListener('pointerenter', () => this.#options.onPointerInside?.(true));
    host.addEventListener('pointerleave', () => this.#options.onPointerInside?.(false));
    this.#host = host;
    this.#root = root;
    return { host, root };
  }
}

/** Elements that render no child elements, so a card inside them would not show. */
const CHILDLESS = new Set([
  'video',
  'audio',
  'iframe',
  'img',
  'canvas',
  'embed',
  'object',
  'input',
  'textarea',
  'select',
]);

/** The zoom factor an element's content gets from `zoom` on it and its ancestors. */
function effectiveZoom(element: Element): number {
  let zoom = 1;
  const view = element.ownerDocument.defaultView;
  if (!view) return zoom;
  for (let el: Element | null = element; el; el = el.parentElement) {
    const own = Number.parseFloat(view.getComputedStyle(el).zoom);
    if (own > 0) zoom *= own;
  }
  return zoom;
}
