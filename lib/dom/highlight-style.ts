/**
 * The reader's underline style, applied without touching the page's DOM: a
 * constructed stylesheet in `document.adoptedStyleSheets`, which no
 * MutationObserver sees. The default (dotted) comes from the content
 * script's manifest CSS, so with the default nothing is adopted at all and
 * page or user styles for `::highlight(probation-jargon)` keep working.
 */
import type { UnderlineStyle } from '../core/settings';
import { HIGHLIGHT_NAME } from './page-scanner';

const RULES: Record<UnderlineStyle, string | undefined> = {
  dotted: undefined,
  solid: 'text-decoration-line: underline; text-decoration-style: solid;',
  background: 'text-decoration-line: none; background-color: rgb(47 111 235 / 0.18);',
  none: 'text-decoration-line: none; background-color: transparent;',
};

export class HighlightStyle {
  readonly #doc: Document;
  #sheet?: CSSStyleSheet;
  #style: UnderlineStyle = 'dotted';

  constructor(document: Document) {
    this.#doc = document;
  }

  get style(): UnderlineStyle {
    return this.#style;
  }

  /** Applies `style`; returns false where the browser cannot adopt a stylesheet from here. */
  set(style: UnderlineStyle): boolean {
    this.#style = style;
    const rules = RULES[style];
    if (!rules) {
      this.detach();
      return true;
    }
    try {
      this.#sheet ??= new (this.#doc.defaultView ?? window).CSSStyleSheet();
      this.#sheet.replaceSync(`::highlight(${HIGHLIGHT_NAME}) { ${rules} }`);
      const sheets = this.#doc.adoptedStyleSheets;
      if (!sheets.includes(this.#sheet)) this.#doc.adoptedStyleSheets = [...sheets, this.#sheet];
      return true;
    } catch (error) {
      // Firefox's content-script sandbox may refuse a sheet from our compartment; keep the default look.
      console.warn('Probation Jargon: could not apply the underline style', error);
      return false;
    }
  }

  /** Removes our stylesheet, leaving the page's own adopted sheets as they are. */
  detach(): void {
    const sheet = this.#sheet;
    if (!sheet) return;
    const sheets = this.#doc.adoptedStyleSheets;
    if (sheets.includes(sheet)) this.#doc.adoptedStyleSheets = sheets.filter((s) => s !== sheet);
  }
}
