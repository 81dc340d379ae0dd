// @vitest-environment happy-dom
/**
 * A page with more than LAZY_FROM characters of text is read lazily: the
 * blocks within a screen of the viewport when it loads, the others as the
 * reader scrolls to them, and all of them when someone asks for every
 * mention. happy-dom lays nothing out, so each paragraph is given a box: the
 * n-th is `HEIGHT` tall at n × `HEIGHT` down the page.
 */
import entries from 'virtual:glossary';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { compileGlossary } from '../../lib/core/matcher';
import { resolvePage, TOPIC_WORDS } from '../../lib/core/relevance';
import { HIGHLIGHT_NAME, LAZY_FROM, PageScanner } from '../../lib/dom/page-scanner';
import { installHighlightApi } from './highlight-api';

const glossary = compileGlossary(entries, TOPIC_WORDS);
const HEIGHT = 100;
const PROBATION = (n: number) =>
  `Paragraph ${n}: the probation officer finished the OASys assessment before the parole hearing, and the licence conditions were explained to the offender in custody.`;
const GARDEN = (n: number) =>
  `Paragraph ${n}: the allotment society met on Tuesday to plan the spring planting of beans, leeks and sweet peas along the southern wall of the orchard.`;

let scroll = 0;
let scanner: PageScanner | undefined;

beforeAll(() => {
  installHighlightApi();
  const paragraphs = () => [...document.querySelectorAll('p')];
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const top = paragraphs().indexOf(this as HTMLParagraphElement) * HEIGHT - scroll;
    return { top, bottom: top + HEIGHT, left: 0, right: 800, width: 800, height: HEIGHT, x: 0, y: top } as DOMRect;
  };
  // A range's box: its text's paragraph's.
  Range.prototype.getBoundingClientRect = function (this: Range) {
    return (this.startContainer as Node).parentElement!.getBoundingClientRect();
  };
});

afterEach(() => {
  scanner?.stop();
  scanner = undefined;
  scroll = 0;
  document.body.replaceChildren();
});

function setUp(texts: readonly string[]): PageScanner {
  for (const text of texts) {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
  }
  if (texts.length) expect(texts.join('').length).toBeGreaterThan(LAZY_FROM);
  scanner = new PageScanner({ document, glossary });
  return scanner;
}

/** The registered ranges' texts, with the index of the paragraph each lies in. */
function registered(): { text: string; paragraph: number }[] {
  const paragraphs = [...document.querySelectorAll('p')];
  const ranges = [...(CSS.highlights.get(HIGHLIGHT_NAME) ?? [])] as StaticRange[];
  return ranges
    .map((range) => ({
      text: (range.startContainer as Text).data.slice(range.startOffset, range.endOffset),
      paragraph: paragraphs.indexOf(range.startContainer.parentElement as HTMLParagraphElement),
    }))
    .sort((a, b) => a.paragraph - b.paragraph);
}

/**
 * A division whose own text comes before and after a thousand paragraphs,
 * scanned: the first scan's walk pauses inside it, and its last words are
 * read only when the walk goes on.
 */
async function straddlingDivision(): Promise<{ division: HTMLDivElement; opening: Text; scanner: PageScanner }> {
  const division = document.createElement('div');
  const opening = document.createTextNode('The OASys score came first.');
  division.append(opening);
  for (let n = 0; n < 1000; n++) {
    const p = document.createElement('p');
    p.textContent = PROBATION(n);
    division.append(p);
  }
  division.append('The ViSOR record came last.');
  const scanner = setUp([]);
  document.body.append(division);
  await scanner.start();
  return { division, opening, scanner };
}

/** Scrolls to `y` and lets the scanner's frame run. */
async function scrollTo(y: number): Promise<void> {
  scroll = y;
  document.dispatchEvent(new Event('scroll'));
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('a long page, read near the viewport first', () => {
  it('reads only the paragraphs within a screen of the viewport when it loads', async () => {
    const texts = Array.from({ length: 1000 }, (_, n) => PROBATION(n));
    const scanner = setUp(texts);

    await scanner.start();

    const view = innerHeight;
    const near = Math.ceil((2 * view) / HEIGHT) + 1;
    const shown = registered();
    const oasys = shown.filter(({ text }) => text === 'OASys').map(({ paragraph }) => paragraph);
    // Every paragraph in the viewport and the screen below it.
    expect(oasys.slice(0, near - 1)).toEqual(Array.from({ length: near - 1 }, (_, n) => n));
    expect(Math.max(...shown.map(({ paragraph }) => paragraph))).toBeLessThan(near + 10);
    // Characters read: the paragraphs near the viewport, not the page.
    expect(scanner.signal.length).toBeLessThan(texts.join('').length / 10);
  });

  it('reads and highlights the paragraphs the reader scrolls to', async () => {
    const scanner = setUp(Array.from({ length: 1000 }, (_, n) => PROBATION(n)));
    await scanner.start();
    const before = scanner.signal.length;

    await scrollTo(900 * HEIGHT);

    expect(registered().some(({ paragraph }) => paragraph === 905)).toBe(true);
    expect(registered().some(({ paragraph }) => paragraph > 30 && paragraph < 800)).toBe(false);
    expect(scanner.signal.length).toBeGreaterThan(before);
  });

  it('lists every mention when asked, as reading the whole page would find them', async () => {
    const texts = Array.from({ length: 1000 }, (_, n) => (n % 3 ? PROBATION(n) : GARDEN(n)));
    const scanner = setUp(texts);
    await scanner.start();

    const mentions = [...scanner.mentions()].map((m) => m.text);

    const whole = resolvePage(texts, glossary).flatMap((found, i) => found.map((m) => texts[i]!.slice(m.start, m.end)));
    expect(mentions.length).toBeGreaterThan(600);
    expect(mentions.sort()).toEqual(whole.sort());
  });

  it("reads the rest of the page in slices when asked to, with the page's own tasks in between", async () => {
    const texts = Array.from({ length: 3000 }, (_, n) => PROBATION(n));
    const scanner = setUp(texts);
    await scanner.start();
    let ticks = 0;
    const tick = setInterval(() => ticks++, 0);

    try {
      await scanner.readAll();
    } finally {
      clearInterval(tick);
    }

    expect(scanner.signal.length).toBe(texts.join('').length);
    expect(ticks).toBeGreaterThan(1);
    const shown = [...scanner.mentions()].filter((m) => m.text === 'OASys');
    expect(shown).toHaveLength(3000);
  });

  it('shows an in-context term it passed over once the page turns out to be about probation further down', async () => {
    // "payment by results" is shown only on a page, or in a passage, about probation.
    const opening = 'The council now pays its recycling contractor on a payment by results basis.';
    const texts = [opening, ...Array.from({ length: 200 }, (_, n) => GARDEN(n)), ...Array.from({ length: 800 }, (_, n) => PROBATION(n))];
    const scanner = setUp(texts);
    await scanner.start();
    expect(registered().map(({ text }) => text)).not.toContain('payment by results');

    await scrollTo(600 * HEIGHT);

    expect(registered().filter(({ paragraph }) => paragraph === 0).map(({ text }) => text)).toEqual(['payment by results']);
  });

  it('keeps the mentions of a block whose text lies on both sides of where the walk paused', async () => {
    const { division, scanner } = await straddlingDivision();

    const own = [...scanner.mentions()].filter((m) => m.block === division).map((m) => m.text);

    expect(own).toEqual(['OASys', 'ViSOR']);
  });

  it('reads the page again from the start when the page takes away the place its walk would go on from', async () => {
    const scanner = setUp(Array.from({ length: 1000 }, (_, n) => PROBATION(n)));
    await scanner.start();
    const paragraphs = [...document.querySelectorAll('p')];
    for (const p of paragraphs.slice(500)) p.remove();
    const replacement = document.createElement('p');
    replacement.textContent = 'A new paragraph: the ViSOR entry was updated by the police.';
    document.body.append(replacement);

    // Asking for every mention makes the walk go on, from a place no longer in the page.
    expect([...scanner.mentions()].length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const texts = [...scanner.mentions()].map((m) => m.text);
    expect(texts.filter((text) => text === 'OASys')).toHaveLength(500);
    expect(texts).toContain('ViSOR');
  });

  it('reads text that changes beyond where the walk paused once, when the walk gets there', async () => {
    const { division, opening, scanner } = await straddlingDivision();

    // The division's own text changes (its block is rescanned), and so does a paragraph the walk has
    // not reached: neither is read twice.
    opening.data = 'The OASys score came first, and then MAPPA.';
    const far = division.querySelectorAll('p')[990]!;
    far.textContent = 'A far paragraph about the ARMS assessment.';
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mentions = [...scanner.mentions()];

    expect(mentions.filter((m) => m.block === division).map((m) => m.text)).toEqual(['OASys', 'MAPPA', 'ViSOR']);
    expect(mentions.filter((m) => m.block === far).map((m) => m.text)).toEqual(['ARMS']);
    expect(mentions.filter((m) => m.text === 'OASys')).toHaveLength(1000);
  });

  it('lists every mention when asked just as the page took away the place its walk would go on from', async () => {
    // Still long once cut: read again lazily, which readAll waits for.
    const scanner = setUp(Array.from({ length: 2000 }, (_, n) => PROBATION(n)));
    await scanner.start();
    for (const p of [...document.querySelectorAll('p')].slice(500, 1000)) p.remove();
    const replacement = document.createElement('p');
    replacement.textContent = 'A new paragraph: the ViSOR entry was updated by the police.';
    document.body.append(replacement);

    await scanner.readAll();

    const texts = [...scanner.mentions()].map((m) => m.text);
    expect(texts.filter((text) => text === 'OASys')).toHaveLength(1500);
    expect(texts).toContain('ViSOR');
  });

  it('does not bring back a mention in a block the page removed when the page turns out to be about probation', async () => {
    const opening = 'The council now pays its recycling contractor on a payment by results basis.';
    const texts = [opening, ...Array.from({ length: 200 }, (_, n) => GARDEN(n)), ...Array.from({ length: 800 }, (_, n) => PROBATION(n))];
    const scanner = setUp(texts);
    await scanner.start();

    document.querySelector('p')!.remove();
    await scrollTo(600 * HEIGHT);

    expect([...scanner.mentions()].map((m) => m.text)).not.toContain('payment by results');
  });

  it('reads the page again when it replaces its content, as a single-page app does, without waiting for a scroll', async () => {
    const scanner = setUp(Array.from({ length: 1000 }, (_, n) => PROBATION(n)));
    await scanner.start();
    // Between a node in the page and one out of it, a browser may answer either order ("implementation
    // specific"): answer the one that would hide the new page behind the old walk's place.
    const compare = Node.prototype.compareDocumentPosition;
    Node.prototype.compareDocumentPosition = function (this: Node, other: Node) {
      if (this.isConnected === other.isConnected) return compare.call(this, other);
      return Node.DOCUMENT_POSITION_DISCONNECTED | Node.DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC | Node.DOCUMENT_POSITION_PRECEDING;
    };
    onTestFinished(() => {
      Node.prototype.compareDocumentPosition = compare;
    });

    document.body.replaceChildren(
      ...Array.from({ length: 1000 }, (_, n) => {
        const p = document.createElement('p');
        p.textContent = `Page two, paragraph ${n}: the ViSOR record was checked before the parole hearing by the probation officer.`;
        return p;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));

    const shown = registered();
    expect(shown.filter(({ paragraph }) => paragraph === 0).map(({ text }) => text)).toContain('ViSOR');
    expect(shown.map(({ text }) => text)).not.toContain('OASys');
  });
});

